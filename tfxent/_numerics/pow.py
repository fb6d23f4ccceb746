"""Eigen's packet ``pow`` as built into TensorFlow 2.21 (AVX, no FMA, FTZ/DAZ on).

Eigen commit dcbaf2d608f306450f1e74949eb87e9a22a7ef4b:

* ``Eigen/src/Core/functors/BinaryFunctors.h``: ``scalar_pow_op``: packet op
  ``generic_pow(a, b)``, scalar op ``numext::pow`` (host libm ``powf``/``pow``); ``PacketAccess``
  needs ``packet_traits<Scalar>::HasPow``, set for float and double only
  (``Eigen/src/Core/arch/AVX/PacketMath.h``), so half and bfloat16 never take this path.
* ``Eigen/src/Core/arch/Default/GenericPacketMathFunctions.h``: ``generic_pow`` (the
  special-case selects), ``generic_pow_impl`` (``pfrexp``, the ``sqrt(1/2)`` shift,
  ``accurate_log2<float>`` / ``accurate_log2<double>``, double-word ``y * log2(x)``,
  ``absolute_split``, ``generic_exp2``, ``pldexp``/``pldexp_fast``), the double-word helpers
  ``fast_twosum``, ``twoprod`` (Dekker with ``veltkamp_splitting``: ``EIGEN_VECTORIZE_FMA`` is
  off), ``doubleword_div_fp``, and ``ppolevl``;
* ``Eigen/src/Core/arch/AVX/PacketMath.h``: ``pround`` (``round_ps(a + copysign(0.49999997, a),
  toward zero)``), ``pfloor`` (``floor_ps``), ``pnegate`` (sign-bit flip), ``psignbit``,
  ``pldexp<Packet4d>``, ``pldexp_fast<Packet4d>``.

Every ``pmadd`` is a multiply then an add, each rounded and flushed (FTZ); the operands of
arithmetic and comparisons are read through DAZ; ``pabs``, ``psignbit``, ``pnegate`` and
``pselect`` work on bits (``pow(x, 1)`` returns ``x``'s own bits, subnormal or not).

The two packet-wide decisions (``generic_pow_impl``'s ``pldexp_fast`` vs ``pldexp`` and
``pexp``'s fast vs generic ldexp) give the same value in every lane that is not itself on the
slow side, so evaluating the choice per element is exact.
"""
import numpy as np

from .eigen_v2 import (_Arith, _pfrexp, _pldexp_fast, _pldexp_generic, _pexp_float,
                       _pexp_double, _pmin, _pmax)

_F = np.float32
_D = np.float64

_LN2 = 0.693147180559945309417232121458176568075500134360255254120680009493393621


