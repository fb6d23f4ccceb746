"""Tensors, conversion and printing: expectations are TF 2.21 / TF 1.15.5 eager outputs."""
import subprocess
import sys

import numpy as np
import pytest

import tfxent as tf
import tfxent.compat.v1 as tf1


def hexof(t):
    return t.numpy().tobytes().hex()


@pytest.mark.parametrize("value,dtype,shape,hexbytes", [
    (1.5, "float32", (), "0000c03f"),
    (1, "int32", (), "01000000"),
    (True, "bool", (), "01"),
    ([1, 2.5], "float32", (2,), "0000803f00002040"),
    ([[1.0, 2]], "float32", (1, 2), "0000803f00000040"),
    (2 ** 31, "int64", (), "0000008000000000"),
    ([1, 2 ** 31], "int64", (2,), "01000000000000000000008000000000"),
    (-2 ** 63, "int64", (), "0000000000000080"),
    ([], "float32", (0,), ""),
    ([[], []], "float32", (2, 0), ""),
    (np.float64(1), "float64", (), "000000000000f03f"),
    (np.array([1.]), "float64", (1,), "000000000000f03f"),
    ([np.float64(1), 2], "float64", (2,), "000000000000f03f0000000000000040"),
    ([np.float32(1), 2.0], "float32", (2,), "0000803f00000040"),
    ([np.int64(1)], "int32", (1,), "01000000"),
    ([2 ** 31, 1.5], "float32", (2,), "0000004f0000c03f"),
    ((1, 2), "int32", (2,), "0100000002000000"),
    (float("nan"), "float32", (), "0000c07f"),
])
@pytest.mark.parametrize("mod", [tf, tf1])
def test_constant_inference(mod, value, dtype, shape, hexbytes):
    t = mod.constant(value)
    assert t.dtype.name == dtype
    assert tuple(t.shape) == shape
    assert hexof(t) == hexbytes


@pytest.mark.parametrize("value,exc,msg", [
    ([True, 1], ValueError, "Can't convert Python sequence with mixed types to Tensor."),
    (2 ** 63, ValueError, "Can't convert Python sequence with out-of-range integer to Tensor."),
    ([[1], [2, 3]], ValueError, "Can't convert non-rectangular Python sequence to Tensor."),
    (None, ValueError, "Attempt to convert a value (None) with an unsupported type (<class 'NoneType'>) to a Tensor."),
    (1e40, ValueError, "Can't convert Python sequence with a value out of range for a double-precision float."),
])
def test_constant_errors(value, exc, msg):
    with pytest.raises(exc) as e:
        tf.constant(value)
    assert str(e.value) == msg


@pytest.mark.parametrize("value,dtype,out", [
    (1.5, tf.int32, "!Cannot convert 1.5 to EagerTensor of dtype int32"),
    ([1.0, 2], tf.int64, "!Cannot convert [1.0, 2] to EagerTensor of dtype int64"),
    (1, tf.bool, "!Cannot convert 1 to EagerTensor of dtype bool"),
    (2 ** 31, tf.int32, "00000080"),
    (2 ** 31, tf.float16, "007c"),
    (1e40, tf.float32, "0000807f"),
    (1e40, tf.int32, "!Cannot convert 1e+40 to EagerTensor of dtype int32"),
    (np.array([1.5]), tf.int32, "01000000"),
    (True, tf.float16, "003c"),
    (300, tf.float16, "b05c"),
])
def test_constant_with_dtype(value, dtype, out):
    if out.startswith("!"):
        with pytest.raises(TypeError) as e:
            tf.constant(value, dtype=dtype)
        assert str(e.value) == out[1:]
    else:
        assert hexof(tf.constant(value, dtype=dtype)) == out


def test_constant_shape():
    assert str(tf.constant(0., shape=[2, 3])) == (
        "tf.Tensor(\n[[0. 0. 0.]\n [0. 0. 0.]], shape=(2, 3), dtype=float32)")
    with pytest.raises(TypeError) as e:
        tf.constant([1, 2, 3], shape=[2, 2])
    assert str(e.value) == ("Eager execution of tf.constant with unsupported shape. Tensor [1 2 3] "
                            "(converted from [1, 2, 3]) has 3 elements, but got `shape` (2, 2) with 4 elements).")
    with pytest.raises(TypeError) as e:
        tf1.constant([1, 2], shape=[4])
    assert str(e.value) == ("Eager execution of tf.constant with unsupported shape (value has 2 "
                            "elements, shape is (4,) with 4 elements).")


def test_printing_v2():
    assert str(tf.constant([[1.0, 2, 3]])) == "tf.Tensor([[1. 2. 3.]], shape=(1, 3), dtype=float32)"
    assert repr(tf.constant([[1.0, 2, 3]])) == (
        "<tf.Tensor: shape=(1, 3), dtype=float32, numpy=array([[1., 2., 3.]], dtype=float32)>")
    assert repr(tf.constant(1.5)) == "<tf.Tensor: shape=(), dtype=float32, numpy=1.5>"
    assert str(tf.constant([1, 2])) == "tf.Tensor([1 2], shape=(2,), dtype=int32)"
    assert repr(tf.constant(2 ** 31 - 1)) == "<tf.Tensor: shape=(), dtype=int32, numpy=2147483647>"


