"""TensorFlow dtype objects (``tf.float32`` ...), mirroring ``tensorflow/python/framework/dtypes.py``."""
import numpy as np

try:  # optional: bfloat16 needs ml_dtypes
    import ml_dtypes as _ml
    _BF16 = np.dtype(_ml.bfloat16)
except ImportError:  # pragma: no cover - depends on the environment
    _ml = None
    _BF16 = None


class DType(object):
    """A TensorFlow dtype. Compares equal to other spellings of itself (``"float32"``,
    ``np.float32``), as ``tf.DType`` does."""

    __slots__ = ("_name", "_np", "_enum")

    def __init__(self, name, np_dtype, enum):
        self._name = name
        self._np = np_dtype
        self._enum = enum

    @property
    def name(self):
        return self._name

    @property
    def as_numpy_dtype(self):
        if self._np is None:
            raise TypeError("bfloat16 needs the optional 'ml_dtypes' package")
        return self._np.type

    @property
    def as_datatype_enum(self):
        return self._enum

    @property
    def base_dtype(self):
        return self

    @property
    def is_floating(self):
        return self._name in ("float16", "bfloat16", "float32", "float64")

    @property
    def is_integer(self):
        return self._name.startswith(("int", "uint"))

    @property
    def is_unsigned(self):
        return self._name.startswith("uint")

    @property
    def is_bool(self):
        return self._name == "bool"

    @property
    def is_complex(self):
        return self._name.startswith("complex")

    @property
    def is_numpy_compatible(self):
        return True

    @property
    def size(self):
        return np.dtype(self.as_numpy_dtype).itemsize

    @property
    def min(self):
        if self.is_floating:
            return float(-np.finfo(self.as_numpy_dtype).max) if self._name != "bfloat16" \
                else float(_ml.finfo(_BF16).min)
        return int(np.iinfo(self.as_numpy_dtype).min)

    @property
    def max(self):
        if self.is_floating:
            return float(np.finfo(self.as_numpy_dtype).max) if self._name != "bfloat16" \
                else float(_ml.finfo(_BF16).max)
        return int(np.iinfo(self.as_numpy_dtype).max)

    def __repr__(self):
        return "tf." + self._name

    def __str__(self):
        return "<dtype: %r>" % self._name

    def __eq__(self, other):
        if other is None:
            return False
        if isinstance(other, DType):
            return self._enum == other._enum
        try:
            return as_dtype(other)._enum == self._enum
        except TypeError:
            return False

    def __ne__(self, other):
        return not self.__eq__(other)

    def __hash__(self):
        return self._enum

    def __reduce__(self):
        return as_dtype, (self._name,)


_SPECS = [
    ("float32", np.float32, 1), ("float64", np.float64, 2), ("int32", np.int32, 3),
    ("uint8", np.uint8, 4), ("int16", np.int16, 5), ("int8", np.int8, 6),
    ("complex64", np.complex64, 8), ("int64", np.int64, 9), ("bool", np.bool_, 10),
    ("uint16", np.uint16, 17), ("complex128", np.complex128, 18), ("float16", np.float16, 19),
    ("uint32", np.uint32, 22), ("uint64", np.uint64, 23),
]

_BY_NAME = {}
for _n, _t, _e in _SPECS:
    _BY_NAME[_n] = DType(_n, np.dtype(_t), _e)
_BY_NAME["bfloat16"] = DType("bfloat16", _BF16, 14)

float32 = _BY_NAME["float32"]
float64 = _BY_NAME["float64"]
float16 = _BY_NAME["float16"]
bfloat16 = _BY_NAME["bfloat16"]
int8 = _BY_NAME["int8"]
int16 = _BY_NAME["int16"]
int32 = _BY_NAME["int32"]
int64 = _BY_NAME["int64"]
uint8 = _BY_NAME["uint8"]
uint16 = _BY_NAME["uint16"]
uint32 = _BY_NAME["uint32"]
uint64 = _BY_NAME["uint64"]
bool = _BY_NAME["bool"]  # noqa: A001 - TF's public name
complex64 = _BY_NAME["complex64"]
complex128 = _BY_NAME["complex128"]
half = float16
double = float64

_ALIASES = {"half": "float16", "double": "float64", "float": "float32"}


def as_dtype(type_value):
    """``tf.as_dtype``: a DType from a DType, a name, a NumPy dtype or type."""
    if isinstance(type_value, DType):
        return type_value
    if isinstance(type_value, str):
        name = _ALIASES.get(type_value, type_value)
        if name in _BY_NAME:
            return _BY_NAME[name]
        raise TypeError("Cannot convert value %r to a TensorFlow DType." % (type_value,))
    try:
        npd = np.dtype(type_value)
    except TypeError:
        raise TypeError("Cannot convert value %r to a TensorFlow DType." % (type_value,)) from None
    return from_numpy(npd, type_value)


def from_numpy(npd, original=None):
    npd = np.dtype(npd)
    if _BF16 is not None and npd == _BF16:
        return bfloat16
    for d in _BY_NAME.values():
        if d._np is not None and d._np == npd:
            return d
    raise TypeError("Cannot convert value %r to a TensorFlow DType."
                    % (original if original is not None else npd,))


# TF's C++ type names, as kernels print them ("float", "half", "double", ...).
CPP_NAMES = {"float32": "float", "float64": "double", "float16": "half", "bfloat16": "bfloat16",
             "int32": "int32", "int64": "int64", "int8": "int8", "int16": "int16",
             "uint8": "uint8", "uint16": "uint16", "uint32": "uint32", "uint64": "uint64",
             "bool": "bool", "complex64": "complex64", "complex128": "complex128"}
