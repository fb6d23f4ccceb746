"""Keras 3.15.1's TensorFlow backend, as far as the cross-entropy losses use it, on tfxent
tensors: ``keras/src/backend/tensorflow/core.py`` (``convert_to_tensor``, ``cast``),
``numpy.py`` (``sum``, ``mean``, ``clip``, ``log``, ``multiply``, ``power``, ``divide_no_nan``,
``where``, ``not_equal``, ``squeeze``, ``expand_dims``, ``prod``), ``nn.py`` (``softmax``,
``sigmoid``, ``_get_logits``, ``categorical_crossentropy``, ``sparse_categorical_crossentropy``,
``binary_crossentropy``), ``backend/common/dtypes.py`` (``result_type``, the subset used),
``backend/config.py`` (``epsilon()`` = 1e-7, ``floatx()`` = "float32").

Each function issues the TF ops Keras issues, in Keras's order, through tfxent's kernels.
"""
import warnings

import numpy as np

from .. import _api_v2, _dtypes, _ops, _xent_api
from .._convert import to_tensor
from .._tensor import Tensor
from ..errors import InvalidArgumentError, KernelError, raise_op_error

_REF = "v2"
EPSILON = 1e-7          # keras/src/backend/config.py: _EPSILON
FLOATX = "float32"      # keras/src/backend/config.py: _FLOATX


class KerasTensor(Tensor):
    """A tfxent tensor that can carry the attributes Keras 3 sets on TF's EagerTensor
    (``_keras_logits`` from softmax/sigmoid, ``_keras_mask``); otherwise a plain tensor."""

    __slots__ = ("_keras_logits", "_keras_mask")


def with_attr(t, name, value):
    """``t.<name> = value`` as Keras does on an EagerTensor: a tfxent tensor is rewrapped
    (same bits, no copy) so that it can carry the attribute."""
    if not isinstance(t, KerasTensor):
        t = KerasTensor._make(t._value, t.dtype, t._ref)
    setattr(t, name, value)
    return t


def get_keras_mask(x):
    return getattr(x, "_keras_mask", None)


# -- dtypes -----------------------------------------------------------------------------
_FLOAT_RANK = {"float16": 1, "bfloat16": 1, "float32": 2, "float64": 3}
_INT_RANK = {"int8": 1, "int16": 2, "int32": 3, "int64": 4, "uint8": 1, "uint16": 2,
             "uint32": 3, "uint64": 4}


def standardize_dtype(dtype):
    """``keras/src/backend/common/variables.py: standardize_dtype`` (names only)."""
    if dtype is None:
        return FLOATX
    if dtype == "int":
        return "int64"
    if dtype == "float":
        return "float32"
    if isinstance(dtype, str):
        name = dtype
    elif isinstance(dtype, _dtypes.DType):
        name = dtype.name
    elif hasattr(dtype, "name") and isinstance(dtype.name, str):
        name = dtype.name
    elif dtype in (int, float, bool):
        name = {int: "int64", float: "float32", bool: "bool"}[dtype]
    else:
        name = np.dtype(dtype).name
    if name == "float" or name == "double":
        name = {"float": "float32", "double": "float64"}[name]
    if name == "half":
        name = "float16"
    if name not in _dtypes._BY_NAME:
        raise ValueError("Invalid dtype: %s" % (dtype,))
    return name


def result_type(*types):
    """``keras/src/backend/common/dtypes.py: result_type`` for the operand kinds the losses
    mix: dtype names and the weak Python types ``int`` / ``float``."""
    names = [standardize_dtype(t) for t in types if not isinstance(t, type)]
    weak = [t for t in types if isinstance(t, type)]
    out = None
    for n in names:
        out = n if out is None else _promote(out, n)
    if out is None:
        if float in weak:
            return FLOATX
        return "int32"
    if float in weak and out not in _FLOAT_RANK:
        return FLOATX
    if int in weak and out == "bool":
        return "int32"
    return out


def _promote(a, b):
    if a == b:
        return a
    if a == "bool":
        return b
    if b == "bool":
        return a
    fa, fb = a in _FLOAT_RANK, b in _FLOAT_RANK
    if fa and not fb:
        return a
    if fb and not fa:
        return b
    if fa and fb:
        if "float64" in (a, b):
            return "float64"
        return "float32"
    # two integer types
    if a.startswith("u") == b.startswith("u"):
        return a if _INT_RANK[a] >= _INT_RANK[b] else b
    signed, unsigned = (a, b) if b.startswith("u") else (b, a)
    if _INT_RANK[signed] > _INT_RANK[unsigned]:
        return signed
    return {1: "int16", 2: "int32", 3: "int64"}.get(_INT_RANK[unsigned], "float64")


