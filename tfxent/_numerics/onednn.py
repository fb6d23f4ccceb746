"""oneDNN v3.7.3 ``jit_uni_softmax`` forward (softmax_accurate, dense plain layout, softmax
over the innermost axis), and the ISA dispatch that picks its kernel.

Sources (uxlfoundation/oneDNN, tag v3.7.3 = commit 34d53b43):

* ``src/cpu/x64/jit_uni_softmax.cpp``: ``jit_softmax_dense_kernel_t<isa>``:
  ``accumulate_vmax`` / ``accumulate_vsum`` / ``compute_dst`` / ``axis_loop`` /
  ``get_horizontal_op``, and ``softmax_impl::get_supported_isa``.
* ``src/cpu/x64/jit_uni_softmax.hpp``: ``pd_t::init`` (first ISA the CPU may use, then the
  bf16 / f16 ISA checks; no fall-through to a smaller ISA).
* ``src/cpu/x64/injectors/jit_uni_eltwise_injector.cpp``: ``exp_compute_vector_fwd``.
* ``src/cpu/x64/jit_generator.hpp``: ``uni_vfmadd213ps`` / ``uni_vfnmadd231ps`` are real FMAs
  from avx2 on, a separate mul and add/sub on sse41.
* ``src/cpu/x64/cpu_isa_traits.hpp`` / ``.cpp``: ISA bit sets and the
  ``ONEDNN_MAX_CPU_ISA`` cap (``mayiuse(isa)`` = the CPU has it and it is a subset of the cap).
* ``src/cpu/platform.cpp`` ``has_data_type_support`` and ``src/cpu/ref_softmax.hpp``: the
  reference implementation accepts bf16 / f16 only where the jit kernel would, so a dtype the
  chosen jit ISA rejects makes primitive creation fail.

Per row (rows are independent; oneDNN splits rows across threads, never a row):

1. max: W-lane accumulators initialised to -FLT_MAX, ``maxps(acc, v)``; vectors are dealt to
   up to 4 accumulators (unrolled groups of 4, then the leftover full vectors, the final
   partial vector to acc0: masked on AVX-512, blended with -FLT_MAX below); combined
   ``(a0 max a1) max (a2 max a3)``; horizontal ``lane i op lane i^k`` for k = 8 (AVX-512),
   4, 2, 1. ``maxps(a, b)`` = ``a > b ? a : b`` (the lanes may differ when NaNs are involved).
2. for each vector: ``e = exp_dnnl(x - max)``, stored (f32; an f32 scratchpad for bf16/f16),
   added to the accumulator of the same slot; combined as in 1; horizontal sum; ``1/S`` by
   ``vdivps``.
3. ``dst = e * (1/S)`` in f32, rounded once to the destination type (RNE).

MXCSR FTZ+DAZ are on (TF runs kernels with flush-to-zero), so every float op is flushed.
A float32 FMA is emulated exactly in float64 (round-to-odd, then one rounding to float32).
"""
import numpy as np

from .fp import flush

# ---------------------------------------------------------------- ISA bit sets (cpu_isa_traits.hpp)
_XMM, _YMM, _ZMM = 1 << 4, 1 << 5, 1 << 6
_EVEX_CORE, _AVX2, _VEX_VNNI, _VEX_VNNI_2 = 1 << 8, 1 << 9, 1 << 10, 1 << 11
_EVEX_VNNI, _EVEX_BF16, _EVEX_FP16 = 1 << 12, 1 << 13, 1 << 14
_AMX_TILE, _AMX_INT8, _AMX_BF16, _AMX_FP16 = 1 << 7, 1 << 15, 1 << 16, 1 << 17
_AVX10 = _AVX2 | _VEX_VNNI | _EVEX_CORE | _EVEX_VNNI | _EVEX_BF16 | _EVEX_FP16

ISA_BITS = {}
ISA_BITS["sse41"] = _XMM
ISA_BITS["avx"] = _YMM | ISA_BITS["sse41"]
ISA_BITS["avx2"] = _AVX2 | ISA_BITS["avx"]
ISA_BITS["avx2_vnni"] = _VEX_VNNI | ISA_BITS["avx2"]
ISA_BITS["avx2_vnni_2"] = _VEX_VNNI_2 | ISA_BITS["avx2_vnni"]
ISA_BITS["avx512_core"] = _EVEX_CORE | _ZMM | ISA_BITS["avx2"]
ISA_BITS["avx512_core_vnni"] = _EVEX_VNNI | ISA_BITS["avx512_core"]
ISA_BITS["avx512_core_bf16"] = _EVEX_BF16 | ISA_BITS["avx512_core_vnni"]
ISA_BITS["avx512_core_fp16"] = 1 | _AVX10 | _ZMM | _YMM | _XMM          # avx10_1_512
ISA_BITS["avx512_core_amx"] = ISA_BITS["avx512_core_fp16"] | _AMX_TILE | _AMX_INT8 | _AMX_BF16
ISA_BITS["avx512_core_amx_fp16"] = ISA_BITS["avx512_core_amx"] | _AMX_FP16
_ALIASES = {"avx10_1_512": "avx512_core_fp16", "avx10_1_512_amx": "avx512_core_amx",
            "avx10_1_512_amx_fp16": "avx512_core_amx_fp16"}

