"""Softmax and LogSoftmax on CPU, on the flattened [B, C] view (C = the last dimension).

TF 2.21 (``ctx.ref == "v2"``):

* Softmax with oneDNN on (``tensorflow/core/kernels/mkl/mkl_softmax_op.cc``, oneDNN v3.7.3
  ``jit_uni_softmax``, see ``tfxent._numerics.onednn``) for float32, and for bfloat16 /
  float16 when TF's ``IsDataTypeSupportedByOneDNNOnThisCPU`` (``tensorflow/core/util/util.cc``)
  accepts the type on this CPU: bf16 needs AVX512F or AVX-NE-CONVERT, f16 needs AVX512BW and
  one of AVX512-FP16 / AMX-FP16 / AVX-NE-CONVERT; otherwise TF falls back to the Eigen kernel.
  That check ignores ``ONEDNN_MAX_CPU_ISA``; if the capped oneDNN ISA then has no kernel for
  the type, the op fails (AbortedError from ``mkl_softmax_op.cc``).
* Everything else: the Eigen functor of ``tensorflow/core/kernels/softmax_op_functor.h``
  (the header shipped in the 2.21.0 wheel; Eigen dcbaf2d608f306450f1e74949eb87e9a22a7ef4b)::

      max   = logits.maximum(along_class)
      Softmax:    softmax = (logits - max.broadcast).exp()        # tiled (T 6956 / 2539)
                  sum     = softmax.sum(along_class)              # InnerMostDimReducer, stored rows
                  inv     = sum.inverse().eval()                  # preciprocal on packets
                  softmax = softmax * inv.broadcast               # tiled, a multiply
      LogSoftmax: out = logits - max.broadcast                    # exact, stored
                  sum = out.exp().sum(along_class)                # exp inside the reducer
                  out = out - sum.log().eval().broadcast          # plog on packet rows

TF 1.15.5 (``ctx.ref == "v1"``; ``softmax_op_functor.h`` @72cc7732, Eigen
cdb377d0cba4889fc909d1bbdd430b988db0db97): the same functor without oneDNN, with the old
Eigen exp/log, one reducer accumulator, exact ``inverse`` (no rcpps in that build), Softmax's
tiled exp split by the destination-alignment rule (T = 4076 / 1675), and FTZ in eager only
for evaluations the cost model runs on the intra-op pool. half: no packet exp/log.
"""
import numpy as np

from .. import errors
from .._numerics import glibc, onednn, reduce as _red
from .._numerics import eigen_v1, eigen_v2
from .._numerics.fp import flush
from .._numerics.rcp import preciprocal, RcpTableError

# Sources: TF 2.21.0 wheel headers (tensorflow/core/kernels/softmax_op_functor.h), TF
# tensorflow/core/kernels/mkl/mkl_softmax_op.cc (the routing and the abort message, as the
# 2.21.0 binary reports them), tensorflow/core/util/util.cc
# IsDataTypeSupportedByOneDNNOnThisCPU (public copy @0c185b92), TF 1.15 softmax_op_functor.h
# @72cc7732; Eigen dcbaf2d6 / cdb377d0 TensorExecutor.h, TensorBlock.h, TensorReduction.h.

try:
    import ml_dtypes as _ml
    _BF16 = np.dtype(_ml.bfloat16)
except ImportError:  # pragma: no cover
    _BF16 = None

_F16 = np.dtype(np.float16)
_F32 = np.dtype(np.float32)
_F64 = np.dtype(np.float64)

# tile targets (coefficients) of the exp-bearing Softmax assignment, per reference and type.
_T_EXP = {("v2", _F32): 6956, ("v2", _F64): 2539, ("v1", _F32): 4076, ("v1", _F64): 1675}
_T_EXP_NARROW_V2 = {"f16": 6956, "bf16": 6956}     # see _tile_target
_L = 11.0 / 64.0


