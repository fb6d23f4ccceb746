"""TF ``MatMul`` on CPU (and ``BatchMatMulV2`` batch by batch).

TF 2.21 (``ctx.ref == "v2"``, oneDNN on): eager float32 MatMul is rewritten to
``_MklMatMul`` (``core/common_runtime/eager/mkl_eager_op_rewrite.cc``,
``core/kernels/mkl/mkl_matmul_op.cc``), which calls ``dnnl_sgemm``; the summation orders
are in ``tfxent._numerics.gemm.onednn_sgemm`` (oneDNN v3.7.3, AVX-512 machine, FTZ/DAZ on).
Verified bit for bit against TF 2.21 on random normal inputs: M in {1, 2, 3, 7, 8, 32,
100, 128, 256, 500, 1000}, K in {1 .. 1000} (16 values), N in {1 .. 100, 500}, all four
transpose combinations for M <= 100, K <= 784, N <= 33; M = 1, 2, 50 with K = 3000 and
10000 (2016 shapes, 0 mismatches).

TF 1.15.5: Eigen's tensor contraction on the intra-op thread pool
(``core/kernels/matmul_op.cc``, ``MatMulFunctor``) with TF's MKL-DNN contraction kernel
(``core/kernels/eigen_contraction_kernel.h``: packed K slices handed to MKL-DNN sgemm, FMA)
for float32. The K slicing follows Eigen's thread-pool plan (cost model, sequential /
parallel blocking, sharding by the inner dimension: ``gemm.contraction_plan``); a vector
operand (M == 1 or N == 1) runs a gemv without FMA, column-major (``gemm.eigen_gemv_col``) or
8-lane dot products (``gemm.eigen_gemv_row``) depending on the transposes. Verified bit for
bit against TF 1.15.5 on the same 1534 shapes as TF 2.21 (all transposes for M <= 100,
K <= 784, N <= 33; up to 1000 x 1000 x 500 and K = 10000), 0 mismatches, with 2 intra-op
threads (the plan depends on the thread count and on the CPU's cache sizes, see
``gemm._EIGEN_L1``).

float64 (both references) runs Eigen (no FMA): ``gemm.eigen_gebp_double`` (plain chains on
the 2-packet panels, even/odd accumulators on the 1-packet and half-packet panels, k mod 4
accumulators on a last single row, K slices from Eigen's single-thread blocking), and the
gemvs for a vector operand. Verified for M, N in {1 .. 128}, K <= 784: TF 1.15.5 and TF 2.21
match on 307 of the 324 shapes with M, N >= 2 (the others: K >= 385 with M >= 32 and
N >= 2 or K = 784, where Eigen's thread-pool plan for double is not emulated), all 117 M == 1
/ N == 1 shapes in TF 1.15.5 and 113 of 117 in TF 2.21.
float16: TF 2.21 accumulates in float32 (one rounding at the end; 409 of 441 shapes with
K <= 784, all with K < 385), TF 1.15.5 rounds every product and sum to half (391 of 441;
Eigen's half gebp/gemv paths for larger shapes are not emulated). bfloat16 (TF 2.21): float32
accumulation, not verified. BatchMatMulV2 runs the 2-D emulation per batch (TF 1.15.5: Eigen
gebp without the MKL-DNN kernel, emulated as a multiply-then-add chain: verified for tiny
shapes only). Integer types
are exact (wrap-around).
"""
import numpy as np

from .._numerics import fp, gemm
from .array_ops import _bad, shape_text as _shape


def check_2d(ctx, a, b, transpose_a, transpose_b, mkl):
    """MatMul's shape checks; returns (M, K, N)."""
    if mkl:
        if a.ndim < 2:
            raise _bad("In[0] ndims must be >= 2")
        if b.ndim < 2:
            raise _bad("In[1] ndims must be >= 2")
    elif ctx.ref == "v2":
        # TF 2.21's MatMul shares BatchMatMul's input validation (legacy matmul)
        if a.ndim != b.ndim:
            raise _bad("In[0] and In[1] has different ndims: %s vs. %s" % (_shape(a.shape), _shape(b.shape)))
        if a.ndim != 2:
            raise _bad("In[0] and In[1] ndims must be == 2: %d" % a.ndim)
    else:
        if a.ndim != 2:
            raise _bad("In[0] is not a matrix. Instead it has shape %s" % _shape(a.shape))
        if b.ndim != 2:
            raise _bad("In[1] is not a matrix. Instead it has shape %s" % _shape(b.shape))
    ka = a.shape[0] if transpose_a else a.shape[1]
    kb = b.shape[1] if transpose_b else b.shape[0]
    if ka != kb:
        raise _bad("Matrix size-incompatible: In[0]: %s, In[1]: %s" % (_shape(a.shape), _shape(b.shape)))
    return (a.shape[1] if transpose_a else a.shape[0]), ka, (b.shape[0] if transpose_b else b.shape[1])


