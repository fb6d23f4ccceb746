"""TF 2.21 cross-entropy wrappers (``tensorflow/python/ops/nn_ops.py`` at v2.21.0:
``softmax_cross_entropy_with_logits_v2_helper``, ``sparse_softmax_cross_entropy_with_logits``,
``_flatten_outer_dims``; generated ``raw_ops``): argument handling, dtype promotion, axis
moves and reshapes, TF's errors; the numbers come from ``_kernels.xent`` / ``sparse_xent``."""
import collections

import numpy as np

from . import _dtypes, _ops, _tflogging
from ._convert import to_tensor
from . import debugging as _debugging
from ._dispatch import dispatch_support
from ._tensor import Tensor
from .errors import InvalidArgumentError, KernelError, raise_op_error

_REF = "v2"

SoftmaxCrossEntropyWithLogits = collections.namedtuple(
    "SoftmaxCrossEntropyWithLogits", ["loss", "backprop"])
SparseSoftmaxCrossEntropyWithLogits = collections.namedtuple(
    "SparseSoftmaxCrossEntropyWithLogits", ["loss", "backprop"])


def _debug_check(function, logits, axis):
    """The opt-in ``tfxent.debugging`` logits check (never changes a result)."""
    if _debugging.logits_check_enabled() and logits._value.ndim:
        _debugging.check_logits(function, logits._value, axis if axis is not None else -1)


def _range_error(ref, start, limit, scope=None):
    raise_op_error(ref, KernelError(InvalidArgumentError, "Requires start <= limit when delta > 0: %d/%d"
                                    % (start, limit)), "Range", (scope + "range/") if scope else None, True)


def _dense_kernel(ref, features, labels, name=None, fast=True):
    from ._kernels import xent
    _ops.check_dtype(ref, "SoftmaxCrossEntropyWithLogits", features.dtype, name, fast)
    _ops._type_mismatch(ref, "SoftmaxCrossEntropyWithLogits", [features.dtype, labels.dtype], name, fast)
    return _ops.run(ref, "SoftmaxCrossEntropyWithLogits", xent.softmax_xent,
                    features._value, labels._value, name=name, fast=fast)


def _sparse_kernel(ref, features, labels, name=None, fast=True):
    from ._kernels import sparse_xent
    _ops.check_dtype(ref, "SparseSoftmaxCrossEntropyWithLogits", features.dtype, name, fast)
    _ops.check_dtype(ref, "SparseSoftmaxCrossEntropyWithLogits:Tlabels", labels.dtype, name, fast)
    return _ops.run(ref, "SparseSoftmaxCrossEntropyWithLogits", sparse_xent.sparse_softmax_xent,
                    features._value, labels._value, name=name, fast=fast)


def _flatten_outer(ref, t):
    if t._value.ndim == 0:
        # array_ops.slice(shape, [rank - 1], [1]) on a scalar's empty shape
        raise_op_error(ref, KernelError(InvalidArgumentError, "Expected begin[0] == 0 (got -1) and "
                                        "size[0] == 0 (got 1) when input.dim_size(0) == 0"),
                       "Slice", None, False)
    shape = t._value.shape
    return t._value.reshape(int(np.prod(shape[:-1], dtype=np.int64)), shape[-1])


def dense_v2_helper(ref, labels, logits, axis=None, name=None, record=None):
    """``softmax_cross_entropy_with_logits_v2_helper`` (identical in TF 2.21 and 1.15).

    TF 1.15 eager errors name the op's scope: ``name`` here is that scope (``"...logits/"``).
    ``record``: a dict that receives what the gradient needs (``tfxent.gradients``): the
    converted inputs, the axis permutation, the 2-D kernel inputs and its backprop."""
    if axis is None:
        axis = -1
    scope = name if ref == "v1" else None
    logits = to_tensor(logits, ref=ref)
    _debug_check("softmax_cross_entropy_with_logits", logits, axis)
    labels = labels_in = to_tensor(labels, ref=ref)
    convert = logits.dtype in (_dtypes.float16, _dtypes.bfloat16)
    precise = _ops.cast(logits, _dtypes.float32, ref) if convert else logits
    labels = _ops.cast(labels, precise.dtype, ref)
    rank = precise._value.ndim
    pv, lv = precise._value, labels._value
    if axis != -1:
        if axis < 0:
            _range_error(ref, 0, axis, scope)
        if axis + 1 > rank:
            _range_error(ref, axis + 1, rank, scope)
        perm = list(range(axis)) + list(range(axis + 1, rank)) + [axis]
        pv = np.transpose(pv, perm)
        lv = np.transpose(lv, perm)
    input_shape = pv.shape
    pt = Tensor._make(np.array(pv), precise.dtype, ref)
    lt = Tensor._make(np.array(lv), labels.dtype, ref)
    p2 = Tensor._make(_flatten_outer(ref, pt), precise.dtype, ref)
    l2 = Tensor._make(_flatten_outer(ref, lt), labels.dtype, ref)
    loss, backprop = _dense_kernel(ref, p2, l2, name)
    cost = Tensor._make(np.asarray(loss).reshape(input_shape[:-1]), precise.dtype, ref)
    if record is not None:
        record.update(logits=logits, labels=labels_in, precise=precise, perm=None if axis == -1
                      else perm, moved_shape=input_shape, logits2d=p2,
                      backprop=Tensor._make(backprop, precise.dtype, ref))
    return _ops.cast(cost, logits.dtype, ref) if convert else cost


