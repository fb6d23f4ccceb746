"""``import tfxent.compat.v1 as tf``: TensorFlow 1.15.5 (eager mode)."""
from ..._dtypes import (DType, as_dtype, float16, float32, float64, half, double,  # noqa: F401
                        int8, int16, int32, int64, uint8, uint16, uint32, uint64, bool,
                        complex64, complex128)
from ..._tensor import Tensor, TensorShape  # noqa: F401
from ._api import (constant, convert_to_tensor, cast, exp, log, log1p, sigmoid, abs,  # noqa: F401
                   negative, maximum, minimum, add, subtract, multiply, clip_by_value,
                   reduce_sum, reduce_mean, reduce_max, reduce_min, reduce_prod,
                   ones, zeros, ones_like, zeros_like,
                   one_hot, argmax, argmin, equal, not_equal, less, less_equal, greater,
                   greater_equal, logical_and, logical_or, logical_not, reshape,
                   transpose, squeeze, expand_dims, shape, size, rank, range, stack,
                   concat, fill, square, truediv, divide, matmul)
from ... import errors  # noqa: F401
from . import math, nn  # noqa: F401
from . import losses, keras  # noqa: F401
from ._graph import (placeholder, Variable, Session, InteractiveSession,  # noqa: F401,E402
                     global_variables_initializer, initialize_all_variables, variables_initializer,
                     global_variables, trainable_variables, reset_default_graph, get_default_graph,
                     get_default_session, executing_eagerly, enable_eager_execution,
                     disable_eager_execution, Graph, Operation, name_scope)
from . import _graph as _graph_mode  # noqa: E402
from .keras import losses as _keras_losses  # noqa: E402

# Every public op takes part in graphs (TF 1.15 graph mode; see _graph).
for _m in (__import__(__name__, fromlist=["_"]), math, nn, losses, _keras_losses):
    _graph_mode.install(_m)
del _m
