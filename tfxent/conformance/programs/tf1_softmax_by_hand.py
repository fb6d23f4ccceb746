# The classic "cross-entropy by hand vs. the built-in op" comparison (TF 1.x tutorials).
import tensorflow as tf

logits = tf.constant([[1.0, 2.0, 3.0], [1.0, 2.0, 3.0], [1.0, 2.0, 3.0]])
y = tf.nn.softmax(logits)
y_ = tf.constant([[0.0, 0.0, 1.0], [0.0, 0.0, 1.0], [0.0, 0.0, 1.0]])

# by hand: sum over all entries of -y_ * log(y)
cross_entropy = -tf.reduce_sum(y_ * tf.log(y))
# the built-in op, summed the same way
cross_entropy2 = tf.reduce_sum(tf.nn.softmax_cross_entropy_with_logits(logits=logits, labels=y_))

with tf.Session() as sess:
    softmax = sess.run(y)
    ce = sess.run(cross_entropy)
    ce2 = sess.run(cross_entropy2)
    print("step1: softmax result=")
    print(softmax)
    print("step2: cross_entropy result=")
    print(ce)
    print("Function(softmax_cross_entropy_with_logits) result=")
    print(ce2)
