"""TF 1.15.5's bundled Keras backend cross-entropies, eager mode
(``tensorflow_core/python/keras/backend.py`` of the 1.15.5 wheel).

In eager mode every tensor is an ``EagerTensor``, so the ``output.op.type`` Softmax/Sigmoid
shortcut never applies (there is no ``_keras_logits`` mechanism in this Keras): probabilities
are always clipped to ``[epsilon, 1 - epsilon]``. In a Session (graph mode) it does apply
(``_graph_logits``). A non-tensor ``output`` (a NumPy array, a
list) reaches ``output.op`` and fails with Python's own AttributeError, as in TF 1.15.
"""
import numpy as np

from .. import _api
from .... import _dtypes, _ops
from ...._tensor import Tensor
from ...._xent_api import dense_v2_helper, sigmoid_xent, sparse_helper

_REF = "v1"
_EPSILON = 1e-7  # backend_config._EPSILON
_FLOATX = "float32"


def epsilon():
    return _EPSILON


def floatx():
    return _FLOATX


def _prefix():
    return _ops.v1_scope_prefix()


def _probabilities_check(output):
    """``isinstance(output, (EagerTensor, Variable)) or output.op.type != ...``."""
    if not isinstance(output, Tensor):
        output.op  # noqa: B018 - raises AttributeError exactly as TF 1.15 does


def _constant_to_tensor(x, dtype):
    return _api.constant(x, dtype=dtype)


def _clip(output, lo, hi):
    return _ops.clip_by_value(_REF, output, lo, hi, _prefix() + "clip_by_value/")


def _log(x):
    return _ops.unary_op(_REF, "Log", x)


def _graph_logits(output, op_type):
    """In a Session (graph mode) an output made by a Softmax / Sigmoid op hands its input
    over (``output.op.type == 'Softmax'`` then ``output = output.op.inputs[0]``)."""
    from .. import _graph
    return _graph.graph_op_input(output, op_type)


def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    """``backend.categorical_crossentropy`` (TF 1.15.5)."""
    if not from_logits and _graph_logits(output, "Softmax") is not None:
        output, from_logits = _graph_logits(output, "Softmax"), True
    if not from_logits:
        _probabilities_check(output)
        output = output / _api.reduce_sum(output, axis, True)
        epsilon_ = _constant_to_tensor(epsilon(), output.dtype)
        output = _clip(output, epsilon_, 1. - epsilon_)
        return -_api.reduce_sum(target * _log(output), axis)
    return dense_v2_helper(_REF, target, output, axis,
                           _prefix() + "softmax_cross_entropy_with_logits/")


def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    """``backend.sparse_categorical_crossentropy`` (TF 1.15.5)."""
    if not from_logits and _graph_logits(output, "Softmax") is not None:
        output, from_logits = _graph_logits(output, "Softmax"), True
    if not from_logits:
        _probabilities_check(output)
        epsilon_ = _constant_to_tensor(epsilon(), output.dtype)
        output = _clip(output, epsilon_, 1 - epsilon_)
        output = _log(output)
    if isinstance(output.shape, (tuple, list)):
        output_rank = len(output.shape)
    else:
        output_rank = output.shape.ndims
    axis %= output_rank
    out = _api.convert_to_tensor(output)
    if axis != output_rank - 1:
        perm = list(range(axis)) + list(range(axis + 1, output_rank)) + [axis]
        out = Tensor._make(np.ascontiguousarray(np.transpose(out._value, perm)), out.dtype, _REF)
        output = out
    target = _api.cast(target, _dtypes.int64)
    output_shape = out._value.shape
    target_rank = target.shape.ndims
    update_shape = target_rank != output_rank - 1
    if update_shape:
        target = Tensor._make(target._value.reshape(-1), target.dtype, _REF)
        output = Tensor._make(out._value.reshape(-1, output_shape[-1]), out.dtype, _REF)
    res = sparse_helper(_REF, target, output, None)
    if update_shape and output_rank >= 3:
        return Tensor._make(res._value.reshape(output_shape[:-1]), res.dtype, _REF)
    return res


def binary_crossentropy(target, output, from_logits=False):
    """``backend.binary_crossentropy`` (TF 1.15.5): ``+ epsilon`` inside both logs."""
    if not from_logits and _graph_logits(output, "Sigmoid") is not None:
        output, from_logits = _graph_logits(output, "Sigmoid"), True
    if not from_logits:
        _probabilities_check(output)
        epsilon_ = _constant_to_tensor(epsilon(), output.dtype)
        output = _clip(output, epsilon_, 1. - epsilon_)
        bce = target * _log(output + epsilon())
        bce += (1 - target) * _log(1 - output + epsilon())
        return -bce
    return sigmoid_xent(_REF, target, output, _prefix() + "logistic_loss")


def mean(x, axis=None, keepdims=False):
    """``backend.mean``: ``reduce_mean`` (a bool input is cast to floatx first)."""
    if x.dtype == _dtypes.bool:
        x = _api.cast(x, _dtypes.float32)
    return _api.reduce_mean(x, axis, keepdims)
