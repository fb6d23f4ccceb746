"""Vectorised NumPy ports of the host-glibc scalar functions TensorFlow's Eigen kernels call
for their scalar ("tail") elements: ``expf``, ``logf``, ``log1pf``, ``exp``, ``log``,
``log1p``.

Mirrors glibc 2.36 (tag ``glibc-2.36``): ``sysdeps/ieee754/flt-32/e_expf.c``,
``e_exp2f_data.c``, ``e_logf.c``, ``e_logf_data.c``, ``s_log1pf.c``;
``sysdeps/ieee754/dbl-64/e_exp.c``, ``e_exp_data.c``, ``e_log.c``, ``e_log_data.c``,
``s_log1p.c``; the x86-64 ifunc builds in ``sysdeps/x86_64/fpu/multiarch/`` (on a CPU with FMA
the ``-mfma -mavx2`` build is selected and GCC contracts ``a*b + c`` into one fused
multiply-add); ``math/w_*_compat.c`` for the ``GLIBC_2.2.5`` symbols TF 1.15 links.

Every contracted fused multiply-add is emulated exactly (``_fma``: Dekker product plus an
exactly rounded three-term sum), so results do not depend on the machine running tfxent.

``ftz_daz=True`` emulates MXCSR FTZ|DAZ (TF 2.21 always; TF 1.15 graph mode and intra-op
pool threads): subnormal operands of SSE arithmetic read as zero, subnormal results become
zero. Results were compared bit for bit with the host glibc 2.36 (default and GLIBC_2.2.5
symbols, with and without FTZ|DAZ).
"""
import numpy as np

from .fp import flush

_F32 = np.float32
_F64 = np.float64
_U32 = np.uint32
_U64 = np.uint64


# ----------------------------------------------------------------------------- helpers
def _asf(u):
    return np.asarray(u, dtype=_U32).view(_F32)


def _asd(u):
    return np.asarray(u, dtype=_U64).view(_F64)


_SPLIT = _F64(134217729.0)  # 2**27 + 1


def _two_prod(a, b):
    """p + e == a*b exactly (Dekker / Veltkamp), for finite a, b without overflow."""
    p = a * b
    t = _SPLIT * a
    ah = t - (t - a)
    al = a - ah
    t = _SPLIT * b
    bh = t - (t - b)
    bl = b - bh
    e = ((ah * bh - p) + ah * bl + al * bh) + al * bl
    return p, e


def _two_sum(a, b):
    s = a + b
    bb = s - a
    e = (a - (s - bb)) + (b - bb)
    return s, e


def _round_odd_add(a, b):
    """a + b rounded to odd (Boldo-Melquiond): exact sum s+e; if e != 0 force the last bit odd."""
    s, e = _two_sum(a, b)
    bits = s.view(_U64)
    fix = (e != 0) & ((bits & _U64(1)) == 0) & np.isfinite(s)
    # move s one ulp towards e
    towards = np.where(e > 0, _F64(np.inf), _F64(-np.inf))
    return np.where(fix, np.nextafter(s, towards), s)


def _fma(a, b, c):
    """Correctly rounded a*b + c in float64 (finite operands, no overflow)."""
    with np.errstate(all="ignore"):
        a = np.asarray(a, _F64)
        b = np.asarray(b, _F64)
        c = np.asarray(c, _F64)
        p, e = _two_prod(a, b)
        # p + c + e, exactly rounded: (p + c) exact as s + t, then round-to-odd(t + e), then add.
        s, t = _two_sum(p, c)
        u = _round_odd_add(t, e)
        r = s + u
        plain = a * b + c
        ok = np.isfinite(p) & np.isfinite(e) & np.isfinite(r)
        return np.where(ok, r, plain)


