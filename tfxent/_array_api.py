"""Shared bodies of the array / index / matmul helpers of both references
(``tensorflow/python/ops/array_ops.py``, ``math_ops.py`` of TF 2.21.0 and of the TF 1.15.5
wheel, and the generated op wrappers they call): argument handling and conversion as each
reference does it in eager mode; the numbers come from ``tfxent._kernels.array_ops`` and
``tfxent._kernels.matmul``.

Conversion of op inputs whose type attr has a default (``Tidx``, ``Tshape``, ``TI``...):
TF 2.21's C++ fast path (every input a tensor, NumPy array or Python scalar) converts a
Python scalar strictly to the default dtype ("Cannot convert 1.0 to EagerTensor of dtype
int32") and a NumPy array of a disallowed dtype to the default; the Python fallback (a list
anywhere) converts plainly and lets the op-def check reject a float. TF 1.15.5 converts
plainly; a disallowed dtype then finds no kernel (NotFoundError) or fails the op-def check.
"""
import numpy as np

from . import _dtypes, _ops
from ._convert import to_tensor, match_args
from ._tensor import Tensor
from .errors import KernelError, InvalidArgumentError, raise_op_error


def _run(ref, op, fn, *arrays, name=None, fast=True, wrapped_op=None, **attrs):
    """``_ops.run`` with TF 2.21's wrapped function-node name when it is not the op's
    (``_MklMatMul``, ``Pack_N_2``)."""
    ctx = _ops.ctx_for(ref)
    try:
        with np.errstate(all="ignore"):
            return fn(ctx, *arrays, **attrs)
    except KernelError as e:
        if wrapped_op and ref == "v2" and e.wrapped:
            from .errors import format_op_message
            text = format_op_message(ref, e.message, op, name, True, fast).replace(
                "__wrapped__%s_device" % op, "__wrapped__%s_device" % wrapped_op, 1)
            raise e.cls(None, None, text) from None
        raise_op_error(ref, e, op, name, fast)


def _attr_input(ref, value, default, allowed, fast):
    """Convert an op input whose type attr has a default dtype (see module docstring)."""
    if isinstance(value, Tensor):
        return value
    if ref == "v2" and fast:
        if isinstance(value, np.ndarray) and _dtypes.from_numpy(value.dtype) in allowed:
            return to_tensor(value, ref=ref)
        return to_tensor(value, dtype=default, ref=ref)
    t = to_tensor(value, ref=ref)
    if ref == "v2" and t.dtype not in allowed:
        t = to_tensor(value, dtype_hint=default, ref=ref)
    return t


_IDX = (_dtypes.int32, _dtypes.int64)


def _check(ref, key, dtype, name, fast):
    _ops.check_dtype(ref, key, dtype, name, fast)


def _wrap(arr, dtype, ref):
    return _ops.wrap(arr, dtype, ref)


# -------------------------------------------------------------------------------- one_hot
def one_hot(ref, indices, depth, on_value, off_value, axis, dtype, name):
    from ._kernels import array_ops as K
    scope = "" if ref == "v2" else "%s/" % (name or "one_hot")
    fast = _ops.is_fast(indices)
    on_exists = on_value is not None
    off_exists = off_value is not None
    if dtype is not None:
        dtype = _dtypes.as_dtype(dtype)
    if on_exists:
        on_value = to_tensor(on_value, dtype_hint=dtype, ref=ref)
    if off_exists:
        off_value = to_tensor(off_value, dtype_hint=dtype, ref=ref)
    on_dtype = on_value.dtype if on_exists else None
    off_dtype = off_value.dtype if off_exists else None
    if on_exists or off_exists:
        if dtype is not None:
            if on_exists and on_dtype != dtype:
                raise TypeError("dtype {0} of on_value does not match dtype parameter {1}"
                                .format(on_dtype, dtype))
            if off_exists and off_dtype != dtype:
                raise TypeError("dtype {0} of off_value does not match dtype parameter {1}"
                                .format(off_dtype, dtype))
        else:
            dtype = on_dtype if on_exists else off_dtype
    elif dtype is None:
        dtype = _dtypes.float32
    if not on_exists:
        on_value = to_tensor(1, dtype=dtype, ref=ref)
        on_dtype = dtype
    if not off_exists:
        off_value = to_tensor(0, dtype=dtype, ref=ref)
        off_dtype = dtype
    if on_dtype != off_dtype:
        raise TypeError("dtype {0} of on_value does not match dtype {1} of off_value"
                        .format(on_dtype, off_dtype))
    ti = (_dtypes.uint8, _dtypes.int8, _dtypes.int32, _dtypes.int64)
    idx = _attr_input(ref, indices, _dtypes.int64, ti, fast) if ref == "v2" else \
        to_tensor(indices, ref=ref)
    d = to_tensor(depth, dtype=_dtypes.int32, ref=ref)
    _check(ref, "OneHot:TI", idx.dtype, scope, fast)
    ax = -1 if axis is None else int(axis)
    out = _run(ref, "OneHot", K.one_hot, idx._value, d._value, on_value._value, off_value._value,
               axis=ax, name=scope, fast=fast)
    return _wrap(out, dtype, ref)


