"""Floating-point helpers: bit views, FTZ/DAZ flushing, narrow-type rounding.

MXCSR FTZ turns a subnormal *result* of an SSE/AVX float op into a signed zero; DAZ makes
the op *read* a subnormal operand as a signed zero. NumPy never flushes, so an emulation of
a flushed op is ``flush(op(flush(a), flush(b)))``.
"""
import numpy as np

F32_TINY = np.float32(np.finfo(np.float32).tiny)   # 2**-126, smallest normal
F64_TINY = np.float64(np.finfo(np.float64).tiny)   # 2**-1022

_UINT = {2: np.uint16, 4: np.uint32, 8: np.uint64}


def bits(a):
    """View a float array as unsigned integers of the same width."""
    a = np.asarray(a)
    return a.view(_UINT[a.dtype.itemsize])


def from_bits(u, dtype):
    return np.asarray(u).view(dtype)


_MAG = {4: (np.uint32(0x7FFFFFFF), np.uint32(0x7FFFFF), np.uint32(0x80000000)),
        8: (np.uint64(0x7FFFFFFFFFFFFFFF), np.uint64(0xFFFFFFFFFFFFF),
            np.uint64(0x8000000000000000))}


def subnormal_mask(a):
    """Subnormal elements (not zeros) of a float32/float64 array: |bits| - 1 < mantissa
    mask, in unsigned arithmetic (zeros wrap around)."""
    mag, mant, _ = _MAG[a.dtype.itemsize]
    t = np.bitwise_and(a.view(mag.dtype), mag, out=np.empty(a.shape, mag.dtype))
    np.subtract(t, mag.dtype.type(1), out=t)   # in place: unsigned wrap, no warning
    return t < mant


def flush(a):
    """Return float32/float64 array ``a`` with subnormals replaced by signed zeros: ``a``
    itself when it has none, else a new array. Never modifies ``a``. For other dtypes
    returns ``a`` unchanged.
    """
    a = np.asarray(a)
    if a.dtype != np.float32 and a.dtype != np.float64:
        return a
    mask = subnormal_mask(a)
    if not mask.any():
        return a
    _, _, sign = _MAG[a.dtype.itemsize]
    u = a.view(sign.dtype)
    return np.where(mask, u & sign, u).view(a.dtype)


def flush_inplace(a):
    """Flush subnormals of a float32/float64 array the caller owns (returns it)."""
    if a.dtype != np.float32 and a.dtype != np.float64:
        return a
    mask = subnormal_mask(a)
    if mask.any():
        _, _, sign = _MAG[a.dtype.itemsize]
        u = a.view(sign.dtype)
        np.bitwise_and(u, sign, out=u, where=mask)
    return a


def flush_if(a, on):
    return flush(a) if on else a


def float_dtype_of(dtype):
    """The float type Eigen computes a narrow float type in (half/bfloat16 -> float32)."""
    dtype = np.dtype(dtype)
    if dtype.itemsize == 2:
        return np.dtype(np.float32)
    return dtype
