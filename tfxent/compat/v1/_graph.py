"""TF 1.15 graph mode for legacy programs: ``tf.placeholder``, ``tf.Variable``,
``tf.Session`` / ``tf.InteractiveSession``, ``Tensor.eval()``, ``global_variables_initializer``.

``tfxent.compat.v1`` starts in eager mode (the reference of its numbers is TF 1.15.5 eager).
The first graph construct a program uses (a placeholder, a variable, a Session, ...) switches it
to graph mode, as ``import tensorflow as tf`` under TF 1.15 is from the start: from then on
every op returns a symbolic tensor (printed ``Tensor("Softmax:0", shape=(?, 3),
dtype=float32)``) whose value exists only when a Session runs it.

Every ``compat.v1`` tensor remembers how it was made (its *node*: the public function and its
arguments), eager tensors included, so a Session re-runs the whole computation the way TF
1.15's graph executor does (``tensorflow_core/python/client/session.py``,
``core/common_runtime/direct_session.cc`` of the 1.15.5 wheel):

* FTZ/DAZ on for every kernel (the executor's ``port::ScopedFlushDenormal``), constant-folded
  nodes included (measured: ``exp`` of a constant ``-100.0`` is +0 in a Session);
* Grappler's arithmetic optimizer (``core/grappler/optimizers/arithmetic_optimizer.cc``,
  ``LogSoftmaxStage``) runs ``Log(Softmax(x))`` as ``LogSoftmax(x)`` when the Softmax is
  not fetched, has no other consumer and is not constant-folded first (constant folding
  runs before the arithmetic optimizer; measured on TF 1.15.5: a constant input keeps
  ``log(softmax)``, a fed input gets ``LogSoftmax``);
* the Keras backend's graph shortcut (``keras/backend.py``: ``output.op.type ==
  'Softmax'`` / ``'Sigmoid'``) hands the op's logits to the cross-entropy kernels.

Static shapes and dtypes of symbolic tensors come from running the node on zero-filled
probes in which every unknown dimension is 2, then 3: a dimension that differs is unknown.
``Session.run`` returns NumPy values; 0-d results are NumPy scalars whose ``repr`` is
NumPy 1.x's (TF 1.15 requires NumPy < 1.19), so ``print(sess.run([a, b]))`` prints as TF did.
"""
import functools
import threading

import numpy as np

from ... import _dtypes
from ..._tensor import Tensor, TensorShape
from ... import _profile

__all__ = ["name_scope", "placeholder", "Variable", "Session", "InteractiveSession",
           "global_variables_initializer", "initialize_all_variables", "reset_default_graph",
           "get_default_graph", "get_default_session", "executing_eagerly",
           "enable_eager_execution", "disable_eager_execution", "Graph", "Operation"]

_tls = threading.local()


def _depth():
    return getattr(_tls, "depth", 0)


class _Depth(object):
    """Inside a traced call: nested public calls run raw (no nodes)."""

    def __enter__(self):
        _tls.depth = _depth() + 1

    def __exit__(self, *exc):
        _tls.depth -= 1


class _State(object):
    graph_mode = False
    graph = None
    sessions = []   # default-session stack


def _graph():
    if _State.graph is None:
        _State.graph = Graph()
    return _State.graph


def _enter_graph_mode():
    _State.graph_mode = True
    return _graph()


# --------------------------------------------------------------------------- shapes
class Dimension(object):
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __repr__(self):
        return "Dimension(%s)" % self.value

    def __str__(self):
        return "?" if self.value is None else str(self.value)

    def __eq__(self, other):
        other = other.value if isinstance(other, Dimension) else other
        if self.value is None or other is None:
            return None
        return self.value == other

    def __int__(self):
        return self.value

    __index__ = __int__


class GraphShape(TensorShape):
    """TF 1.15's ``TensorShape`` of a graph tensor: dims may be unknown (``?``), or the rank."""

    __slots__ = ("_known",)

    def __init__(self, dims):
        if dims is None:
            self._dims, self._known = (), False
        else:
            self._dims = tuple(None if d is None else int(d) for d in dims)
            self._known = True

    @property
    def rank(self):
        return len(self._dims) if self._known else None

    ndims = rank

    @property
    def dims(self):
        return [Dimension(d) for d in self._dims] if self._known else None

    def as_list(self):
        if not self._known:
            raise ValueError("as_list() is not defined on an unknown TensorShape.")
        return list(self._dims)

    def num_elements(self):
        if not self.is_fully_defined():
            return None
        return super(GraphShape, self).num_elements()

    def is_fully_defined(self):
        return self._known and all(d is not None for d in self._dims)

    def is_compatible_with(self, shape):
        if not self._known:
            return True
        shape = tuple(shape)
        return len(shape) == len(self._dims) and all(
            a is None or a == b for a, b in zip(self._dims, shape))

    def __getitem__(self, key):
        if isinstance(key, slice):
            return GraphShape(self._dims[key])
        return Dimension(self._dims[key])

    def __iter__(self):
        return iter(Dimension(d) for d in self._dims)

    def __len__(self):
        if not self._known:
            raise ValueError("Cannot take the length of shape with unknown rank.")
        return len(self._dims)

    def __str__(self):
        if not self._known:
            return "<unknown>"
        if len(self._dims) == 1:
            return "(%s,)" % ("?" if self._dims[0] is None else self._dims[0])
        return "(%s)" % ", ".join("?" if d is None else str(d) for d in self._dims)

    def __repr__(self):
        if not self._known:
            return "TensorShape(None)"
        return "TensorShape([%s])" % ", ".join("Dimension(%s)" % d for d in self._dims)

    def __eq__(self, other):
        if isinstance(other, GraphShape):
            return self._known == other._known and self._dims == other._dims
        try:
            return self._known and self._dims == tuple(other)
        except TypeError:
            return NotImplemented

    def __hash__(self):
        return hash(self._dims)


