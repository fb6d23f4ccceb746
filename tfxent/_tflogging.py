"""TF's Python logger (``tensorflow/python/platform/tf_logging.py``): warnings go to the
``tensorflow`` logger, which writes ``WARNING:tensorflow:...`` lines to stderr (a handler is
added only when the root logger has none), never to stdout."""
import logging
import os
import sys

_WRAPPER_FILE = os.path.join("compat", "v1", "_graph.py")
_logger = None
_warned = set()


def get_logger():
    global _logger
    if _logger is None:
        logger = logging.getLogger("tensorflow")
        if not logging.getLogger().handlers and not logger.handlers:
            handler = logging.StreamHandler(sys.stderr)
            handler.setFormatter(logging.Formatter(logging.BASIC_FORMAT, None))
            logger.addHandler(handler)
        _logger = logger
    return _logger


def deprecated_once(key, func_name, module, instructions, depth=2):
    """``deprecation.deprecated``: one warning per function and process, naming the caller."""
    if key in _warned:
        return
    _warned.add(key)
    frame = sys._getframe(depth)
    while frame.f_back is not None and frame.f_code.co_filename.endswith(_WRAPPER_FILE):
        frame = frame.f_back     # compat.v1's graph-mode wrapper is not TF's caller
    get_logger().warning(
        "From %s:%d: %s (from %s) is deprecated and will be removed in a future version.\n"
        "Instructions for updating:\n%s", frame.f_code.co_filename, frame.f_lineno, func_name,
        module, instructions)
