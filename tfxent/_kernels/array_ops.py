"""Data-movement and index kernels: OneHot, ArgMax, ArgMin, Reshape, Transpose, Squeeze,
ExpandDims, Pack, ConcatV2, Fill, Range, LogicalAnd, LogicalOr, LogicalNot.

Mirrors TensorFlow ``tensorflow/core/kernels/one_hot_op.cc``, ``argmax_op.cc``,
``reshape_op.h`` (``ValidateSizes``), ``transpose_op.cc``, ``squeeze_op.h``,
``shape_ops.h`` (``ExpandDimsOp``), ``pack_op.cc``, ``concat_op.cc``,
``constant_op.cc`` (``FillOp``), ``sequence_ops.cc`` (``RangeOp``),
``cwise_op_logical_{and,or,not}.cc`` at v2.21.0 and v1.15.5 (messages read from both
binaries where they differ).

ArgMax / ArgMin are Eigen's ``ArgMaxPairReducer`` / ``ArgMinPairReducer`` (Eigen
dcbaf2d6 ``TensorFunctors.h``; cdb377d0 ``ArgMaxTupleReducer`` for TF 1.15.5) run over the
reduced axis in ascending order from ``(0, NumTraits<T>::lowest())`` (``highest()`` for
min): an element replaces the accumulator only when strictly greater (less), so ties keep
the first index, a NaN never wins, and an axis whose elements are all NaN or equal to
``lowest()`` gives index 0. TF 2.21 compares float / double / bfloat16 values through DAZ
(a subnormal reads as zero); TF 1.15.5 eager does not.

Range: TF 2.21 computes ``start + T(i) * delta`` (two roundings for floats); TF 1.15.5
accumulates ``val += delta``.
"""
import numpy as np

from .. import errors

try:  # optional
    import ml_dtypes as _ml
    _BF16 = np.dtype(_ml.bfloat16)
except ImportError:  # pragma: no cover
    _BF16 = None


def _bad(msg):
    return errors.KernelError(errors.InvalidArgumentError, msg)


def shape_text(shape):
    """``TensorShape::DebugString``: ``[2,3]``."""
    return "[%s]" % ",".join(str(int(d)) for d in shape)


# ------------------------------------------------------------------------------ OneHot
def one_hot(ctx, indices, depth, on_value, off_value, axis=-1):
    depth = np.asarray(depth)
    if depth.ndim != 0:
        raise _bad("depth must be a scalar, but got: %s" % shape_text(depth.shape))
    d = int(depth)
    if d < 0:
        raise _bad("depth must be non-negative, got: %d" % d)
    on_value = np.asarray(on_value)
    off_value = np.asarray(off_value)
    if on_value.ndim != 0:
        raise _bad("on_value must be a scalar, but got: %s" % shape_text(on_value.shape))
    if off_value.ndim != 0:
        raise _bad("off_value must be a scalar, but got: %s" % shape_text(off_value.shape))
    indices = np.asarray(indices)
    nd = indices.ndim
    if axis != -1 and not (0 <= axis < nd + 1):
        raise _bad("Expected axis to be -1 or between [0, %d).  But received: %d" % (nd + 1, axis))
    ax = nd if axis == -1 else axis
    idx = indices.astype(np.int64)
    hot = np.expand_dims(idx, ax) == np.arange(d, dtype=np.int64).reshape(
        [d if i == ax else 1 for i in range(nd + 1)])
    return np.where(hot, on_value, off_value).astype(on_value.dtype)


# ----------------------------------------------------------------------- ArgMax / ArgMin
def _extreme(dt, is_max):
    dt = np.dtype(dt)
    if dt.kind == "b":
        return np.bool_(not is_max)
    if dt.kind in "iu":
        info = np.iinfo(dt)
        return dt.type(info.min if is_max else info.max)
    if _BF16 is not None and dt == _BF16:
        info = _ml.finfo(_BF16)
        return _BF16.type(info.min if is_max else info.max)
    info = np.finfo(dt)
    return dt.type(info.min if is_max else info.max)


