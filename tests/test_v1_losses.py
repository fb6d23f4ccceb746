"""tf.compat.v1.losses and tf.compat.v1.keras.losses (TF 1.15.5, eager): exact bytes, shapes,
dtypes and error texts. Every expected value below was recorded from TensorFlow 1.15.5 (eager
mode, ``tf`` = ``tf.compat.v1``) by evaluating the same expression; no tolerances."""
import inspect

import numpy as np
import pytest

import tfxent.compat.v1 as tf

X = np.array([[1.0, 2.0, 3.0], [0.5, -1.0, 2.0]], np.float32)
Y = np.array([[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]], np.float32)
P = np.array([[0.1, 0.7, 0.2], [0.5, 0.25, 0.25]], np.float32)
SPECIAL = np.array([[np.nan, 0.0, -0.0], [1e-40, -88.5, 90.0]], np.float32)

# (expression, "ok", dtype, shape, bytes hex) | (expression, "err", class, message)
# | (expression, "value", repr)
CASES = [
    ('tf.losses.softmax_cross_entropy(Y, X)', 'ok', 'float32', (), 'dc87893f'),
    ('tf.losses.softmax_cross_entropy(Y, X, label_smoothing=0.33)', 'ok', 'float32', (), '95a69e3f'),
    ("tf.losses.softmax_cross_entropy(Y.astype(np.float16), X.astype(np.float16), label_smoothing=0.33, reduction='none')", 'ok', 'float16', (2,), 'e739f73e'),
    ('tf.losses.softmax_cross_entropy(Y.astype(np.float64), X.astype(np.float64), weights=[1.0, 0.0])', 'ok', 'float64', (), '000000603716da3f'),
    ('tf.losses.softmax_cross_entropy(Y, X, weights=[1.0, 0.0], reduction=tf.losses.Reduction.MEAN)', 'ok', 'float32', (), 'bab1d03e'),
    ('tf.losses.softmax_cross_entropy(Y, X, weights=[1.0, 0.0], reduction=tf.losses.Reduction.SUM_OVER_BATCH_SIZE)', 'ok', 'float32', (), 'bab1503e'),
    ('tf.losses.softmax_cross_entropy(Y, X, weights=[1.0, 0.0], reduction=tf.losses.Reduction.SUM)', 'ok', 'float32', (), 'bab1d03e'),
    ('tf.losses.softmax_cross_entropy(Y, X, weights=0.0)', 'ok', 'float32', (), '00000000'),
    ("tf.losses.softmax_cross_entropy(Y, SPECIAL, reduction='none')", 'ok', 'float32', (2,), '0000c07f0000b442'),
    ('tf.losses.softmax_cross_entropy(Y, X, weights=[1.0, 2.0, 3.0])', 'err', 'ValueError', 'weights can not be broadcast to values. Mismatch at dim 0. values.shape=[2] weights.shape=[3].'),
    ('tf.losses.softmax_cross_entropy(Y, X, weights=[[1.0, 2.0]])', 'err', 'ValueError', 'weights can not be broadcast to values. values.rank=1. weights.rank=2. values.shape=(2,). weights.shape=(1, 2).'),
    ('tf.losses.softmax_cross_entropy(None, X)', 'err', 'ValueError', 'onehot_labels must not be None.'),
    ("tf.losses.softmax_cross_entropy(Y, X, reduction='sum')", 'err', 'ValueError', 'Invalid Reduction Key sum.'),
    ('tf.losses.softmax_cross_entropy(Y[:, :2], X)', 'err', 'ValueError', 'Shapes (2, 3) and (2, 2) are incompatible'),
    ('tf.losses.sparse_softmax_cross_entropy(np.array([2, 0]), X)', 'ok', 'float32', (), 'dc87893f'),
    ('tf.losses.sparse_softmax_cross_entropy(np.array([[2], [0]]), X, weights=np.array([[2.0], [0.0]]))', 'ok', 'float32', (), 'bab1503f'),
    ('tf.losses.sparse_softmax_cross_entropy(np.array([0, 5]), X)', 'err', 'InvalidArgumentError', 'Received a label value of 5 which is outside the valid range of [0, 3).  Label values: 0 5 [Op:SparseSoftmaxCrossEntropyWithLogits] name: xentropy'),
    ('tf.losses.sparse_softmax_cross_entropy(np.array([0, 1]), X, weights=np.ones((2, 3)))', 'err', 'InvalidArgumentError', 'Can not squeeze dim[1], expected a dimension of 1, got 3 [Op:Squeeze]'),
    ('tf.losses.sigmoid_cross_entropy(Y, X, label_smoothing=0.1)', 'ok', 'float32', (), 'a010883f'),
    ("tf.losses.sigmoid_cross_entropy(Y.astype(np.float16), SPECIAL.astype(np.float16), reduction='none')", 'ok', 'float16', (2, 3), '007e8c398c398c390000a055'),
    ('tf.losses.sigmoid_cross_entropy(Y, X[:, :2])', 'err', 'ValueError', 'Shapes (2, 2) and (2, 3) are incompatible'),
    ('tf.losses.log_loss(Y, P)', 'ok', 'float32', (), '47a8323f'),
    ("tf.losses.log_loss(Y, SPECIAL, reduction='none')", 'ok', 'float32', (2, 3), '0000c0ffffffffb3dcf18041dcf180410000c0ff0000c07f'),
    ('tf.losses.log_loss(Y, P, weights=np.array([[1.0], [0.0]]), epsilon=0.0)', 'ok', 'float32', (), '8811793f'),
    ('tf.losses.compute_weighted_loss(np.array([1, 2, 4]))', 'ok', 'int64', (), '0200000000000000'),
    ("tf.losses.compute_weighted_loss(np.array([[1.5, -0.0]], np.float16), weights=[[0.0, 1.0]], reduction='none')", 'ok', 'float16', (1, 2), '00000080'),
    ('tf.losses.compute_weighted_loss(X.astype(np.float64), weights=[[np.nan], [0.0]])', 'ok', 'float64', (), '000000000000f87f'),
    ('tf.losses.compute_weighted_loss(X, weights=None)', 'err', 'ValueError', "Attempt to convert a value (None) with an unsupported type (<class 'NoneType'>) to a Tensor."),
    ('tf.losses.Reduction.all()', 'value', "('none', 'weighted_sum', 'weighted_mean', 'weighted_sum_over_batch_size', 'weighted_sum_by_nonzero_weights', 'weighted_sum_by_nonzero_weights')"),
    ('tf.keras.losses.categorical_crossentropy(Y, P)', 'ok', 'float32', (2,), '1002ce3f1872313f'),
    ('tf.keras.losses.categorical_crossentropy(Y, P, label_smoothing=0.33)', 'ok', 'float32', (2,), 'f020c63fd67b583f'),
    ('tf.keras.losses.categorical_crossentropy(Y.astype(np.float64), X.astype(np.float64), from_logits=True)', 'ok', 'float64', (2,), '9d5cbc533716da3ff8c3f43b69dcfb3f'),
    ('tf.keras.losses.categorical_crossentropy(Y.astype(np.float16), P.astype(np.float16), label_smoothing=0.1)', 'err', 'InvalidArgumentError', 'cannot compute Mul as input #1(zero-based) was expected to be a half tensor but is a float tensor [Op:Mul] name: mul/'),
    ('tf.keras.losses.categorical_crossentropy(Y[0], P[0], label_smoothing=0.1)', 'err', 'InvalidArgumentError', 'slice index 1 of dimension 0 out of bounds. [Op:StridedSlice] name: strided_slice/'),
    ('tf.keras.losses.binary_crossentropy(Y, P)', 'ok', 'float32', (2,), '8311793f157ed83e'),
    ('tf.keras.losses.binary_crossentropy(Y.astype(np.float16), P.astype(np.float16))', 'ok', 'float16', (2,), 'c93bc436'),
    ('tf.keras.losses.binary_crossentropy(Y, X, from_logits=True, label_smoothing=0.2)', 'ok', 'float32', (2,), 'bfda943fdb6a743f'),
    ('tf.keras.losses.binary_crossentropy(Y.astype(np.float64), P.astype(np.float64), label_smoothing=0.2)', 'err', 'InvalidArgumentError', 'cannot compute Mul as input #1(zero-based) was expected to be a double tensor but is a float tensor [Op:Mul] name: mul/'),
    ('tf.keras.losses.sparse_categorical_crossentropy(np.array([2, 0]), tf.constant(P))', 'ok', 'float32', (2,), '1002ce3f1872313f'),
    ('tf.keras.losses.sparse_categorical_crossentropy(np.array([2, 0]), P)', 'err', 'AttributeError', "'numpy.ndarray' object has no attribute 'op'"),
    ('tf.keras.losses.sparse_categorical_crossentropy(np.array([[1, 2]]), X[None].transpose(0, 2, 1), from_logits=True, axis=1)', 'ok', 'float32', (1, 2), '6e2cb43f511a773e'),
    ('tf.keras.losses.CategoricalCrossentropy()(Y, P)', 'ok', 'float32', (), '8e5d933f'),
    ("tf.keras.losses.CategoricalCrossentropy(from_logits=True, reduction='sum')(Y, X, sample_weight=[1.0, 0.5])", 'ok', 'float32', (), '149ea33f'),
    ('tf.keras.losses.CategoricalCrossentropy(label_smoothing=0.1)(Y.astype(np.float16), P.astype(np.float16))', 'err', 'InvalidArgumentError', 'cannot compute Mul as input #1(zero-based) was expected to be a half tensor but is a float tensor [Op:Mul] name: categorical_crossentropy/mul/'),
    ("tf.keras.losses.BinaryCrossentropy(reduction='none')(Y, P, sample_weight=[[2.0], [0.0]])", 'ok', 'float32', (2,), '8311f93f00000000'),
    ("tf.keras.losses.BinaryCrossentropy(label_smoothing=0.1, name='foo')(Y.astype(np.float64), P.astype(np.float64))", 'err', 'InvalidArgumentError', 'cannot compute Mul as input #1(zero-based) was expected to be a double tensor but is a float tensor [Op:Mul] name: foo/mul/'),
    ('tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)(np.array([2, 7]), X)', 'err', 'InvalidArgumentError', 'Received a label value of 7 which is outside the valid range of [0, 3).  Label values: 2 7 [Op:SparseSoftmaxCrossEntropyWithLogits]'),
    ('tf.keras.losses.SparseCategoricalCrossentropy()(np.array([2, 0]), tf.constant(P), sample_weight=2.0)', 'ok', 'float32', (), '8e5d1340'),
    ('tf.keras.losses.CategoricalCrossentropy()(Y, P, sample_weight=[[1.0, 2.0, 3.0]])', 'err', 'InvalidArgumentError', 'Can not squeeze dim[1], expected a dimension of 1, got 3 [Op:Squeeze]'),
    ("tf.keras.losses.CategoricalCrossentropy(reduction='weighted_sum')", 'err', 'ValueError', 'Invalid Reduction Key weighted_sum.'),
    ('sorted(tf.keras.losses.BinaryCrossentropy(from_logits=True).get_config().items())', 'value', "[('from_logits', True), ('label_smoothing', 0), ('name', 'binary_crossentropy'), ('reduction', 'auto')]"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0][:90] for c in CASES])
