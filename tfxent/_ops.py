"""Op invocation shared by the public namespaces: dtype matching, running a kernel, turning
kernel failures into TF's eager exceptions, and the Tensor operator overrides
(``tensorflow/python/framework/override_binary_operator.py``, ``ops/math_ops.py``)."""
import numpy as np

from . import _dtypes, _profile
from ._convert import to_tensor, match_args
from ._tensor import Tensor
from .errors import KernelError, InvalidArgumentError, raise_op_error


def ctx_for(ref):
    return _profile.context(ref)


def wrap(arr, dtype, ref):
    return Tensor._make(arr, dtype, ref)


def is_fast(*values):
    """Whether TF 2.21's generated op wrapper stays on its C++ fast path: every input is a
    tensor, a NumPy array or a plain Python scalar (None stands for an axis TF builds as a
    tensor). A Python list/tuple or a NumPy scalar sends it to the Python fallback, whose
    errors carry no `` name:`` suffix (measured on TF 2.21)."""
    for v in values:
        if v is None or isinstance(v, (Tensor, np.ndarray)):
            continue
        if isinstance(v, (bool, int, float, complex)) and not isinstance(v, np.generic):
            continue
        return False
    return True


def run(ref, op, fn, *arrays, name=None, scope=None, fast=True, **attrs):
    """Run kernel ``fn(ctx, *arrays, **attrs)``; format its failure as TF's eager error."""
    ctx = ctx_for(ref)
    try:
        # TF signals nothing for overflow/invalid results; neither does tfxent.
        with np.errstate(all="ignore"):
            return fn(ctx, *arrays, **attrs)
    except KernelError as e:
        raise_op_error(ref, e, op, name if name is not None else scope, fast)


def _cwise():
    from ._kernels import cwise
    return cwise


def _type_mismatch(ref, op, dtypes, scope=None, fast=True):
    """'cannot compute Op as input #1(zero-based) was expected to be a X tensor but is a Y tensor'."""
    first = dtypes[0]
    for i, d in enumerate(dtypes[1:], 1):
        if d != first:
            msg = ("cannot compute %s as input #%d(zero-based) was expected to be a %s tensor "
                   "but is a %s tensor" % (op, i, _dtypes.CPP_NAMES[first.name], _dtypes.CPP_NAMES[d.name]))
            raise_op_error(ref, KernelError(InvalidArgumentError, msg, wrapped=False), op, scope, fast)


def unary(op, x, name=None, ref=None):
    """A one-input op on a tensor, in the reference the tensor belongs to (operators)."""
    return unary_op(ref or (x._ref if isinstance(x, Tensor) else "v2"), op, x, name)


def binary(op, x, y, name=None, ref="v2", scope=None):
    """A two-input op with one type attr T (AddV2, Mul, Maximum, ...): args_to_matching_eager."""
    fast = is_fast(x, y)
    x, y = match_args([x, y], ref=ref)
    _type_mismatch(ref, op, [x.dtype, y.dtype], scope if name is None else name, fast)
    check_dtype(ref, op, x.dtype, name if name is not None else scope, fast)
    out = run(ref, op, getattr(_cwise(), op), x._value, y._value, name=name, scope=scope, fast=fast)
    dtype = x.dtype if np.asarray(out).dtype != np.bool_ else _dtypes.bool
    return wrap(out, dtype, ref)


_OPS = {"add": "AddV2", "sub": "Sub", "mul": "Mul", "floordiv": "FloorDiv", "mod": "FloorMod",
        "pow": "Pow"}
_INT_TRUEDIV = {"int8": _dtypes.float32, "uint8": _dtypes.float32, "int16": _dtypes.float32,
                "uint16": _dtypes.float32, "int32": _dtypes.float64, "uint32": _dtypes.float64,
                "int64": _dtypes.float64, "uint64": _dtypes.float64}


