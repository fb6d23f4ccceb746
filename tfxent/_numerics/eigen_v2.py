"""Eigen packet math as built into TensorFlow 2.21 (AVX, no FMA, FTZ/DAZ on).

Eigen commit dcbaf2d608f306450f1e74949eb87e9a22a7ef4b:

* ``Eigen/src/Core/arch/Default/GenericPacketMathFunctions.h``: ``pexp_float``,
  ``pexp_double``, ``plog_impl_float``, ``plog_impl_double``, ``generic_log1p``,
  ``pfrexp_generic``, ``pldexp_generic``, ``pldexp_fast``;
* ``Eigen/src/Core/arch/AVX/PacketMath.h``: ``pmin``/``pmax`` are ``_mm256_min_ps(b, a)`` /
  ``_mm256_max_ps(b, a)`` (NaN in the first argument propagates), AVX ``pldexp<Packet4d>``;
* ``Eigen/src/Core/functors/UnaryFunctors.h``: ``scalar_logistic_op<float>`` (its own packet
  path and a scalar path ``e = exp(min(x, 16.6355324f)); e / (1 + e)``) and the generic
  ``scalar_logistic_op_impl`` (double, half, bfloat16: ``e = exp(x); e == inf ? 1 : e / (1 + e)``);
* ``Eigen/src/Core/arch/AVX/MathFunctions.h`` (``F16_PACKET_FUNCTION``, ``BF16_PACKET_FUNCTION``):
  half/bfloat16 packets are converted to float, the float function runs, and the result is
  rounded back (RNE).

Every ``pmadd`` is a separate multiply and add (``EIGEN_VECTORIZE_FMA`` off). The packet
functions here are applied elementwise; the only packet-wide decision (``pexp``'s
``pldexp_fast`` vs ``pldexp_generic``) gives the same result per lane for every lane that is
not itself on the slow side, so an elementwise choice is exact.

TensorFlow 2.21 ``cwise_ops.h`` (``functor::exp``/``log``/``log1p``/``sigmoid`` are
``base<T, Eigen::internal::scalar_{exp,log,log1p,logistic}_op<T>>``) evaluates them with the
non-tiled ``TensorExecutor`` (see ``executor.packet_prefix``): the packet path for flat
indices below ``floor(N/P)*P``, the scalar path (host glibc) for the rest.
"""
import numpy as np

from . import fp
from . import glibc
from .executor import packet_prefix

try:  # optional
    from ml_dtypes import bfloat16 as _bf16
except ImportError:  # pragma: no cover
    _bf16 = None

_F = np.float32
_D = np.float64


class _Arith:
    """Float ops of one IEEE type with optional FTZ (result) flushing."""

    def __init__(self, dtype, ftz):
        self.t = np.dtype(dtype).type
        self.ftz = ftz

    def fl(self, a):
        return fp.flush(a) if self.ftz else a

    def _res(self, r):
        """FTZ of a fresh result array (flushed in place)."""
        return fp.flush_inplace(r) if self.ftz and isinstance(r, np.ndarray) else self.fl(r)

    def c(self, v):
        return self.t(v)

    def add(self, a, b):
        return self._res(np.add(a, b, dtype=self.t))

    def sub(self, a, b):
        return self._res(np.subtract(a, b, dtype=self.t))

    def mul(self, a, b):
        return self._res(np.multiply(a, b, dtype=self.t))

    def div(self, a, b):
        return self._res(np.divide(a, b, dtype=self.t))

    def madd(self, a, b, c):  # pmadd without FMA
        return self.add(self.mul(a, b), c)


def _pmin(a, b):
    """Eigen AVX ``pmin(a, b)`` = ``_mm256_min_ps(b, a)`` = ``b < a ? b : a``."""
    return np.where(b < a, b, a)


def _pmax(a, b):
    """Eigen AVX ``pmax(a, b)`` = ``_mm256_max_ps(b, a)`` = ``b > a ? b : a``."""
    return np.where(b > a, b, a)


def _pow2_bits(e_biased, dtype):
    """Float with biased exponent field ``e_biased`` (integer array, already in range)."""
    if np.dtype(dtype) == np.float32:
        return (e_biased.astype(np.uint32) << np.uint32(23)).view(np.float32)
    return (e_biased.astype(np.uint64) << np.uint64(52)).view(np.float64)


