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
