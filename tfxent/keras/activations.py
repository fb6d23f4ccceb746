"""``tf.keras.activations`` of TF 2.21 = Keras 3.15.1 (``keras/src/activations/
activations.py``): ``softmax`` and ``sigmoid`` set ``_keras_logits`` on their output to the
input exactly as given (a NumPy array or list stays one)."""
from . import _backend as K
from . import ops as _kops

__all__ = ["softmax", "sigmoid"]


def softmax(x, axis=-1):
    output = _kops.softmax(x, axis=axis)
    return K.with_attr(output, "_keras_logits", x)


def sigmoid(x):
    output = _kops.sigmoid(x)
    return K.with_attr(output, "_keras_logits", x)
