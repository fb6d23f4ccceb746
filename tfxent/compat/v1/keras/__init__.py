"""``tf.compat.v1.keras`` (TF 1.15.5's bundled Keras 2.2.4-tf, eager): the cross-entropy losses."""
from . import losses  # noqa: F401
