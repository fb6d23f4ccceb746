"""``tf.compat.v1.losses`` of TensorFlow 1.15.5, eager mode.

Mirrors ``tensorflow_core/python/ops/losses/losses_impl.py``, ``losses/util.py``,
``ops/weights_broadcast_ops.py`` and ``ops/confusion_matrix.py`` of the 1.15.5 wheel: the same
ops in the same order (casts to float32, the weights multiply, the full ``reduce_sum``,
``_num_present`` / ``_num_elements`` / ``_safe_mean`` with ``DivNoNan``, the cast back), the
static weight-broadcast checks and their messages. In eager mode ``util.add_loss`` adds
nothing to a collection, so ``loss_collection`` is accepted and ignored.
"""
import numpy as np

from ... import _dtypes, _ops, _tflogging
from ..._convert import to_tensor
from ..._tensor import Tensor
from ..._xent_api import dense_v2_helper, sigmoid_xent, sparse_helper
from ...errors import InvalidArgumentError, KernelError, raise_op_error

_REF = "v1"
_LOSSES = "losses"  # ops.GraphKeys.LOSSES
_WHERE_DEPRECATION = "Use tf.where in 2.0, which has the same broadcast rule as np.where"


class Reduction(object):
    """Types of loss reduction (``losses_impl.Reduction``, TF 1.15.5)."""

    NONE = "none"
    SUM = "weighted_sum"
    SUM_OVER_BATCH_SIZE = "weighted_sum_over_batch_size"
    MEAN = "weighted_mean"
    SUM_BY_NONZERO_WEIGHTS = "weighted_sum_by_nonzero_weights"
    SUM_OVER_NONZERO_WEIGHTS = SUM_BY_NONZERO_WEIGHTS

    @classmethod
    def all(cls):
        return (cls.NONE, cls.SUM, cls.MEAN, cls.SUM_OVER_BATCH_SIZE,
                cls.SUM_OVER_NONZERO_WEIGHTS, cls.SUM_BY_NONZERO_WEIGHTS)

    @classmethod
    def validate(cls, key):
        if key not in cls.all():
            raise ValueError("Invalid Reduction Key %s." % key)


# --------------------------------------------------------------------------- small ops
def _t(x):
    return to_tensor(x, ref=_REF)


def _cast(x, dtype):
    """``math_ops.cast``: convert (no dtype), then a Cast op when the dtype differs."""
    return _ops.cast(_t(x), dtype, _REF)


def _mul(x, y, name=None):
    return _ops.binary("Mul", x, y, name=name, ref=_REF)


def _sum(x):
    """``math_ops.reduce_sum(x)``: a full reduction."""
    return _ops.reduce(_REF, "Sum", x, None, False)


def _div_no_nan(x, y):
    """``math_ops.div_no_nan(x, y, name="value")`` (``_safe_mean``)."""
    from ..._kernels import cwise
    x = _t(x)
    y = to_tensor(y, dtype=x.dtype, ref=_REF)
    out = _ops.run(_REF, "DivNoNan", cwise.DivNoNan, x._value, y._value, name="value")
    return _ops.wrap(out, x.dtype, _REF)


def _ones_like(t):
    return Tensor._make(np.ones(t._value.shape, t.dtype.as_numpy_dtype), t.dtype, _REF)


def _zeros_like(t):
    return Tensor._make(np.zeros(t._value.shape, t.dtype.as_numpy_dtype), t.dtype, _REF)


def _size_as(t, dtype):
    """``cast(array_ops.size(t), dtype)``: size is an int32 tensor."""
    size = Tensor._make(np.array(t._value.size, np.int32), _dtypes.int32, _REF)
    return _ops.cast(size, dtype, _REF)


def squeeze_last(t):
    """``array_ops.squeeze(t, [-1])`` and the Squeeze kernel's errors."""
    shape = t._value.shape
    if not shape:
        msg = "Tried to squeeze dim index -1 for tensor with 0 dimensions."
        raise_op_error(_REF, KernelError(InvalidArgumentError, msg), "Squeeze", None, True)
    if shape[-1] != 1:
        msg = "Can not squeeze dim[%d], expected a dimension of 1, got %d" % (len(shape) - 1, shape[-1])
        raise_op_error(_REF, KernelError(InvalidArgumentError, msg), "Squeeze", None, True)
    return Tensor._make(t._value.reshape(shape[:-1]), t.dtype, _REF)


def _assert_compatible(a, b):
    """``TensorShape.assert_is_compatible_with`` (fully known shapes in eager)."""
    if a.shape.as_list() != b.shape.as_list():
        raise ValueError("Shapes %s and %s are incompatible" % (a.shape, b.shape))


