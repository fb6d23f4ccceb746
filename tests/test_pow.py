"""tf.pow / the Pow kernel (TF 2.21): exact bytes. Every expected value below was recorded
from tensorflow-cpu 2.21.0 on x86-64 (glibc 2.36). The inputs are chosen so that Eigen's
packet ``generic_pow`` and glibc's ``powf``/``pow`` disagree on every finite element: a wrong
packet/tail split, a wrong packet algorithm or a wrong libm port changes the bytes."""
import hashlib

import numpy as np
import pytest

import tfxent as tf
from tfxent._numerics import glibc
from tfxent._numerics.pow import ppow

F32X = [0.47905129194259644, 0.7345771789550781, 0.5167402029037476, 0.6485472321510315,
        0.6962159872055054, 0.2927207350730896, 0.29840123653411865, 0.31398600339889526,
        0.09085271507501602, 0.20719116926193237]
F64X = [0.5721011456364072, 0.5206752474841477, 0.17635645400610034, 0.2110702198934995,
        0.7929024529451719, 0.6343972821207983]
INF, NAN = float("inf"), float("nan")
SX = [0.0, -0.0, INF, -INF, NAN, -2.0, 1e-40, -1e-40]
SX64 = [0.0, -0.0, INF, -INF, NAN, -2.0, 1e-310, -1e-310]
SY = [-3.0, 3.0, -0.5, 3.0, 0.0, 0.5, 1.0, 2.0]
HX = [0.1, 0.5, 0.9, 2.0, 1e-4, 60000.0, NAN, -2.0, 3.0]
HY = [1.5, 2.0, 0.5, -20.0, 0.5, 1.5, 0.0, 3.0, 7.5]


def hexof(t, dtype, shape):
    assert t.dtype.name == dtype
    assert tuple(t.shape) == shape
    return t.numpy().tobytes().hex()


def test_paths_disagree_on_the_chosen_inputs():
    x = np.array(F32X, np.float32)
    y = np.full_like(x, 1.5)
    assert (ppow(x, y).view(np.uint32) != glibc.powf(x, y, ftz_daz=True).view(np.uint32)).all()
    x = np.array(F64X)
    y = np.full_like(x, 1.5)
    assert (ppow(x, y).view(np.uint64) != glibc.pow(x, y, ftz_daz=True).view(np.uint64)).all()


def test_float32_packet_and_tail():
    # 10 elements: 8 packet (generic_pow), 2 tail (powf)
    want = "52c3a93ea62c213f972fbe3edbb4053f24b7143f712c223ec9ea263eb429343ebb55e03c8025c13d"
    x = tf.constant(F32X, tf.float32)
    assert hexof(tf.pow(x, 1.5), "float32", (10,)) == want
    assert hexof(tf.math.pow(x, tf.constant([1.5] * 10)), "float32", (10,)) == want
    assert hexof(tf.pow(tf.constant(1.5), x), "float32", (10,)) == (
        "00719b3ff968ac3fc4d59d3fed7fa63fc6bfa93f6121903f7576903fe560913f9acd843fbd378b3f")


def test_float64_packet_and_tail():
    # 6 elements: 4 packet, 2 tail (pow@GLIBC_2.2.5)
    r = tf.pow(tf.constant(F64X, tf.float64), tf.constant(1.5, tf.float64))
    assert hexof(r, "float64", (6,)) == (
        "b03785a9b8b1db3fbadde967990bd83f88874424a2f5b23fe65ff60d12d3b83fafdfd057e297e63f"
        "46eca906592be03f")


def test_specials_packet_and_tail():
    # the same operand pairs on the packet path (first 8) and the scalar path (rest);
    # NaN: Eigen's quiet NaN (packet) vs x86's default NaN from glibc (tail); a subnormal
    # base to the power 1 keeps its bits on the packet path (pselect), flushes on the tail
    r = tf.pow(tf.constant(SX + SX[:7], tf.float32), tf.constant(SY + SY[:7], tf.float32))
    assert hexof(r, "float32", (15,)) == (
        "0000807f0000008000000000000080ff0000803f0000c07fc2160100000000000000807f000000800000"
        "0000000080ff0000803f0000c0ff00000000")
    r = tf.pow(tf.constant(SX64 + SX64[:3], tf.float64), tf.constant(SY + SY[:3], tf.float64))
    assert hexof(r, "float64", (11,)) == (
        "000000000000f07f00000000000000800000000000000000000000000000f0ff000000000000f03f0000"
        "00000000f87f2be6708b681200000000000000000000000000000000f07f000000000000008000000000"
        "00000000")


