"""``tf.keras.losses`` of TF 2.21 = Keras 3.15.1 (``keras/src/losses/losses.py``,
``keras/src/losses/loss.py``): the cross-entropy loss functions and classes, with Keras's
signatures, op order, checks, messages, warnings, reductions and configs.

The functions run the TensorFlow-backend ops in ``tfxent.keras._backend``; the classes
convert their inputs to the loss dtype (the ``float32`` floatx policy unless ``dtype=``),
call the function, then apply ``reduce_weighted_values`` exactly as ``loss.py`` does.
"""
import collections
import re
import warnings

import numpy as np

from .._tensor import Tensor
from . import _backend as K

__all__ = ["Loss", "LossFunctionWrapper", "categorical_crossentropy",
           "sparse_categorical_crossentropy", "binary_crossentropy",
           "categorical_focal_crossentropy", "binary_focal_crossentropy",
           "CategoricalCrossentropy", "SparseCategoricalCrossentropy", "BinaryCrossentropy",
           "CategoricalFocalCrossentropy", "BinaryFocalCrossentropy"]


def _check_axis(axis):
    if isinstance(axis, bool):
        raise ValueError("`axis` must be of type `int`. Received: axis=%s of type %s"
                         % (axis, type(axis)))


def _warn_one_class(fn_name, y_pred):
    if y_pred.shape[-1] == 1:
        warnings.warn(
            "In loss %s, expected y_pred.shape to be (batch_size, num_classes) with "
            "num_classes > 1. Received: y_pred.shape=%s. Consider using "
            "'binary_crossentropy' if you only have 2 classes." % (fn_name, y_pred.shape),
            SyntaxWarning, stacklevel=3)


def _smooth_categorical(y_true, y_pred, label_smoothing):
    num_classes = K.cast(K.shape(y_true)[-1], y_pred.dtype)
    return y_true * (1.0 - label_smoothing) + (label_smoothing / num_classes)


# =========================================================================== functions
def categorical_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    """``keras.losses.categorical_crossentropy`` (Keras 3.15.1 ``losses.py``): label
    smoothing uses the last dimension as the class count whatever ``axis`` is."""
    _check_axis(axis)
    y_pred = K.convert_to_tensor(y_pred)
    y_true = K.cast(y_true, y_pred.dtype)
    _warn_one_class("categorical_crossentropy", y_pred)
    if label_smoothing:
        y_true = _smooth_categorical(y_true, y_pred, label_smoothing)
    return K.categorical_crossentropy(y_true, y_pred, from_logits=from_logits, axis=axis)


def categorical_focal_crossentropy(y_true, y_pred, alpha=0.25, gamma=2.0, from_logits=False,
                                   label_smoothing=0.0, axis=-1):
    """``keras.losses.categorical_focal_crossentropy`` (Keras 3.15.1 ``losses.py``)."""
    _check_axis(axis)
    y_pred = K.convert_to_tensor(y_pred)
    y_true = K.cast(y_true, y_pred.dtype)
    _warn_one_class("categorical_focal_crossentropy", y_pred)
    if label_smoothing:
        y_true = _smooth_categorical(y_true, y_pred, label_smoothing)
    if from_logits:
        y_pred = _softmax_op(y_pred, axis=axis)
    output = y_pred / K.sum(y_pred, axis=axis, keepdims=True)
    output = K.clip(output, K.EPSILON, 1.0 - K.EPSILON)
    cce = -y_true * K.log(output)
    modulating_factor = K.power(1.0 - output, gamma)
    weighting_factor = K.multiply(modulating_factor, alpha)
    focal_cce = K.multiply(weighting_factor, cce)
    return K.sum(focal_cce, axis=axis)


