"""tfxent.gradients: the issue's pitfall example, bytes recorded from TF 2.21's GradientTape
(the conformance families ``...#grad`` compare every dtype, rank and axis against TF)."""
import pytest

import tfxent as tf
from tfxent import gradients

LABELS = [[0.2, 0.3, 0.5], [0.1, 0.6, 0.3]]
LOGITS = [[2, 0.5, 1], [0.1, 1, 3]]


def hexof(t):
    return t.numpy().tobytes().hex()


def test_dense_gradients_as_gradient_tape():
    g = gradients.softmax_cross_entropy_with_logits(labels=LABELS, logits=LOGITS)
    assert g._fields == ("labels", "logits")
    assert hexof(g.labels) == "bfc1ed3e7070fb3f7070bb3f96c04440fc260b40c86f323e"
    assert hexof(g.logits) == "8268db3efb9623be069d89be27445cbd40fdf8bee2420a3f"
    assert repr(g.logits) == (
        "<tf.Tensor: shape=(2, 3), dtype=float32, numpy=\n"
        "array([[ 0.4285317 , -0.15975563, -0.26877612],\n"
        "       [-0.05377593, -0.48630714,  0.54008305]], dtype=float32)>")
    up = gradients.softmax_cross_entropy_with_logits(
        labels=LABELS, logits=LOGITS, output_gradients=tf.constant([2.0, -0.5]))
    assert hexof(up.logits) == "82685b3ffb96a3be069d09bf2744dc3c40fd783ee2428abe"


def test_sparse_and_sigmoid_gradients():
    g = gradients.sparse_softmax_cross_entropy_with_logits(labels=[0, 2], logits=LOGITS)
    assert g.labels is None
    assert hexof(g.logits) == "1831bebe399c0f3ef5c56c3e73553d3dcfd7e83d44c123be"
    s = gradients.sigmoid_cross_entropy_with_logits(labels=LABELS, logits=LOGITS)
    assert hexof(s.labels) == "000000c0000000bf000080bfcdccccbd000080bf000040c0"
    assert hexof(s.logits) == "b8482e3f6319a53e9e9a6c3edf96d93e3634063e190f273f"


def test_v1_labels_stop_gradient():
    g = gradients.v1.softmax_cross_entropy_with_logits(labels=LABELS, logits=LOGITS)
    assert g.labels is None
    assert hexof(g.logits) == "8268db3efb9623be069d89be27445cbd40fdf8bee2420a3f"
    with pytest.raises(ValueError) as e:
        gradients.v1.softmax_cross_entropy_with_logits(LOGITS, LABELS)
    assert str(e.value).startswith("Only call `softmax_cross_entropy_with_logits` with named")


def test_called_like_tf_gradients():
    with pytest.raises(RuntimeError) as e:
        tf.gradients([1.0], [1.0])
    assert str(e.value) == ("tf.gradients is not supported when eager execution is enabled. "
                            "Use tf.GradientTape instead.")
