"""tfxent.keras (TF 2.21 = Keras 3.15.1): exact bytes, messages and warnings. Every expected
value below was recorded from tensorflow-cpu 2.21.0 / keras 3.15.1."""
import inspect
import warnings

import numpy as np
import pytest

import tfxent as tf

K = tf.keras
Y3 = [[0., 0., 1.], [1., 0., 0.]]
P3 = [[0.1, 0.2, 0.7], [0.5, 0.3, 0.2]]
LG = np.array([[1., 2., 3.], [-1., 0.5, 4.]], np.float32)
ONE_CLASS = ("In loss categorical_crossentropy, expected y_pred.shape to be (batch_size, "
             "num_classes) with num_classes > 1. Received: y_pred.shape=(2, 1). Consider using "
             "'binary_crossentropy' if you only have 2 classes.")
FROM_LOGITS = ('"`%s` received `from_logits=True`, but the `output` argument was produced by a '
               '%s activation and thus does not represent logits. Was this intended?')


def bits(t, dtype, shape, hexbytes):
    assert t.dtype.name == dtype
    assert tuple(t.shape) == shape
    assert t.numpy().tobytes().hex() == hexbytes


def record(fn):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        out = fn()
    return out, [(x.category, str(x.message)) for x in w]


def test_signatures():
    sig = {
        "categorical_crossentropy": "(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1)",
        "sparse_categorical_crossentropy": "(y_true, y_pred, from_logits=False, ignore_class=None, axis=-1)",
        "binary_crossentropy": "(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1)",
        "categorical_focal_crossentropy": "(y_true, y_pred, alpha=0.25, gamma=2.0, from_logits=False, "
                                          "label_smoothing=0.0, axis=-1)",
        "binary_focal_crossentropy": "(y_true, y_pred, apply_class_balancing=False, alpha=0.25, gamma=2.0, "
                                     "from_logits=False, label_smoothing=0.0, axis=-1)",
        "CategoricalCrossentropy": "(from_logits=False, label_smoothing=0.0, axis=-1, "
                                   "reduction='sum_over_batch_size', name='categorical_crossentropy', dtype=None)",
        "SparseCategoricalCrossentropy": "(from_logits=False, ignore_class=None, reduction='sum_over_batch_size', "
                                         "axis=-1, name='sparse_categorical_crossentropy', dtype=None)",
        "BinaryCrossentropy": "(from_logits=False, label_smoothing=0.0, axis=-1, "
                              "reduction='sum_over_batch_size', name='binary_crossentropy', dtype=None)",
        "CategoricalFocalCrossentropy": "(alpha=0.25, gamma=2.0, from_logits=False, label_smoothing=0.0, axis=-1, "
                                        "reduction='sum_over_batch_size', name='categorical_focal_crossentropy', "
                                        "dtype=None)",
        "BinaryFocalCrossentropy": "(apply_class_balancing=False, alpha=0.25, gamma=2.0, from_logits=False, "
                                   "label_smoothing=0.0, axis=-1, reduction='sum_over_batch_size', "
                                   "name='binary_focal_crossentropy', dtype=None)",
    }
    for name, text in sig.items():
        assert str(inspect.signature(getattr(K.losses, name))) == text, name
    assert str(inspect.signature(K.activations.softmax)) == "(x, axis=-1)"
    assert str(inspect.signature(K.ops.softmax)) == "(x, axis=-1)"
    assert str(inspect.signature(K.activations.sigmoid)) == "(x)"


