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


def flush(a):
    """Return a copy of float32/float64 array ``a`` with subnormals replaced by signed zeros.

    Never modifies ``a``. For other dtypes returns ``a`` unchanged.
    """
    a = np.asarray(a)
    if a.dtype == np.float32:
        tiny = F32_TINY
    elif a.dtype == np.float64:
        tiny = F64_TINY
    else:
        return a
    mask = np.abs(a) < tiny
    if not mask.any():
        return a
    out = a.copy()
    out[mask] = np.copysign(a.dtype.type(0), a[mask])
    return out


def flush_if(a, on):
    return flush(a) if on else a


def float_dtype_of(dtype):
    """The float type Eigen computes a narrow float type in (half/bfloat16 -> float32)."""
    dtype = np.dtype(dtype)
    if dtype.itemsize == 2:
        return np.dtype(np.float32)
    return dtype