# softmax_impl::get_supported_isa(is_fwd=true), in order of preference
SOFTMAX_ISAS = ("avx512_core_fp16", "avx512_core_bf16", "avx512_core", "avx2_vnni_2", "avx2",
                "sse41")


class OneDnnUnsupported(RuntimeError):
    """oneDNN could not create the softmax primitive (no implementation for the dtype/ISA)."""


def _cap_bits(max_isa):
    name = (max_isa or "").strip().lower()
    name = _ALIASES.get(name, name)
    if name in ("", "all", "default"):
        return ~0
    # an unrecognised value leaves the cap at isa_all (init_max_cpu_isa)
    return ISA_BITS.get(name, ~0)


def mayiuse(isa, cpu_isa, max_isa=""):
    """oneDNN ``mayiuse(isa)`` on a CPU whose best ISA is ``cpu_isa``, capped by ``max_isa``."""
    b = ISA_BITS[isa]
    cpu = ISA_BITS[_ALIASES.get(cpu_isa, cpu_isa)] if cpu_isa in ISA_BITS or cpu_isa in _ALIASES \
        else 0
    return (b & ~cpu) == 0 and (b & ~_cap_bits(max_isa)) == 0


def softmax_isa(cpu_isa, max_isa=""):
    """The ISA ``jit_uni_softmax_fwd_t`` is created for (None if not even sse41)."""
    for isa in SOFTMAX_ISAS:
        if mayiuse(isa, cpu_isa, max_isa):
            return isa
    return None


def isa_supports(isa, dtype):
    """Whether the jit softmax kernel of ``isa`` accepts ``dtype`` (pd_t::init checks)."""
    dt = np.dtype(dtype)
    if isa is None:
        return False
    b = ISA_BITS[isa]
    sup = lambda other: (ISA_BITS[other] & ~b) == 0   # noqa: E731  is_superset(isa, other)
    if dt == np.float32:
        return True
    if dt.name == "bfloat16":
        return sup("avx512_core") or sup("avx2_vnni_2")
    if dt == np.float16:
        return sup("avx512_core_fp16") or sup("avx2_vnni_2")
    return False


def vector_width(isa):
    """float32 lanes per vector register: 16 (zmm), 8 (ymm), 4 (xmm)."""
    b = ISA_BITS[isa]
    if b & _EVEX_CORE:
        return 16
    if b & _AVX2 or b & _YMM:
        return 8
    return 4


# ---------------------------------------------------------------- float32 helpers (FTZ+DAZ)
def _fma32(a, b, c):
    """Exact float32 fused multiply-add (one rounding, RNE) of float32 arrays/scalars.

    a*b is exact in float64; s = fl64(a*b + c) can only round differently from the exact
    sum when it lands exactly on a float32 rounding midpoint (or in the float32 subnormal
    range): there the float64 error term decides (round-to-odd), elsewhere the float64 sum
    rounds to the correct float32."""
    p = np.asarray(a, dtype=np.float64) * np.float64(b) if np.ndim(b) == 0 else \
        np.asarray(a, dtype=np.float64) * np.asarray(b, dtype=np.float64)
    c64 = np.float64(c) if np.ndim(c) == 0 else np.asarray(c, dtype=np.float64)
    s = p + c64
    u = s.view(np.uint64)
    risky = ((u & np.uint64(0x1FFFFFFF)) == np.uint64(0x10000000)) | \
        ((np.abs(s) < 2.0 ** -125) & (s != 0))
    if risky.any():
        idx = np.nonzero(risky)
        pp = p[idx]
        cc = np.broadcast_to(c64, s.shape)[idx]
        ss = s[idx]
        bb = ss - pp
        err = (pp - (ss - bb)) + (cc - bb)          # TwoSum: p + c = ss + err exactly
        uu = ss.view(np.uint64).copy()
        fix = (err != 0) & ((uu & np.uint64(1)) == 0) & np.isfinite(ss)
        up = (err > 0) == (ss > 0)
        uu = np.where(fix & up, uu + np.uint64(1), np.where(fix & ~up, uu - np.uint64(1), uu))
        s = s.copy()
        s[idx] = uu.view(np.float64)
    return s.astype(np.float32)


