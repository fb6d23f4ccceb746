"""``tf.compat``: ``v1`` mirrors TensorFlow 1.15.5 in eager mode."""
from . import v1  # noqa: F401