def cast(x, dtype, ref):
    from ._kernels import cast as cast_kernel
    if x.dtype == dtype:
        return x
    return wrap(cast_kernel.cast(ctx_for(ref), x._value, dtype.as_numpy_dtype), dtype, ref)


def truediv(x, y, ref, scope=None):
    x = to_tensor(x, ref=ref)
    y = to_tensor(y, dtype_hint=x.dtype, ref=ref)
    if x.dtype != y.dtype:
        if ref == "v2":
            raise TypeError("`x` and `y` must have the same dtype, got %r != %r." % (x.dtype, y.dtype))
        raise TypeError("x and y must have the same dtype, got %r != %r" % (x.dtype, y.dtype))
    target = _INT_TRUEDIV.get(x.dtype.name)
    if target is not None:
        x, y = cast(x, target, ref), cast(y, target, ref)
    return binary("RealDiv", x, y, ref=ref, scope=scope)


_V1_SCOPES = []


class v1_name_scope(object):
    """``ops.name_scope`` of a TF 1.15 function in eager mode: only error texts show it (the
    `` name: <scope>/<op>/`` suffix of an operator's op created inside)."""

    def __init__(self, ref, scope):
        self.scope = scope if ref == "v1" else None

    def __enter__(self):
        if self.scope:
            _V1_SCOPES.append(self.scope)
        return self.scope

    def __exit__(self, *exc):
        if self.scope:
            _V1_SCOPES.pop()
        return False


def v1_scope_prefix():
    return _V1_SCOPES[-1] if _V1_SCOPES else ""


def binary_operator(opname, self, other, reverse):
    """Tensor.__add__ & co. TF 2.21 converts the other operand to the tensor's dtype; TF
    1.15 only hints it (a mismatch then fails in the kernel)."""
    ref = self._ref
    scope = (v1_scope_prefix() + "%s/" % opname) if ref == "v1" else None
    if reverse:
        other = to_tensor(other, dtype=self.dtype, ref=ref)
        x, y = other, self
    else:
        if not isinstance(other, Tensor):
            if ref == "v2":
                other = to_tensor(other, dtype=self.dtype, ref=ref)
            else:
                other = to_tensor(other, dtype_hint=self.dtype, ref=ref)
        x, y = self, other
    if opname == "truediv":
        return truediv(x, y, ref, scope=scope)
    return binary(_OPS[opname], x, y, ref=ref, scope=scope)


def comparison(op, self, other):
    ref = self._ref
    return binary(op, self, other, ref=ref)


def _compare_or_scalar(op, x, y, incompatible):
    """``Equal``/``NotEqual`` with ``incompatible_shape_error=False``: shapes that do not
    broadcast give one scalar (False for Equal, True for NotEqual)."""
    from .errors import KernelError as _KE
    try:
        _cwise().bcast(x._value.shape, y._value.shape)
    except _KE:
        return np.array(incompatible)
    return getattr(_cwise(), op)(ctx_for("v2"), x._value, y._value)


def tensor_equals(self, other):
    if self._ref == "v1":
        return self is other
    if other is None:
        return False
    try:
        x, y = match_args([self, other], ref="v2")
    except (TypeError, ValueError):
        return False
    _type_mismatch("v2", "Equal", [x.dtype, y.dtype])
    out = _compare_or_scalar("Equal", x, y, False)
    return wrap(out, _dtypes.bool, "v2")


def tensor_not_equals(self, other):
    if self._ref == "v1":
        return self is not other
    if other is None:
        return True
    try:
        x, y = match_args([self, other], ref="v2")
    except (TypeError, ValueError):
        return True
    _type_mismatch("v2", "NotEqual", [x.dtype, y.dtype])
    out = _compare_or_scalar("NotEqual", x, y, True)
    return wrap(out, _dtypes.bool, "v2")


