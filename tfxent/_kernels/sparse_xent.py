"""SparseSoftmaxCrossEntropyWithLogits on CPU (``tensorflow/core/kernels/sparse_xent_op.h``,
``sparse_xent_op.cc``).

Mirrors ``functor::SparseXentEigenImpl::Compute``:

* TF 2.21 (``ctx.ref == "v2"``): ``sparse_xent_op.h`` as shipped in the tensorflow 2.21.0
  wheel, ``sparse_xent_op.cc`` at public commit 2d3862d8, Eigen
  dcbaf2d608f306450f1e74949eb87e9a22a7ef4b.
* TF 1.15.5 (``ctx.ref == "v1"``): ``sparse_xent_op.h`` at public commit 0c45f4f0, Eigen
  cdb377d0cba4889fc909d1bbdd430b988db0db97.

The kernel on logits [B, C] and labels [B]::

    scratch  = max_c(logits)                                   # RowMaxReduction
    backprop = logits - bcast(scratch)                         # exact
    scratch  = sum_c(exp(backprop))                            # exp inside the reducer
    loss_b   = sum_c(generator)  = log(scratch_b) - backprop[b, label_b]
               (SparseXentLossGenerator: Eigen::numext::log, i.e. always the scalar glibc
               logf/log, never the packet log; the other terms are +0)
    backprop = exp(backprop)                                   # non-tiled, flat packet split
    backprop = backprop / scratch_b - (c == label_b)           # SparseXentGradGenerator

The CPU kernel first checks every label against [0, C) (``CheckInvalidLabelIndex``).
Numerics helpers are shared with ``xent.py``.
"""
import numpy as np

from ..errors import KernelError, InvalidArgumentError
from . import xent as _x


def _shape_str(shape):
    return "[" + ",".join(str(int(d)) for d in shape) + "]"


def _check(logits, labels):
    if logits.ndim != 2:
        raise KernelError(InvalidArgumentError, "logits must be 2-D, but got shape %s"
                          % _shape_str(logits.shape))
    if labels.ndim != 1:
        raise KernelError(InvalidArgumentError, "labels must be 1-D, but got shape %s"
                          % _shape_str(labels.shape))
    if logits.shape[0] != labels.shape[0]:
        raise KernelError(InvalidArgumentError,
                          "logits and labels must have the same first dimension, got logits "
                          "shape %s and labels shape %s"
                          % (_shape_str(logits.shape), _shape_str(labels.shape)))
    if logits.shape[1] <= 0:
        raise KernelError(InvalidArgumentError,
                          "Must have at least one class, but got logits shape %s"
                          % _shape_str(logits.shape))
    B, C = logits.shape
    if B > 0 and labels.size:
        lo = labels.min()
        hi = labels.max()
        if lo < 0 or hi >= C:
            bad = lo if lo < 0 else hi
            raise KernelError(InvalidArgumentError,
                              "Received a label value of %d which is outside the valid range of "
                              "[0, %d).  Label values: %s"
                              % (int(bad), C, " ".join(str(int(v)) for v in labels.tolist())))


def _v1_costs(arith):
    """TF 1.15 (Eigen cdb377d0) per-coeff costs of the sparse kernel's evaluations
    (bytes*11/64 + compute cycles), float32 / float64."""
    sz = arith.S.itemsize
    f64 = arith.F == _x._F64
    L = _x._LC
    return {
        "sub": L * 3 * sz + (13.75 if f64 else 6.875),
        "exp": 15.5 if f64 else 5.625,            # EvalRange exp (parallel from n=37334 f32)
        "grad": 3.375 if f64 else 2.6875,         # SparseXentGradGenerator (tiled, T 14883 f32)
    }


def sparse_softmax_xent(ctx, logits, labels):
    """SparseSoftmaxCrossEntropyWithLogits: returns (loss [B], backprop [B, C]).

    logits: [B, C] half/bfloat16/float32/float64; labels: [B] int32/int64. Inputs are never
    modified.
    """
    logits = np.asarray(logits)
    labels = np.asarray(labels)
    dt = _x._check_dtype(logits.dtype)
    if labels.dtype not in (np.int32, np.int64):
        raise TypeError("labels must be int32 or int64")
    _check(logits, labels)
    B, C = logits.shape
    if B == 0:
        return np.zeros(0, dtype=dt), np.zeros((0, C), dtype=dt)
    arith = _x._Arith(dt, ctx.ref)
    P = arith.P
    v1_eager = not ctx.always_ftz
    costs = _v1_costs(arith) if arith.ref == "v1" else None
    lab = labels.astype(np.int64)
    rows = np.arange(B)

    # 1-2. row max; backprop = logits - bcast(max)
    mx = _x._row_max(logits)
    f_sub = True if not v1_eager else _x._stage_ftz(ctx, "tiled", B, C, costs["sub"],
                                                     T=int(40000.0 / costs["sub"]))
    bp = arith.op(np.subtract, logits, mx[:, None], f_sub)

    # 3. sum of exp inside the reducer
    vec = arith.has_packet_exp
    smask = _x._reducer_scalar_mask(B, C, arith, vec)
    f_sum = True if not v1_eager else _x._reduce_ftz(ctx, arith, B, C, exp_inside=True)
    f_sum_el = f_sum if isinstance(f_sum, bool) else np.broadcast_to(f_sum[:, None], (B, C))
    s = _x._row_sum(arith, _x._mixed_ftz(arith, bp, smask, f_sum_el, "exp"), f_sum, vec)

    # 4. loss: scalar log (glibc) minus the label's backprop, plus +0 terms
    f_loss = True if not v1_eager else _x._reduce_ftz(ctx, arith, B, C, exp_inside=False)
    ls = _scalar_log(arith, s, f_loss)
    val = arith.op(np.subtract, ls, bp[rows, lab], f_loss)
    loss = arith.op(np.add, val, np.zeros(B, dtype=arith.S), f_loss)

    # 5. backprop = exp(backprop): non-tiled, packet for flat index < floor(B*C/P)*P
    f_exp = True if not v1_eager else _x._stage_ftz(ctx, "range", B, C, costs["exp"], P=P)
    emask = _x._evalrange_scalar_mask(B * C, P).reshape(B, C)
    e = _x._mixed_ftz(arith, bp, emask, f_exp, "exp")

    # 6. backprop = e / s - (c == label)
    f_grad = True if not v1_eager else _x._stage_ftz(ctx, "tiled", B, C, costs["grad"],
                                                      T=int(40000.0 / costs["grad"]))
    sub = np.zeros((B, C), dtype=arith.S)
    sub[rows, lab] = 1
    back = arith.op(np.subtract, arith.op(np.divide, e, s[:, None], f_grad), sub, f_grad)
    return loss, back


def _scalar_log(arith, s, ftz):
    if isinstance(ftz, (bool, np.bool_)):
        return arith.slog(s, bool(ftz))
    return np.where(ftz, arith.slog(s, True), arith.slog(s, False))
