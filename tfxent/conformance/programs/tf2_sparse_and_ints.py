# TF 2: sparse labels as int tensors, one_hot, argmax and accuracy.
import tensorflow as tf

logits = tf.constant([[2.0, 1.0, 0.1], [0.5, 2.5, 0.2], [1.1, 0.3, 3.0], [0.0, 0.0, 0.0]])
labels = tf.constant([0, 2, 2, 1])
print(labels)
print(labels.dtype, labels.shape)
loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)
print(loss)
dense = tf.nn.softmax_cross_entropy_with_logits(labels=tf.one_hot(labels, 3), logits=logits)
print(dense.numpy())
print(tf.one_hot(labels, depth=3))
pred = tf.argmax(logits, axis=1)
print(pred)
correct = tf.equal(pred, tf.cast(labels, tf.int64))
print(correct)
print("accuracy:", tf.reduce_mean(tf.cast(correct, tf.float32)).numpy())
print(tf.reduce_sum(labels), tf.shape(logits))
print(labels * 2, labels + 1)
