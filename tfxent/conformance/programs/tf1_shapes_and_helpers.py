# Reshaping helpers around a loss, in a TF 1.x graph; ends with an uncaught feed error.
import numpy as np
import tensorflow as tf

flat = tf.placeholder(tf.float32, shape=[None])
scores = tf.reshape(flat, [-1, 4])
labels = tf.placeholder(tf.int32, shape=[None, 1])
dense_labels = tf.squeeze(labels, axis=[1])
per_example = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=dense_labels, logits=scores)
total = tf.reduce_sum(per_example)
zeros = tf.zeros_like(scores)
ones = tf.ones([2, 4], dtype=tf.float32)
uniform = tf.nn.softmax_cross_entropy_with_logits_v2(labels=ones / 4.0, logits=zeros[:2])
scores_t = tf.transpose(scores)

feed = {flat: np.arange(12, dtype=np.float32) / 3.0, labels: [[3], [0], [2]]}
sess = tf.Session()
print(sess.run(scores, feed))
print(sess.run(scores_t, feed))
print(sess.run(tf.shape(scores_t), feed))
print(sess.run(per_example, feed))
print("total:", sess.run(total, feed))
print("uniform guess:", sess.run(uniform, feed))
print("argmax:", sess.run(tf.argmax(scores, axis=1), feed))
print(sess.run(tf.cast(tf.equal(tf.argmax(scores, 1, output_type=tf.int32), dense_labels), tf.float32), feed))
print("feeding a bad shape:")
sess.run(scores, {flat: np.zeros((3, 4), np.float32), labels: [[0]]})
print("not reached")
