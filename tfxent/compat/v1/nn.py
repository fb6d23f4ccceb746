"""``tf.compat.v1.nn`` (TF 1.15.5)."""
from ._api import relu, sigmoid, softmax, log_softmax  # noqa: F401
