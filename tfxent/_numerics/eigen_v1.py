"""Eigen packet math as built into TensorFlow 1.15.5 (AVX, no AVX2, no FMA).

Eigen commit cdb377d0cba4889fc909d1bbdd430b988db0db97 (the headers shipped in the 1.15.5
wheel are that commit plus three HIP-only files):

* ``Eigen/src/Core/arch/Default/GenericPacketMathFunctions.h``: ``pexp_float`` (Cephes,
  clamp +-88.3762626647950f, ``pldexp_float`` = bits((int)(m + 127) << 23), no zero mask),
  ``pexp_double`` (Cephes rational, clamp [-709.436139303, 709.437]), ``plog_float`` (Cephes
  degree-8 polynomial after ``pmax(x, FLT_MIN)``), ``generic_plog1p``;
* ``Eigen/src/Core/arch/AVX/PacketMath.h``: ``pmin(a, b)`` = ``_mm256_min_ps(b, a)`` and
  ``pmax(a, b)`` = ``_mm256_max_ps(b, a)`` (a NaN in either operand returns ``a``);
  ``pnegate`` = ``0 - a``; ``pldexp<Packet4d>`` keeps the low 12 bits of
  ``cvtpd_epi32(e) + 1023`` as the biased exponent; ``packet_traits<double>`` has no
  HasLog/HasLog1p (float64 log/log1p are host libm on every element);
* ``Eigen/src/Core/functors/UnaryFunctors.h``: ``scalar_logistic_op<float>`` (packet: a 9/10
  degree rational on x clamped to [-18, 18]; scalar: 0 below -18, 1 above 18, else
  ``1 / (1 + exp(-x))``) and the generic ``scalar_logistic_op<T>`` (``1 / (1 + exp(-x))``,
  packet ``pdiv(1, padd(1, pexp(pnegate(x))))``); the functor costs used by the cost model;
* ``Eigen/src/Core/arch/Default/Half.h``: half ``exp``/``log``/``log1p`` are
  ``half(::expf(float(a)))`` etc. and half ``+``/``/`` are one float op rounded to half
  (RNE); ``packet_traits<half>`` has no HasExp/HasLog, so every half element is scalar.
* ``unsupported/Eigen/CXX11/src/Tensor/TensorExecutor.h`` (``EvalRange``: packets for flat
  index < floor(N/P)*P, P = 8 float / 4 double), ``TensorDeviceThreadPool.h``
  (``parallelFor``, ``CalculateParallelForBlock``) and ``TensorCostModel.h``.

Every ``pmadd`` is a separate multiply then add. With ``ftz=True`` every float operation
reads subnormal operands as signed zero (DAZ) and flushes subnormal results (FTZ); bitwise
operations (and/or/blend/shift) are not affected.

TensorFlow 1.15.5 ``core/kernels/cwise_ops.h``: ``functor::exp``/``log``/``log1p``/``sigmoid``
are ``base<T, Eigen::internal::scalar_{exp,log,log1p,logistic}_op<T>>``. The scalar path calls
the host libm through its GLIBC_2.2.5 symbols (``glibc.py`` with ``variant="2.2.5"``). In
eager mode the caller thread has no FTZ/DAZ; Eigen work scheduled on the intra-op pool
(``core/lib/core/threadpool.cc``, ``port::ScopedFlushDenormal``) runs with FTZ/DAZ; graph
mode runs everything with FTZ/DAZ.
"""
import numpy as np

from . import fp
from . import glibc

_F = np.float32
_D = np.float64
_H = np.float16
_GLIBC_VARIANT = "2.2.5"


# ----------------------------------------------------------------------------- float ops

