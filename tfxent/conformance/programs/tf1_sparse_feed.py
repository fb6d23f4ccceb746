# Sparse labels and placeholders fed through feed_dict.
import numpy as np
import tensorflow as tf

logits = tf.placeholder(tf.float32, shape=(None, 3), name="logits")
labels = tf.placeholder(tf.int32, shape=(None,), name="labels")
print(logits)
print(labels)

loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)
mean_loss = tf.reduce_mean(loss)
probs = tf.nn.softmax(logits)
log_probs = tf.log(probs)

feed = {logits: [[2.0, 1.0, 0.1], [0.5, 2.5, 0.2]], labels: [0, 2]}
with tf.Session() as sess:
    print("loss:", sess.run(loss, feed_dict=feed))
    print("mean:", sess.run(mean_loss, feed_dict=feed))
    a, b = sess.run((loss, mean_loss), feed_dict=feed)
    print("tuple fetch:", a, b)
    out = sess.run({"loss": loss, "probs": probs}, feed_dict=feed)
    print("dict fetch:", sorted(out.keys()))
    print(out["probs"])
    print("log(softmax):")
    print(sess.run(log_probs, feed_dict=feed))
    big = np.array([[80.0, -80.0, 0.0], [-50.0, 50.0, 40.0]], dtype=np.float32)
    print("extreme logits:", sess.run([loss, mean_loss], feed_dict={logits: big, labels: [1, 0]}))
