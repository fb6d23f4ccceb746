"""The cross-entropy wrappers: the issue's pitfall numbers and TF's wrapper errors
(expected values recorded from TF 2.21 and TF 1.15.5 eager)."""
import subprocess
import sys

import pytest

import tfxent as tf
import tfxent.compat.v1 as tf1

LABELS = [[0.2, 0.3, 0.5], [0.1, 0.6, 0.3]]
LOGITS = [[2, 0.5, 1], [0.1, 1, 3]]


def hexof(t):
    return t.numpy().tobytes().hex()


@pytest.mark.parametrize("mod", [tf, tf1])
def test_pitfall_numbers(mod):
    nn = mod.nn
    loss = nn.softmax_cross_entropy_with_logits(labels=LABELS, logits=LOGITS)
    assert str(loss) == "tf.Tensor([1.4143689 1.6642545], shape=(2,), dtype=float32)"
    assert hexof(loss) == "0a0ab53f4b06d53f"
    wrong = nn.softmax_cross_entropy_with_logits(labels=LABELS, logits=nn.softmax(LOGITS))
    assert hexof(wrong) == "70ff953fcd7d963f"  # prints [1.1718578 1.1757141]
    sparse = nn.sparse_softmax_cross_entropy_with_logits(labels=[0, 2], logits=LOGITS)
    assert str(sparse) == "tf.Tensor([0.4643688  0.17425454], shape=(2,), dtype=float32)"


def test_v1_sentinel_and_missing():
    with pytest.raises(ValueError) as e:
        tf1.nn.softmax_cross_entropy_with_logits(LOGITS, LABELS)
    assert str(e.value) == ("Only call `softmax_cross_entropy_with_logits` with named arguments "
                            "(labels=..., logits=..., ...)")
    with pytest.raises(ValueError) as e:
        tf1.nn.sparse_softmax_cross_entropy_with_logits(logits=LOGITS)
    assert str(e.value) == "Both labels and logits must be provided."
    with pytest.raises(ValueError) as e:
        tf1.nn.softmax_cross_entropy_with_logits(labels=LABELS, logits=LOGITS, axis=0)
    assert str(e.value) == "Cannot specify both 'dim' and 'axis'"


def test_axis_errors_as_tf():
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.nn.softmax_cross_entropy_with_logits(labels=LABELS, logits=LOGITS, axis=-2)
    assert str(e.value) == ("{{function_node __wrapped__Range_device_/job:localhost/replica:0/task:0/"
                            "device:CPU:0}} Requires start <= limit when delta > 0: 0/-2 [Op:Range] name: ")
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf1.nn.softmax_cross_entropy_with_logits(labels=LABELS, logits=LOGITS, dim=-2)
    assert str(e.value) == ("Requires start <= limit when delta > 0: 0/-2 [Op:Range] name: "
                            "softmax_cross_entropy_with_logits_sg/range/")


def test_sparse_label_out_of_range():
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.constant([-1, 2], tf.int64), logits=LOGITS)
    assert str(e.value) == (
        "{{function_node __wrapped__SparseSoftmaxCrossEntropyWithLogits_device_/job:localhost/"
        "replica:0/task:0/device:CPU:0}} Received a label value of -1 which is outside the valid "
        "range of [0, 3).  Label values: -1 2 [Op:SparseSoftmaxCrossEntropyWithLogits] name: ")


def test_raw_ops_namedtuple():
    r = tf.raw_ops.SoftmaxCrossEntropyWithLogits(features=LOGITS, labels=LABELS)
    assert type(r).__name__ == "SoftmaxCrossEntropyWithLogits" and r._fields == ("loss", "backprop")
    loss, backprop = r
    assert hexof(loss) == "0a0ab53f4b06d53f"
    assert hexof(backprop).startswith("8268db3efb9623be069d89be27445cbd40fdf8bee2420a3f")


def test_v1_deprecation_goes_to_stderr_once():
    code = ("import tfxent.compat.v1 as tf\n"
            "for _ in range(2):\n"
            "    tf.nn.softmax_cross_entropy_with_logits(labels=[[0., 1.]], logits=[[1., 2.]])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == ""
    assert out.stderr.count("WARNING:tensorflow:From ") == 1
    assert ("softmax_cross_entropy_with_logits (from tensorflow.python.ops.nn_ops) is deprecated and "
            "will be removed in a future version.\nInstructions for updating:\n\nFuture major versions "
            "of TensorFlow will allow gradients to flow\ninto the labels input on backprop by default."
            "\n\nSee `tf.nn.softmax_cross_entropy_with_logits_v2`.\n") in out.stderr


@pytest.mark.parametrize("mod", [tf, tf1])
def test_sigmoid_and_weighted(mod):
    loss = mod.nn.sigmoid_cross_entropy_with_logits(labels=[[0., 1.], [1., 0.]],
                                                    logits=[[1., -2.], [3., 0.5]])
    assert hexof(loss) == "f618a83f971f08408803473d1c5d793f"
    with pytest.raises(ValueError) as e:
        mod.nn.weighted_cross_entropy_with_logits(labels=[[0., 1.]], logits=[[1., -2., 3.]], pos_weight=2.0)
    if mod is tf:
        assert str(e.value) == "`logits` and `labels` must have the same shape, received ((1, 3) vs (1, 2))."
    else:
        assert str(e.value) == "logits and labels must have the same shape ((1, 3) vs (1, 2))"


def test_sigmoid_missing_args():
    with pytest.raises(ValueError) as e:
        tf1.nn.sigmoid_cross_entropy_with_logits(labels=None, logits=[[1.]])
    assert str(e.value) == "Both labels and logits must be provided."
