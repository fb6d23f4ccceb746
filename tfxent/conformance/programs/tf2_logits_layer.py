# TF 2: a tiny linear classifier (matmul + bias), its loss and accuracy.
import numpy as np
import tensorflow as tf

x = tf.constant([[1.0, 2.0, 0.5, -1.0],
                 [0.3, -0.2, 1.7, 0.9],
                 [2.5, 0.1, -0.6, 0.4],
                 [-1.2, 0.7, 0.3, 2.2]])
W = tf.constant([[0.2, -0.5, 0.1],
                 [1.5, 1.3, -0.4],
                 [0.0, 0.25, 0.2],
                 [-0.3, 0.8, 0.6]])
b = tf.zeros([3])
logits = tf.matmul(x, W) + b
print(logits)
labels = tf.constant([1, 2, 0, 1])
losses = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)
print("per example:", losses.numpy())
print("mean:", tf.reduce_mean(losses).numpy())
pred = tf.argmax(logits, 1, output_type=tf.int32)
print("accuracy:", tf.reduce_mean(tf.cast(tf.equal(pred, labels), tf.float32)).numpy())
print(tf.transpose(logits).shape, tf.reshape(logits, [-1]).shape, tf.squeeze(tf.ones([1, 3, 1])).shape)
print(tf.zeros_like(logits)[0], tf.ones_like(labels))
print(np.asarray(tf.nn.softmax(logits)).sum(axis=1))
