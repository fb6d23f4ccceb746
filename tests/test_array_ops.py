"""Array helpers and matmul: exact bytes (sha256), dtypes, shapes and error texts, values
recorded from TF 2.21 (``tf``) and TF 1.15.5 eager (``tf.compat.v1``)."""
import hashlib

import numpy as np
import pytest

import tfxent
import tfxent.compat.v1


def det(shape, seed):
    n = int(np.prod(shape))
    v = (np.arange(n, dtype=np.float64) * (0.6180339887 + seed) % 1.0) * 4.0 - 2.0
    v = v + np.sin(np.arange(n) * (1.3 + seed)) * 1e-3
    return v.reshape(shape).astype(np.float32)


CASES = {
 "onehot": "tf.one_hot(np.array([0, 2, 1, 5, -1], np.int32), 3)",
 "onehot_axis0": "tf.one_hot(np.array([[0, 2], [1, 3]], np.int64), 4, on_value=0.9, off_value=0.1, axis=0)",
 "argmax_nan": "tf.argmax(np.array([[1., np.nan, 3., 3.], [np.nan, np.nan, -np.inf, -np.inf]], np.float32), 1)",
 "argmin_ties": "tf.argmin(np.array([[2, 1, 1], [0, 0, 5]], np.int32), 1, output_type=tf.int32)",
 "range_f": "tf.range(0, 1, 0.1)",
 "mm_small": "tf.matmul(det((3, 5), 0), det((5, 4), 1))",
 "mm_logits": "tf.matmul(det((100, 784), 0), det((784, 10), 1))",
 "mm_row": "tf.matmul(det((1, 784), 0), det((784, 10), 1))",
 "mm_tb": "tf.matmul(det((7, 100), 0), det((10, 100), 1), transpose_b=True)",
 "mm_col": "tf.matmul(det((32, 100), 0), det((100, 1), 1))",
 "acc": "tf.reduce_mean(tf.cast(tf.equal(tf.argmax(det((32, 10), 0), 1), tf.argmax(det((32, 10), 1), 1)), tf.float32))",
 "err_reshape": "tf.reshape(det((2, 3), 0), [4, -1])",
 "err_transpose": "tf.transpose(det((2, 3), 0), [0, 0])",
 "err_matmul": "tf.matmul(det((2, 3), 0), det((2, 3), 1))",
 "err_argmax": "tf.argmax(det((2, 3), 0), 2)",
 "err_onehot": "tf.one_hot([0., 1.], 3)",
 "err_concat": "tf.concat([det((2, 3), 0), det((1, 3), 0)], 1)",
 "err_stack": "tf.stack([det((2, 3), 0), det((3,), 0)])",
}