def _shape_text(dims):
    """``str(TensorShape)`` for a feed error: ``'(?, 3)'``."""
    return str(GraphShape(dims))


# --------------------------------------------------------------------------- graph
class Graph(object):
    """``tf.Graph``: the op names in use, the variables, and the nodes made in it."""

    def __init__(self):
        self._names_in_use = {}
        self._variables = []
        self._by_name = {}
        self._scope = ""

    def unique_name(self, name):
        """``ops.Graph.unique_name`` (mark_as_used=True)."""
        name_key = name.lower()
        i = self._names_in_use.get(name_key, 0)
        self._names_in_use[name_key] = i + 1
        if i > 0:
            base_name_key = name_key
            while name_key in self._names_in_use:
                name_key = "%s_%d" % (base_name_key, i)
                i += 1
            self._names_in_use[name_key] = 1
            name = "%s_%d" % (name, i - 1)
        return name

    def as_default(self):
        graph = self

        class _Default(object):
            def __enter__(self_):
                self_.prev = _State.graph
                _State.graph = graph
                _enter_graph_mode()
                return graph

            def __exit__(self_, *exc):
                _State.graph = self_.prev
        return _Default()

    def get_operation_by_name(self, name):
        return self._by_name[name].op

    def get_tensor_by_name(self, name):
        op_name, _, idx = name.partition(":")
        node = self._by_name[op_name]
        return node.tensor(int(idx or 0))

    def finalize(self):
        pass


class Operation(object):
    """``tf.Operation``: a node's handle (``name``, ``type``, ``run()``)."""

    def __init__(self, node):
        self._node = node

    @property
    def name(self):
        return self._node.name

    @property
    def type(self):
        return self._node.op_type

    @property
    def graph(self):
        return self._node.graph

    @property
    def inputs(self):
        return tuple(self._node.in_tensors)

    @property
    def outputs(self):
        return tuple(self._node.tensor(i) for i in range(self._node.n_out))

    def run(self, feed_dict=None, session=None):
        _session_for(session, "run").run(self, feed_dict)

    def __repr__(self):
        return "<tf.Operation '%s' type=%s>" % (self.name, self.type)

    def __str__(self):
        return 'name: "%s"\nop: "%s"\n' % (self.name, self.type)


_OP_TYPES = {
    # public function name -> op type (and default op name) of its output op
    "constant_v1": "Const", "placeholder": "Placeholder", "convert_to_tensor": "Const",
    "exp": "Exp", "log": "Log", "log1p": "Log1p", "sigmoid": "Sigmoid", "relu": "Relu",
    "abs": "Abs", "negative": "Neg", "maximum": "Maximum", "minimum": "Minimum",
    "add": "Add", "subtract": "Sub", "multiply": "Mul", "cast": "Cast",
    "reduce_sum_v1": "Sum", "reduce_mean_v1": "Mean", "reduce_max_v1": "Max",
    "reduce_min_v1": "Min", "reduce_prod_v1": "Prod", "softmax": "Softmax",
    "log_softmax": "LogSoftmax", "matmul": "MatMul", "reshape": "Reshape",
    "transpose": "transpose", "squeeze": "Squeeze", "shape": "Shape", "argmax": "ArgMax",
    "argmin": "ArgMin", "equal": "Equal", "not_equal": "NotEqual", "one_hot": "one_hot",
    "zeros": "zeros", "ones": "ones", "zeros_like": "zeros_like", "ones_like": "ones_like",
    "expand_dims": "ExpandDims", "clip_by_value": "clip_by_value", "size": "Size",
    "rank": "Rank", "fill": "Fill", "stack": "stack", "concat": "concat", "range": "range",
    "square": "Square", "sigmoid_cross_entropy_with_logits": "logistic_loss",
    "weighted_cross_entropy_with_logits": "logistic_loss",
}
# Composite functions: the name scope TF 1.15 opens and the op inside it that yields the
# result (None: an op named like the scope). Their inner ops also take names in TF's graph;
# tfxent does not make them, so later default names can count lower than TF's.
_SCOPED_NAMES = {
    "softmax_cross_entropy_with_logits": ("softmax_cross_entropy_with_logits_sg", "Reshape_2"),
    "softmax_cross_entropy_with_logits_v2": ("softmax_cross_entropy_with_logits", "Reshape_2"),
    "sparse_softmax_cross_entropy_with_logits": ("SparseSoftmaxCrossEntropyWithLogits", None),
    "softmax_cross_entropy": ("softmax_cross_entropy_loss", "value"),
    "sparse_softmax_cross_entropy": ("sparse_softmax_cross_entropy_loss", "value"),
    "sigmoid_cross_entropy": ("sigmoid_cross_entropy_loss", "value"),
    "log_loss": ("log_loss", "value"),
}
_OPERATOR_TYPES = {"add": ("AddV2", "add"), "sub": ("Sub", "sub"), "mul": ("Mul", "mul"),
                   "truediv": ("RealDiv", "truediv"), "floordiv": ("FloorDiv", "floordiv"),
                   "mod": ("FloorMod", "mod"), "Neg": ("Neg", "Neg"), "Abs": ("Abs", "Abs"),
                   "getitem": ("StridedSlice", "strided_slice"), "Less": ("Less", "Less"),
                   "LessEqual": ("LessEqual", "LessEqual"), "Greater": ("Greater", "Greater"),
                   "GreaterEqual": ("GreaterEqual", "GreaterEqual")}


