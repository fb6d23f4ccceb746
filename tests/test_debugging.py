"""tfxent.debugging: the opt-in probabilities-as-logits warning (off by default; results
unchanged; the warning names the caller's line)."""
import warnings

import numpy as np
import pytest

import tfxent as tf
import tfxent.compat.v1 as tf1
from tfxent import debugging

P = [[0.1, 0.6, 0.3], [0.7, 0.2, 0.1]]
L = [[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]


@pytest.fixture(autouse=True)
def _off():
    debugging.disable_logits_check()
    yield
    debugging.disable_logits_check()


def test_off_by_default_and_results_unchanged():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        a = tf.nn.softmax_cross_entropy_with_logits(labels=L, logits=P)
    with debugging.logits_check(), pytest.warns(debugging.ProbabilitiesAsLogitsWarning):
        b = tf.nn.softmax_cross_entropy_with_logits(labels=L, logits=P)
    assert a.numpy().tobytes() == b.numpy().tobytes()
    assert not debugging.logits_check_enabled()


def test_names_the_call_site():
    debugging.enable_logits_check()
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        tf1.nn.sparse_softmax_cross_entropy_with_logits(labels=[1, 0], logits=P); line = _line()  # noqa: E702
    assert len(w) == 1 and w[0].filename == __file__ and w[0].lineno == line
    assert str(w[0].message).startswith("sparse_softmax_cross_entropy_with_logits received logits "
                                        "that look like probabilities")


def _line():
    import inspect
    return inspect.currentframe().f_back.f_lineno


@pytest.mark.parametrize("logits", [
    [[1.0, 2.0, 3.0], [0.5, 0.2, 0.1]],      # real logits
    [[0.2, 0.2, 0.2], [0.5, 0.2, 0.1]],      # in [0, 1] but rows do not sum to 1
    [[1.0], [1.0]],                          # one class
    [[0.5, 0.5], [1.2, -0.2]],               # sums to 1, out of [0, 1]
])
def test_no_warning_for_logits(logits):
    debugging.enable_logits_check()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        tf.nn.softmax_cross_entropy_with_logits(labels=np.ones_like(logits), logits=logits)


def test_all_with_logits_functions_and_keras():
    debugging.enable_logits_check()
    calls = [
        lambda: tf.nn.sigmoid_cross_entropy_with_logits(labels=L, logits=P),
        lambda: tf.nn.weighted_cross_entropy_with_logits(labels=L, logits=P, pos_weight=2.0),
        lambda: tf1.nn.softmax_cross_entropy_with_logits_v2(labels=L, logits=P),
        lambda: tf.keras.losses.categorical_crossentropy(L, P, from_logits=True),
        lambda: tf.nn.softmax_cross_entropy_with_logits(labels=np.transpose(L), logits=np.transpose(P), axis=0),
    ]
    for call in calls:
        with pytest.warns(debugging.ProbabilitiesAsLogitsWarning):
            call()