def _to_int(m, lo, hi):
    """cvttps/cvttpd of a value clamped to [lo, hi] (NaN -> the integer indefinite value)."""
    nan = np.isnan(m)
    v = np.clip(np.where(nan, 0, m), lo, hi).astype(np.int64)
    return v, nan


def _pldexp_fast(A, a, m):
    """``pldexp_fast`` (generic for float, AVX ``pldexp_fast<Packet4d>`` for double)."""
    if A.t is _F:
        bias, lim = 127, 255
        e, nan = _to_int(m + bias, 0, lim)
    else:
        bias, lim = 1023, 2047
        # AVX Packet4d: e clamped to [-1023, 1024], then biased.
        e, nan = _to_int(m, -1023, 1024)
        e = e + bias
        e = np.clip(e, 0, lim)
    scale = _pow2_bits(np.where(nan, 0, e), A.t)
    # NaN exponent: the integer indefinite value shifted gives 0 (float) / 0 (double).
    return A.mul(a, scale)


def _pldexp_generic(A, a, m):
    """``pldexp_generic`` (float) / AVX ``pldexp<Packet4d>`` (double)."""
    if A.t is _F:
        bias, lim = 127, 278
    else:
        bias, lim = 1023, 2099
    e, nan = _to_int(m, -lim, lim)
    e = np.where(nan, 0, e)
    b = e >> 2
    c = _pow2_bits(b + bias, A.t)
    out = A.mul(A.mul(A.mul(a, c), c), c)
    c2 = _pow2_bits(e - 3 * b + bias, A.t)
    return A.mul(out, c2)


def _pexp_float(x, ftz):
    A = _Arith(_F, ftz)
    x0 = A.fl(np.asarray(x, dtype=_F))
    zero_mask = x0 < _F(-104.0)
    x = _pmin(x0, _F(88.723))
    m = np.floor(A.madd(x, _F(1.44269504088896341), _F(0.5)))
    r = A.madd(m, _F(-0.693359375), x)
    r = A.madd(m, _F(2.12194440e-4), r)
    r2 = A.mul(r, r)
    p2 = _F(0.49999988079071044921875)
    p3 = _F(0.16666518151760101318359375)
    p4 = _F(4.166965186595916748046875e-2)
    p5 = _F(8.36894474923610687255859375e-3)
    p6 = _F(1.37449637986719608306884765625e-3)
    pe = A.madd(r2, p6, p4)
    po = A.madd(r2, p5, p3)
    pe = A.madd(r2, pe, p2)
    pl = A.add(r, _F(1.0))
    y = A.madd(r, po, pe)
    y = A.madd(r2, y, pl)
    with np.errstate(invalid="ignore"):
        slow = np.abs(x) > _F(87.0)
    fast = _pmax(_pldexp_fast(A, y, m), x0)
    gen = np.where(zero_mask, _F(0.0), _pmax(_pldexp_generic(A, y, m), x0))
    return np.where(slow, gen, fast).astype(_F)


def _pexp_double(x, ftz):
    A = _Arith(_D, ftz)
    x0 = A.fl(np.asarray(x, dtype=_D))
    zero_mask = x0 < _D(-745.519)
    x = _pmin(x0, _D(709.784))
    fx = np.floor(A.madd(_D(1.4426950408889634073599), x, _D(0.5)))
    x = A.sub(x, A.mul(fx, _D(0.693145751953125)))
    x = A.sub(x, A.mul(fx, _D(1.42860682030941723212e-6)))
    x2 = A.mul(x, x)
    px = A.madd(_D(1.26177193074810590878e-4), x2, _D(3.02994407707441961300e-2))
    px = A.madd(px, x2, _D(9.99999999999999999910e-1))
    px = A.mul(px, x)
    qx = A.madd(_D(3.00198505138664455042e-6), x2, _D(2.52448340349684104192e-3))
    qx = A.madd(qx, x2, _D(2.27265548208155028766e-1))
    qx = A.madd(qx, x2, _D(2.00000000000000000009))
    x = A.div(px, A.sub(qx, px))
    x = A.madd(_D(2.0), x, _D(1.0))
    with np.errstate(invalid="ignore"):
        slow = np.abs(x0) > _D(708.0)
    fast = _pmax(_pldexp_fast(A, x, fx), x0)
    gen = np.where(zero_mask, _D(0.0), _pmax(_pldexp_generic(A, x, fx), x0))
    return np.where(slow, gen, fast).astype(_D)


