"""tfxent: TensorFlow's softmax / cross-entropy family in pure NumPy, bit for bit.

``import tfxent as tf`` mirrors tensorflow-cpu 2.21.0; ``import tfxent.compat.v1 as tf``
mirrors TensorFlow 1.15.5 in eager mode.
"""
from ._dtypes import (DType, as_dtype, float16, bfloat16, float32, float64, half, double,  # noqa: F401
                      int8, int16, int32, int64, uint8, uint16, uint32, uint64, bool,
                      complex64, complex128)
from ._tensor import Tensor, TensorShape  # noqa: F401
from ._api_v2 import (constant, convert_to_tensor, cast, exp, abs, maximum, minimum,  # noqa: F401
                      clip_by_value, reduce_sum, reduce_mean, reduce_max, reduce_min,
                      reduce_prod, add, subtract, multiply, negative, sigmoid, pow,
                      ones, zeros, ones_like, zeros_like,
                      one_hot, argmax, argmin, equal, not_equal, less, less_equal, greater,
                      greater_equal, logical_and, logical_or, logical_not, reshape,
                      transpose, squeeze, expand_dims, shape, size, rank, range, stack,
                      concat, fill, square, truediv, divide, matmul, sqrt)
from . import errors, math, nn, raw_ops, config, compat, gradients, keras, debugging  # noqa: F401
from ._profile import NumericsProfile  # noqa: F401

__version__ = "0.1.0"