EXPECTED_V2 = \
{
  'onehot': ('float32', (5, 3), 'e12e60274ef3988b96fca9935edc549f83a240dd9d60b0c17783748175e91d2a'),
  'onehot_axis0': ('float32', (4, 2, 2), '311a8d5155800a064e3065b444a4f3f396e5312f051daf5c669fde43ba855189'),
  'argmax_nan': ('int64', (2,), 'b1535c7783ea8829b6b0cf67704539798b4d16c39bf0bfe09494c5d9f12eee30'),
  'argmin_ties': ('int32', (2,), '7c9fa136d4413fa6173637e883b6998d32e1d675f88cddff9dcbcf331820f4b8'),
  'range_f': ('float32', (10,), '6ab062e834f8ed66bd27c7fbb4d2ffa9d5d2f04fb03b4fdc2a163d1b9ebb0c87'),
  'mm_small': ('float32', (3, 4), '19f45e44418bb27fc5c57e0746f2e03eef5e022c6871913cbcdf22f4a53867e5'),
  'mm_logits': ('float32', (100, 10), '4046cbed5edf944fe255011d5de1add3a49ac8d88f40526ab9eca2e9f0822a0d'),
  'mm_row': ('float32', (1, 10), '379414c02eec732440a35ad6b1cbbde63edaea8f0120edb7363ef81a1db6cd15'),
  'mm_tb': ('float32', (7, 10), '3c59ec1c5b14d101e6e7365c22e1d380008e2358188adb940976e3c41f9bd912'),
  'mm_col': ('float32', (32, 1), '7b9e0a2658e0d4ad893df5eda0e78ea8c8b3f1d594f6f10ee9525944deabfe6c'),
  'acc': ('float32', (), 'e00e5eb9444182f352323374ef4e08ebcb784725fdd4fd612d7730540b3e0c8c'),
  'err_reshape': ('InvalidArgumentError', '{{function_node __wrapped__Reshape_device_/job:localhost/replica:0/task:0/device:CPU:0}} Input to reshape is a tensor with 6 values, but the requested shape requires a multiple of 4 [Op:Reshape]'),
  'err_transpose': ('InvalidArgumentError', '{{function_node __wrapped__Transpose_device_/job:localhost/replica:0/task:0/device:CPU:0}} 1 is missing from {0,0}. [Op:Transpose]'),
  'err_matmul': ('InvalidArgumentError', '{{function_node __wrapped____MklMatMul_device_/job:localhost/replica:0/task:0/device:CPU:0}} Matrix size-incompatible: In[0]: [2,3], In[1]: [2,3] [Op:MatMul] name: '),
  'err_argmax': ('InvalidArgumentError', '{{function_node __wrapped__ArgMax_device_/job:localhost/replica:0/task:0/device:CPU:0}} Expected dimension in the range [-2, 2), but got 2 [Op:ArgMax] name: '),
  'err_onehot': ('InvalidArgumentError', "Value for attr 'TI' of float is not in the list of allowed values: uint8, int8, int32, int64\n\t; NodeDef: {{node OneHot}}; Op<name=OneHot; signature=indices:TI, depth:int32, on_value:T, off_value:T -> output:T; attr=axis:int,default=-1; attr=T:type; attr=TI:type,default=DT_INT64,allowed=[DT_UINT8, DT_INT8, DT_INT32, DT_INT64]> [Op:OneHot]"),
  'err_concat': ('InvalidArgumentError', '{{function_node __wrapped__ConcatV2_N_2_device_/job:localhost/replica:0/task:0/device:CPU:0}} ConcatOp : Dimension 0 in both shapes must be equal: shape[0] = [2,3] vs. shape[1] = [1,3] [Op:ConcatV2] name: concat'),
  'err_stack': ('InvalidArgumentError', '{{function_node __wrapped__Pack_N_2_device_/job:localhost/replica:0/task:0/device:CPU:0}} Shapes of all inputs must match: values[0].shape = [2,3] != values[1].shape = [3] [Op:Pack] name: stack'),
}

