"""tfxent against TensorFlow 2.21, same inputs, one run: prints times and ratios.

Run with an interpreter that has both TensorFlow and NumPy (tfxent is imported from this
checkout):  python bench/bench_ops.py [--quick]
Not a test: timings are information, never assertions.
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402


def best_of(fn, repeat, number=1):
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        best = min(best, (time.perf_counter() - t0) / number)
    return best


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--quick", action="store_true", help="fewer repetitions")
    p.add_argument("--filter", default="", help="only ops whose name contains this")
    args = p.parse_args(argv)

    import tensorflow as tf
    import tfxent

    rng = np.random.default_rng(0)
    sizes = {"128x10": (128, 10), "4096x4096": (4096, 4096), "64x32000": (64, 32000)}
    ops = [
        ("exp", lambda m, x: m.exp(x)),
        ("math.log", lambda m, x: m.math.log(x)),
        ("math.log1p", lambda m, x: m.math.log1p(x)),
        ("math.sigmoid", lambda m, x: m.math.sigmoid(x)),
        ("nn.relu", lambda m, x: m.nn.relu(x)),
        ("abs", lambda m, x: m.abs(x)),
        ("maximum", lambda m, x: m.maximum(x, x)),
        ("pow(x, 1.5)", lambda m, x: m.pow(x, 1.5)),
        ("pow(x, x)", lambda m, x: m.pow(x, x)),
        ("clip_by_value", lambda m, x: m.clip_by_value(x, 0.1, 0.9)),
        ("reduce_sum(axis=-1)", lambda m, x: m.reduce_sum(x, axis=-1)),
        ("reduce_sum(all)", lambda m, x: m.reduce_sum(x)),
        ("reduce_mean(axis=0)", lambda m, x: m.reduce_mean(x, axis=0)),
        ("reduce_max(axis=-1)", lambda m, x: m.reduce_max(x, axis=-1)),
        ("nn.softmax", lambda m, x: m.nn.softmax(x)),
        ("nn.log_softmax", lambda m, x: m.nn.log_softmax(x)),
        ("softmax_xent", lambda m, x: m.nn.softmax_cross_entropy_with_logits(labels=x, logits=x)),
        ("sparse_softmax_xent", lambda m, x: m.nn.sparse_softmax_cross_entropy_with_logits(
            labels=m.constant(np.arange(x.shape[0]) % x.shape[1]), logits=x)),
        ("sigmoid_xent", lambda m, x: m.nn.sigmoid_cross_entropy_with_logits(labels=x, logits=x)),
        ("softmax_xent grad", lambda m, x: _grad(m, x, "softmax_cross_entropy_with_logits")),
        ("sparse_xent grad", lambda m, x: _grad(m, x, "sparse_softmax_cross_entropy_with_logits")),
        ("keras categorical_ce", lambda m, x: m.keras.losses.categorical_crossentropy(x, x)),
        ("keras sparse_cat_ce", lambda m, x: m.keras.losses.sparse_categorical_crossentropy(
            m.constant(np.arange(x.shape[0]) % x.shape[1]), x)),
        ("keras binary_ce", lambda m, x: m.keras.losses.binary_crossentropy(x, x)),
        ("keras cat_focal_ce", lambda m, x: m.keras.losses.categorical_focal_crossentropy(x, x)),
        ("keras bin_focal_ce", lambda m, x: m.keras.losses.binary_focal_crossentropy(x, x)),
    ]

    def _grad(m, x, fn):
        """d loss / d logits: TF through a GradientTape, tfxent through tfxent.gradients."""
        if fn.startswith("sparse"):
            labels = m.constant(np.arange(x.shape[0]) % x.shape[1])
        else:
            labels = m.abs(x)  # a tensor of its own (not watched)
        if m is tfxent:
            return getattr(tfxent.gradients, fn)(labels=labels, logits=x).logits
        with tf.GradientTape() as tape:
            tape.watch(x)
            loss = getattr(tf.nn, fn)(labels=labels, logits=x)
        return tape.gradient(loss, x)
    print("%-22s %-10s %12s %12s %8s" % ("op", "size", "tf (ms)", "tfxent (ms)", "ratio"))
    for label, shape in sizes.items():
        x_np = np.abs(rng.standard_normal(shape).astype(np.float32))
        tx = tf.constant(x_np)
        fx = tfxent.constant(x_np)
        big = shape[0] * shape[1] > 10 ** 6
        repeat = 3 if (big or args.quick) else 20
        number = 1 if big else 20
        for name, fn in ops:
            if args.filter not in name:
                continue
            r_tf = fn(tf, tx).numpy()
            r_fx = fn(tfxent, fx).numpy()
            same = r_tf.tobytes() == r_fx.tobytes()
            t_tf = best_of(lambda: fn(tf, tx).numpy(), repeat, number)
            t_fx = best_of(lambda: fn(tfxent, fx).numpy(), repeat, number)
            print("%-22s %-10s %12.3f %12.3f %7.1fx%s" % (
                name, label, t_tf * 1e3, t_fx * 1e3, t_fx / t_tf, "" if same else "  (BITS DIFFER)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
