"""``tf.nn`` (TF 2.21)."""
from ._api_v2 import relu, sigmoid, softmax, log_softmax  # noqa: F401
