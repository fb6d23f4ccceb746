"""tfxent's tensor: an immutable NumPy array with a TF dtype, printed exactly as TF's
EagerTensor prints (``tensorflow/python/framework/ops.py``: ``_EagerTensorBase.__str__``,
``__repr__``, ``numpy_text``), in the style of the reference that made it ("v2": TF 2.21,
"v1": TF 1.15.5 eager, whose repr carries ``id=``)."""
import functools
import itertools

import numpy as np

_ids = itertools.count(1)


class TensorShape(object):
    """A fully known shape, printed like ``tf.TensorShape``."""

    __slots__ = ("_dims",)

    def __init__(self, dims):
        self._dims = tuple(int(d) for d in dims)

    @property
    def rank(self):
        return len(self._dims)

    ndims = rank

    @property
    def dims(self):
        return list(self._dims)

    def as_list(self):
        return list(self._dims)

    def num_elements(self):
        n = 1
        for d in self._dims:
            n *= d
        return n

    def is_fully_defined(self):
        return True

    def __len__(self):
        return len(self._dims)

    def __iter__(self):
        return iter(self._dims)

    def __getitem__(self, key):
        if isinstance(key, slice):
            return TensorShape(self._dims[key])
        return self._dims[key]

    def __eq__(self, other):
        if isinstance(other, TensorShape):
            return self._dims == other._dims
        try:
            return self._dims == tuple(other)
        except TypeError:
            return NotImplemented

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    def __hash__(self):
        return hash(self._dims)

    def __str__(self):
        if len(self._dims) == 1:
            return "(%d,)" % self._dims[0]
        return "(%s)" % ", ".join(str(d) for d in self._dims)

    def __repr__(self):
        return "TensorShape(%s)" % list(self._dims)


