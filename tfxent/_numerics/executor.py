"""Which flat elements Eigen's TensorExecutor (ThreadPoolDevice) evaluates with packets.

Source: Eigen commit dcbaf2d608f306450f1e74949eb87e9a22a7ef4b,
``unsupported/Eigen/CXX11/src/Tensor/TensorExecutor.h`` (``EvalRange``,
``TensorExecutor<..., ThreadPoolDevice, Vectorizable, Tiling>``), ``TensorBlock.h``
(``TensorBlockMapper`` with ``kSkewedInnerDims``, ``TensorBlockAssignment``).
"""
import numpy as np


def packet_prefix(n, P):
    """Non-tiled ``EvalRange``: ``parallelFor`` blocks are multiples of the packet size, so
    flat indices ``< floor(n/P)*P`` take the packet path and the last ``n % P`` the scalar
    path, whatever the thread count. Returns ``floor(n/P)*P``."""
    n = int(n)
    return (n // P) * P


def tiled_scalar_mask(B, C, T, P):
    """Boolean [B, C] mask of the elements a tiled (RowMajor, ``kSkewedInnerDims``)
    evaluation of a [B, C] expression computes with the scalar path, for target block size
    ``T`` (in coefficients) and packet size ``P``.

    * ``B*C <= T``: one block, the whole tensor: the last ``(B*C) % P`` elements.
    * ``C <= T``: blocks of ``min(ceil(T/C), B)`` full rows (one contiguous run each): the
      last ``len % P`` elements of each block.
    * ``C > T``: each row is cut into segments of ``T`` (the last shorter): the last
      ``seglen % P`` elements of each segment.
    """
    B, C, T, P = int(B), int(C), int(T), int(P)
    if B * C == 0:
        return np.zeros((B, C), dtype=bool)
    if B * C <= T:
        flat = np.arange(B * C)
        return (flat >= packet_prefix(B * C, P)).reshape(B, C)
    inner = min(T, C)
    if inner == C:
        rows = min(-(-T // C), B)
        flat = np.arange(B * C)
        blk = flat // (rows * C)
        start = blk * rows * C
        length = np.minimum(rows * C, B * C - start)
        off = flat - start
        return (off >= (length // P) * P).reshape(B, C)
    col = np.arange(C)
    seg_start = (col // T) * T
    seglen = np.minimum(T, C - seg_start)
    row_mask = (col - seg_start) >= (seglen // P) * P
    return np.broadcast_to(row_mask, (B, C)).copy()