def _is_int_or_bool(name):
    return name == "bool" or name in _INT_RANK


# -- core -------------------------------------------------------------------------------
def _leaves(x):
    if isinstance(x, (list, tuple)):
        out = []
        for v in x:
            out.extend(_leaves(v))
        return out
    return [x]


def pack(x):
    """TF's auto-packing of a (nested) list of tensors (``ops.convert_to_tensor`` of a list
    holding EagerTensors, as Keras's leafwise conversion of Python lists produces): the
    tensors are stacked; anything else is returned as is."""
    if not isinstance(x, (list, tuple)):
        return x
    leaves = _leaves(x)
    if not leaves or not all(isinstance(v, Tensor) for v in leaves):
        return x
    dt = leaves[0].dtype
    if any(v.dtype != dt for v in leaves):
        return x

    def build(v):
        if isinstance(v, (list, tuple)):
            return [build(w) for w in v]
        return v._value
    return Tensor._make(np.array(build(x), dtype=dt.as_numpy_dtype), dt, _REF)


def convert_to_tensor(x, dtype=None):
    """``backend/tensorflow/core.py: convert_to_tensor``: TF's conversion; integer and bool
    targets are reached by converting first and casting."""
    if dtype is not None:
        dtype = standardize_dtype(dtype)
    x = pack(x)
    if not isinstance(x, Tensor):
        if dtype is not None and _is_int_or_bool(dtype):
            return cast(to_tensor(x, ref=_REF), dtype)
        return to_tensor(x, dtype=None if dtype is None else _dtypes.as_dtype(dtype), ref=_REF)
    if dtype is not None and x.dtype.name != dtype:
        return cast(x, dtype)
    return x


def cast(x, dtype):
    """``tf.cast``: a non-tensor is converted with TF's own inference first."""
    return _api_v2.cast(pack(x), _dtypes.as_dtype(standardize_dtype(dtype)))


def shape(x):
    return tuple(x.shape.as_list())


# -- numpy ------------------------------------------------------------------------------
def sum(x, axis=None, keepdims=False):  # noqa: A001 - Keras's name
    x = convert_to_tensor(x)
    dt = x.dtype.name
    if dt in ("bool", "int8", "int16"):
        dt = "int32"
    elif dt in ("uint8", "uint16"):
        dt = "uint32"
    x = cast(x, dt)
    return _ops.reduce(_REF, "Sum", x, axis, keepdims)


def mean(x, axis=None, keepdims=False):
    """float16/bfloat16 are averaged in float32 and cast back."""
    x = convert_to_tensor(x)
    ori = x.dtype.name
    compute = result_type(ori, "float32")
    res = compute if ("int" in ori or ori == "bool") else ori
    out = _ops.reduce(_REF, "Mean", cast(x, compute), axis, keepdims)
    return cast(out, res)


def prod(x):
    x = convert_to_tensor(x)
    dt = result_type(x.dtype.name)
    if dt in ("bool", "int8", "int16"):
        dt = "int32"
    elif dt in ("uint8", "uint16"):
        dt = "uint32"
    return _ops.reduce(_REF, "Prod", cast(x, dt), None, False)


def clip(x, x_min, x_max):
    if x.dtype.name == "bool":
        x = cast(x, "int32")
    return _ops.clip_by_value(_REF, x, x_min, x_max)


def log(x):
    x = convert_to_tensor(x)
    dt = FLOATX if x.dtype.name == "int64" else result_type(x.dtype.name, float)
    return _ops.unary_op(_REF, "Log", cast(x, dt))


def _binary_args(x1, x2, *extra):
    if not isinstance(x1, (int, float)):
        x1 = convert_to_tensor(x1)
    if not isinstance(x2, (int, float)):
        x2 = convert_to_tensor(x2)
    dt = result_type(*([_kind(x1), _kind(x2)] + list(extra)))
    return convert_to_tensor(x1, dt), convert_to_tensor(x2, dt)


