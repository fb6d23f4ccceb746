# A softmax-regression "model" as in the MNIST-for-beginners tutorial, with fixed weights.
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 4])
W = tf.Variable(tf.constant([[0.2, -0.5, 0.1],
                             [1.5, 1.3, -0.4],
                             [0.0, 0.25, 0.2],
                             [-0.3, 0.8, 0.6]]))
b = tf.Variable(tf.zeros([3]))
y = tf.matmul(x, W) + b
y_ = tf.placeholder(tf.int64, [None])
onehot = tf.one_hot(y_, 3)

cross_entropy = tf.reduce_mean(
    tf.nn.softmax_cross_entropy_with_logits_v2(labels=onehot, logits=y))
correct_prediction = tf.equal(tf.argmax(y, 1), y_)
accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))

batch_x = np.array([[1.0, 2.0, 0.5, -1.0],
                    [0.3, -0.2, 1.7, 0.9],
                    [2.5, 0.1, -0.6, 0.4],
                    [-1.2, 0.7, 0.3, 2.2],
                    [0.0, 0.0, 0.0, 0.0]], dtype=np.float32)
batch_y = np.array([1, 2, 0, 1, 2])

sess = tf.InteractiveSession()
tf.global_variables_initializer().run()
print("logits:")
print(y.eval(feed_dict={x: batch_x}))
print("cross entropy:", cross_entropy.eval(feed_dict={x: batch_x, y_: batch_y}))
print("predictions:", tf.argmax(y, 1).eval(feed_dict={x: batch_x}))
print("accuracy:", accuracy.eval(feed_dict={x: batch_x, y_: batch_y}))
print("shape of logits:", sess.run(tf.shape(y), feed_dict={x: batch_x}))
sess.close()
