"""SoftmaxCrossEntropyWithLogits on CPU (``tensorflow/core/kernels/xent_op.h``, ``xent_op.cc``).

Mirrors, expression by expression, ``functor::XentEigenImpl::Compute``:

* TF 2.21 (``ctx.ref == "v2"``): ``xent_op.h`` as shipped in the tensorflow 2.21.0 wheel
  (``include/tensorflow/core/kernels/xent_op.h``), ``xent_op.cc`` at public commit 108178da,
  Eigen dcbaf2d608f306450f1e74949eb87e9a22a7ef4b.
* TF 1.15.5 (``ctx.ref == "v1"``): ``xent_op.h`` at public commit d63d0a1e, Eigen
  cdb377d0cba4889fc909d1bbdd430b988db0db97.

The kernel, for logits/labels broadcast to [B, C] (``BCast``)::

    scratch  = max_c(logits)                                    # row max
    backprop = logits - bcast(scratch)                          # tiled, exact
    scratch  = sum_c(exp(backprop))                             # exp inside the reducer
    loss     = sum_c((labels * (bcast(log(scratch).eval()) - backprop)).eval())
    backprop = exp(backprop) / bcast(scratch) - labels          # tiled

Which elements take Eigen's packet (SIMD) exp/log and which the host-glibc scalar path is
decided by the reducer structure (sums), ``EvalRange`` (``.log().eval()`` over B) and the
tiled executor (backprop: target block T = 4507/1777 f32/f64 in TF 2.21, 2560/1111 in TF
1.15). Sums follow ``InnerMostDimReducer`` (4 packet accumulators in TF 2.21, 1 in TF 1.15;
tree above P*LeafSize). FTZ/DAZ: always in TF 2.21 and TF 1.15 graph mode; in TF 1.15 eager
only for evaluations Eigen's cost model sends to the intra-op pool
(``TensorDeviceThreadPool.h`` ``parallelFor``).

half and bfloat16 are computed as Eigen does: every operation converts to float, does one
float operation and rounds back (round to nearest even).

Packet exp/log come from ``_numerics.eigen_v2`` / ``eigen_v1``. The reducer and executor-mask
helpers in this module (shared with ``sparse_xent.py``) still duplicate parts of
``_numerics.reduce`` / ``executor``.
"""
import numpy as np

from ..errors import KernelError, InvalidArgumentError, InternalError
from .._numerics import eigen_v1 as _eigen_v1
from .._numerics import eigen_v2 as _eigen_v2
from .._numerics import glibc as _glibc
from .._numerics import fp as _fp

try:  # optional, only for bfloat16
    import ml_dtypes as _mld
    _BF16 = np.dtype(_mld.bfloat16)
except ImportError:  # pragma: no cover
    _BF16 = None

_F32 = np.float32
_F64 = np.float64


# =============================================================================================
# FTZ / DAZ
# =============================================================================================
def _flush(a, on=True):
    """Subnormals -> signed zero (float32/float64), a copy; ``on`` may be a bool mask."""
    if on is False or a.dtype not in (_F32, _F64):
        return a
    if on is True:
        return _fp.flush(a)
    m = _fp.subnormal_mask(a)
    m &= on
    if not m.any():
        return a
    return np.where(m, np.copysign(a.dtype.type(0), a), a)