def arg_reduce(ctx, x, dim, out_dtype, is_max):
    x = np.asarray(x)
    dim = np.asarray(dim)
    if dim.ndim != 0:
        raise _bad("dim must be a scalar, but received tensor of shape: %s" % shape_text(dim.shape))
    d = int(dim)
    nd = x.ndim
    axis = d + nd if d < 0 else d
    if not (0 <= axis < nd):
        raise _bad("Expected dimension in the range [%d, %d), but got %d" % (-nd, nd, d))
    if x.shape[axis] == 0:
        raise _bad("Reduction axis %d is empty in shape %s" % (d, shape_text(x.shape)))
    v = np.moveaxis(x, axis, -1)
    ext = _extreme(x.dtype, is_max)
    if ctx.always_ftz and x.dtype in (np.float32, np.float64, _BF16):
        # DAZ: subnormal float / double (and bfloat16, compared as float) read as zero
        wide = v.astype(np.float32) if x.dtype == _BF16 else v
        tiny = np.finfo(wide.dtype).tiny
        with np.errstate(invalid="ignore"):
            v = np.where(np.abs(wide) < tiny, wide.dtype.type(0), wide)
        ext = v.dtype.type(ext)
    if x.dtype.kind == "b":
        better = (v > ext) if is_max else (v < ext)
        key = v
    else:
        better = (v > ext) if is_max else (v < ext)   # NaN compares false
        key = v
    # first index of the extreme among the eligible elements; none eligible -> 0
    if is_max:
        fill = ext
        masked = np.where(better, key, fill)
        best = masked.max(axis=-1, keepdims=True) if masked.size else masked
    else:
        fill = ext
        masked = np.where(better, key, fill)
        best = masked.min(axis=-1, keepdims=True) if masked.size else masked
    hit = better & (masked == best)
    any_hit = hit.any(axis=-1)
    idx = np.argmax(hit, axis=-1)
    idx = np.where(any_hit, idx, 0)
    return idx.astype(out_dtype)


# ------------------------------------------------------------------------------ Reshape
def reshape(ctx, x, sizes):
    x = np.asarray(x)
    sizes = np.asarray(sizes)
    if not (sizes.ndim == 1 or (sizes.ndim == 0 and ctx.ref == "v2")):
        raise _bad("sizes input must be 1-D, not %s" % shape_text(sizes.shape))
    sizes = [int(s) for s in sizes.reshape(-1)]
    shape = []
    product = 1
    unknown = -1
    has_zero = False
    for d, size in enumerate(sizes):
        if size == -1:
            if unknown != -1:
                raise _bad("Only one input size may be -1, not both %d and %d" % (unknown, d))
            unknown = d
            shape.append(1)
        elif size < 0:
            raise _bad("Size %d must be non-negative, not %d" % (d, size))
        elif size == 0:
            shape.append(0)
            has_zero = True
        else:
            shape.append(size)
            product *= size
    if unknown != -1:
        n_in = 1
        in_zero = False
        for dim in x.shape:
            if dim > 0 or not has_zero:
                n_in *= dim
            else:
                in_zero = True
        missing = n_in // product if product else 0
        if not in_zero and product * missing != n_in:
            raise _bad("Input to reshape is a tensor with %d values, but the requested shape "
                       "requires a multiple of %d" % (n_in, product))
        shape[unknown] = missing
    n = 1
    for s in shape:
        n *= s
    if n != x.size:
        raise _bad("Input to reshape is a tensor with %d values, but the requested shape has %d"
                   % (x.size, n))
    return np.ascontiguousarray(x).reshape(shape).copy()


# ---------------------------------------------------------------------------- Transpose
def transpose(ctx, x, perm):
    x = np.asarray(x)
    perm = np.asarray(perm)
    nd = x.ndim
    if perm.ndim != 1:
        raise _bad("perm must be rank 1, got shape %s" % shape_text(perm.shape))
    if perm.shape[0] != nd:
        raise _bad("transpose expects a vector of size %d. But input(1) is a vector of size %d"
                   % (nd, perm.shape[0]))
    p = [int(v) for v in perm]
    seen = [False] * nd
    out = []
    for d in p:
        dd = d + nd if (d < 0 and ctx.ref == "v2") else d
        if not (0 <= dd < nd):
            raise _bad("%d is out of range [0 .. %d)" % (d, nd))
        seen[dd] = True
        out.append(dd)
    for i in range(nd):
        if not seen[i]:
            raise _bad("%d is missing from {%s}." % (i, ",".join(str(v) for v in p)))
    return np.ascontiguousarray(np.transpose(x, out))