class Tensor(object):
    """An eager tensor. ``numpy()``, ``np.asarray(t)``, ``.shape``, ``.dtype``, operators and
    printing follow TensorFlow."""

    # _recipe: (node, output index) of a compat.v1 tensor (how TF 1.15's graph would make it)
    __slots__ = ("_value", "_dtype", "_ref", "_id", "_recipe", "__weakref__")
    __array_priority__ = 100

    @classmethod
    def _make(cls, array, dtype, ref="v2"):
        t = object.__new__(cls)
        arr = np.asarray(array)
        if arr.flags.writeable:
            if arr.base is not None or not arr.flags.owndata:
                arr = arr.copy()
            arr.flags.writeable = False
        t._value = arr
        t._dtype = dtype
        t._ref = ref
        t._id = next(_ids) if ref == "v1" else None
        t._recipe = None
        return t

    # -- value access ---------------------------------------------------------------
    @property
    def dtype(self):
        return self._dtype

    @property
    def shape(self):
        return TensorShape(self._value.shape)

    def get_shape(self):
        return self.shape

    @property
    def ndim(self):
        return self._value.ndim

    @property
    def device(self):
        return "/job:localhost/replica:0/task:0/device:CPU:0"

    def _numpy(self):
        v = self._value
        return v[()] if v.ndim == 0 else v

    def numpy(self):
        v = self._numpy()
        return v.copy() if isinstance(v, np.ndarray) else v

    def __array__(self, dtype=None, copy=None):
        a = self._value
        if dtype is not None and np.dtype(dtype) != a.dtype:
            return a.astype(dtype)
        if copy is False:
            return a
        return a.copy()

    def __len__(self):
        if self._value.ndim == 0:
            raise TypeError("Scalar tensor has no `len()`")
        return self._value.shape[0]

    def __iter__(self):
        if self._value.ndim == 0:
            raise TypeError("Cannot iterate over a scalar tensor.")
        for i in range(self._value.shape[0]):
            yield Tensor._make(self._value[i], self._dtype, self._ref)

    def __bool__(self):
        x = self._numpy()
        if isinstance(x, np.ndarray):
            return bool(x.size > 0 and x)
        return bool(x)

    def __int__(self):
        return int(self._numpy())

    def __float__(self):
        return float(self._numpy())

    def __complex__(self):
        return complex(self._numpy())

    def __index__(self):
        return self._value.__index__() if self._value.ndim else self._value[()].__index__()

    def __format__(self, spec):
        return self._numpy().__format__(spec)

    def __hash__(self):
        if self._ref == "v1":
            return id(self)
        raise TypeError("Tensor is unhashable. Instead, use tensor.ref() as the key.")

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __reduce__(self):
        from ._convert import to_tensor
        return to_tensor, (self._numpy(),)

    # -- printing -------------------------------------------------------------------
    def _text(self, is_repr):
        v = self._numpy()
        if is_repr:
            if self._ref == "v2" and np.isscalar(v) and not isinstance(v, bytes):
                text = repr(v.item())
            elif self._ref == "v1" and not isinstance(v, np.ndarray):
                # TF 1.15 printed repr(numpy scalar) under NumPy 1.x, which equals str().
                text = str(v)
            else:
                text = repr(v)
        else:
            text = str(v)
        if "\n" in text:
            text = "\n" + text
        return text

    def __str__(self):
        return "tf.Tensor(%s, shape=%s, dtype=%s)" % (self._text(False), self.shape, self._dtype.name)

    def __repr__(self):
        if self._ref == "v1":
            return "<tf.Tensor: id=%d, shape=%s, dtype=%s, numpy=%s>" % (
                self._id, self.shape, self._dtype.name, self._text(True))
        return "<tf.Tensor: shape=%s, dtype=%s, numpy=%s>" % (
            self.shape, self._dtype.name, self._text(True))

    # -- operators (TF's overrides; implemented in _ops) ----------------------------------
    def __getitem__(self, key):
        from . import _ops
        if self._ref == "v1":
            return _v1_operator(_ops.getitem, "getitem", self, key)
        return _ops.getitem(self, key)

    def __neg__(self):
        from . import _ops
        if self._ref == "v1":
            return _v1_operator(functools.partial(_ops.unary, "Neg"), "Neg", self)
        return _ops.unary("Neg", self)

    def __abs__(self):
        from . import _ops
        if self._ref == "v1":
            return _v1_operator(functools.partial(_ops.unary, "Abs"), "Abs", self)
        return _ops.unary("Abs", self)

    @property
    def eval(self):
        """``Tensor.eval()`` exists for compat.v1 tensors (graph tensors in TF 1.15)."""
        if self._ref != "v1":
            raise AttributeError("'%s' object has no attribute 'eval'" % type(self).__name__)
        from .compat.v1 import _graph
        return functools.partial(_graph.eval_tensor, self)

    def __pos__(self):
        return self

    def __eq__(self, other):
        from . import _ops
        return _ops.tensor_equals(self, other)

    def __ne__(self, other):
        from . import _ops
        return _ops.tensor_not_equals(self, other)


def _v1_operator(fn, kind, *args):
    """compat.v1 tensors: the operator is an op of TF 1.15's graph (see compat.v1._graph)."""
    from .compat.v1 import _graph
    return _graph.operator(fn, kind, *args)


def _binop(op):
    def fwd(self, other):
        from . import _ops
        if self._ref == "v1":
            return _v1_operator(functools.partial(_ops.binary_operator, op), op, self, other, False)
        return _ops.binary_operator(op, self, other, reverse=False)

    def rev(self, other):
        from . import _ops
        if self._ref == "v1":
            return _v1_operator(functools.partial(_ops.binary_operator, op), op, self, other, True)
        return _ops.binary_operator(op, self, other, reverse=True)
    return fwd, rev


for _name, _op in (("add", "add"), ("sub", "sub"), ("mul", "mul"), ("truediv", "truediv"),
                   ("floordiv", "floordiv"), ("mod", "mod"), ("pow", "pow")):
    _f, _r = _binop(_op)
    setattr(Tensor, "__%s__" % _name, _f)
    setattr(Tensor, "__r%s__" % _name, _r)

for _name, _op in (("lt", "Less"), ("le", "LessEqual"), ("gt", "Greater"), ("ge", "GreaterEqual")):
    def _cmp(self, other, _op=_op):
        from . import _ops
        if self._ref == "v1":
            return _v1_operator(functools.partial(_ops.comparison, _op), _op, self, other)
        return _ops.comparison(_op, self, other)
    setattr(Tensor, "__%s__" % _name, _cmp)
