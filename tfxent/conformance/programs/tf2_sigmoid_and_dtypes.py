# TF 2: sigmoid/weighted cross-entropy, half and double precision, and a caught error.
import numpy as np
import tensorflow as tf

logits = tf.constant([[-3.0, 0.0, 2.5], [10.0, -10.0, 0.7]])
targets = tf.constant([[0.0, 1.0, 1.0], [1.0, 0.0, 0.5]])
print(tf.nn.sigmoid_cross_entropy_with_logits(labels=targets, logits=logits))
print(tf.nn.weighted_cross_entropy_with_logits(labels=targets, logits=logits, pos_weight=2.0))
print(tf.nn.sigmoid(logits))
h = tf.cast(logits, tf.float16)
print(tf.nn.softmax_cross_entropy_with_logits(labels=tf.cast(targets, tf.float16), logits=h))
d = tf.constant(np.array([[1.0, 2.0, 3.0]]), dtype=tf.float64)
print(tf.nn.softmax(d), tf.nn.log_softmax(d).dtype)
try:
    tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.constant([3]), logits=tf.constant([[1.0, 2.0, 3.0]]))
except Exception as e:
    print(type(e).__name__, e)
try:
    tf.nn.softmax_cross_entropy_with_logits(labels=[[0.0, 1.0]], logits=[[1.0, 2.0, 3.0]])
except Exception as e:
    print(type(e).__name__, e)
print("done")
