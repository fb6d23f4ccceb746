"""``tf.nn`` (TF 2.21)."""
from ._api_v2 import relu, sigmoid, softmax, log_softmax  # noqa: F401
from ._xent_api import (softmax_cross_entropy_with_logits, sparse_softmax_cross_entropy_with_logits,  # noqa: F401
                        sigmoid_cross_entropy_with_logits, weighted_cross_entropy_with_logits)