def getitem(t, key):
    """Basic strided slicing (ints, slices, Ellipsis, newaxis): exact, no arithmetic."""
    if isinstance(key, Tensor):
        key = key._numpy().item() if key._value.ndim == 0 else None
    if key is None or isinstance(key, (list, np.ndarray)):
        raise TypeError("Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and "
                        "scalar tf.int32/tf.int64 tensors are valid indices, got %r" % (key,))
    try:
        out = t._value[key]
    except IndexError as e:
        raise InvalidArgumentError(None, None, str(e)) from None
    return wrap(np.array(out), t.dtype, t._ref)


# -- op registrations (which dtypes an op accepts), recorded from each reference -------------
_REGISTRY = None
_ENUM = {"float16": "DT_HALF", "bfloat16": "DT_BFLOAT16", "float32": "DT_FLOAT",
         "float64": "DT_DOUBLE", "bool": "DT_BOOL"}


def _registry():
    global _REGISTRY
    if _REGISTRY is None:
        import json
        import os
        path = os.path.join(os.path.dirname(__file__), "_data", "op_registry.json")
        with open(path) as f:
            _REGISTRY = json.load(f)
    return _REGISTRY


def check_dtype(ref, op, dtype, name=None, fast=True):
    """Raise TF's exact error when ``op`` has no CPU kernel for ``dtype`` in ``ref``
    (TF 2.21: the op-def attr check; TF 1.15.5 eager: NotFoundError with the kernel list)."""
    from . import errors
    for entry in _registry()[ref].get(op, ()):
        if dtype.name in entry["dtypes"]:
            msg = entry["template"].replace("{dtype}", dtype.name).replace(
                "{enum}", _ENUM.get(dtype.name, "DT_" + dtype.name.upper()))
            cls = getattr(errors, entry["class"])
            if not fast and ref == "v2":
                # a Python value failing the op-def check: TF 2.21 prints no name at all
                name = None
            # "Op:Attr" keys name the attr checked; the error names the op
            raise_op_error(ref, KernelError(cls, msg, wrapped=False), op.split(":")[0], name,
                           fast)


def reduce(ref, op, input_tensor, axis, keepdims, name=None):
    """Sum / Mean / Max / Min / Prod as ``math_ops.reduce_*`` calls them in eager mode."""
    from ._kernels import reduction
    fast = is_fast(input_tensor, axis)
    x = to_tensor(input_tensor, ref=ref)
    check_dtype(ref, op, x.dtype, name, fast)
    if axis is None:
        axes = list(range(x._value.ndim))
    else:
        if ref == "v2":
            a = to_tensor(axis, dtype_hint=_dtypes.int32, ref=ref)
            if a.dtype not in (_dtypes.int32, _dtypes.int64):
                raise TypeError("Cannot convert %s to EagerTensor of dtype int32" % (axis,))
        else:
            # TF 1.15 hands the axis to the op unconverted: a float axis finds no kernel.
            a = to_tensor(axis, ref=ref)
            if a.dtype not in (_dtypes.int32, _dtypes.int64):
                entry = _registry()[ref][op][0]
                from . import errors
                raise_op_error(ref, KernelError(getattr(errors, entry["class"]), entry["template"],
                                                wrapped=False), op, name, fast)
        axes = [int(v) for v in np.asarray(a._value).reshape(-1)]
    out = run(ref, op, lambda ctx, arr: reduction.reduce(ctx, op, arr, axes, bool(keepdims)),
              x._value, name=name, fast=fast)
    return wrap(out, x.dtype, ref)


def clip_by_value(ref, t, clip_value_min, clip_value_max, name=None):
    values = to_tensor(t, ref=ref)
    t_min = binary("Minimum", values, clip_value_max, ref=ref)
    _check_compatible(ref, values.shape, t_min.shape)
    t_max = binary("Maximum", t_min, clip_value_min, ref=ref, name=name)
    _check_compatible(ref, values.shape, t_max.shape)
    return t_max