class _Node(object):
    """One op of the program: ``fn(*args, **kwargs)`` (a public ``compat.v1`` function run
    raw), a placeholder, a variable read or the initializer. ``graph`` is None for nodes made
    in eager mode (they get a name when a graph first needs one)."""

    __slots__ = ("kind", "fn", "args", "kwargs", "op_type", "base_name", "_name", "graph",
                 "in_tensors", "n_out", "dtypes", "shapes", "_tensors", "var", "depth",
                 "unprobed", "probe_outs", "__weakref__")

    def __init__(self, kind, fn=None, args=(), kwargs=None, op_type="", base_name=None, graph=None):
        self.kind = kind
        self.fn = fn
        self.args = args
        self.kwargs = kwargs or {}
        self.op_type = op_type
        self.base_name = base_name or op_type
        self._name = None
        self.graph = graph
        self.in_tensors = [t for t in _walk((args, self.kwargs)) if _node_of(t)[0] is not None]
        self.n_out = 1
        self.dtypes = None
        self.shapes = None
        self._tensors = {}
        self.var = None
        self.depth = 0
        self.unprobed = False
        self.probe_outs = {}
        if graph is not None:
            if isinstance(self.base_name, tuple):   # (name scope, op inside it)
                scope, inner = self.base_name
                self._name = graph.unique_name(graph.unique_name(graph._scope + scope) + "/" + inner)
            else:
                self._name = graph.unique_name(graph._scope + self.base_name)
            graph._by_name[self._name] = self

    @property
    def name(self):
        if self._name is None:
            g = _graph()
            self._name = g.unique_name(self.base_name)
            g._by_name[self._name] = self
        return self._name

    @property
    def op(self):
        return Operation(self)

    def tensor(self, i):
        t = self._tensors.get(i)
        if t is None:
            t = GraphTensor._new(self, i)
            self._tensors[i] = t
        return t


def _walk(obj):
    """Every Tensor in nested lists / tuples / dicts (NumPy arrays are leaves)."""
    stack = [obj]
    while stack:
        o = stack.pop()
        if isinstance(o, Tensor):
            yield o
        elif isinstance(o, (list, tuple)):
            stack.extend(reversed(o))
        elif isinstance(o, dict):
            stack.extend(reversed(list(o.values())))


def _node_of(t):
    """(node, output index) of a compat.v1 tensor, or (None, None) for a plain constant."""
    if isinstance(t, GraphTensor):
        return t._node, t._index
    rec = getattr(t, "_recipe", None)
    if rec is None:
        return None, None
    return rec


