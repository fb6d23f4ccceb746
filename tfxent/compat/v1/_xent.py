"""TF 1.15.5 cross-entropy wrappers (``tensorflow_core/python/ops/nn_ops.py`` of the 1.15.5
wheel): the ``_sentinel`` guard, ``dim``/``axis`` rules, the deprecation warning (stderr, once),
name scopes in error texts."""
from ... import _tflogging
from ..._xent_api import dense_v2_helper, sparse_helper
from ._api import _lookup

_REF = "v1"
_XENT_DEPRECATION = """
Future major versions of TensorFlow will allow gradients to flow
into the labels input on backprop by default.

See `tf.nn.softmax_cross_entropy_with_logits_v2`.
"""


def _ensure_xent_args(name, sentinel, labels, logits):
    if sentinel is not None:
        raise ValueError("Only call `%s` with named arguments (labels=..., logits=..., ...)" % name)
    if labels is None or logits is None:
        raise ValueError("Both labels and logits must be provided.")


def softmax_cross_entropy_with_logits(_sentinel=None, labels=None, logits=None, dim=-1, name=None,
                                      axis=None):
    _tflogging.deprecated_once("softmax_cross_entropy_with_logits", "softmax_cross_entropy_with_logits",
                               "tensorflow.python.ops.nn_ops", _XENT_DEPRECATION)
    dim = _lookup("axis", axis, "dim", dim)
    _ensure_xent_args("softmax_cross_entropy_with_logits", _sentinel, labels, logits)
    scope = "%s/" % (name or "softmax_cross_entropy_with_logits_sg")
    return dense_v2_helper(_REF, labels, logits, dim, scope)


def softmax_cross_entropy_with_logits_v2(labels, logits, axis=None, name=None, dim=None):
    axis = _lookup("axis", axis, "dim", dim)
    scope = "%s/" % (name or "softmax_cross_entropy_with_logits")
    return dense_v2_helper(_REF, labels, logits, axis, scope)


def sparse_softmax_cross_entropy_with_logits(_sentinel=None, labels=None, logits=None, name=None):
    _ensure_xent_args("sparse_softmax_cross_entropy_with_logits", _sentinel, labels, logits)
    return sparse_helper(_REF, labels, logits, name)


def sigmoid_cross_entropy_with_logits(_sentinel=None, labels=None, logits=None, name=None):
    from ..._xent_api import sigmoid_xent
    _ensure_xent_args("sigmoid_cross_entropy_with_logits", _sentinel, labels, logits)
    return sigmoid_xent(_REF, labels, logits, name)


def weighted_cross_entropy_with_logits(labels=None, logits=None, pos_weight=None, name=None,
                                       targets=None):
    from ..._xent_api import weighted_xent
    labels = _lookup("labels", labels, "targets", targets)
    return weighted_xent(_REF, labels, logits, pos_weight, name)