def _check_compatible(ref, a, b):
    if a.as_list() != b.as_list():
        if ref == "v2":
            raise ValueError("Shapes %s and %s are incompatible" % (a, b))
        raise ValueError("Shapes %s and %s are not compatible" % (a, b))


def unary_op(ref, op, x, name=None):
    fast = is_fast(x)
    x = to_tensor(x, ref=ref)
    check_dtype(ref, op, x.dtype, name, fast)
    out = run(ref, op, getattr(_cwise(), op), x._value, name=name, fast=fast)
    return wrap(out, x.dtype, ref)


def binary_op(ref, op, x, y, name=None):
    return binary(op, x, y, name=name, ref=ref)


# -- softmax / log_softmax (nn_ops._wrap_2d_function; kernels on the [N/C, C] view) ---------
def _onednn_softmax(ctx, dtype_name):
    """Whether TF 2.21 runs Softmax through oneDNN (``_MklSoftmax``) for this dtype here."""
    if ctx.ref != "v2" or not ctx.profile.onednn:
        return False
    from ._kernels.softmax import onednn_routes
    return onednn_routes(ctx.profile, _dtypes.as_dtype(dtype_name).as_numpy_dtype)


def _softmax_kernel(op, ctx, arr):
    """Softmax / LogSoftmax kernel entry: rank checks, flatten to 2-D, run, reshape back."""
    from .errors import AbortedError
    from ._kernels import softmax as sk
    if op == "Softmax" and _onednn_softmax(ctx, _dtypes.from_numpy(arr.dtype).name):
        if arr.ndim < 1 or arr.ndim > 5:
            raise KernelError(AbortedError, "Input dims must be <= 5 and >=1")
    if arr.ndim < 1:
        raise KernelError(InvalidArgumentError, "logits must have >= 1 dimension, got []")
    shape = arr.shape
    c = shape[-1]
    rows = int(np.prod(shape[:-1], dtype=np.int64))
    if arr.size == 0:
        if op == "Softmax" and _onednn_softmax(ctx, _dtypes.from_numpy(arr.dtype).name):
            # oneDNN still has to create its primitive: a capped ISA without a kernel for
            # the dtype aborts even on an empty input (measured on TF 2.21).
            return sk.softmax(ctx, arr.reshape(rows, c)).reshape(shape)
        return np.empty(shape, dtype=arr.dtype)
    flat = np.ascontiguousarray(arr).reshape(rows, c)
    fn = sk.softmax if op == "Softmax" else sk.log_softmax
    return fn(ctx, flat).reshape(shape)


def _swap_perm(ndims, dim):
    perm = list(range(ndims))
    perm[dim], perm[ndims - 1] = ndims - 1, dim
    return perm


def softmax_family(ref, op, logits, axis, name=None):
    x = to_tensor(logits, ref=ref)
    check_dtype(ref, op, x.dtype, name)
    if axis is None:
        axis = -1
    ndims = x._value.ndim
    if isinstance(axis, Tensor):
        axis = int(axis._numpy())
    is_last = axis == -1 or axis == ndims - 1
    arr = x._value
    if not is_last:
        if not -ndims <= axis < ndims:
            if ref == "v2":
                msg = ("`dim` must be in the range [%d, %d) where %d is the number of dimensions in "
                       "the input. Received: dim=%d" % (-ndims, ndims, ndims, axis))
            else:
                msg = ("Dimension (%d) must be in the range [%d, %d) where %d is the number of "
                       "dimensions in the input." % (axis, -ndims, ndims, ndims))
            raise InvalidArgumentError(None, None, msg)
        perm = _swap_perm(ndims, axis % ndims)
        arr = np.ascontiguousarray(np.transpose(arr, perm))
    out = run(ref, op, lambda ctx, a: _softmax_kernel(op, ctx, a), arr, name=name)
    if not is_last:
        out = np.ascontiguousarray(np.transpose(out, perm))
    return wrap(out, x.dtype, ref)
