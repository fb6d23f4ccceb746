"""``tf.compat.v1.keras.losses`` of TF 1.15.5's bundled Keras 2.2.4-tf, eager mode: the
cross-entropy functions and loss classes (``tensorflow_core/python/keras/losses.py`` and
``keras/utils/losses_utils.py`` of the 1.15.5 wheel).

``label_smoothing`` is converted to a float32 tensor (``floatx()``) and mixed with the labels
in float32 arithmetic, so a nonzero smoothing on float16 / float64 predictions fails in the
``Mul`` exactly as TF 1.15 does. Loss classes reduce in float32 and cast back.
"""
import numpy as np

from .. import _api
from .... import _dtypes, _ops
from ...._tensor import Tensor
from .. import _losses
from . import _backend as K


class _ReductionV2(object):
    """``ops/losses/loss_reduction.ReductionV2`` (not exported under compat.v1)."""

    AUTO = "auto"
    NONE = "none"
    SUM = "sum"
    SUM_OVER_BATCH_SIZE = "sum_over_batch_size"

    @classmethod
    def all(cls):
        return (cls.AUTO, cls.NONE, cls.SUM, cls.SUM_OVER_BATCH_SIZE)

    @classmethod
    def validate(cls, key):
        if key not in cls.all():
            raise ValueError("Invalid Reduction Key %s." % key)


_REF = "v1"


# --------------------------------------------------------------------------- losses_utils
def _expand_last(t):
    return Tensor._make(t._value.reshape(t._value.shape + (1,)), t.dtype, _REF)


def _squeeze_or_expand_weights(y_pred, sample_weight):
    """``losses/util.squeeze_or_expand_dimensions(y_pred, None, sample_weight)``."""
    sample_weight = _api.convert_to_tensor(sample_weight)
    wr, pr = sample_weight._value.ndim, y_pred._value.ndim
    if wr == 0:
        return sample_weight
    if wr - pr == 1:
        return _losses.squeeze_last(sample_weight)
    if pr - wr == 1:
        return _expand_last(sample_weight)
    return sample_weight


def _scale_losses_by_sample_weight(losses, sample_weight):
    losses = _api.cast(losses, _dtypes.float32)
    sample_weight = _api.cast(sample_weight, _dtypes.float32)
    sample_weight = _squeeze_or_expand_weights(losses, sample_weight)
    sample_weight = _losses.broadcast_weights(sample_weight, losses)
    return _losses._mul(losses, sample_weight)


def compute_weighted_loss(losses, sample_weight=None,
                          reduction=_ReductionV2.SUM_OVER_BATCH_SIZE, name=None):
    """``keras/utils/losses_utils.compute_weighted_loss`` (TF 1.15.5)."""
    _ReductionV2.validate(reduction)
    if reduction == _ReductionV2.AUTO:
        reduction = _ReductionV2.SUM_OVER_BATCH_SIZE
    if sample_weight is None:
        sample_weight = 1.0
    with _ops.v1_name_scope(_REF, _ops.v1_scope_prefix() + (name or "weighted_loss") + "/"):
        losses = _api.convert_to_tensor(losses)
        input_dtype = losses.dtype
        weighted_losses = _scale_losses_by_sample_weight(losses, sample_weight)
        if reduction == _ReductionV2.NONE:
            loss = weighted_losses
        else:
            loss = _losses._sum(weighted_losses)
            if reduction == _ReductionV2.SUM_OVER_BATCH_SIZE:
                loss = _losses._safe_mean(loss, _losses._num_elements(weighted_losses))
        return _ops.cast(loss, input_dtype, _REF)


# --------------------------------------------------------------------------- functions
def _smoothing_on(label_smoothing):
    """``smart_cond.smart_cond(label_smoothing, ...)`` on an eager float32 tensor: the truth
    value of its NumPy value."""
    return bool(label_smoothing._numpy())


def _shape_dim1(t):
    """``array_ops.shape(t)[1]`` (StridedSlice on the int32 shape vector)."""
    from ....errors import InvalidArgumentError, KernelError, raise_op_error
    shape = t._value.shape
    if len(shape) < 2:
        raise_op_error(_REF, KernelError(
            InvalidArgumentError, "slice index 1 of dimension 0 out of bounds."),
            "StridedSlice", _ops.v1_scope_prefix() + "strided_slice/", True)
    return Tensor._make(np.array(shape[1], np.int32), _dtypes.int32, _REF)