class _A:
    """IEEE ops of one type, optionally under DAZ (operands) + FTZ (results)."""

    def __init__(self, dtype, ftz):
        self.t = np.dtype(dtype).type
        self.ftz = ftz

    def daz(self, a):
        return fp.flush(a) if self.ftz else a

    def _op(self, f, a, b):
        with np.errstate(all="ignore"):
            r = f(self.daz(a), self.daz(b), dtype=self.t)
        return self.daz(r)

    def add(self, a, b):
        return self._op(np.add, a, b)

    def sub(self, a, b):
        return self._op(np.subtract, a, b)

    def mul(self, a, b):
        return self._op(np.multiply, a, b)

    def div(self, a, b):
        return self._op(np.true_divide, a, b)

    def madd(self, a, b, c):
        """Eigen ``pmadd`` without FMA: round(round(a*b) + c)."""
        return self.add(self.mul(a, b), c)

    def pmin(self, a, b):
        """``_mm256_min_ps(b, a)``: returns ``a`` when either is NaN or both are zero."""
        a = self.daz(a)
        b = self.daz(b)
        return np.where(b < a, b, a).astype(self.t, copy=False)

    def pmax(self, a, b):
        """``_mm256_max_ps(b, a)``: returns ``a`` when either is NaN or both are zero."""
        a = self.daz(a)
        b = self.daz(b)
        return np.where(b > a, b, a).astype(self.t, copy=False)

    def floor(self, a):
        return np.floor(self.daz(a))

    def lt(self, a, b):
        return self.daz(a) < self.daz(b)

    def eq(self, a, b):
        return self.daz(a) == self.daz(b)


def _cvt_i32(a, trunc):
    """``cvttps2dq`` (trunc) / ``cvtpd2dq`` (round-nearest-even); NaN or out of range ->
    INT32_MIN (the x86 "integer indefinite" value)."""
    a = np.asarray(a)
    with np.errstate(all="ignore"):
        v = np.trunc(a) if trunc else np.rint(a)
        bad = ~(np.abs(v) < 2147483648.0)
        out = np.where(bad, 0, v).astype(np.int64)
    out[bad] = -2147483648
    return out


# ----------------------------------------------------------------------------- packets

_EXPF_HI = _F(88.3762626647950)
_EXPF_LO = _F(-88.3762626647949)
_EXPF_C = [_F(v) for v in (1.44269504088896341, 0.5, 0.693359375, -2.12194440e-4)]
_EXPF_P = [_F(v) for v in (1.9875691500E-4, 1.3981999507E-3, 8.3334519073E-3,
                           4.1665795894E-2, 1.6666665459E-1, 5.0000001201E-1)]