EXPECTED_V1 = \
{
  'onehot': ('float32', (5, 3), 'e12e60274ef3988b96fca9935edc549f83a240dd9d60b0c17783748175e91d2a'),
  'onehot_axis0': ('float32', (4, 2, 2), '311a8d5155800a064e3065b444a4f3f396e5312f051daf5c669fde43ba855189'),
  'argmax_nan': ('int64', (2,), 'b1535c7783ea8829b6b0cf67704539798b4d16c39bf0bfe09494c5d9f12eee30'),
  'argmin_ties': ('int32', (2,), '7c9fa136d4413fa6173637e883b6998d32e1d675f88cddff9dcbcf331820f4b8'),
  'range_f': ('float32', (10,), '4d12189fdb036b098685161224bd2104201f2378e7d5b2e588b22f67f19297b7'),
  'mm_small': ('float32', (3, 4), '19f45e44418bb27fc5c57e0746f2e03eef5e022c6871913cbcdf22f4a53867e5'),
  'mm_logits': ('float32', (100, 10), 'e6babe66a6b0e8a40dcb17a33ea158b7ef4e3545014969189fc8bfc17fbe312b'),
  'mm_row': ('float32', (1, 10), 'a747932f99b573b145948ae1d5b189f90f92460ab75468ab917e6b3ec46c5330'),
  'mm_tb': ('float32', (7, 10), '41e8693742a8cd48269c858a8f30d1a09716a51f86d02746e243de051b027df9'),
  'mm_col': ('float32', (32, 1), 'b39bbad1a2faf9b074b416a059b19d82dec0078fd91971f45c72e4cb26e15e11'),
  'acc': ('float32', (), 'e00e5eb9444182f352323374ef4e08ebcb784725fdd4fd612d7730540b3e0c8c'),
  'err_reshape': ('InvalidArgumentError', 'Input to reshape is a tensor with 6 values, but the requested shape requires a multiple of 4 [Op:Reshape]'),
  'err_transpose': ('InvalidArgumentError', '1 is missing from {0,0}. [Op:Transpose] name: transpose/'),
  'err_matmul': ('InvalidArgumentError', 'Matrix size-incompatible: In[0]: [2,3], In[1]: [2,3] [Op:MatMul] name: MatMul/'),
  'err_argmax': ('InvalidArgumentError', 'Expected dimension in the range [-2, 2), but got 2 [Op:ArgMax]'),
  'err_onehot': ('NotFoundError', "Could not find valid device for node.\nNode:{{node OneHot}}\nAll kernels registered for op OneHot :\n  device='XLA_CPU'; TI in [DT_INT32, DT_UINT8, DT_INT64]; T in [DT_FLOAT, DT_DOUBLE, DT_INT32, DT_UINT8, DT_INT8, ..., DT_BFLOAT16, DT_COMPLEX128, DT_HALF, DT_UINT32, DT_UINT64]\n  device='XLA_CPU_JIT'; TI in [DT_INT32, DT_UINT8, DT_INT64]; T in [DT_FLOAT, DT_DOUBLE, DT_INT32, DT_UINT8, DT_INT8, ..., DT_BFLOAT16, DT_COMPLEX128, DT_HALF, DT_UINT32, DT_UINT64]\n  device='CPU'; TI in [DT_INT64]; T in [DT_VARIANT]\n  device='CPU'; TI in [DT_INT32]; T in [DT_VARIANT]\n  device='CPU'; TI in [DT_UINT8]; T in [DT_VARIANT]\n  device='CPU'; TI in [DT_INT64]; T in [DT_RESOURCE]\n  device='CPU'; TI in [DT_INT32]; T in [DT_RESOURCE]\n  device='CPU'; TI in [DT_UINT8]; T in [DT_RESOURCE]\n  device='CPU'; TI in [DT_INT64]; T in [DT_STRING]\n  device='CPU'; TI in [DT_INT32]; T in [DT_STRING]\n  device='CPU'; TI in [DT_UINT8]; T in [DT_STRING]\n  device='CPU'; TI in [DT_INT64]; T in [DT_BOOL]\n  device='CPU'; TI in [DT_INT32]; T in [DT_BOOL]\n  device='CPU'; TI in [DT_UINT8]; T in [DT_BOOL]\n  device='CPU'; TI in [DT_INT64]; T in [DT_COMPLEX128]\n  device='CPU'; TI in [DT_INT32]; T in [DT_COMPLEX128]\n  device='CPU'; TI in [DT_UINT8]; T in [DT_COMPLEX128]\n  device='CPU'; TI in [DT_INT64]; T in [DT_COMPLEX64]\n  device='CPU'; TI in [DT_INT32]; T in [DT_COMPLEX64]\n  device='CPU'; TI in [DT_UINT8]; T in [DT_COMPLEX64]\n  device='CPU'; TI in [DT_INT64]; T in [DT_DOUBLE]\n  device='CPU'; TI in [DT_INT32]; T in [DT_DOUBLE]\n  device='CPU'; TI in [DT_UINT8]; T in [DT_DOUBLE]\n  device='CPU'; TI in [DT_INT64]; T in [DT_FLOAT]\n  device='CPU'; TI in [DT_INT32]; T in [DT_FLOAT]\n  device='CPU'; TI in [DT_UINT8]; T in [DT_FLOAT]\n  device='CPU'; TI in [DT_INT64]; T in [DT_BFLOAT16]\n  device='CPU'; TI in [DT_INT32]; T in [DT_BFLOAT16]\n  device='CPU'; TI in [DT_UINT8]; T in [DT_BFLOAT16]\n  device='CPU'; TI in [DT_INT64]; T in [DT_HALF]\n  device='CPU'; TI in [DT_INT32]; T in [DT_HALF]\n  device='CPU'; TI in [DT_UINT8]; T in [DT_HALF]\n  device='CPU'; TI in [DT_INT64]; T in [DT_INT8]\n  device='CPU'; TI in [DT_INT32]; T in [DT_INT8]\n  device='CPU'; TI in [DT_UINT8]; T in [DT_INT8]\n  device='CPU'; TI in [DT_INT64]; T in [DT_UINT8]\n  device='CPU'; TI in [DT_INT32]; T in [DT_UINT8]\n  device='CPU'; TI in [DT_UINT8]; T in [DT_UINT8]\n  device='CPU'; TI in [DT_INT64]; T in [DT_INT16]\n  device='CPU'; TI in [DT_INT32]; T in [DT_INT16]\n  device='CPU'; TI in [DT_UINT8]; T in [DT_INT16]\n  device='CPU'; TI in [DT_INT64]; T in [DT_UINT16]\n  device='CPU'; TI in [DT_INT32]; T in [DT_UINT16]\n  device='CPU'; TI in [DT_UINT8]; T in [DT_UINT16]\n  device='CPU'; TI in [DT_INT64]; T in [DT_INT32]\n  device='CPU'; TI in [DT_INT32]; T in [DT_INT32]\n  device='CPU'; TI in [DT_UINT8]; T in [DT_INT32]\n  device='CPU'; TI in [DT_INT64]; T in [DT_INT64]\n  device='CPU'; TI in [DT_INT32]; T in [DT_INT64]\n  device='CPU'; TI in [DT_UINT8]; T in [DT_INT64]\n [Op:OneHot] name: one_hot/"),
  'err_concat': ('InvalidArgumentError', 'ConcatOp : Dimensions of inputs should match: shape[0] = [2,3] vs. shape[1] = [1,3] [Op:ConcatV2] name: concat'),
  'err_stack': ('InvalidArgumentError', 'Shapes of all inputs must match: values[0].shape = [2,3] != values[1].shape = [3] [Op:Pack] name: stack'),
}