def _pfrexp(A, a):
    """``pfrexp_generic`` on already DAZ-read input: mantissa in [0.5, 1), float exponent."""
    t = A.t
    if t is _F:
        ui, mbits, ebias, emask = np.uint32, 23, 126, 0xFF
        smm = np.uint32(0x807FFFFF)
        half_bits = np.uint32(0x3F000000)
        tiny = fp.F32_TINY
        norm = _F(2.0 ** 24)
        noff = 24
    else:
        ui, mbits, ebias, emask = np.uint64, 52, 1022, 0x7FF
        smm = np.uint64(0x800FFFFFFFFFFFFF)
        half_bits = np.uint64(0x3FE0000000000000)
        tiny = fp.F64_TINY
        norm = _D(2.0 ** 53)
        noff = 53
    is_den = np.abs(a) < tiny
    na = np.where(is_den, a * norm, a)
    bexp = ((na.view(ui) >> ui(mbits)) & ui(emask)).astype(t)
    off = np.where(is_den, t(-ebias - noff), t(-ebias))
    zn = (a == 0) | (bexp == emask)
    mant = ((na.view(ui) & smm) | half_bits).view(t)
    m = np.where(zn, a, mant)
    e = np.where(zn, t(0), bexp + off)
    return m, e


def _plog_specials(x0, res):
    with np.errstate(invalid="ignore"):
        invalid = (x0 < 0) | np.isnan(x0)
    t = res.dtype.type
    out = np.where(x0 == np.inf, t(np.inf), res)
    out = np.where(invalid, t(np.nan), out)
    return np.where(x0 == 0, t(-np.inf), out).astype(res.dtype)


def _plog_float(x, ftz):
    A = _Arith(_F, ftz)
    x0 = A.fl(np.asarray(x, dtype=_F))
    x, e = _pfrexp(A, x0)
    mask = x < _F(0.707106781186547524)
    tmp = np.where(mask, x, _F(0.0))
    x = A.sub(x, _F(1.0))
    e = A.sub(e, np.where(mask, _F(1.0), _F(0.0)))
    x = A.add(x, tmp)
    p = A.madd(_F(0.18256296349849254), x, _F(1.0000000190281063))
    p = A.madd(p, x, _F(1.0000000190281136))
    p = A.mul(x, p)
    q = A.madd(_F(0.049616247954120038), x, _F(0.59923249590823520))
    q = A.madd(q, x, _F(1.4999999999999927))
    q = A.madd(q, x, _F(1.0))
    x = A.div(p, q)
    x = A.madd(e, _F(np.float32(0.693147180559945309417232121458)), x)
    return _plog_specials(x0, x)


def _plog_double(x, ftz):
    A = _Arith(_D, ftz)
    x0 = A.fl(np.asarray(x, dtype=_D))
    x, e = _pfrexp(A, x0)
    mask = x < _D(0.70710678118654752440)
    tmp = np.where(mask, x, _D(0.0))
    x = A.sub(x, _D(1.0))
    e = A.sub(e, np.where(mask, _D(1.0), _D(0.0)))
    x = A.add(x, tmp)
    x2 = A.mul(x, x)
    x3 = A.mul(x2, x)
    P = [1.01875663804580931796e-4, 4.97494994976747001425e-1, 4.70579119878881725854,
         1.44989225341610930846e1, 1.79368678507819816313e1, 7.70838733755885391666]
    Q = [1.0, 1.12873587189167450590e1, 4.52279145837532221105e1,
         8.29875266912776603211e1, 7.11544750618563894466e1, 2.31251620126765340583e1]

    def poly(c):
        y = A.madd(_D(c[0]), x, _D(c[1]))
        y1 = A.madd(_D(c[3]), x, _D(c[4]))
        y = A.madd(y, x, _D(c[2]))
        y1 = A.madd(y1, x, _D(c[5]))
        return A.madd(y, x3, y1)
    y_ = poly(P)
    y = poly(Q)
    y_ = A.mul(y_, x3)
    y = A.div(y_, y)
    y = A.madd(_D(-0.5), x2, y)
    x = A.add(x, y)
    x = A.madd(e, _D(0.693147180559945309417232121458), x)
    return _plog_specials(x0, x)


