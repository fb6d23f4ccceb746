# TF 2 eager: printing tensors and .numpy() around the cross-entropy ops.
import tensorflow as tf

logits = tf.constant([[1.0, 2.0, 3.0], [1.0, 2.0, 3.0], [1.0, 2.0, 3.0]])
labels = tf.constant([[0.0, 0.0, 1.0], [0.0, 0.0, 1.0], [0.0, 0.0, 1.0]])
y = tf.nn.softmax(logits)
print(y)
by_hand = -tf.reduce_sum(labels * tf.math.log(y))
builtin = tf.reduce_sum(tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits))
print(by_hand)
print(builtin)
print(by_hand.numpy(), builtin.numpy(), by_hand.numpy() == builtin.numpy())
print(repr(tf.nn.log_softmax(logits)[0]))
per_example = tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits * 10.0)
print(per_example.numpy())
print(tf.reduce_mean(per_example))
print(tf.nn.softmax(tf.constant([1000.0, 0.0, -1000.0])))