# ============================================================================ type helpers
class _Ty:
    """Storage type S and compute type F (half/bfloat16 are computed in float32)."""

    def __init__(self, dtype, ref):
        self.S = np.dtype(dtype)
        self.narrow = self.S.itemsize == 2
        self.F = _F32 if self.narrow else self.S
        self.P = 4 if self.F == _F64 else 8
        self.ref = ref
        self.eig = eigen_v2 if ref == "v2" else eigen_v1

    def rnd(self, a):
        """Round a compute-type array to the storage type and back (identity for f32/f64)."""
        if self.narrow:
            with np.errstate(all="ignore"):
                return a.astype(self.S).astype(_F32)
        return a

    def glibc_exp(self, x, ftz, fma):
        if self.F == _F32:
            return glibc.expf(x, ftz_daz=ftz, variant="2.27" if self.ref == "v2" else "2.2.5",
                              fma=fma)
        return glibc.exp(x, ftz_daz=ftz, variant="2.2.5",
                         fma=fma)

    def glibc_log(self, x, ftz, fma):
        if self.F == _F32:
            return glibc.logf(x, ftz_daz=ftz, variant="2.27" if self.ref == "v2" else "2.2.5",
                              fma=fma)
        return glibc.log(x, ftz_daz=ftz, variant="2.2.5",
                         fma=fma)

    @property
    def packet_exp(self):
        # Eigen cdb377d0: packet_traits<half>::HasExp = 0
        return not (self.ref == "v1" and self.narrow)

    @property
    def packet_log(self):
        # Eigen cdb377d0: no packet log for double or half
        return not (self.ref == "v1" and (self.narrow or self.F == _F64))


def _fl(a, ftz):
    """Flush where ``ftz`` (bool, or a boolean mask broadcastable to ``a``)."""
    if ftz is True:
        return flush(a)
    if ftz is False:
        return a
    return np.where(ftz, flush(a), a)


def _binop(ty, fn, a, b, ftz):
    """One Eigen binary op in the compute type: DAZ on the operands, FTZ on the result,
    rounded to the storage type (half/bf16 packet and scalar ops do one float op each)."""
    with np.errstate(all="ignore"):
        r = fn(_fl(a, ftz), _fl(b, ftz))
    return ty.rnd(_fl(r, ftz))


def _mixed(ty, kind, x, scalar_idx, ftz, fma):
    """exp/log of compute-type ``x``: packet path except at the flat indices ``scalar_idx``
    (None: no scalar element). ``ftz``: bool or a boolean mask broadcastable to ``x``."""
    has_packet = ty.packet_exp if kind == "exp" else ty.packet_log
    scal = ty.glibc_exp if kind == "exp" else ty.glibc_log

    def one(f):
        with np.errstate(all="ignore"):
            if not has_packet:
                return scal(np.ascontiguousarray(x), f, fma)
            pk = ty.eig.pexp if kind == "exp" else ty.eig.plog
            out = _fl(pk(_fl(x, f), f), f)
            if scalar_idx is not None and len(scalar_idx):
                flat = out.reshape(-1)
                flat[scalar_idx] = scal(np.ascontiguousarray(x.reshape(-1)[scalar_idx]), f, fma)
            return out
    if ftz is True or ftz is False:
        return ty.rnd(one(ftz))
    return ty.rnd(np.where(ftz, one(True), one(False)))


