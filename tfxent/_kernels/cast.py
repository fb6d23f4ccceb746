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
    src = x.dtype
    dst = np.dtype(np_dtype)
    ftz = ctx.always_ftz
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