def sparse_categorical_crossentropy(y_true, y_pred, from_logits=False, ignore_class=None, axis=-1):
    """``keras.losses.sparse_categorical_crossentropy`` (Keras 3.15.1 ``losses.py``): reads
    ``y_true.shape`` / ``y_pred.shape`` first, so Python lists fail with AttributeError.
    ``ignore_class`` zeroes the ignored labels, predictions and losses, and marks the result
    with a Keras mask."""
    if len(y_true.shape) == len(y_pred.shape) and y_true.shape[axis] == 1:
        y_true = K.squeeze(y_true, axis=axis)
    if ignore_class is not None:
        class_axis = K._canonicalize_axis(axis, len(y_pred.shape))
        y_pred_shape = K.shape(K.convert_to_tensor(y_pred))
        res_shape = tuple(d for i, d in enumerate(y_pred_shape) if i != class_axis)
        valid_mask = K.not_equal(y_true, K.cast(ignore_class, y_pred.dtype))
        y_true = K.where(valid_mask, y_true, 0)
        y_pred = K.where(K.expand_dims(valid_mask, axis), y_pred, 0)
    res = K.sparse_categorical_crossentropy(y_true, y_pred, from_logits=from_logits, axis=axis)
    if ignore_class is not None:
        valid_mask = K.reshape(valid_mask, res_shape)
        res = K.where(valid_mask, res, 0.0)
        res = K.with_attr(res, "_keras_mask", valid_mask)
    return res


def binary_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    """``keras.losses.binary_crossentropy`` (Keras 3.15.1 ``losses.py``): the elementwise
    backend loss averaged over ``axis`` (half / bfloat16 averaged in float32)."""
    y_pred = K.convert_to_tensor(y_pred)
    y_true = K.cast(y_true, y_pred.dtype)
    if label_smoothing:
        y_true = y_true * (1.0 - label_smoothing) + 0.5 * label_smoothing
    return K.mean(K.binary_crossentropy(y_true, y_pred, from_logits=from_logits), axis=axis)


def binary_focal_crossentropy(y_true, y_pred, apply_class_balancing=False, alpha=0.25, gamma=2.0,
                              from_logits=False, label_smoothing=0.0, axis=-1):
    """``keras.losses.binary_focal_crossentropy`` (Keras 3.15.1 ``losses.py``)."""
    y_pred = K.convert_to_tensor(y_pred)
    y_true = K.cast(y_true, y_pred.dtype)
    if label_smoothing:
        y_true = y_true * (1.0 - label_smoothing) + 0.5 * label_smoothing
    if from_logits:
        y_pred = K.tf_sigmoid(y_pred)
    bce = K.binary_crossentropy(y_true, y_pred, from_logits=False)
    p_t = y_true * y_pred + (1 - y_true) * (1 - y_pred)
    focal_factor = K.power(1.0 - p_t, gamma)
    focal_bce = focal_factor * bce
    if apply_class_balancing:
        weight = y_true * alpha + (1 - y_true) * (1 - alpha)
        focal_bce = weight * focal_bce
    return K.mean(focal_bce, axis=axis)


def _softmax_op(x, axis=-1):
    from .ops import softmax
    return softmax(x, axis=axis)


# =========================================================================== reduction
def standardize_reduction(reduction):
    """``loss.py: standardize_reduction``. The message prints Keras's set literal, whose
    iteration order follows this process's string hashing (``PYTHONHASHSEED``): the same set
    is built here in Keras's insertion order, so it prints as Keras would in this process."""
    allowed = {
        "sum_over_batch_size",
        "sum",
        None,
        "none",
        "mean",
        "mean_with_sample_weight",
    }
    if reduction not in allowed:
        raise ValueError("Invalid value for argument `reduction`. Expected one of %s. Received: "
                         "reduction=%s" % (allowed, reduction))
    return reduction