def _check(tf, expr, expected):
    try:
        r = eval(expr, {"tf": tf, "np": np, "det": det})
    except Exception as e:  # noqa: BLE001 - compared with TF's exception
        assert len(expected) == 2, "unexpected %s: %s" % (type(e).__name__, e)
        assert (type(e).__name__, str(e)) == expected
        return
    assert len(expected) == 3, "expected an error, got %r" % (r,)
    shape = tuple(np.shape(r.numpy()))
    a = np.ascontiguousarray(r.numpy())
    assert (r.dtype.name, shape, hashlib.sha256(a.tobytes()).hexdigest()) == expected


@pytest.mark.parametrize("key", sorted(EXPECTED_V2))
def test_v2(key):
    _check(tfxent, CASES[key], EXPECTED_V2[key])


@pytest.mark.parametrize("key", sorted(EXPECTED_V1))
def test_v1(key):
    _check(tfxent.compat.v1, CASES[key], EXPECTED_V1[key])


def test_inputs_not_modified():
    a = det((4, 5), 0)
    b = det((5, 3), 1)
    a0, b0 = a.copy(), b.copy()
    tfxent.matmul(a, b)
    tfxent.compat.v1.matmul(a, b)
    tfxent.transpose(a)
    tfxent.reshape(a, [-1])
    assert np.array_equal(a, a0) and np.array_equal(b, b0)


def test_fma32_exact_midpoints():
    from tfxent._numerics.gemm import fma32
    # 1 + 2**-24 is a float32 midpoint; the tiny product decides the rounding
    a = np.float32(2.0 ** -30)
    c = np.float32(1.0 + 2.0 ** -23)
    assert fma32(np.float32(1.0), np.float32(2.0 ** -24), np.float32(1.0)) == np.float32(1.0)
    assert fma32(a, np.float32(2.0 ** 6 + 2.0 ** -17), np.float32(1.0)) == np.float32(1.0 + 2.0 ** -23)
    assert fma32(np.float32(-2.0 ** -24), np.float32(1.0), c) == np.float32(1.0)


def test_v2_tensor_equality_operators():
    # TF 2.21: Tensor.__eq__/__ne__ run Equal/NotEqual with incompatible_shape_error=False
    a = tfxent.constant([1.0, 2.0])
    assert (a == tfxent.constant([1.0, 3.0])).numpy().tolist() == [True, False]
    assert (a != tfxent.constant([1.0, 3.0])).numpy().tolist() == [False, True]
    r = a == tfxent.constant([1.0, 3.0, 4.0])
    assert r.shape == () and r.dtype == tfxent.bool and r.numpy() == np.False_
    assert (a != tfxent.constant([1.0, 3.0, 4.0])).numpy() == np.True_
    assert (a == [1, 2]).numpy().tolist() == [True, True]
    with pytest.raises(tfxent.errors.InvalidArgumentError) as e:
        tfxent.constant([1, 2]) == tfxent.constant([1.0, 2.0])  # noqa: B015
    assert str(e.value) == ("cannot compute Equal as input #1(zero-based) was expected to be a int32 "
                            "tensor but is a float tensor [Op:Equal] name: ")


def test_v2_sqrt_daz_and_nan_bits():
    # TF 2.21: correctly rounded, float32 subnormals read as zero, sqrt(-1) is the default NaN
    x = np.array([0.0, -0.0, 1e-40, -1.0, np.inf, np.nan, 4.0, 2.0, 1e-45, 3.4e38], np.float32)
    r = tfxent.sqrt(x).numpy().view(np.uint32).tolist()
    assert r[:6] == [0, 2147483648, 0, 4290772992, 2139095040, 2143289344]
    assert r[6:] == np.array([2.0, np.sqrt(np.float32(2.0)), 0.0, np.sqrt(np.float32(3.4e38))],
                             np.float32).view(np.uint32).tolist()
