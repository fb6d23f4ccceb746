"""Every public function keeps TF's exact signature (names, order, defaults).

Expected signatures recorded with ``inspect.signature`` from TF 2.21 (``tf.*``) and TF 1.15.5
(``tf.compat.v1.*``), annotations and return types removed."""
import inspect

import pytest

import tfxent
import tfxent.compat.v1

EXPECTED = {
 "v1": {
  "abs": "(x, name=None)",
  "add": "(x, y, name=None)",
  "cast": "(x, dtype, name=None)",
  "clip_by_value": "(t, clip_value_min, clip_value_max, name=None)",
  "constant": "(value, dtype=None, shape=None, name='Const', verify_shape=False)",
  "convert_to_tensor": "(value, dtype=None, name=None, preferred_dtype=None, dtype_hint=None)",
  "exp": "(x, name=None)",
  "log": "(x, name=None)",
  "log1p": "(x, name=None)",
  "math.abs": "(x, name=None)",
  "math.add": "(x, y, name=None)",
  "math.exp": "(x, name=None)",
  "math.log": "(x, name=None)",
  "math.log1p": "(x, name=None)",
  "math.log_softmax": "(logits, axis=None, name=None, dim=None)",
  "math.maximum": "(x, y, name=None)",
  "math.minimum": "(x, y, name=None)",
  "math.multiply": "(x, y, name=None)",
  "math.negative": "(x, name=None)",
  "math.reduce_max": "(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None, keep_dims=None)",
  "math.reduce_mean": "(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None, keep_dims=None)",
  "math.reduce_min": "(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None, keep_dims=None)",
  "math.reduce_prod": "(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None, keep_dims=None)",
  "math.reduce_sum": "(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None, keep_dims=None)",
  "math.sigmoid": "(x, name=None)",
  "math.softmax": "(logits, axis=None, name=None, dim=None)",
  "math.subtract": "(x, y, name=None)",
  "maximum": "(x, y, name=None)",
  "minimum": "(x, y, name=None)",
  "multiply": "(x, y, name=None)",
  "negative": "(x, name=None)",
  "nn.log_softmax": "(logits, axis=None, name=None, dim=None)",
  "nn.relu": "(features, name=None)",
  "nn.sigmoid": "(x, name=None)",
  "nn.sigmoid_cross_entropy_with_logits": "(_sentinel=None, labels=None, logits=None, name=None)",
  "nn.softmax": "(logits, axis=None, name=None, dim=None)",
  "nn.softmax_cross_entropy_with_logits": "(_sentinel=None, labels=None, logits=None, dim=-1, name=None, axis=None)",
  "nn.softmax_cross_entropy_with_logits_v2": "(labels, logits, axis=None, name=None, dim=None)",
  "nn.sparse_softmax_cross_entropy_with_logits": "(_sentinel=None, labels=None, logits=None, name=None)",
  "nn.weighted_cross_entropy_with_logits": "(labels=None, logits=None, pos_weight=None, name=None, targets=None)",
  "ones": "(shape, dtype=tf.float32, name=None)",
  "ones_like": "(tensor, dtype=None, name=None, optimize=True)",
  "reduce_max": "(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None, keep_dims=None)",
  "reduce_mean": "(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None, keep_dims=None)",
  "reduce_min": "(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None, keep_dims=None)",
  "reduce_prod": "(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None, keep_dims=None)",
  "reduce_sum": "(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None, keep_dims=None)",
  "sigmoid": "(x, name=None)",
  "subtract": "(x, y, name=None)",
  "zeros": "(shape, dtype=tf.float32, name=None)",
  "zeros_like": "(tensor, dtype=None, name=None, optimize=True)"
 },
 "v2": {
  "abs": "(x, name=None)",
  "add": "(x, y, name=None)",
  "cast": "(x, dtype, name=None)",
  "clip_by_value": "(t, clip_value_min, clip_value_max, name=None)",
  "constant": "(value, dtype=None, shape=None, name='Const')",
  "convert_to_tensor": "(value, dtype=None, dtype_hint=None, name=None)",
  "exp": "(x, name=None)",
  "math.abs": "(x, name=None)",
  "math.add": "(x, y, name=None)",
  "math.exp": "(x, name=None)",
  "math.log": "(x, name=None)",
  "math.log1p": "(x, name=None)",
  "math.log_softmax": "(logits, axis=None, name=None)",
  "math.maximum": "(x, y, name=None)",
  "math.minimum": "(x, y, name=None)",
  "math.multiply": "(x, y, name=None)",
  "math.negative": "(x, name=None)",
  "math.reduce_max": "(input_tensor, axis=None, keepdims=False, name=None)",
  "math.reduce_mean": "(input_tensor, axis=None, keepdims=False, name=None)",
  "math.reduce_min": "(input_tensor, axis=None, keepdims=False, name=None)",
  "math.reduce_prod": "(input_tensor, axis=None, keepdims=False, name=None)",
  "math.reduce_sum": "(input_tensor, axis=None, keepdims=False, name=None)",
  "math.sigmoid": "(x, name=None)",
  "math.softmax": "(logits, axis=None, name=None)",
  "math.subtract": "(x, y, name=None)",
  "maximum": "(x, y, name=None)",
  "minimum": "(x, y, name=None)",
  "multiply": "(x, y, name=None)",
  "negative": "(x, name=None)",
  "nn.log_softmax": "(logits, axis=None, name=None)",
  "nn.relu": "(features, name=None)",
  "nn.sigmoid": "(x, name=None)",
  "nn.sigmoid_cross_entropy_with_logits": "(labels=None, logits=None, name=None)",
  "nn.softmax": "(logits, axis=None, name=None)",
  "nn.softmax_cross_entropy_with_logits": "(labels, logits, axis=-1, name=None)",
  "nn.sparse_softmax_cross_entropy_with_logits": "(labels, logits, name=None)",
  "nn.weighted_cross_entropy_with_logits": "(labels, logits, pos_weight, name=None)",
  "ones": "(shape, dtype=tf.float32, name=None, layout=None)",
  "ones_like": "(input, dtype=None, name=None, layout=None)",
  "reduce_max": "(input_tensor, axis=None, keepdims=False, name=None)",
  "reduce_mean": "(input_tensor, axis=None, keepdims=False, name=None)",
  "reduce_min": "(input_tensor, axis=None, keepdims=False, name=None)",
  "reduce_prod": "(input_tensor, axis=None, keepdims=False, name=None)",
  "reduce_sum": "(input_tensor, axis=None, keepdims=False, name=None)",
  "sigmoid": "(x, name=None)",
  "subtract": "(x, y, name=None)",
  "zeros": "(shape, dtype=tf.float32, name=None, layout=None)",
  "zeros_like": "(input, dtype=None, name=None, layout=None)"
 }
}


def _resolve(root, path):
    obj = root
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


CASES = [(ref, name, sig) for ref, table in sorted(EXPECTED.items()) for name, sig in sorted(table.items())]


@pytest.mark.parametrize("ref,name,sig", CASES, ids=["%s:%s" % (r, n) for r, n, _ in CASES])
def test_signature(ref, name, sig):
    root = tfxent if ref == "v2" else tfxent.compat.v1
    fn = _resolve(root, name)
    assert str(inspect.signature(fn)) == sig