# -------------------------------------------------------------------------- argmax/argmin
def arg_reduce(ref, op, input, axis, output_type, name):  # noqa: A002
    from ._kernels import array_ops as K
    if axis is None:
        axis = 0
    if ref == "v2" and op == "ArgMax":  # argmin_v2 has no such checks
        if hasattr(axis, "dtype"):
            allowed = (_dtypes.int8, _dtypes.uint8, _dtypes.int16, _dtypes.uint16,
                       _dtypes.int32, _dtypes.int64)
            if not isinstance(axis, Tensor) or axis.dtype not in allowed:
                raise TypeError("axis tensor dtypes {} is not supported".format(axis.dtype))
            if axis.dtype not in _IDX:
                axis = _ops.cast(axis, _dtypes.int32, ref)
        elif not isinstance(axis, int):
            raise TypeError("axis must be int or Tensor with integer datatype")
    fast = _ops.is_fast(input, axis)
    x = to_tensor(input, ref=ref)
    dim = _attr_input(ref, axis, _dtypes.int32, _IDX, fast)
    out_t = _dtypes.as_dtype(output_type)
    _check(ref, op, x.dtype, name, fast)
    _check(ref, op + ":Tidx", dim.dtype, name, fast)
    _check(ref, op + ":output_type", out_t, name, fast)
    out = _run(ref, op, K.arg_reduce, x._value, dim._value, out_dtype=out_t.as_numpy_dtype,
               is_max=(op == "ArgMax"), name=name, fast=fast)
    return _wrap(out, out_t, ref)


# -------------------------------------------------------------------------------- reshape
def reshape(ref, tensor, shape, name):
    from ._kernels import array_ops as K
    fast = _ops.is_fast(tensor, shape)
    x = to_tensor(tensor, ref=ref)
    s = _attr_input(ref, shape, _dtypes.int32, _IDX, fast)
    _check(ref, "Reshape:Tshape", s.dtype, name, fast)
    out = _run(ref, "Reshape", K.reshape, x._value, s._value, name=name, fast=fast)
    return _wrap(out, x.dtype, ref)


# ------------------------------------------------------------------------------ transpose
def transpose(ref, a, perm, name, conjugate):
    from ._kernels import array_ops as K
    scope = "" if ref == "v2" else "%s/" % (name or "transpose")
    a = to_tensor(a, ref=ref)
    if perm is None:
        perm = np.arange(a._value.ndim - 1, -1, -1, dtype=np.int32)
    fast = _ops.is_fast(a, perm)
    p = _attr_input(ref, perm, _dtypes.int32, _IDX, fast)
    _check(ref, "Transpose:Tperm", p.dtype, scope, fast)
    out = _run(ref, "Transpose", K.transpose, a._value, p._value, name=scope, fast=fast)
    if conjugate and a.dtype.is_complex:
        out = np.conj(out)
    return _wrap(out, a.dtype, ref)


# ------------------------------------------------------------------- squeeze / expand_dims
def squeeze(ref, input, axis, name):  # noqa: A002
    from ._kernels import array_ops as K
    if np.isscalar(axis):
        axis = [axis]
    if axis is None:
        axis = []
    if not isinstance(axis, (list, tuple)):
        raise TypeError("Expected list for 'axis' argument to 'squeeze' Op, not %r." % (axis,))
    dims = []
    for v in axis:
        if isinstance(v, (bool, np.bool_)) or not isinstance(v, (int, np.integer)):
            raise TypeError("Expected int for argument 'axis' not %r." % (v,))
        dims.append(int(v))
    fast = _ops.is_fast(input)
    x = to_tensor(input, ref=ref)
    out = _run(ref, "Squeeze", K.squeeze, x._value, axis=dims, name=name, fast=fast)
    return _wrap(out, x.dtype, ref)


def expand_dims(ref, input, axis, name):  # noqa: A002
    from ._kernels import array_ops as K
    fast = _ops.is_fast(input, axis)
    x = to_tensor(input, ref=ref)
    d = _attr_input(ref, axis, _dtypes.int32, _IDX, fast)
    _check(ref, "ExpandDims:Tdim", d.dtype, name, fast)
    out = _run(ref, "ExpandDims", K.expand_dims, x._value, d._value, name=name, fast=fast)
    return _wrap(out, x.dtype, ref)


