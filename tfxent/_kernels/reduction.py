"""TF reduction kernels Sum / Mean / Max / Min / Prod on CPU.

Mirrors TF ``core/kernels/reduction_ops_common.h`` (ReductionOp::Compute dispatch; TF 2.21.0
wheel header), ``reduction_ops_common.cc`` (ReductionHelper::Simplify, permutation; public
commit 04bb685e, behaviour re-checked against 2.21.0 and 1.15.5 binaries) and
``reduction_ops.h`` (ReduceEigenImpl: Mean = sum / T(count); CASTING_SPECIALIZATION:
bfloat16 Sum/Mean through float, int8/16/32 and uint8/16/32 Mean through int64/uint64 in TF
2.21; TF 1.15 (public copy 59e708c5 minus the int casting, per the 1.15.5 binary) has only
the bfloat16 Sum cast). The summation orders live in ``tfxent._numerics.reduce``.

``reduce(ctx, op, x, axes, keepdims)``: op in {"Sum", "Mean", "Max", "Min", "Prod"}; ``axes``
the list of ints the Python wrapper passes (all dims for axis=None).
"""
import numpy as np

from .. import errors
from .._numerics import reduce as R

try:  # optional
    import ml_dtypes as _ml
    _BF16 = np.dtype(_ml.bfloat16)
except ImportError:  # pragma: no cover
    _BF16 = None

_F16 = np.dtype(np.float16)
_F32 = np.dtype(np.float32)
_OPS = {"Sum": "sum", "Mean": "sum", "Max": "max", "Min": "min", "Prod": "prod"}


def _bad(msg):
    return errors.KernelError(errors.InvalidArgumentError, msg)


def simplify(ref, shape, axes):
    """ReductionHelper::Simplify. Returns (bitmap, data_reshape, reduce_first_axis)."""
    nd = len(shape)
    bitmap = [False] * nd
    for a in axes:
        a = int(a)
        if a < -nd or a >= nd:
            raise _bad("Invalid reduction dimension (%d for input with %d dimension(s)" % (a, nd))
        a = (a + nd) % nd
        if bitmap[a] and ref == "v2":
            raise _bad("Invalid reduction arguments: Axes contains duplicate dimension: %d" % a)
        bitmap[a] = True
    data_reshape = []
    i = 0
    while i < nd and shape[i] == 1:
        i += 1
    if i >= nd:
        return bitmap, [], True
    bm = list(bitmap)
    reduce_first = bm[i]
    data_reshape.append(shape[i])
    i += 1
    while i < nd:
        size = shape[i]
        if size == 1:
            bm[i] = bm[i - 1]
        if bm[i - 1] != bm[i]:
            data_reshape.append(size)
        else:
            data_reshape[-1] *= size
        i += 1
    return bitmap, data_reshape, reduce_first


def _identity(op, dtype):
    dt = np.dtype(dtype)
    if op == "Mean" and dt.kind == "f" or (op == "Mean" and _BF16 is not None and dt == _BF16):
        return dt.type(np.nan)
    if op in ("Sum", "Mean"):
        return dt.type(0)
    if op == "Prod":
        return dt.type(1)
    if dt.kind == "f" or (_BF16 is not None and dt == _BF16):
        return dt.type(-np.inf) if op == "Max" else dt.type(np.inf)
    if dt.kind == "b":
        return dt.type(op == "Min")
    info = np.iinfo(dt)
    return dt.type(info.min) if op == "Max" else dt.type(info.max)


def _trunc_div(a, b):
    """C++ integer division (truncation toward zero), wrapping like the CPU for MIN/-1."""
    with np.errstate(all="ignore"):
        q = a // b
        r = a - q * b
        fix = (r != 0) & ((a < 0) != (b < 0))
        return (q + fix.astype(q.dtype)).astype(a.dtype)


def _is_float(dt):
    return dt.kind == "f" or (_BF16 is not None and dt == _BF16)


