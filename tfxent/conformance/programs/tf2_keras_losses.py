# TF 2 Keras losses: functions, classes, reductions and sample weights.
import tensorflow as tf

y_true = [[0, 1, 0], [0, 0, 1]]
y_pred = [[0.05, 0.95, 0], [0.1, 0.8, 0.1]]
print(tf.keras.losses.categorical_crossentropy(y_true, y_pred))

cce = tf.keras.losses.CategoricalCrossentropy()
print(cce(y_true, y_pred).numpy())
t_true, t_pred = tf.constant(y_true, tf.float32), tf.constant(y_pred)
print(cce(t_true, t_pred, sample_weight=tf.constant([0.3, 0.7])).numpy())
print(tf.keras.losses.CategoricalCrossentropy(reduction="sum")(y_true, y_pred).numpy())
print(tf.keras.losses.CategoricalCrossentropy(reduction=None)(y_true, y_pred).numpy())

scce = tf.keras.losses.SparseCategoricalCrossentropy()
print(scce(tf.constant([1, 2]), t_pred).numpy())
print(tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)(
    tf.constant([1, 2]), tf.constant([[1.0, 3.0, -1.0], [0.2, 0.1, 4.0]])).numpy())

bce = tf.keras.losses.BinaryCrossentropy()
b_true = tf.constant([[0., 1.], [0., 0.]])
print(bce(b_true, tf.constant([[0.6, 0.4], [0.4, 0.6]])).numpy())
print(tf.keras.losses.BinaryCrossentropy(from_logits=True, label_smoothing=0.1)(
    tf.constant([[0., 1.], [1., 0.]]), tf.constant([[-2.2, 1.9], [0.3, -0.8]])).numpy())
print(tf.keras.losses.binary_crossentropy([[0., 1.], [0., 0.]], [[0.6, 0.4], [0.4, 0.6]]))
print(tf.keras.losses.categorical_crossentropy([[[0., 1.]]], [[[0.4, 0.6]]]))
print(tf.keras.losses.categorical_crossentropy([[[0., 0., 1., 0.]]], [[[0.1, 0.6, 0.1, 0.2]]]))
print(cce.get_config())
probs = tf.keras.activations.softmax(tf.constant([[1.0, 3.0, -1.0], [0.2, 0.1, 4.0]]))
print(tf.keras.losses.sparse_categorical_crossentropy(tf.constant([1, 2]), probs))
