"""Summation / max / min / prod orders of Eigen's TensorReduction on ThreadPoolDevice.

Sources (read in the wheels' own headers):
  * TF 2.21: Eigen dcbaf2d608f306450f1e74949eb87e9a22a7ef4b
    ``unsupported/Eigen/CXX11/src/Tensor/TensorReduction.h`` (InnerMostDimReducer with 4
    packet accumulators, tree with LeafSize 1024 / half 200 / bfloat16 128,
    InnerMostDimPreserver with 4 accumulators when size >= 16, FullReducer),
    ``TensorFunctors.h`` (SumReducer, MaxReducer<T, PropagateFast>: reduce(t, acc) =
    std::max(t, acc)), ``Core/arch/AVX/Reductions.h``, ``SSE/Reductions.h`` (predux order).
  * TF 1.15.5: Eigen cdb377d0cba4889fc909d1bbdd430b988db0db97 (same files): one packet
    accumulator, LeafSize 1024 for every type, MaxReducer exactly associative (no tree,
    scalar ``if (t > acc) acc = t``), predux_max via permute/shuffle vmaxps,
    ``TensorDeviceThreadPool.h`` parallelFor (which work runs on FTZ pool threads).

Everything is vectorised across rows / leaves; Python loops only run over packet chunks,
reduced rows or tree nodes. Inputs are never modified.

Operations (``op``): "sum", "max", "min", "prod". ``ref``: "v2" (TF 2.21) / "v1" (TF 1.15).
``ftz``: MXCSR FTZ+DAZ for the evaluation (inputs read as flushed, results flushed).
"""
import numpy as np

from . import fp

try:  # optional
    import ml_dtypes as _ml
    _BF16 = np.dtype(_ml.bfloat16)
except ImportError:  # pragma: no cover
    _BF16 = None

_F16 = np.dtype(np.float16)


# --------------------------------------------------------------------------------------------
# configuration

class Cfg(object):
    """How one reduction is evaluated.

    dtype: the Eigen scalar type (float16 / float32 / float64 / int...).
    P:     packet size (8 float, 4 double, 8 half).
    leaf:  tree leaf size (elements per leaf = P * leaf); None = no tree.
    nacc:  packet accumulators in InnerMostDimReducer (4 in TF 2.21, 1 in TF 1.15).
    """

    def __init__(self, op, ref, dtype, ftz):
        self.op = op
        self.ref = ref
        self.dtype = np.dtype(dtype)
        self.ftz = bool(ftz) and self.dtype in (np.dtype(np.float32), np.dtype(np.float64))
        self.is_float = self.dtype.kind == "f" or (_BF16 is not None and self.dtype == _BF16)
        self.P = packet_size(self.dtype)
        self.nacc = 4 if ref == "v2" else 1
        # tree: float SumReducer (not exactly associative) both versions; MaxReducer /
        # MinReducer<PropagateFast> only in TF 2.21; ProdReducer exactly associative.
        # (TF 2.21 registers MaxReducer/MinReducer<T, PropagateNaN>: exactly associative)
        tree = self.is_float and op == "sum"
        if tree:
            if ref == "v2" and self.dtype == _F16:
                self.leaf = 200
            elif ref == "v2" and _BF16 is not None and self.dtype == _BF16:
                self.leaf = 128
            else:
                self.leaf = 1024
        else:
            self.leaf = None

    def init(self):
        dt = self.dtype
        if self.op == "sum":
            return dt.type(0)
        if self.op == "prod":
            return dt.type(1)
        if self.is_float:
            return dt.type(-np.inf) if self.op == "max" else dt.type(np.inf)
        info = np.iinfo(dt)
        return dt.type(info.min) if self.op == "max" else dt.type(info.max)


