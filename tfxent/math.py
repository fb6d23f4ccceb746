"""``tf.math`` (TF 2.21)."""
from ._api_v2 import (exp, log, log1p, sigmoid, abs, negative, maximum, minimum, add,  # noqa: F401
                      subtract, multiply, reduce_sum, reduce_mean, reduce_max, reduce_min,
                      reduce_prod, softmax, log_softmax, pow,
                      argmax, argmin, equal, not_equal, less, less_equal, greater, greater_equal,
                      logical_and, logical_or, logical_not, square, truediv, divide, sqrt)
