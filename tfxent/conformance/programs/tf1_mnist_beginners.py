# "MNIST for ML beginners" (TF 1.x): softmax regression, cross-entropy written by hand.
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 6])
W = tf.Variable(np.linspace(-1.5, 2.0, 24, dtype=np.float32).reshape(6, 4))
b = tf.Variable(tf.constant([0.1, -0.2, 0.05, 0.3]))
y = tf.nn.softmax(tf.matmul(x, W) + b)
y_ = tf.placeholder(tf.float32, [None, 4])
cross_entropy = tf.reduce_mean(-tf.reduce_sum(y_ * tf.log(y), reduction_indices=[1]))
correct_prediction = tf.equal(tf.argmax(y, 1), tf.argmax(y_, 1))
accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))

rng = np.random.RandomState(0)
batch_xs = rng.uniform(0.0, 1.0, size=(8, 6)).astype(np.float32)
batch_ys = np.eye(4, dtype=np.float32)[rng.randint(0, 4, size=8)]

init = tf.initialize_all_variables()
sess = tf.Session()
sess.run(init)
print("cross_entropy:", sess.run(cross_entropy, feed_dict={x: batch_xs, y_: batch_ys}))
probs, ce = sess.run([y, cross_entropy], feed_dict={x: batch_xs, y_: batch_ys})
print("with y fetched too:", ce)
print(probs)
print("accuracy:", sess.run(accuracy, feed_dict={x: batch_xs, y_: batch_ys}))
print("per example:", sess.run(-tf.reduce_sum(y_ * tf.log(y), 1), {x: batch_xs, y_: batch_ys}))