def _shape_text(shape):
    return "(%d,)" % shape[0] if len(shape) == 1 else "(%s)" % ", ".join(str(s) for s in shape)


def sparse_helper(ref, labels, logits, name, upcast_bf16=False, record=None):
    """``sparse_softmax_cross_entropy_with_logits`` after the None check (TF 2.21 texts).
    ``record``: as for ``dense_v2_helper`` (the converted logits and the kernel's backprop)."""
    labels = to_tensor(labels, ref=ref)
    logits = to_tensor(logits, ref=ref)
    _debug_check("sparse_softmax_cross_entropy_with_logits", logits, -1)
    precise = _ops.cast(logits, _dtypes.float32, ref) if logits.dtype == _dtypes.float16 else logits
    ls, gs = labels._value.shape, logits._value.shape
    if len(gs) == 0:
        if ref == "v2":
            raise ValueError("`logits` cannot be a scalar. Received logits=%s`" % format(logits))
        raise ValueError("Logits cannot be scalars - received shape %s." % _shape_text(gs))
    if len(ls) != len(gs) - 1:
        if ref == "v2":
            raise ValueError("`labels.shape.rank` must equal `logits.shape.rank - 1`. Received: "
                             "labels.shape=%s of rank %d and logits.shape=%s of rank %d"
                             % (_shape_text(ls), len(ls), _shape_text(gs), len(gs)))
        raise ValueError("Rank mismatch: Rank of labels (received %d) should equal rank of logits "
                         "minus 1 (received %d)." % (len(ls), len(gs)))
    if ls != gs[:-1]:
        if ref == "v2":
            raise ValueError("`labels.shape` must equal `logits.shape` except for the last dimension. "
                             "Received: labels.shape=%s and logits.shape=%s" % (_shape_text(ls), _shape_text(gs)))
        raise ValueError("Shape mismatch: The shape of labels (received %s) should equal the shape of "
                         "logits except for the last dimension (received %s)." % (_shape_text(ls), _shape_text(gs)))
    if len(gs) == 2:
        loss, backprop = _sparse_kernel(ref, precise, labels, name)
        cost = Tensor._make(np.asarray(loss), precise.dtype, ref)
    else:
        p2 = Tensor._make(precise._value.reshape(-1, gs[-1]), precise.dtype, ref)
        l2 = Tensor._make(labels._value.reshape(-1), labels.dtype, ref)
        loss, backprop = _sparse_kernel(ref, p2, l2, name)
        cost = Tensor._make(np.asarray(loss).reshape(ls), precise.dtype, ref)
    if record is not None:
        record.update(logits=logits, labels=labels, precise=precise,
                      backprop=Tensor._make(backprop, precise.dtype, ref))
    return _ops.cast(cost, _dtypes.float16, ref) if logits.dtype == _dtypes.float16 else cost


@dispatch_support
def softmax_cross_entropy_with_logits(labels, logits, axis=-1, name=None):
    return dense_v2_helper(_REF, labels, logits, axis, name)


@dispatch_support
def sparse_softmax_cross_entropy_with_logits(labels, logits, name=None):
    if labels is None or logits is None:
        raise ValueError("Both `labels` and `logits` must be provided for "
                         "sparse_softmax_cross_entropy_with_logitsReceived: labels=%s and logits=%s"
                         % (labels, logits))
    return sparse_helper(_REF, labels, logits, name)


def raw_softmax_xent(features, labels, name=None, ref=_REF):
    fast = _ops.is_fast(features, labels)
    f, l_ = _ops.match_args([features, labels], ref=ref)
    loss, backprop = _dense_kernel(ref, f, l_, name, fast)
    return SoftmaxCrossEntropyWithLogits(Tensor._make(loss, f.dtype, ref), Tensor._make(backprop, f.dtype, ref))


