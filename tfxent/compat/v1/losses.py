"""``tf.compat.v1.losses`` (TF 1.15.5, eager): the cross-entropy losses, ``log_loss``,
``compute_weighted_loss`` and ``Reduction``."""
from ._losses import (Reduction, compute_weighted_loss, softmax_cross_entropy,  # noqa: F401
                      sparse_softmax_cross_entropy, sigmoid_cross_entropy, log_loss)
