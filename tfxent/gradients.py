"""Gradients of the cross-entropy losses, as ``tf.GradientTape`` returns them.

``tfxent.gradients.<loss>(...)`` takes the arguments of ``tfxent.nn.<loss>`` plus
``output_gradients`` (the upstream gradient of the loss; ``None`` = ones, as
``tape.gradient(loss, sources)`` uses) and returns a namedtuple with one field per
differentiable input (``labels``, ``logits``, and ``pos_weight`` nowhere: TF's tape is asked
for the inputs it watches; a field is ``None`` where TF returns no gradient).  For TF
1.15.5 (eager, ``tf.compat.v1``) use ``tfxent.gradients.v1.<loss>`` with the TF 1.15
signatures (``_sentinel``, ``dim``, ...).

The numbers are the ops TF's registered gradient functions run, in TF's order, each with
its kernel's bits:

* ``SoftmaxCrossEntropyWithLogits`` (``tensorflow/python/ops/nn_grad.py`` at v2.21.0 and in
  the 1.15.5 wheel, ``_SoftmaxCrossEntropyWithLogitsGrad``): d logits =
  ``expand_dims(g, -1) * backprop`` (a broadcasting ``Mul``); d labels =
  ``expand_dims(g, -1) * -log_softmax(logits)`` (``LogSoftmax``, ``Neg``, ``Mul``).  The
  eager tape hands this gradient no upstream gradient for the backprop output
  (``FunctionsAcceptingNoneForIndicesMap`` in ``pywrap_tfe_src.cc``), so the second-order
  term is never added.  TF 1.15's deprecated ``softmax_cross_entropy_with_logits`` stops the
  gradient into the labels (``stop_gradient``): ``labels`` is ``None`` there.
* ``SparseSoftmaxCrossEntropyWithLogits`` (same file): d logits =
  ``expand_dims(g, -1) * backprop``; integer labels have none.
* The wrappers' own ops are differentiated as TF does: ``Cast`` (``_CastGrad``: back to the
  source dtype for float types, none from integers), ``Reshape`` and ``Transpose`` (bits
  unchanged).
* ``sigmoid_cross_entropy_with_logits`` / ``weighted_cross_entropy_with_logits`` are
  composed of elementwise ops (``nn_impl.py``); their gradients are those ops' gradients
  (``math_grad.py``, ``array_grad.py``, ``nn_grad.py``), summed by the tape with ``AddN`` in
  the order the tape produces them.

``tfxent.gradients`` itself, called like TF's ``tf.gradients`` function, raises TF 2.21's
eager-mode error.
"""
import collections
import sys
import types

import numpy as np

from . import _dtypes, _ops
from ._convert import to_tensor
from ._tensor import Tensor

__all__ = ["softmax_cross_entropy_with_logits", "sparse_softmax_cross_entropy_with_logits",
           "sigmoid_cross_entropy_with_logits", "weighted_cross_entropy_with_logits", "v1"]

Gradients = collections.namedtuple("Gradients", ["labels", "logits"])

_FLOATS = (_dtypes.float16, _dtypes.bfloat16, _dtypes.float32, _dtypes.float64)


# --------------------------------------------------------------------------- helpers
def _upstream(ref, loss, output_gradients):
    """``tape.gradient``'s upstream gradient: ones like the loss, or the given one."""
    if output_gradients is None:
        return Tensor._make(np.ones(loss._value.shape, loss._value.dtype), loss.dtype, ref)
    return to_tensor(output_gradients, dtype=loss.dtype, ref=ref)


def _t(arr, dtype, ref):
    arr = np.asarray(arr)
    return Tensor._make(arr if arr.flags.c_contiguous else arr.copy(order="C"), dtype, ref)


def _cast_grad(ref, grad, source):
    """``_CastGrad``: the gradient reaches a float source cast back to its dtype; an
    integer (or bool) source gets none."""
    if source.dtype not in _FLOATS:
        return None
    return _ops.cast(grad, source.dtype, ref)


def _bcast_mul(ref, vec, mat):
    """``_BroadcastMul``: ``expand_dims(vec, -1) * mat``."""
    col = _t(vec._value.reshape(vec._value.shape + (1,)), vec.dtype, ref)
    return _ops.binary("Mul", col, mat, ref=ref)


def _undo_moves(ref, grad2d, rec):
    """Reshape ([B, C] -> the moved shape) and Transpose back (``Reshape``/``Transpose``
    gradients move bits only)."""
    g = grad2d._value.reshape(rec["moved_shape"])
    if rec["perm"] is not None:
        g = np.transpose(g, np.argsort(rec["perm"]))
    return _t(g, grad2d.dtype, ref)