def reduce(ctx, op, x, axes, keepdims=False):
    if op not in _OPS:
        raise ValueError("unknown reduction %r" % (op,))
    x = np.asarray(x)
    dt = x.dtype
    ref = ctx.ref
    shape = tuple(x.shape)
    bitmap, data_reshape, reduce_first = simplify(ref, shape, list(axes))
    out_shape = tuple(s if not b else 1 for s, b in zip(shape, bitmap) if (not b) or keepdims)
    nd = len(data_reshape)
    if nd == 0 or (nd == 1 and not reduce_first):
        return np.array(x, copy=True).reshape(out_shape)
    out_reshape = [data_reshape[i] for i in range(1 if reduce_first else 0, nd, 2)]
    n_out = int(np.prod(out_reshape, dtype=np.int64))
    if n_out == 0:
        return np.empty(out_shape, dt)
    if x.size == 0:
        return np.full(out_shape, _identity(op, dt), dt)

    # --- the Eigen scalar type of the reduction (ReduceEigenImpl specialisations)
    cdt = dt
    if _BF16 is not None and dt == _BF16 and op in ("Sum", "Mean"):
        cdt = _F32
    if op == "Mean" and ref == "v2" and dt.kind in "iu" and dt.itemsize < 8:
        cdt = np.dtype(np.int64 if dt.kind == "i" else np.uint64)
    data = x if cdt == dt else x.astype(cdt)
    data = np.ascontiguousarray(data).reshape(data_reshape)
    res = _reduce_simplified(ctx, _OPS[op], op, data, cdt, data_reshape, reduce_first, n_out)
    if op == "Mean":
        count = x.size // n_out
        res = _divide(ctx, res, count, cdt, dt, n_out)
    if res.dtype != dt:
        res = res.astype(dt)
    return np.asarray(res).reshape(out_shape)


def _divide(ctx, s, count, cdt, dt, n_out):
    s = np.asarray(s)
    if cdt.kind in "iu":
        with np.errstate(all="ignore"):
            c = np.array(count).astype(cdt)      # static_cast<T>(count)
        return _trunc_div(s, c)
    with np.errstate(all="ignore"):
        r = np.asarray(s / cdt.type(count), dtype=cdt)
    if cdt in (np.dtype(np.float32), np.dtype(np.float64)):
        ftz = ctx.always_ftz
        if ftz:
            r = _flush(r)
    return r


def _flush(a):
    from .._numerics.fp import flush
    return flush(a)


def _reduce_simplified(ctx, rop, op, data, cdt, data_reshape, reduce_first, n_out):
    ref = ctx.ref
    nd = len(data_reshape)
    threads = max(1, int(ctx.threads))
    ftz_always = ctx.always_ftz
    if nd == 1:  # full reduction
        cfg = R.Cfg(rop, ref, cdt, ftz_always)
        flat = data.reshape(-1)
        cost = None
        if _BF16 is not None and data.dtype == _F32 and cdt == _F32 and False:
            cost = None
        if ftz_always:
            return np.asarray(R.full(cfg, flat, threads, cost=cost))
        return np.asarray(R.full(cfg, flat, threads, pool_ftz=True, caller_ftz=False, cost=cost))

    def run(ftz):
        cfg = R.Cfg(rop, ref, cdt, ftz)
        if nd == 2 and reduce_first:
            A, S, C = 1, data_reshape[0], data_reshape[1]
            return R.preserver(cfg, data.reshape(A, S, C)).reshape(-1), S
        if nd == 2:
            return R.rows(cfg, data), data_reshape[1]
        if nd == 3 and reduce_first:
            A, B, C = data_reshape
            return R.generic02(cfg, data), A * C
        if nd == 3:
            A, S, C = data_reshape
            return R.preserver(cfg, data).reshape(-1), S
        unred = (nd + (not reduce_first)) // 2
        perm = [2 * i + int(reduce_first) for i in range(unred)] + \
               [2 * (i - unred) + int(not reduce_first) for i in range(unred, nd)]
        sh = np.ascontiguousarray(np.transpose(data, perm)).reshape(n_out, -1)
        return R.rows(cfg, sh), sh.shape[1]

    if ftz_always or not R.Cfg(rop, ref, cdt, True).ftz:
        return run(ftz_always)[0]
    # TF 1.15 eager: outputs computed on intra-op pool threads are flushed
    res0, num = run(False)
    size = cdt.itemsize
    P = R.packet_size(cdt)
    cost = 11.0 / 64.0 * (num * size + size) + num * 10.0 / P
    k = R.parallel_for_caller_range(n_out, cost, threads, P)
    if k >= n_out:
        return res0
    res1 = run(True)[0]
    if k <= 0:
        return res1
    out = res1.copy()
    out[:k] = res0[:k]
    return out