def raw_sparse_softmax_xent(features, labels, name=None, ref=_REF):
    fast = _ops.is_fast(features, labels)
    f = to_tensor(features, ref=ref)
    lab = to_tensor(labels, ref=ref, dtype_hint=_dtypes.int64) if not isinstance(labels, Tensor) else labels
    loss, backprop = _sparse_kernel(ref, f, lab, name, fast)
    return SparseSoftmaxCrossEntropyWithLogits(Tensor._make(loss, f.dtype, ref),
                                               Tensor._make(backprop, f.dtype, ref))


def _select(cond, a, b):
    """Select / SelectV2 on same-shape operands: a bitwise blend, no arithmetic."""
    return Tensor._make(np.where(cond._value, a._value, b._value), a.dtype, a._ref)


def _shape_str(t):
    return str(t.shape)


def _same_shape(ref, labels, logits):
    if labels.shape.as_list() != logits.shape.as_list():
        if ref == "v2":
            raise ValueError("`logits` and `labels` must have the same shape, received (%s vs %s)."
                             % (_shape_str(logits), _shape_str(labels)))
        raise ValueError("logits and labels must have the same shape (%s vs %s)"
                         % (_shape_str(logits), _shape_str(labels)))


def sigmoid_xent(ref, labels, logits, name=None, record=None):
    """``nn_impl.sigmoid_cross_entropy_with_logits`` after the None check: the op sequence
    TF composes (each op with its own packet/tail split); TF 1.15's name scope
    ``logistic_loss`` shows in its error texts. ``record``: a dict that receives the
    converted inputs and the intermediates the gradient reuses (``tfxent.gradients``)."""
    with _ops.v1_name_scope(ref, "%s/" % (name or "logistic_loss")) as scope:
        logits = to_tensor(logits, ref=ref)
        _debug_check("sigmoid_cross_entropy_with_logits", logits, -1)
        labels = to_tensor(labels, ref=ref)
        _same_shape(ref, labels, logits)
        zeros = Tensor._make(np.zeros_like(logits._value), logits.dtype, ref)
        cond = _ops.binary("GreaterEqual", logits, zeros, ref=ref)
        if ref == "v1":
            _tflogging.deprecated_once("where", "where", "tensorflow.python.ops.array_ops",
                                       _WHERE_DEPRECATION, depth=3)
        relu_logits = _select(cond, logits, zeros)
        neg_abs_logits = _select(cond, _ops.unary("Neg", logits, ref=ref), logits)
        first = relu_logits - logits * labels
        e = _ops.unary("Exp", neg_abs_logits, ref=ref)
        second = _ops.unary("Log1p", e, ref=ref)
        if record is not None:
            record.update(logits=logits, labels=labels, zeros=zeros, cond=cond, exp=e)
        return _ops.binary("AddV2", first, second, ref=ref, name=scope)


_WHERE_DEPRECATION = "Use tf.where in 2.0, which has the same broadcast rule as np.where"


def weighted_xent(ref, labels, logits, pos_weight, name=None, record=None):
    """``nn_impl.weighted_cross_entropy_with_logits_v2``: operators in TF's order.
    ``record``: as for ``sigmoid_xent``."""
    with _ops.v1_name_scope(ref, "%s/" % (name or "logistic_loss")) as scope:
        logits = to_tensor(logits, ref=ref)
        _debug_check("weighted_cross_entropy_with_logits", logits, -1)
        labels = to_tensor(labels, ref=ref)
        _same_shape(ref, labels, logits)
        weight_minus_one = pos_weight - 1
        log_weight = 1 + weight_minus_one * labels
        abs_logits = _ops.unary_op(ref, "Abs", logits, (scope + "Abs/") if scope else None)
        e = _ops.unary("Exp", -abs_logits, ref=ref)
        relu = _ops.unary("Relu", -logits, ref=ref)
        softplus = _ops.unary("Log1p", e, ref=ref) + relu
        if record is not None:
            record.update(logits=logits, labels=labels, weight_minus_one=weight_minus_one,
                          log_weight=log_weight, exp=e, relu=relu, softplus=softplus)
        return _ops.binary("AddV2", (1 - labels) * logits, log_weight * softplus, ref=ref,
                           name=scope)


@dispatch_support
def sigmoid_cross_entropy_with_logits(labels=None, logits=None, name=None):
    if labels is None or logits is None:
        raise ValueError("Both `labels` and `logits` must be provided for "
                         "sigmoid_cross_entropy_with_logitsReceived: labels=%s and logits=%s"
                         % (labels, logits))
    return sigmoid_xent(_REF, labels, logits, name)


@dispatch_support
def weighted_cross_entropy_with_logits(labels, logits, pos_weight, name=None):
    return weighted_xent(_REF, labels, logits, pos_weight, name)