_LN_FLT_MIN = np.uint32(0xC2AEAC50).view(np.float32)
_LN_FLT_MAX = np.uint32(0x42B17218).view(np.float32)
_LOG2E = np.uint32(0x3FB8AA3B).view(np.float32)
_LN2 = np.uint32(0x3F317218).view(np.float32)
_POL = [np.uint32(v).view(np.float32) for v in
        (0x3F7FFFFB, 0x3EFFFEE3, 0x3E2AAD40, 0x3D2B9D0D, 0x3C07CFCE)]   # p1..p5
_F1, _F2, _HALF = np.float32(1), np.float32(2), np.float32(0.5)
_NEG_FLT_MAX = np.float32(-np.finfo(np.float32).max)


def exp_dnnl(x, fma=True):
    """``jit_uni_eltwise_injector::exp_compute_vector_fwd`` on float32 ``x`` (FTZ+DAZ on).

    ``fma``: real FMAs (avx2 and newer) or a separate mul and add (sse41, avx)."""
    x = flush(np.asarray(x, dtype=np.float32))
    with np.errstate(all="ignore"):
        mask = x < _LN_FLT_MIN
        x = np.where(x < _LN_FLT_MAX, x, _LN_FLT_MAX)        # minps(x, c): NaN -> c
        x = np.where(x > _LN_FLT_MIN, x, _LN_FLT_MIN)        # maxps(x, c)
        fx = flush(x * _LOG2E) + _HALF
        n = np.floor(fx)
        if fma:
            r = _fma32(-n, _LN2, x)
        else:
            r = x - flush(n * _LN2)
        r = flush(r)
        e = (n - _F1).astype(np.int32) + np.int32(127)
        t = (e.astype(np.uint32) << np.uint32(23)).view(np.float32)
        t = np.where(mask, np.float32(0), t)
        p = np.full_like(r, _POL[4])
        for c in (_POL[3], _POL[2], _POL[1], _POL[0], _F1):
            if fma:
                p = flush(_fma32(p, r, c))
            else:
                p = flush(flush(p * r) + c)
        y = flush(p * t)
        y = flush(y * _F2)
    return y


def _maxps(a, b):
    return np.where(a > b, a, b)


def _combine(accs, op):
    u = len(accs)
    if u == 4:
        return op(op(accs[0], accs[1]), op(accs[2], accs[3]))
    if u == 3:
        return op(op(accs[0], accs[1]), accs[2])
    if u == 2:
        return op(accs[0], accs[1])
    return accs[0]


def _horizontal(v, op, w):
    """get_horizontal_op on [rows, w] lanes: lane i = op(lane i, lane i ^ k), k = w/2 .. 1."""
    k = w // 2
    while k >= 1:
        perm = np.arange(w) ^ k
        v = op(v, v[:, perm])
        k //= 2
    return v


def _ne_xf16_max(v, nfull, n_loops, loop_tail, tail, w):
    """accumulate_avx2_ne_xf16_vmax: one accumulator; two adjacent full vectors are loaded as
    (even elements, odd elements) of their 2w-element chunk, a lone vector plainly."""
    rb = v.shape[0]
    acc = np.full((rb, w), _NEG_FLT_MAX, dtype=np.float32)
    events = []
    for g in range(n_loops):
        events += [("pair", 4 * g), ("pair", 4 * g + 2)]
    base = 4 * n_loops
    i = 0
    while i < loop_tail:
        if loop_tail - i >= 2:
            events.append(("pair", base + i))
            i += 2
        else:
            events.append(("one", base + i))
            i += 1
    for kind, j in events:
        if kind == "pair":
            chunk = v[:, j:j + 2].reshape(rb, 2 * w)
            acc = _maxps(acc, chunk[:, 0::2])
            acc = _maxps(acc, chunk[:, 1::2])
        else:
            acc = _maxps(acc, v[:, j])
    if tail:
        acc = _maxps(acc, v[:, nfull])      # masked lanes hold -FLT_MAX (blend)
    return _horizontal(acc, _maxps, w)