def packet_size(dtype):
    dtype = np.dtype(dtype)
    if dtype.kind == "f" or (_BF16 is not None and dtype == _BF16):
        return 4 if dtype.itemsize == 8 else 8
    return max(1, 32 // dtype.itemsize)


# --------------------------------------------------------------------------------------------
# elementary ops (arrays, broadcasting)

def _load(cfg, a):
    """DAZ: a read operand with subnormals as signed zeros (copy only when needed)."""
    if cfg.ftz:
        a = fp.flush(a)
    return a


def _arith(cfg, a, b):
    with np.errstate(all="ignore"):
        r = np.add(a, b) if cfg.op == "sum" else np.multiply(a, b)
    r = np.asarray(r, dtype=cfg.dtype)
    if cfg.ftz:
        fp.flush_inplace(r)
    return r


def _M(a, b):
    """std::max(a, b) = (a < b) ? b : a  (also pmax(a, b) = _mm_max_ps(b, a))."""
    return np.where(a < b, b, a)


def _m(a, b):
    """std::min(a, b) = (b < a) ? b : a  (also pmin(a, b) = _mm_min_ps(b, a))."""
    return np.where(b < a, b, a)


def _pn_scalar(f, a, b):
    """Scalar pmax/pmin<PropagateNaN>(a, b): a if NaN, else b if NaN, else std::max/min(a, b)."""
    return np.where(a != a, a, np.where(b != b, b, f(a, b)))


def _pn_packet(f, a, b):
    """pminmax_propagate_nan(a, b, pmax/pmin): a if NaN, else pmax(b, a)."""
    return np.where(a != a, a, f(b, a))


def _cmp_select(cfg, fn, a, b):
    """Scalar compare-and-select: under DAZ the comparison reads subnormals as zeros, the
    selected value keeps its bits (TF 2.21 [RUN]: max of 9 subnormals = the tail one)."""
    if cfg.ftz:
        fa, fb = fp.flush(np.asarray(a)), fp.flush(np.asarray(b))
        pick_b = fn(fa, fb)
        if cfg.ref == "v1":
            # TF 1.15's scalar max/min compile to maxss/minss, which under DAZ yield the
            # zeroed operand (measured in a Session: max(-1e-40, 0.0, -0.0) = -0.0)
            return np.where(pick_b, fb, fa)
        return np.where(pick_b, b, a)
    return np.where(fn(a, b), b, a)


def scalar_reduce(cfg, t, acc):
    """reducer.reduce(t, &acc)."""
    if cfg.op in ("sum", "prod"):
        return _arith(cfg, acc, t)
    mx = cfg.op == "max"
    if cfg.ref == "v2":
        # pmax/pmin<PropagateNaN>(t, acc): t if NaN, acc if NaN, else std::max(t, acc)
        #   std::max(t, acc) = (t < acc) ? acc : t ;  std::min(t, acc) = (acc < t) ? acc : t
        fn = (lambda a, b: (a < b) | (b != b)) if mx else (lambda a, b: (b < a) | (b != b))
        if cfg.is_float:
            return _cmp_select(cfg, lambda a, b: (a == a) & fn(a, b), t, acc)
        return _cmp_select(cfg, fn, t, acc)
    # TF 1.15: if (t > acc) acc = t  /  if (t < acc) acc = t
    return _cmp_select(cfg, (lambda a, b: ~(a > b)) if mx else (lambda a, b: ~(a < b)), t, acc)


def packet_reduce(cfg, acc, p):
    """reducer.reducePacket(p, &acc): acc = op(acc, p)."""
    if cfg.op in ("sum", "prod"):
        return _arith(cfg, acc, p)
    f = _M if cfg.op == "max" else _m
    if cfg.ref == "v2" and cfg.is_float:
        return _pn_packet(f, acc, p)
    return f(acc, p)


def predux(cfg, a):
    """Horizontal reduction of packets a[..., P] (AVX order)."""
    dt = cfg.dtype
    half = dt == _F16 or (_BF16 is not None and dt == _BF16)
    if half:  # Packet8h/8bf: in float, rounded once
        sub = Cfg(cfg.op, cfg.ref, np.float32, False)
        return np.asarray(predux(sub, a.astype(np.float32)), dtype=dt)
    P = a.shape[-1]
    x = [a[..., i] for i in range(P)]
    if cfg.op in ("sum", "prod"):
        f = lambda u, v: _arith(cfg, u, v)
    elif cfg.ref == "v2" and cfg.dtype.kind == "f":
        g = _M if cfg.op == "max" else _m
        f = lambda u, v: _pn_packet(g, u, v)
    elif cfg.dtype.kind != "f":
        f = _M if cfg.op == "max" else _m
    else:  # TF 1.15: raw vmaxps/vminps(x, y): returns y on NaN / equal
        f = (lambda u, v: _M(v, u)) if cfg.op == "max" else (lambda u, v: _m(v, u))
    if P == 8:
        return f(f(f(x[0], x[4]), f(x[2], x[6])), f(f(x[1], x[5]), f(x[3], x[7])))
    if P == 4:
        return f(f(x[0], x[2]), f(x[1], x[3]))
    r = x[0]
    for i in range(1, P):
        r = f(r, x[i])
    return r


def finalize_both(cfg, s, p):
    if cfg.op in ("sum", "prod"):
        return _arith(cfg, s, p)
    mx = cfg.op == "max"
    # std::max(s, p) = (s < p) ? p : s ; std::min(s, p) = (p < s) ? p : s
    if cfg.ref == "v2" and cfg.is_float:   # pmax/pmin<PropagateNaN>(s, p)
        fn = (lambda a, b: (a == a) & ((a < b) | (b != b))) if mx else \
             (lambda a, b: (a == a) & ((b < a) | (b != b)))
    else:
        fn = (lambda a, b: a < b) if mx else (lambda a, b: b < a)
    return _cmp_select(cfg, fn, s, p)


# --------------------------------------------------------------------------------------------
# InnerMostDimReducer

class _Src(object):
    """Rows of equal length n starting at absolute flat offsets ``starts`` of ``flat``."""

    def __init__(self, flat, starts):
        self.flat = flat
        self.starts = np.asarray(starts, dtype=np.int64)
        st = self.starts
        self.regular = None
        if len(st) == 1:
            self.regular = (int(st[0]), 0)
        elif len(st) > 1:
            d = np.diff(st)
            if (d == d[0]).all() and d[0] > 0:
                self.regular = (int(st[0]), int(d[0]))

    def cols(self, j, w):
        """[K, w] block of columns j..j+w of every row."""
        if self.regular is not None:
            s0, step = self.regular
            f = self.flat
            it = f.itemsize
            base = f[s0 + j:]
            return np.lib.stride_tricks.as_strided(
                base, shape=(len(self.starts), w), strides=(step * it, it), writeable=False)
        idx = self.starts[:, None] + (j + np.arange(w, dtype=np.int64))[None, :]
        return self.flat[idx]


def _lanes(cfg, V, init):
    """Packet accumulators folded over chunks, closed form: V[K, m, L] (already DAZ-loaded)
    -> [K, L] equal to acc = init; for each chunk: acc = packet_reduce(acc, chunk)."""
    K, m, L = V.shape
    dt = cfg.dtype
    acc = np.full((K, L), init, dt)
    if m == 0:
        return acc
    if cfg.op in ("sum", "prod") and (m <= 64 or cfg.ftz):
        for j in range(m):
            acc = packet_reduce(cfg, acc, V[:, j, :])
        return acc
    if cfg.op in ("sum", "prod"):   # sequential per lane (accumulate is strictly ordered)
        u = np.add if cfg.op == "sum" else np.multiply
        with np.errstate(all="ignore"):
            part = u.accumulate(np.concatenate([acc[:, None, :], V], axis=1), axis=1)
        return np.asarray(part[:, -1, :], dt)
    Vf = V.astype(np.float32) if dt.itemsize == 2 else V
    mx = cfg.op == "max"
    with np.errstate(all="ignore"):
        nanm = Vf != Vf
        anynan = nanm.any(axis=1)
        val = (np.fmax if mx else np.fmin).reduce(Vf, axis=1)
    if cfg.ref == "v2":          # PropagateNaN; ties take the new operand (last)
        first = False
    else:                        # NaN ignored; ties keep the accumulator (first)
        first = True
    zm = (Vf == 0)
    if first:
        idx = np.argmax(zm, axis=1)
    else:
        idx = m - 1 - np.argmax(zm[:, ::-1, :], axis=1)
    zval = np.take_along_axis(V, idx[:, None, :], axis=1)[:, 0, :]
    out = np.asarray(val, dt).copy()
    isz = (val == 0)
    out[isz] = zval[isz]
    allnan = nanm.all(axis=1)
    if cfg.ref == "v2" and cfg.is_float:
        out[anynan] = dt.type(np.nan)
    else:
        out[allnan] = init
    # fold the result into the initial accumulator (init first)
    return packet_reduce(cfg, acc, out)


def _leaf(cfg, src, n):
    """Non-tree vectorised InnerMostDimReducer for all rows of ``src`` (length n each)."""
    K = len(src.starts)
    P = cfg.P
    init = cfg.init()
    dt = cfg.dtype
    if cfg.op in ("sum", "prod") and not cfg.is_float:
        # integer sum/prod: exact modular arithmetic, any order
        out = np.empty(K, dt)
        blk = src.cols(0, n) if n else np.zeros((K, 0), dt)
        with np.errstate(all="ignore"):
            if cfg.op == "sum":
                return np.add.reduce(blk, axis=1, dtype=dt)
            return np.multiply.reduce(blk, axis=1, dtype=dt)
    if not cfg.is_float:  # integer max/min: exact
        if n == 0:
            return np.full(K, init, dt)
        blk = src.cols(0, n)
        return (np.max if cfg.op == "max" else np.min)(blk, axis=1).astype(dt)
    acc0 = np.full((K, P), init, dt)
    start = 0
    if cfg.nacc == 4 and n >= 4 * P:
        V4 = (n // (4 * P)) * (4 * P)
        if cfg.op == "sum" and V4 // (4 * P) <= 64 or cfg.op == "sum" and cfg.ftz:
            acc = np.full((K, 4 * P), init, dt)
            for j in range(0, V4, 4 * P):
                acc = packet_reduce(cfg, acc, _load(cfg, src.cols(j, 4 * P)))
        else:
            acc = _lanes(cfg, _load(cfg, src.cols(0, V4)).reshape(K, V4 // (4 * P), 4 * P), init)
        acc0 = acc[:, 0:P]
        for k in range(1, 4):
            acc0 = packet_reduce(cfg, acc0, acc[:, k * P:(k + 1) * P])
        start = V4
    if start <= n - P:
        V = (n // P) * P
        if (V - start) // P <= 64 or (cfg.op == "sum" and cfg.ftz):
            for j in range(start, V, P):
                acc0 = packet_reduce(cfg, acc0, _load(cfg, src.cols(j, P)))
        else:
            blk = _load(cfg, src.cols(start, V - start)).reshape(K, (V - start) // P, P)
            if cfg.op in ("sum", "prod"):
                acc0 = _seq(cfg, acc0, blk)
            else:
                acc0 = packet_reduce(cfg, acc0, _lanes(cfg, blk, init))
        start = V
    s = np.full(K, init, dt)
    if start < n:
        tail = src.cols(start, n - start)
        if cfg.op in ("sum", "prod"):
            tail = _load(cfg, tail)
        for j in range(n - start):
            s = scalar_reduce(cfg, tail[:, j], s)
    return finalize_both(cfg, s, predux(cfg, acc0))


def _seq(cfg, acc0, blk):
    """acc0 folded sequentially with blk[:, j, :] (sum / prod, no FTZ)."""
    u = np.add if cfg.op == "sum" else np.multiply
    with np.errstate(all="ignore"):
        part = u.accumulate(np.concatenate([acc0[:, None, :], blk], axis=1), axis=1)
    return np.asarray(part[:, -1, :], cfg.dtype)


def _tree_shape(P, leafn, m, n):
    """Tree of R(first, n) with first % P == m: ('L', rel, n) or ('N', left, right, rel)."""
    def rec(rel, first_mod, n):
        if n > leafn:
            split = P * (-(-(first_mod + -(-n // 2)) // P))   # relative to first (mod P)
            nl = min(split - first_mod, n)
            left = rec(rel, first_mod, nl)
            if nl < n:
                right = rec(rel + nl, 0, n - nl)
                return ("N", left, right)
            return ("N1", left)
        return ("L", rel, n)
    return rec(0, m, n)


def inner_most(cfg, flat, starts, n):
    """InnerMostDimReducer::reduce(first, n) for every ``first`` in ``starts`` (absolute flat
    offsets into the C-contiguous 1-D array ``flat``). Returns an array of len(starts)."""
    starts = np.asarray(starts, dtype=np.int64)
    K = len(starts)
    out = np.empty(K, cfg.dtype)
    if K == 0:
        return out
    if cfg.leaf is None or n <= cfg.P * cfg.leaf:
        return _leaf(cfg, _Src(flat, starts), n)
    P = cfg.P
    mods = starts % P
    for m in np.unique(mods):
        sel = np.nonzero(mods == m)[0]
        st = starts[sel]
        tree = _tree_shape(P, P * cfg.leaf, int(m), n)
        # collect leaves, evaluate grouped by length (vectorised across rows and leaves)
        leaves = []

        def collect(t, rel=0):
            if t[0] == "L":
                leaves.append((t[1], t[2]))
            else:
                for c in t[1:]:
                    collect(c)
        collect(tree)
        vals = {}
        bylen = {}
        for rel, ln in leaves:
            bylen.setdefault(ln, []).append(rel)
        for ln, rels in bylen.items():
            rels = np.asarray(rels, dtype=np.int64)
            allst = (st[:, None] + rels[None, :]).reshape(-1)
            v = _leaf(cfg, _Src(flat, allst), ln).reshape(len(st), len(rels))
            for i, r in enumerate(rels):
                vals[int(r)] = v[:, i]
        init = np.full(len(st), cfg.init(), cfg.dtype)

        def ev(t):
            if t[0] == "L":
                return vals[t[1]]
            acc = scalar_reduce(cfg, ev(t[1]), init)
            if t[0] == "N":
                acc = scalar_reduce(cfg, ev(t[2]), acc)
            return acc
        out[sel] = ev(tree)
    return out


def rows(cfg, x2):
    """Reduce each row of a 2-D array (TF: [R, C] over axis 1; first = r*C)."""
    x2 = np.ascontiguousarray(x2)
    R, C = x2.shape
    flat = x2.reshape(-1)
    return inner_most(cfg, flat, np.arange(R, dtype=np.int64) * C, C)


# --------------------------------------------------------------------------------------------
# sequential folds (GenericDimReducer / coeff() / preserver accumulators)

def _fold(cfg, Y, acc, packet):
    """Fold Y[L, ...] along axis 0 into acc[...], sequentially (packet or scalar op)."""
    f = packet_reduce if packet else scalar_reduce
    L = Y.shape[0]
    for j in range(L):
        t = _load(cfg, Y[j]) if (packet or cfg.op in ("sum", "prod")) else Y[j]
        acc = f(cfg, acc, t) if packet else f(cfg, t, acc)
    return acc


def preserver(cfg, x3):
    """[A, S, C] reduced over axis 1 -> [A, C] (TF: [R,C] over axis 0 is A = 1).

    Output packets (8 adjacent flat outputs starting at a multiple of P, inside one output
    row, before floor(N/P)*P) go to InnerMostDimPreserver; the rest to coeff() (sequential
    scalar loop)."""
    A, S, C = x3.shape
    dt = cfg.dtype
    init = np.full((A, C), cfg.init(), dt)
    N = A * C
    P = cfg.P
    o = np.arange(N, dtype=np.int64)
    b = (o // P) * P
    pmask = (b + P <= (N // P) * P) & ((b % C) + P <= C)
    pmask = pmask.reshape(A, C)
    Y = np.moveaxis(x3, 1, 0)   # view [S, A, C]
    if not cfg.is_float:
        with np.errstate(all="ignore"):
            if cfg.op == "sum":
                return np.add.reduce(x3, axis=1, dtype=dt)
            if cfg.op == "prod":
                return np.multiply.reduce(x3, axis=1, dtype=dt)
        if S == 0:
            return init
        return (np.max if cfg.op == "max" else np.min)(x3, axis=1).astype(dt)
    res_s = _fold(cfg, Y, init, False) if not pmask.all() else None
    res_p = None
    if pmask.any():
        if cfg.ref == "v2" and S >= 16:
            U = (S // 4) * 4
            accs = [_fold(cfg, Y[k:U:4], init, True) for k in range(4)]
            acc = accs[0]
            for k in range(1, 4):
                acc = packet_reduce(cfg, acc, accs[k])
            res_p = _fold(cfg, Y[U:], acc, True)
        else:
            res_p = _fold(cfg, Y, init, True)
    if res_s is None:
        return res_p
    if res_p is None:
        return res_s
    return np.where(pmask, res_p, res_s)


def generic02(cfg, x3):
    """[A, B, C] reduced over {0, 2} -> [B]: GenericDimReducer, c outer, a inner."""
    A, B, C = x3.shape
    dt = cfg.dtype
    if not cfg.is_float:
        with np.errstate(all="ignore"):
            if cfg.op == "sum":
                return np.add.reduce(x3, axis=(0, 2), dtype=dt)
            if cfg.op == "prod":
                return np.multiply.reduce(x3, axis=(0, 2), dtype=dt)
        if A * C == 0:
            return np.full(B, cfg.init(), dt)
        return (np.max if cfg.op == "max" else np.min)(x3, axis=(0, 2)).astype(dt)
    Y = np.transpose(x3, (2, 0, 1)).reshape(C * A, B)   # order: c outer, a inner
    return _fold(cfg, Y, np.full(B, cfg.init(), dt), False)


# --------------------------------------------------------------------------------------------
# full reduction and the thread split

def _cost_per_coeff(dtype, P):
    """FullReducer cost: m_impl.costPerCoeff + TensorOpCost(0, 0, Cost=10, vectorized, P)."""
    return 11.0 / 64.0 * np.dtype(dtype).itemsize + 10.0 / P


def num_threads(n, cost, max_threads):
    """TensorCostModel<ThreadPoolDevice>::numThreads."""
    threads = (n * cost - 100000.0) / 100000.0 + 0.9
    threads = min(threads, 2147483647.0)
    return min(max_threads, max(1, int(threads)))


def full_split(ref, n, dtype, threads, cost=None, P=None):
    """(blocksize, numblocks) of FullReducer<ThreadPoolDevice>, or None for one thread."""
    P = P or packet_size(dtype)
    cost = _cost_per_coeff(dtype, P) if cost is None else cost
    nt = num_threads(n, cost, threads)
    if nt == 1:
        return None
    if ref == "v1":  # std::floor<Index>(static_cast<float>(num_coeffs) / num_threads)
        bs = int(np.floor(np.float32(np.float32(n) / np.float32(nt))))
    else:
        bs = n // nt
    nb = n // bs if bs > 0 else 0
    return bs, nb


def full(cfg, flat, threads, pool_ftz=None, caller_ftz=None, cost=None):
    """FullReducer<ThreadPoolDevice>::run over a 1-D array. Returns a 0-d array.

    pool_ftz / caller_ftz: FTZ for the shards (pool threads) and for the remainder + final
    accumulation (caller thread). Default: cfg.ftz for both."""
    flat = np.ascontiguousarray(flat).reshape(-1)
    n = flat.shape[0]
    if n == 0:
        return np.asarray(cfg.init(), cfg.dtype)
    pool_ftz = cfg.ftz if pool_ftz is None else pool_ftz
    caller_ftz = cfg.ftz if caller_ftz is None else caller_ftz
    split = full_split(cfg.ref, n, cfg.dtype, threads, cost, cfg.P)
    cpool = Cfg(cfg.op, cfg.ref, cfg.dtype, pool_ftz)
    ccall = Cfg(cfg.op, cfg.ref, cfg.dtype, caller_ftz)
    if split is None:
        return inner_most(ccall, flat, [0], n)[0]
    bs, nb = split
    shards = [inner_most(cpool, flat, [i * bs], bs)[0] for i in range(nb)]
    if nb * bs < n:
        final = inner_most(ccall, flat, [nb * bs], n - nb * bs)[0]
    else:
        final = np.asarray(ccall.init(), cfg.dtype)
    for s in shards:
        final = scalar_reduce(ccall, np.asarray(s), np.asarray(final))
    return np.asarray(final, cfg.dtype)


# --------------------------------------------------------------------------------------------
# TF 1.15 eager: which outputs of a parallelFor run on the caller (unflushed)

def parallel_for_caller_range(n, cost_total, threads, packet):
    """Eigen cdb377d0 ``ThreadPoolDevice::parallelFor`` with EvalRange::alignBlockSize.

    Returns k: outputs [0, k) run on the calling thread, [k, n) on pool threads.
    ``cost_total`` = cycles per output coefficient (TensorCostModel::totalCost(1, cost))."""
    if n <= 1 or threads == 1 or num_threads(n, cost_total, threads) == 1:
        return n

    def align(size):
        if size >= 16 * packet:
            return (size + 4 * packet - 1) & ~(4 * packet - 1)
        return (size + packet - 1) & ~(packet - 1)

    def divup(a, b):
        return -(-a // b)
    block_size_f = 1.0 / (cost_total / 40000.0)
    block_size = min(n, max(divup(n, 4 * threads), int(block_size_f)))
    max_block_size = min(n, 2 * block_size)
    block_size = min(n, align(block_size))
    block_count = divup(n, block_size)
    max_eff = float(block_count) / (divup(block_count, threads) * threads)
    prev = block_count
    while max_eff < 1.0 and prev > 1:
        coarser = min(n, align(divup(n, prev - 1)))
        if coarser > max_block_size:
            break
        cc = divup(n, coarser)
        prev = cc
        eff = float(cc) / (divup(cc, threads) * threads)
        if eff + 0.01 >= max_eff:
            block_size = coarser
            block_count = cc
            if max_eff < eff:
                max_eff = eff
    if block_count <= threads:
        return min(n, block_size)
    return 0