# --------------------------------------------------------------------------- weights
_ASSERT_BROADCASTABLE_ERROR_PREFIX = "weights can not be broadcast to values."


def assert_broadcastable(weights, values):
    """``weights_broadcast_ops.assert_broadcastable``: in eager the ranks and shapes are
    static, so a bad shape is a ValueError raised here (the op itself is a no-op)."""
    weights = _t(weights)
    values = _t(values)
    wr, vr = weights._value.ndim, values._value.ndim
    if wr == 0:
        return
    if wr != vr:
        raise ValueError("%s values.rank=%s. weights.rank=%s. values.shape=%s. weights.shape=%s."
                         % (_ASSERT_BROADCASTABLE_ERROR_PREFIX, vr, wr, values.shape, weights.shape))
    ws = np.array(weights._value.shape, dtype=np.int32)
    vs = np.array(values._value.shape, dtype=np.int32)
    for i in range(vr):
        if ws[i] not in (1, vs[i]):
            raise ValueError("%s Mismatch at dim %s. values.shape=%s weights.shape=%s."
                             % (_ASSERT_BROADCASTABLE_ERROR_PREFIX, i, vs, ws))


def broadcast_weights(weights, values):
    """``weights_broadcast_ops.broadcast_weights``: unchanged when the shapes are equal, else
    ``weights * ones_like(values)`` after the broadcast check."""
    values = _t(values)
    weights = to_tensor(weights, dtype=values.dtype, ref=_REF)
    if weights._value.shape == values._value.shape:
        return weights
    assert_broadcastable(weights, values)
    return _mul(weights, _ones_like(values))


# --------------------------------------------------------------------------- reductions
def _safe_mean(losses, num_present):
    return _div_no_nan(_sum(losses), num_present)


def _num_elements(losses):
    return _size_as(losses, losses.dtype)


def _num_present(losses, weights):
    """``losses_impl._num_present`` (eager): a nonzero rank-0 weight counts every element;
    otherwise the nonzero weights (``where(weights == 0, 0, 1)``) broadcast and summed."""
    zero = to_tensor(0.0, dtype_hint=weights.dtype, ref=_REF)
    if weights._value.ndim == 0 and not bool(_ops.binary("Equal", weights, zero, ref=_REF)._value):
        return _num_elements(losses)
    weights = _cast(weights, _dtypes.float32)
    is_zero = _ops.binary("Equal", weights, to_tensor(0.0, dtype_hint=_dtypes.float32, ref=_REF),
                          ref=_REF)
    _tflogging.deprecated_once("where", "where", "tensorflow.python.ops.array_ops",
                               _WHERE_DEPRECATION, depth=4)
    present = Tensor._make(np.where(is_zero._value, _zeros_like(weights)._value,
                                    _ones_like(weights)._value), _dtypes.float32, _REF)
    present = broadcast_weights(present, losses)
    return _sum(present)