def test_matches_tf115(case):
    expr, kind = case[0], case[1]
    env = {"tf": tf, "np": np, "X": X, "Y": Y, "P": P, "SPECIAL": SPECIAL}
    inputs = [a.copy() for a in (X, Y, P, SPECIAL)]
    if kind == "err":
        with pytest.raises(Exception) as info:
            eval(expr, env)
        assert type(info.value).__name__ == case[2]
        assert str(info.value) == case[3]
    elif kind == "value":
        assert repr(eval(expr, env)) == case[2]
    else:
        r = eval(expr, env)
        a = np.asarray(r.numpy())
        assert r.dtype.name == case[2]
        assert a.shape == case[3]
        assert a.tobytes().hex() == case[4]
    for before, after in zip(inputs, (X, Y, P, SPECIAL)):  # callers' arrays untouched
        assert before.tobytes() == after.tobytes()


SIGNATURES = {
    "losses.softmax_cross_entropy": "(onehot_labels, logits, weights=1.0, label_smoothing=0, scope=None, loss_collection='losses', reduction='weighted_sum_by_nonzero_weights')",
    "losses.sparse_softmax_cross_entropy": "(labels, logits, weights=1.0, scope=None, loss_collection='losses', reduction='weighted_sum_by_nonzero_weights')",
    "losses.sigmoid_cross_entropy": "(multi_class_labels, logits, weights=1.0, label_smoothing=0, scope=None, loss_collection='losses', reduction='weighted_sum_by_nonzero_weights')",
    "losses.log_loss": "(labels, predictions, weights=1.0, epsilon=1e-07, scope=None, loss_collection='losses', reduction='weighted_sum_by_nonzero_weights')",
    "losses.compute_weighted_loss": "(losses, weights=1.0, scope=None, loss_collection='losses', reduction='weighted_sum_by_nonzero_weights')",
    "keras.losses.categorical_crossentropy": "(y_true, y_pred, from_logits=False, label_smoothing=0)",
    "keras.losses.binary_crossentropy": "(y_true, y_pred, from_logits=False, label_smoothing=0)",
    "keras.losses.sparse_categorical_crossentropy": "(y_true, y_pred, from_logits=False, axis=-1)",
    "keras.losses.CategoricalCrossentropy.__init__": "(self, from_logits=False, label_smoothing=0, reduction='auto', name='categorical_crossentropy')",
    "keras.losses.BinaryCrossentropy.__init__": "(self, from_logits=False, label_smoothing=0, reduction='auto', name='binary_crossentropy')",
    "keras.losses.SparseCategoricalCrossentropy.__init__": "(self, from_logits=False, reduction='auto', name='sparse_categorical_crossentropy')",
    "keras.losses.CategoricalCrossentropy.__call__": "(self, y_true, y_pred, sample_weight=None)",
}


@pytest.mark.parametrize("name", sorted(SIGNATURES))
def test_signature(name):
    obj = tf
    for part in name.split("."):
        obj = getattr(obj, part)
    assert str(inspect.signature(obj)) == SIGNATURES[name]


def test_reduction_constants():
    R = tf.losses.Reduction
    assert (R.NONE, R.SUM, R.MEAN, R.SUM_OVER_BATCH_SIZE, R.SUM_OVER_NONZERO_WEIGHTS,
            R.SUM_BY_NONZERO_WEIGHTS) == ("none", "weighted_sum", "weighted_mean",
                                          "weighted_sum_over_batch_size",
                                          "weighted_sum_by_nonzero_weights",
                                          "weighted_sum_by_nonzero_weights")
    R.validate("weighted_mean")
    with pytest.raises(ValueError) as info:
        R.validate("auto")
    assert str(info.value) == "Invalid Reduction Key auto."
    assert not hasattr(tf.keras.losses, "Reduction")  # not exported under compat.v1 in 1.15


def test_no_tensorflow_import():
    import sys
    assert "tensorflow" not in sys.modules and "keras" not in sys.modules
