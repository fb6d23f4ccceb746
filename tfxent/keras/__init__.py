"""``tf.keras`` of TF 2.21: Keras 3.15.1 on the TensorFlow backend (cross-entropy losses,
``activations.softmax`` / ``sigmoid``, ``ops.softmax`` / ``sigmoid``)."""
from . import activations, losses, ops  # noqa: F401