# ----------------------------------------------------------------------------- expf
_EXP2F_TAB = np.array([
    0x3ff0000000000000, 0x3fefd9b0d3158574, 0x3fefb5586cf9890f, 0x3fef9301d0125b51,
    0x3fef72b83c7d517b, 0x3fef54873168b9aa, 0x3fef387a6e756238, 0x3fef1e9df51fdee1,
    0x3fef06fe0a31b715, 0x3feef1a7373aa9cb, 0x3feedea64c123422, 0x3feece086061892d,
    0x3feebfdad5362a27, 0x3feeb42b569d4f82, 0x3feeab07dd485429, 0x3feea47eb03a5585,
    0x3feea09e667f3bcd, 0x3fee9f75e8ec5f74, 0x3feea11473eb0187, 0x3feea589994cce13,
    0x3feeace5422aa0db, 0x3feeb737b0cdc5e5, 0x3feec49182a3f090, 0x3feed503b23e255d,
    0x3feee89f995ad3ad, 0x3feeff76f2fb5e47, 0x3fef199bdd85529c, 0x3fef3720dcef9069,
    0x3fef5818dcfba487, 0x3fef7c97337b9b5f, 0x3fefa4afa2a490da, 0x3fefd0765b6e4540,
], dtype=_U64)
_EXPF_N = 32
_EXPF_INVLN2N = _F64(float.fromhex("0x1.71547652b82fep+0") * 32)
_EXPF_SHIFT = _F64(float.fromhex("0x1.8p+52"))
_EXPF_C = [_F64(float.fromhex("0x1.c6af84b912394p-5") / 32 / 32 / 32),
           _F64(float.fromhex("0x1.ebfce50fac4f3p-3") / 32 / 32),
           _F64(float.fromhex("0x1.62e42ff0c52d6p-1") / 32)]


def expf(x, ftz_daz=False, variant="2.27", fma=True):
    """glibc ``expf`` (e_expf.c). Values are the same for the 2.27 and 2.2.5 symbols."""
    x = np.asarray(x, dtype=_F32)
    if ftz_daz:
        x = flush(x)
    with np.errstate(all="ignore"):
        xd = x.astype(_F64)
        z = _EXPF_INVLN2N * xd
        kd = z + _EXPF_SHIFT
        ki = kd.view(_U64)
        kd = kd - _EXPF_SHIFT
        if fma:
            r = _fma(_EXPF_INVLN2N, xd, -kd)
        else:
            r = z - kd
        t = _EXP2F_TAB[(ki % _U64(_EXPF_N)).astype(np.intp)] + (ki << _U64(47))
        s = t.view(_F64)
        if fma:
            zz = _fma(_EXPF_C[0], r, _EXPF_C[1])
            r2 = r * r
            y = _fma(_EXPF_C[2], r, _F64(1.0))
            y = _fma(zz, r2, y)
        else:
            zz = _EXPF_C[0] * r + _EXPF_C[1]
            r2 = r * r
            y = _EXPF_C[2] * r + 1.0
            y = zz * r2 + y
        y = y * s
        out = y.astype(_F32)
        ax = np.abs(x)
        out = np.where(x > _F32(float.fromhex("0x1.62e42ep6")), _F32(np.inf), out)
        out = np.where(x < _F32(-float.fromhex("0x1.9fe368p6")), _F32(0.0), out)
        out = np.where(np.isnan(x), x, out)
        out = np.where(x == _F32(-np.inf), _F32(0.0), out)
        del ax
    if ftz_daz:
        out = flush(out)
    return out


# ----------------------------------------------------------------------------- logf
_LOGF_T = [
    (float.fromhex("0x1.661ec79f8f3bep+0"), -float.fromhex("0x1.57bf7808caadep-2")),
    (float.fromhex("0x1.571ed4aaf883dp+0"), -float.fromhex("0x1.2bef0a7c06ddbp-2")),
    (float.fromhex("0x1.49539f0f010bp+0"), -float.fromhex("0x1.01eae7f513a67p-2")),
    (float.fromhex("0x1.3c995b0b80385p+0"), -float.fromhex("0x1.b31d8a68224e9p-3")),
    (float.fromhex("0x1.30d190c8864a5p+0"), -float.fromhex("0x1.6574f0ac07758p-3")),
    (float.fromhex("0x1.25e227b0b8eap+0"), -float.fromhex("0x1.1aa2bc79c81p-3")),
    (float.fromhex("0x1.1bb4a4a1a343fp+0"), -float.fromhex("0x1.a4e76ce8c0e5ep-4")),
    (float.fromhex("0x1.12358f08ae5bap+0"), -float.fromhex("0x1.1973c5a611cccp-4")),
    (float.fromhex("0x1.0953f419900a7p+0"), -float.fromhex("0x1.252f438e10c1ep-5")),
    (1.0, 0.0),
    (float.fromhex("0x1.e608cfd9a47acp-1"), float.fromhex("0x1.aa5aa5df25984p-5")),
    (float.fromhex("0x1.ca4b31f026aap-1"), float.fromhex("0x1.c5e53aa362eb4p-4")),
    (float.fromhex("0x1.b2036576afce6p-1"), float.fromhex("0x1.526e57720db08p-3")),
    (float.fromhex("0x1.9c2d163a1aa2dp-1"), float.fromhex("0x1.bc2860d22477p-3")),
    (float.fromhex("0x1.886e6037841edp-1"), float.fromhex("0x1.1058bc8a07ee1p-2")),
    (float.fromhex("0x1.767dcf5534862p-1"), float.fromhex("0x1.4043057b6ee09p-2")),
]
_LOGF_INVC = np.array([a for a, _ in _LOGF_T], dtype=_F64)
_LOGF_LOGC = np.array([b for _, b in _LOGF_T], dtype=_F64)
_LOGF_LN2 = _F64(float.fromhex("0x1.62e42fefa39efp-1"))
_LOGF_A = [_F64(-float.fromhex("0x1.00ea348b88334p-2")), _F64(float.fromhex("0x1.5575b0be00b6ap-2")),
           _F64(-float.fromhex("0x1.ffffef20a4123p-2"))]