def squeeze_or_expand_to_same_rank(x1, x2, expand_rank_1=True):
    """``loss.py: squeeze_or_expand_to_same_rank``."""
    r1, r2 = len(x1.shape), len(x2.shape)
    if r1 == r2:
        return x1, x2
    if r1 == r2 + 1:
        if x1.shape[-1] == 1:
            if r2 == 1 and expand_rank_1:
                x2 = K.expand_dims(x2, axis=-1)
            else:
                x1 = K.squeeze(x1, axis=-1)
    if r2 == r1 + 1:
        if x2.shape[-1] == 1:
            if r1 == 1 and expand_rank_1:
                x1 = K.expand_dims(x1, axis=-1)
            else:
                x2 = K.squeeze(x2, axis=-1)
    return x1, x2


def reduce_values(values, sample_weight=None, reduction="sum_over_batch_size"):
    if reduction is None or reduction == "none" or tuple(values.shape) in ((), (0,)):
        return values
    loss = K.sum(values)
    if reduction in ("sum_over_batch_size", "mean", "mean_with_sample_weight"):
        if reduction == "mean_with_sample_weight" and sample_weight is not None:
            divisor = K.cast(K.sum(sample_weight), loss.dtype)
        else:
            divisor = K.cast(K.prod(K.convert_to_tensor(K.shape(values), dtype="int32")),
                             loss.dtype)
        loss = K.divide_no_nan(loss, divisor)
    return loss


def apply_mask(sample_weight, mask, dtype, reduction):
    if mask is not None:
        if reduction in ("mean", "sum_over_batch_size"):
            total = K.cast(K.prod(K.convert_to_tensor(K.shape(mask), dtype="int32")), dtype)
            valid = K.sum(K.cast(mask, dtype=dtype))
            mask_weight = K.divide_no_nan(total, valid)
            float_mask = K.where(K.cast(mask, "bool"), mask_weight, 0)
        else:
            float_mask = K.cast(mask, dtype=dtype)
        if sample_weight is not None:
            sample_weight = K.cast(sample_weight, dtype=dtype)
            float_mask, sample_weight = squeeze_or_expand_to_same_rank(float_mask, sample_weight)
            sample_weight = sample_weight * float_mask
        else:
            sample_weight = float_mask
    return sample_weight


def reduce_weighted_values(values, sample_weight=None, mask=None,
                           reduction="sum_over_batch_size", dtype=None):
    """``loss.py: reduce_weighted_values`` (one replica: no distribution scaling)."""
    reduction = standardize_reduction(reduction)
    values = K.convert_to_tensor(values, dtype=dtype)
    if sample_weight is not None:
        sample_weight = K.convert_to_tensor(sample_weight, dtype=dtype)
    if mask is not None:
        mask = K.convert_to_tensor(mask, dtype=dtype)
    sample_weight = apply_mask(sample_weight, mask, dtype=values.dtype.name, reduction=reduction)
    if sample_weight is not None:
        sample_weight = K.cast(sample_weight, values.dtype)
        values, sample_weight = squeeze_or_expand_to_same_rank(values, sample_weight)
        values = values * sample_weight
    return reduce_values(values, sample_weight, reduction)


# =========================================================================== classes
_UIDS = collections.defaultdict(int)


def _auto_name(prefix):
    """``keras/src/utils/naming.py: auto_name`` (snake case, uniquified per process)."""
    name = re.sub(r"\W+", "", prefix)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    name = re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()
    unique = "%s_%d" % (name, _UIDS[name]) if name in _UIDS else name
    _UIDS[name] += 1
    return unique


def _policy_compute_dtype(dtype):
    """``dtype_policies.get(dtype or floatx()).compute_dtype``."""
    if dtype is None:
        return K.FLOATX
    if isinstance(dtype, str):
        if dtype == "mixed_float16":
            return "float16"
        if dtype == "mixed_bfloat16":
            return "bfloat16"
        try:
            return K.standardize_dtype(dtype)
        except (ValueError, TypeError):
            raise ValueError("Cannot convert '%s' to a mixed precision DTypePolicy. Valid "
                             "policies include 'mixed_float16', 'mixed_bfloat16', and the name "
                             "of any float dtype such as 'float32'." % dtype) from None
    try:
        return K.standardize_dtype(dtype)
    except Exception:  # noqa: BLE001 - Keras catches everything here too
        raise ValueError("Cannot interpret `dtype` argument. Expected a string or an instance "
                         "of DTypePolicy. Received: dtype=%s" % (dtype,)) from None


