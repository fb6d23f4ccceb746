"""``tf.nn`` (TF 2.21)."""
from ._api_v2 import relu, sigmoid  # noqa: F401