def test_half_and_bfloat16_use_powf():
    assert hexof(tf.pow(tf.constant(HX, tf.float16), tf.constant(HY, tf.float16)),
                 "float16", (9,)) == "0c280034973b10001f21007c003c00c8666b"
    assert hexof(tf.pow(tf.constant(HX, tf.bfloat16), tf.constant(HY, tf.bfloat16)),
                 "bfloat16", (9,)) == "023d803e733f8035243c604b803f00c16d45"


def test_tiled_broadcasts():
    rng = np.random.default_rng(0)
    a = rng.random((300, 70)).astype(np.float32)
    b = rng.uniform(-3, 3, (70,)).astype(np.float32)
    r = tf.pow(a, b)
    assert hashlib.sha256(r.numpy().tobytes()).hexdigest() == (
        "17ec768c58acd3f9445d1362a58cbec4168bea1349938e50bdc2a039bada10bb")
    a3 = rng.random((50, 60, 70))
    b3 = rng.uniform(-3, 3, (50, 1, 70))
    r = tf.pow(a3, b3)
    assert r.dtype.name == "float64"
    assert hashlib.sha256(r.numpy().tobytes()).hexdigest() == (
        "cfdec7b3b669a4675c6b112985cfb2c507a0ea7a401fae5f9dc88769c7f27d7d")


def test_integers():
    r = tf.pow(tf.constant([2, 3, -5, 7, 0, -1]), tf.constant([3, 2, 3, 31, 0, 5]))
    assert hexof(r, "int32", (6,)) == "080000000900000083ffffffb79acb0f01000000ffffffff"
    r = tf.pow(tf.constant([2, 3, -5, 7], tf.int64), tf.constant(40, tf.int64))
    assert hexof(r, "int64", (4,)) == (
        "000000000001000021e81f2952b4b8a861f5b9abbfa45cc3c17187f74543c7a9")
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.pow(tf.constant([2, 3]), tf.constant([-1, 2]), name="ignored")
    assert str(e.value) == (
        "{{function_node __wrapped__Pow_device_/job:localhost/replica:0/task:0/device:CPU:0}} "
        "Integers to negative integer powers are not allowed [Op:Pow] name: ")
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.pow([2, 3], [-1, 2])
    assert str(e.value).endswith("Integers to negative integer powers are not allowed [Op:Pow]")


def test_errors():
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.pow(tf.constant([True]), tf.constant([False]))
    assert str(e.value).startswith("Value for attr 'T' of bool is not in the list of allowed "
                                   "values: bfloat16, float, half, double, int8, int16, int32, ")
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.pow(tf.constant([2.0, 3.0]), tf.constant([1, 2]))
    assert str(e.value) == ("cannot compute Pow as input #1(zero-based) was expected to be a "
                            "float tensor but is a int32 tensor [Op:Pow] name: ")
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.pow(tf.constant([2.0, 3.0]), tf.constant([1.0, 2.0, 3.0]))
    assert "Incompatible shapes: [2] vs. [3] [Op:Pow]" in str(e.value)
    with pytest.raises(tf.errors.UnimplementedError) as e:
        tf.pow(np.ones((2, 3, 2, 3, 2, 3), np.float32), np.ones((2, 1, 2, 1, 2, 1), np.float32))
    assert "Broadcast between [2,3,2,3,2,3] and [2,1,2,1,2,1] is not supported yet." in str(e.value)


def test_inputs_not_modified():
    x = np.array(SX, np.float32)
    y = np.array(SY, np.float32)
    xc, yc = x.copy(), y.copy()
    tf.pow(x, y)
    assert x.tobytes() == xc.tobytes() and y.tobytes() == yc.tobytes()
