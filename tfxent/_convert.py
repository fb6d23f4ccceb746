"""Conversion of Python values and NumPy arrays to tensors, with TensorFlow's inference
rules and messages (the eager ``EagerTensor`` constructor, ``tensorflow/python/lib/core/
py_seq_tensor.cc``; ``framework/constant_op.py``; ``eager/execute.py:args_to_matching_eager``).

Verified against TF 2.21 and TF 1.15.5 eager: Python floats and mixed int/float lists are
float32, Python ints int32 (int64 past int32), NumPy arrays and NumPy float scalars keep
their dtype, NumPy integer scalars inside lists behave as Python ints.
"""
import numbers

import numpy as np

from . import _dtypes
from ._tensor import Tensor

_I32 = (-2 ** 31, 2 ** 31 - 1)
_I64 = (-2 ** 63, 2 ** 63 - 1)
_F32_MAX = float(np.finfo(np.float32).max)


class _Leaves(object):
    __slots__ = ("bools", "ints", "floats", "complexes", "others", "np_dtype", "big")

    def __init__(self):
        self.bools = self.ints = self.floats = self.complexes = self.others = False
        self.np_dtype = None
        self.big = False


def _scan(value, leaves, depth_shapes, depth):
    """Walk a nested sequence: record its shape per depth and the kinds of its leaves."""
    if isinstance(value, (list, tuple)):
        if len(depth_shapes) <= depth:
            depth_shapes.append(len(value))
        elif depth_shapes[depth] != len(value):
            raise ValueError("Can't convert non-rectangular Python sequence to Tensor.")
        for v in value:
            _scan(v, leaves, depth_shapes, depth + 1)
        if not value and len(depth_shapes) > depth + 1:
            raise ValueError("Can't convert non-rectangular Python sequence to Tensor.")
        return
    if isinstance(value, np.ndarray):
        for s in value.shape:
            if len(depth_shapes) <= depth:
                depth_shapes.append(s)
            elif depth_shapes[depth] != s:
                raise ValueError("Can't convert non-rectangular Python sequence to Tensor.")
            depth += 1
        leaves.np_dtype = leaves.np_dtype or value.dtype
        return
    if len(depth_shapes) > depth:
        raise ValueError("Can't convert non-rectangular Python sequence to Tensor.")
    if isinstance(value, (bool, np.bool_)):
        leaves.bools = True
    elif isinstance(value, np.floating):
        leaves.np_dtype = leaves.np_dtype or value.dtype
    elif isinstance(value, (numbers.Integral,)):
        leaves.ints = True
        iv = int(value)
        if not (_I32[0] <= iv <= _I32[1]):
            leaves.big = True
            if not (_I64[0] <= iv <= _I64[1]):
                raise ValueError("Can't convert Python sequence with out-of-range integer to Tensor.")
    elif isinstance(value, numbers.Real):
        leaves.floats = True
    elif isinstance(value, numbers.Complex):
        leaves.complexes = True
    else:
        leaves.others = True


def _is_tensor(x):
    return isinstance(x, Tensor)


def _unsupported(value):
    return ValueError("Attempt to convert a value (%s) with an unsupported type (%s) to a Tensor."
                      % (value, type(value)))


def infer(value, check_range=True):
    """The (ndarray, DType) TF infers for a Python value or NumPy array (no dtype given).
    ``check_range=False``: only classify (a target dtype was given, so no float32 range check)."""
    if isinstance(value, np.ndarray):
        return value.copy(), _dtypes.from_numpy(value.dtype)
    if isinstance(value, np.generic):
        arr = np.asarray(value)
        return arr.copy(), _dtypes.from_numpy(arr.dtype)
    if value is None or isinstance(value, (str, bytes, dict, set)):
        raise _unsupported(value)
    leaves = _Leaves()
    shape = []
    _scan(value, leaves, shape, 0)
    kinds = sum([leaves.bools, leaves.ints or leaves.floats, leaves.complexes, leaves.others])
    if leaves.others or (leaves.bools and (leaves.ints or leaves.floats or leaves.np_dtype is not None)):
        if leaves.others and not isinstance(value, (list, tuple)):
            raise _unsupported(value)
        raise ValueError("Can't convert Python sequence with mixed types to Tensor.")
    del kinds
    if leaves.np_dtype is not None:
        dtype = _dtypes.from_numpy(leaves.np_dtype)
        return np.array(value, dtype=dtype.as_numpy_dtype), dtype
    if leaves.complexes:
        return np.array(value, dtype=np.complex128), _dtypes.complex128
    if leaves.floats:
        arr = np.array(value, dtype=np.float64)
        finite = np.isfinite(arr)
        if check_range and np.any(np.abs(arr[finite]) > _F32_MAX):
            raise ValueError("Can't convert Python sequence with a value out of range for a "
                             "double-precision float.")
        return arr.astype(np.float32), _dtypes.float32
    if leaves.ints:
        if leaves.big:
            return np.array(value, dtype=np.int64), _dtypes.int64
        return np.array(value, dtype=np.int32), _dtypes.int32
    if leaves.bools:
        return np.array(value, dtype=np.bool_), _dtypes.bool
    # empty (possibly nested) sequence
    return np.zeros(shape, dtype=np.float32), _dtypes.float32


def _cannot(value, dtype):
    return TypeError("Cannot convert %s to EagerTensor of dtype %s" % (value, dtype.name))


def _np_cast(arr, npdt):
    with np.errstate(all="ignore"):
        return arr.astype(npdt)