def compute_weighted_loss(losses, weights=1.0, scope=None, loss_collection=_LOSSES,
                          reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    """``tf.compat.v1.losses.compute_weighted_loss`` (TF 1.15.5 ``losses_impl.py``)."""
    Reduction.validate(reduction)
    assert_broadcastable(weights, losses)
    losses = _t(losses)
    input_dtype = losses.dtype
    losses = _cast(losses, _dtypes.float32)
    weights = _cast(weights, _dtypes.float32)
    weighted_losses = _mul(losses, weights)
    if reduction == Reduction.NONE:
        loss = weighted_losses
    else:
        loss = _sum(weighted_losses)
        if reduction == Reduction.MEAN:
            loss = _safe_mean(loss, _sum(_mul(_ones_like(losses), weights)))
        elif reduction == Reduction.SUM_BY_NONZERO_WEIGHTS:
            loss = _safe_mean(loss, _num_present(losses, weights))
        elif reduction == Reduction.SUM_OVER_BATCH_SIZE:
            loss = _safe_mean(loss, _num_elements(losses))
    # util.add_loss: nothing is collected in eager mode
    return _ops.cast(loss, input_dtype, _REF)


def _scope(scope, default):
    if scope:
        return scope if scope.endswith("/") else scope + "/"
    return default + "/"


# --------------------------------------------------------------------------- losses
def softmax_cross_entropy(onehot_labels, logits, weights=1.0, label_smoothing=0, scope=None,
                          loss_collection=_LOSSES, reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    """``tf.compat.v1.losses.softmax_cross_entropy`` (TF 1.15.5 ``losses_impl.py``)."""
    if onehot_labels is None:
        raise ValueError("onehot_labels must not be None.")
    if logits is None:
        raise ValueError("logits must not be None.")
    sc = _scope(scope, "softmax_cross_entropy_loss")
    with _ops.v1_name_scope(_REF, sc):
        logits = _t(logits)
        onehot_labels = _cast(onehot_labels, logits.dtype)
        _assert_compatible(logits, onehot_labels)
        if label_smoothing > 0:
            n = Tensor._make(np.array(onehot_labels._value.shape[-1], np.int32), _dtypes.int32, _REF)
            num_classes = _ops.cast(n, logits.dtype, _REF)
            smooth_positives = 1.0 - label_smoothing
            smooth_negatives = label_smoothing / num_classes
            onehot_labels = onehot_labels * smooth_positives + smooth_negatives
        losses = dense_v2_helper(_REF, onehot_labels, logits, None, sc + "xentropy/")
        return compute_weighted_loss(losses, weights, sc, loss_collection, reduction=reduction)


def _remove_squeezable_dimensions(labels, predictions, weights=None, expected_rank_diff=0):
    """``losses_impl._remove_squeezable_dimensions`` with
    ``confusion_matrix.remove_squeezable_dimensions`` (static ranks in eager)."""
    predictions = _t(predictions)
    labels = _t(labels)
    rank_diff = predictions._value.ndim - labels._value.ndim
    if rank_diff == expected_rank_diff + 1:
        predictions = squeeze_last(predictions)
    elif rank_diff == expected_rank_diff - 1:
        labels = squeeze_last(labels)
    if weights is not None:
        weights = _t(weights)
        if weights._value.ndim - labels._value.ndim == 1:
            weights = squeeze_last(weights)
    return labels, predictions, weights


def sparse_softmax_cross_entropy(labels, logits, weights=1.0, scope=None,
                                 loss_collection=_LOSSES,
                                 reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    """``tf.compat.v1.losses.sparse_softmax_cross_entropy`` (TF 1.15.5 ``losses_impl.py``)."""
    if labels is None:
        raise ValueError("labels must not be None.")
    if logits is None:
        raise ValueError("logits must not be None.")
    sc = _scope(scope, "sparse_softmax_cross_entropy_loss")
    with _ops.v1_name_scope(_REF, sc):
        labels, logits, weights = _remove_squeezable_dimensions(labels, logits, weights,
                                                                expected_rank_diff=1)
        losses = sparse_helper(_REF, labels, logits, "xentropy")
        return compute_weighted_loss(losses, weights, sc, loss_collection, reduction=reduction)


def sigmoid_cross_entropy(multi_class_labels, logits, weights=1.0, label_smoothing=0, scope=None,
                          loss_collection=_LOSSES, reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    """``tf.compat.v1.losses.sigmoid_cross_entropy`` (TF 1.15.5 ``losses_impl.py``)."""
    if multi_class_labels is None:
        raise ValueError("multi_class_labels must not be None.")
    if logits is None:
        raise ValueError("logits must not be None.")
    sc = _scope(scope, "sigmoid_cross_entropy_loss")
    with _ops.v1_name_scope(_REF, sc):
        logits = _t(logits)
        multi_class_labels = _cast(multi_class_labels, logits.dtype)
        _assert_compatible(logits, multi_class_labels)
        if label_smoothing > 0:
            multi_class_labels = (multi_class_labels * (1 - label_smoothing)
                                  + 0.5 * label_smoothing)
        losses = sigmoid_xent(_REF, multi_class_labels, logits, sc + "xentropy")
        return compute_weighted_loss(losses, weights, sc, loss_collection, reduction=reduction)


def log_loss(labels, predictions, weights=1.0, epsilon=1e-7, scope=None, loss_collection=_LOSSES,
             reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    """``tf.compat.v1.losses.log_loss`` (TF 1.15.5 ``losses_impl.py``): no clipping."""
    if labels is None:
        raise ValueError("labels must not be None.")
    if predictions is None:
        raise ValueError("predictions must not be None.")
    sc = _scope(scope, "log_loss")
    with _ops.v1_name_scope(_REF, sc):
        predictions = _cast(predictions, _dtypes.float32)
        labels = _cast(labels, _dtypes.float32)
        _assert_compatible(predictions, labels)
        log = lambda x: _ops.unary_op(_REF, "Log", x)  # noqa: E731
        losses = (-_mul(labels, log(predictions + epsilon))
                  - _mul(1 - labels, log(1 - predictions + epsilon)))
        return compute_weighted_loss(losses, weights, sc, loss_collection, reduction=reduction)


__all__ = ["Reduction", "compute_weighted_loss", "softmax_cross_entropy",
           "sparse_softmax_cross_entropy", "sigmoid_cross_entropy", "log_loss"]
