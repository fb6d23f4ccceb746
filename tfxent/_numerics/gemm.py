"""Matrix-product summation orders: oneDNN v3.7.3 f32 gemm paths (TF 2.21 ``_MklMatMul``,
``dnnl_sgemm``), MKL-DNN f32 sgemm on Eigen-packed blocks (TF 1.15.5's Eigen contraction
kernel) and Eigen's column-major gemv.

All functions take row-major ``A`` [M, K] and ``B`` [K, N] (already transposed as the
op asks) and return C [M, N]; they never modify their inputs.

Sources: oneDNN ``src/cpu/x64/gemm/gemm_driver.cpp`` (path selection: smalln_tn, gemv,
nocopy/copy), ``gemv_driver.cpp``, ``f32/jit_avx_gemv_t_f32_kern.cpp``,
``f32/jit_avx512_common_gemm_f32.cpp`` (``sgemm_nocopy_driver`` K blocking, BK = 384),
``f32/jit_avx512_core_gemm_smalln_tn_f32_kern.cpp`` (16-lane K vectors and the 16x16
reduction tree), tag v3.7.3 (commit 34d53b43); Eigen
``Eigen/src/Core/products/GeneralMatrixVector.h`` (column-major gemv, ``block_cols``).
"""
import numpy as np
from . import fp

_F32 = np.float32


def _flush(x, on):
    """FTZ / DAZ: subnormal float32 values become signed zeros."""
    if not on:
        return x
    return fp.flush(np.asarray(x, dtype=_F32))


def fma32(a, b, c):
    """Correctly rounded float32 ``a * b + c`` (one rounding), elementwise.

    ``a * b`` is exact in float64; the float64 sum ``s`` is corrected with its exact error
    ``e`` (TwoSum) when ``s`` lies exactly halfway between two floats."""
    a = np.asarray(a, np.float64)
    b = np.asarray(b, np.float64)
    c = np.asarray(c, np.float64)
    p = a * b
    s = p + c
    bb = s - p
    e = (p - (s - bb)) + (c - bb)
    r = s.astype(_F32)
    with np.errstate(all="ignore"):
        lo = r.astype(np.float64)
        other = np.where(lo > s, np.nextafter(r, _F32(-np.inf)),
                         np.nextafter(r, _F32(np.inf))).astype(np.float64)
        mid = (lo + other) * 0.5
        fix = (s == mid) & (e != 0) & np.isfinite(s)
    if np.any(fix):
        s2 = np.where(fix, np.nextafter(s, np.where(e > 0, np.inf, -np.inf)), s)
        r = s2.astype(_F32)
    return r


def _add32(x, y, ftz):
    return _flush((np.asarray(x, _F32) + np.asarray(y, _F32)).astype(_F32), ftz)


def fma_chain(A, B, k0, k1, ftz):
    """acc = 0; acc = fma(A[:, k], B[k, :], acc) for k in [k0, k1)."""
    M, N = A.shape[0], B.shape[1]
    acc = np.zeros((M, N), _F32)
    for k in range(k0, k1):
        acc = _flush(fma32(A[:, k:k + 1], B[k:k + 1, :], acc), ftz)
    return acc


def mul_add_chain(A, B, k0, k1, dtype):
    """acc = 0; acc = acc + A[:, k] * B[k, :] (two roundings) for k in [k0, k1)."""
    M, N = A.shape[0], B.shape[1]
    acc = np.zeros((M, N), dtype)
    for k in range(k0, k1):
        acc = (acc + (A[:, k:k + 1] * B[k:k + 1, :]).astype(dtype)).astype(dtype)
    return acc


def nocopy_kblocks(k, bk=384):
    """``sgemm_nocopy_driver``'s K blocks: BK while at least 2*BK remain, then the rest in
    one block (<= BK) or two halves (the first rounded up)."""
    out = []
    start = 0
    while start < k:
        size = k - start
        if size >= 2 * bk:
            size = bk
        elif size > bk:
            size = (size + 1) // 2
        out.append((start, start + size))
        start += size
    return out