def convert_value(value, dtype):
    """A Python value or NumPy array converted to ``dtype`` as TF's EagerTensor constructor
    does; returns an ndarray."""
    npdt = np.dtype(dtype.as_numpy_dtype)
    if isinstance(value, (np.ndarray, np.generic)):
        arr = np.asarray(value)
        if arr.dtype == npdt:
            return arr.copy()
        return _np_cast(arr, npdt)
    arr, inferred = infer(value, check_range=False) if not isinstance(value, (int, float, bool)) \
        else _infer_scalar(value)
    if inferred == dtype:
        return arr if arr.dtype == npdt else _np_cast(arr, npdt)
    if dtype.is_bool and not inferred.is_bool:
        raise _cannot(value, dtype)
    if (dtype.is_integer) and (inferred.is_floating or inferred.is_complex):
        raise _cannot(value, dtype)
    if dtype.is_floating and inferred.is_complex:
        raise _cannot(value, dtype)
    if inferred.is_integer and dtype.is_integer:
        # TF wraps Python ints into the narrower type (2**31 as int32 is -2**31).
        return _np_cast(np.array(value, dtype=np.int64), npdt) if not (
            isinstance(value, (list, tuple)) and not value) else np.zeros(arr.shape, npdt)
    if inferred.is_floating and dtype.is_floating:
        # Python floats are doubles. TF converts them to half / bfloat16 through float
        # (Eigen's ``half(double)`` / ``bfloat16(double)`` take a float): two roundings,
        # measured on TF 2.21 and 1.15.5 (1 + 2**-11 + 2**-40 -> half 1.0, not 1.0009766).
        arr = np.array(value, dtype=np.float64)
        if npdt.itemsize == 2:
            arr = _np_cast(arr, np.float32)
        return _np_cast(arr, npdt)
    return _np_cast(arr, npdt)


def _infer_scalar(value):
    if value is None:
        raise _unsupported(value)
    if isinstance(value, bool):
        return np.array(value, dtype=np.bool_), _dtypes.bool
    if isinstance(value, int):
        if _I32[0] <= value <= _I32[1]:
            return np.array(value, dtype=np.int32), _dtypes.int32
        if _I64[0] <= value <= _I64[1]:
            return np.array(value, dtype=np.int64), _dtypes.int64
        raise ValueError("Can't convert Python sequence with out-of-range integer to Tensor.")
    return np.array(value, dtype=np.float64), _dtypes.float32


# TF's eager scalar cache (``pywrap_tensor.cc``: a Python scalar converted to an EagerTensor
# is cached per (value, requested dtype) for the rest of the process). Python's equality
# makes 0.0 and -0.0 one key (a Python int 0 is a key of its own), so whichever signed zero
# a process converts first is what every later float zero of that key becomes. Measured
# identically on TF 2.21 and TF 1.15.5.
_ZERO_CACHE = {"v1": {}, "v2": {}}


def _cached_zero(value, arr, dtype_key, ref):
    if (type(value) is float and value == 0 and arr.ndim == 0  # noqa: E721 - exact type
            and (arr.dtype.kind == "f" or arr.dtype.name == "bfloat16")):
        cache = _ZERO_CACHE[ref]
        neg = cache.setdefault(dtype_key, bool(np.signbit(arr)))
        if neg != bool(np.signbit(arr)):
            return np.negative(arr)
    return arr


def clear_scalar_cache(ref=None):
    """``TFE_ClearScalarCache``: forget the cached signed zeros (of one reference, or all)."""
    for r in ([ref] if ref else list(_ZERO_CACHE)):
        _ZERO_CACHE[r].clear()


def scalar_from_cache(value, arr, dtype, ref):
    """Apply the eager scalar cache to a conversion of ``value`` requested as ``dtype``."""
    return _cached_zero(value, arr, None if dtype is None else _dtypes.as_dtype(dtype).name, ref)


def to_tensor(value, dtype=None, ref="v2", dtype_hint=None):
    """``ops.convert_to_tensor`` in eager mode."""
    if _is_tensor(value):
        if dtype is not None and value.dtype != dtype:
            raise ValueError("Tensor conversion requested dtype %s for Tensor with dtype %s: %r"
                             % (_dtypes.as_dtype(dtype).name, value.dtype.name, value))
        return value
    if dtype is not None:
        dtype = _dtypes.as_dtype(dtype)
        return Tensor._make(scalar_from_cache(value, convert_value(value, dtype), dtype, ref), dtype, ref)
    if dtype_hint is not None:
        hint = _dtypes.as_dtype(dtype_hint)
        try:
            arr = convert_value(value, hint)
        except (TypeError, ValueError):
            pass
        else:
            return Tensor._make(scalar_from_cache(value, arr, hint, ref), hint, ref)
    arr, dt = infer(value)
    return Tensor._make(scalar_from_cache(value, arr, None, ref), dt, ref)


def match_args(values, ref="v2", allowed=None):
    """``args_to_matching_eager``: the first tensor's dtype (or the first value's inferred
    dtype) is imposed on the other Python values; tensors are left as they are."""
    if all(_is_tensor(v) for v in values):
        return list(values)
    dtype = None
    for v in values:
        if _is_tensor(v):
            dtype = v.dtype
            break
    out = []
    for v in values:
        if _is_tensor(v):
            out.append(v)
            continue
        if dtype is None:
            t = to_tensor(v, ref=ref)
            dtype = t.dtype
        else:
            t = to_tensor(v, dtype=dtype, ref=ref)
        out.append(t)
    return out