def test_doc_examples():
    bits(K.losses.categorical_crossentropy([[[0., 1.]]], [[[0.4, 0.6]]]), "float32", (1, 1), "77c5023f")
    bits(K.losses.categorical_crossentropy([[[0., 0., 1., 0.]]], [[[0.1, 0.6, 0.1, 0.2]]]),
         "float32", (1, 1), "8e5d1340")
    y, p = [[0, 1, 0], [0, 0, 1]], [[0.05, 0.95, 0], [0.1, 0.8, 0.1]]
    r = K.losses.categorical_crossentropy(y, p)
    bits(r, "float32", (2,), "ee18523d8e5d1340")
    assert str(r.numpy()) == "[0.05129331 2.3025851 ]"
    r = K.losses.CategoricalCrossentropy()(y, p)
    bits(r, "float32", (), "f2a5963f")
    assert repr(r) == "<tf.Tensor: shape=(), dtype=float32, numpy=1.1769392490386963>"


def test_sparse_python_lists_attribute_error():
    with pytest.raises(AttributeError) as e:
        K.losses.sparse_categorical_crossentropy([1, 2], [[0.05, 0.95, 0], [0.1, 0.8, 0.1]])
    assert str(e.value) == "'list' object has no attribute 'shape'"


def test_sparse_ignore_class_and_axis():
    r = K.losses.sparse_categorical_crossentropy(
        np.array([1, 2]), np.array([[0.05, 0.95, 0], [0.1, 0.8, 0.1]], np.float32), ignore_class=2)
    bits(r, "float32", (2,), "1319523d00000000")
    assert r._keras_mask.numpy().tolist() == [True, False]
    with pytest.raises(ValueError) as e:
        K.losses.sparse_categorical_crossentropy(np.array([[1, 2]]), np.ones((1, 2, 3), np.float32), axis=1)
    assert str(e.value) == "Only axis=-1 is currently supported. Received: axis=1"


def test_one_class_syntax_warning_not_printed(capsys):
    r, w = record(lambda: K.losses.categorical_crossentropy([[1.], [0.]], [[0.3], [0.7]]))
    bits(r, "float32", (2,), "0000003400000000")
    assert w == [(SyntaxWarning, ONE_CLASS)]
    assert capsys.readouterr().out == ""


def test_axis_bool():
    with pytest.raises(ValueError) as e:
        K.losses.categorical_crossentropy(Y3, Y3, axis=True)
    assert str(e.value) == "`axis` must be of type `int`. Received: axis=True of type <class 'bool'>"


def test_keras_logits_from_activations():
    for fn in (lambda: K.activations.softmax(tf.constant(LG)), lambda: K.ops.softmax(tf.constant(LG))):
        r, w = record(lambda: K.losses.categorical_crossentropy(Y3, fn()))
        bits(r, "float32", (2,), "bab1d03e1f29a140")
        assert w == []
        r, w = record(lambda: K.losses.categorical_crossentropy(Y3, fn(), from_logits=True))
        bits(r, "float32", (2,), "bab1d03e1f29a140")
        assert w == [(UserWarning, FROM_LOGITS % ("categorical_crossentropy", "Softmax"))]
        r, w = record(lambda: K.losses.sparse_categorical_crossentropy(np.array([2, 0]), fn(),
                                                                      from_logits=True))
        bits(r, "float32", (2,), "bab1d03e1f29a140")
        assert w == [(UserWarning, FROM_LOGITS % ("sparse_categorical_crossentropy", "Softmax"))]
    # a plain tf.nn.softmax output carries no logits in eager mode
    bits(K.losses.categorical_crossentropy(Y3, tf.nn.softmax(tf.constant(LG))), "float32", (2,),
         "bbb1d03e1f29a140")
    r, w = record(lambda: K.losses.binary_crossentropy(Y3, K.ops.sigmoid(tf.constant(LG)), from_logits=True))
    bits(r, "float32", (2,), "c0da943f60840640")
    assert w == [(UserWarning, FROM_LOGITS % ("binary_crossentropy", "Sigmoid"))]
    bits(K.losses.binary_crossentropy(Y3, K.activations.sigmoid(tf.constant(LG))), "float32", (2,),
         "c0da943f60840640")