# =============================================================================================
# Per-dtype arithmetic: storage dtype S, compute dtype F (half/bf16 -> float32).
# =============================================================================================
class _Arith:
    """One Eigen scalar type. ``ftz`` may be True/False (or a bool mask for ``op``)."""

    def __init__(self, dtype, ref):
        self.S = np.dtype(dtype)
        self.narrow = self.S.itemsize == 2
        self.F = np.dtype(_F32) if self.narrow else self.S
        self.P = 4 if self.F == _F64 else 8
        self.ref = ref
        if ref == "v2":
            self.leaf = 200 if self.S == np.float16 else (128 if self.S == _BF16 else 1024)
        else:
            self.leaf = 1024

    def up(self, a, daz=False):
        a = np.asarray(a)
        if a.dtype != self.F:
            a = a.astype(self.F)
        return _flush(a, daz)

    def down(self, a):
        return a.astype(self.S) if self.narrow else a

    def op(self, fn, a, b, ftz):
        """One Eigen binary op: convert, one float op, flush, round back."""
        if not isinstance(ftz, (bool, np.bool_)):
            return np.where(ftz, self.op(fn, a, b, True), self.op(fn, a, b, False))
        return _chunked(lambda u, v: self._op(fn, u, v, ftz), self.S, a, b)

    def _op(self, fn, a, b, ftz):
        with np.errstate(all="ignore"):
            r = fn(self.up(a, ftz), self.up(b, ftz))
        return self.down(_flush(r, ftz))

    def pexp(self, x, ftz):
        return _chunked(lambda u: self._pexp(u, ftz), self.S, x)

    def plog(self, x, ftz):
        return _chunked(lambda u: self._plog(u, ftz), self.S, x)

    # ---- transcendental, packet and scalar paths (inputs/outputs in S)
    def _pexp(self, x, ftz):
        xf = self.up(x, ftz)
        r = (_eigen_v2 if self.ref == "v2" else _eigen_v1).pexp(xf, ftz=bool(ftz))
        return self.down(_flush(r, ftz))

    def sexp(self, x, ftz):
        xf = self.up(x)
        var = "2.27" if self.ref == "v2" else "2.2.5"
        if self.F == _F32:
            r = _glibc.expf(xf, ftz_daz=bool(ftz), variant=var)
        else:
            r = _glibc.exp(xf, ftz_daz=bool(ftz), variant="2.2.5")
        return self.down(r)

    def _plog(self, x, ftz):
        # TF 1.15 has no packet log for double (has_packet_log), so v1 never gets here with it
        xf = self.up(x, ftz)
        r = (_eigen_v2 if self.ref == "v2" else _eigen_v1).plog(xf, ftz=bool(ftz))
        return self.down(_flush(r, ftz))

    def slog(self, x, ftz):
        xf = self.up(x)
        if self.F == _F32:
            r = _glibc.logf(xf, ftz_daz=bool(ftz), variant="2.27" if self.ref == "v2" else "2.2.5")
        else:
            r = _glibc.log(xf, ftz_daz=bool(ftz), variant="2.2.5")
        return self.down(r)

    @property
    def has_packet_exp(self):
        # TF 1.15 (Eigen cdb377d0): packet_traits<half>::HasExp = 0.
        return not (self.ref == "v1" and self.narrow)

    @property
    def has_packet_log(self):
        # TF 1.15: no packet log for double or half.
        return not (self.ref == "v1" and (self.narrow or self.F == _F64))


_CHUNK = 1 << 16