def pexp(x, ftz=True):
    """Eigen ``pexp`` (``pexp_float`` / ``pexp_double``) applied elementwise."""
    x = np.asarray(x)
    with np.errstate(all="ignore"):
        if x.dtype == np.float32:
            return _pexp_float(x, ftz)
        if x.dtype == np.float64:
            return _pexp_double(x, ftz)
    raise TypeError("pexp: float32 or float64 expected, got %s" % x.dtype)


def plog(x, ftz=True):
    """Eigen ``plog`` (``plog_float`` rational / ``plog_double`` Cephes) elementwise."""
    x = np.asarray(x)
    with np.errstate(all="ignore"):
        if x.dtype == np.float32:
            return _plog_float(x, ftz)
        if x.dtype == np.float64:
            return _plog_double(x, ftz)
    raise TypeError("plog: float32 or float64 expected, got %s" % x.dtype)


def plog1p(x, ftz=True):
    """Eigen ``generic_log1p``: ``xp1 = x+1; l = plog(xp1);
    (xp1 == 1 | xp1 == l) ? x : x * (l / (xp1 - 1))``."""
    x = np.asarray(x)
    if x.dtype not in (np.float32, np.float64):
        raise TypeError("plog1p: float32 or float64 expected, got %s" % x.dtype)
    A = _Arith(x.dtype, ftz)
    with np.errstate(all="ignore"):
        x0 = A.fl(x)
        one = A.c(1.0)
        xp1 = A.add(x0, one)
        small = xp1 == one
        l1 = plog(xp1, ftz)
        inf = xp1 == l1
        large = A.mul(x0, A.div(l1, A.sub(xp1, one)))
        return np.where(small | inf, x0, large).astype(x.dtype)


def _plogistic_float(x, ftz):
    A = _Arith(_F, ftz)
    x0 = A.fl(np.asarray(x, dtype=_F))
    zero_mask = x0 < _F(-104.0)
    x = _pmin(x0, _F(16.6355324))
    x = A.mul(x, _F(0.5))
    m = np.floor(A.madd(x, _F(1.44269504088896341), _F(0.5)))
    r = A.madd(m, _F(-0.693359375), x)
    r = A.madd(m, _F(2.12194440e-4), r)
    r2 = A.mul(r, r)
    p_even = A.madd(r2, _F(4.1898667812347412109375e-2), _F(0.49999141693115234375))
    p_odd = A.madd(r2, _F(8.33471305668354034423828125e-3), _F(0.16666877269744873046875))
    p_low = A.add(r, _F(1.0))
    p = A.madd(r, p_odd, p_even)
    p = A.madd(r2, p, p_low)
    e = _pldexp_fast(A, p, m)
    e = A.mul(e, e)
    return np.where(zero_mask, _F(0.0), A.div(e, A.add(_F(1.0), e))).astype(_F)


def _plogistic_generic(x, ftz):
    A = _Arith(x.dtype, ftz)
    one = A.c(1.0)
    e = pexp(x, ftz)
    return np.where(e == np.inf, one, A.div(e, A.add(one, e))).astype(x.dtype)


def plogistic(x, ftz=True):
    """Packet path of Eigen ``scalar_logistic_op``: the float specialisation (halved
    argument, squared ``pldexp_fast``) for float32, the generic ``scalar_logistic_op_impl``
    for float64."""
    x = np.asarray(x)
    with np.errstate(all="ignore"):
        if x.dtype == np.float32:
            return _plogistic_float(x, ftz)
        if x.dtype == np.float64:
            return _plogistic_generic(x, ftz)
    raise TypeError("plogistic: float32 or float64 expected, got %s" % x.dtype)


# ----------------------------------------------------------------------------------------
# Scalar (tail) paths, as Eigen's functors' operator() evaluate them under FTZ/DAZ.