def _kind(x):
    return x.dtype.name if isinstance(x, Tensor) else type(x)


def multiply(x1, x2):
    x1, x2 = _binary_args(x1, x2)
    return _ops.binary("Mul", x1, x2, ref=_REF)


def power(x1, x2):
    """``keras.ops.power`` on the TensorFlow backend: both operands converted to their
    ``result_type``, then ``tf.pow`` (the ``Pow`` kernel, ``_kernels.cwise.Pow``)."""
    x1, x2 = _binary_args(x1, x2)
    return _ops.binary("Pow", x1, x2, ref=_REF)


def divide_no_nan(x1, x2):
    x1, x2 = _binary_args(x1, x2, float)
    from .._kernels import cwise
    out = _ops.run(_REF, "DivNoNan", cwise.DivNoNan, x1._value, x2._value)
    return Tensor._make(out, x1.dtype, _REF)


def select(cond, x1, x2):
    """``SelectV2``: a broadcasting blend of two same-dtype tensors, no arithmetic."""
    c, a, b = cond._value, x1._value, x2._value
    try:
        shp = np.broadcast_shapes(c.shape, a.shape, b.shape)
    except ValueError:
        raise_op_error(_REF, KernelError(
            InvalidArgumentError, "condition [%s], then [%s], and else [%s] must be broadcastable"
            % (",".join(map(str, c.shape)), ",".join(map(str, a.shape)),
               ",".join(map(str, b.shape)))), "SelectV2", None, True)
    return Tensor._make(np.where(np.broadcast_to(c, shp), a, b), x1.dtype, _REF)


def where(condition, x1, x2):
    condition = cast(condition, "bool")
    x1, x2 = _binary_args(x1, x2)
    return select(condition, x1, x2)


def not_equal(x1, x2):
    x1 = convert_to_tensor(x1)
    x2 = convert_to_tensor(x2)
    dt = result_type(x1.dtype.name, x2.dtype.name)
    x1, x2 = cast(x1, dt), cast(x2, dt)
    return _ops.binary("NotEqual", x1, x2, ref=_REF)


def _canonicalize_axis(axis, ndim):
    """``backend/common/backend_utils.py: canonicalize_axis``."""
    import operator
    axis = operator.index(axis)
    if not -ndim <= axis < ndim:
        raise ValueError("axis %d is out of bounds for an array with dimension %d." % (axis, ndim))
    return axis + ndim if axis < 0 else axis


def squeeze(x, axis):
    x = convert_to_tensor(x)
    static = x.shape.as_list()
    if static[axis] != 1:
        raise ValueError("Cannot squeeze axis=%s, because the dimension is not 1." % axis)
    a = _canonicalize_axis(axis, len(static))
    return Tensor._make(x._value.reshape(static[:a] + static[a + 1:]), x.dtype, _REF)


def tf_squeeze_last(x):
    static = x.shape.as_list()
    return Tensor._make(x._value.reshape(static[:-1]), x.dtype, _REF)


def expand_dims(x, axis):
    x = convert_to_tensor(x)
    a = _canonicalize_axis(axis, x._value.ndim + 1)
    return Tensor._make(np.expand_dims(x._value, a), x.dtype, _REF)


def reshape(x, newshape):
    x = convert_to_tensor(x)
    return Tensor._make(x._value.reshape(tuple(newshape)), x.dtype, _REF)


# -- nn ---------------------------------------------------------------------------------
def tf_softmax(x, axis=-1):
    """``backend/tensorflow/nn.py: softmax`` (``axis=None``: over the flattened tensor)."""
    logits = x
    if axis is None:
        t = to_tensor(x, ref=_REF)
        flat = Tensor._make(t._value.reshape(-1), t.dtype, _REF)
        out = _ops.softmax_family(_REF, "Softmax", flat, -1)
        out = Tensor._make(out._value.reshape(t._value.shape), t.dtype, _REF)
    else:
        out = _ops.softmax_family(_REF, "Softmax", x, axis)
    return with_attr(out, "_keras_logits", logits)


def tf_sigmoid(x):
    logits = x
    out = _api_v2.sigmoid(x)
    return with_attr(out, "_keras_logits", logits)