# ------------------------------------------------------------------ Squeeze / ExpandDims
def squeeze(ctx, x, axis):
    x = np.asarray(x)
    nd = x.ndim
    wrapped = set()
    for d in axis:
        d = int(d)
        if not (-nd <= d < nd):
            raise _bad("Tried to squeeze dim index %d for tensor with %d dimensions." % (d, nd))
        wrapped.add(d + nd if d < 0 else d)
    shape = []
    for i, s in enumerate(x.shape):
        if i in wrapped:
            if s != 1:
                raise _bad("Can not squeeze dim[%d], expected a dimension of 1, got %d" % (i, s))
        elif wrapped or s != 1:
            shape.append(s)
    return x.reshape(shape).copy()


def expand_dims(ctx, x, dim):
    x = np.asarray(x)
    dim = np.asarray(dim)
    if dim.size != 1:
        raise _bad("'dim' must be a tensor with a single value")
    d = int(dim.reshape(-1)[0])
    nd = x.ndim
    if not (-1 - nd <= d <= nd):
        raise _bad("Tried to expand dim index %d for tensor with %d dimensions." % (d, nd))
    if d < 0:
        d += nd + 1
    return np.expand_dims(x, d).copy()


# ------------------------------------------------------------------------ Pack / Concat
def pack(ctx, values, axis):
    first = values[0].shape
    for i, v in enumerate(values[1:], 1):
        if v.shape != first:
            raise _bad("Shapes of all inputs must match: values[0].shape = %s != values[%d].shape = %s"
                       % (shape_text(first), i, shape_text(v.shape)))
    nd = len(first) + 1
    ax = axis + nd if axis < 0 else axis
    if not (0 <= ax < nd):
        raise _bad("axis = %d not in [%d, %d)" % (axis, -nd, nd))
    return np.stack(values, axis=ax)


def concat(ctx, values, axis):
    axis = np.asarray(axis)
    if axis.ndim != 0:
        raise _bad("Concat dim tensor should be a scalar integer, but got shape %s"
                   % shape_text(axis.shape))
    d = int(axis)
    first = values[0]
    nd = first.ndim
    ax = d + nd if d < 0 else d
    if not (0 <= ax < nd) and not (nd == 0 and False):
        if nd == 0:
            raise _bad("ConcatOp : Can't concatenate scalars (use tf.stack instead)")
        raise _bad("ConcatOp : Expected concatenating dimensions in the range [%d, %d), but got %d"
                   % (-nd, nd, d))
    for i, v in enumerate(values[1:], 1):
        if v.ndim != nd:
            raise _bad("ConcatOp : Ranks of all input tensors should match: shape[0] = %s vs. "
                       "shape[%d] = %s" % (shape_text(first.shape), i, shape_text(v.shape)))
        for j in range(nd):
            if j != ax and v.shape[j] != first.shape[j]:
                if ctx.ref == "v2":
                    raise _bad("ConcatOp : Dimension %d in both shapes must be equal: shape[0] = %s "
                               "vs. shape[%d] = %s" % (j, shape_text(first.shape), i,
                                                       shape_text(v.shape)))
                raise _bad("ConcatOp : Dimensions of inputs should match: shape[0] = %s vs. "
                           "shape[%d] = %s" % (shape_text(first.shape), i, shape_text(v.shape)))
    return np.concatenate(values, axis=ax)


# --------------------------------------------------------------------------- Fill / Range
def fill(ctx, dims, value):
    dims = np.asarray(dims)
    value = np.asarray(value)
    if dims.ndim != 1 and not (dims.ndim == 0 and False):
        raise _bad("dims must be a vector, got shape %s" % shape_text(dims.shape))
    ok = value.ndim == 0 or (ctx.ref == "v2" and value.ndim == 1 and value.shape[0] == 1)
    if not ok:
        raise _bad("value must be a scalar, got shape %s" % shape_text(value.shape))
    shape = []
    for s in dims.reshape(-1):
        s = int(s)
        if s < 0:
            raise _bad("Dimension %d must be >= 0" % s)
        shape.append(s)
    return np.full(shape, value.reshape(()), dtype=value.dtype)


