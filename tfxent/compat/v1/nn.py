"""``tf.compat.v1.nn`` (TF 1.15.5)."""
from ._api import relu, sigmoid, softmax, log_softmax  # noqa: F401
from ._xent import (softmax_cross_entropy_with_logits, softmax_cross_entropy_with_logits_v2,  # noqa: F401
                    sparse_softmax_cross_entropy_with_logits, sigmoid_cross_entropy_with_logits,
                    weighted_cross_entropy_with_logits)