# Keras 3 maps the loss inputs as trees (``keras/src/tree``, optree): Python lists and tuples
# are structures whose leaves are converted one by one; y_true's structure must match y_pred's.
def _is_node(x):
    return isinstance(x, (list, tuple))


def _map_structure(fn, x):
    if _is_node(x):
        return type(x)(_map_structure(fn, v) for v in x)
    return fn(x)


def _check_up_to(shallow, other):
    """optree's ``flatten_up_to`` checks, before any leaf is visited."""
    if _is_node(shallow):
        kind = type(shallow).__name__
        if type(other) is not type(shallow):
            raise ValueError("Expected an instance of %s, got %r." % (kind, other))
        if len(other) != len(shallow):
            raise ValueError("%s arity mismatch; expected: %d, got: %d; %s: %r."
                             % (kind, len(shallow), len(other), kind, other))
        for a, b in zip(shallow, other):
            _check_up_to(a, b)


def _map_structure2(fn, a, b):
    """``tree.map_structure(fn, a, b)``: b must have a's structure down to a's leaves, and
    the leaves paired must both be leaves."""
    _check_up_to(a, b)

    def go(x, y):
        if _is_node(x):
            return type(x)(go(u, v) for u, v in zip(x, y))
        if _is_node(y):
            raise ValueError("Structures don't have the same nested structure.")
        return fn(x, y)
    return go(a, b)


def _map_up_to(shallow, fn, x):
    if _is_node(shallow):
        return type(shallow)(_map_up_to(s, fn, v) for s, v in zip(shallow, x))
    return fn(x)


class Loss(object):
    """``keras.losses.Loss`` (Keras 3.15.1 ``loss.py``)."""

    def __init__(self, name=None, reduction="sum_over_batch_size", dtype=None):
        self.name = name or _auto_name(self.__class__.__name__)
        self.reduction = standardize_reduction(reduction)
        self._dtype = _policy_compute_dtype(dtype)

    @property
    def dtype(self):
        return self._dtype

    def __call__(self, y_true, y_pred, sample_weight=None):
        in_mask = K.get_keras_mask(y_pred)
        y_pred = _map_structure(lambda x: K.convert_to_tensor(x, dtype=self.dtype), y_pred)
        y_true = _map_structure(lambda x: K.convert_to_tensor(x, dtype=self.dtype), y_true)
        losses = self.call(y_true, y_pred)
        out_mask = K.get_keras_mask(losses)
        if in_mask is not None and out_mask is not None:
            # ``in_mask & out_mask``: LogicalAnd of two bool tensors
            a, b = K.convert_to_tensor(in_mask), K.convert_to_tensor(out_mask)
            mask = Tensor._make(np.logical_and(a._value, b._value), a.dtype, "v2")
        elif in_mask is not None:
            mask = in_mask
        elif out_mask is not None:
            mask = out_mask
        else:
            mask = None
        return reduce_weighted_values(losses, sample_weight=sample_weight, mask=mask,
                                      reduction=self.reduction, dtype=self.dtype)

    def call(self, y_true, y_pred):
        raise NotImplementedError

    def get_config(self):
        return {"name": self.name, "reduction": self.reduction}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class LossFunctionWrapper(Loss):
    def __init__(self, fn, reduction="sum_over_batch_size", name=None, dtype=None, **kwargs):
        super(LossFunctionWrapper, self).__init__(name=name, reduction=reduction, dtype=dtype)
        self.fn = fn
        self._fn_kwargs = kwargs

    def call(self, y_true, y_pred):
        pairs = _map_structure2(squeeze_or_expand_to_same_rank, y_true, y_pred)
        y_true = _map_up_to(y_true, lambda p: p[0], pairs)
        y_pred = _map_up_to(y_true, lambda p: p[1], pairs)
        return self.fn(y_true, y_pred, **self._fn_kwargs)

    def __repr__(self):
        return "<LossFunctionWrapper(%s, kwargs=%s)>" % (self.fn, self._fn_kwargs)


