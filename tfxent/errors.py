"""TensorFlow's exception classes (``tf.errors``), with the same names and bases.

TF's ``OpError`` derives from ``Exception`` (not ``ValueError``); where TF raises a plain
``ValueError`` / ``TypeError`` from Python code, tfxent raises the same built-in class.
"""

OK = 0
CANCELLED = 1
UNKNOWN = 2
INVALID_ARGUMENT = 3
DEADLINE_EXCEEDED = 4
NOT_FOUND = 5
ALREADY_EXISTS = 6
PERMISSION_DENIED = 7
RESOURCE_EXHAUSTED = 8
FAILED_PRECONDITION = 9
ABORTED = 10
OUT_OF_RANGE = 11
UNIMPLEMENTED = 12
INTERNAL = 13
UNAVAILABLE = 14
DATA_LOSS = 15
UNAUTHENTICATED = 16


class OpError(Exception):
    """A failed TensorFlow op. ``str(e)`` is TF's message, byte for byte."""

    error_code = UNKNOWN

    def __init__(self, node_def, op, message, *args):
        super().__init__(message)
        self._node_def = node_def
        self._op = op
        self._message = message

    @property
    def message(self):
        return self._message

    @property
    def op(self):
        return self._op

    @property
    def node_def(self):
        return self._node_def

    def __str__(self):
        return self._message


def _make(name, code):
    def __init__(self, node_def, op, message, *args):
        OpError.__init__(self, node_def, op, message)
    cls = type(name, (OpError,), {"__init__": __init__, "error_code": code,
                                  "__module__": __name__})
    return cls


CancelledError = _make("CancelledError", CANCELLED)
UnknownError = _make("UnknownError", UNKNOWN)
InvalidArgumentError = _make("InvalidArgumentError", INVALID_ARGUMENT)
DeadlineExceededError = _make("DeadlineExceededError", DEADLINE_EXCEEDED)
NotFoundError = _make("NotFoundError", NOT_FOUND)
AlreadyExistsError = _make("AlreadyExistsError", ALREADY_EXISTS)
PermissionDeniedError = _make("PermissionDeniedError", PERMISSION_DENIED)
ResourceExhaustedError = _make("ResourceExhaustedError", RESOURCE_EXHAUSTED)
FailedPreconditionError = _make("FailedPreconditionError", FAILED_PRECONDITION)
AbortedError = _make("AbortedError", ABORTED)
OutOfRangeError = _make("OutOfRangeError", OUT_OF_RANGE)
UnimplementedError = _make("UnimplementedError", UNIMPLEMENTED)
InternalError = _make("InternalError", INTERNAL)
UnavailableError = _make("UnavailableError", UNAVAILABLE)
DataLossError = _make("DataLossError", DATA_LOSS)
UnauthenticatedError = _make("UnauthenticatedError", UNAUTHENTICATED)


class KernelError(Exception):
    """Internal: a kernel's own failure (class + bare message), before the public layer
    formats it the way the reference prints eager op errors. Never escapes tfxent."""

    def __init__(self, cls, message, wrapped=True):
        super().__init__(message)
        self.cls = cls
        self.message = message
        # TF 2.21 prefixes kernel (OP_REQUIRES) failures with the wrapped function node;
        # op-registration failures (bad attr type) are not wrapped.
        self.wrapped = wrapped


def format_op_message(ref, message, op, name=None, wrapped=True, fast=True):
    """The text of an eager op failure as each reference prints it.

    TF 2.21: ``{{function_node __wrapped__<Op>_device_/job:localhost/replica:0/task:0/device:CPU:0}} <msg> [Op:<Op>] name: <name>``
    (the prefix only for kernel failures). TF 1.15.5 eager: ``<msg> [Op:<Op>]`` plus
    `` name: <name>`` when a name is given.
    """
    if ref == "v2":
        # TF 2.21's generated op wrappers add " name: <name>" (even an empty one) on the C++
        # fast path, taken when every input is already a tensor or NumPy array; the Python
        # fallback (fast=False, e.g. a Python list input) adds none, even for a given name.
        prefix = ("{{function_node __wrapped__%s_device_/job:localhost/replica:0/task:0/device:CPU:0}} "
                  % op) if wrapped else ""
        if fast:
            return "%s%s [Op:%s] name: %s" % (prefix, message, op, name or "")
        return "%s%s [Op:%s]" % (prefix, message, op)
    text = "%s [Op:%s]" % (message, op)
    if name:
        text += " name: %s" % name
    return text


def raise_op_error(ref, err, op, name=None, fast=True):
    """Re-raise a KernelError as the public TF exception."""
    raise err.cls(None, None, format_op_message(ref, err.message, op, name, err.wrapped, fast)) from None