_LOGF_OFF = 0x3f330000


def logf(x, ftz_daz=False, variant="2.27", fma=True):
    """glibc ``logf`` (e_logf.c). ``variant="2.2.5"``: the SVID compat wrapper TF 1.15 links,
    which returns -inf for ``x <= 0`` before calling the core (under DAZ a subnormal is 0)."""
    x = np.asarray(x, dtype=_F32)
    xin = x
    with np.errstate(all="ignore"):
        ix = x.view(_U32).astype(_U32)
        sub = (ix & _U32(0x7f800000)) == 0
        sub &= (ix & _U32(0x7fffffff)) != 0
        sub &= (ix & _U32(0x80000000)) == 0
        # subnormal: normalise by x * 2**23 (DAZ reads x as 0 -> ix = 0)
        if ftz_daz:
            norm = np.zeros_like(ix)
        else:
            norm = (x * _F32(8388608.0)).view(_U32)
        ix = np.where(sub, norm - _U32(23 << 23), ix)
        tmp = (ix - _U32(_LOGF_OFF)).astype(_U32)
        i = ((tmp >> _U32(19)) % _U32(16)).astype(np.intp)
        k = (tmp.view(np.int32) >> 23).astype(_F64)
        iz = ix - (tmp & _U32(0x1ff << 23))
        invc = _LOGF_INVC[i]
        logc = _LOGF_LOGC[i]
        z = _asf(iz).astype(_F64)
        if fma:
            r = _fma(z, invc, _F64(-1.0))
            y0 = _fma(k, _LOGF_LN2, logc)
            r2 = r * r
            y = _fma(_LOGF_A[1], r, _LOGF_A[2])
            y = _fma(_LOGF_A[0], r2, y)
            y = _fma(y, r2, y0 + r)
        else:
            r = z * invc - 1.0
            y0 = logc + k * _LOGF_LN2
            r2 = r * r
            y = _LOGF_A[1] * r + _LOGF_A[2]
            y = _LOGF_A[0] * r2 + y
            y = y * r2 + (y0 + r)
        out = y.astype(_F32)
        bits = xin.view(_U32)
        out = np.where(bits == _U32(0x3f800000), _F32(0.0), out)
        zero = (bits & _U32(0x7fffffff)) == 0
        if variant == "2.2.5":
            le0 = (flush(xin) if ftz_daz else xin) <= 0
            zero = zero | (le0 & ~(xin < 0))
        out = np.where(zero, _F32(-np.inf), out)
        out = np.where(bits == _U32(0x7f800000), _F32(np.inf), out)
        neg = ((bits & _U32(0x80000000)) != 0) & ~zero
        if variant == "2.2.5" and ftz_daz:
            # the wrapper tests x < 0 on the DAZ-read value: a negative subnormal is 0 -> -inf
            negsub = neg & ((bits & _U32(0x7f800000)) == 0)
            out = np.where(negsub, _F32(-np.inf), out)
            neg = neg & ~negsub
        out = np.where(neg | np.isnan(xin), _F32(np.nan), out)
    if ftz_daz:
        out = flush(out)
    return out


