"""TF 2.21 public functions (``tensorflow/python/ops/math_ops.py``, ``nn_ops.py``,
``clip_ops.py``, ``framework/constant_op.py`` at v2.21.0): signatures, argument handling,
conversion; the numbers come from ``tfxent._kernels``."""
import numpy as np

from . import _dtypes, _ops
from ._convert import to_tensor, convert_value, infer, scalar_from_cache
from ._tensor import Tensor
from ._dispatch import dispatch_support

_REF = "v2"


def constant(value, dtype=None, shape=None, name="Const"):
    return _constant(value, dtype, shape, _REF)


def _constant(value, dtype, shape, ref):
    if isinstance(value, Tensor):
        t = value if dtype is None else _ops.cast(value, _dtypes.as_dtype(dtype), ref)
        arr = t._value
        dt = t.dtype
    elif dtype is not None:
        dt = _dtypes.as_dtype(dtype)
        arr = scalar_from_cache(value, convert_value(value, dt), dt, ref)
    else:
        arr, dt = infer(value)
        arr = scalar_from_cache(value, arr, None, ref)
    if shape is not None:
        shape = tuple(int(s) for s in (shape if isinstance(shape, (list, tuple)) else [shape]))
        n = int(np.prod(shape, dtype=np.int64))
        if arr.size == 1:
            arr = np.broadcast_to(arr.reshape(()), shape).copy()
        elif arr.size == n:
            arr = arr.reshape(shape)
        else:
            if ref == "v2":
                raise TypeError("Eager execution of tf.constant with unsupported shape. Tensor %s "
                                "(converted from %s) has %d elements, but got `shape` %s with %d "
                                "elements)." % (arr, value, arr.size, _shape_text(shape), n))
            raise TypeError("Eager execution of tf.constant with unsupported shape (value has %d "
                            "elements, shape is %s with %d elements)." % (arr.size, _shape_text(shape), n))
    return Tensor._make(arr, dt, ref)


def _shape_text(shape):
    return "(%d,)" % shape[0] if len(shape) == 1 else "(%s)" % ", ".join(str(s) for s in shape)


@dispatch_support
def convert_to_tensor(value, dtype=None, dtype_hint=None, name=None):
    return to_tensor(value, dtype=dtype, ref=_REF, dtype_hint=dtype_hint)


@dispatch_support
def cast(x, dtype, name=None):
    dtype = _dtypes.as_dtype(dtype)
    x = to_tensor(x, ref=_REF)
    return _ops.cast(x, dtype, _REF)


@dispatch_support
def exp(x, name=None):
    return _ops.unary_op(_REF, "Exp", x, name)


def log(x, name=None):
    return _ops.unary_op(_REF, "Log", x, name)


def log1p(x, name=None):
    return _ops.unary_op(_REF, "Log1p", x, name)


@dispatch_support
def sigmoid(x, name=None):
    # math_ops.sigmoid converts inside a name scope first: always TF's fast path.
    return _ops.unary_op(_REF, "Sigmoid", to_tensor(x, ref=_REF), name)


def relu(features, name=None):
    return _ops.unary_op(_REF, "Relu", features, name)


@dispatch_support
def abs(x, name=None):  # noqa: A001 - TF's name
    # math_ops.abs converts inside a name scope first: always TF's fast path.
    return _ops.unary_op(_REF, "Abs", to_tensor(x, ref=_REF), name)


@dispatch_support
def negative(x, name=None):
    return _ops.unary_op(_REF, "Neg", x, name)


def maximum(x, y, name=None):
    return _ops.binary_op(_REF, "Maximum", x, y, name)


def minimum(x, y, name=None):
    return _ops.binary_op(_REF, "Minimum", x, y, name)


@dispatch_support
def add(x, y, name=None):
    return _ops.binary_op(_REF, "AddV2", x, y, name)


@dispatch_support
def subtract(x, y, name=None):
    return _ops.binary_op(_REF, "Sub", x, y, name)


@dispatch_support
def multiply(x, y, name=None):
    return _ops.binary_op(_REF, "Mul", x, y, name)


@dispatch_support
def pow(x, y, name=None):  # noqa: A001 - TF's name
    # math_ops.pow runs gen_math_ops._pow inside ops.name_scope(name, "Pow", [x]), which in
    # eager mode yields None: the op never carries the given name.
    return _ops.binary_op(_REF, "Pow", x, y, None)


@dispatch_support
def clip_by_value(t, clip_value_min, clip_value_max, name=None):
    return _ops.clip_by_value(_REF, t, clip_value_min, clip_value_max, name)


@dispatch_support
def reduce_sum(input_tensor, axis=None, keepdims=False, name=None):
    return _ops.reduce(_REF, "Sum", input_tensor, axis, keepdims, name)


@dispatch_support
def reduce_mean(input_tensor, axis=None, keepdims=False, name=None):
    return _ops.reduce(_REF, "Mean", input_tensor, axis, keepdims, name)


@dispatch_support
def reduce_max(input_tensor, axis=None, keepdims=False, name=None):
    return _ops.reduce(_REF, "Max", input_tensor, axis, keepdims, name)


@dispatch_support
def reduce_min(input_tensor, axis=None, keepdims=False, name=None):
    return _ops.reduce(_REF, "Min", input_tensor, axis, keepdims, name)


@dispatch_support
def reduce_prod(input_tensor, axis=None, keepdims=False, name=None):
    return _ops.reduce(_REF, "Prod", input_tensor, axis, keepdims, name)


@dispatch_support
def softmax(logits, axis=None, name=None):
    return _ops.softmax_family(_REF, "Softmax", logits, axis, name)