def test_softmax_size_one_axis_warning():
    r, w = record(lambda: K.ops.softmax(np.array([[1.], [2.]], np.float32)))
    bits(r, "float32", (2, 1), "0000803f0000803f")
    assert w == [(UserWarning, "You are using a softmax over axis -1 of a tensor of shape (2, 1). This "
                  "axis has size 1. The softmax operation will always return the value 1, which is "
                  "likely not what you intended. Did you mean to use a sigmoid instead?")]


def test_label_smoothing_half():
    r = K.losses.categorical_crossentropy(np.array(Y3, np.float16),
                                          np.array([[0.2, 0.3, 0.5], [0.6, 0.3, 0.1]], np.float16),
                                          label_smoothing=0.1)
    bits(r, "float16", (2,), "ed39bf38")


def test_class_reductions_and_policy():
    r = K.losses.SparseCategoricalCrossentropy(ignore_class=0)(
        np.array([2, 0, 1]), np.array([[0.1, 0.2, 0.7], [0.5, 0.3, 0.2], [0.3, 0.4, 0.3]], np.float32))
    bits(r, "float32", (), "8bf0223f")
    r = K.losses.BinaryCrossentropy(reduction="mean_with_sample_weight")(Y3, P3, sample_weight=[0.5, 2.0])
    bits(r, "float32", (), "9030c53e")
    bits(K.losses.CategoricalCrossentropy(dtype="mixed_float16")(Y3, P3), "float16", (), "3338")
    assert K.losses.CategoricalCrossentropy(dtype="float64").dtype == "float64"


def test_errors_of_construction():
    with pytest.raises(ValueError) as e:
        K.losses.CategoricalCrossentropy(dtype="int7")
    assert str(e.value) == ("Cannot convert 'int7' to a mixed precision DTypePolicy. Valid policies "
                            "include 'mixed_float16', 'mixed_bfloat16', and the name of any float "
                            "dtype such as 'float32'.")
    with pytest.raises(ValueError) as e:
        K.losses.CategoricalCrossentropy(reduction="x")
    allowed = {"sum_over_batch_size", "sum", None, "none", "mean", "mean_with_sample_weight"}
    assert str(e.value) == ("Invalid value for argument `reduction`. Expected one of %s. Received: "
                            "reduction=x" % (allowed,))


def test_configs():
    assert K.losses.SparseCategoricalCrossentropy(ignore_class=3, reduction=None).get_config() == {
        "name": "sparse_categorical_crossentropy", "reduction": None, "from_logits": False,
        "ignore_class": 3}
    c = K.losses.BinaryCrossentropy.from_config(
        K.losses.BinaryCrossentropy(label_smoothing=0.2, name="q").get_config())
    assert c.get_config() == {"name": "q", "reduction": "sum_over_batch_size", "from_logits": False,
                              "label_smoothing": 0.2, "axis": -1}
    assert K.losses.BinaryFocalCrossentropy().get_config() == {
        "name": "binary_focal_crossentropy", "reduction": "sum_over_batch_size", "from_logits": False,
        "label_smoothing": 0.0, "axis": -1, "apply_class_balancing": False, "alpha": 0.25, "gamma": 2.0}
    assert K.losses.CategoricalFocalCrossentropy().get_config() == {
        "name": "categorical_focal_crossentropy", "reduction": "sum_over_batch_size",
        "from_logits": False, "label_smoothing": 0.0, "axis": -1, "alpha": 0.25, "gamma": 2.0}