# --------------------------------------------------------------------------- dense
def _dense(ref, labels, logits, axis, name, output_gradients, labels_flow):
    from ._xent_api import dense_v2_helper
    rec = {}
    loss = dense_v2_helper(ref, labels, logits, axis, name, record=rec)
    g = _upstream(ref, loss, output_gradients)
    precise = rec["precise"]
    g = _ops.cast(g, precise.dtype, ref)                      # Cast (f16/bf16 cost) grad
    g = _t(g._value.reshape(rec["moved_shape"][:-1]).reshape(-1), precise.dtype, ref)
    d_logits = _undo_moves(ref, _bcast_mul(ref, g, rec["backprop"]), rec)
    d_logits = _cast_grad(ref, d_logits, rec["logits"])
    d_labels = None
    if labels_flow:
        neg = _ops.unary("Neg", _ops.softmax_family(ref, "LogSoftmax", rec["logits2d"], -1),
                         ref=ref)
        d_labels = _cast_grad(ref, _undo_moves(ref, _bcast_mul(ref, g, neg), rec),
                              rec["labels"])
    return Gradients(d_labels, d_logits)


def softmax_cross_entropy_with_logits(labels, logits, axis=-1, name=None,
                                      output_gradients=None):
    """Gradients of ``tfxent.nn.softmax_cross_entropy_with_logits`` (TF 2.21) with respect
    to ``labels`` and ``logits``."""
    return _dense("v2", labels, logits, axis, name, output_gradients, True)


# --------------------------------------------------------------------------- sparse
def _sparse(ref, labels, logits, name, output_gradients):
    from ._xent_api import sparse_helper
    rec = {}
    loss = sparse_helper(ref, labels, logits, name, record=rec)
    g = _upstream(ref, loss, output_gradients)
    precise = rec["precise"]
    g = _ops.cast(g, precise.dtype, ref)
    g = _t(g._value.reshape(-1), precise.dtype, ref)
    d = _bcast_mul(ref, g, rec["backprop"])
    d = _t(d._value.reshape(rec["logits"]._value.shape), d.dtype, ref)
    return Gradients(None, _cast_grad(ref, d, rec["logits"]))


def sparse_softmax_cross_entropy_with_logits(labels, logits, name=None, output_gradients=None):
    """Gradients of ``tfxent.nn.sparse_softmax_cross_entropy_with_logits`` (TF 2.21); the
    integer ``labels`` have none."""
    if labels is None or logits is None:
        from ._xent_api import sparse_softmax_cross_entropy_with_logits as fwd
        fwd(labels, logits, name)  # TF's error
    return _sparse("v2", labels, logits, name, output_gradients)


# --------------------------------------------------------------------------- composed
def _addn(ref, terms):
    """``_aggregate_grads``: one term as it is, more through ``AddN`` (a left-to-right sum
    of flushed adds)."""
    out = terms[0]
    for t in terms[1:]:
        out = _ops.binary("AddV2", out, t, ref=ref)
    return out


def _sigmoid(ref, labels, logits, name, output_gradients):
    """``nn_impl.sigmoid_cross_entropy_with_logits``::

        cond = logits >= 0
        relu_logits = where(cond, logits, 0);  neg_abs = where(cond, -logits, logits)
        loss = (relu_logits - logits * labels) + log1p(exp(neg_abs))

    differentiated op by op (``Select``, ``Neg``, ``Sub``, ``Mul``, ``Exp``, ``Log1p``,
    ``AddV2`` gradients)."""
    from ._xent_api import sigmoid_xent, _select
    rec = {}
    loss = sigmoid_xent(ref, labels, logits, name, record=rec)
    logits, labels, zeros, cond, e = (rec[k] for k in ("logits", "labels", "zeros", "cond",
                                                       "exp"))
    g = _upstream(ref, loss, output_gradients)
    x = logits._value
    one = _t(np.ones((), x.dtype), logits.dtype, ref)
    # AddV2(u, v): g to both.  v = Log1p(e): g * reciprocal(1 + e)
    g_e = _ops.binary("Mul", g, _ops.unary("Reciprocal", _ops.binary("AddV2", one, e, ref=ref),
                                           ref=ref), ref=ref)
    g_n = _ops.binary("Mul", g_e, e, ref=ref)                  # Exp: grad * y
    # u = relu_logits - logits * labels: Sub -> (g, -g)
    g_neg = _ops.unary("Neg", g, ref=ref)
    g_mul_x = _ops.binary("Mul", g_neg, labels, ref=ref)      # d(logits*labels)/d logits
    g_mul_y = _ops.binary("Mul", g_neg, logits, ref=ref)      # ... / d labels
    t_relu = _select(cond, g, zeros)                          # Select(cond, logits, 0)
    t_negabs_x = _ops.unary("Neg", _select(cond, g_n, zeros), ref=ref)   # via -logits
    t_negabs_y = _select(cond, zeros, g_n)                    # Select(.., .., logits)
    d_logits = _addn(ref, _SIGMOID_ORDER[ref](t_relu, t_negabs_x, t_negabs_y, g_mul_x))
    return Gradients(g_mul_y, d_logits)