# --------------------------------------------------------------------- shape / size / rank
def shape(ref, input, out_type, name):  # noqa: A002
    x = to_tensor(input, ref=ref)
    out_type = _dtypes.as_dtype(out_type)
    scope = name if ref == "v2" else "%s/" % (name or "Shape")
    _check(ref, "Shape:out_type", out_type, scope, True)
    return _wrap(np.array(x._value.shape, dtype=out_type.as_numpy_dtype), out_type, ref)


def size(ref, input, out_type, name):  # noqa: A002
    x = to_tensor(input, ref=ref)
    out_type = _dtypes.as_dtype(out_type)
    n = np.prod(x._value.shape, dtype=out_type.as_numpy_dtype)
    return to_tensor(np.asarray(n), dtype=out_type, ref=ref)


def rank(ref, input, name):  # noqa: A002
    x = to_tensor(input, ref=ref)
    return _wrap(np.array(x._value.ndim, dtype=np.int32), _dtypes.int32, ref)


# ------------------------------------------------------------------------- stack / concat
def _list_inputs(ref, op, values, name, fast=True):
    ts = match_args(list(values), ref=ref)
    _ops._type_mismatch(ref, op, [t.dtype for t in ts], name, fast)
    return ts


def stack(ref, values, axis, name):
    from ._kernels import array_ops as K
    if axis == 0:
        try:
            return to_tensor(values, ref=ref)
        except (TypeError, ValueError, NotImplementedError):
            pass
    nd = to_tensor(values[0], ref=ref)._value.ndim + 1
    if axis < -nd or axis >= nd:
        if ref == "v2":
            raise ValueError("Argument `axis` = %d not in range [%d, %d)" % (axis, -nd, nd))
        raise ValueError("axis = %d not in [%d, %d)" % (axis, -nd, nd))
    ts = _list_inputs(ref, "Pack", values, name)
    out = _run(ref, "Pack", lambda ctx, *arrs: K.pack(ctx, list(arrs), axis),
               *[t._value for t in ts], name=name, wrapped_op="Pack_N_%d" % len(ts))
    return _wrap(out, ts[0].dtype, ref)


def concat(ref, values, axis, name):
    from ._kernels import array_ops as K
    if not isinstance(values, (list, tuple)):
        values = [values]
    if len(values) == 1:
        a = to_tensor(axis, dtype=_dtypes.int32, ref=ref)
        if a._value.ndim != 0:
            raise ValueError("Shape %s must have rank 0" % (a.shape,))
        return to_tensor(values[0], ref=ref)
    fast = _ops.is_fast(axis)
    ts = _list_inputs(ref, "ConcatV2", values, name)
    a = _attr_input(ref, axis, _dtypes.int32, _IDX, fast)
    _check(ref, "ConcatV2:Tidx", a.dtype, name, fast)
    out = _run(ref, "ConcatV2", lambda ctx, ax, *arrs: K.concat(ctx, list(arrs), ax),
               a._value, *[t._value for t in ts], name=name, wrapped_op="ConcatV2_N_%d" % len(ts))
    return _wrap(out, ts[0].dtype, ref)


# ----------------------------------------------------------------------------- fill/range
def fill(ref, dims, value, name):
    from ._kernels import array_ops as K
    fast = _ops.is_fast(dims, value)
    d = _attr_input(ref, dims, _dtypes.int32, _IDX, fast)
    v = to_tensor(value, ref=ref)
    _check(ref, "Fill:index_type", d.dtype, name, fast)
    out = _run(ref, "Fill", K.fill, d._value, v._value, name=name, fast=fast)
    return _wrap(out, v.dtype, ref)


_RANGE_ORDER_V2 = ("int32", "int64", "float16", "bfloat16", "float32", "float64")
_RANGE_ORDER_V1 = ("int32", "int64", "float32", "float64")


def range_(ref, start, limit, delta, dtype, name):
    from ._kernels import array_ops as K
    if limit is None:
        start, limit = 0, start
    scope = "" if ref == "v2" else "%s/" % (name or "Range")
    dt = None if dtype is None else _dtypes.as_dtype(dtype)
    vals = []
    for v in (start, limit, delta):
        if ref == "v2" and isinstance(v, Tensor):
            vals.append(v)
        else:
            vals.append(to_tensor(v, dtype=dt, ref=ref))
    if dt is None:
        order = _RANGE_ORDER_V2 if ref == "v2" else _RANGE_ORDER_V1
        for v in vals:
            if v.dtype.name not in order:
                raise AssertionError()
        dt = _dtypes.as_dtype(max((v.dtype.name for v in vals), key=order.index))
        vals = [_ops.cast(v, dt, ref) for v in vals]
    elif ref == "v2":
        vals = [_ops.cast(v, dt, ref) for v in vals]
    _check(ref, "Range", dt, scope, True)
    out = _run(ref, "Range", K.range_, *[v._value for v in vals], name=scope, fast=True)
    return _wrap(out, dt, ref)