def test_focal_losses():
    # recorded from tf.keras (Keras 3.15.1) on TF 2.21: focal factors go through TF's Pow
    bits(K.losses.binary_focal_crossentropy([[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]], gamma=2),
         "float32", (2,), "06e4a83ed0bc523e")
    bits(K.losses.categorical_focal_crossentropy([[0, 1, 0], [0, 0, 1]],
                                                 [[0.05, 0.9, 0.05], [0.1, 0.85, 0.05]]),
         "float32", (2,), "26198a3993082d3f")
    y_true, y_pred = [0, 1, 0, 0], [-18.6, 0.51, 2.94, -12.8]
    bits(K.losses.BinaryFocalCrossentropy(gamma=2, from_logits=True)(y_true, y_pred),
         "float32", (), "48f3303f")
    y2, p2 = [[0, 1], [0, 0]], [[-18.6, 0.51], [2.94, -12.8]]
    bits(K.losses.BinaryFocalCrossentropy(gamma=3, from_logits=True)(y2, p2, sample_weight=[0.8, 0.2]),
         "float32", (), "ee51083e")
    bits(K.losses.BinaryFocalCrossentropy(apply_class_balancing=True, gamma=3, from_logits=True,
                                          reduction="sum")(y2, p2), "float32", (), "3adb763f")
    y, p = [[0., 1., 0.], [0., 0., 1.]], [[0.05, 0.95, 0], [0.1, 0.8, 0.1]]
    bits(K.losses.CategoricalFocalCrossentropy()(y, p), "float32", (), "99bf6e3e")
    bits(K.losses.CategoricalFocalCrossentropy(reduction=None, gamma=1.5, label_smoothing=0.1)(y, p),
         "float32", (2,), "3c59213eb657f33e")
    # 24 elements: the first 24 of Pow's output take Eigen's packet path
    y4 = np.eye(4, 6, dtype=np.float32)
    p4 = ((np.arange(24, dtype=np.float32).reshape(4, 6) % 7 + 1) / 10).astype(np.float32)
    bits(K.losses.categorical_focal_crossentropy(y4, p4, gamma=1.5), "float32", (4,),
         "4019353f347e383f48ba3b3f0cd13e3f")
    bits(K.losses.binary_focal_crossentropy(y4, p4, gamma=2.5), "float32", (4,),
         "cb7fbd3e93d0d13e9029dd3e1735e33e")
    yn = np.array(y, np.float32)
    want = {"float16": ("ec34", "503b2d30"), "bfloat16": ("9d3e", "6a3f053e"),
            "float64": ("452224cfabaed33f", "cc0c74396341ed3fb975d59aceb4c03f")}
    for dt, (c_hex, b_hex) in want.items():
        bits(K.losses.CategoricalFocalCrossentropy(from_logits=True, dtype=dt, alpha=0.5, gamma=0.5)(yn, LG),
             dt, (), c_hex)
        bits(K.losses.binary_focal_crossentropy(tf.constant(y, dt), tf.constant(LG, dt), from_logits=True,
                                                gamma=1.5, apply_class_balancing=True), dt, (2,), b_hex)


def test_tree_structures():
    c = K.losses.CategoricalCrossentropy()
    with pytest.raises(ValueError) as e:
        c(tf.constant(Y3), P3)
    assert str(e.value) == "Structures don't have the same nested structure."
    with pytest.raises(ValueError) as e:
        c(Y3, tf.constant(P3))
    assert str(e.value) == ("Expected an instance of list, got <tf.Tensor: shape=(2, 3), dtype=float32, "
                            "numpy=\narray([[0.1, 0.2, 0.7],\n       [0.5, 0.3, 0.2]], dtype=float32)>.")
    bits(c([0., 0., 1.], [0.1, 0.2, 0.7]), "float32", (), "1a9eb63e")
    bits(c(Y3, P3, sample_weight=[1., 2.]), "float32", (), "9e195f3f")


def test_inputs_not_modified():
    y = np.array(Y3, np.float32)
    p = np.array(P3, np.float32)
    y0, p0 = y.copy(), p.copy()
    K.losses.CategoricalCrossentropy(label_smoothing=0.1)(y, p, sample_weight=np.array([1., 2.], np.float32))
    K.losses.binary_crossentropy(y, p, label_smoothing=0.2)
    assert y.tobytes() == y0.tobytes() and p.tobytes() == p0.tobytes()
