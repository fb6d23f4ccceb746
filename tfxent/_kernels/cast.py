"""Cast (``tensorflow/core/kernels/cast_op_impl.h``, Eigen ``scalar_cast_op``).

Float-to-int truncates, NaN and out-of-range values give the integer minimum (x86
``cvtt*``); float-to-bool is ``x != 0``. In TF 2.21 (and TF 1.15 graph mode) the cast runs
with FTZ/DAZ: a subnormal input reads as zero and a subnormal float result is flushed
(verified: ``cast(1e-40 -> bool)`` is False, ``cast(float64 1e-40 -> float32)`` is 0).
"""
import numpy as np

from .._numerics.fp import flush


def _is_float(dt):
    return dt.kind == "f" or dt.name == "bfloat16"


def cast(ctx, x, np_dtype):
    """Measured on TF 2.21: float32 -> bfloat16 is an integer rounding (subnormals kept,
    no DAZ); bfloat16 -> float32 is a bit shift (exact); float64 -> bfloat16 goes through a
    flushed float32; every other float32/float64 source is read with DAZ and every
    float32/float64 result flushed."""
    src = x.dtype
    dst = np.dtype(np_dtype)
    ftz = ctx.always_ftz
    if src.name == "bfloat16" or dst.name == "bfloat16":
        with np.errstate(all="ignore"):
            if src == np.float64 and ftz:
                return flush(flush(x).astype(np.float32)).astype(dst)
            if src.name == "bfloat16" and dst == np.float64 and ftz:
                return flush(x.astype(np.float32)).astype(np.float64)
            if src.name == "bfloat16" and dst.kind in "iub":
                x = x.astype(np.float32)
                src = x.dtype
            else:
                return x.astype(dst)
    if ftz and src in (np.float32, np.float64):
        x = flush(x)
    with np.errstate(all="ignore"):
        if dst == np.bool_:
            out = x != 0
        elif dst.kind in "iu" and _is_float(src):
            wide = x.astype(np.float64)
            info = np.iinfo(dst)
            bad = ~np.isfinite(wide) | (wide >= float(info.max) + 1) | (wide <= float(info.min) - 1)
            if dst.kind == "i":
                out = np.where(bad, info.min, np.trunc(np.where(bad, 0, wide))).astype(dst)
            else:
                out = wide.astype(np.int64).astype(dst)
        else:
            out = x.astype(dst)
    if ftz and dst in (np.float32, np.float64):
        out = flush(out)
    return out
