"""One module per TensorFlow kernel: ``fn(ctx, *ndarrays, **attrs) -> ndarray``."""
