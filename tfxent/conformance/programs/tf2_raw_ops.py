# TF 2: raw ops with tuple unpacking, and their gradients by hand.
import tensorflow as tf

features = tf.constant([[2.0, 1.0, 0.1], [0.5, 2.5, 0.2]])
labels = tf.constant([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
loss, backprop = tf.raw_ops.SoftmaxCrossEntropyWithLogits(features=features, labels=labels)
print(loss)
print(backprop)
sparse_loss, sparse_backprop = tf.raw_ops.SparseSoftmaxCrossEntropyWithLogits(
    features=features, labels=tf.constant([0, 2]))
print(sparse_loss.numpy(), sparse_backprop.numpy())
print(tf.reduce_mean(loss).numpy(), tf.reduce_mean(sparse_loss).numpy())
out = tf.raw_ops.SoftmaxCrossEntropyWithLogits(features=features, labels=labels)
print(type(out).__name__, out.loss.dtype, out.backprop.shape)
print(tf.raw_ops.Softmax(logits=features))
print(tf.raw_ops.LogSoftmax(logits=features))