def product(ctx, a, b, transpose_a=False, transpose_b=False, batch=False):
    """The 2-D product with TF's summation order for ``ctx.ref`` (``batch``: one matrix of
    TF 1.15.5's BatchMatMulV2, which runs Eigen's gebp without the MKL-DNN kernel).

    TF 1.15 graph mode (a Session) runs with FTZ/DAZ. Measured: subnormal operands read as
    zero and subnormal results are flushed; partial sums that are subnormal while the
    result is not are not modelled."""
    if ctx.ref == "v1" and ctx.graph and a.dtype in (np.float32, np.float64):
        return fp.flush(_product(ctx, fp.flush(a), fp.flush(b), transpose_a, transpose_b, batch))
    return _product(ctx, a, b, transpose_a, transpose_b, batch)


def _product(ctx, a, b, transpose_a, transpose_b, batch):
    A = np.ascontiguousarray(a.T if transpose_a else a)
    B = np.ascontiguousarray(b.T if transpose_b else b)
    M, K = A.shape
    N = B.shape[1]
    dt = a.dtype
    if M == 0 or N == 0:
        return np.zeros((M, N), dt)
    if K == 0:
        return np.zeros((M, N), dt)
    if dt.kind in "iu":
        with np.errstate(all="ignore"):
            return (A.astype(np.int64) @ B.astype(np.int64)).astype(dt)
    if dt.kind == "c":
        return (A @ B).astype(dt)
    if dt == np.float32:
        if ctx.ref == "v2" and ctx.profile.onednn:
            ftz = True
            return gemm.onednn_sgemm(gemm._flush(A, ftz), gemm._flush(B, ftz),
                                     transpose_a, transpose_b, ftz)
        if ctx.ref == "v2" or batch:
            return gemm.mul_add_chain(A, B, 0, K, np.float32)
        # a vector side: Eigen's gemv, column-major (multiply-add chains in K blocks) or
        # row-major (8-lane dot products), by which operand is transposed
        if M == 1:
            if transpose_b:
                return gemm.eigen_gemv_row(B.T, A[0], np.float32)[None, :]
            return gemm.eigen_gemv_col(A, B, np.float32)
        if N == 1:
            if transpose_a:
                return gemm.eigen_gemv_col(A, B, np.float32)
            return gemm.eigen_gemv_row(A, B[:, 0], np.float32)[:, None]
        return gemm.mkldnn_eigen_sgemm(A, B, max(1, ctx.threads))
    if dt == np.float64:
        # Eigen (both references): gemv for a vector operand, else gebp
        if M == 1:
            if transpose_b:
                return gemm.eigen_gemv_row(B.T, A[0], np.float64)[None, :]
            return gemm.eigen_gemv_col(A, B, np.float64)
        if N == 1:
            if transpose_a:
                return gemm.eigen_gemv_col(A, B, np.float64)
            return gemm.eigen_gemv_row(A, B[:, 0], np.float64)[:, None]
        return gemm.eigen_gebp_double(A, B)
    if ctx.ref == "v1":
        # TF 1.15.5 half: Eigen's scalar half arithmetic, every product and sum rounded
        return gemm.mul_add_chain(A, B, 0, K, dt)
    # float16 / bfloat16: float32 accumulation, one rounding at the end
    acc = gemm.mul_add_chain(A.astype(np.float32), B.astype(np.float32), 0, K, np.float32)
    return acc.astype(dt)


def mat_mul(ctx, a, b, transpose_a=False, transpose_b=False, mkl=False):
    a = np.asarray(a)
    b = np.asarray(b)
    check_2d(ctx, a, b, transpose_a, transpose_b, mkl)
    return product(ctx, a, b, transpose_a, transpose_b)


def batch_mat_mul(ctx, a, b, adj_x=False, adj_y=False):
    """``BatchMatMulV2``: broadcast batch dims, then the 2-D product per batch."""
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim < 2:
        raise _bad("In[0] ndims must be >= 2: %d" % a.ndim)
    if b.ndim < 2:
        raise _bad("In[1] ndims must be >= 2: %d" % b.ndim)
    ka = a.shape[-2] if adj_x else a.shape[-1]
    kb = b.shape[-1] if adj_y else b.shape[-2]
    if ka != kb:
        raise _bad("Matrix size-incompatible: In[0]: %s, In[1]: %s" % (_shape(a.shape), _shape(b.shape)))
    try:
        batch = np.broadcast_shapes(a.shape[:-2], b.shape[:-2])
    except ValueError:
        raise _bad("In[0] and In[1] must have compatible batch dimensions: %s vs. %s"
                   % (_shape(a.shape), _shape(b.shape))) from None
    ab = np.broadcast_to(a, batch + a.shape[-2:])
    bb = np.broadcast_to(b, batch + b.shape[-2:])
    m = a.shape[-1] if adj_x else a.shape[-2]
    n = b.shape[-2] if adj_y else b.shape[-1]
    out = np.empty(batch + (m, n), a.dtype)
    for idx in np.ndindex(*batch):
        out[idx] = product(ctx, np.conj(ab[idx]) if adj_x and a.dtype.kind == "c" else ab[idx],
                           np.conj(bb[idx]) if adj_y and b.dtype.kind == "c" else bb[idx],
                           adj_x, adj_y, batch=True)
    return out