def test_printing_v1_has_id():
    r = repr(tf1.constant([[1.0, 2, 3]]))
    assert r.startswith("<tf.Tensor: id=") and r.endswith(
        ", shape=(1, 3), dtype=float32, numpy=array([[1., 2., 3.]], dtype=float32)>")
    assert str(tf1.constant(1.5)) == "tf.Tensor(1.5, shape=(), dtype=float32)"


def test_numpy_and_array_are_copies():
    src = np.array([1.0, 2.0], dtype=np.float32)
    t = tf.constant(src)
    src[0] = 7
    assert hexof(t) == "0000803f00000040"
    a = np.asarray(t)
    assert a.tobytes() == t.numpy().tobytes()
    n = t.numpy()
    n[0] = 9
    assert hexof(t) == "0000803f00000040"


def test_convert_to_tensor_dtype_mismatch():
    with pytest.raises(ValueError) as e:
        tf.convert_to_tensor(tf.constant([1]), dtype=tf.float32)
    assert str(e.value) == ("Tensor conversion requested dtype float32 for Tensor with dtype int32: "
                            "<tf.Tensor: shape=(1,), dtype=int32, numpy=array([1], dtype=int32)>")
    assert hexof(tf.convert_to_tensor([1.5, 2], dtype_hint=tf.int32)) == "0000c03f00000040"


def test_cast():
    x = tf.constant([float("nan"), 3e9, -3e9, 2.7, -2.7])
    assert hexof(tf.cast(x, tf.int32)) == "00000080000000800000008002000000feffffff"
    assert hexof(tf.cast(tf.constant([0., -0., 1e-40, float("nan")]), tf.bool)) == "00000001"
    assert hexof(tf1.cast(tf1.constant([0., -0., 1e-40, float("nan")]), tf1.bool)) == "00000101"
    assert hexof(tf.cast(tf.constant([1e-40, 1e-45], tf.float64), tf.float32)) == "0000000000000000"
    assert hexof(tf1.cast(tf1.constant([1e-40, 1e-45], tf1.float64), tf1.float32)) == "c216010001000000"


def test_dtypes():
    assert tf.float32 == "float32" and tf.float32 == np.float32 and tf.float32 != tf.float64
    assert repr(tf.float32) == "tf.float32"
    assert tf.as_dtype("half") is tf.float16


def test_import_pulls_no_framework():
    code = ("import sys, tfxent, tfxent.compat.v1; "
            "bad=[m for m in sys.modules if m.split('.')[0] in ('tensorflow','keras','jax','torch')]; "
            "print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_eager_scalar_cache_signed_zero():
    """TF caches converted Python scalars per (value, dtype): the first signed zero wins
    (recorded: TF 2.21 and 1.15.5 print 80000000 for both below, then 0 for an int 0)."""
    from tfxent import _convert
    _convert.clear_scalar_cache()
    x = tf.constant(np.array([-1.0, 2.0], np.float32))
    assert hexof(tf.maximum(x, -0.0)) == "0000008000000040"
    assert hexof(tf.maximum(x, 0.0)) == "0000008000000040"
    assert hexof(tf.maximum(x, 0)) == "0000000000000040"
    assert hexof(tf.constant(0.0, dtype=tf.float64)) == "0000000000000000"
    _convert.clear_scalar_cache()
    assert hexof(tf.maximum(x, 0.0)) == "0000000000000040"
    _convert.clear_scalar_cache()


@pytest.mark.parametrize("mod", [tf, tf1])
def test_python_floats_to_half_round_through_float(mod):
    # TF 2.21 and 1.15.5: a Python float reaches half / bfloat16 through float (two
    # roundings); a float64 NumPy array is converted by NumPy (one rounding).
    xh = 1 + 2 ** -11 + 2 ** -40
    u16 = lambda t: t.numpy().view(np.uint16).tolist()  # noqa: E731
    assert u16(mod.constant([xh], dtype=mod.float16)) == [15360]
    assert u16(mod.constant(xh, dtype=mod.float16)) == 15360
    assert u16(mod.convert_to_tensor([xh, 2.0], dtype=mod.float16)) == [15360, 16384]
    assert u16(mod.constant(np.array([xh]), dtype=mod.float16)) == [15361]
    if mod is tf:
        xb = 1 + 2 ** -8 + 2 ** -30
        assert u16(tf.constant([xb], dtype=tf.bfloat16)) == [16256]
        assert u16(tf.constant(xb, dtype=tf.bfloat16)) == 16256


def test_pow_operator_tf221():
    """``x ** y`` / ``y ** x`` = tf.pow with the other operand converted to the tensor's
    dtype (TF 2.21 binary_op_wrapper); bits and texts printed by TF 2.21."""
    import tfxent as tf
    x = tf.constant([0.5, 2.0, 3.0, -1.5, 0.1, 7.7, 1e-3, 4.0, 9.0, 0.3, 0.9, 1.1, 2.5, 3.3,
                     4.4, 5.5, 6.6, 0.25])
    assert ((1.0 - x) ** 2.0).numpy().tobytes().hex() == (
        "0000803e0000803f000080400000c840285c4f3f5b8f3342ff7c7f3f000010410000804247e1fa3e"
        "0fd7233c0fd7233c00001040ae47a940c3f538410100a24147e1fa410000103f")
    with pytest.raises(TypeError) as e:
        tf.constant([1, 2]) ** 0.5
    assert str(e.value) == "Cannot convert 0.5 to EagerTensor of dtype int32"