# The order the eager tape hands the four logits terms to AddN. Per element only two or
# three are non-zero (cond true: relu, negabs_x, mul; false: negabs_y, mul); measured on
# TF 2.21 and 1.15.5: negabs_x is added last, after relu + mul (their order, like that of
# the two-term sums, does not change a bit).
_SIGMOID_ORDER = {
    "v2": lambda relu, negabs_x, negabs_y, mul: [mul, relu, negabs_y, negabs_x],
    "v1": lambda relu, negabs_x, negabs_y, mul: [mul, relu, negabs_y, negabs_x],
}


def sigmoid_cross_entropy_with_logits(labels=None, logits=None, name=None,
                                      output_gradients=None):
    """Gradients of ``tfxent.nn.sigmoid_cross_entropy_with_logits`` (TF 2.21)."""
    if labels is None or logits is None:
        from ._xent_api import sigmoid_cross_entropy_with_logits as fwd
        fwd(labels, logits, name)  # TF's error
    return _sigmoid("v2", labels, logits, name, output_gradients)


def _sign(ref, x):
    """``Sign`` (``scalar_sign_op``): -1, 0 or 1 of the value read through DAZ where FTZ is on
    (zero keeps its sign bit: Eigen returns the operand), NaN stays NaN."""
    v = x._value
    w = v.astype(np.float32) if v.dtype.itemsize == 2 else v
    if _ops.ctx_for(ref).always_ftz:   # half/bf16 through float: a bf16 subnormal too
        from ._numerics import fp
        w = fp.flush(w)
    with np.errstate(invalid="ignore"):
        out = np.where(w > 0, 1, np.where(w < 0, -1, w)).astype(w.dtype)
    return _t(out.astype(v.dtype), x.dtype, ref)


def _relu_grad(ref, grad, features):
    """``ReluGrad``: ``gradients * (features > 0).cast<T>()`` (a multiply: inf * 0 is NaN)."""
    pos = _ops.binary("Greater", features,
                      _t(np.zeros_like(features._value), features.dtype, ref), ref=ref)._value
    return _ops.binary("Mul", grad, _t(pos.astype(features._value.dtype), features.dtype, ref),
                       ref=ref)


def _weighted(ref, labels, logits, pos_weight, name, output_gradients):
    """``nn_impl.weighted_cross_entropy_with_logits_v2``::

        log_weight = 1 + (pos_weight - 1) * labels
        loss = (1 - labels) * logits
               + log_weight * (log1p(exp(-abs(logits))) + relu(-logits))

    differentiated op by op (``Mul``, ``Sub``, ``AddV2``, ``Log1p``, ``Exp``, ``Neg``,
    ``Abs`` = ``grad * sign(x)``, ``Relu`` = ``ReluGrad``)."""
    from ._xent_api import weighted_xent
    rec = {}
    loss = weighted_xent(ref, labels, logits, pos_weight, name, record=rec)
    logits, labels, c, log_weight, e, relu, soft = (rec[k] for k in (
        "logits", "labels", "weight_minus_one", "log_weight", "exp", "relu", "softplus"))
    g = _upstream(ref, loss, output_gradients)
    one_minus = 1 - labels
    mul = lambda a, b: _ops.binary("Mul", a, b, ref=ref)  # noqa: E731
    g_soft = mul(g, log_weight)
    one = _t(np.ones((), logits._value.dtype), logits.dtype, ref)
    g_e = mul(g_soft, _ops.unary("Reciprocal", _ops.binary("AddV2", one, e, ref=ref), ref=ref))
    g_abs = -mul(g_e, e)
    t_a = mul(g, one_minus)
    t_abs = mul(g_abs, _sign(ref, logits))
    t_relu = -_relu_grad(ref, g_soft, relu)
    d_logits = _addn(ref, _WEIGHTED_ORDER(t_a, t_abs, t_relu))
    cv = c if isinstance(c, Tensor) else to_tensor(c, dtype=labels.dtype, ref=ref)
    d_labels = _addn(ref, [-mul(g, logits), mul(mul(g, soft), cv)])
    return Gradients(d_labels, d_logits)