def _map(obj, f):
    if isinstance(obj, Tensor):
        return f(obj)
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):
        return type(obj)(*[_map(o, f) for o in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)(_map(o, f) for o in obj)
    if isinstance(obj, dict):
        return type(obj)((k, _map(v, f)) for k, v in obj.items())
    return obj


def _is_symbolic(obj):
    return any(isinstance(t, GraphTensor) for t in _walk(obj))


# --------------------------------------------------------------------------- symbolic tensors
class GraphTensor(Tensor):
    """A graph-mode ``tf.Tensor``: no value until a Session runs it."""

    __slots__ = ("_node", "_index")

    @classmethod
    def _new(cls, node, index):
        t = object.__new__(cls)
        t._node = node
        t._index = index
        t._dtype = node.dtypes[index]
        t._ref = "v1"
        t._id = None
        t._value = None
        t._recipe = None
        return t

    @property
    def name(self):
        return "%s:%d" % (self._node.name, self._index)

    @property
    def op(self):
        return self._node.op

    @property
    def graph(self):
        return self._node.graph or _graph()

    @property
    def value_index(self):
        return self._index

    @property
    def shape(self):
        return GraphShape(self._node.shapes[self._index])

    def get_shape(self):
        return self.shape

    @property
    def ndim(self):
        raise AttributeError("'Tensor' object has no attribute 'ndim'")

    def set_shape(self, shape):
        pass

    def eval(self, feed_dict=None, session=None):
        return _session_for(session, "eval").run(self, feed_dict)

    def consumers(self):
        return []

    def __str__(self):
        if self._node.shapes[self._index] is None:   # unknown rank: TF leaves the shape out
            return 'Tensor("%s", dtype=%s)' % (self.name, self._dtype.name)
        return 'Tensor("%s", shape=%s, dtype=%s)' % (self.name, self.shape, self._dtype.name)

    def __repr__(self):
        return "<tf.Tensor '%s' shape=%s dtype=%s>" % (self.name, self.shape, self._dtype.name)

    def __hash__(self):
        return id(self)

    def __eq__(self, other):
        return self is other

    def __ne__(self, other):
        return self is not other

    def __bool__(self):
        raise TypeError("Using a `tf.Tensor` as a Python `bool` is not allowed. Use `if t is not "
                        "None:` instead of `if t:` to test if a tensor is defined, and use "
                        "TensorFlow ops such as tf.cond to execute subgraphs conditioned on the "
                        "value of a tensor.")

    def __len__(self):
        raise TypeError("len is not well defined for symbolic Tensors. (%s) Please call `x.shape` "
                        "rather than `len(x)` for shape information." % self.name)

    def __iter__(self):
        shape = self._node.shapes[self._index]
        if shape is None:
            raise TypeError("Cannot iterate over a tensor with unknown shape.")
        if not shape:
            raise TypeError("Cannot iterate over a scalar tensor.")
        if shape[0] is None:
            raise TypeError("Cannot iterate over a tensor with unknown first dimension.")
        return iter([self[i] for i in range(shape[0])])

    def __array__(self, dtype=None, copy=None):
        raise NotImplementedError("Cannot convert a symbolic Tensor (%s) to a numpy array." % self.name)

    def numpy(self):
        raise AttributeError("'Tensor' object has no attribute 'numpy'")

    def _numpy(self):
        raise AttributeError("'Tensor' object has no attribute 'numpy'")

    def __int__(self):
        raise TypeError("int() argument must be a string, a bytes-like object or a number, not 'Tensor'")

    def __float__(self):
        raise TypeError("float() argument must be a string or a number, not 'Tensor'")

    def __index__(self):
        raise TypeError("'Tensor' object cannot be interpreted as an integer")

    def __format__(self, spec):
        return format(str(self), spec)

    def __reduce__(self):
        raise TypeError("can't pickle a symbolic Tensor")


class Variable(GraphTensor):
    """``tf.Variable`` in a TF 1.15 graph (a ref variable): read by ops, given its value by
    ``global_variables_initializer()`` in each Session."""

    __slots__ = ()

    def __new__(cls, initial_value=None, trainable=None, collections=None, validate_shape=True,
                caching_device=None, name=None, variable_def=None, dtype=None,
                expected_shape=None, import_scope=None, constraint=None, use_resource=None,
                synchronization=None, aggregation=None, shape=None):
        g = _enter_graph_mode()
        if initial_value is None:
            raise ValueError("initial_value must be specified.")
        if callable(initial_value):
            initial_value = initial_value()
        init = initial_value
        if not isinstance(init, Tensor):
            from ._api import convert_to_tensor as _ct
            init = traced(_ct, "Const", "Const")(init, dtype=dtype)
        elif dtype is not None:
            from ._api import cast as _cast
            if _dtypes.as_dtype(dtype) != init.dtype:
                init = traced(_cast, "Cast", "Cast")(init, dtype)
        node = _Node("variable", op_type="VariableV2", base_name=name or "Variable", graph=g)
        node.in_tensors = [init]
        node.var = init
        node.dtypes = [init.dtype]
        node.shapes = [_static_shape(init)]
        t = object.__new__(cls)
        t._node = node
        t._index = 0
        t._dtype = init.dtype
        t._ref = "v1"
        t._id = None
        t._value = None
        t._recipe = None
        node._tensors[0] = t
        g._variables.append(t)
        return t

    def __init__(self, *args, **kwargs):
        pass

    @property
    def initial_value(self):
        return self._node.var

    @property
    def initializer(self):
        node = _Node("init", op_type="Assign", base_name=self._node.name + "/Assign", graph=self.graph)
        node.in_tensors = []   # it writes the variable: no read
        node.var = [self]
        return Operation(node)

    def initialized_value(self):
        return self._node.var

    def value(self):
        return self

    def read_value(self):
        return self

    def __str__(self):
        return "<tf.Variable '%s' shape=%s dtype=%s_ref>" % (self.name, self.shape, self._dtype.name)

    __repr__ = __str__


def _static_shape(t):
    node, idx = _node_of(t)
    if isinstance(t, GraphTensor):
        return node.shapes[idx]
    return tuple(t.shape)


# --------------------------------------------------------------------------- tracing
# Eager tensors keep their inputs alive through their node. To keep memory bounded in long
# eager programs, an eager result is recorded only when each input tensor holds at most
# _RECORD_MAX_BYTES and its chain of recorded ancestors is at most _RECORD_MAX_DEPTH long;
# otherwise a Session takes it as a constant (its eager value).
_RECORD_MAX_BYTES = 1 << 20
_RECORD_MAX_DEPTH = 1000


def _recordable(node):
    depth = 0
    for t in node.in_tensors:
        if isinstance(t, GraphTensor):
            continue
        if t._value.nbytes > _RECORD_MAX_BYTES:
            return False
        child = _node_of(t)[0]
        if child is not None:
            depth = max(depth, getattr(child, "depth", 0) + 1)
    if depth > _RECORD_MAX_DEPTH:
        return False
    node.depth = depth
    return True


def _attach(out, node):
    """Give eager outputs their node (output i of a tuple result is output i)."""
    if not _recordable(node):
        return out
    if isinstance(out, Tensor):
        if getattr(out, "_recipe", None) is None and not any(out is t for t in node.in_tensors):
            out._recipe = (node, 0)
        return out
    if isinstance(out, tuple):
        node.n_out = len(out)
        for i, o in enumerate(out):
            if (isinstance(o, Tensor) and getattr(o, "_recipe", None) is None
                    and not any(o is t for t in node.in_tensors)):
                o._recipe = (node, i)
    return out


def traced(fn, op_type=None, base_name=None):
    """Wrap a public ``compat.v1`` function: eager calls run it and record the node; calls
    in graph mode (or on symbolic tensors) build a symbolic node."""
    if getattr(fn, "_tfxent_traced", False):
        return fn
    op_type = op_type or _OP_TYPES.get(fn.__name__, fn.__name__)
    base_name = base_name or op_type

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if _depth() > 0:
            return fn(*args, **kwargs)
        if not (_State.graph_mode or _is_symbolic((args, kwargs))):
            with _Depth():
                out = fn(*args, **kwargs)
            node = _Node("op", fn, args, kwargs, op_type, kwargs.get("name") or base_name)
            return _attach(out, node)
        g = _graph()
        name = kwargs.get("name")
        name = name if isinstance(name, str) and name else None
        scoped = _SCOPED_NAMES.get(fn.__name__)
        if scoped is not None:
            scope = name or scoped[0]
            node_name = (scope, scoped[1] or scope)
        else:
            node_name = name or base_name
        node = _Node("op", fn, args, kwargs, op_type, node_name, graph=g)
        return _symbolic_outputs(node)
    wrapper._tfxent_traced = True
    wrapper._tfxent_raw = fn
    return wrapper


# Probe sizes for unknown dimensions: small ones first; if the node fails on them (e.g. a
# reshape to [-1, 4] of a [None] placeholder), sizes divisible by 2..10, 12, 14, 15, 16...
_PROBE_SIZES = ((2, 3), (5040, 10080))


def _symbolic_outputs(node):
    a = None
    if not any(getattr(_node_of(t)[0], "unprobed", False) for t in node.in_tensors):
        for sizes in _PROBE_SIZES:
            try:
                a, b = [_probe(node, size) for size in sizes]
                break
            except Exception:  # noqa: BLE001 - other sizes, else the shape stays unknown
                a = None
    if a is None:
        # Zero-filled probes cannot satisfy every relation between unknown dimensions (a
        # [None] placeholder reshaped to [-1, 4] next to a [None, 1] one): the static shape
        # stays unknown (TF would often know it) and the dtype is inferred from the op. The
        # values a Session computes are not affected.
        node.unprobed = True
        node.n_out = 1
        node.dtypes = [_guess_dtype(node)]
        node.shapes = [None]
        return node.tensor(0)
    if isinstance(a, Tensor):
        outs_a, outs_b, single = [a], [b], True
    elif isinstance(a, tuple) and all(isinstance(o, Tensor) for o in a):
        outs_a, outs_b, single = list(a), list(b), False
    else:
        return a   # not a tensor result (e.g. a Python value)
    node.n_out = len(outs_a)
    node.dtypes = [o.dtype for o in outs_a]
    shapes = []
    for x, y in zip(outs_a, outs_b):
        sx, sy = tuple(x._value.shape), tuple(y._value.shape)
        if len(sx) != len(sy):
            shapes.append(None)
        else:
            shapes.append(tuple(p if p == q else None for p, q in zip(sx, sy)))
    if node.op_type == "Squeeze" and len(node.args) < 2 and node.kwargs.get("axis") is None \
            and node.kwargs.get("squeeze_dims") is None and node.in_tensors:
        src = _static_shape(node.in_tensors[0])
        if src is None or None in src:     # which dims are 1 is unknown: so is the rank
            shapes = [None]
    node.shapes = shapes
    tensors = [node.tensor(i) for i in range(node.n_out)]
    if single:
        return tensors[0]
    if hasattr(a, "_fields"):
        return type(a)(*tensors)
    return tuple(tensors)


def _guess_dtype(node):
    kw = node.kwargs
    if node.op_type in ("ArgMax", "ArgMin"):
        return _dtypes.as_dtype(kw.get("output_type") or _dtypes.int64)
    if node.op_type in ("Equal", "NotEqual", "Less", "LessEqual", "Greater", "GreaterEqual"):
        return _dtypes.bool
    if node.op_type in ("Shape", "Size"):
        return _dtypes.as_dtype(kw.get("out_type") or _dtypes.int32)
    if node.op_type == "Rank":
        return _dtypes.int32
    if node.op_type == "Cast":
        return _dtypes.as_dtype(kw["dtype"] if "dtype" in kw else node.args[1])
    dts = [t.dtype for t in node.in_tensors]
    floats = [d for d in dts if d.is_floating]
    return (floats or dts or [_dtypes.float32])[0]


def _probe(node, size):
    """The node's outputs with every placeholder zero-filled (unknown dims = size)."""
    ev = _Evaluator(probe=size)
    return ev.node_out(node)


def operator(fn, kind, *args):
    """A Tensor operator of a compat.v1 tensor (``x + y``, ``-x``, ``x[i]``, ``x < y``)."""
    if _depth() > 0:
        return fn(*args)
    op_type, base = _OPERATOR_TYPES.get(kind, (kind, kind))
    if not (_State.graph_mode or _is_symbolic(args)):
        with _Depth():
            out = fn(*args)
        return _attach(out, _Node("op", fn, args, None, op_type, base))
    node = _Node("op", fn, args, None, op_type, base, graph=_graph())
    return _symbolic_outputs(node)


# --------------------------------------------------------------------------- evaluation
class _Legacy(object):
    """NumPy scalar types whose repr is NumPy 1.x's (``1.5``, not ``np.float32(1.5)``)."""
    types = {}

    @classmethod
    def scalar(cls, v):
        t = type(v)
        if t is np.bool_ or not isinstance(v, np.generic) or isinstance(v, (np.bytes_, np.str_)):
            return v
        sub = cls.types.get(t)
        if sub is None:
            sub = type(t.__name__, (t,), {"__slots__": (), "__repr__": lambda s: str(s),
                                          "__module__": "numpy"})
            cls.types[t] = sub
        return sub(v)


def _fetch_value(t):
    v = t._value
    if v.ndim == 0:
        return _Legacy.scalar(v[()])
    return v.copy()


def _subgraph(roots, fed=frozenset(), symbolic_only=False):
    """Nodes needed by ``roots`` in dependency order, and how many inputs read each node
    (a fed node's inputs are not needed; ``symbolic_only``: eager inputs are leaves)."""
    order, seen, consumers = [], set(), {}
    stack = [(n, False) for n in reversed(roots)]
    while stack:
        node, done = stack.pop()
        if done:
            order.append(node)
            continue
        if id(node) in seen:
            continue
        seen.add(id(node))
        stack.append((node, True))
        if id(node) in fed:
            continue
        for t in node.in_tensors:
            if symbolic_only and not isinstance(t, GraphTensor):
                continue
            child = _node_of(t)[0]
            if child is not None and id(child) not in seen:
                stack.append((child, False))
    for node in order:
        for t in node.in_tensors:
            child = _node_of(t)[0]
            if child is not None:
                consumers[id(child)] = consumers.get(id(child), 0) + 1
    return order, consumers


def _foldable(order, fed):
    """Nodes Grappler's constant folding would fold (no placeholder, variable or feed
    upstream), by id; ``order`` lists inputs before their consumers."""
    res = {}
    for n in order:
        res[id(n)] = n.kind == "op" and id(n) not in fed and all(
            res.get(id(c), False) for c in (_node_of(t)[0] for t in n.in_tensors) if c is not None)
    return res


class _Evaluator(object):
    """Runs nodes as TF 1.15's graph executor does (FTZ/DAZ always on, Grappler's
    Log(Softmax) rewrite, Keras's Softmax/Sigmoid shortcut); ``probe`` = zero-filled
    placeholders for static shapes instead."""

    def __init__(self, feeds=None, variables=None, probe=None, fetched=()):
        self.feeds = feeds or {}
        self.fed_nodes = frozenset(k[0] for k in self.feeds)
        self.variables = variables
        self.probe = probe
        self.memo = {}
        self.fetched = set(id(n) for n in fetched)
        self.consumers = {}
        self.foldable = {}

    def value(self, t):
        if self.probe is not None and not isinstance(t, GraphTensor):
            return t        # a probe only needs shapes: an eager tensor stands for itself
        node, idx = _node_of(t)
        if node is None:
            return t
        key = (id(node), idx)
        if key in self.feeds:
            return self.feeds[key]
        out = self.node_out(node)
        if isinstance(out, (tuple, list)) and node.n_out > 1:
            return out[idx]
        return out

    def node_out(self, node):
        if id(node) in self.memo:
            return self.memo[id(node)]
        self.run_order(_subgraph([node], self.fed_nodes, self.probe is not None)[0])
        return self.memo[id(node)]

    def run_order(self, order):
        for n in order:
            if id(n) not in self.memo:
                self.memo[id(n)] = self._run(n)

    def _run(self, node):
        if id(node) in self.fed_nodes:
            outs = [self.feeds.get((id(node), i)) for i in range(node.n_out)]
            if all(o is not None for o in outs):
                return outs[0] if node.n_out == 1 else tuple(outs)
        if node.kind == "placeholder":
            return self._placeholder(node)
        if node.kind == "variable":
            if self.probe is not None:
                return self.value(node.var)
            if id(node) not in self.variables:
                raise _uninitialized(node, id(node) in self.fetched)
            return self.variables[id(node)]
        if node.kind == "init":
            return None
        if self.probe is not None and node.graph is not None:
            out = node.probe_outs.get(self.probe)
            if out is None:   # a symbolic node keeps its probe outputs for later nodes
                out = node.probe_outs[self.probe] = self._call(node)
            return out
        if self.probe is None:
            rewritten = self._rewrite(node)
            if rewritten is not None:
                return rewritten
        out = self._call(node)
        if self.probe is None and node.op_type in ("Softmax", "Sigmoid") and isinstance(out, Tensor):
            logits = self.value(node.in_tensors[0]) if node.in_tensors else None
            if logits is not None and _last_dim(node, logits):
                out = _with_op(out, node.op_type, logits)
        return out

    def _call(self, node):
        args = _map(node.args, self.value)
        kwargs = _map(node.kwargs, self.value)
        with _Depth(), _profile.graph_mode(self.probe is None):
            return node.fn(*args, **kwargs)

    def _placeholder(self, node):
        if self.probe is not None:
            shape = node.shapes[0]
            if shape is None:
                shape = (self.probe,)
            dims = tuple(self.probe if d is None else d for d in shape)
            return Tensor._make(np.zeros(dims, dtype=_np_dtype(node.dtypes[0])), node.dtypes[0], "v1")
        raise _missing_feed(node)

    def _rewrite(self, node):
        """Grappler ``LogSoftmaxStage``: Log(Softmax(x)) -> LogSoftmax(x)."""
        if node.op_type != "Log" or len(node.in_tensors) != 1:
            return None
        src = _node_of(node.in_tensors[0])[0]
        if (src is None or src.op_type != "Softmax" or id(src) in self.fetched
                or self.consumers.get(id(src), 0) != 1 or self.foldable.get(id(src), False)):
            return None
        logits = self.value(src.in_tensors[0])
        if not _last_dim(src, logits):
            return None
        from ._api import log_softmax
        with _Depth(), _profile.graph_mode(True):
            return log_softmax(logits)


def _last_dim(node, logits):
    """The Softmax/Sigmoid node is one op on the last dimension (TF's ``is_last_dim``)."""
    if node.op_type == "Sigmoid":
        return True
    axis = node.kwargs.get("axis", node.kwargs.get("dim"))
    if len(node.args) > 1:
        axis = node.args[1]
    if axis is None:
        return True
    nd = logits._value.ndim
    return axis == -1 or axis == nd - 1


class OpOutput(Tensor):
    """A value computed in a Session by a Softmax / Sigmoid op, with the op's input: the
    Keras backend's graph shortcut (``output.op.type == 'Softmax'``, ``output.op.inputs[0]``)."""

    __slots__ = ("_op_type", "_op_input")


def _with_op(out, op_type, logits):
    t = OpOutput._make(out._value, out.dtype, out._ref)
    t._op_type = op_type
    t._op_input = logits
    return t


def graph_op_input(output, op_type):
    """The logits of ``output`` when, in a Session, it is the output of a ``op_type`` op."""
    if _profile.in_graph_mode() and isinstance(output, OpOutput) and output._op_type == op_type:
        return output._op_input
    return None


def _np_dtype(dt):
    return np.dtype(dt.as_numpy_dtype)


def _missing_feed(node):
    from ...errors import InvalidArgumentError
    shape = node.shapes[0]
    dims = "<unknown>" if shape is None else "[%s]" % ",".join(
        "?" if d is None else str(d) for d in shape)
    return InvalidArgumentError(
        None, None, "You must feed a value for placeholder tensor '%s' with dtype %s and shape %s"
        % (node.name, _dtypes.CPP_NAMES.get(node.dtypes[0].name, node.dtypes[0].name), dims))


def _uninitialized(node, fetched):
    """TF 1.15's message; for a variable read by another op TF also names that op and where
    it was defined (a path on the user's machine), which is left out."""
    from ...errors import FailedPreconditionError
    msg = "Attempting to use uninitialized value %s" % node.name
    if fetched:
        msg += "\n\t [[{{node _retval_%s_0_0}}]]" % node.name
    return FailedPreconditionError(None, None, msg)


# --------------------------------------------------------------------------- API
class name_scope(object):
    """``tf.name_scope(name, default_name=None, values=None)`` (TF 1.15 ``ops.name_scope``):
    in graph mode ops made inside are named ``<scope>/<op>``; a scope name already used gets
    ``_1``, ``_2``... (``Graph.unique_name``); a name ending in ``/`` is taken as is. Eager:
    no op names, the scope string only."""

    def __init__(self, name, default_name=None, values=None):
        if not name and not default_name:
            raise ValueError("At least one of name (%s) and default_name (%s) must be provided."
                             % (name, default_name))
        self._name = name if name else default_name

    def __enter__(self):
        if not _State.graph_mode:
            self._graph = None
            return self._name if self._name.endswith("/") else self._name + "/"
        g = self._graph = _graph()
        self._prev = g._scope
        if self._name.endswith("/"):
            g._scope = self._name
        else:
            g._scope = g.unique_name(g._scope + self._name) + "/"
        return g._scope

    def __exit__(self, *exc):
        if self._graph is not None:
            self._graph._scope = self._prev


def placeholder(dtype, shape=None, name=None):
    """``tf.placeholder`` (TF 1.15 ``array_ops.placeholder``)."""
    g = _enter_graph_mode()
    dtype = _dtypes.as_dtype(dtype)
    node = _Node("placeholder", op_type="Placeholder", base_name=name or "Placeholder", graph=g)
    node.dtypes = [dtype]
    if shape is not None:
        shape = tuple(None if (d is None or (isinstance(d, int) and d < 0)) else int(d)
                      for d in (shape.as_list() if hasattr(shape, "as_list") else
                                ([shape] if isinstance(shape, int) else shape)))
    node.shapes = [shape]
    return node.tensor(0)


def global_variables_initializer():
    """``tf.global_variables_initializer``: an op named ``init`` that gives every variable of
    the graph its initial value."""
    g = _enter_graph_mode()
    node = _Node("init", op_type="NoOp", base_name="init", graph=g)
    node.var = list(g._variables)
    return Operation(node)


initialize_all_variables = global_variables_initializer


def variables_initializer(var_list, name="init"):
    g = _enter_graph_mode()
    node = _Node("init", op_type="NoOp", base_name=name, graph=g)
    node.var = list(var_list)
    return Operation(node)


def global_variables():
    return list(_graph()._variables)


trainable_variables = global_variables


def reset_default_graph():
    if _State.sessions:
        raise AssertionError("Do not use tf.reset_default_graph() to clear nested graphs. If "
                             "you need a cleared graph, exit the nesting and create a new graph.")
    _State.graph = Graph()


def get_default_graph():
    return _enter_graph_mode()


def get_default_session():
    return _State.sessions[-1] if _State.sessions else None


def executing_eagerly():
    return not _State.graph_mode


def enable_eager_execution(config=None, device_policy=None, execution_mode=None):
    if _State.graph_mode:
        raise ValueError("tf.enable_eager_execution must be called at program startup.")


def disable_eager_execution():
    _enter_graph_mode()


def _session_for(session, what):
    if session is None:
        session = get_default_session()
        if session is None:
            if what == "eval":
                raise ValueError("Cannot evaluate tensor using `eval()`: No default session is "
                                 "registered. Use `with sess.as_default()` or pass an explicit "
                                 "session to `eval(session=sess)`")
            raise ValueError("Cannot execute operation using `run()`: No default session is "
                             "registered. Use `with sess.as_default():` or pass an explicit "
                             "session to `run(session=sess)`")
    return session


class _DefaultSession(object):
    def __init__(self, sess):
        self.sess = sess

    def __enter__(self):
        _State.sessions.append(self.sess)
        return self.sess

    def __exit__(self, *exc):
        if _State.sessions and _State.sessions[-1] is self.sess:
            _State.sessions.pop()


class Session(object):
    """``tf.Session`` (``client/session.py``): ``run(fetches, feed_dict)``, ``close()``,
    context manager, ``as_default()``."""

    def __init__(self, target="", graph=None, config=None):
        self._graph = graph or _enter_graph_mode()
        _State.graph_mode = True
        self._closed = False
        self._vars = {}
        self._default = None

    @property
    def graph(self):
        return self._graph

    @property
    def graph_def(self):
        raise NotImplementedError("tfxent graphs have no GraphDef")

    def as_default(self):
        return _DefaultSession(self)

    def __enter__(self):
        self._default = _DefaultSession(self)
        self._default.__enter__()
        return self

    def __exit__(self, exc_type, exc, tb):
        if self._default is not None:
            self._default.__exit__()
            self._default = None
        self.close()

    def close(self):
        self._closed = True

    def __del__(self):
        pass

    def run(self, fetches, feed_dict=None, options=None, run_metadata=None):
        if self._closed:
            raise RuntimeError("Attempted to use a closed Session.")
        flat = []
        _flatten_fetches(fetches, flat)
        feeds = self._feeds(feed_dict)
        roots = []
        for f in flat:
            node = f._node if isinstance(f, Operation) else _node_of(f)[0]
            if node is not None:
                roots.append(node)
        ev = _Evaluator(feeds, self._vars, fetched=roots)
        order, ev.consumers = _subgraph(roots, ev.fed_nodes)
        ev.foldable = _foldable(order, ev.fed_nodes)
        ev.run_order(order)
        results = {}
        for f in flat:
            if isinstance(f, Operation):
                node = f._node
                if node.kind == "init":
                    pending = {}
                    for v in node.var:
                        pending[id(v._node)] = ev.value(v._node.var)
                    results[id(f)] = ("op", pending)
                else:
                    ev.node_out(node)
                    results[id(f)] = ("op", None)
            else:
                val = ev.value(f)
                if not isinstance(val, Tensor):
                    from ..._convert import to_tensor
                    val = to_tensor(val, ref="v1")
                results[id(f)] = ("t", _fetch_value(val))
        for kind, val in results.values():
            if kind == "op" and val:
                self._vars.update(val)
        return _rebuild(fetches, results)

    def _feeds(self, feed_dict):
        feeds = {}
        for key, value in (feed_dict or {}).items():
            if isinstance(key, str):
                key = _graph().get_tensor_by_name(key)
            node, idx = _node_of(key)
            if node is None:
                raise TypeError("The value of a feed cannot be a tf.Tensor object. Acceptable "
                                "feed values include Python scalars, strings, lists, numpy "
                                "ndarrays, or TensorHandles.")
            if isinstance(value, Tensor) and not isinstance(value, GraphTensor):
                value = value._value
            dt = key.dtype
            arr = np.asarray(value, dtype=_np_dtype(dt))
            shape = node.shapes[idx] if node.shapes is not None else tuple(key.shape)
            if shape is not None and not GraphShape(shape).is_compatible_with(arr.shape):
                raise ValueError("Cannot feed value of shape %r for Tensor %r, which has shape %r"
                                 % (arr.shape, key.name, _shape_text(shape)))
            feeds[(id(node), idx)] = Tensor._make(arr, dt, "v1")
        return feeds


class InteractiveSession(Session):
    """``tf.InteractiveSession``: a Session that makes itself the default."""

    def __init__(self, target="", graph=None, config=None):
        super(InteractiveSession, self).__init__(target, graph, config)
        self._default = _DefaultSession(self)
        self._default.__enter__()

    def close(self):
        super(InteractiveSession, self).close()
        if self._default is not None:
            self._default.__exit__()
            self._default = None


def _flatten_fetches(fetches, out):
    if fetches is None:
        raise TypeError("Fetch argument None has invalid type <class 'NoneType'>")
    if isinstance(fetches, (Tensor, Operation)):
        out.append(fetches)
    elif isinstance(fetches, dict):
        for v in fetches.values():
            _flatten_fetches(v, out)
    elif isinstance(fetches, (list, tuple)):
        for v in fetches:
            _flatten_fetches(v, out)
    elif isinstance(fetches, str):
        out.append(_graph().get_tensor_by_name(fetches) if ":" in fetches
                   else _graph().get_operation_by_name(fetches))
    else:
        raise TypeError("Fetch argument %r has invalid type %r, must be a string or Tensor. "
                        "(Can not convert a %s into a Tensor or Operation.)"
                        % (fetches, type(fetches), type(fetches).__name__))


def _rebuild(fetches, results):
    if isinstance(fetches, (Tensor, Operation)):
        kind, val = results[id(fetches)]
        return val if kind == "t" else None
    if isinstance(fetches, dict):
        return type(fetches)((k, _rebuild(v, results)) for k, v in fetches.items())
    if isinstance(fetches, tuple) and hasattr(fetches, "_fields"):
        return type(fetches)(*[_rebuild(v, results) for v in fetches])
    if isinstance(fetches, (list, tuple)):
        return type(fetches)(_rebuild(v, results) for v in fetches)
    if isinstance(fetches, str):
        t = (_graph().get_tensor_by_name(fetches) if ":" in fetches
             else _graph().get_operation_by_name(fetches))
        return _rebuild(t, results)
    return None


def eval_tensor(t, feed_dict=None, session=None):
    """``Tensor.eval()`` of a compat.v1 tensor made before graph mode began."""
    return _session_for(session, "eval").run(t, feed_dict)


def install(module):
    """Trace the public functions of a ``compat.v1`` namespace module (and the ``__call__``
    of its loss classes) so that they take part in graphs."""
    import types
    for name, obj in list(vars(module).items()):
        if name.startswith("_"):
            continue
        if isinstance(obj, types.FunctionType):
            if obj.__module__ in (__name__, _dtypes.__name__) or name in _NOT_OPS:
                continue
            setattr(module, name, traced(obj))
        elif isinstance(obj, type) and "__call__" in vars(obj) and obj.__module__ != __name__ \
                and not issubclass(obj, (Tensor, _dtypes.DType)):
            obj.__call__ = traced(vars(obj)["__call__"], obj.__name__, obj.__name__)


_NOT_OPS = frozenset(["as_dtype", "epsilon", "floatx"])
