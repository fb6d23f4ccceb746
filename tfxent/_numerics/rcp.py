"""Packet reciprocal: x86 ``rcpps`` plus one Newton step, as Eigen's AVX ``preciprocal``.

Eigen dcbaf2d6 (the Eigen TF 2.21.0 is built with), ``Eigen/src/Core/arch/AVX/MathFunctions.h``
(``preciprocal<Packet8f>`` under ``EIGEN_FAST_MATH``) and ``Eigen/src/Core/arch/Default/
MathFunctionsImpl.h`` (``generic_reciprocal_newton_step<Packet8f, 1>``)::

    x0  = _mm256_rcp_ps(a)
    tmp = 1 - a*x0                      # pnmadd without FMA: mul, then sub
    res = (tmp == tmp) ? x0*tmp + x0 : x0   # pmadd without FMA: mul, then add

The approximate ``rcpps`` result is implementation specific, so it is looked up in a
per-vendor table measured on the hardware (``tfxent/_data/rcp_<vendor>.npy``):

* ``rcpps(±1.m · 2^E)`` = ``±table[m >> (23 - k)] · 2^-E`` where the table has ``2^k``
  entries holding ``rcpps(1.m)`` in [0.5, 1] (Intel: k = 11; AMD Zen 4: k = 12, i.e. AMD's
  result depends on the top 12 mantissa bits, Intel's on the top 11). Measured over all
  2^32 inputs on AMD Zen 4 with 0 exceptions to this rule.
* zero or subnormal input -> ±inf; ±inf -> ±0; NaN -> the quieted NaN; a result below
  2^-126 is ±0 (rcpps never produces subnormals), a result above FLT_MAX is ±inf.
"""
import os

import numpy as np

from .fp import flush

_DATA = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "_data")
_TABLES = {}


class RcpTableError(LookupError):
    """No measured RCPPS table for the requested CPU vendor."""


def rcp_table(vendor):
    """The measured ``rcpps(1.m)`` table (float32, 2^k entries) for ``vendor``."""
    vendor = (vendor or "unknown").lower()
    t = _TABLES.get(vendor)
    if t is None:
        path = os.path.join(_DATA, "rcp_%s.npy" % vendor)
        if not os.path.exists(path):
            raise RcpTableError(
                "no RCPPS table for CPU vendor %r (missing tfxent/_data/rcp_%s.npy); the packet "
                "reciprocal of float32 Softmax (oneDNN off) depends on the CPU's rcpps "
                "implementation, so it cannot be emulated without a table measured on that "
                "vendor's hardware; pin a profile with cpu_vendor=intel or amd"
                % (vendor, vendor))
        t = np.load(path).astype(np.float32)
        n = t.size
        if n & (n - 1) or not (2 <= n <= 1 << 23):
            raise RcpTableError("malformed RCPPS table rcp_%s.npy" % vendor)
        t.setflags(write=False)
        _TABLES[vendor] = t
    return t


def rcpps(a, vendor):
    """The hardware approximate reciprocal of float32 ``a`` (``_mm256_rcp_ps``)."""
    a = np.asarray(a, dtype=np.float32)
    table = rcp_table(vendor)
    k = table.size.bit_length() - 1
    u = a.view(np.uint32)
    sign = u & np.uint32(0x80000000)
    e = ((u >> np.uint32(23)) & np.uint32(0xFF)).astype(np.int32)
    m = u & np.uint32(0x7FFFFF)
    tb = table.view(np.uint32)[m >> np.uint32(23 - k)]
    ne = ((tb >> np.uint32(23)) & np.uint32(0xFF)).astype(np.int32) - (e - 127)
    res = (tb & np.uint32(0x7FFFFF)) | (np.clip(ne, 0, 255).astype(np.uint32) << np.uint32(23))
    res = np.where(ne >= 255, np.uint32(0x7F800000), res)
    res = np.where(ne <= 0, np.uint32(0), res)
    res = np.where(e == 0, np.uint32(0x7F800000), res)                      # 0 / subnormal
    res = np.where(e == 255, np.where(m != 0, u | np.uint32(0x400000), np.uint32(0)), res)
    res = np.where((e == 255) & (m != 0), res, res | sign)
    return res.astype(np.uint32).view(np.float32)


def preciprocal(x, vendor, ftz=True):
    """Eigen's AVX ``preciprocal<Packet8f>`` applied elementwise to float32 ``x``.

    ``ftz``: MXCSR FTZ+DAZ on (TF 2.21 always): subnormal operands read as ±0 and every
    subnormal intermediate result becomes ±0.
    """
    a = np.asarray(x, dtype=np.float32)
    f = flush if ftz else (lambda v: v)
    a_in = f(a)
    x0 = rcpps(a, vendor)          # rcpps itself maps subnormal inputs to ±inf either way
    with np.errstate(all="ignore"):
        tmp = f(np.float32(1) - f(a_in * x0))
        res = f(f(x0 * tmp) + x0)
    return np.where(tmp == tmp, res, x0)