def _row_chunk(rows, c, elems=1 << 17):
    return max(1, min(rows, elems // max(c, 1)))


def softmax_fwd(x, isa):
    """oneDNN ``jit_uni_softmax`` forward over the last axis of 2-D ``x`` ([B, C]).

    ``x``: float32, float16 or bfloat16 (ml_dtypes); returns the same dtype.
    ``isa``: the kernel's ISA (see :func:`softmax_isa`); raises :class:`OneDnnUnsupported`
    if that kernel does not take the dtype."""
    x = np.asarray(x)
    dt = x.dtype
    if not isa_supports(isa, dt):
        raise OneDnnUnsupported("could not create a primitive descriptor for the softmax "
                                "forward propagation primitive")
    if x.ndim != 2:
        raise ValueError("softmax_fwd expects a 2-D array")
    b_rows, c = x.shape
    out = np.empty(x.shape, dtype=dt)
    if x.size == 0:
        return out
    w = vector_width(isa)
    fma = bool(ISA_BITS[isa] & _AVX2)
    avx512 = bool(ISA_BITS[isa] & _EVEX_CORE)
    # avx2_vnni_2 kernels load bf16/f16 as even/odd element pairs (vcvtnee/oph2ps) and use a
    # single max / sum accumulator (accumulate_avx2_ne_xf16_vmax / _vsum)
    ne_xf16 = (isa == "avx2_vnni_2") and dt.itemsize == 2
    nfull, tail = divmod(c, w)
    nv = nfull + (1 if tail else 0)
    n_loops, loop_tail = divmod(nfull, 4)
    u = 4 if n_loops else (loop_tail if loop_tail else 1)

    # slot (accumulator index) of every vector of a row
    slots = np.zeros(nv, dtype=np.int64)
    if n_loops:
        slots[:4 * n_loops] = np.tile(np.arange(4), n_loops)
    slots[4 * n_loops:nfull] = np.arange(loop_tail)
    step = _row_chunk(b_rows, nv * w)
    for r0 in range(0, b_rows, step):
        r1 = min(b_rows, r0 + step)
        rb = r1 - r0
        xs = flush(x[r0:r1].astype(np.float32))           # exact upconversion; DAZ on use
        if tail:
            v = np.empty((rb, nv * w), dtype=np.float32)
            v[:, :c] = xs
            v[:, c:] = _NEG_FLT_MAX
        else:
            v = xs
        v = v.reshape(rb, nv, w)
        lane_valid = None
        if tail:
            lane_valid = np.arange(w) < tail

        # ---- max
        if ne_xf16:
            vmax = _ne_xf16_max(v, nfull, n_loops, loop_tail, tail, w)
        else:
            accs = [np.full((rb, w), _NEG_FLT_MAX, dtype=np.float32) for _ in range(u)]
            for j in range(nfull):
                s = slots[j]
                accs[s] = _maxps(accs[s], v[:, j])
            if tail:
                if avx512:   # opmask merge: masked lanes keep the accumulator
                    accs[0] = np.where(lane_valid, _maxps(accs[0], v[:, nfull]), accs[0])
                else:        # blend -FLT_MAX into the masked lanes, then maxps
                    accs[0] = _maxps(accs[0], v[:, nfull])
            vmax = _horizontal(_combine(accs, _maxps), _maxps, w)

        # ---- exp, store, sum
        with np.errstate(all="ignore"):
            e = exp_dnnl(flush(v - vmax[:, None, :]), fma=fma)
        saccs = [np.zeros((rb, w), dtype=np.float32) for _ in range(u)]
        with np.errstate(all="ignore"):
            if ne_xf16:
                # accumulate_avx2_ne_xf16_vsum: one accumulator, vectors in plain order
                acc = np.zeros((rb, w), dtype=np.float32)
                for j in range(nfull):
                    acc = flush(acc + e[:, j])
                if tail:
                    acc = flush(acc + np.where(lane_valid, e[:, nfull], np.float32(0)))
                saccs = [acc]
            else:
                if n_loops:
                    g4 = e[:, :4 * n_loops].reshape(rb, n_loops, 4, w)
                    a4 = np.zeros((rb, 4, w), dtype=np.float32)
                    for g in range(n_loops):
                        a4 = flush(a4 + g4[:, g])
                    for k in range(4):
                        saccs[k] = a4[:, k]
                for k in range(loop_tail):
                    saccs[k] = flush(saccs[k] + e[:, 4 * n_loops + k])
                if tail:
                    saccs[0] = flush(saccs[0] + np.where(lane_valid, e[:, nfull],
                                                         np.float32(0)))
            vsum = _horizontal(_combine(saccs, lambda a, b: flush(a + b)),
                               lambda a, b: flush(a + b), w)
            inv = flush(_F1 / vsum)
            y = flush(e * inv[:, None, :]).reshape(rb, nv * w)[:, :c]
        out[r0:r1] = y.astype(dt)
    return out