def _num_text(v):
    """``strings::StrCat`` of a scalar: integers plainly, floats shortest of %.6g / %.9g
    (float) or %.15g / %.17g (double) that round-trips."""
    v = np.asarray(v)
    if v.dtype.kind in "iub":
        return str(int(v))
    x = float(v)
    if x != x:
        return "nan"
    if x in (float("inf"), float("-inf")):
        return "inf" if x > 0 else "-inf"
    dt = v.dtype if v.dtype in (np.float32, np.float64) else np.dtype(np.float32)
    digits = (6, 9) if dt == np.float32 else (15, 17)
    s = "%.*g" % (digits[0], x)
    if dt.type(float(s)) != dt.type(x):
        s = "%.*g" % (digits[1], x)
    return s


def range_(ctx, start, limit, delta):
    start, limit, delta = (np.asarray(v) for v in (start, limit, delta))
    for nm, v in (("start", start), ("limit", limit), ("delta", delta)):
        if v.ndim != 0:
            raise _bad("%s must be a scalar, not shape %s" % (nm, shape_text(v.shape)))
    dt = start.dtype
    s, l, dl = start[()], limit[()], delta[()]
    if dl == 0:
        raise _bad("Requires delta != 0: %s" % _num_text(delta))
    if dl > 0:
        if s > l:
            raise _bad("Requires start <= limit when delta > 0: %s/%s" % (_num_text(start), _num_text(limit)))
    else:
        if s < l:
            raise _bad("Requires start >= limit when delta < 0: %s/%s" % (_num_text(start), _num_text(limit)))
    if dt.kind in "iu":
        size = (abs(int(l) - int(s)) + abs(int(dl)) - 1) // abs(int(dl))
        vals = (int(s) + np.arange(size, dtype=np.int64) * int(dl)).astype(dt)
        return vals
    with np.errstate(all="ignore"):
        size = int(np.ceil(np.abs((l - s) / dl)))
        if ctx.ref == "v2":
            i = np.arange(size).astype(dt)
            return (s + i * dl).astype(dt)
        out = np.empty(size, dt)
        val = dt.type(s)
        for i in range(size):
            out[i] = val
            val = dt.type(val + dl)
        return out


# ------------------------------------------------------------------------------ Logical
def logical_and(ctx, x, y):
    from .cwise import bcast
    bcast(np.shape(x), np.shape(y))
    return np.logical_and(x, y)


def logical_or(ctx, x, y):
    from .cwise import bcast
    bcast(np.shape(x), np.shape(y))
    return np.logical_or(x, y)


def logical_not(ctx, x):
    return np.logical_not(x)


# --------------------------------------------------------------------------------- Sqrt
def sqrt(ctx, x):
    """TF 2.21 ``Sqrt`` (``cwise_op_sqrt.cc``; Eigen dcbaf2d6 ``psqrt`` = ``_mm256_sqrt_ps`` /
    ``_mm256_sqrt_pd``, the scalar tail ``std::sqrt``): correctly rounded on both paths, so
    the packet/tail split does not matter; float / double / bfloat16 inputs read through DAZ
    (a subnormal is a signed zero), half computes in float and rounds. Not for TF 1.15.5,
    whose Eigen (``EIGEN_FAST_MATH``) computes float32 packets with ``rsqrtps`` and one
    Newton step (vendor-specific tables, not emulated)."""
    x = np.asarray(x)
    dt = x.dtype
    if _BF16 is not None and dt == _BF16:
        w = x.astype(np.float32)
        w = np.where(np.abs(w) < np.finfo(np.float32).tiny, np.copysign(np.float32(0), w), w) \
            if ctx.always_ftz else w
        with np.errstate(all="ignore"):
            return np.sqrt(w).astype(_BF16)
    if dt in (np.float32, np.float64) and ctx.always_ftz:
        tiny = np.finfo(dt).tiny
        x = np.where(np.abs(x) < tiny, np.copysign(dt.type(0), x), x)
    with np.errstate(all="ignore"):
        return np.sqrt(x).astype(dt)