# the order of the three logits terms in AddN (measured on TF 2.21 and 1.15.5)
_WEIGHTED_ORDER = lambda a, abs_, relu: [a, relu, abs_]  # noqa: E731


def weighted_cross_entropy_with_logits(labels, logits, pos_weight, name=None,
                                       output_gradients=None):
    """Gradients of ``tfxent.nn.weighted_cross_entropy_with_logits`` (TF 2.21) with
    respect to ``labels`` and ``logits`` (``pos_weight`` a Python number or a tensor
    broadcasting against them)."""
    return _weighted("v2", labels, logits, pos_weight, name, output_gradients)


# --------------------------------------------------------------------------- v1 namespace
def _v1_module():
    from .compat.v1 import _xent as v1x
    m = types.ModuleType(__name__ + ".v1", "Gradients for TF 1.15.5 (``tf.compat.v1`` eager).")

    def softmax_cross_entropy_with_logits(_sentinel=None, labels=None, logits=None, dim=-1,
                                          name=None, axis=None, output_gradients=None):
        """TF 1.15's deprecated op: the labels are behind ``stop_gradient`` (no gradient)."""
        v1x.softmax_cross_entropy_with_logits(_sentinel, labels, logits, dim, name, axis)
        dim = v1x._lookup("axis", axis, "dim", dim)
        scope = "%s/" % (name or "softmax_cross_entropy_with_logits_sg")
        return _dense("v1", labels, logits, dim, scope, output_gradients, False)

    def softmax_cross_entropy_with_logits_v2(labels, logits, axis=None, name=None, dim=None,
                                             output_gradients=None):
        axis = v1x._lookup("axis", axis, "dim", dim)
        scope = "%s/" % (name or "softmax_cross_entropy_with_logits")
        return _dense("v1", labels, logits, axis, scope, output_gradients, True)

    def sparse_softmax_cross_entropy_with_logits(_sentinel=None, labels=None, logits=None,
                                                 name=None, output_gradients=None):
        v1x._ensure_xent_args("sparse_softmax_cross_entropy_with_logits", _sentinel, labels,
                              logits)
        return _sparse("v1", labels, logits, name, output_gradients)

    def sigmoid_cross_entropy_with_logits(_sentinel=None, labels=None, logits=None,
                                          name=None, output_gradients=None):
        v1x._ensure_xent_args("sigmoid_cross_entropy_with_logits", _sentinel, labels, logits)
        return _sigmoid("v1", labels, logits, name, output_gradients)

    def weighted_cross_entropy_with_logits(labels=None, logits=None, pos_weight=None,
                                           name=None, targets=None, output_gradients=None):
        labels = v1x._lookup("labels", labels, "targets", targets)
        return _weighted("v1", labels, logits, pos_weight, name, output_gradients)

    for f in (softmax_cross_entropy_with_logits, softmax_cross_entropy_with_logits_v2,
              sparse_softmax_cross_entropy_with_logits, sigmoid_cross_entropy_with_logits,
              weighted_cross_entropy_with_logits):
        f.__module__ = m.__name__
        setattr(m, f.__name__, f)
    m.Gradients = Gradients
    return m


class _GradientsModule(types.ModuleType):
    """``tfxent.gradients``: a module of gradient functions which, called like TF's
    ``tf.gradients`` in eager mode, raises what TF 2.21 raises."""

    def __call__(self, ys, xs, grad_ys=None, name="gradients", gate_gradients=False,
                 aggregation_method=None, stop_gradients=None,
                 unconnected_gradients="none"):
        raise RuntimeError("tf.gradients is not supported when eager execution is enabled. "
                           "Use tf.GradientTape instead.")

    def __getattr__(self, name):
        if name == "v1":
            m = _v1_module()
            self.__dict__["v1"] = m
            sys.modules[m.__name__] = m
            return m
        raise AttributeError("module %r has no attribute %r" % (self.__name__, name))


sys.modules[__name__].__class__ = _GradientsModule