def _get_logits(output, from_logits, op_type, fn_name):
    """``_get_logits``: an output carrying ``_keras_logits`` hands its logits over (eager
    tensors have no producing op, so that is the only route in eager mode)."""
    output_, from_logits_ = output, from_logits
    has = hasattr(output, "_keras_logits")
    if has:
        output_ = output._keras_logits
        from_logits_ = True
    if from_logits and has:
        warnings.warn('"`%s` received `from_logits=True`, but the `output` argument was '
                      "produced by a %s activation and thus does not represent logits. "
                      "Was this intended?" % (fn_name, op_type), stacklevel=2)
    return output_, from_logits_


def _shape_text(t):
    return str(t.shape)


def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    target = to_tensor(target, ref=_REF)
    output = to_tensor(output, ref=_REF)
    if len(target.shape) < 1:
        raise ValueError("Arguments `target` and `output` must be at least rank 1. Received: "
                         "target.shape=%s, output.shape=%s" % (_shape_text(target), _shape_text(output)))
    if len(target.shape) != len(output.shape):
        raise ValueError("Arguments `target` and `output` must have the same rank (ndim). "
                         "Received: target.shape=%s, output.shape=%s"
                         % (_shape_text(target), _shape_text(output)))
    if target.shape.as_list() != output.shape.as_list():
        raise ValueError("Arguments `target` and `output` must have the same shape. Received: "
                         "target.shape=%s, output.shape=%s" % (_shape_text(target), _shape_text(output)))
    output, from_logits = _get_logits(output, from_logits, "Softmax", "categorical_crossentropy")
    if from_logits:
        return _xent_api.dense_v2_helper(_REF, target, output, axis)
    output = output / _ops.reduce(_REF, "Sum", output, axis, True)
    output = _ops.clip_by_value(_REF, output, EPSILON, 1.0 - EPSILON)
    return -_ops.reduce(_REF, "Sum", target * _ops.unary_op(_REF, "Log", output), axis, False)


def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    if axis != -1 and axis != len(output.shape) - 1:
        raise ValueError("Only axis=-1 is currently supported. Received: axis=%s" % (axis,))
    output, from_logits = _get_logits(output, from_logits, "Softmax",
                                      "sparse_categorical_crossentropy")
    target = to_tensor(target, ref=_REF)
    target = _ops.cast(target, _dtypes.int64, _REF)
    output = to_tensor(output, ref=_REF)
    if len(target.shape) == len(output.shape) and target.shape[-1] == 1:
        target = tf_squeeze_last(target)
    if len(output.shape) < 1:
        raise ValueError("Argument `output` must be at least rank 1. Received: output.shape=%s"
                         % _shape_text(output))
    if len(target.shape) != len(output.shape[:-1]):
        raise ValueError("Argument `output` must have rank (ndim) `target.ndim - 1`. Received: "
                         "target.shape=%s, output.shape=%s" % (_shape_text(target), _shape_text(output)))
    if target.shape.as_list() != output.shape.as_list()[:-1]:
        raise ValueError("Arguments `target` and `output` must have the same shape up until the "
                         "last dimension: target.shape=%s, output.shape=%s"
                         % (_shape_text(target), _shape_text(output)))
    if not from_logits:
        output = _ops.clip_by_value(_REF, output, EPSILON, 1 - EPSILON)
        output = _ops.unary_op(_REF, "Log", output)
    return _xent_api.sparse_helper(_REF, target, output, None)


def binary_crossentropy(target, output, from_logits=False):
    target = to_tensor(target, ref=_REF)
    output = to_tensor(output, ref=_REF)
    if len(target.shape) != len(output.shape):
        raise ValueError("Arguments `target` and `output` must have the same rank (ndim). "
                         "Received: target.shape=%s, output.shape=%s"
                         % (_shape_text(target), _shape_text(output)))
    if target.shape.as_list() != output.shape.as_list():
        raise ValueError("Arguments `target` and `output` must have the same shape. Received: "
                         "target.shape=%s, output.shape=%s" % (_shape_text(target), _shape_text(output)))
    output, from_logits = _get_logits(output, from_logits, "Sigmoid", "binary_crossentropy")
    if from_logits:
        return _xent_api.sigmoid_xent(_REF, target, output)
    output = _ops.clip_by_value(_REF, output, EPSILON, 1.0 - EPSILON)
    bce = target * _ops.unary_op(_REF, "Log", output)
    bce += (1 - target) * _ops.unary_op(_REF, "Log", 1 - output)
    return -bce