def blocked_fma(A, B, blocks, ftz):
    """Each K block an FMA chain from zero; blocks added to C in order (``beta = 1``)."""
    out = None
    for k0, k1 in blocks:
        part = fma_chain(A, B, k0, k1, ftz)
        out = part if out is None else _add32(out, part, ftz)
    if out is None:
        out = np.zeros((A.shape[0], B.shape[1]), _F32)
    return out


def _hsum8(acc, ftz):
    """vhaddps; vperm2f128 + vaddps; vhaddps on 8 lanes (last axis)."""
    h0 = _add32(acc[..., 0], acc[..., 1], ftz)
    h1 = _add32(acc[..., 2], acc[..., 3], ftz)
    h4 = _add32(acc[..., 4], acc[..., 5], ftz)
    h5 = _add32(acc[..., 6], acc[..., 7], ftz)
    return _add32(_add32(h0, h4, ftz), _add32(h1, h5, ftz), ftz)


def gemv_t(Arows, x, ftz):
    """``jit_avx_gemv_t_f32_kern`` (AVX2 + FMA): y[j] = dot(Arows[j, :], x).

    K in chunks of 16 into one 8-lane accumulator (lanes l and 8 + l of each chunk), reduced
    and added to y; then the 8 / 4 / 2 / 1 remainders, each in a fresh accumulator, reduced
    and added to y (y starts at +0)."""
    n, m = Arows.shape
    y = np.zeros(n, _F32)
    main = (m // 16) * 16
    if main:
        acc = np.zeros((n, 8), _F32)
        for t in range(0, main, 8):
            acc = _flush(fma32(x[None, t:t + 8], Arows[:, t:t + 8], acc), ftz)
        y = _add32(y, _hsum8(acc, ftz), ftz)
    pos = main
    for ux in (8, 4, 2, 1):
        if (m - main) & ux:
            xs = np.zeros(8, _F32)
            xs[:ux] = x[pos:pos + ux]
            As = np.zeros((n, 8), _F32)
            As[:, :ux] = Arows[:, pos:pos + ux]
            acc = _flush(fma32(xs[None, :], As, np.zeros((n, 8), _F32)), ftz)
            y = _add32(y, _hsum8(acc, ftz), ftz)
            pos += ux
    return y


def smalln_tn(A, B, ftz):
    """``jit_avx512_core_gemm_smalln_tn_f32``: every dot product over K in 16 lanes (lane l:
    FMA chain over k = l mod 16, the K remainder masked), then the 16x16 reduction tree
    (l, l + 8), (j, j + 4), (t, t + 2), (0, 1)."""
    M, K = A.shape
    N = B.shape[1]
    acc = np.zeros((M, N, 16), _F32)
    Bt = B.T
    for k0 in range(0, K, 16):
        w = min(16, K - k0)
        acc[:, :, :w] = _flush(fma32(A[:, None, k0:k0 + w], Bt[None, :, k0:k0 + w],
                                     acc[:, :, :w]), ftz)
    s1 = _add32(acc[..., :8], acc[..., 8:], ftz)
    s2 = _add32(s1[..., :4], s1[..., 4:], ftz)
    s3 = _add32(s2[..., :2], s2[..., 2:], ftz)
    return _add32(s3[..., 0], s3[..., 1], ftz)


def onednn_sgemm(A, B, trans_a, trans_b, ftz):
    """TF 2.21 float32 MatMul: ``dnnl_sgemm`` (row-major) on this problem, i.e. oneDNN's
    column-major gemm with m = N, n = M, transa = trans_b, transb = trans_a.

    Paths (``gemm_threading_driver``): smalln_tn (2 <= M < 16, transpose_b, not
    transpose_a), gemv (M == 1 or N == 1), else the nocopy kernels (K blocked by 384 and
    summed block by block; every shape with 1/M + 1/N >= 0.00196, i.e. all legacy shapes).
    Intra-op threads split M / N only (no K partitioning in TF's threadpool runtime)."""
    M, K = A.shape
    N = B.shape[1]
    if 1 < M < 16 and trans_b and not trans_a:
        return smalln_tn(A, B, ftz)
    if M == 1:
        if trans_b:   # gemv_t over the columns of B
            return gemv_t(np.ascontiguousarray(B.T), A[0], ftz)[None, :]
        return fma_chain(A, B, 0, K, ftz)                      # gemv_n
    if N == 1:
        if not trans_a:
            return gemv_t(A, B[:, 0], ftz)[:, None]
        return fma_chain(A, B, 0, K, ftz)
    return blocked_fma(A, B, nocopy_kblocks(K), ftz)


def eigen_gemv_col(A, B, dtype):
    """Eigen's column-major gemv (TF 1.15.5, M == 1): K in blocks of ``block_cols`` (all of
    K below 128, else 16 while the lhs stride N * sizeof < 32000, else 4); each block a
    multiply-then-add chain from zero (no FMA), added to the result."""
    M, K = A.shape
    N = B.shape[1]
    itemsize = np.dtype(dtype).itemsize
    bc = K if K < 128 else (16 if N * itemsize < 32000 else 4)
    out = np.zeros((M, N), dtype)
    for k0 in range(0, K, max(bc, 1)):
        part = mul_add_chain(A, B, k0, min(K, k0 + bc), dtype)
        out = (out + part).astype(dtype)
    return out


# -- TF 1.15.5: Eigen's thread-pool contraction plan (Eigen cdb377d0,
# ``unsupported/Eigen/CXX11/src/Tensor/TensorContractionThreadPool.h``, ``TensorCostModel.h``,
# ``Eigen/src/Core/products/GeneralBlockPanelKernel.h`` ``evaluateProductBlockingSizesHeuristic``;
# TF ``core/kernels/eigen_contraction_kernel.h`` ``TensorContractionBlocking<float>``).
# The 1.15.5 wheel is AVX without FMA: gebp mr = 16, nr = 4; cache sizes from CPUID
# (AMD leaves 0x80000005/6 on this machine: L1d 48 KiB, L2 1 MiB, L3 as reported).
_EIGEN_L1 = 48 * 1024
_EIGEN_L2 = 1024 * 1024
_EIGEN_L3 = 768 * 512 * 1024
_MR, _NR, _KR = 16, 4, 8
_LOAD = _STORE = 11.0 / 64


def _divup(a, b):
    return -(-a // b)


def _eigen_blocking(k, m, n, num_threads):
    """``computeProductBlockingSizes<float, float, 1>`` (kc, mc, nc) for ``num_threads``."""
    l1, l2, l3 = _EIGEN_L1, _EIGEN_L2, _EIGEN_L3
    kdiv = _MR * 4 + _NR * 4
    ksub = _MR * _NR * 4
    if num_threads > 1:
        k_cache = min((l1 - ksub) // kdiv, 320)
        if k_cache < k:
            k = k_cache - (k_cache % _KR)
        n_cache = (l2 - l1) // (_NR * 4 * k)
        n_per_thread = _divup(n, num_threads)
        if n_cache <= n_per_thread:
            n = n_cache - (n_cache % _NR)
        else:
            n = min(n, (n_per_thread + _NR - 1) - ((n_per_thread + _NR - 1) % _NR))
        if l3 > l2:
            m_cache = (l3 - l2) // (4 * k * num_threads)
            m_per_thread = _divup(m, num_threads)
            if m_cache < m_per_thread and m_cache >= _MR:
                m = m_cache - (m_cache % _MR)
            else:
                m = min(m, (m_per_thread + _MR - 1) - ((m_per_thread + _MR - 1) % _MR))
        return k, m, n
    if max(k, m, n) < 48:
        return k, m, n
    max_kc = max(((l1 - ksub) // kdiv) & ~7, 1)
    old_k = k
    if k > max_kc:
        k = max_kc if k % max_kc == 0 else \
            max_kc - 8 * ((max_kc - 1 - (k % max_kc)) // (8 * (k // max_kc + 1)))
    actual_l2 = 1572864
    lhs_bytes = m * k * 4
    remaining_l1 = l1 - ksub - lhs_bytes
    if remaining_l1 >= _NR * 4 * k:
        max_nc = remaining_l1 // (k * 4)
    else:
        max_nc = (3 * actual_l2) // (2 * 2 * max_kc * 4)
    nc = min(actual_l2 // (2 * k * 4), max_nc) & ~(_NR - 1)
    if n > nc:
        n = nc if n % nc == 0 else nc - _NR * ((nc - (n % nc)) // (_NR * (n // nc + 1)))
    elif old_k == k:
        problem_size = k * n * 4
        actual_lm = actual_l2
        max_mc = m
        if problem_size <= 1024:
            actual_lm = l1
        elif l3 != 0 and problem_size <= 32768:
            actual_lm = l2
            max_mc = min(576, max_mc)
        mc = min(actual_lm // (3 * k * 4), max_mc)
        if mc > _MR:
            mc -= mc % _MR
        elif mc == 0:
            return k, m, n
        m = mc if m % mc == 0 else mc - _MR * ((mc - (m % mc)) // (_MR * (m // mc + 1)))
    return k, m, n


def tf_float_blocking(k, m, n, num_threads, shard_by_col=True):
    """TF's ``TensorContractionBlocking<float>``: Eigen's sizes, then mc/nc scaled to the
    MKL-DNN unrolls and K cut into equal slices rounded up to 8. Returns (kc, mc, nc)."""
    if shard_by_col:
        kc, mc, nc = _eigen_blocking(k, m, n, num_threads)
    else:
        kc, nc, mc = _eigen_blocking(k, n, m, num_threads)
    if kc <= 0 or mc <= 0 or nc <= 0:
        return kc, mc, nc
    mc = min(m, _divup(int(mc * 1.5), 48) * 48)
    nc = min(n, _divup(int(nc * 1.0), 24) * 24)
    slices = max(1, _divup(k, kc))
    return min(k, _divup(k // slices, 8) * 8), mc, nc


def _shard_by_col(m, n, t):
    if m // t >= _NR and (n // t < _NR or (n // t < 4 * _NR and n % (t * _NR) != 0 and
                                             (m % (t * _NR) == 0 or m // n >= 6))):
        return False
    if n // t < 16 * _NR and m > n * 32:
        return False
    return True


def _bandwidth(shard_by_col, bm, bn, bk):
    if bk == 1:
        return 4.0
    cb = 2.0 if ((bn if shard_by_col else bm) < _NR or (bm if shard_by_col else bn) < _MR) else 0.5
    return 1.0 if cb == 0.5 else cb   # no FMA in the wheel


def _total(size, loaded, stored, compute):
    return size * (_LOAD * loaded + _STORE * stored + compute)


def contraction_plan(m, n, k, threads):
    """How Eigen's ThreadPoolDevice contraction runs the column-major m x k x n product
    (m = TF's N, n = TF's M): ("seq", kc), ("thr", kc) or ("inner", block_size, nblocks)."""
    sbc = _shard_by_col(m, n, 2)
    bk, bm, bn = tf_float_blocking(k, m, n, 2, sbc)
    kd = float(bk)
    cb = _bandwidth(False, bm, bn, bk)
    loaded = (0.0 if sbc else 4.0 * kd / n) + (4.0 * kd / m if sbc else 0.0)
    cost = _total(float(n) * m, loaded, 4.0, kd * cb / 8)
    nthr = min(threads, max(1, int((cost - 100000) / 100000 + 0.9)))
    # numThreadsInnerDim
    per_k = _total(float(k), 4.0 * n, 4.0, _bandwidth(True, m, n, k) * m * n / 8)
    red = _total(float(m) * n, 2.0, 1.0, 1.0 / 8)
    nt_k, best = 1, per_k
    for nt in range(2, threads + 1, 2):
        par = per_k / nt + 100000 + nt * (red + 3000)
        if par < best:
            nt_k, best = nt, par
    bufsize = m * n * 4
    inner = False
    if not (n == 1 or nt_k < 2 or nt_k < nthr or bufsize > _EIGEN_L3 / nt_k or k // nt_k < 2 * _NR):
        if max(m, n) // nthr < _NR or (k // nt_k > 8 * _NR and (min(m, n) < 2 * _NR or nt_k > nthr)):
            inner = True
    if inner:
        bs = min(k, max(12 * 8, _divup(_divup(k, nt_k), 8) * 8))
        return ("inner", bs, _divup(k, bs))
    if n == 1 or nthr == 1:
        return ("seq", tf_float_blocking(k, m, n, 1)[0])
    sbc = _shard_by_col(m, n, nthr)
    return ("thr", tf_float_blocking(k, m, n, nthr, sbc)[0])


def _slices(k0, k1, kc):
    blocks = []
    for s in range(k0, k1, max(kc, 1)):
        e = min(k1, s + kc)
        blocks += [(s + a, s + b) for a, b in nocopy_kblocks(e - s)]
    return blocks


def mkldnn_eigen_sgemm(A, B, threads=2):
    """TF 1.15.5 float32 MatMul with M >= 2 and N >= 2: Eigen's contraction cuts K into
    slices of ``kc`` (``contraction_plan``) and calls MKL-DNN sgemm on each (C += A B);
    inside, the nocopy K blocks of 384. Each block an FMA chain from zero, blocks added in
    order. Sharded by the inner dimension, each K block is computed the same way into its
    own buffer and the buffers are added to the first one."""
    M, K = A.shape
    N = B.shape[1]
    plan = contraction_plan(N, M, K, threads)
    if plan[0] != "inner":
        return blocked_fma(A, B, _slices(0, K, plan[1]), False)
    bs, nblocks = plan[1], plan[2]
    parts = []
    for b in range(nblocks):
        k0, k1 = b * bs, min(K, (b + 1) * bs)
        kc = tf_float_blocking(k1 - k0, N, M, nblocks)[0]
        parts.append(blocked_fma(A, B, _slices(k0, k1, kc), False))
    out = parts[0]
    if len(parts) == 4:
        out = ((out + parts[1]).astype(_F32) + (parts[2] + parts[3]).astype(_F32)).astype(_F32)
    else:
        for q in parts[1:]:
            out = (out + q).astype(_F32)
    return out


def eigen_gemv_row(Arows, x, dtype=np.float32):
    """Eigen's row-major gemv (``GeneralMatrixVector.h``, AVX without FMA) as TF 1.15.5 runs
    it for a vector operand (float32 and float64; TF 2.21 for float64): y[j] = dot(Arows[j],
    x) with packets of L lanes (8 float, 4 double): lane l sums the rounded products
    k = l mod L of the full packets, the lanes are reduced by halves ((l, l + L/2), ...),
    then the remaining products are added one by one; y = 0 + dot. The last output of an
    odd count also runs a half-packet step over the next L/2 products (reduced by halves and
    added) before the scalar remainder. Verified for float32 M in {2 .. 256}, K in
    {2 .. 1000} (all shapes, no-transpose and transpose_b; M == 1 the rows of B^T) and for
    float64 M <= 128, K <= 784 (TF 1.15.5 all, TF 2.21 all but one)."""
    dt = np.dtype(dtype)
    L = 8 if dt == np.float32 else 4
    n, m = Arows.shape
    p = (Arows * x[None, :]).astype(dt)
    main = (m // L) * L
    temp = np.zeros(n, dt)
    if main:
        acc = np.zeros((n, L), dt)
        for g in range(0, main, L):
            acc = (acc + p[:, g:g + L]).astype(dt)
        v = acc
        while v.shape[1] > 1:
            h = v.shape[1] // 2
            v = (v[:, :h] + v[:, h:]).astype(dt)
        temp = v[:, 0]
    last = None
    half = L // 2
    if n % 2 and m - main >= half:
        e = p[-1, main:main + half]
        while e.shape[0] > 1:
            h = e.shape[0] // 2
            e = (e[:h] + e[h:]).astype(dt)
        last = dt.type(temp[-1] + e[0])
        for k in range(main + half, m):
            last = dt.type(last + p[-1, k])
    for k in range(main, m):
        temp = (temp + p[:, k]).astype(dt)
    if last is not None:
        temp = temp.copy()
        temp[-1] = last
    return (dt.type(0) + temp).astype(dt)


def mkldnn_gemv_t_c(Arows, x):
    """float32 ``eigen_gemv_row`` (kept for callers)."""
    return eigen_gemv_row(Arows, x, np.float32)

def _eigen_kc_double(k):
    """Eigen's single-thread kc for double (AVX without FMA: mr = 8, nr = 4, L1d 48 KiB)."""
    kdiv = 8 * 8 + 4 * 8
    ksub = 8 * 4 * 8
    max_kc = max(((_EIGEN_L1 - ksub) // kdiv) & ~7, 1)
    if k <= max_kc:
        return k
    return max_kc if k % max_kc == 0 else \
        max_kc - 8 * ((max_kc - 1 - (k % max_kc)) // (8 * (k // max_kc + 1)))


def eigen_gebp_double(A, B):
    """Eigen's gebp for double (AVX, no FMA; Eigen ``GeneralBlockPanelKernel.h``), per K
    slice of ``kc``: with the column-major result's rows = TF's N and columns = TF's M,

    * rows in the 2-packet panels (the first N // 8 * 8) and every column outside the
      4-column panels (the last M % 4): one multiply-then-add chain over k;
    * rows in the 1-packet and half-packet panels (up to N // 2 * 2), 4-column panels: two
      accumulators (even / odd k) over the 8-peeled part, added, then the rest of k;
    * the last single row, 4-column panels: four accumulators (k mod 4) over the 4-peeled
      part, added as (0 + 1) + (2 + 3), then the rest of k.

    Each slice's sum is added to the result (which starts at +0)."""
    M, K = A.shape
    N = B.shape[1]
    f = np.float64
    out = np.zeros((M, N), f)
    kc = max(_eigen_kc_double(K), 1)
    r2 = (N // 8) * 8
    rh = (N // 2) * 2
    c4 = (M // 4) * 4
    for s in range(0, K, kc):
        e = min(K, s + kc)
        d = e - s
        pk = (d // 8) * 8
        e4 = (d // 4) * 4
        res = np.zeros((M, N), f)                     # plain chains
        C = np.zeros((c4, rh - r2), f)                # 1-packet / half-packet panels
        D = np.zeros((c4, rh - r2), f)
        S = np.zeros((4, c4, N - rh), f)              # the last single row
        for t in range(d):
            k = s + t
            p = A[:, k:k + 1] * B[k:k + 1, :]         # rounded products, one k at a time
            res = res + p
            if c4 and rh > r2:
                q = p[:c4, r2:rh]
                if t < pk:
                    if t % 2:
                        D = D + q
                    else:
                        C = C + q
                else:
                    if t == pk:
                        C = C + D
                    C = C + q
            if c4 and N > rh:
                q = p[:c4, rh:]
                if t < e4:
                    S[t % 4] = S[t % 4] + q
                else:
                    if t == e4:
                        S[0] = (S[0] + S[1]) + (S[2] + S[3])
                    S[0] = S[0] + q
        if c4 and rh > r2:
            if d == pk:
                C = C + D
            res[:c4, r2:rh] = C
        if c4 and N > rh:
            if d == e4:
                S[0] = (S[0] + S[1]) + (S[2] + S[3])
            res[:c4, rh:] = S[0]
        out = out + res
    return out