# ============================================================================ executors
def _tiled_blocks(B, C, T):
    if B * C <= T:
        return B, C
    inner = min(T, C)
    return min(-(-T // inner), B), inner


def _run_scalar_idx(S, E, P, dest_aligned):
    """Sorted flat indices computed by the scalar path in the contiguous runs [S, E).

    Packets from each run's start, the last (len % P) scalar; or (``dest_aligned``, Eigen
    Core alignment peeling on a 32-byte aligned destination) element i is a packet element
    iff its aligned group [P*floor(i/P), +P) lies inside its run."""
    S = np.asarray(S, dtype=np.int64)
    E = np.asarray(E, dtype=np.int64)
    k = np.arange(P, dtype=np.int64)
    if dest_aligned:
        head_end = np.minimum(-(-S // P) * P, E)
        tail_start = np.maximum((E // P) * P, S)
    else:
        head_end = S
        tail_start = E - (E - S) % P
    h = S[:, None] + k[None, :]
    h = h[h < head_end[:, None]]
    t = E[:, None] - 1 - k[None, :]
    t = t[(t >= tail_start[:, None]) & (t >= head_end[:, None])]
    return np.unique(np.concatenate([h, t]))


def _tiled_scalar_idx(B, C, T, P, dest_aligned=False):
    """Flat indices of the [B, C] elements a tiled evaluation (RowMajor, kSkewedInnerDims,
    target block size T) computes with the scalar path: blocks of whole rows are one run of
    rows*C elements; when C > T every row is cut into segments of T (the last shorter)."""
    rows, inner = _tiled_blocks(B, C, T)
    if inner == C:
        S = np.arange(0, B, rows, dtype=np.int64) * C
        E = np.minimum(S + rows * C, B * C)
    else:
        seg0 = np.arange(0, C, inner, dtype=np.int64)
        seg1 = np.minimum(seg0 + inner, C)
        rs = (np.arange(B, dtype=np.int64) * C)[:, None]
        S = (rs + seg0[None, :]).reshape(-1)
        E = (rs + seg1[None, :]).reshape(-1)
    return _run_scalar_idx(S, E, P, dest_aligned)


def _leaves(first_mod, n, P, leafn):
    """Leaves (rel, len) of Eigen's InnerMostDimReducer tree (vectorized reducer)."""
    out = []

    def rec(rel, fm, m):
        if m > leafn:
            split = P * (-(-(fm + -(-m // 2)) // P))
            nl = min(split - fm, m)
            rec(rel, fm, nl)
            if nl < m:
                rec(rel + nl, 0, m - nl)
        else:
            out.append((rel, m))
    rec(0, first_mod, n)
    return out


def _reducer_scalar_idx(B, C, P, leafn):
    """Flat indices of the [B, C] elements an expression evaluated *inside* a vectorised
    InnerMostDimReducer (first = b*C) reads with the scalar path: the last (len % P) of each
    tree leaf."""
    if B == 0 or C == 0:
        return np.zeros(0, np.int64)
    firsts = np.arange(B, dtype=np.int64) * C
    mods = firsts % P
    parts = []
    for md in np.unique(mods):
        f = firsts[mods == md]
        for rel, ln in _leaves(int(md), C, P, leafn):
            k = (ln // P) * P
            if k < ln:
                parts.append((f[:, None] + np.arange(rel + k, rel + ln)[None, :]).reshape(-1))
    if not parts:
        return np.zeros(0, np.int64)
    return np.sort(np.concatenate(parts))


def _chunk_idx(idx, r0, r1, C):
    """The indices of ``idx`` (sorted, flat over [B, C]) inside rows [r0, r1), relative."""
    if idx is None:
        return None
    lo, hi = np.searchsorted(idx, [r0 * C, r1 * C])
    return idx[lo:hi] - r0 * C


def _sl(f, r0, r1):
    """Rows [r0, r1) of an FTZ spec (bool, [B] or [B, C] mask)."""
    if f is True or f is False:
        return f
    return f[r0:r1]


def _chunk_rows(B, C, elems=1 << 18):
    """Rows per chunk: a multiple of 8 (row starts keep their alignment mod the packet)."""
    r = max(8, (elems // max(C, 1)) // 8 * 8)
    return min(B, r) if B > r else B


# ---- TF 1.15 eager: evaluations parallelised by the cost model run on FTZ pool threads
def _num_threads(total, threads):
    t = int((total - 100000.0) / 100000.0 + 0.9)
    return min(threads, max(1, t))


def _caller_range(n, cost, threads, align=None):
    """Eigen cdb377d0 ``ThreadPoolDevice::parallelFor``: [0, L) runs on the calling thread."""
    if n <= 1 or threads == 1 or _num_threads(n * cost, threads) == 1:
        return n
    divup = lambda a, b: -(-a // b)   # noqa: E731
    bs = min(n, max(divup(n, 4 * threads), int(40000.0 / cost)))
    max_bs = min(n, 2 * bs)
    if align:
        bs = min(n, align(bs))
    count = divup(n, bs)
    eff = count / float(divup(count, threads) * threads)
    prev = count
    while eff < 1.0 and prev > 1:
        cbs = divup(n, prev - 1)
        if align:
            cbs = min(n, align(cbs))
        if cbs > max_bs:
            break
        cc = divup(n, cbs)
        prev = cc
        ce = cc / float(divup(cc, threads) * threads)
        if ce + 0.01 >= eff:
            bs, count = cbs, cc
            eff = max(eff, ce)
    if count > threads:
        return 0
    first, last = 0, n
    while last - first > bs:
        last = first + divup((last - first) // 2, bs) * bs
    return last


def _align_fn(P):
    def f(size):
        if size >= 16 * P:
            return (size + 4 * P - 1) & ~(4 * P - 1)
        return (size + P - 1) & ~(P - 1)
    return f


def _ftz_tiled(ctx, B, C, T, cost):
    """FTZ of a tiled evaluation: True / False / [B, C] mask (TF 1.15 eager)."""
    if ctx.always_ftz:
        return True
    rows, inner = _tiled_blocks(B, C, T)
    nbc = -(-C // inner)
    nblocks = -(-B // rows) * nbc
    L = _caller_range(nblocks, cost * rows * inner, ctx.threads)
    if L >= nblocks:
        return False
    if L == 0:
        return True
    m = np.ones((B, C), dtype=bool)
    for i in range(L):
        br, bc = divmod(i, nbc)
        m[br * rows:(br + 1) * rows, bc * inner:(bc + 1) * inner] = False
    return m


def _ftz_range(ctx, n, cost, P):
    """FTZ of a non-tiled EvalRange over n outputs: True / False / [n] mask."""
    if ctx.always_ftz:
        return True
    L = _caller_range(n, cost, ctx.threads, _align_fn(P))
    if L >= n:
        return False
    if L == 0:
        return True
    m = np.ones(n, dtype=bool)
    m[:L] = False
    return m


# ============================================================================ reductions
def _row_max(ty, x, ftz):
    """MaxReducer over each row (values in the storage type's compute form)."""
    B, C = x.shape
    if C == 0:
        return np.full(B, -np.inf, ty.F)
    if ty.narrow:
        # half / bfloat16 max is exact: take it in float32 (no rounding involved)
        cfg = _red.Cfg("max", ty.ref, _F32, False)
        src = x.astype(_F32)
    else:
        cfg = _red.Cfg("max", ty.ref, ty.S, bool(ftz is True))
        src = x
    m = _red.rows(cfg, np.ascontiguousarray(src))
    return np.asarray(m).astype(ty.F)


def _row_sum(ty, e, ftz, vectorized=True):
    """SumReducer over each stored row (first = b*C) in the storage type."""
    B, C = e.shape
    src = np.ascontiguousarray(e.astype(ty.S) if ty.narrow else e)
    if not vectorized:
        return _seq_tree_sum(ty, src)
    if ty.narrow and ty.S != _F16:
        return _narrow_rows_sum(ty, e)
    if ftz is True or ftz is False:
        cfg = _red.Cfg("sum", ty.ref, ty.S, bool(ftz))
        return np.asarray(_red.rows(cfg, src)).astype(ty.F)
    a = np.asarray(_red.rows(_red.Cfg("sum", ty.ref, ty.S, False), src))
    b = np.asarray(_red.rows(_red.Cfg("sum", ty.ref, ty.S, True), src))
    return np.where(ftz, b, a).astype(ty.F)


def _narrow_rows_sum(ty, e):
    """SumReducer<bfloat16> InnerMostDimReducer (Eigen dcbaf2d6, Packet8bf): every packet or
    scalar add is one float add rounded to bfloat16; predux in float, rounded once; 4 packet
    accumulators; tree leaves of 8*128 elements."""
    B, C = e.shape
    P = ty.P
    leafn = P * (128 if ty.ref == "v2" else 1024)
    nacc = 4 if ty.ref == "v2" else 1
    r = ty.rnd
    out = np.zeros(B, _F32)
    firsts = np.arange(B, dtype=np.int64) * C
    mods = firsts % P
    with np.errstate(all="ignore"):
        def leaf(X):
            K, n = X.shape
            acc0 = np.zeros((K, P), _F32)
            start = 0
            if nacc == 4 and n >= 4 * P:
                V4 = (n // (4 * P)) * (4 * P)
                acc = np.zeros((K, 4 * P), _F32)
                for j in range(0, V4, 4 * P):
                    acc = r(acc + X[:, j:j + 4 * P])
                acc0 = acc[:, :P]
                for k in range(1, 4):
                    acc0 = r(acc0 + acc[:, k * P:(k + 1) * P])
                start = V4
            V = (n // P) * P
            for j in range(start, V, P):
                acc0 = r(acc0 + X[:, j:j + P])
            sc = np.zeros(K, _F32)
            for j in range(V, n):
                sc = r(sc + X[:, j])
            a = [acc0[:, i] for i in range(P)]
            pr = r(((a[0] + a[4]) + (a[2] + a[6])) + ((a[1] + a[5]) + (a[3] + a[7])))
            return r(sc + pr)

        for md in np.unique(mods):
            rows = np.nonzero(mods == md)[0]
            X = e[rows]
            parts = {}
            lv = _leaves(int(md), C, P, leafn)
            for rel, ln in lv:
                parts[rel] = leaf(X[:, rel:rel + ln])
            if len(lv) == 1:
                out[rows] = parts[0]
                continue

            def ev(rel, fm, m):
                if m > leafn:
                    split = P * (-(-(fm + -(-m // 2)) // P))
                    nl = min(split - fm, m)
                    acc = r(np.float32(0) + ev(rel, fm, nl))
                    if nl < m:
                        acc = r(acc + ev(rel + nl, 0, m - nl))
                    return acc
                return parts[rel]
            out[rows] = ev(0, int(md), C)
    return out


def _seq_tree_sum(ty, src):
    """Non-vectorised InnerMostDimReducer (Eigen cdb377d0): n > 1024 splits into n/2 and
    n - n/2 (unaligned), else a sequential loop; each add rounds to the storage type."""
    B, C = src.shape

    def rec(lo, n):
        acc = np.zeros(B, _F32)
        if n > 1024:
            h = n // 2
            acc = ty.rnd(acc + rec(lo, h))
            return ty.rnd(acc + rec(lo + h, n - h))
        x = src[:, lo:lo + n].astype(_F32)
        with np.errstate(all="ignore"):
            for j in range(n):
                acc = ty.rnd(acc + x[:, j])
        return acc
    return rec(0, C)


# ============================================================================ kernels
def _check(x):
    x = np.asarray(x)
    if x.ndim != 2:
        raise ValueError("softmax kernels take the flattened [B, C] view")
    dt = x.dtype
    if dt not in (_F16, _F32, _F64) and not (_BF16 is not None and dt == _BF16):
        raise TypeError("unsupported dtype %s" % dt)
    return x


def onednn_routes(profile, dtype):
    """TF 2.21 rewrites Softmax of ``dtype`` to ``_MklSoftmax`` on this profile
    (``IsDataTypeSupportedByOneDNNOnThisCPU``, CPU features, not the oneDNN ISA cap)."""
    if not profile.onednn:
        return False
    dt = np.dtype(dtype)
    isa = profile.isa
    bits = onednn.ISA_BITS.get(isa, 0)
    avx512 = bool(bits & onednn.ISA_BITS["avx512_core"] & ~onednn.ISA_BITS["avx2"])
    ne_convert = isa == "avx2_vnni_2"
    if dt == _F32:
        return True
    if _BF16 is not None and dt == _BF16:
        return avx512 or ne_convert
    if dt == _F16:
        fp16 = (bits & onednn.ISA_BITS["avx512_core_fp16"]) == onednn.ISA_BITS["avx512_core_fp16"]
        return avx512 and (fp16 or ne_convert)
    return False


_ONEDNN_ABORT = ("Operation received an exception:Status: 3, message: could not create a "
                 "primitive descriptor for the softmax forward propagation primitive. Run "
                 "workload with environment variable ONEDNN_VERBOSE=all to get additional "
                 "diagnostic information., in file tensorflow/core/kernels/mkl/"
                 "mkl_softmax_op.cc:290")


def _tile_target(ty):
    if ty.narrow:
        # half/bfloat16: x - max is rounded to the narrow type first, and for every
        # half/bfloat16 d <= 0 the packet exp (pexp_float) and glibc expf round to the same
        # narrow value, so the packet/scalar split of this assignment cannot change a result
        # (checked exhaustively over all half and bfloat16 values); TF 1.15 half has no
        # packet exp at all. Any target works; the float32 one is used.
        return _T_EXP_NARROW_V2["f16" if ty.S == _F16 else "bf16"]
    return _T_EXP[(ty.ref, ty.F)]


def softmax(ctx, logits2d):
    """TF ``Softmax`` on a [B, C] array (float16, bfloat16, float32, float64)."""
    x = _check(logits2d)
    if ctx.ref == "v2" and onednn_routes(ctx.profile, x.dtype):
        isa = onednn.softmax_isa(ctx.profile.isa, ctx.profile.max_isa)
        if not onednn.isa_supports(isa, x.dtype):
            raise errors.KernelError(errors.AbortedError, _ONEDNN_ABORT)
        return onednn.softmax_fwd(x, isa)
    return _eigen_softmax(ctx, x)


def _eigen_softmax(ctx, x):
    ty = _Ty(x.dtype, ctx.ref)
    B, C = x.shape
    out = np.empty((B, C), ty.S)
    if B * C == 0:
        return out
    fma = ctx.profile.fma
    v1 = ctx.ref == "v1"
    P = ty.P
    sz = ty.S.itemsize
    f32 = ty.F == _F32
    # FTZ of each Eigen evaluation (TF 2.21 and TF 1.15 graph: always; TF 1.15 eager: only
    # what the cost model hands to the intra-op pool)
    T = _tile_target(ty)
    if v1 and not ctx.always_ftz:
        f_max = _ftz_range_bool(ctx, B, C * (_L * sz + 1.0 / P) + _L * sz, P)
        if ty.narrow:
            c_exp = _L * 6 + 7.75
        else:
            c_exp = (_L * 12 + 7.75) if f32 else (_L * 24 + 19.75)
        f_exp = _ftz_tiled(ctx, B, C, T, c_exp)
        f_sum = _ftz_range(ctx, B, C * (_L * sz + 1.0 / P) + _L * sz, P)
        f_inv = _ftz_range(ctx, B, _L * 2 * sz + (14.0 if f32 else 16.0) / P, P)
        f_mul = _ftz_tiled(ctx, B, C, 7191 if f32 else 3595,
                           (_L * 12 + 3.5) if f32 else (_L * 24 + 7.0))
    else:
        f_max = f_exp = f_sum = f_inv = f_mul = True
    sidx = _tiled_scalar_idx(B, C, T, P, dest_aligned=v1) if ty.packet_exp else None
    step = _chunk_rows(B, C)
    for r0 in range(0, B, step):
        r1 = min(B, r0 + step)
        xs = x[r0:r1]
        x_f = xs.astype(ty.F) if ty.narrow else xs
        # 1. row max
        mx = _row_max(ty, xs, f_max)
        # 2. exp(x - max), tiled
        fe = _sl(f_exp, r0, r1)
        d = _binop(ty, np.subtract, x_f, mx[:, None], fe)
        e = _mixed(ty, "exp", d, _chunk_idx(sidx, r0, r1, C), fe, fma)
        del d
        # 3. row sums over the stored rows
        s = _row_sum(ty, e, _sl(f_sum, r0, r1))
        # 4. inverse
        if v1:
            inv = _binop(ty, np.divide, np.ones_like(s), s, _sl(f_inv, r0, r1))
        else:
            inv = _inverse_v2(ctx, ty, s, r0, B)
        # 5. multiply (tiled, exact op)
        r = _binop(ty, np.multiply, e, inv[:, None], _sl(f_mul, r0, r1))
        out[r0:r1] = r.astype(ty.S) if ty.narrow else r
    return out


def _ftz_range_bool(ctx, n, cost, P):
    f = _ftz_range(ctx, n, cost, P)
    return f if isinstance(f, bool) else bool(np.all(f))


def _inverse_v2(ctx, ty, s, r0, B):
    """``sum.inverse().eval()`` (EvalRange over the B sums; ``s`` holds rows r0..): the
    packet path (preciprocal; half/bf16 through float) for rows < floor(B/P)*P, exact 1/s for
    the last B mod P rows, exact for float64."""
    with np.errstate(all="ignore"):
        exact = ty.rnd(flush(np.ones_like(s) / flush(s)))
        if ty.F == _F64:
            return exact
        k = min(max((B // ty.P) * ty.P - r0, 0), s.shape[0])
        if k == 0:
            return exact
        try:
            pk = ty.rnd(preciprocal(s[:k], ctx.profile.cpu_vendor, ftz=True))
        except RcpTableError as err:
            raise errors.KernelError(errors.UnimplementedError, str(err))
        return np.concatenate([pk, exact[k:]])


def log_softmax(ctx, logits2d):
    """TF ``LogSoftmax`` on a [B, C] array (always the Eigen functor)."""
    x = _check(logits2d)
    ty = _Ty(x.dtype, ctx.ref)
    B, C = x.shape
    out = np.empty((B, C), ty.S)
    if B * C == 0:
        return out
    fma = ctx.profile.fma
    v1 = ctx.ref == "v1"
    P = ty.P
    sz = ty.S.itemsize
    f32 = ty.F == _F32
    if v1 and not ctx.always_ftz:
        f_max = _ftz_range_bool(ctx, B, C * (_L * sz + 1.0 / P) + _L * sz, P)
        f_sub = _ftz_tiled(ctx, B, C, 7191 if f32 else 3595,
                           (_L * 12 + 3.5) if f32 else (_L * 24 + 7.0))
        exp_cost = 34.0 if f32 else 51.0
        f_sum = _ftz_range(ctx, B, C * (_L * sz + exp_cost / P + 1.0 / P) + _L * sz, P)
        f_log = _ftz_range(ctx, B, _L * 2 * sz + 50.0 / P, P)
    else:
        f_max = f_sub = f_sum = f_log = True
    if ty.packet_exp:
        if ty.ref == "v2":
            leaf = 200 if ty.S == _F16 else (128 if ty.S == _BF16 else 1024)
        else:
            leaf = 1024
        ridx = _reducer_scalar_idx(B, C, P, P * leaf)
    else:
        ridx = None
    step = _chunk_rows(B, C)
    for r0 in range(0, B, step):
        r1 = min(B, r0 + step)
        xs = x[r0:r1]
        x_f = xs.astype(ty.F) if ty.narrow else xs
        mx = _row_max(ty, xs, f_max)
        fs = _sl(f_sub, r0, r1)
        sh = _binop(ty, np.subtract, x_f, mx[:, None], fs)     # stored (exact)
        # sum of exp, the exp evaluated inside the reducer
        fsum = _sl(f_sum, r0, r1)
        fsum_el = fsum if isinstance(fsum, bool) else fsum[:, None]
        e = _mixed(ty, "exp", sh, _chunk_idx(ridx, r0, r1, C), fsum_el, fma)
        s = _row_sum(ty, e, fsum, vectorized=ty.packet_exp)
        del e
        # log of the sums (EvalRange over B): packets for rows < floor(B/P)*P
        k = min(max((B // P) * P - r0, 0), r1 - r0)
        lidx = np.arange(k, r1 - r0, dtype=np.int64)
        lg = _mixed(ty, "log", s, lidx, _sl(f_log, r0, r1), fma)
        r = _binop(ty, np.subtract, sh, lg[:, None], fs)
        out[r0:r1] = r.astype(ty.S) if ty.narrow else r
    return out