# ----------------------------------------------------------------------------- log1pf
_L1_LN2_HI = _F32(6.9313812256e-01)
_L1_LN2_LO = _F32(9.0580006145e-06)
_L1_LP = [_F32(v) for v in (6.6666668653e-01, 4.0000000596e-01, 2.8571429849e-01, 2.2222198546e-01,
                            1.8183572590e-01, 1.5313838422e-01, 1.4798198640e-01)]


def log1pf(x, ftz_daz=False, variant="2.27", fma=True):
    """glibc ``log1pf`` (s_log1pf.c: fdlibm-derived, all float arithmetic; no FMA build)."""
    x = np.asarray(x, dtype=_F32)
    xin = x
    F = _F32
    if ftz_daz:
        def fl(v):
            return flush(np.asarray(v, _F32))
        xa = flush(x)
    else:
        def fl(v):
            return np.asarray(v, _F32)
        xa = x
    with np.errstate(all="ignore"):
        hx = x.view(np.int32)
        ax = hx & np.int32(0x7fffffff)
        small = hx < np.int32(0x3ed413d7)
        k0 = small & ((hx > 0) | (hx <= np.int32(-1097468385)))  # 0xbe95f61f as int32
        big = hx < np.int32(0x5a000000)
        # k != 0 path
        u = fl(F(1.0) + xa)
        u = np.where(big, u, xa)
        hu = u.view(np.int32)
        k = (hu >> 23) - 127
        c = np.where(k > 0, fl(F(1.0) - fl(u - xa)), fl(xa - fl(u - F(1.0))))
        c = fl(c / u)
        c = np.where(big, c, F(0.0))
        hu = hu & np.int32(0x007fffff)
        lowm = hu < np.int32(0x3504f7)
        u2 = np.where(lowm, (hu | np.int32(0x3f800000)), (hu | np.int32(0x3f000000))).view(_F32)
        k = np.where(lowm, k, k + 1)
        hu = np.where(lowm, hu, (np.int32(0x00800000) - hu) >> 2)
        f = fl(u2 - F(1.0))
        # k == 0 path
        f = np.where(k0, xa, f)
        k = np.where(k0, 0, k)
        hu = np.where(k0, 1, hu)
        c = np.where(k0, F(0.0), c)
        kf = k.astype(_F32)
        hfsq = fl(fl(F(0.5) * f) * f)
        # |f| < 2**-20 branch (hu == 0)
        R0 = fl(hfsq * fl(F(1.0) - fl(F(0.66666666666666666) * f)))
        r_f0 = np.where(k == 0, F(0.0), fl(fl(kf * _L1_LN2_HI) + fl(c + fl(kf * _L1_LN2_LO))))
        r_h0 = np.where(k == 0, fl(f - R0),
                        fl(fl(kf * _L1_LN2_HI) - fl(fl(R0 - fl(fl(kf * _L1_LN2_LO) + c)) - f)))
        r_hu0 = np.where(f == 0, r_f0, r_h0)
        s = fl(f / fl(F(2.0) + f))
        z = fl(s * s)
        R = _L1_LP[6]
        for lp in (_L1_LP[5], _L1_LP[4], _L1_LP[3], _L1_LP[2], _L1_LP[1], _L1_LP[0]):
            R = fl(lp + fl(z * R))
        R = fl(z * R)
        sh = fl(s * fl(hfsq + R))
        r_main = np.where(k == 0, fl(f - fl(hfsq - sh)),
                          fl(fl(kf * _L1_LN2_HI) - fl(fl(hfsq - fl(sh + fl(fl(kf * _L1_LN2_LO) + c))) - f)))
        out = np.where(hu == 0, r_hu0, r_main)
        # early returns (in source order, last applied first below)
        tiny = small & (ax < np.int32(0x31000000))
        out = np.where(tiny, np.where(ax < np.int32(0x24800000), x, fl(xa - fl(fl(xa * xa) * F(0.5)))), out)
        out = np.where(~small & (hx >= np.int32(0x7f800000)), xin + xin, out)
        le_m1 = small & (ax >= np.int32(0x3f800000))
        out = np.where(le_m1, np.where(x == F(-1.0), F(-np.inf), F(np.nan)), out)
    if ftz_daz:
        out = np.where(small & (ax < np.int32(0x24800000)), out, flush(out))
    return out
