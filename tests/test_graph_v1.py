"""TF 1.15 graph mode of ``tfxent.compat.v1`` (placeholders, variables, Sessions).

Graph mode is process-wide (as in TF 1.15, it cannot be left), so every scenario runs in its
own interpreter. Expected texts and bits were printed by TensorFlow 1.15.5 for the same
script."""
import subprocess
import sys
import textwrap

import pytest


def run(code):
    p = subprocess.run([sys.executable, "-c", "import numpy as np\nimport tfxent.compat.v1 as tf\n"
                        + textwrap.dedent(code)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert p.returncode == 0, p.stderr.decode()
    return p.stdout.decode()


def test_log_softmax_rewrite_only_for_unfolded_inputs():
    out = run("""
        x = np.array([[1.0, 2.0, 3.0], [0.5, -7.25, 3.1], [100., 0., -1e-3]], np.float32)
        c = tf.constant(x)
        ce_log = tf.log(tf.nn.softmax(c))
        p = tf.placeholder(tf.float32, (None, 3))
        pe_log = tf.log(tf.nn.softmax(p))
        both = tf.nn.softmax(p)
        both_log = tf.log(both)
        with tf.Session() as sess:
            a, b = sess.run([ce_log, pe_log], feed_dict={p: x})
            print(a.view(np.uint32).tolist())
            print(b.view(np.uint32).tolist())
            s, l = sess.run([both, both_log], feed_dict={p: x})   # Softmax fetched: no rewrite
            print(l.view(np.uint32).tolist())
    """).splitlines()
    log_of_softmax = [[3222935095, 3216256110, 3201348028], [3224042678, 3240541998, 3180513807],
                      [0, 4286578688, 4286578688]]
    log_softmax = [[3222935095, 3216256110, 3201348026], [3224042678, 3240541998, 3180513804],
                   [0, 3267887104, 3267887235]]
    assert out == [str(log_of_softmax), str(log_softmax), str(log_of_softmax)]


def test_session_flushes_denormals_and_keras_shortcut():
    out = run("""
        p = tf.placeholder(tf.float32, (None, 3))
        lab = tf.constant([[0., 1., 0.]])
        k = tf.keras.losses.categorical_crossentropy(lab, tf.nn.softmax(p))
        kb = tf.keras.losses.binary_crossentropy(lab, tf.nn.sigmoid(p))
        kp = tf.keras.losses.categorical_crossentropy(lab, tf.nn.softmax(p) * 1.0)
        e = tf.exp(tf.constant([-100.0, -90., -88., -87.]))
        with tf.Session() as sess:
            r = sess.run([k, kb, kp], {p: [[80., -80., 0.]]})
            print([x.tobytes().hex() for x in r])
            print(sess.run(e).view(np.uint32).tolist())
    """).splitlines()
    assert out == ["['00002043', 'ed415642', 'dcf18041']", "[0, 0, 0, 11744903]"]


def test_printing_names_and_shapes():
    out = run("""
        p = tf.placeholder(tf.float32, (None, 3))
        s = tf.nn.softmax(p)
        v = tf.Variable(tf.zeros([2]))
        print(v, repr(v), v.shape, s.shape, repr(s.shape), s.shape.as_list())
        print(tf.placeholder(tf.int64), tf.placeholder(tf.float32, [2, None], name="x"), tf.log(s), tf.log(s))
        print(repr(p), tf.executing_eagerly())
    """).splitlines()
    assert out == [
        "<tf.Variable 'Variable:0' shape=(2,) dtype=float32_ref> <tf.Variable 'Variable:0' "
        "shape=(2,) dtype=float32_ref> (2,) (?, 3) TensorShape([Dimension(None), Dimension(3)]) [None, 3]",
        'Tensor("Placeholder_1:0", dtype=int64) Tensor("x:0", shape=(2, ?), dtype=float32) '
        'Tensor("Log:0", shape=(?, 3), dtype=float32) Tensor("Log_1:0", shape=(?, 3), dtype=float32)',
        "<tf.Tensor 'Placeholder:0' shape=(?, 3) dtype=float32> False"]


def test_errors_and_fetch_structures():
    out = run("""
        p = tf.placeholder(tf.float32, (None, 3))
        s = tf.nn.softmax(p)
        v = tf.Variable(tf.zeros([2]))
        try: s.eval()
        except Exception as e: print(type(e).__name__, e)
        sess = tf.Session()
        for f in (lambda: sess.run(v), lambda: sess.run(None), lambda: sess.run(s, {p: [1., 2.]})):
            try: f()
            except Exception as e: print(type(e).__name__, repr(str(e)))
        sess.close()
        try: sess.run(v)
        except Exception as e: print(type(e).__name__, e)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            print(sess.run(v), sess.run([v, tf.reduce_sum(v)]), s.eval({p: [[1., 2., 3.]]}))
            print(sess.run(tf.global_variables_initializer()))
            d = sess.run({"a": v, "b": (tf.reduce_sum(v), [s])}, {p: [[0., 0., 0.]]})
            print(sorted(d), d["b"][0], d["b"][1][0])
    """).splitlines()
    assert out == [
        "ValueError Cannot evaluate tensor using `eval()`: No default session is registered. "
        "Use `with sess.as_default()` or pass an explicit session to `eval(session=sess)`",
        "FailedPreconditionError 'Attempting to use uninitialized value Variable\\n\\t "
        "[[{{node _retval_Variable_0_0}}]]'",
        "TypeError \"Fetch argument None has invalid type <class 'NoneType'>\"",
        "ValueError \"Cannot feed value of shape (2,) for Tensor 'Placeholder:0', which has shape '(?, 3)'\"",
        "RuntimeError Attempted to use a closed Session.",
        "[0. 0.] [array([0., 0.], dtype=float32), 0.0] [[0.09003057 0.24472848 0.66524094]]",
        "None",
        "['a', 'b'] 0.0 [[0.33333334 0.33333334 0.33333334]]"]


def test_eager_until_a_graph_construct():
    """tfxent's one departure from TF 1.15's graph default: ops before the first graph
    construct run eagerly (and print as eager tensors); they take no op names, so names
    count from the first graph op. Their values in a Session are graph-mode values."""
    out = run("""
        c = tf.nn.softmax(tf.constant([1.0, 2.0, 3.0]))
        print(c, tf.executing_eagerly())
        sess = tf.InteractiveSession()
        print(c.eval(), tf.executing_eagerly())
        print(tf.constant(1.0))
    """).splitlines()
    assert out == ["tf.Tensor([0.09003057 0.24472848 0.66524094], shape=(3,), dtype=float32) True",
                   "[0.09003057 0.24472848 0.66524094] False",
                   'Tensor("Const:0", shape=(), dtype=float32)']


def test_eager_recording_stays_bounded():
    """Eager compat.v1 results keep their inputs (for a later Session) only up to a chain
    depth and a tensor size, so long eager loops do not hold every intermediate."""
    import numpy as np
    import tfxent.compat.v1 as tf
    from tfxent.compat.v1 import _graph
    x = tf.constant(np.ones((2, 2), np.float32))
    t, depths = x, []
    for _ in range(_graph._RECORD_MAX_DEPTH + 5):
        t = t + x
        depths.append(None if t._recipe is None else t._recipe[0].depth)
    # the chain is cut after _RECORD_MAX_DEPTH links, then a new one starts
    n = _graph._RECORD_MAX_DEPTH
    assert depths[:n + 1] == list(range(1, n + 1)) + [None]
    assert depths[n + 1:] == [1, 2, 3, 4]
    big = tf.constant(np.ones(_graph._RECORD_MAX_BYTES // 4 + 1, np.float32))
    assert (big * 2.0)._recipe is None and (x * 2.0)._recipe is not None


def test_graph_names_and_static_shapes():
    """Names and static shapes TF 1.15.5 printed for the same graph."""
    out = run('x = tf.placeholder(tf.float32, [None, 4])\nW = tf.Variable(tf.zeros([4, 3]))\nb = tf.Variable(tf.zeros([3]))\ny = tf.matmul(x, W) + b\nprint(y, tf.nn.softmax(y), tf.argmax(y, 1), tf.equal(tf.argmax(y, 1), tf.argmax(y, 1)))\nprint(tf.reshape(x, [-1]), tf.transpose(x), tf.shape(x), tf.cast(x, tf.int32), tf.one_hot(tf.argmax(y, 1), 3))\nprint(tf.reduce_mean(y), tf.reduce_sum(y, 1), tf.squeeze(x), tf.expand_dims(x, 0), x * 2, -x, x[0])\nprint(tf.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=y))\nprint(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.argmax(y, 1), logits=y))\nprint(tf.losses.softmax_cross_entropy(y, y))\n').splitlines()
    assert out == ['Tensor("add:0", shape=(?, 3), dtype=float32) Tensor("Softmax:0", shape=(?, 3), dtype=float32) Tensor("ArgMax:0", shape=(?,), dtype=int64) Tensor("Equal:0", shape=(?,), dtype=bool)', 'Tensor("Reshape:0", shape=(?,), dtype=float32) Tensor("transpose:0", shape=(4, ?), dtype=float32) Tensor("Shape:0", shape=(2,), dtype=int32) Tensor("Cast:0", shape=(?, 4), dtype=int32) Tensor("one_hot:0", shape=(?, 3), dtype=float32)', 'Tensor("Mean:0", shape=(), dtype=float32) Tensor("Sum:0", shape=(?,), dtype=float32) Tensor("Squeeze:0", dtype=float32) Tensor("ExpandDims:0", shape=(1, ?, 4), dtype=float32) Tensor("mul:0", shape=(?, 4), dtype=float32) Tensor("Neg:0", shape=(?, 4), dtype=float32) Tensor("strided_slice:0", shape=(4,), dtype=float32)', 'Tensor("softmax_cross_entropy_with_logits/Reshape_2:0", shape=(?,), dtype=float32)', 'Tensor("SparseSoftmaxCrossEntropyWithLogits/SparseSoftmaxCrossEntropyWithLogits:0", shape=(?,), dtype=float32)', 'Tensor("softmax_cross_entropy_loss/value:0", shape=(), dtype=float32)']


def test_matmul_in_a_session_flushes():
    """TF 1.15.5: eager MatMul keeps subnormal results, a Session flushes them."""
    out = run("""
        a = np.array([[1e-20, 2e-20, 3.0], [1e-19, -1e-20, 0.5]], np.float32)
        b = np.array([[1e-20, 1.0], [3e-20, 2.0], [1e-40, 1e-38]], np.float32)
        print(tf.matmul(a, b).numpy().view(np.uint32).tolist())
        x = tf.placeholder(tf.float32, [None, 3])
        with tf.Session() as s:
            print(s.run(tf.matmul(x, b), {x: a}).view(np.uint32).tolist())
    """).splitlines()
    assert out == ["[[713622, 527179338], [535218, 532473096]]", "[[0, 527179338], [0, 532473096]]"]


def test_session_daz_in_argmax_max_square_softmax():
    """TF 1.15.5 in a Session reads subnormals as zero (max/min yield the zeroed operand)."""
    out = run('v = np.array([[0.0, 1e-40, 5e-41], [-1e-40, 0.0, -0.0]], np.float32)\nx = tf.placeholder(tf.float32, [None, 3])\nwith tf.Session() as s:\n    print(s.run([tf.argmax(x, 1), tf.argmin(x, 1), tf.equal(x, 0.0), tf.reduce_max(x, 1), tf.square(x), tf.reduce_sum(x, 1)], {x: v}))\n    print(s.run(tf.nn.softmax(x), {x: v}).view(np.uint32).tolist())\n').splitlines()
    assert out == ['[array([0, 0]), array([0, 0]), array([[ True,  True,  True],', '       [ True,  True,  True]]), array([ 0., -0.], dtype=float32), array([[0., 0., 0.],', '       [0., 0., 0.]], dtype=float32), array([0., 0.], dtype=float32)]', '[[1051372203, 1051372203, 1051372203], [1051372203, 1051372203, 1051372203]]']