def _scalar_float(op, x):
    """float32 scalar path: glibc via ``numext``; the float logistic scalar operator()."""
    if op == "exp":
        return glibc.expf(x, ftz_daz=True)
    if op == "log":
        return glibc.logf(x, ftz_daz=True)
    if op == "log1p":
        return glibc.log1pf(x, ftz_daz=True)
    # scalar_logistic_op<float>::operator(): e = exp(min(x, hi)); e / (1 + e)
    A = _Arith(_F, True)
    x0 = A.fl(x)
    hi = _F(16.6355324)
    e = glibc.expf(np.where(hi < x0, hi, x0), ftz_daz=True)
    return A.div(e, A.add(_F(1.0), e))


# TF 2.21's libtensorflow_cc imports expf/logf@GLIBC_2.27 but exp/log/log1p@GLIBC_2.2.5
# (objdump -T of the wheel): its double tails go through the SVID compat wrappers, which
# return -inf for a subnormal under DAZ where log@GLIBC_2.29 gives -745.13 (measured).
DOUBLE_VARIANT = "2.2.5"
FLOAT_VARIANT = "2.27"


def _scalar_double(op, x):
    if op == "exp":
        return glibc.exp(x, ftz_daz=True, variant=DOUBLE_VARIANT)
    if op == "log":
        return glibc.log(x, ftz_daz=True, variant=DOUBLE_VARIANT)
    if op == "log1p":
        return glibc.log1p(x, ftz_daz=True, variant=DOUBLE_VARIANT)
    A = _Arith(_D, True)
    e = glibc.exp(x, ftz_daz=True, variant=DOUBLE_VARIANT)
    return np.where(e == np.inf, _D(1.0), A.div(e, A.add(_D(1.0), e)))


_PACKET = {"exp": pexp, "log": plog, "log1p": plog1p, "sigmoid": plogistic}


def _narrow_logistic(x32, packet, nt):
    """Generic ``scalar_logistic_op_impl`` on half/bfloat16: each op in float, rounded to
    the narrow type (``Packet8h``/``Packet8bf`` arithmetic, or scalar ``half`` operators)."""
    def rnd(a):
        return a.astype(nt).astype(_F)
    with np.errstate(all="ignore"):
        e = rnd(pexp(x32, True) if packet else glibc.expf(x32, ftz_daz=True))
        den = rnd(fp.flush(_F(1.0) + e))
        q = rnd(fp.flush(e / den))
        return np.where(e == np.inf, _F(1.0), q)


def unary(op, x):
    """TF 2.21 ``Exp``/``Log``/``Log1p``/``Sigmoid`` on CPU for a float16, bfloat16, float32
    or float64 array of any shape: packet path for flat index < floor(N/P)*P (P = 8 for
    float/half/bfloat16, 4 for double), the scalar path for the rest."""
    if op not in _PACKET:
        raise ValueError("unknown op %r" % op)
    x = np.asarray(x)
    dt = x.dtype
    flat = x.reshape(-1)
    n = flat.size
    if dt == np.float64:
        P = 4
    elif dt in (np.float32, np.float16) or (_bf16 is not None and dt == _bf16):
        P = 8
    else:
        raise TypeError("unary: unsupported dtype %s" % dt)
    k = packet_prefix(n, P)
    if dt == np.float32 or dt == np.float64:
        out = np.empty(n, dtype=dt)
        scalar = _scalar_float if dt == np.float32 else _scalar_double
        with np.errstate(all="ignore"):
            if k:
                out[:k] = _PACKET[op](flat[:k], True)
            if k < n:
                out[k:] = scalar(op, flat[k:].copy())
        return out.reshape(x.shape)
    # half / bfloat16: computed in float32, rounded back (RNE).
    x32 = flat.astype(_F)
    out32 = np.empty(n, dtype=_F)
    with np.errstate(all="ignore"):
        if op == "sigmoid":
            if k:
                out32[:k] = _narrow_logistic(x32[:k], True, dt)
            if k < n:
                out32[k:] = _narrow_logistic(x32[k:], False, dt)
        else:
            if k:
                out32[:k] = _PACKET[op](x32[:k], True)
            if k < n:
                out32[k:] = _scalar_float(op, x32[k:].copy())
    with np.errstate(all="ignore"):
        return out32.astype(dt).reshape(x.shape)