@dispatch_support
def log_softmax(logits, axis=None, name=None):
    return _ops.softmax_family(_REF, "LogSoftmax", logits, axis, name)


def _shape_arg(shape):
    if isinstance(shape, Tensor):
        shape = shape._value.tolist()
    if isinstance(shape, (int, np.integer)):
        return (int(shape),)
    return tuple(int(s) for s in shape)


def _filled(shape, dtype, value, ref):
    dt = _dtypes.as_dtype(dtype)
    return Tensor._make(np.full(_shape_arg(shape), value, dtype=dt.as_numpy_dtype), dt, ref)


def _filled_like(x, dtype, value, ref):
    x = to_tensor(x, ref=ref)
    dt = x.dtype if dtype is None else _dtypes.as_dtype(dtype)
    return Tensor._make(np.full(x._value.shape, value, dtype=dt.as_numpy_dtype), dt, ref)


@dispatch_support
def ones(shape, dtype=_dtypes.float32, name=None, layout=None):
    return _filled(shape, dtype, 1, _REF)


@dispatch_support
def zeros(shape, dtype=_dtypes.float32, name=None, layout=None):
    return _filled(shape, dtype, 0, _REF)


@dispatch_support
def ones_like(input, dtype=None, name=None, layout=None):  # noqa: A002 - TF's name
    return _filled_like(input, dtype, 1, _REF)


@dispatch_support
def zeros_like(input, dtype=None, name=None, layout=None):  # noqa: A002 - TF's name
    return _filled_like(input, dtype, 0, _REF)


# -- array / index helpers and matmul (bodies in _array_api) --------------------------------
from . import _array_api as _arr  # noqa: E402


@dispatch_support
def one_hot(indices, depth, on_value=None, off_value=None, axis=None, dtype=None, name=None):
    return _arr.one_hot(_REF, indices, depth, on_value, off_value, axis, dtype, name)


@dispatch_support
def argmax(input, axis=None, output_type=_dtypes.int64, name=None):  # noqa: A002
    return _arr.arg_reduce(_REF, "ArgMax", input, axis, output_type, name)


@dispatch_support
def argmin(input, axis=None, output_type=_dtypes.int64, name=None):  # noqa: A002
    return _arr.arg_reduce(_REF, "ArgMin", input, axis, output_type, name)


@dispatch_support
def equal(x, y, name=None):
    return _arr.compare(_REF, "Equal", x, y, name)


@dispatch_support
def not_equal(x, y, name=None):
    return _arr.compare(_REF, "NotEqual", x, y, name)


def less(x, y, name=None):
    return _arr.compare(_REF, "Less", x, y, name)


def less_equal(x, y, name=None):
    return _arr.compare(_REF, "LessEqual", x, y, name)


def greater(x, y, name=None):
    return _arr.compare(_REF, "Greater", x, y, name)


def greater_equal(x, y, name=None):
    return _arr.compare(_REF, "GreaterEqual", x, y, name)


def logical_and(x, y, name=None):
    return _arr.logical(_REF, "LogicalAnd", name, x, y)


def logical_or(x, y, name=None):
    return _arr.logical(_REF, "LogicalOr", name, x, y)


def logical_not(x, name=None):
    return _arr.logical(_REF, "LogicalNot", name, x)


@dispatch_support
def reshape(tensor, shape, name=None):
    return _arr.reshape(_REF, tensor, shape, name)


@dispatch_support
def transpose(a, perm=None, conjugate=False, name="transpose"):
    return _arr.transpose(_REF, a, perm, name, conjugate)


@dispatch_support
def squeeze(input, axis=None, name=None):  # noqa: A002
    return _arr.squeeze(_REF, input, axis, name)


@dispatch_support
def expand_dims(input, axis, name=None):  # noqa: A002
    return _arr.expand_dims(_REF, input, axis, name)


@dispatch_support
def shape(input, out_type=None, name=None):  # noqa: A002
    return _arr.shape(_REF, input, _dtypes.int32 if out_type is None else out_type, name)


@dispatch_support
def size(input, out_type=None, name=None):  # noqa: A002
    return _arr.size(_REF, input, _dtypes.int32 if out_type is None else out_type, name)


@dispatch_support
def rank(input, name=None):  # noqa: A002
    return _arr.rank(_REF, input, name)


@dispatch_support
def range(start, limit=None, delta=1, dtype=None, name="range"):  # noqa: A001
    return _arr.range_(_REF, start, limit, delta, dtype, name)


@dispatch_support
def stack(values, axis=0, name="stack"):
    return _arr.stack(_REF, values, axis, name)


@dispatch_support
def concat(values, axis, name="concat"):
    return _arr.concat(_REF, values, axis, name)


@dispatch_support
def fill(dims, value, name=None, layout=None):
    return _arr.fill(_REF, dims, value, name)


def square(x, name=None):
    return _arr.square(_REF, x, name)


@dispatch_support
def truediv(x, y, name=None):
    return _ops.truediv(x, y, _REF)


@dispatch_support
def divide(x, y, name=None):
    if not isinstance(x, Tensor):
        x = to_tensor(x, dtype=y.dtype if isinstance(y, Tensor) else None, ref=_REF)
    return x / y


@dispatch_support
def matmul(a, b, transpose_a=False, transpose_b=False, adjoint_a=False, adjoint_b=False,
           a_is_sparse=False, b_is_sparse=False, output_type=None, grad_a=False, grad_b=False,
           name=None):
    return _arr.matmul(_REF, a, b, transpose_a, transpose_b, adjoint_a, adjoint_b, a_is_sparse,
                       b_is_sparse, name, output_type, grad_a, grad_b)


@dispatch_support
def sqrt(x, name=None):
    return _arr.sqrt(_REF, x, name)
