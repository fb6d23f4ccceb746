"""``tf.raw_ops`` (TF 2.21): keyword-only, as TF's raw op wrappers are."""
from . import _ops

_REF = "v2"


# The generated Python function each raw op wraps (its name is in TF's positional-call error).
_GEN_NAMES = {"Sum": "_sum", "Max": "_max", "Min": "_min", "Abs": "_abs"}


def _gen_name(op):
    if op in _GEN_NAMES:
        return _GEN_NAMES[op]
    out = []
    for i, ch in enumerate(op):
        if ch.isupper() and i and (op[i - 1].islower() or op[i - 1].isdigit()):
            out.append("_")
        out.append(ch.lower())
    return "".join(out)


def _kw_only(name, keys):
    gen = _gen_name(name)

    def deco(fn):
        def wrapper(*args, **kwargs):
            if args:
                raise TypeError("%s only takes keyword args (possible keys: %s). Please pass these "
                                "args as kwargs instead." % (gen, keys))
            return fn(**kwargs)
        wrapper.__name__ = name
        wrapper.__doc__ = fn.__doc__
        return wrapper
    return deco


def _unary(op, arg):
    @_kw_only(op, [arg, "name"])
    def f(name=None, **kw):
        return _ops.unary_op(_REF, op, kw[arg], name)
    return f


Exp = _unary("Exp", "x")
Log = _unary("Log", "x")
Log1p = _unary("Log1p", "x")
Sigmoid = _unary("Sigmoid", "x")
Abs = _unary("Abs", "x")
Neg = _unary("Neg", "x")
Relu = _unary("Relu", "features")


def _softmax_raw(op):
    @_kw_only(op, ["logits", "name"])
    def f(logits, name=None):
        return _ops.softmax_family(_REF, op, logits, -1, name)
    return f


Softmax = _softmax_raw("Softmax")
LogSoftmax = _softmax_raw("LogSoftmax")


def _binary(op):
    @_kw_only(op, ["x", "y", "name"])
    def f(x, y, name=None):
        return _ops.binary_op(_REF, op, x, y, name)
    return f


Maximum = _binary("Maximum")
Minimum = _binary("Minimum")
AddV2 = _binary("AddV2")
Sub = _binary("Sub")
Mul = _binary("Mul")
RealDiv = _binary("RealDiv")


def _reduction(op):
    @_kw_only(op, ["input", "axis", "keep_dims", "name"])
    def f(input, axis, keep_dims=False, name=None):  # noqa: A002 - TF's name
        return _ops.reduce(_REF, op, input, axis, keep_dims, name)
    return f


Sum = _reduction("Sum")
Mean = _reduction("Mean")
Max = _reduction("Max")
Min = _reduction("Min")
Prod = _reduction("Prod")


@_kw_only("SoftmaxCrossEntropyWithLogits", ["features", "labels", "name"])
def SoftmaxCrossEntropyWithLogits(features, labels, name=None):  # noqa: N802 - TF's name
    from ._xent_api import raw_softmax_xent
    return raw_softmax_xent(features, labels, name)


@_kw_only("SparseSoftmaxCrossEntropyWithLogits", ["features", "labels", "name"])
def SparseSoftmaxCrossEntropyWithLogits(features, labels, name=None):  # noqa: N802 - TF's name
    from ._xent_api import raw_sparse_softmax_xent
    return raw_sparse_softmax_xent(features, labels, name)