def _chunked(f, S, *arrays):
    """Apply an elementwise ``f`` over row chunks (large temporaries cost more in page
    faults than in arithmetic). Arrays broadcast; 2-D ones are sliced by rows when their
    leading dimension is the full one."""
    arrays = [np.asarray(a) for a in arrays]
    shape = np.broadcast_shapes(*[a.shape for a in arrays])
    n = int(np.prod(shape))
    if n <= 2 * _CHUNK or len(shape) == 0:
        return f(*arrays)
    out = np.empty(shape, dtype=S)
    lead = shape[0]
    inner = n // lead if lead else 1
    step = max(1, _CHUNK // max(inner, 1))
    for i in range(0, lead, step):
        j = min(lead, i + step)
        parts = [a[i:j] if (a.ndim == len(shape) and a.shape[0] == lead) else a for a in arrays]
        out[i:j] = f(*parts)
    return out


def _mixed(arith, x, scalar_mask, ftz, kind):
    """exp/log of ``x`` with the packet path except where ``scalar_mask`` is True."""
    pk = arith.pexp if kind == "exp" else arith.plog
    sc = arith.sexp if kind == "exp" else arith.slog
    has_pk = arith.has_packet_exp if kind == "exp" else arith.has_packet_log
    if not has_pk:
        return sc(x, ftz)
    out = pk(x, ftz)
    if scalar_mask is not None and scalar_mask.any():
        out = out.copy()
        out[scalar_mask] = sc(x[scalar_mask], ftz)
    return out


# =============================================================================================
# Executors: which elements take the scalar path
# =============================================================================================
def _evalrange_scalar_mask(n, P):
    """Non-tiled EvalRange: the last n mod P flat elements are scalar."""
    m = np.zeros(n, dtype=bool)
    m[(n // P) * P:] = True
    return m


def _tiled_blocks(B, C, T):
    """Block shape of Eigen's kSkewedInnerDims RowMajor block mapper for [B, C] and target T:
    returns (rows_per_block, inner)."""
    if B * C <= T:
        return B, C
    inner = min(T, C)
    rows = min(-(-T // inner), B)
    return rows, inner


def _tiled_scalar_mask(B, C, T, P):
    """Tiled executor (TF 2.21; TF 1.15 nested rule): each contiguous run of a block takes
    packets from its start; the last (run length mod P) elements are scalar."""
    rows, inner = _tiled_blocks(B, C, T)
    m = np.zeros((B, C), dtype=bool)
    if inner == C:
        # full-row blocks: one run of rows_in_block * C elements
        flat = m.reshape(-1)
        for r0 in range(0, B, rows):
            nrun = (min(B, r0 + rows) - r0) * C
            start = r0 * C
            tail = nrun % P
            if tail:
                flat[start + nrun - tail:start + nrun] = True
    else:
        for c0 in range(0, C, inner):
            seg = min(C, c0 + inner) - c0
            tail = seg % P
            if tail:
                m[:, c0 + seg - tail:c0 + seg] = True
    return m


# ---- TF 1.15 eager: which evaluations run on FTZ pool threads ------------------------------
def _cost_threads(n, cost, threads):
    """Eigen TensorCostModel::numThreads."""
    total = n * cost
    t = int((total - 100000.0) / 100000.0 + 0.9)
    return min(threads, max(1, t))


def _divup(a, b):
    return -(-a // b)


def _caller_range(n, cost, threads, align=None):
    """Eigen cdb377d0 ``ThreadPoolDevice::parallelFor``: returns L such that iterations
    [0, L) run on the calling thread (no FTZ in TF 1.15 eager) and [L, n) on the pool."""
    if n <= 1 or threads == 1 or _cost_threads(n, cost, threads) == 1:
        return n
    block_size_f = 40000.0 / cost
    bs = min(n, max(_divup(n, 4 * threads), int(block_size_f)))
    max_bs = min(n, 2 * bs)
    if align:
        bs = min(n, align(bs))
    count = _divup(n, bs)
    eff = count / (_divup(count, threads) * threads)
    prev = count
    while eff < 1.0 and prev > 1:
        cbs = _divup(n, prev - 1)
        if align:
            cbs = min(n, align(cbs))
        if cbs > max_bs:
            break
        cc = _divup(n, cbs)
        prev = cc
        ce = cc / (_divup(cc, threads) * threads)
        if ce + 0.01 >= eff:
            bs, count = cbs, cc
            if eff < ce:
                eff = ce
    if count > threads:
        return 0
    first, last = 0, n
    while last - first > bs:
        mid = first + _divup((last - first) // 2, bs) * bs
        last = mid
    return last


def _align_block(P):
    def f(size):
        if size >= 16 * P:
            return (size + 4 * P - 1) & ~(4 * P - 1)
        return (size + P - 1) & ~(P - 1)
    return f


def _stage_ftz(ctx, kind, B, C, cost, T=None, P=8):
    """FTZ for one Eigen evaluation: True/False, or a bool mask over the output ([B,C] for
    tiled, [B] or flat for ranges).  ``kind``: "tiled" (cost per coeff, target T),
    "range" (n = B*C elementwise, or B for reductions when C is None)."""
    if ctx.always_ftz:
        return True
    threads = ctx.threads
    if kind == "tiled":
        rows, inner = _tiled_blocks(B, C, T)
        nblocks = _divup(B, rows) * _divup(C, inner)
        L = _caller_range(nblocks, cost * rows * inner, threads)
        if L >= nblocks:
            return False
        if L == 0:
            return True
        mask = np.ones((B, C), dtype=bool)
        nbc = _divup(C, inner)
        for i in range(L):
            br, bc = divmod(i, nbc)
            mask[br * rows:(br + 1) * rows, bc * inner:(bc + 1) * inner] = False
        return mask
    n = B if C is None else B * C
    L = _caller_range(n, cost, threads, _align_block(P))
    if L >= n:
        return False
    if L == 0:
        return True
    mask = np.ones(n, dtype=bool)
    mask[:L] = False
    return mask if C is None else mask.reshape(B, C)


# =============================================================================================
# InnerMostDimReducer (sum), vectorised over rows
# =============================================================================================
def _tree(first, n, P, leaf, vectorized):
    if vectorized:
        if n > P * leaf:
            split = P * _divup(first + _divup(n, 2), P)
            nl = min(split - first, n)
            left = _tree(first, nl, P, leaf, True)
            if nl < n:
                return ("node", left, _tree(split, n - nl, P, leaf, True))
            return ("node1", left)
        return ("leaf", first, n)
    if n > leaf:
        h = n // 2
        return ("node", _tree(first, h, P, leaf, False), _tree(first + h, n - h, P, leaf, False))
    return ("leaf", first, n)


def _leaves(t, out):
    if t[0] == "leaf":
        out.append((t[1], t[2]))
    else:
        for s in t[1:]:
            _leaves(s, out)
    return out


def _row_groups(B, C, P):
    """Rows grouped by (b*C) mod P: rows in one group share the reducer's relative structure."""
    groups = {}
    for r in range(min(B, P)):
        key = (r * C) % P
        groups.setdefault(key, []).append(r)
    res = []
    for key, rs in groups.items():
        idx = np.concatenate([np.arange(r, B, P) for r in rs]) if B > P else np.array(rs)
        res.append((key, np.sort(idx)))
    return res


def _reducer_scalar_mask(B, C, arith, vectorized):
    """Elements of each row the reducer reads through ``coeff()`` (scalar path)."""
    P = arith.P
    m = np.zeros((B, C), dtype=bool)
    if not vectorized:
        m[:] = True
        return m
    for key, rows in _row_groups(B, C, P):
        for off, n in _leaves(_tree(key, C, P, arith.leaf, True), []):
            rel = off - key
            nv = (n // P) * P
            if n - nv:
                m[np.ix_(rows, np.arange(rel + nv, rel + n))] = True
    return m


def _predux(arith, a, ftz):
    """Horizontal packet sum (float order), rounded once for half/bf16."""
    F = arith.F
    af = arith.up(a, ftz)
    add = lambda x, y: _flush(x + y, ftz)
    with np.errstate(all="ignore"):
        if arith.P == 8:
            r = add(add(add(af[..., 0], af[..., 4]), add(af[..., 2], af[..., 6])),
                    add(add(af[..., 1], af[..., 5]), add(af[..., 3], af[..., 7])))
        else:
            r = add(add(af[..., 0], af[..., 2]), add(af[..., 1], af[..., 3]))
    return arith.down(r.astype(F, copy=False))


def _leaf_sum(arith, X, ftz, vectorized):
    """InnerMostDimReducer leaf over the rows of X ([rows, n], storage dtype)."""
    rows, n = X.shape
    S = arith.S
    add = lambda a, b: arith.op(np.add, a, b, ftz)
    if not vectorized:
        s = np.zeros(rows, dtype=S)
        for j in range(n):
            s = add(s, X[:, j])
        return s
    P = arith.P
    start = 0
    a0 = np.zeros((rows, P), dtype=S)
    if arith.ref == "v2" and n >= 4 * P:
        V4 = (n // (4 * P)) * (4 * P)
        Xr = X[:, :V4].reshape(rows, V4 // (4 * P), 4, P)
        acc = np.zeros((rows, 4, P), dtype=S)
        for j in range(V4 // (4 * P)):
            acc = add(acc, Xr[:, j])
        a0 = add(add(add(acc[:, 0], acc[:, 1]), acc[:, 2]), acc[:, 3])
        start = V4
    nv = (n // P) * P
    if start <= n - P:
        for j in range(start, nv, P):
            a0 = add(a0, X[:, j:j + P])
        start = nv
    s = np.zeros(rows, dtype=S)
    for j in range(start, n):
        s = add(s, X[:, j])
    return add(s, _predux(arith, a0, ftz))


def _eval_tree(arith, X, t, base, ftz, vectorized):
    if t[0] == "leaf":
        return _leaf_sum(arith, X[:, t[1] - base:t[1] - base + t[2]], ftz, vectorized)
    acc = np.zeros(X.shape[0], dtype=arith.S)
    for sub in t[1:]:
        acc = arith.op(np.add, acc, _eval_tree(arith, X, sub, base, ftz, vectorized), ftz)
    return acc


def _row_sum(arith, X, ftz, vectorized=True):
    """Sum each row of X ([B, C], storage dtype) as Eigen's InnerMostDimReducer with
    first = b*C. ``ftz`` is a bool or a [B] mask (per output row)."""
    B, C = X.shape
    out = np.zeros(B, dtype=arith.S)
    if B == 0:
        return out
    P = arith.P
    if not vectorized:
        t = _tree(0, C, P, arith.leaf, False)
        groups = [(0, np.arange(B))]
    else:
        groups = _row_groups(B, C, P)
    for key, rows in groups:
        t = _tree(key, C, P, arith.leaf, vectorized) if vectorized else _tree(0, C, P, arith.leaf, False)
        f = ftz if isinstance(ftz, bool) else None
        if f is None:
            for val in (False, True):
                sel = rows[ftz[rows] == val]
                if sel.size:
                    out[sel] = _eval_tree(arith, X[sel], t, key if vectorized else 0, val, vectorized)
        else:
            out[rows] = _eval_tree(arith, X[rows], t, key if vectorized else 0, f, vectorized)
    return out


def _row_max(X):
    with np.errstate(all="ignore"):
        if X.shape[1] == 0:
            return np.full(X.shape[0], -np.inf, dtype=X.dtype)
        return np.max(X, axis=1)


# =============================================================================================
# Cost constants (Eigen cdb377d0 TensorOpCost per coeff) for TF 1.15
# =============================================================================================
_LC = 11.0 / 64.0  # load/store cost per byte


def _v1_costs(arith, x_bcast, l_bcast):
    """Per-coeff costs (bytes*11/64 + compute cycles) of the kernel's tiled evaluations in
    TF 1.15, for float/double. A broadcast that is not a copy (some factor != 1) costs
    (4*1 + DivCost<long> + ModCost<long>)/P = (4 + 24 + 24)/P cycles more than a copy
    (``TensorBroadcasting.h`` costPerCoeff); this moves the backprop tile target."""
    sz = arith.S.itemsize
    P = arith.P
    f64 = arith.F == _F64
    extra = (4.0 + 24.0 + 24.0) / P
    xb = extra if any(b != 1 for b in x_bcast) else 0.0
    lb = extra if any(b != 1 for b in l_bcast) else 0.0
    return {
        # backprop = logits.bcast - scratch.bcast                      (8,4,6.875) f32
        "sub": _LC * 3 * sz + (13.75 if f64 else 6.875) + xb,
        # (labels.bcast * (log(s).eval().bcast - backprop)).eval()   (12,4,7) f32
        "prod": _LC * 4 * sz + (14.0 if f64 else 7.0) + lb,
        # backprop = exp(backprop) / scratch.bcast - labels.bcast     (12,4,12.875) f32
        "back": _LC * 4 * sz + (30.5 if f64 else 12.875) + lb,
    }


# =============================================================================================
# Kernel
# =============================================================================================
_DTYPES = (np.dtype(np.float16), np.dtype(_F32), np.dtype(_F64))


def _check_dtype(dt):
    dt = np.dtype(dt)
    if dt in _DTYPES or (_BF16 is not None and dt == _BF16):
        return dt
    raise TypeError("unsupported dtype %s" % dt)


def _shape_str(shape):
    return "[" + ",".join(str(int(d)) for d in shape) + "]"


def _bcast(logits_shape, labels_shape):
    """TF ``BCast`` of two shapes (no reshape fusing needed here): output shape or None."""
    a, b = list(logits_shape), list(labels_shape)
    n = max(len(a), len(b))
    a = [1] * (n - len(a)) + a
    b = [1] * (n - len(b)) + b
    out = []
    for x, y in zip(a, b):
        if x == y:
            out.append(x)
        elif x == 1:
            out.append(y)
        elif y == 1:
            out.append(x)
        else:
            return None
    return out


def _v1_bcast_rank(xs, ys):
    """Rank of TF 1.15 ``BCast`` reshapes (fewer_dims_optimization=true): dimensions where
    both sizes are 1 are dropped, consecutive dimensions with the same broadcast pattern
    are merged."""
    n = max(len(xs), len(ys))
    xs = [1] * (n - len(xs)) + list(xs)
    ys = [1] * (n - len(ys)) + list(ys)
    rank, prev = 0, None
    for a, b in zip(xs, ys):
        if a == 1 and b == 1:
            continue
        pat = (a == 1, b == 1)
        if pat != prev:
            rank += 1
            prev = pat
    return rank


def _tile_T(arith):
    if arith.ref == "v2":
        return 1777 if arith.F == _F64 else 4507
    return 1111 if arith.F == _F64 else 2560


def softmax_xent(ctx, logits, labels):
    """SoftmaxCrossEntropyWithLogits: returns (loss [B], backprop [B, C]).

    logits, labels: float arrays (half, bfloat16, float32, float64) of the same dtype whose
    shapes broadcast (TF ``BCast``) to a 2-D [B, C]. Inputs are never modified.
    """
    logits = np.asarray(logits)
    labels = np.asarray(labels)
    dt = _check_dtype(logits.dtype)
    if labels.dtype != dt:
        raise TypeError("logits and labels must have the same dtype")
    out_shape = _bcast(logits.shape, labels.shape)
    if out_shape is None:
        raise KernelError(InvalidArgumentError,
                          "logits and labels must be broadcastable: logits_size=%s labels_size=%s"
                          % (_shape_str(logits.shape), _shape_str(labels.shape)))
    if len(out_shape) != 2:
        raise KernelError(InvalidArgumentError,
                          "logits and labels must be either 2-dimensional, or broadcasted to be "
                          "2-dimensional")
    if ctx.ref == "v1" and logits.shape != labels.shape and _v1_bcast_rank(logits.shape, labels.shape) != 2:
        # TF 1.15 builds BCast with fewer_dims_optimization: merged reshapes of rank 1 hit
        # CHECK(NDIMS == new_sizes.size()) in Tensor::shaped<T, 2> and abort the process.
        raise KernelError(InternalError, "Check failed: NDIMS == new_sizes.size() (2 vs. %d)"
                          % _v1_bcast_rank(logits.shape, labels.shape))
    B, C = out_shape
    x = np.broadcast_to(logits.reshape([1] * (2 - logits.ndim) + list(logits.shape)), (B, C))
    lab = np.broadcast_to(labels.reshape([1] * (2 - labels.ndim) + list(labels.shape)), (B, C))
    arith = _Arith(dt, ctx.ref)
    loss = np.zeros(B, dtype=dt)
    if B == 0 or C == 0:
        # Eigen: max over an empty row is -inf, sum is 0; loss = sum of nothing = 0.
        return loss, np.zeros((B, C), dtype=dt)
    xb = [o // d if d else 1 for o, d in zip((B, C), [1] * (2 - logits.ndim) + list(logits.shape))]
    lb = [o // d if d else 1 for o, d in zip((B, C), [1] * (2 - labels.ndim) + list(labels.shape))]
    if logits.shape == labels.shape:
        xb = lb = [1, 1]
    return _xent_core(ctx, arith, x, lab, xb, lb)


def _xent_core(ctx, arith, x, lab, x_bcast=(1, 1), l_bcast=(1, 1)):
    B, C = x.shape
    P = arith.P
    S = arith.S
    sz = S.itemsize
    f64 = arith.F == _F64
    Lc = 11.0 / 64.0
    v1_eager = not ctx.always_ftz

    # 1. row max
    mx = _row_max(x)

    # 2. backprop = logits - bcast(max) (tiled; exact)
    costs = _v1_costs(arith, x_bcast, l_bcast) if arith.ref == "v1" else None
    if v1_eager:
        f_sub = _stage_ftz(ctx, "tiled", B, C, costs["sub"], T=int(40000.0 / costs["sub"]))
    else:
        f_sub = True
    bp = arith.op(np.subtract, x, mx[:, None], f_sub)

    # 3. sum exp(bp) per row: exp inside the reducer
    vec = arith.has_packet_exp
    smask = _reducer_scalar_mask(B, C, arith, vec)
    f_sum = True if not v1_eager else _reduce_ftz(ctx, arith, B, C, exp_inside=True)
    f_sum_el = f_sum if isinstance(f_sum, bool) else np.broadcast_to(f_sum[:, None], (B, C))
    e_in = _mixed_ftz(arith, bp, smask, f_sum_el, "exp")
    s = _row_sum(arith, e_in, f_sum, vec)

    # 4. ls = log(s).eval(): EvalRange over B
    f_log = True if not v1_eager else _stage_ftz(
        ctx, "range", B, None, Lc * 2 * sz + (50.0 if not f64 else 50.0) / P, P=P)
    ls = _mixed_ftz(arith, s, _evalrange_scalar_mask(B, P), f_log, "log")

    # 5. prod = labels * (bcast(ls) - bp), materialised (tiled)
    if v1_eager:
        f_prod = _stage_ftz(ctx, "tiled", B, C, costs["prod"], T=int(40000.0 / costs["prod"]))
    else:
        f_prod = True
    prod = arith.op(np.multiply, lab, arith.op(np.subtract, ls[:, None], bp, f_prod), f_prod)

    # 6. loss = row sums
    f_loss = True if not v1_eager else _reduce_ftz(ctx, arith, B, C, exp_inside=False)
    loss = _row_sum(arith, prod, f_loss, True)

    # 7. backprop = exp(bp) / bcast(s) - labels (tiled, T)
    T = _tile_T(arith) if arith.ref == "v2" else int(40000.0 / costs["back"])
    if v1_eager:
        f_bp = _stage_ftz(ctx, "tiled", B, C, costs["back"], T=T)
    else:
        f_bp = True
    tmask = _tiled_scalar_mask(B, C, T, P)
    e = _mixed_ftz(arith, bp, tmask, f_bp, "exp")
    back = arith.op(np.subtract, arith.op(np.divide, e, s[:, None], f_bp), lab, f_bp)
    return loss, back


def _mixed_ftz(arith, x, scalar_mask, ftz, kind):
    """_mixed with ftz possibly a mask (TF 1.15 eager with a partly-pooled evaluation)."""
    if isinstance(ftz, (bool, np.bool_)):
        return _mixed(arith, x, scalar_mask, bool(ftz), kind)
    a = _mixed(arith, x, scalar_mask, False, kind)
    b = _mixed(arith, x, scalar_mask, True, kind)
    return np.where(ftz, b, a)


def _reduce_ftz(ctx, arith, B, C, exp_inside):
    """TF 1.15 eager FTZ of a row-reduction evaluation (EvalRange over the B outputs)."""
    P = arith.P
    sz = arith.S.itemsize
    f64 = arith.F == _F64
    Lc = 11.0 / 64.0
    inner = Lc * sz + (((34.0 if not f64 else 62.0) / P) if exp_inside else 0.0)
    cost = C * inner + C * 10.0 / P + Lc * sz
    r = _stage_ftz(ctx, "range", B, None, cost, P=P)
    return r