def categorical_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0):
    """``keras.losses.categorical_crossentropy`` (TF 1.15.5): no ``axis``; smoothing uses the
    class count of axis 1 and float32 arithmetic."""
    y_pred = _api.convert_to_tensor(y_pred)
    y_true = _api.cast(y_true, y_pred.dtype)
    label_smoothing = _api.convert_to_tensor(label_smoothing, dtype=_dtypes.float32)
    if _smoothing_on(label_smoothing):
        num_classes = _ops.cast(_shape_dim1(y_true), y_pred.dtype, _REF)
        y_true = y_true * (1.0 - label_smoothing) + (label_smoothing / num_classes)
    return K.categorical_crossentropy(y_true, y_pred, from_logits=from_logits)


def sparse_categorical_crossentropy(y_true, y_pred, from_logits=False, axis=-1):
    """``keras.losses.sparse_categorical_crossentropy`` (TF 1.15.5): no conversion of
    ``y_pred`` before the backend."""
    return K.sparse_categorical_crossentropy(y_true, y_pred, from_logits=from_logits, axis=axis)


def binary_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0):
    """``keras.losses.binary_crossentropy`` (TF 1.15.5): mean over the last axis."""
    y_pred = _api.convert_to_tensor(y_pred)
    y_true = _api.cast(y_true, y_pred.dtype)
    label_smoothing = _api.convert_to_tensor(label_smoothing, dtype=_dtypes.float32)
    if _smoothing_on(label_smoothing):
        y_true = y_true * (1.0 - label_smoothing) + 0.5 * label_smoothing
    return K.mean(K.binary_crossentropy(y_true, y_pred, from_logits=from_logits), axis=-1)


# --------------------------------------------------------------------------- classes
class Loss(object):
    """``keras.losses.Loss`` (TF 1.15.5)."""

    def __init__(self, reduction=_ReductionV2.AUTO, name=None):
        _ReductionV2.validate(reduction)
        self.reduction = reduction
        self.name = name

    def __call__(self, y_true, y_pred, sample_weight=None):
        scope_name = "lambda" if self.name == "<lambda>" else self.name
        scope = _ops.v1_scope_prefix() + (scope_name or self.__class__.__name__) + "/"
        with _ops.v1_name_scope(_REF, scope):
            losses = self.call(y_true, y_pred)
            return compute_weighted_loss(losses, sample_weight, reduction=self._get_reduction())

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def get_config(self):
        return {"reduction": self.reduction, "name": self.name}

    def call(self, y_true, y_pred):
        NotImplementedError("Must be implemented in subclasses.")

    def _get_reduction(self):
        if self.reduction == _ReductionV2.AUTO:
            return _ReductionV2.SUM_OVER_BATCH_SIZE
        return self.reduction


class LossFunctionWrapper(Loss):
    """``keras.losses.LossFunctionWrapper`` (TF 1.15.5)."""

    def __init__(self, fn, reduction=_ReductionV2.AUTO, name=None, **kwargs):
        super(LossFunctionWrapper, self).__init__(reduction=reduction, name=name)
        self.fn = fn
        self._fn_kwargs = kwargs

    def call(self, y_true, y_pred):
        return self.fn(y_true, y_pred, **self._fn_kwargs)

    def get_config(self):
        config = {}
        for k, v in self._fn_kwargs.items():
            config[k] = v.numpy() if isinstance(v, Tensor) else v
        base_config = super(LossFunctionWrapper, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


class BinaryCrossentropy(LossFunctionWrapper):
    """``keras.losses.BinaryCrossentropy`` (TF 1.15.5)."""

    def __init__(self, from_logits=False, label_smoothing=0, reduction=_ReductionV2.AUTO,
                 name="binary_crossentropy"):
        super(BinaryCrossentropy, self).__init__(
            binary_crossentropy, name=name, reduction=reduction, from_logits=from_logits,
            label_smoothing=label_smoothing)
        self.from_logits = from_logits


class CategoricalCrossentropy(LossFunctionWrapper):
    """``keras.losses.CategoricalCrossentropy`` (TF 1.15.5)."""

    def __init__(self, from_logits=False, label_smoothing=0, reduction=_ReductionV2.AUTO,
                 name="categorical_crossentropy"):
        super(CategoricalCrossentropy, self).__init__(
            categorical_crossentropy, name=name, reduction=reduction, from_logits=from_logits,
            label_smoothing=label_smoothing)


class SparseCategoricalCrossentropy(LossFunctionWrapper):
    """``keras.losses.SparseCategoricalCrossentropy`` (TF 1.15.5)."""

    def __init__(self, from_logits=False, reduction=_ReductionV2.AUTO,
                 name="sparse_categorical_crossentropy"):
        super(SparseCategoricalCrossentropy, self).__init__(
            sparse_categorical_crossentropy, name=name, reduction=reduction,
            from_logits=from_logits)