class _DW:
    """Double-word arithmetic of one precision (Eigen's helpers, no FMA)."""

    def __init__(self, A):
        self.A = A
        digits = 24 if A.t is _F else 53
        self.split = A.t((1 << ((digits + 1) // 2)) + 1)

    def veltkamp(self, x):
        A = self.A
        gamma = A.mul(self.split, x)
        rho = A.sub(x, gamma)
        hi = A.add(rho, gamma)
        return hi, A.sub(x, hi)

    def fast_twosum(self, x, y):
        A = self.A
        s = A.add(x, y)
        return s, A.sub(y, A.sub(s, x))

    def fast_twosum_dw(self, xh, xl, yh, yl):
        A = self.A
        rh, rl = self.fast_twosum(xh, yh)
        return self.fast_twosum(rh, A.add(A.add(yl, rl), xl))

    def fast_twosum_f_dw(self, x, yh, yl):
        A = self.A
        rh, rl = self.fast_twosum(x, yh)
        return self.fast_twosum(rh, A.add(yl, rl))

    def twoprod(self, x, y):
        A = self.A
        xh, xl = self.veltkamp(x)
        yh, yl = self.veltkamp(y)
        ph = A.mul(x, y)
        pl = A.madd(xh, yh, np.negative(ph))
        pl = A.madd(xh, yl, pl)
        pl = A.madd(xl, yh, pl)
        pl = A.madd(xl, yl, pl)
        return ph, pl

    def twoprod_dw_f(self, xh, xl, y):
        A = self.A
        ch, cl1 = self.twoprod(xh, y)
        cl2 = A.mul(xl, y)
        th, tl1 = self.fast_twosum(ch, cl2)
        return self.fast_twosum(th, A.add(tl1, cl1))

    def twoprod_dw_dw(self, xh, xl, yh, yl):
        hh, hl = self.twoprod_dw_f(xh, xl, yh)
        lh, ll = self.twoprod_dw_f(xh, xl, yl)
        return self.fast_twosum_dw(hh, hl, lh, ll)

    def div_fp(self, xh, xl, y):
        A = self.A
        th = A.div(xh, y)
        pih, pil = self.twoprod(th, y)
        d = A.add(A.sub(A.sub(xh, pih), pil), xl)
        return self.fast_twosum(th, A.div(d, y))


def _split_const(c, t):
    hi = t(c)
    return hi, t(c - float(hi))


_LOG2F_C0 = _split_const(1.442695041742110273474963832995854318141937255859375e+00, _F)
_LOG2F_C1 = _split_const(-7.2134751588268664068692714863573201000690460205078125e-01, _F)
_LOG2F_P = tuple(_F(v) for v in (
    9.7010828554630279541015625e-02, -1.6896486282348632812500000e-01,
    1.7200836539268493652343750e-01, -1.7892272770404815673828125e-01,
    2.0505344867706298828125000e-01, -2.4046677350997924804687500e-01,
    2.8857553005218505859375000e-01, -3.6067414283752441406250000e-01,
    4.8089790344238281250000000e-01))


def _accurate_log2_float(D, z):
    """``accurate_log2<float>``: log2(z) for z in [sqrt(1/2), sqrt(2)] as a double word."""
    A = D.A
    x = A.sub(z, _F(1.0))
    p = _LOG2F_P[0]
    for c in _LOG2F_P[1:]:
        p = A.madd(p, x, c)
    ph, pl = D.twoprod(x, p)
    ph, pl = D.fast_twosum_dw(_LOG2F_C1[0], _LOG2F_C1[1], ph, pl)
    ph, pl = D.twoprod_dw_f(ph, pl, x)
    ph, pl = D.fast_twosum_dw(_LOG2F_C0[0], _LOG2F_C0[1], ph, pl)
    return D.twoprod_dw_f(ph, pl, x)


_LOG2D_Q = tuple(_D(v) for v in (2.87074255468000586e-9, 2.38957980901884082e-8,
                                  2.31032094540014656e-7, 2.27279857398537278e-6,
                                  2.31271023278625638e-5, 2.47556738444535513e-4,
                                  2.88543873228900172e-3))


def _accurate_log2_double(D, x):
    """``accurate_log2<double>``: r = c*(x-1)/(x+1) in double word, odd polynomial."""
    A = D.A
    q12, q10, q8, q6, q4, q2, q0 = _LOG2D_Q
    one = _D(1.0)
    th, tl = D.twoprod_dw_f(_D(2.88539008177792677), _D(4.07660016854549667e-17), A.sub(x, one))
    rh, rl = D.div_fp(th, tl, A.add(x, one))
    r2h, r2l = D.twoprod_dw_dw(rh, rl, rh, rl)
    r4h, r4l = D.twoprod_dw_dw(r2h, r2l, r2h, r2l)
    q_even = A.madd(q12, r4h, q8)
    q_odd = A.madd(q10, r4h, q6)
    q_even = A.madd(q_even, r4h, q4)
    q_odd = A.madd(q_odd, r4h, q2)
    q_even = A.madd(q_even, r4h, q0)
    q = A.madd(q_odd, r2h, q_even)
    ph, pl = D.twoprod_dw_f(r2h, r2l, q)
    p1h, p1l = D.fast_twosum_dw(_D(0.0400377511598501157), _D(-4.77726582251425391e-19), ph, pl)
    p2h, p2l = D.twoprod_dw_dw(r2h, r2l, p1h, p1l)
    p3h, p3l = D.fast_twosum_f_dw(one, p2h, p2l)
    return D.twoprod_dw_dw(p3h, p3l, rh, rl)


def _pround(A, a):
    """AVX ``pround``: ``round_ps(a + copysign(prev(0.5), a), _MM_FROUND_TO_ZERO)``."""
    half = A.t(np.nextafter(A.t(0.5), A.t(0.0)))
    return np.trunc(A.add(np.copysign(half, a), a))


def _generic_exp2(A, D, x):
    """``generic_exp2``: clamp, ``twoprod(ln2, x)``, ``pexp(p_hi) * (1 + p_lo)``."""
    if A.t is _F:
        max_cap, min_cap, pexp = _F(129.0), _F(-151.0), _pexp_float
    else:
        max_cap, min_cap, pexp = _D(1025.0), _D(-1076.0), _pexp_double
    x = _pmax(_pmin(x, max_cap), min_cap)
    ph, pl = D.twoprod(A.t(_LN2), x)
    return A.mul(pexp(ph, A.ftz), A.add(A.t(1.0), pl))


def _generic_pow_impl(A, D, x, y):
    """``generic_pow_impl`` for x >= 0 (DAZ-read operands)."""
    t = A.t
    m, e = _pfrexp(A, x)
    mask = m < t(0.70710678118654752440)
    m = np.where(mask, A.mul(t(2.0), m), m)
    e = np.where(mask, A.sub(e, t(1.0)), e)
    if t is _F:
        rh, rl = _accurate_log2_float(D, m)
    else:
        rh, rl = _accurate_log2_double(D, m)
    f1h, f1l = D.twoprod(e, y)
    f2h, f2l = D.twoprod_dw_f(rh, rl, y)
    fh, fl = D.fast_twosum_dw(f1h, f1l, f2h, f2l)
    n_z = _pround(A, fh)
    r_z = A.sub(fh, n_z)
    r_z = A.add(r_z, fl)
    n_r = _pround(A, r_z)
    r_z = A.sub(r_z, n_r)
    n_z = A.add(n_z, n_r)
    e_r = _generic_exp2(A, D, r_z)
    thresh = t(126.0) if t is _F else t(1022.0)   # max_exponent - 2
    unsafe = thresh < np.abs(n_z)
    return np.where(unsafe, _pldexp_generic(A, e_r, n_z), _pldexp_fast(A, e_r, n_z))


def _huge_exponent(t):
    # (max_exponent * Scalar(EIGEN_LN2)) / epsilon, evaluated in the Scalar type
    if t is _F:
        return _F(_F(128) * _F(_LN2)) / _F(2.0 ** -23)
    return _D(_D(1024) * _D(_LN2)) / _D(2.0 ** -52)


def _generic_pow(x, y, ftz):
    t = x.dtype.type
    A = _Arith(x.dtype, ftz)
    D = _DW(A)
    xd, yd = A.fl(x), A.fl(y)      # DAZ view of the operands
    inf, zero, one, nan = t(np.inf), t(0.0), t(1.0), t(np.nan)
    x_abs = np.abs(xd)
    pw = _generic_pow_impl(A, D, x_abs, yd)

    x_is_negative = xd < zero
    x_is_zero = xd == zero
    x_is_one = xd == one
    x_has_signbit = np.signbit(x)
    x_abs_gt_one = one < x_abs
    x_abs_is_inf = x_abs == inf
    y_abs = np.abs(yd)
    y_abs_is_inf = y_abs == inf
    y_is_negative = yd < zero
    y_is_zero = yd == zero
    y_is_one = yd == one
    y_is_int = (np.floor(yd) == yd) & ~y_abs_is_inf
    y_div_2 = A.mul(yd, t(0.5))
    y_is_even = _pround(A, y_div_2) == y_div_2
    y_is_odd_int = y_is_int & ~y_is_even
    y_abs_is_huge = _huge_exponent(t) <= y_abs

    pw = np.where(x_is_negative & ~y_is_int, nan, pw)
    pw = np.where(x_is_zero, np.where(y_is_negative, inf, zero), pw)
    pw = np.where(x_has_signbit & y_is_odd_int, np.negative(pw), pw)
    inf_y_val = np.where((y_is_negative & x_is_zero) | (y_is_negative ^ x_abs_gt_one), inf, zero)
    inf_y_val = np.where(xd == t(-1.0), one, inf_y_val)
    pw = np.where(y_abs_is_huge, inf_y_val, pw)
    x_pos_inf_value = np.where(y_is_negative, zero, inf)
    x_neg_inf_value = np.where(y_is_odd_int, np.negative(x_pos_inf_value), x_pos_inf_value)
    pw = np.where(x_abs_is_inf, np.where(x_is_negative, x_neg_inf_value, x_pos_inf_value), pw)
    pw = np.where(np.isnan(x) | np.isnan(y), nan, pw)
    pw = np.where(y_is_one, x, np.where(x_is_one | y_is_zero, one, pw))
    return pw.astype(x.dtype, copy=False)


def ppow(x, y, ftz=True):
    """Eigen ``generic_pow`` (the ``scalar_pow_op`` packet op) elementwise on float32 or
    float64 operands (broadcast together)."""
    x, y = np.broadcast_arrays(np.asarray(x), np.asarray(y))
    if x.dtype != y.dtype or x.dtype not in (_F, _D):
        raise TypeError("ppow: two float32 or two float64 arrays expected, got %s and %s"
                        % (x.dtype, y.dtype))
    with np.errstate(all="ignore"):
        return _generic_pow(np.ascontiguousarray(x), np.ascontiguousarray(y), ftz)
