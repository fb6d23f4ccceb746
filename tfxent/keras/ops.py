"""``tf.keras.ops`` of TF 2.21 = Keras 3.15.1 (``keras/src/ops/nn.py``) on the TensorFlow
backend: ``softmax`` and ``sigmoid``, whose outputs carry their input as ``_keras_logits``
(``keras/src/backend/tensorflow/nn.py``) so that a cross-entropy loss given them uses the
logits."""
import warnings

import numpy as np

from .._tensor import Tensor
from . import _backend as K

__all__ = ["softmax", "sigmoid", "categorical_crossentropy", "sparse_categorical_crossentropy",
           "binary_crossentropy"]


def sigmoid(x):
    """``keras.ops.sigmoid``: ``tf.nn.sigmoid``, the output remembers ``x`` as its logits."""
    return K.tf_sigmoid(x)


def softmax(x, axis=-1):
    """``keras.ops.softmax``: warns (UserWarning) when the axis has size 1; a tuple axis
    softmaxes over those axes together (transpose, flatten, softmax, undo)."""
    if isinstance(axis, int) and -len(x.shape) <= axis < len(x.shape) and x.shape[axis] == 1:
        warnings.warn("You are using a softmax over axis %s of a tensor of shape %s. This axis "
                      "has size 1. The softmax operation will always return the value 1, which "
                      "is likely not what you intended. Did you mean to use a sigmoid instead?"
                      % (axis, x.shape))
    if isinstance(axis, tuple):
        t = K.convert_to_tensor(x)
        keep = [v for v in range(len(t.shape)) if v not in axis]
        xt = np.transpose(t._value, keep + list(axis))
        xr = Tensor._make(xt.reshape(tuple(t.shape[v] for v in keep) + (-1,)), t.dtype, "v2")
        y = K.tf_softmax(xr, axis=-1)
        y = y._value.reshape(xt.shape)
        combined = keep + list(axis)
        y = np.transpose(y, sorted(range(len(combined)), key=combined.__getitem__))
        return Tensor._make(np.ascontiguousarray(y), t.dtype, "v2")
    return K.tf_softmax(x, axis=axis)


def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    return K.categorical_crossentropy(target, output, from_logits=from_logits, axis=axis)


def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    return K.sparse_categorical_crossentropy(target, output, from_logits=from_logits, axis=axis)


def binary_crossentropy(target, output, from_logits=False):
    return K.binary_crossentropy(target, output, from_logits=from_logits)
