"""TF 1.15.5 public functions, eager mode (``tensorflow_core/python/ops/math_ops.py``,
``nn_ops.py``, ``clip_ops.py``, ``framework/constant_op.py`` of the 1.15.5 wheel)."""
from ... import _dtypes, _ops
from ..._api_v2 import _constant, _filled, _filled_like
from ..._convert import to_tensor

_REF = "v1"


def _lookup(new_name, new_value, old_name, old_value):
    """``deprecation.deprecated_argument_lookup``."""
    if old_value is not None:
        if new_value is not None:
            raise ValueError("Cannot specify both '%s' and '%s'" % (old_name, new_name))
        return old_value
    return new_value


def constant_v1(value, dtype=None, shape=None, name="Const", verify_shape=False):
    return _constant(value, dtype, shape, _REF)


constant = constant_v1


def convert_to_tensor(value, dtype=None, name=None, preferred_dtype=None, dtype_hint=None):
    hint = _lookup("dtype_hint", dtype_hint, "preferred_dtype", preferred_dtype)
    return to_tensor(value, dtype=dtype, ref=_REF, dtype_hint=hint)


def cast(x, dtype, name=None):
    dtype = _dtypes.as_dtype(dtype)
    x = to_tensor(x, ref=_REF)
    return _ops.cast(x, dtype, _REF)


def exp(x, name=None):
    return _ops.unary_op(_REF, "Exp", x, name)


def log(x, name=None):
    return _ops.unary_op(_REF, "Log", x, name)


def log1p(x, name=None):
    return _ops.unary_op(_REF, "Log1p", x, name)


def _scope(name, default):
    """The name TF 1.15 passes to an op created inside ``ops.name_scope(name, default)``."""
    return "%s/" % (name or default)


def sigmoid(x, name=None):
    return _ops.unary_op(_REF, "Sigmoid", x, _scope(name, "Sigmoid"))


def relu(features, name=None):
    return _ops.unary_op(_REF, "Relu", features, name)


def abs(x, name=None):  # noqa: A001
    return _ops.unary_op(_REF, "Abs", x, name)


def negative(x, name=None):
    return _ops.unary_op(_REF, "Neg", x, name)


def maximum(x, y, name=None):
    return _ops.binary_op(_REF, "Maximum", x, y, name)


def minimum(x, y, name=None):
    return _ops.binary_op(_REF, "Minimum", x, y, name)


def add(x, y, name=None):
    return _ops.binary_op(_REF, "AddV2", x, y, name)


def subtract(x, y, name=None):
    return _ops.binary_op(_REF, "Sub", x, y, name)


def multiply(x, y, name=None):
    return _ops.binary_op(_REF, "Mul", x, y, name)


def clip_by_value(t, clip_value_min, clip_value_max, name=None):
    return _ops.clip_by_value(_REF, t, clip_value_min, clip_value_max, _scope(name, "clip_by_value"))


def _reduction(op, fname):
    def f(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None, keep_dims=None):
        axis = _lookup("axis", axis, "reduction_indices", reduction_indices)
        keepdims = _lookup("keepdims", keepdims, "keep_dims", keep_dims)
        if keepdims is None:
            keepdims = False
        return _ops.reduce(_REF, op, input_tensor, axis, keepdims, name)
    f.__name__ = fname
    f.__qualname__ = fname
    f.__code__ = f.__code__.replace(co_name=fname, co_qualname=fname) if hasattr(
        f.__code__, "co_qualname") else f.__code__.replace(co_name=fname)
    return f


# Named as TF 1.15 names them (Python's TypeError texts quote these names).
reduce_sum = _reduction("Sum", "reduce_sum_v1")
reduce_mean = _reduction("Mean", "reduce_mean_v1")
reduce_max = _reduction("Max", "reduce_max_v1")
reduce_min = _reduction("Min", "reduce_min_v1")
reduce_prod = _reduction("Prod", "reduce_prod_v1")


def softmax(logits, axis=None, name=None, dim=None):
    axis = _lookup("axis", axis, "dim", dim)
    return _ops.softmax_family(_REF, "Softmax", logits, axis, name)