class _KeyedConfig(LossFunctionWrapper):
    """``get_config`` of Keras's built-in loss classes: ``Loss.get_config`` plus the class's
    own constructor arguments (``_config_keys``, in Keras's order)."""
    _config_keys = ()

    def __init__(self, fn, name=None, reduction="sum_over_batch_size", dtype=None, **kwargs):
        super(_KeyedConfig, self).__init__(fn, name=name, reduction=reduction, dtype=dtype,
                                           **kwargs)
        for k in self._config_keys:   # Keras stores each of them as an attribute
            setattr(self, k, kwargs[k])

    def get_config(self):
        config = Loss.get_config(self)
        config.update((k, getattr(self, k)) for k in self._config_keys)
        return config


class BinaryCrossentropy(_KeyedConfig):
    def __init__(self, from_logits=False, label_smoothing=0.0, axis=-1,
                 reduction="sum_over_batch_size", name="binary_crossentropy", dtype=None):
        super(BinaryCrossentropy, self).__init__(
            binary_crossentropy, name=name, reduction=reduction, dtype=dtype,
            from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)

    _config_keys = ("from_logits", "label_smoothing", "axis")


class BinaryFocalCrossentropy(_KeyedConfig):
    def __init__(self, apply_class_balancing=False, alpha=0.25, gamma=2.0, from_logits=False,
                 label_smoothing=0.0, axis=-1, reduction="sum_over_batch_size",
                 name="binary_focal_crossentropy", dtype=None):
        super(BinaryFocalCrossentropy, self).__init__(
            binary_focal_crossentropy, name=name, reduction=reduction, dtype=dtype,
            apply_class_balancing=apply_class_balancing, alpha=alpha, gamma=gamma,
            from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)

    _config_keys = ("from_logits", "label_smoothing", "axis", "apply_class_balancing", "alpha",
                    "gamma")


class CategoricalCrossentropy(_KeyedConfig):
    def __init__(self, from_logits=False, label_smoothing=0.0, axis=-1,
                 reduction="sum_over_batch_size", name="categorical_crossentropy", dtype=None):
        super(CategoricalCrossentropy, self).__init__(
            categorical_crossentropy, name=name, reduction=reduction, dtype=dtype,
            from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)

    _config_keys = ("from_logits", "label_smoothing", "axis")


class CategoricalFocalCrossentropy(_KeyedConfig):
    def __init__(self, alpha=0.25, gamma=2.0, from_logits=False, label_smoothing=0.0, axis=-1,
                 reduction="sum_over_batch_size", name="categorical_focal_crossentropy",
                 dtype=None):
        super(CategoricalFocalCrossentropy, self).__init__(
            categorical_focal_crossentropy, name=name, reduction=reduction, dtype=dtype,
            alpha=alpha, gamma=gamma, from_logits=from_logits, label_smoothing=label_smoothing,
            axis=axis)

    _config_keys = ("from_logits", "label_smoothing", "axis", "alpha", "gamma")


class SparseCategoricalCrossentropy(_KeyedConfig):
    def __init__(self, from_logits=False, ignore_class=None, reduction="sum_over_batch_size",
                 axis=-1, name="sparse_categorical_crossentropy", dtype=None):
        super(SparseCategoricalCrossentropy, self).__init__(
            sparse_categorical_crossentropy, name=name, reduction=reduction, dtype=dtype,
            from_logits=from_logits, ignore_class=ignore_class, axis=axis)

    _config_keys = ("from_logits", "ignore_class")

