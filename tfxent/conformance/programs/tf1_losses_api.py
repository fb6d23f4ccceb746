# tf.losses and tf.keras.losses in a TF 1.x graph.
import tensorflow as tf

onehot = tf.constant([[0., 1., 0.], [0., 0., 1.], [1., 0., 0.]])
logits = tf.constant([[0.3, 2.1, -1.0], [1.2, 0.4, 0.9], [3.3, -0.7, 0.05]])
sparse = tf.argmax(onehot, axis=1)

l1 = tf.losses.softmax_cross_entropy(onehot, logits)
l2 = tf.losses.softmax_cross_entropy(onehot, logits, label_smoothing=0.1)
l3 = tf.losses.sparse_softmax_cross_entropy(sparse, logits, weights=[1.0, 0.5, 2.0])
l4 = tf.losses.sigmoid_cross_entropy(onehot, logits, label_smoothing=0.2)
l5 = tf.losses.log_loss(onehot, tf.nn.sigmoid(logits))
l6 = tf.losses.softmax_cross_entropy(onehot, logits, reduction=tf.losses.Reduction.NONE)

probs = tf.nn.softmax(logits)
k1 = tf.keras.losses.categorical_crossentropy(onehot, probs)
k2 = tf.keras.losses.categorical_crossentropy(onehot, logits, from_logits=True)
k3 = tf.keras.losses.sparse_categorical_crossentropy(sparse, probs)
k4 = tf.keras.losses.binary_crossentropy(onehot, tf.nn.sigmoid(logits))
k5 = tf.keras.losses.CategoricalCrossentropy(label_smoothing=0.1)(onehot, probs)

with tf.Session() as sess:
    for name, t in [("softmax", l1), ("smoothed", l2), ("sparse weighted", l3),
                    ("sigmoid smoothed", l4), ("log_loss", l5), ("none", l6)]:
        print("tf.losses %s:" % name, sess.run(t))
    print("keras categorical:", sess.run(k1))
    print("keras from_logits:", sess.run(k2))
    print("keras sparse:", sess.run(k3))
    print("keras binary:", sess.run(k4))
    print("keras class smoothed:", sess.run(k5))
