# Common mistakes with the cross-entropy ops in TF 1.x, and what they print.
import numpy as np
import tensorflow as tf

probs = tf.constant([[0.1, 0.6, 0.3], [0.7, 0.2, 0.1]])   # already softmaxed!
labels = tf.constant([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])

right = -tf.reduce_sum(labels * tf.log(probs), 1)
wrong = tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=probs)
per_row = tf.reduce_sum(-labels * tf.log(probs), reduction_indices=[1])
kept = tf.reduce_sum(labels * tf.log(probs), 1, keep_dims=True)

# pre-1.0 code passed (logits, labels) positionally
try:
    tf.nn.softmax_cross_entropy_with_logits(probs, labels)
except ValueError as e:
    print("ValueError:", e)

# classes along axis 0 instead of the last axis
col_logits = tf.transpose(tf.log(probs))
col_labels = tf.transpose(labels)
by_column = tf.nn.softmax_cross_entropy_with_logits(labels=col_labels, logits=col_logits, dim=0)

sess = tf.Session()
r, w, p, k = sess.run([right, wrong, per_row, kept])
print("correct loss on probabilities:", r)
print("probabilities passed as logits:", w)
print("reduction_indices=[1]:", p)
print("keep_dims=True:")
print(k)
print("dim=0:", sess.run(by_column))
print("mean loss:", sess.run(tf.reduce_mean(wrong)))
sess.close()