def log_softmax(logits, axis=None, name=None, dim=None):
    axis = _lookup("axis", axis, "dim", dim)
    return _ops.softmax_family(_REF, "LogSoftmax", logits, axis, name)


def ones(shape, dtype=_dtypes.float32, name=None):
    return _filled(shape, dtype, 1, _REF)


def zeros(shape, dtype=_dtypes.float32, name=None):
    return _filled(shape, dtype, 0, _REF)


def ones_like(tensor, dtype=None, name=None, optimize=True):
    return _filled_like(tensor, dtype, 1, _REF)


def zeros_like(tensor, dtype=None, name=None, optimize=True):
    return _filled_like(tensor, dtype, 0, _REF)


# -- array / index helpers and matmul (bodies in tfxent._array_api) --------------------------
from ... import _array_api as _arr  # noqa: E402
from ..._tensor import Tensor  # noqa: E402


def one_hot(indices, depth, on_value=None, off_value=None, axis=None, dtype=None, name=None):
    return _arr.one_hot(_REF, indices, depth, on_value, off_value, axis, dtype, name)


def argmax(input, axis=None, name=None, dimension=None, output_type=_dtypes.int64):  # noqa: A002
    axis = _lookup("axis", axis, "dimension", dimension)
    return _arr.arg_reduce(_REF, "ArgMax", input, axis, output_type, name)


def argmin(input, axis=None, name=None, dimension=None, output_type=_dtypes.int64):  # noqa: A002
    axis = _lookup("axis", axis, "dimension", dimension)
    return _arr.arg_reduce(_REF, "ArgMin", input, axis, output_type, name)


def equal(x, y, name=None):
    return _arr.compare(_REF, "Equal", x, y, name)


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


def reshape(tensor, shape, name=None):
    return _arr.reshape(_REF, tensor, shape, name)


def transpose(a, perm=None, name="transpose", conjugate=False):
    return _arr.transpose(_REF, a, perm, name, conjugate)


def squeeze(input, axis=None, name=None, squeeze_dims=None):  # noqa: A002
    axis = _lookup("axis", axis, "squeeze_dims", squeeze_dims)
    return _arr.squeeze(_REF, input, axis, name)


def expand_dims(input, axis=None, name=None, dim=None):  # noqa: A002
    axis = _lookup("axis", axis, "dim", dim)
    if axis is None:
        raise ValueError("Must specify an axis argument to tf.expand_dims()")
    return _arr.expand_dims(_REF, input, axis, name)


def shape(input, name=None, out_type=_dtypes.int32):  # noqa: A002
    return _arr.shape(_REF, input, out_type, name)


def size(input, name=None, out_type=_dtypes.int32):  # noqa: A002
    return _arr.size(_REF, input, out_type, name)


def rank(input, name=None):  # noqa: A002
    return _arr.rank(_REF, input, name)


def range(start, limit=None, delta=1, dtype=None, name="range"):  # noqa: A001
    return _arr.range_(_REF, start, limit, delta, dtype, name)


def stack(values, axis=0, name="stack"):
    return _arr.stack(_REF, values, axis, name)


def concat(values, axis, name="concat"):
    return _arr.concat(_REF, values, axis, name)


def fill(dims, value, name=None):
    return _arr.fill(_REF, dims, value, name)


def square(x, name=None):
    return _arr.square(_REF, x, name)


def truediv(x, y, name=None):
    # TF 1.15's _truediv_python3 converts both operands without a dtype hint
    return _ops.truediv(to_tensor(x, ref=_REF), to_tensor(y, ref=_REF), _REF)


def divide(x, y, name=None):
    if not isinstance(x, Tensor):
        x = to_tensor(x, dtype=y.dtype if isinstance(y, Tensor) else None, ref=_REF)
    return x / y


def matmul(a, b, transpose_a=False, transpose_b=False, adjoint_a=False, adjoint_b=False,
           a_is_sparse=False, b_is_sparse=False, name=None):
    return _arr.matmul(_REF, a, b, transpose_a, transpose_b, adjoint_a, adjoint_b, a_is_sparse,
                       b_is_sparse, name)