def _pexp_float(_x, ftz):
    A = _A(_F, ftz)
    log2ef, half, c1, c2 = _EXPF_C
    x = A.pmax(A.pmin(_x, _EXPF_HI), _EXPF_LO)
    m = A.floor(A.madd(x, log2ef, half))
    r = A.sub(x, A.mul(m, c1))
    r = A.sub(r, A.mul(m, c2))
    r2 = A.mul(r, r)
    y = np.full(np.shape(_x), _EXPF_P[0], _F)
    for p in _EXPF_P[1:]:
        y = A.madd(y, r, p)
    y = A.madd(y, r2, r)
    y = A.add(y, _F(1))
    ei = _cvt_i32(A.add(m, _F(127)), trunc=True)
    e = ((ei.astype(np.uint64) << np.uint64(23)) & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    res = A.mul(y, e.view(_F))
    return A.pmax(res, _x)


_EXPD = dict(
    hi=709.437, lo=-709.436139303, log2ef=1.4426950408889634073599,
    p=(1.26177193074810590878e-4, 3.02994407707441961300e-2, 9.99999999999999999910e-1),
    q=(3.00198505138664455042e-6, 2.52448340349684104192e-3, 2.27265548208155028766e-1,
       2.00000000000000000009e0),
    c1=0.693145751953125, c2=1.42860682030941723212e-6)


def _pexp_double(_x, ftz):
    A = _A(_D, ftz)
    k = _EXPD
    x = A.pmax(A.pmin(_x, _D(k["hi"])), _D(k["lo"]))
    fx = A.floor(A.madd(_D(k["log2ef"]), x, _D(0.5)))
    tmp = A.mul(fx, _D(k["c1"]))
    z = A.mul(fx, _D(k["c2"]))
    x = A.sub(x, tmp)
    x = A.sub(x, z)
    x2 = A.mul(x, x)
    px = np.full(np.shape(_x), _D(k["p"][0]))
    px = A.madd(px, x2, _D(k["p"][1]))
    px = A.madd(px, x2, _D(k["p"][2]))
    px = A.mul(px, x)
    qx = np.full(np.shape(_x), _D(k["q"][0]))
    for q in k["q"][1:]:
        qx = A.madd(qx, x2, _D(q))
    x = A.div(px, A.sub(qx, px))
    x = A.madd(_D(2), x, _D(1))
    ei = (_cvt_i32(fx, trunc=False) + 1023) & 0xFFF
    e = (ei.astype(np.uint64) << np.uint64(52)).view(_D)
    return A.pmax(A.mul(x, e), _x)


_LOGF_P = [_F(v) for v in (7.0376836292E-2, -1.1514610310E-1, 1.1676998740E-1,
                           -1.2420140846E-1, 1.4249322787E-1, -1.6668057665E-1,
                           2.0000714765E-1, -2.4999993993E-1, 3.3333331174E-1)]
_LOGF_Q1 = _F(-2.12194440e-4)
_LOGF_Q2 = _F(0.693359375)
_SQRTHF = _F(0.707106781186547524)
_FLT_MIN = np.uint32(0x00800000).view(_F)


def _plog_float(_x, ftz):
    A = _A(_F, ftz)
    p = _LOGF_P
    x = A.pmax(_x, _FLT_MIN)
    # pfrexp_float: exponent from the (logical) shifted bits, mantissa into [0.5, 1)
    u = x.view(np.uint32)
    e = (u >> np.uint32(23)).astype(np.int32).astype(_F) - _F(126)   # exact
    x = ((u & np.uint32(0x807FFFFF)) | np.uint32(0x3F000000)).view(_F)
    mask = A.lt(x, _SQRTHF)
    tmp = np.where(mask, x, _F(0)).astype(_F)
    x = A.sub(x, _F(1))
    e = A.sub(e, np.where(mask, _F(1), _F(0)).astype(_F))
    x = A.add(x, tmp)
    x2 = A.mul(x, x)
    x3 = A.mul(x2, x)
    y = A.madd(np.full(x.shape, p[0], _F), x, p[1])
    y1 = A.madd(np.full(x.shape, p[3], _F), x, p[4])
    y2 = A.madd(np.full(x.shape, p[6], _F), x, p[7])
    y = A.madd(y, x, p[2])
    y1 = A.madd(y1, x, p[5])
    y2 = A.madd(y2, x, p[8])
    y = A.madd(y, x3, y1)
    y = A.madd(y, x3, y2)
    y = A.mul(y, x3)
    y1 = A.mul(e, _LOGF_Q1)
    tmp = A.mul(x2, _F(0.5))
    y = A.add(y, y1)
    x = A.sub(x, tmp)
    y2 = A.mul(e, _LOGF_Q2)
    x = A.add(x, y)
    x = A.add(x, y2)
    xin = A.daz(_x)
    invalid = ~(xin >= 0)                      # pcmp_lt_or_nan (NGE_UQ)
    iszero = xin == 0
    posinf = xin == np.inf
    r = np.where(posinf, _F(np.inf), x).astype(_F).view(np.uint32)
    r = np.where(invalid, np.uint32(0xFFFFFFFF), r).astype(np.uint32)
    return np.where(iszero, _F(-np.inf), r.view(_F)).astype(_F)


def _plog1p_float(x, ftz):
    A = _A(_F, ftz)
    one = _F(1)
    xp1 = A.add(x, one)
    small = A.eq(xp1, one)
    log1 = _plog_float(xp1, ftz)
    inf = A.eq(xp1, log1)
    log_large = A.mul(x, A.div(log1, A.sub(xp1, one)))
    # pselect is a bitwise blend: the selected x is returned with its own bits (no DAZ)
    return np.where(small | inf, x, log_large).astype(_F)


_LOGISTIC_A = [_F(v) for v in (2.48287947061529e-01, 8.51377133304701e-03,
                               6.08574864600143e-05, 1.15627324459942e-07,
                               4.37031012579801e-11)]
_LOGISTIC_B = [_F(v) for v in (9.93151921023180e-01, 1.16817656904453e-01,
                               1.70198817374094e-03, 6.29106785017040e-06,
                               5.76102136993427e-09, 6.10247389755681e-13)]


def _plogistic_float(_x, ftz):
    A = _A(_F, ftz)
    a, b = _LOGISTIC_A, _LOGISTIC_B
    x = A.pmax(A.pmin(_x, _F(18)), _F(-18))
    x2 = A.mul(x, x)
    p = A.madd(x2, a[4], a[3])
    p = A.madd(x2, p, a[2])
    p = A.madd(x2, p, a[1])
    p = A.madd(x2, p, a[0])
    p = A.mul(x, p)
    q = A.madd(x2, b[5], b[4])
    q = A.madd(x2, q, b[3])
    q = A.madd(x2, q, b[2])
    q = A.madd(x2, q, b[1])
    q = A.madd(x2, q, b[0])
    return A.pmax(A.pmin(A.add(A.div(p, q), _F(0.5)), _F(1)), _F(0))


def _plogistic_double(x, ftz):
    A = _A(_D, ftz)
    one = _D(1)
    neg = A.sub(np.zeros_like(x), x)          # AVX pnegate = 0 - x
    return A.div(np.full(x.shape, one), A.add(one, _pexp_double(neg, ftz)))


def _check(x, allowed):
    x = np.asarray(x)
    if x.dtype not in allowed:
        raise TypeError("unsupported dtype %s" % x.dtype)
    return x


def pexp(x, ftz=False):
    """Packet exp (``pexp_float`` / ``pexp_double`` @cdb377d0), elementwise."""
    x = _check(x, (np.dtype(_F), np.dtype(_D)))
    return _pexp_float(x, ftz) if x.dtype == _F else _pexp_double(x, ftz)


def plog(x, ftz=False):
    """Packet log, float32 only (``plog_float`` @cdb377d0; double has no packet log)."""
    x = _check(x, (np.dtype(_F),))
    return _plog_float(x, ftz)


def plog1p(x, ftz=False):
    """Packet log1p, float32 only (``generic_plog1p`` over ``plog_float`` @cdb377d0)."""
    x = _check(x, (np.dtype(_F),))
    return _plog1p_float(x, ftz)


def plogistic(x, ftz=False):
    """Packet path of ``scalar_logistic_op`` @cdb377d0: the float specialisation's rational
    interpolant, or ``pdiv(1, padd(1, pexp(pnegate(x))))`` for double."""
    x = _check(x, (np.dtype(_F), np.dtype(_D)))
    return _plogistic_float(x, ftz) if x.dtype == _F else _plogistic_double(x, ftz)


# ----------------------------------------------------------------------------- scalar paths

def _scalar(op, x, ftz):
    """``operator()`` of the functor (host libm through GLIBC_2.2.5) for float32/float64."""
    v = _GLIBC_VARIANT
    if x.dtype == _F:
        if op == "exp":
            return glibc.expf(x, ftz_daz=ftz, variant=v)
        if op == "log":
            return glibc.logf(x, ftz_daz=ftz, variant=v)
        if op == "log1p":
            return glibc.log1pf(x, ftz_daz=ftz, variant=v)
        # scalar_logistic_op<float>::operator(): -x is a sign flip (no DAZ)
        A = _A(_F, ftz)
        e = glibc.expf(-x, ftz_daz=ftz, variant=v)
        r = A.div(np.ones_like(x), A.add(_F(1), e))
        r = np.where(x > _F(18), _F(1), r)
        return np.where(x < _F(-18), _F(0), r).astype(_F)
    if op == "exp":
        return glibc.exp(x, ftz_daz=ftz, variant=v)
    if op == "log":
        return glibc.log(x, ftz_daz=ftz, variant=v)
    if op == "log1p":
        return glibc.log1p(x, ftz_daz=ftz, variant=v)
    A = _A(_D, ftz)
    e = glibc.exp(-x, ftz_daz=ftz, variant=v)
    return A.div(np.ones_like(x), A.add(_D(1), e))


def _half(op, x, ftz):
    """half: no packet path at cdb377d0; ``half(::expf(float(a)))`` etc.; logistic is
    ``one / (one + exp(-x))`` with half ``+``/``/`` = one float op rounded to half (RNE,
    overflow to inf)."""
    xf = x.astype(_F)
    v = _GLIBC_VARIANT
    with np.errstate(over="ignore"):
        if op == "exp":
            return glibc.expf(xf, ftz_daz=ftz, variant=v).astype(_H)
        if op == "log":
            return glibc.logf(xf, ftz_daz=ftz, variant=v).astype(_H)
        if op == "log1p":
            return glibc.log1pf(xf, ftz_daz=ftz, variant=v).astype(_H)
        A = _A(_F, ftz)
        e = glibc.expf((-x).astype(_F), ftz_daz=ftz, variant=v).astype(_H).astype(_F)
        s = A.add(_F(1), e).astype(_H).astype(_F)
        return A.div(np.ones_like(s), s).astype(_H)


_PACKET = {"exp": pexp, "log": plog, "log1p": plog1p, "sigmoid": plogistic}


# ----------------------------------------------------------------------------- cost model

_K_LOAD = 1.0 / 64 * 11
_K_STORE = 1.0 / 64 * 11

# functor Cost (UnaryFunctors.h / BinaryFunctors.h @cdb377d0, non-FMA AVX build; AddCost =
# MulCost = 1; scalar_div_cost<float,true> = 14, <double,true> = 16, generic 8)
_DIV_COST = {4: 14, 8: 16, 2: 8}
_EXP_COST = {4: 21 + 13, 8: 23 + 12 + 16, 2: 23 + 12 + 8}


def _functor(op, size):
    """(Cost, vectorised, bytes loaded per coeff, bytes stored per coeff)."""
    vec = size in (4, 8)
    one, two = size, 2 * size
    if op == "exp":
        return _EXP_COST[size], vec, one, size
    if op in ("log", "log1p"):
        if size == 4:
            return 36 + 14, True, one, size
        return 85, False, one, size           # no packet log: measured std::log cost
    if op == "sigmoid":
        if size == 4:
            return 14 + 12 + 11, True, one, size
        # generic logistic: div + 2 adds + exp; half packet traits have no exp
        return (_DIV_COST[size] if vec else 8) + 2 + _EXP_COST[size], vec, one, size
    if op in ("abs", "neg", "reciprocal"):     # scalar_inverse_op: Cost = MulCost
        return 1, vec, one, size
    if op in ("relu", "maximum", "minimum", "add", "sub", "mul"):
        return 1, vec, two, size              # relu = cwiseMax(constant): 2 loads
    if op in ("maximum_scalar", "minimum_scalar", "add_scalar", "sub_scalar",
              "mul_scalar"):
        return 1, vec, one, size              # scalar_left/right: 1 load
    if op == "realdiv":
        return _DIV_COST[size], vec, two, size
    if op == "realdiv_scalar":
        return _DIV_COST[size], vec, one, size
    raise ValueError("unknown op %r" % (op,))


def _cost_per_coeff(op, dtype):
    size = np.dtype(dtype).itemsize
    cost, vec, loaded, stored = _functor(op, size)
    P = {4: 8, 8: 4}.get(size, 1) if vec else 1
    compute = cost / P if vec else float(cost)
    # TensorOpCost::total_cost(kLoadCycles, kStoreCycles, 1)
    return _K_LOAD * loaded + _K_STORE * stored + 1.0 * compute, P


def _divup(a, b):
    return (a + b - 1) // b


def _align(size, P):
    """``EvalRange::alignBlockSize`` (vectorised) or identity."""
    if P == 1:
        return size
    if size >= 16 * P:
        return (size + 4 * P - 1) & ~(4 * P - 1)
    return (size + P - 1) & ~(P - 1)


def _pool_start(n, op, dtype, threads):
    """First flat index evaluated on the intra-op pool by ``parallelFor`` (n = none)."""
    n = int(n)
    threads = int(threads)
    c, P = _cost_per_coeff(op, dtype)
    if n <= 1 or threads <= 1:
        return n
    t = (n * c - 100000) / 100000 + 0.9
    t = min(t, 2147483647.0)
    if min(threads, max(1, int(t))) == 1:
        return n
    # CalculateParallelForBlock
    block_size_f = 1.0 / (c / 40000)
    block_size = min(n, max(_divup(n, 4 * threads), int(block_size_f)))
    max_block_size = min(n, 2 * block_size)
    block_size = min(n, _align(block_size, P))
    block_count = _divup(n, block_size)
    max_eff = block_count / (_divup(block_count, threads) * threads)
    prev = block_count
    while max_eff < 1.0 and prev > 1:
        coarser = min(n, _align(_divup(n, prev - 1), P))
        if coarser > max_block_size:
            break
        cc = _divup(n, coarser)
        prev = cc
        eff = cc / (_divup(cc, threads) * threads)
        if eff + 0.01 >= max_eff:
            block_size, block_count = coarser, cc
            if max_eff < eff:
                max_eff = eff
    if block_count > threads:
        return 0                               # root scheduled on the pool
    # handleRange(0, n) on the caller: split halves off until one block is left
    last = n
    while last > block_size:
        last = _divup(last // 2, block_size) * block_size
    return last


def eager_ftz(n, op, dtype, threads, graph):
    """True when TF 1.15 runs this whole EvalRange evaluation of ``op`` with FTZ/DAZ.

    Graph mode: always. Eager: when ``parallelFor`` (``TensorDeviceThreadPool.h``
    @cdb377d0) schedules every block on the intra-op pool, i.e. n*c >= 210000 (exactly:
    ``int((n*c - 100000)/100000 + 0.9) >= 2``), ``threads >= 2`` and more blocks than
    threads. c = 11/64*(bytes loaded + stored) + functor Cost / P (Cost undivided when the
    expression is not vectorisable: float64 log/log1p, half). ``op`` is one of exp, log,
    log1p, sigmoid, relu, abs, neg, maximum, minimum, add, sub, mul, realdiv (two tensors of
    the same shape) or ``<binary>_scalar`` (one operand a scalar: ``scalar_left/right``).

    With more than 2 threads a parallelised evaluation can have at most ``threads`` blocks;
    the caller then runs the first block itself without FTZ (``unary`` reproduces that split)
    and this returns False. Abs (``pabs`` = and-mask) never shows the flush in its output.
    Half-precision costs are modelled for the transcendental ops only (FTZ is invisible
    there: half values are never subnormal as float).
    """
    if graph:
        return True
    return n > 0 and _pool_start(n, op, dtype, threads) == 0


# ----------------------------------------------------------------------------- kernel

def unary(op, x, threads=2, graph=False):
    """TF 1.15.5's Exp/Log/Log1p/Sigmoid CPU kernel result (eager, or graph=True).

    Non-tiled ``TensorExecutor``: flat index < floor(N/P)*P takes the packet path, the rest
    the scalar path; elements evaluated on the intra-op pool (or all, in graph mode) run
    with FTZ/DAZ. half: every element scalar via float libm. float64 log/log1p: every
    element host libm.
    """
    if op not in _PACKET:
        raise ValueError("unknown op %r" % (op,))
    x = np.asarray(x)
    if x.dtype not in (np.dtype(_H), np.dtype(_F), np.dtype(_D)):
        raise TypeError("unsupported dtype %s" % x.dtype)
    shape = x.shape
    flat = x.reshape(-1)
    n = flat.size
    if n == 0:
        return np.empty(shape, x.dtype)
    start = 0 if graph else _pool_start(n, op, x.dtype, threads)
    out = np.empty(n, x.dtype)
    for lo, hi, ftz in ((0, start, False), (start, n, True)):
        if hi <= lo:
            continue
        seg = flat[lo:hi]
        if x.dtype == _H:
            out[lo:hi] = _half(op, seg, ftz)
            continue
        P = 8 if x.dtype == _F else 4
        vec = not (x.dtype == _D and op in ("log", "log1p"))
        # block boundaries are multiples of P, so the global split floor(n/P)*P applies
        k = min(hi, (n // P) * P) if vec else lo
        if k > lo:
            out[lo:k] = _PACKET[op](seg[:k - lo], ftz)
        if hi > k:
            out[k:hi] = _scalar(op, flat[k:hi], ftz)
    return out.reshape(shape)