# ---------------------------------------------------------------------------- comparisons
def compare(ref, op, x, y, name):
    return _ops.binary(op, x, y, name=name, ref=ref)


def logical(ref, op, name, *xs):
    from ._kernels import array_ops as K
    fast = _ops.is_fast(*xs)
    ts = [to_tensor(v, dtype=_dtypes.bool, ref=ref) if not isinstance(v, Tensor) else v
          for v in xs]
    for t in ts:
        _check(ref, op, t.dtype, name, fast)
    fn = {"LogicalAnd": K.logical_and, "LogicalOr": K.logical_or, "LogicalNot": K.logical_not}[op]
    out = _run(ref, op, fn, *[t._value for t in ts], name=name, fast=fast)
    return _wrap(out, _dtypes.bool, ref)


def square(ref, x, name):
    fast = _ops.is_fast(x)
    t = to_tensor(x, ref=ref)
    _check(ref, "Square", t.dtype, name, fast)
    out = _run(ref, "Square", lambda ctx, a: _ops._cwise().Mul(ctx, a, a), t._value,
               name=name, fast=fast)
    return _wrap(out, t.dtype, ref)


# ---------------------------------------------------------------------------------- matmul
def matmul(ref, a, b, transpose_a, transpose_b, adjoint_a, adjoint_b, a_is_sparse,
           b_is_sparse, name, output_type=None, grad_a=False, grad_b=False):
    from ._kernels import matmul as K
    scope = "" if ref == "v2" else "%s/" % (name or "MatMul")
    if transpose_a and adjoint_a:
        if ref == "v2":
            raise ValueError("Only one of `transpose_a` and `adjoint_a` can be True. Received "
                             "`transpose_a`={}, `adjoint_a`={}.".format(transpose_a, adjoint_a))
        raise ValueError("Only one of transpose_a and adjoint_a can be True.")
    if transpose_b and adjoint_b:
        if ref == "v2":
            raise ValueError("Only one of `transpose_b` and `adjoint_b` can be True. Received "
                             "`transpose_b`={}, `adjoint_b`={}.".format(transpose_b, adjoint_b))
        raise ValueError("Only one of transpose_b and adjoint_b can be True.")
    if not isinstance(a, Tensor):
        a = to_tensor(a, ref=ref)
    if not isinstance(b, Tensor):
        b = to_tensor(b, dtype_hint=a.dtype, ref=ref) if ref == "v2" else to_tensor(b, ref=ref)
    batch = a._value.ndim > 2 or b._value.ndim > 2
    if batch and not a_is_sparse and not b_is_sparse:
        adj_x = bool(transpose_a or adjoint_a)
        adj_y = bool(transpose_b or adjoint_b)
        _ops._type_mismatch(ref, "BatchMatMulV2", [a.dtype, b.dtype], scope)
        _check(ref, "BatchMatMulV2", a.dtype, scope, True)
        out = _run(ref, "BatchMatMulV2", K.batch_mat_mul, a._value, b._value, adj_x=adj_x,
                   adj_y=adj_y, name=scope)
        return _wrap(out, a.dtype, ref)
    ta = bool(transpose_a or adjoint_a)
    tb = bool(transpose_b or adjoint_b)
    av = np.conj(a._value) if adjoint_a and a.dtype.is_complex else a._value
    bv = np.conj(b._value) if adjoint_b and b.dtype.is_complex else b._value
    _ops._type_mismatch(ref, "MatMul", [a.dtype, b.dtype], scope)
    _check(ref, "MatMul", a.dtype, scope, True)
    ctx = _ops.ctx_for(ref)
    mkl = ref == "v2" and ctx.profile.onednn and a.dtype in (_dtypes.float32, _dtypes.bfloat16)
    out = _run(ref, "MatMul", K.mat_mul, av, bv, transpose_a=ta, transpose_b=tb, mkl=mkl,
               name=scope, wrapped_op="__MklMatMul" if mkl else None)
    return _wrap(out, a.dtype, ref)


def sqrt(ref, x, name):
    from ._kernels import array_ops as K
    fast = _ops.is_fast(x)
    t = to_tensor(x, ref=ref)
    _check(ref, "Sqrt", t.dtype, name, fast)
    out = _run(ref, "Sqrt", K.sqrt, t._value, name=name, fast=fast)
    return _wrap(out, t.dtype, ref)
