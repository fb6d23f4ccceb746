"""Opt-in checks TensorFlow does not make (tfxent's own; off by default).

``enable_logits_check()`` makes every ``*_with_logits`` cross-entropy (``tf.nn`` of both
references, and the Keras / ``tf.losses`` functions built on them) warn when its ``logits``
look like probabilities: every row along the class axis lies in [0, 1] and sums to 1 (within
1e-3; 1e-2 for float16 / bfloat16), with at least two classes. That is the classic mistake of
passing a softmax output as logits: TensorFlow computes a wrong loss without a word.

The warning (a :class:`ProbabilitiesAsLogitsWarning`) names the user's line that made the
call; results are never changed. The check is off by default so that a drop-in program prints
exactly what TensorFlow prints.

    import tfxent.debugging
    tfxent.debugging.enable_logits_check()
    with tfxent.debugging.logits_check():   # or only for a block
        ...
"""
import os
import sys
import warnings

import numpy as np

__all__ = ["ProbabilitiesAsLogitsWarning", "enable_logits_check", "disable_logits_check",
           "logits_check", "logits_check_enabled"]

_PKG_DIR = os.path.dirname(os.path.abspath(__file__))
_state = {"on": False}


class ProbabilitiesAsLogitsWarning(UserWarning):
    """A ``*_with_logits`` call received probabilities instead of logits."""


def enable_logits_check():
    _state["on"] = True


def disable_logits_check():
    _state["on"] = False


def logits_check_enabled():
    return _state["on"]


class logits_check(object):
    """Context manager: the check is on inside the block."""

    def __enter__(self):
        self._prev = _state["on"]
        _state["on"] = True
        return self

    def __exit__(self, *exc):
        _state["on"] = self._prev


def looks_like_probabilities(values, axis=-1):
    """Every row along ``axis`` in [0, 1], summing to 1; at least 2 classes and one row."""
    a = np.asarray(values)
    if a.ndim == 0 or a.size == 0 or a.shape[axis] < 2 or a.dtype.kind != "f" and \
            a.dtype.name != "bfloat16":
        return False
    a = a.astype(np.float64)
    if not (np.all(a >= 0.0) and np.all(a <= 1.0)):
        return False
    tol = 1e-2 if values.dtype.itemsize <= 2 else 1e-3
    return bool(np.all(np.abs(a.sum(axis=axis) - 1.0) <= tol))


def _stacklevel():
    """Frames from here up to the first one outside the tfxent package."""
    f, level = sys._getframe(1), 1
    while f is not None and os.path.abspath(f.f_code.co_filename).startswith(_PKG_DIR + os.sep):
        f = f.f_back
        level += 1
    return level


def check_logits(function, logits, axis=-1):
    """Called by the cross-entropy helpers with the converted logits array."""
    if not _state["on"]:
        return
    try:
        hit = looks_like_probabilities(logits, axis)
    except Exception:  # noqa: BLE001 - a debugging aid never breaks the call
        return
    if hit:
        warnings.warn(
            "%s received logits that look like probabilities (every row is in [0, 1] and sums "
            "to 1). It expects unnormalized log-probabilities (the input of a softmax / "
            "sigmoid); TensorFlow computes a wrong loss here without a warning."
            % function, ProbabilitiesAsLogitsWarning, stacklevel=_stacklevel())
