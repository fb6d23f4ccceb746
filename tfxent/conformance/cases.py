"""Deterministic conformance cases: families x dtypes x shapes x axes x value regimes.

A case is a JSON-able dict::

    {"id": "v2/math.exp/float32/017", "ref": "v2", "fn": "math.exp",
     "args": [...], "kwargs": {...}, "texts": ["str", "repr"]}   # texts optional

``fn`` is a dotted path under ``tf`` / ``tfxent`` (ref "v2") or ``tf.compat.v1`` /
``tfxent.compat.v1`` (ref "v1").  An argument is one of

* ``{"array": key}``                      the input array itself (a numpy array)
* ``{"constant": {"array": key, "dtype": name?}}``   ``constant(array[, dtype=...])``
* ``{"dtype": name}``                     ``tf.<name>`` / ``tfxent.<name>``
* ``{"float": "nan" | "inf" | "-inf" | "-0.0"}``     non-JSON floats
* ``{"tuple": [...]}``                    a Python tuple
* a JSON literal (numbers, strings, bools, None, nested lists).

Input arrays are produced here by NumPy from (regime, dtype, shape, seed) encoded in the
key, so they never need to be stored; the goldens record their sha256 instead.  bfloat16
inputs are float32 arrays holding bfloat16-exact values and reach the op through
``{"constant": {"array": key, "dtype": "bfloat16"}}``.
"""
import hashlib
import json
import zlib

import numpy as np

GENERATOR_VERSION = 1
SETS = ("default", "full")
REFS = ("v2", "v1")

FLOATS = ("float16", "bfloat16", "float32", "float64")
INTS = ("int32", "int64")


def dtypes_for(ref):
    fl = FLOATS if ref == "v2" else tuple(d for d in FLOATS if d != "bfloat16")
    return fl + INTS


# --------------------------------------------------------------------------- inputs
def _bf16_round(x32):
    """float32 -> float32 holding the nearest bfloat16 (round to nearest even)."""
    x32 = np.ascontiguousarray(x32, dtype=np.float32)
    u = x32.view(np.uint32).astype(np.uint64)
    nan = np.isnan(x32)
    r = (u + 0x7FFF + ((u >> 16) & 1)) & 0xFFFF0000
    r = r.astype(np.uint32).view(np.float32)
    return np.where(nan, np.float32(np.nan), r).astype(np.float32)


_STORE = {"float16": np.float16, "bfloat16": np.float32, "float32": np.float32,
          "float64": np.float64, "int32": np.int32, "int64": np.int64, "bool": np.bool_}

_LARGE = {  # |x| regimes that hit exp overflow / saturation and the top of the range
    "float16": ([10.0, 12.0], [6.0e4, 6.55e4]),
    "bfloat16": ([80.0, 90.0], [3.0e38, 3.3e38]),
    "float32": ([80.0, 90.0], [700.0, 710.0], [3.0e38, 3.4e38]),
    "float64": ([80.0, 90.0], [700.0, 710.0], [3.0e38, 3.4e38], [1.0e308, 1.7e308]),
}
_SUBNORMAL = {"float16": [1e-7, 3e-5, 6e-8], "bfloat16": [1e-39, 5e-40, 9.2e-41],
              "float32": [1e-40, 1e-45, 1.1e-38], "float64": [1e-310, 5e-324, 2.2e-308]}
_HUGE = {"float16": 6.0e4, "bfloat16": 3.0e38, "float32": 3.0e38, "float64": 3.0e38}
_WIDE = {"float16": (-7.0, 4.5), "bfloat16": (-38.0, 38.0), "float32": (-40.0, 38.0),
         "float64": (-300.0, 300.0)}


def input_key(regime, dtype, shape, seed=0):
    """Key of a generated input.  Shape ``()`` is spelled ``s`` and -- for compatibility
    with the recorded goldens -- yields a shape-(1,) array (``np.ascontiguousarray``
    promotes 0-d arrays); use :func:`scalar_key` for a true rank-0 array."""
    return "%s:%s:%s:%d" % (regime, dtype, "x".join(str(d) for d in shape) or "s", seed)


def scalar_key(regime, dtype, seed=0):
    """Key of a true rank-0 input (shape spelled ``0d``)."""
    return "%s:%s:0d:%d" % (regime, dtype, seed)


def parse_key(key):
    regime, dtype, shape, seed = key.split(":")
    shp = () if shape in ("s", "0d") else tuple(int(d) for d in shape.split("x"))
    return regime, dtype, shp, int(seed)


def make_input(key):
    """The input array for ``key`` (deterministic)."""
    regime, dtype, shape, seed = parse_key(key)
    rng = np.random.default_rng([zlib.crc32(key.encode("ascii")), GENERATOR_VERSION])
    n = int(np.prod(shape, dtype=np.int64))
    if regime == "bool":
        return (rng.random(n) < 0.5).reshape(shape)
    if regime.startswith("cls"):  # sparse labels: class ids in [0, C) ("cls10")
        return rng.integers(0, int(regime[3:]), n).astype(_STORE[dtype]).reshape(shape)
    if dtype in INTS or regime.startswith("int"):
        info = np.iinfo(_STORE[dtype])
        if regime == "intbig":
            pool = np.array([info.min, info.max, info.min + 1, info.max - 1, 0, -1, 1,
                             info.max // 2, info.min // 2], dtype=np.int64)
            v = np.where(rng.random(n) < 0.6, rng.choice(pool, n),
                         rng.integers(-1000, 1000, n))
        else:
            v = rng.integers(-100, 101, n)
        return v.astype(_STORE[dtype]).reshape(shape)
    if regime == "normal":
        v = rng.normal(0.0, 3.0, n)
    elif regime == "unit":  # labels / probabilities in [0, 1)
        v = rng.random(n)
    elif regime == "positive":
        v = np.abs(rng.normal(0.0, 3.0, n))
    elif regime == "small":  # log1p / sigmoid near 0
        v = rng.normal(0.0, 1.0, n) * 10.0 ** rng.uniform(-9, 0, n)
    elif regime == "wide":
        lo, hi = _WIDE[dtype]
        v = np.sign(rng.normal(size=n)) * 10.0 ** rng.uniform(lo, hi, n)
    elif regime == "large":
        bands = _LARGE[dtype]
        band = rng.integers(0, len(bands), n)
        lo = np.array([b[0] for b in bands])[band]
        hi = np.array([b[1] for b in bands])[band]
        v = rng.uniform(lo, hi) * np.where(rng.random(n) < 0.5, -1.0, 1.0)
    elif regime in ("spread50", "spread95"):  # softmax: exp far below / near overflow
        lim = 50.0 if regime == "spread50" else 95.0
        v = rng.uniform(-lim, lim, n)
    elif regime == "neginf":  # softmax: whole rows of -inf (last axis) and scattered -inf
        v = rng.normal(0.0, 3.0, n)
        v = np.where(rng.random(n) < 0.2, -np.inf, v)
        if shape:
            rows = v.reshape(-1, shape[-1]) if shape[-1] else v.reshape(0, 0)
            rows[::3] = -np.inf
            v = rows.reshape(-1)
    elif regime == "special":
        v = rng.normal(0.0, 3.0, n)
        pool = [np.nan, np.inf, -np.inf, _HUGE[dtype], -_HUGE[dtype], -0.0, 0.0]
        pool += list(_SUBNORMAL[dtype]) + [-s for s in _SUBNORMAL[dtype]]
        pool = np.array(pool, dtype=np.float64)
        pick = rng.random(n) < 0.5
        v = np.where(pick, rng.choice(pool, n), v)
    else:
        raise ValueError("unknown regime %r" % regime)
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        if dtype == "bfloat16":
            a = _bf16_round(v.astype(np.float32))
        else:
            a = v.astype(_STORE[dtype])
    if key.split(":")[2] == "0d":
        return np.array(a.reshape(()), copy=True)  # a real 0-d array
    return np.ascontiguousarray(a.reshape(shape))


def digest(arr):
    arr = np.ascontiguousarray(arr)
    h = hashlib.sha256()
    h.update(("%s%s" % (arr.dtype.str, arr.shape)).encode("ascii"))
    h.update(arr.tobytes())
    return h.hexdigest()


def case_digest(case):
    return hashlib.sha256(json.dumps(case, sort_keys=True).encode("utf-8")).hexdigest()[:16]


def input_keys(case):
    keys = []

    def walk(a):
        if isinstance(a, list):
            for x in a:
                walk(x)
        elif isinstance(a, dict):
            if "array" in a:
                keys.append(a["array"])
            for k, v in a.items():
                if k != "array":
                    walk(v)
    walk(case.get("args", []))
    walk(list(case.get("kwargs", {}).values()))
    walk(list(case.get("init", {}).values()))
    walk((case.get("grad") or {}).get("output_gradients"))
    return sorted(set(keys))


# --------------------------------------------------------------------------- helpers
def A(key):
    return {"array": key}


def C(key, dtype=None):
    spec = {"array": key}
    if dtype:
        spec["dtype"] = dtype
    return {"constant": spec}


def F(x):
    x = float(x)
    if x != x:
        return {"float": "nan"}
    if x in (float("inf"), float("-inf")):
        return {"float": "inf" if x > 0 else "-inf"}
    if x == 0.0 and str(x).startswith("-"):
        return {"float": "-0.0"}
    return x


def T(*items):
    return {"tuple": list(items)}


def tensor_arg(regime, dtype, shape, seed=0, rank0=False):
    key = scalar_key(regime, dtype, seed) if rank0 and shape == () else \
        input_key(regime, dtype, shape, seed)
    if dtype == "bfloat16":
        return C(key, "bfloat16")
    return A(key)


class _Builder:
    def __init__(self, ref):
        self.ref = ref
        self.cases = []
        self._count = {}

    def add(self, fn, group, args, kwargs=None, texts=None, **extra):
        """One case; ``extra`` holds the optional ``init`` / ``method`` / ``grad`` keys
        (``oracle.call_case``).  ``fn`` may carry a ``#tag`` suffix to keep families of the
        same function apart in ids and reports (``"nn.softmax_cross_entropy_with_logits#grad"``);
        it is dropped when the function is resolved."""
        k = (fn, group)
        i = self._count.get(k, 0)
        self._count[k] = i + 1
        c = {"id": "%s/%s/%s/%03d" % (self.ref, fn, group, i), "ref": self.ref, "fn": fn,
             "args": list(args), "kwargs": dict(kwargs or {})}
        c.update(extra)
        if texts:
            c["texts"] = list(texts) if self.ref == "v2" else [t for t in texts if t != "repr"]
        self.cases.append(c)


# --------------------------------------------------------------------------- families
UNARY_V2 = ("exp", "math.exp", "math.log", "math.log1p", "math.sigmoid", "nn.relu", "abs")
UNARY_V1 = ("exp", "math.exp", "log", "math.log", "math.log1p", "math.sigmoid", "nn.relu",
            "abs")
REDUCE = ("reduce_sum", "reduce_mean", "reduce_max", "math.reduce_sum", "math.reduce_mean",
          "math.reduce_max", "math.reduce_min", "math.reduce_prod")
ALIASES = ("math.reduce_sum", "math.reduce_mean", "math.reduce_max")
BINARY = ("maximum", "minimum")

EL_SHAPES = ((), (1,), (7,), (13,), (16,), (33,), (4, 5), (3, 1, 5), (2, 3, 4, 5), (0,),
             (3, 0), (1031,))
EL_SHAPES_FULL = EL_SHAPES + ((8,), (31,), (257,), (6, 7, 9), (1, 1, 1, 1), (4099,),
                              (128, 129))
BIG_EL = ((40009,),)           # spans several intra-op shards (digest only in goldens)
BIG_EL_FULL = ((40009,), (300007,), (1000, 1001))

_REGIMES_BY_FN = {
    "math.log": ("positive", "wide", "special"),
    "log": ("positive", "wide", "special"),
    "math.log1p": ("small", "wide", "special"),
    "math.sigmoid": ("large", "small", "special"),
}


def _unary(b, fn, set_name):
    full = set_name == "full"
    shapes = EL_SHAPES_FULL if full else EL_SHAPES
    extra = _REGIMES_BY_FN.get(fn, ("large", "special"))
    for dt in dtypes_for(b.ref):
        if dt in INTS:
            ok_int = fn in ("nn.relu", "abs")
            for shp in ((7,), (4, 5)) if not (ok_int and full) else shapes:
                b.add(fn, dt, [tensor_arg("int", dt, shp)])
            if ok_int:
                b.add(fn, dt, [tensor_arg("intbig", dt, (37,))])
            continue
        for shp in shapes:
            b.add(fn, dt, [tensor_arg("normal", dt, shp)])
        for reg in extra:
            for shp in ((37,), (8, 9)) + (((1031,), (3, 5, 7)) if full else ()):
                b.add(fn, dt, [tensor_arg(reg, dt, shp)])
        for shp in BIG_EL_FULL if full else BIG_EL:
            b.add(fn, dt, [tensor_arg(extra[0] if fn in _REGIMES_BY_FN else "normal",
                                      dt, shp)])
    # Python literals
    for lit in (1.0, [1.0, -2.5, 0.5], [1, 2], 0, F(float("nan")), F(-0.0), [[1.5], [2.0]],
                F(float("inf"))):
        b.add(fn, "py", [lit])


# (shape, axis, keepdims) grid for reductions
RED_GRID = (
    ((7, 13), None, False), ((7, 13), 0, False), ((7, 13), 1, False), ((7, 13), -1, True),
    ((7, 13), [0, 1], False), ((7, 13), [-1], False),
    ((16, 31), 1, False), ((16, 31), 0, True), ((9, 40), 1, False), ((9, 40), None, False),
    ((5, 8193), 1, False), ((5, 1031), 0, False),
    ((3, 4, 5), 0, False), ((3, 4, 5), 1, False), ((3, 4, 5), 2, True),
    ((3, 4, 5), [0, 2], False), ((3, 4, 5), [-1, -2], True), ((3, 4, 5), None, True),
    ((2, 3, 4, 5), [1, 3], False), ((2, 3, 4, 5), 2, False),
    ((1, 7, 1), 1, False), ((1, 7, 1), 0, True),
    ((0,), None, False), ((3, 0), 1, False), ((3, 0), 0, False),
    ((), None, False), ((31,), 0, False), ((1031,), None, False),
    ((108389,), None, False), ((3, 40000), None, False),
)
RED_GRID_FULL = RED_GRID + (
    ((110000,), 0, False), ((5, 8193), 0, False), ((300000,), None, False), ((64, 2000), None, False),
    ((257, 129), 1, False), ((257, 129), 0, False), ((8, 16385), 1, False),
    ((11, 3, 17), [0, 2], False), ((2, 3, 4, 5), [0, 1, 2, 3], True),
    ((5, 1, 3), 1, False), ((4, 4, 4, 4), -3, False),
)
RED_ERRORS = ((((7, 13), 2, False)), (((7, 13), -3, False)), (((7, 13), [0, 2], False)),
              (((), 0, False)), (((7, 13), 1.5, False)))
RED_SPECIAL = (((7, 13), 1, False), ((9, 40), None, False), ((5, 8193), 1, False),
               ((3, 4, 5), [0, 2], False))
RED_ALIAS_DTYPES = ("float16", "float32", "int32")


def _red_args(b, fn, regime, dt, shape, axis, keepdims, style="kw"):
    x = tensor_arg(regime, dt, shape)
    kw = {}
    if axis is not None:
        kw["axis"] = axis
    if keepdims:
        kw["keepdims"] = True
    b.add(fn, dt, [x], kw)


def _reduce(b, fn, set_name):
    full = set_name == "full"
    alias = fn in ALIASES and not full
    grid = RED_GRID_FULL if full else RED_GRID
    for dt in dtypes_for(b.ref):
        if alias and dt not in RED_ALIAS_DTYPES:
            continue
        regime = "int" if dt in INTS else "normal"
        for shape, axis, keep in grid:
            if alias and int(np.prod(shape)) > 50000:
                continue
            _red_args(b, fn, regime, dt, shape, axis, keep)
        if alias:
            continue
        for shape, axis, keep in RED_ERRORS:
            _red_args(b, fn, regime, dt, shape, axis, keep)
        for shape, axis, keep in RED_SPECIAL:
            _red_args(b, fn, "intbig" if dt in INTS else "special", dt, shape, axis, keep)
        if dt not in INTS:
            for shape, axis, keep in RED_SPECIAL[:2]:
                _red_args(b, fn, "large", dt, shape, axis, keep)
    # positional axis / keepdims, literals, v1 spellings
    x = A(input_key("normal", "float32", (7, 13)))
    b.add(fn, "py", [x, 1])
    b.add(fn, "py", [x, [0], True])
    b.add(fn, "py", [[[1.0, 2.0], [3.0, 4.5]]])
    b.add(fn, "py", [[[1, 2], [3, 4]]], {"axis": 0})
    b.add(fn, "py", [x], {"axis": T(0, 1)})
    b.add(fn, "py", [x], {"axis": A(input_key("int", "int64", (1,)))})
    if b.ref == "v1":
        b.add(fn, "py", [x], {"reduction_indices": 1})
        b.add(fn, "py", [x], {"reduction_indices": [0, 1], "keep_dims": True})
        b.add(fn, "py", [x], {"axis": 0, "reduction_indices": 0})
        b.add(fn, "py", [x], {"axis": 1, "keepdims": True, "keep_dims": True})
        b.add(fn, "py", [x], {"axis": 1, "keepdims": False, "keep_dims": True})
        b.add(fn, "py", [x], {"keep_dims": False})
    else:
        b.add(fn, "py", [x], {"reduction_indices": 1})
        b.add(fn, "py", [x], {"keep_dims": True})


BIN_SHAPES = (((7,), (7,)), ((4, 5), (4, 5)), ((2, 3, 4, 5), (2, 3, 4, 5)),
              ((4, 5), (5,)), ((4, 1), (1, 5)), ((), (13,)), ((33,), ()), ((0,), (0,)),
              ((3, 1, 9), (1, 8, 1)))
BIN_SHAPES_FULL = BIN_SHAPES + (((1031,), (1031,)), ((17, 33), (33,)), ((40009,), ()))


def _binary(b, fn, set_name):
    shapes = BIN_SHAPES_FULL if set_name == "full" else BIN_SHAPES
    for dt in dtypes_for(b.ref):
        regime = "int" if dt in INTS else "normal"
        for sa, sb in shapes:
            b.add(fn, dt, [tensor_arg(regime, dt, sa, 0), tensor_arg(regime, dt, sb, 1)])
        special = "intbig" if dt in INTS else "special"
        for sa, sb in (((37,), (37,)), ((8, 9), (9,))):
            b.add(fn, dt, [tensor_arg(special, dt, sa, 0), tensor_arg(special, dt, sb, 1)])
        if dt not in INTS:
            b.add(fn, dt, [tensor_arg("special", dt, (37,), 0), F(float("nan"))])
            b.add(fn, dt, [tensor_arg("special", dt, (37,), 0), F(-0.0)])
        b.add(fn, dt, [tensor_arg(regime, dt, (3,), 0), tensor_arg(regime, dt, (4,), 1)])
        b.add(fn, dt, [tensor_arg(regime, dt, (7,), 0), 0])
    x32 = A(input_key("normal", "float32", (7,)))
    b.add(fn, "py", [x32, A(input_key("normal", "float64", (7,)))])
    b.add(fn, "py", [x32, 0.5])
    b.add(fn, "py", [A(input_key("int", "int32", (7,))), 0.5])
    b.add(fn, "py", [[1.0, F(float("nan")), -0.0, 2.0], [F(float("nan")), 1.0, 0.0, F(-0.0)]])
    b.add(fn, "py", [F(0.0), F(-0.0)])
    b.add(fn, "py", [F(-0.0), F(0.0)])
    b.add(fn, "py", [[1, 5], [3, 2]])


POW_EXPONENTS = (2.0, 0.5, 1.5, 3, -1.0, -2.5, 0.0, 1.0)
POW_SHAPES = BIN_SHAPES + (((1031,), (1031,)), ((17, 33), (33,)), ((6, 7, 9), (6, 1, 9)),
                           ((5, 1, 7), (1, 6, 1)), ((2, 3, 4, 5), (2, 1, 4, 1)))


def _pow(b, set_name):
    """``tf.pow`` / ``tf.math.pow`` (TF 2.21 only): packet and tail elements, scalar and
    tensor exponents, broadcasting, specials, integer powers and their errors."""
    if b.ref != "v2":
        return
    fn = "pow"
    for dt in FLOATS:
        for sa, sb in POW_SHAPES:
            b.add(fn, dt, [tensor_arg("unit", dt, sa, 0), tensor_arg("normal", dt, sb, 1)])
        for g in POW_EXPONENTS:
            b.add(fn, dt, [tensor_arg("unit", dt, (37,), 2), g])
        for reg in ("positive", "wide", "special", "large"):
            b.add(fn, dt, [tensor_arg(reg, dt, (41,), 3), tensor_arg("normal", dt, (41,), 4)])
        b.add(fn, dt, [tensor_arg("special", dt, (8, 9), 0), tensor_arg("special", dt, (9,), 1)])
        b.add(fn, dt, [tensor_arg("normal", dt, (37,), 5), tensor_arg("cls5", dt, (37,), 6)])
        b.add(fn, dt, [tensor_arg("wide", dt, (37,), 7), tensor_arg("special", dt, (), 8, rank0=True)])
        b.add(fn, dt, [tensor_arg("special", dt, (), 9, rank0=True), tensor_arg("special", dt, (37,), 10)])
        b.add(fn, dt, [tensor_arg("unit", dt, (3,), 0), tensor_arg("unit", dt, (4,), 1)])
        for big in ((40009,),) + (((300007,), (1000, 1001)) if set_name == "full" else ()):
            b.add(fn, dt, [tensor_arg("unit", dt, big, 11), 1.5])
        b.add(fn, dt, [tensor_arg("unit", dt, (300, 70), 12), tensor_arg("normal", dt, (70,), 13)])
    for dt in INTS:
        b.add(fn, dt, [tensor_arg("int", dt, (37,), 0), tensor_arg("cls5", dt, (37,), 1)])
        b.add(fn, dt, [tensor_arg("intbig", dt, (4, 5), 0), tensor_arg("cls40", dt, (5,), 1)])
        b.add(fn, dt, [tensor_arg("int", dt, (7,), 0), 2])
        b.add(fn, dt, [tensor_arg("int", dt, (7,), 0), tensor_arg("int", dt, (7,), 1)])
        b.add(fn, dt, [tensor_arg("int", dt, (0,), 0), tensor_arg("int", dt, (0,), 1)])
    x32 = A(input_key("unit", "float32", (7,)))
    b.add("math.pow", "py", [x32, 2.0])
    b.add("math.pow", "py", [x32, A(input_key("normal", "float32", (7,)))])
    b.add(fn, "py", [x32, A(input_key("normal", "float64", (7,)))])
    b.add(fn, "py", [x32, 0.5], {"name": "p"})
    b.add(fn, "py", [[2.0, 0.5, F(float("nan")), -0.0, 4.0], [0.5, 2.0, 0.0, -1.0, F(float("inf"))]])
    b.add(fn, "py", [[[1, 2], [3, 4]], [2, 3]])
    b.add(fn, "py", [[2, 3], [-1, 2]])
    b.add(fn, "py", [2, 10])
    b.add(fn, "py", [2.0, -0.5])
    b.add(fn, "py", [A(input_key("int", "int32", (7,))), 0.5])
    b.add(fn, "py", [A(input_key("bool", "bool", (4,))), A(input_key("bool", "bool", (4,), 1))])
    b.add(fn, "py", [A(input_key("unit", "float32", (2, 3, 2, 3, 2, 3))),
                     A(input_key("unit", "float32", (2, 1, 2, 1, 2, 1), 1))])


def _clip(b, set_name):
    fn = "clip_by_value"
    for dt in dtypes_for(b.ref):
        regime = "int" if dt in INTS else "normal"
        for shp in ((7,), (4, 5), (33,), (), (0,)):
            b.add(fn, dt, [tensor_arg(regime, dt, shp), -1, 2])
        if dt in INTS:
            b.add(fn, dt, [tensor_arg(regime, dt, (7,)), -1.5, 2.5])
            b.add(fn, dt, [tensor_arg("intbig", dt, (37,)), -5, 5])
        else:
            b.add(fn, dt, [tensor_arg(regime, dt, (7,)), -1.5, 2.5])
            b.add(fn, dt, [tensor_arg("special", dt, (37,)), -1.0, 1.0])
            b.add(fn, dt, [tensor_arg("special", dt, (37,)), F(float("nan")), 1.0])
            b.add(fn, dt, [tensor_arg("special", dt, (37,)), F(-0.0), F(0.0)])
            b.add(fn, dt, [tensor_arg("large", dt, (37,)), F(float("-inf")), F(float("inf"))])
        b.add(fn, dt, [tensor_arg(regime, dt, (7,)), 3, -3])
        b.add(fn, dt, [tensor_arg(regime, dt, (4, 5), 0), tensor_arg(regime, dt, (5,), 1),
                       tensor_arg(regime, dt, (4, 5), 2)])
        b.add(fn, dt, [tensor_arg(regime, dt, (4, 5), 0), tensor_arg(regime, dt, (4, 1), 1),
                       5])
        b.add(fn, dt, [tensor_arg(regime, dt, (4, 5), 0), tensor_arg(regime, dt, (3,), 1),
                       5])
    x32 = A(input_key("normal", "float32", (7,)))
    b.add(fn, "py", [x32, A(input_key("normal", "float64", (1,))), 1.0])
    b.add(fn, "py", [[1.0, -3.0, 4.0], 0.0, 2.0])
    b.add(fn, "py", [[1, -3, 4], 0, 2])
    b.add(fn, "py", [x32], {"clip_value_min": -1.0, "clip_value_max": 1.0})


def _conversions(b, set_name):
    lits = (1.5, 3, True, [1, 2.5], [1, 2], [2 ** 31], [2 ** 31 - 1, -2 ** 31], [2 ** 63],
            [-2 ** 63 - 1], [[1, 2], [3]], [], [[]], [F(float("nan")), F(float("-inf"))],
            [F(-0.0)], [1e40], [True, 1], [[1.0, 2.0], [3.0, 4.0]], 3.4e38, 1e-46,
            [T(1, 2), [3, 4]])
    for fn in ("constant", "convert_to_tensor"):
        for lit in lits:
            b.add(fn, "py", [lit])
        for dt in dtypes_for(b.ref):
            if dt == "bfloat16":
                continue
            regime = "int" if dt in INTS else "special"
            b.add(fn, dt, [A(input_key(regime, dt, (2, 3)))])
        b.add(fn, "py", [[1, 2]], {"dtype": {"dtype": "float32"}})
        b.add(fn, "py", [[1.5, 2.5]], {"dtype": {"dtype": "int32"}})
        b.add(fn, "py", [1e40], {"dtype": {"dtype": "float32"}})
        b.add(fn, "py", [[1.0, 2.0]], {"dtype": {"dtype": "float16"}})
        b.add(fn, "py", [[1.0, 2.0]], {"dtype": {"dtype": "float64"}})
        b.add(fn, "py", [2 ** 40], {"dtype": {"dtype": "int32"}})
        b.add(fn, "py", [A(input_key("normal", "float64", (3,)))],
              {"dtype": {"dtype": "float32"}})
        if b.ref == "v2":
            b.add(fn, "py", [[1.0, 3.14159, 65504.0]], {"dtype": {"dtype": "bfloat16"}})
    b.add("constant", "py", [1.5], {"shape": [2, 3]})
    b.add("constant", "py", [[1.0, 2.0]], {"shape": [2, 2]})
    b.add("constant", "py", [[1.0, 2.0, 3.0, 4.0]], {"shape": [2, 2]})
    fn = "cast"
    casts = (("special", "float32", "int32"), ("large", "float32", "int32"),
             ("normal", "float32", "int32"), ("special", "float32", "int64"),
             ("special", "float32", "float16"), ("large", "float32", "float16"),
             ("wide", "float32", "float16"), ("special", "float64", "float32"),
             ("wide", "float64", "float32"), ("special", "float16", "float32"),
             ("intbig", "int64", "int32"), ("intbig", "int32", "float16"),
             ("intbig", "int64", "float32"), ("normal", "float64", "int64"),
             ("special", "float64", "int32"), ("int", "int32", "bool"),
             ("special", "float32", "bool"), ("normal", "float32", "float64"))
    if b.ref == "v2":
        casts += (("special", "float32", "bfloat16"), ("wide", "float32", "bfloat16"),
                  ("special", "bfloat16", "float32"), ("wide", "float64", "bfloat16"))
    for regime, src, dst in casts:
        b.add(fn, src, [tensor_arg(regime, src, (37,)), {"dtype": dst}])
    b.add(fn, "py", [[1.7, -1.7, 2.5, -2.5], {"dtype": "int32"}])
    b.add(fn, "py", [[1, 2], {"dtype": "float32"}])
    b.add(fn, "py", [1.5, {"dtype": "int64"}])


def _printing(b, set_name):
    fn = "constant"
    texts = ("str", "repr")
    items = [A(input_key("normal", "float32", ())), A(input_key("normal", "float32", (7,))),
             A(input_key("normal", "float64", (4, 5))), A(input_key("normal", "float32",
                                                                      (2000,))),
             A(input_key("special", "float32", (13,))), A(input_key("normal", "float16", (7,))),
             A(input_key("int", "int32", (4, 5))), A(input_key("intbig", "int64", (7,))),
             A(input_key("bool", "bool", (2, 3))),
             A(input_key("normal", "float32", (0,))), A(input_key("normal", "float32", (3, 0))),
             A(input_key("normal", "float64", (2, 3, 4, 5))),
             A(input_key("wide", "float32", (9,))), A(input_key("large", "float64", (7,))),
             A(input_key("normal", "float32", (12, 1100)))]
    for it in items:
        b.add(fn, "print", [it], texts=texts)
    for lit in (1.5, [F(-0.0), 0.0, F(float("nan")), F(float("inf"))], 7, [[1, 2], [3, 4]],
                True, 1e-30, [1e10, 1.0]):
        b.add(fn, "print", [lit], texts=texts)
    if b.ref == "v2":
        b.add(fn, "print", [A(input_key("normal", "bfloat16", (7,)))],
              {"dtype": {"dtype": "bfloat16"}}, texts=texts)
        b.add(fn, "print", [A(input_key("special", "bfloat16", (9,)))],
              {"dtype": {"dtype": "bfloat16"}}, texts=texts)
    for f in ("exp", "reduce_sum", "nn.relu"):
        b.add(f, "print", [A(input_key("normal", "float32", (3, 4)))], texts=texts)
    b.add("reduce_mean", "print", [A(input_key("normal", "float64", (5, 6)))], texts=texts)


# --------------------------------------------------------------------------- softmax
SOFTMAX_V2 = ("nn.softmax", "nn.log_softmax", "math.softmax", "math.log_softmax",
              "raw_ops.Softmax", "raw_ops.LogSoftmax")
SOFTMAX_V1 = ("nn.softmax", "nn.log_softmax")
SOFTMAX_ALIASES = ("math.softmax", "math.log_softmax")
SOFTMAX_FNS = frozenset(SOFTMAX_V2 + SOFTMAX_V1)
SM_SHAPES = ((1, 1), (3, 5), (128, 10), (7, 9001), (2, 20000), (9, 8193), (300, 50),
             (129, 64), (1000, 37))
SM_SHAPES_FULL = SM_SHAPES + ((4096, 4096), (64, 65537), (3, 300007), (257, 1025), (17,),
                              (40009,), (2, 3, 20011))
SM_AXES = (((3, 4, 5), (0, 1, 2, -1, -2, -3)), ((2, 3, 4, 5), (0, 1, 2, 3, -1, -2, -3, -4)))
SM_AXES_FULL = SM_AXES + (((5, 300, 41), (0, 1, -1)), ((33, 2, 1, 257), (0, 2, -3)))
SM_ODD = ((), (2, 3, 1, 2, 4), (2, 1, 2, 1, 2, 3), (0, 3), (3, 0), (0,))
SM_REGIMES = ("spread50", "spread95", "special", "neginf")
SM_REGIME_SHAPES = ((7, 33), (130, 17))
SM_REGIME_SHAPES_FULL = SM_REGIME_SHAPES + ((9, 8193), (3, 4, 1031))


def _softmax(b, fn, set_name, variant=False):
    """Softmax / LogSoftmax.  ``variant``: the reduced grid run again under every oneDNN
    variant (the oracle's environment differs, the cases do not)."""
    full = set_name == "full"
    raw = fn.startswith("raw_ops.")
    alias = fn in SOFTMAX_ALIASES and not full

    def add(dt, x, axis=None, **kw):
        if raw:
            b.add(fn, dt, [], dict(kw, logits=x))
        elif axis is None:
            b.add(fn, dt, [x], kw)
        else:
            b.add(fn, dt, [x], dict(kw, axis=axis))

    for dt in FLOATS if b.ref == "v2" else tuple(d for d in FLOATS if d != "bfloat16"):
        if alias and dt not in ("float16", "float32"):
            continue
        shapes = SM_SHAPES_FULL if full else SM_SHAPES
        if alias:
            shapes = shapes[:3]
        for shp in shapes:
            add(dt, tensor_arg("normal", dt, shp))
        if alias:
            add(dt, tensor_arg("normal", dt, (3, 4, 5)), 0)
            continue
        for shp, axes in SM_AXES_FULL if full else SM_AXES:
            if raw:
                add(dt, tensor_arg("normal", dt, shp))
                continue
            for ax in axes if not variant else axes[:1] + axes[-1:]:
                add(dt, tensor_arg("normal", dt, shp), ax)
        for shp in SM_ODD:
            add(dt, tensor_arg("normal", dt, shp, rank0=True))
        for reg in SM_REGIMES:
            for shp in SM_REGIME_SHAPES_FULL if full else SM_REGIME_SHAPES:
                add(dt, tensor_arg(reg, dt, shp))
        if not raw and not variant:
            x = tensor_arg("normal", dt, (3, 4, 5))
            add(dt, x, 3)
            add(dt, x, -4)
            add(dt, tensor_arg("normal", dt, (), rank0=True), 0)
            add(dt, tensor_arg("normal", dt, (), rank0=True), -1)
            if b.ref == "v1":
                add(dt, x, None, dim=1)
                add(dt, x, None, dim=-3)
                add(dt, x, 0, dim=0)
                add(dt, x, None, dim=7)
    if variant:
        return
    for dt in ("int32",):
        for shp in ((3, 5), ()):
            add(dt, tensor_arg("int", dt, shp, rank0=True))
    if raw:
        b.add(fn, "py", [A(input_key("normal", "float32", (3, 5)))])  # positional: TypeError
        b.add(fn, "py", [], {"logits": [[1.0, 2.0, 3.0]]})
        return
    b.add(fn, "py", [[[1.0, 2.0, 3.0], [F(float("-inf")), F(float("-inf")), 0.0]]])
    b.add(fn, "py", [[1, 2, 3]])
    b.add(fn, "py", [A(input_key("normal", "float32", (3, 4, 5))), 1])
    b.add(fn, "py", [A(input_key("normal", "float32", (3, 4, 5)))],
          {"axis": A(scalar_key("int", "int32"))})


# oneDNN variants of TF 2.21 Softmax: (name, oracle environment, ISA the CPU must have for
# the variant to mean what it says -- None = any CPU).  Recorded to <ref>-<name>.* goldens.
VARIANTS = (
    ("onednn_off", {"TF_ENABLE_ONEDNN_OPTS": "0"}, None),
    ("isa_sse41", {"ONEDNN_MAX_CPU_ISA": "SSE41"}, "sse41"),
    ("isa_avx2", {"ONEDNN_MAX_CPU_ISA": "AVX2"}, "avx2"),
    ("isa_avx2_vnni_2", {"ONEDNN_MAX_CPU_ISA": "AVX2_VNNI_2"}, "avx2_vnni_2"),
    ("isa_avx512_core", {"ONEDNN_MAX_CPU_ISA": "AVX512_CORE"}, "avx512_core"),
    ("isa_avx512_core_bf16", {"ONEDNN_MAX_CPU_ISA": "AVX512_CORE_BF16"}, "avx512_core_bf16"),
    ("isa_avx512_core_fp16", {"ONEDNN_MAX_CPU_ISA": "AVX512_CORE_FP16"}, "avx512_core_fp16"),
)
VARIANT_REFS = ("v2",)
VARIANT_FNS = ("nn.softmax", "nn.log_softmax", "raw_ops.Softmax", "raw_ops.LogSoftmax")


def variants_for(ref):
    return VARIANTS if ref in VARIANT_REFS else ()


def variant_env(name):
    for v, env, _ in VARIANTS:
        if v == name:
            return dict(env)
    raise ValueError("unknown variant %r" % name)


def variant_requires(name):
    for v, _, isa in VARIANTS:
        if v == name:
            return isa
    raise ValueError("unknown variant %r" % name)


def generate_variant(set_name, ref, variant):
    """The cases of one oneDNN variant (ids ``<ref>@<variant>/fn/group/nnn``)."""
    if set_name not in SETS:
        raise ValueError("unknown case set %r (have: %s)" % (set_name, ", ".join(SETS)))
    variant_env(variant)
    b = _Builder(ref)
    for fn in VARIANT_FNS:
        _softmax(b, fn, set_name, variant=True)
    out = []
    for c in b.cases:
        c = dict(c, id="%s@%s/%s" % (ref, variant, c["id"].split("/", 1)[1]), variant=variant)
        out.append(c)
    return out

# --------------------------------------------------------------------------- cross-entropy
XENT_V2 = ("nn.softmax_cross_entropy_with_logits", "nn.sparse_softmax_cross_entropy_with_logits",
           "nn.sigmoid_cross_entropy_with_logits", "nn.weighted_cross_entropy_with_logits",
           "raw_ops.SoftmaxCrossEntropyWithLogits", "raw_ops.SparseSoftmaxCrossEntropyWithLogits")
XENT_V1 = ("nn.softmax_cross_entropy_with_logits", "nn.softmax_cross_entropy_with_logits_v2",
           "nn.sparse_softmax_cross_entropy_with_logits", "nn.sigmoid_cross_entropy_with_logits",
           "nn.weighted_cross_entropy_with_logits")
XENT_SHAPES = ((1, 1), (3, 5), (128, 10), (7, 33), (9, 1031), (2, 9001), (5,), (2, 3, 4),
               (2, 3, 4, 5), (0, 4), (3, 0))
XENT_SHAPES_FULL = XENT_SHAPES + ((4096, 4096), (64, 32000), (300, 50), (1, 40009))
XENT_AXES = (((3, 4, 5), (0, 1, -1, 2)), ((2, 3, 4, 5), (0, 2, -1)))
XENT_LABELS = [[0.2, 0.3, 0.5], [0.1, 0.6, 0.3]]      # the pitfall example (issue 5)
XENT_LOGITS = [[2, 0.5, 1], [0.1, 1, 3]]


def _xent_floats(ref):
    return FLOATS if ref == "v2" else tuple(d for d in FLOATS if d != "bfloat16")


def _xent_dense(b, fn, set_name, grad=False):
    """Dense softmax cross-entropy (tf.nn / compat.v1 spellings) and its gradients."""
    full = set_name == "full"
    v1_sg = b.ref == "v1" and fn == "nn.softmax_cross_entropy_with_logits"
    axis_kw = "dim" if v1_sg else "axis"
    name = fn + ("#grad" if grad else "")
    wrt = ["logits"] if v1_sg else ["labels", "logits"]

    def add(dt, labels, logits, og=None, **kw):
        kw = dict(kw, labels=labels, logits=logits)
        if grad:
            b.add(name, dt, [], kw, grad={"wrt": wrt, "output_gradients": og})
        else:
            b.add(name, dt, [], kw)

    for dt in _xent_floats(b.ref):
        shapes = XENT_SHAPES_FULL if full else XENT_SHAPES
        if grad:
            shapes = shapes[:6] + shapes[7:9]
        for shp in shapes:
            add(dt, tensor_arg("unit", dt, shp, 1), tensor_arg("normal", dt, shp, 0))
        for shp, axes in XENT_AXES:
            for ax in axes if not grad else axes[:2]:
                add(dt, tensor_arg("unit", dt, shp, 1), tensor_arg("normal", dt, shp, 0),
                    **{axis_kw: ax})
        for reg in ("special", "spread95", "neginf") if not grad else ("special",):
            add(dt, tensor_arg("unit", dt, (7, 33), 1), tensor_arg(reg, dt, (7, 33), 0))
        add(dt, tensor_arg("special", dt, (7, 33), 1), tensor_arg("normal", dt, (7, 33), 0))
        if grad:
            shp = (7, 33)
            add(dt, tensor_arg("unit", dt, shp, 1), tensor_arg("normal", dt, shp, 0),
                og=tensor_arg("normal", dt, shp[:1], 2))
            add(dt, tensor_arg("unit", dt, (2, 3, 4), 1), tensor_arg("normal", dt, (2, 3, 4), 0),
                og=tensor_arg("special", dt, (2, 3), 2))
            add(dt, tensor_arg("unit", dt, (3, 4, 5), 1), tensor_arg("normal", dt, (3, 4, 5), 0),
                og=tensor_arg("normal", dt, (4, 5), 2), **{axis_kw: 0})
            continue
        # errors: labels shape / dtype, rank 0, axis out of range
        add(dt, tensor_arg("unit", dt, (3, 4), 1), tensor_arg("normal", dt, (3, 5), 0))
        add(dt, tensor_arg("unit", dt, (), 1, rank0=True), tensor_arg("normal", dt, (), 0, rank0=True))
        x = tensor_arg("normal", dt, (3, 4, 5), 0)
        y = tensor_arg("unit", dt, (3, 4, 5), 1)
        for ax in (3, -2, -4):
            add(dt, y, x, **{axis_kw: ax})
    if grad:
        add("py", XENT_LABELS, XENT_LOGITS)
        add("py", A(input_key("int", "int32", (2, 3))), XENT_LOGITS)
        return
    for dt in INTS:
        add(dt, tensor_arg("int", dt, (3, 5), 1), tensor_arg("int", dt, (3, 5), 0))
    x32 = A(input_key("normal", "float32", (3, 5), 0))
    add("py", XENT_LABELS, XENT_LOGITS)
    add("py", A(input_key("int", "int32", (3, 5), 1)), x32)
    add("py", A(input_key("unit", "float64", (3, 5), 1)), x32)
    add("py", [[0.0, 1.0, 0.0]], x32)
    add("py", A(input_key("unit", "float32", (5,), 1)), x32)      # labels broadcast? TF says
    add("py", A(input_key("unit", "float32", (1, 5), 1)), x32)
    if b.ref == "v1":
        add("py", XENT_LABELS, XENT_LOGITS, axis=1, dim=1)
        add("py", XENT_LABELS, XENT_LOGITS, axis=0)
        if v1_sg:
            b.add(fn, "py", [XENT_LOGITS, XENT_LABELS])             # the pre-1.0 positional call
            b.add(fn, "py", [], {"logits": XENT_LOGITS})
            b.add(fn, "py", [], {"labels": XENT_LABELS})
    else:
        b.add(fn, "py", [XENT_LABELS, XENT_LOGITS])
        b.add(fn, "py", [XENT_LABELS, XENT_LOGITS, 0])


def _xent_sparse(b, fn, set_name, grad=False):
    full = set_name == "full"
    name = fn + ("#grad" if grad else "")

    def add(dt, labels, logits, og=None):
        kw = {"labels": labels, "logits": logits}
        if grad:
            b.add(name, dt, [], kw, grad={"wrt": ["logits"], "output_gradients": og})
        else:
            b.add(name, dt, [], kw)

    for dt in _xent_floats(b.ref):
        shapes = XENT_SHAPES_FULL if full else XENT_SHAPES
        if grad:
            shapes = shapes[:6] + shapes[7:9]
        for i, shp in enumerate(shapes):
            if shp[-1] == 0:
                continue
            ldt = INTS[i % 2]
            add(dt, A(input_key("cls%d" % shp[-1], ldt, shp[:-1], 1)),
                tensor_arg("normal", dt, shp, 0))
        for reg in ("special", "spread95", "neginf") if not grad else ("special",):
            add(dt, A(input_key("cls33", "int64", (7,), 1)), tensor_arg(reg, dt, (7, 33), 0))
        if grad:
            add(dt, A(input_key("cls33", "int32", (7,), 1)), tensor_arg("normal", dt, (7, 33), 0),
                og=tensor_arg("normal", dt, (7,), 2))
            add(dt, A(input_key("cls4", "int64", (2, 3), 1)), tensor_arg("normal", dt, (2, 3, 4), 0),
                og=tensor_arg("special", dt, (2, 3), 2))
            continue
        x = tensor_arg("normal", dt, (2, 3), 0)
        for ldt in INTS:
            add(dt, {"constant": {"array": input_key("int", ldt, (2,), 7), "dtype": ldt}}, x)
            add(dt, [0, 3], x)
            add(dt, [-1, 2], x)
        add(dt, 0, tensor_arg("normal", dt, (), 0, rank0=True))
        add(dt, [0, 1, 2], x)
        add(dt, [[0, 1]], x)
        add(dt, A(input_key("cls3", "int32", (2, 3), 1)), x)
    if grad:
        add("py", [0, 2], XENT_LOGITS)
        return
    add("py", [0, 2], XENT_LOGITS)
    add("py", A(input_key("cls5", "int32", (3,), 1)), A(input_key("int", "int32", (3, 5), 0)))
    add("py", A(input_key("normal", "float32", (3,), 1)), A(input_key("normal", "float32", (3, 5), 0)))
    add("py", A(input_key("cls5", "int64", (0,), 1)), A(input_key("normal", "float32", (0, 5), 0)))
    add("py", [0, 1, 2], A(input_key("normal", "float32", (3, 0), 0)))
    if b.ref == "v1":
        b.add(fn, "py", [[0, 2], XENT_LOGITS])
        b.add(fn, "py", [], {"labels": [0, 2]})
    else:
        b.add(fn, "py", [[0, 2], XENT_LOGITS])
        b.add(fn, "py", [], {"labels": [0, 2]})
        b.add(fn, "py", [], {"logits": XENT_LOGITS})


def _xent_sigmoid(b, fn, set_name, grad=False):
    weighted = "weighted" in fn
    name = fn + ("#grad" if grad else "")

    def add(dt, labels, logits, og=None, **kw):
        kw = dict(kw, labels=labels, logits=logits)
        if weighted and "pos_weight" not in kw:
            kw["pos_weight"] = 2.5
        if grad:
            b.add(name, dt, [], kw, grad={"wrt": ["labels", "logits"], "output_gradients": og})
        else:
            b.add(name, dt, [], kw)

    for dt in _xent_floats(b.ref):
        for shp in ((7,), (4, 5), (2, 3, 4), (1031,), (0,), ()):
            add(dt, tensor_arg("unit", dt, shp, 1, rank0=True), tensor_arg("normal", dt, shp, 0, rank0=True))
        for reg in ("special", "large", "small"):
            add(dt, tensor_arg("unit", dt, (37,), 1), tensor_arg(reg, dt, (37,), 0))
        add(dt, tensor_arg("special", dt, (37,), 1), tensor_arg("normal", dt, (37,), 0))
        if grad:
            add(dt, tensor_arg("unit", dt, (4, 5), 1), tensor_arg("normal", dt, (4, 5), 0),
                og=tensor_arg("normal", dt, (4, 5), 2))
            continue
        add(dt, tensor_arg("unit", dt, (4, 5), 1), tensor_arg("normal", dt, (4, 6), 0))
        if weighted:
            add(dt, tensor_arg("unit", dt, (4, 5), 1), tensor_arg("normal", dt, (4, 5), 0),
                pos_weight=tensor_arg("positive", dt, (5,), 2))
            add(dt, tensor_arg("unit", dt, (4, 5), 1), tensor_arg("normal", dt, (4, 5), 0),
                pos_weight=F(float("nan")))
    if grad:
        add("py", [[0.0, 1.0, 1.0]], [[1.5, -2.0, 0.0]])
        return
    add("py", [[0.0, 1.0, 1.0]], [[1.5, -2.0, 0.0]])
    add("py", [[0, 1, 1]], [[1.5, -2.0, 0.0]])
    add("py", A(input_key("unit", "float64", (4,), 1)), A(input_key("normal", "float32", (4,), 0)))
    add("py", A(input_key("int", "int32", (4,), 1)), A(input_key("int", "int32", (4,), 0)))
    if not weighted:
        b.add(fn, "py", [], {"logits": [1.0]})
        b.add(fn, "py", [[1.0], [0.5]] if b.ref == "v2" else [None, [1.0], [0.5]])
    elif b.ref == "v1":
        b.add(fn, "py", [], {"targets": [[0.0, 1.0]], "logits": [[1.5, -2.0]], "pos_weight": 3.0})
        b.add(fn, "py", [], {"targets": [[0.0, 1.0]], "labels": [[0.0, 1.0]],
                             "logits": [[1.5, -2.0]], "pos_weight": 3.0})


def _xent_raw(b, fn, set_name):
    sparse = "Sparse" in fn
    for dt in FLOATS:
        for shp in ((3, 5), (128, 10), (7, 33), (2, 9001)):
            lab = A(input_key("cls%d" % shp[-1], INTS[shp[0] % 2], shp[:1], 1)) if sparse \
                else tensor_arg("unit", dt, shp, 1)
            b.add(fn, dt, [], {"features": tensor_arg("normal", dt, shp, 0), "labels": lab})
        if not sparse:
            x = tensor_arg("normal", dt, (4, 5), 0)
            for lshape in ((1, 5), (4, 1), (5,), (1, 1), (3, 5)):
                b.add(fn, dt, [], {"features": x, "labels": tensor_arg("unit", dt, lshape, 1)})
            b.add(fn, dt, [], {"features": tensor_arg("normal", dt, (1, 5), 0),
                               "labels": tensor_arg("unit", dt, (4, 5), 1)})
            b.add(fn, dt, [], {"features": tensor_arg("normal", dt, (5,), 0),
                               "labels": tensor_arg("unit", dt, (5,), 1)})
        else:
            b.add(fn, dt, [], {"features": tensor_arg("normal", dt, (2, 3), 0), "labels": [0, 5]})
            b.add(fn, dt, [], {"features": tensor_arg("normal", dt, (2, 3), 0), "labels": [[0, 1]]})
    b.add(fn, "py", [], {"features": XENT_LOGITS, "labels": [0, 2] if sparse else XENT_LABELS})
    b.add(fn, "py", [XENT_LOGITS, [0, 2] if sparse else XENT_LABELS])


def _xent(b, set_name):
    """Every cross-entropy function of the reference, then the gradients of the non-raw ones."""
    for grad in (False, True):
        for fn in XENT_V2 if b.ref == "v2" else XENT_V1:
            if fn.startswith("raw_ops."):
                if not grad:
                    _xent_raw(b, fn, set_name)
            elif "sparse" in fn:
                _xent_sparse(b, fn, set_name, grad)
            elif "sigmoid" in fn or "weighted" in fn:
                _xent_sigmoid(b, fn, set_name, grad)
            else:
                _xent_dense(b, fn, set_name, grad)


def generate(set_name="default", refs=REFS):
    """All cases of ``set_name`` for ``refs`` (list of dicts, deterministic order)."""
    if set_name not in SETS:
        raise ValueError("unknown case set %r (have: %s)" % (set_name, ", ".join(SETS)))
    out = []
    for ref in refs:
        b = _Builder(ref)
        for fn in (UNARY_V2 if ref == "v2" else UNARY_V1):
            _unary(b, fn, set_name)
        for fn in REDUCE:
            _reduce(b, fn, set_name)
        for fn in BINARY:
            _binary(b, fn, set_name)
        _pow(b, set_name)
        _clip(b, set_name)
        _conversions(b, set_name)
        _printing(b, set_name)
        for fn in (SOFTMAX_V2 if ref == "v2" else SOFTMAX_V1):
            _softmax(b, fn, set_name)
        _xent(b, set_name)
        _v1_losses(b, set_name)
        _keras(b, set_name)
        _array_helpers(b, set_name)
        out.extend(b.cases)
    ids = [c["id"] for c in out]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    return out


def inputs_for(cases):
    """key -> ndarray for every input the cases reference."""
    keys = sorted(set(k for c in cases for k in input_keys(c)))
    return dict((k, make_input(k)) for k in keys)


def family(case):
    """(ref, fn) — the unit reports and tests group by."""
    return case["ref"], case["fn"]


def variant_of(case):
    """The oneDNN variant name of a case ("" for the base goldens)."""
    return case.get("variant") or ""


def group(case):
    """The dtype / group slot of the case id."""
    return case["id"].split("/")[-2]


# =========================================================================== v1 losses
# tf.compat.v1.losses and tf.compat.v1.keras.losses (TF 1.15.5, eager): cross-entropy losses,
# log_loss, compute_weighted_loss, every Reduction, weights broadcasting and its errors,
# label smoothing, the Keras loss classes (reductions, sample_weight, get_config) and errors.
_V1_LOSS_FLOATS = ("float16", "float32", "float64")
_V1_REDUCTIONS = ("none", "weighted_sum", "weighted_mean", "weighted_sum_over_batch_size",
                  "weighted_sum_by_nonzero_weights")
_V1_KERAS_REDUCTIONS = ("auto", "none", "sum", "sum_over_batch_size")


def _v1_losses(b, set_name):
    if b.ref != "v1":
        return
    full = set_name == "full"
    fl = _V1_LOSS_FLOATS
    w4 = [1.0, 0.0, 2.5, 0.0]           # per-sample weights with zeros (nonzero count 2)

    # -- losses.softmax_cross_entropy
    fn = "losses.softmax_cross_entropy"
    for dt in fl:
        for shp in ((5,), (4, 6), (2, 3, 5)) + (((3, 1, 7), (1, 9)) if full else ()):
            b.add(fn, dt, [tensor_arg("unit", dt, shp), tensor_arg("normal", dt, shp)])
        lab, lg = tensor_arg("unit", dt, (4, 6)), tensor_arg("normal", dt, (4, 6))
        b.add(fn, dt, [lab, tensor_arg("special", dt, (4, 6))])
        b.add(fn, dt, [lab, tensor_arg("large", dt, (4, 6))])
        for ls in (0.1, 0.33):
            b.add(fn, dt, [lab, lg], {"label_smoothing": ls})
        b.add(fn, dt, [lab, lg], {"label_smoothing": 0.2, "reduction": "none"})
        b.add(fn, dt, [lab, lg], {"weights": w4})
        for red in _V1_REDUCTIONS:
            b.add(fn, dt, [lab, lg], {"weights": w4, "reduction": red})
        b.add(fn, dt, [lab, lg], {"weights": tensor_arg("unit", "float32", (4,), 1)})
        b.add(fn, dt, [lab, lg], {"weights": 0.0})
        b.add(fn, dt, [lab, lg, 2.5, 0.1, "myscope", None, "weighted_sum"])  # positional
    lab3, lg3 = tensor_arg("unit", "float32", (2, 3, 5)), tensor_arg("normal", "float32", (2, 3, 5))
    for w in ([[1.0], [0.0]], [[1.0, 0.0, 2.0]], tensor_arg("unit", "float64", (2, 3)),
              tensor_arg("int", "int32", (2, 3)), [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]],
              [2.0, 1.0, 0.5], [[1.0, 2.0]], [[[1.0]]], F(float("nan")), F(-0.0),
              [[F(float("nan")), 0.0, F(-0.0)], [1.0, 1e-40, 2.0]]):
        for red in ("weighted_sum_by_nonzero_weights", "weighted_mean", "none"):
            b.add(fn, "weights", [lab3, lg3], {"weights": w, "reduction": red})
    lab, lg = tensor_arg("unit", "float32", (4, 6)), tensor_arg("normal", "float32", (4, 6))
    b.add(fn, "kw", [], {"onehot_labels": lab, "logits": lg, "weights": 3.0})
    b.add(fn, "kw", [], {"onehot_labels": tensor_arg("int", "int32", (4, 6)), "logits": lg})
    b.add(fn, "kw", [[[0.0, 1.0], [1.0, 0.0]], [[1.5, -0.5], [0.25, 2.0]]],
          {"loss_collection": None})
    b.add(fn, "err", [None, lg])
    b.add(fn, "err", [lab, None])
    b.add(fn, "err", [lab, lg], {"reduction": "weighted_avg"})
    b.add(fn, "err", [tensor_arg("unit", "float32", (4, 5)), lg])
    b.add(fn, "err", [lab, lg], {"weights": None})
    b.add(fn, "err", [tensor_arg("int", "int32", (4, 6)), tensor_arg("int", "int32", (4, 6))],
          {"label_smoothing": 0.1})
    b.add(fn, "err", [tensor_arg("unit", "float32", (), rank0=True),
                      tensor_arg("normal", "float32", (), rank0=True)])

    # -- losses.sparse_softmax_cross_entropy
    fn = "losses.sparse_softmax_cross_entropy"
    for dt in fl:
        for lt in ("int32", "int64"):
            b.add(fn, dt, [tensor_arg("cls6", lt, (4,)), tensor_arg("normal", dt, (4, 6))])
        b.add(fn, dt, [tensor_arg("cls5", "int32", (2, 3)), tensor_arg("normal", dt, (2, 3, 5))])
        b.add(fn, dt, [tensor_arg("cls7", "int32", (), rank0=True), tensor_arg("normal", dt, (7,))])
        b.add(fn, dt, [tensor_arg("cls6", "int32", (4, 1)), tensor_arg("normal", dt, (4, 6))])
        lab, lg = tensor_arg("cls6", "int64", (4,)), tensor_arg("normal", dt, (4, 6))
        b.add(fn, dt, [lab, tensor_arg("special", dt, (4, 6))])
        for red in _V1_REDUCTIONS:
            b.add(fn, dt, [lab, lg], {"weights": w4, "reduction": red})
        b.add(fn, dt, [lab, lg], {"weights": [[1.0], [0.0], [2.0], [3.0]]})
    lab, lg = tensor_arg("cls6", "int32", (4,)), tensor_arg("normal", "float32", (4, 6))
    b.add(fn, "kw", [], {"labels": lab, "logits": lg, "weights": 0.5, "scope": "s"})
    b.add(fn, "err", [lab, lg], {"weights": tensor_arg("unit", "float32", (4, 3))})
    b.add(fn, "err", [[0, 7, 1, 2], lg])
    b.add(fn, "err", [tensor_arg("cls6", "int32", (5,)), lg])
    b.add(fn, "err", [tensor_arg("cls6", "int32", (4, 2)), lg])
    b.add(fn, "err", [None, lg])
    b.add(fn, "err", [lab, None])
    b.add(fn, "err", [lab, lg], {"weights": [1.0, 2.0]})
    b.add(fn, "err", [tensor_arg("unit", "float32", (4,)), lg])

    # -- losses.sigmoid_cross_entropy
    fn = "losses.sigmoid_cross_entropy"
    for dt in fl:
        for shp in ((7,), (4, 5), (2, 3, 4)):
            b.add(fn, dt, [tensor_arg("unit", dt, shp), tensor_arg("normal", dt, shp)])
        lab, lg = tensor_arg("unit", dt, (4, 5)), tensor_arg("normal", dt, (4, 5))
        b.add(fn, dt, [lab, tensor_arg("special", dt, (4, 5))])
        b.add(fn, dt, [lab, tensor_arg("large", dt, (4, 5))])
        b.add(fn, dt, [lab, lg], {"label_smoothing": 0.1})
        for red in _V1_REDUCTIONS:
            b.add(fn, dt, [lab, lg], {"weights": [[1.0], [0.0], [2.0], [0.0]], "reduction": red})
        b.add(fn, dt, [lab, lg], {"weights": tensor_arg("unit", dt, (4, 5))})
    lab, lg = tensor_arg("unit", "float32", (4, 5)), tensor_arg("normal", "float32", (4, 5))
    b.add(fn, "kw", [], {"multi_class_labels": tensor_arg("bool", "bool", (4, 5)), "logits": lg,
                         "label_smoothing": 0.25})
    b.add(fn, "err", [lab, tensor_arg("normal", "float32", (4, 4))])
    b.add(fn, "err", [None, lg])
    b.add(fn, "err", [lab, None])
    b.add(fn, "err", [lab, lg], {"weights": [1.0, 2.0, 3.0, 4.0]})
    b.add(fn, "err", [lab, lg], {"weights": [[1.0, 2.0]]})
    b.add(fn, "err", [tensor_arg("int", "int32", (4, 5)), tensor_arg("int", "int32", (4, 5))])

    # -- losses.log_loss
    fn = "losses.log_loss"
    for dt in fl:
        for shp in ((7,), (4, 5), (2, 3, 4)):
            b.add(fn, dt, [tensor_arg("unit", dt, shp), tensor_arg("unit", dt, shp, 1)])
        lab, pr = tensor_arg("unit", dt, (4, 5)), tensor_arg("unit", dt, (4, 5), 1)
        b.add(fn, dt, [lab, tensor_arg("special", dt, (4, 5))])
        for red in _V1_REDUCTIONS:
            b.add(fn, dt, [lab, pr], {"weights": [[1.0], [0.0], [2.0], [0.0]], "reduction": red})
        b.add(fn, dt, [lab, pr], {"epsilon": 1e-3})
    lab, pr = tensor_arg("unit", "float32", (4, 5)), tensor_arg("unit", "float32", (4, 5), 1)
    b.add(fn, "kw", [], {"labels": lab, "predictions": pr, "epsilon": 0.0, "weights": 2.0})
    b.add(fn, "kw", [[0.0, 1.0, 1.0], [0.0, 1.0, 0.5]])
    b.add(fn, "err", [None, pr])
    b.add(fn, "err", [lab, None])
    b.add(fn, "err", [lab, tensor_arg("unit", "float32", (4, 4))])

    # -- losses.compute_weighted_loss
    fn = "losses.compute_weighted_loss"
    for dt in fl:
        for shp in ((), (7,), (4, 5), (2, 3, 4)):
            x = tensor_arg("positive", dt, shp, rank0=True)
            for red in _V1_REDUCTIONS:
                b.add(fn, dt, [x], {"reduction": red})
        x = tensor_arg("positive", dt, (4, 5))
        for w in ([[1.0], [0.0], [2.0], [0.0]], [[0.5, 0.0, 1.0, 2.0, 0.0]], 0.0, 2.0,
                  tensor_arg("unit", dt, (4, 5))):
            b.add(fn, dt, [x, w, None, "losses", "weighted_sum_by_nonzero_weights"])
            b.add(fn, dt, [x], {"weights": w, "reduction": "weighted_mean"})
        b.add(fn, dt, [tensor_arg("special", dt, (4, 5))])
        b.add(fn, dt, [tensor_arg("wide", dt, (4, 5))], {"reduction": "weighted_sum"})
    for it in ("int32", "int64"):
        b.add(fn, "int", [tensor_arg("int", it, (4, 5))])
        b.add(fn, "int", [tensor_arg("int", it, (4, 5))], {"reduction": "none", "weights": 0.5})
    b.add(fn, "py", [[1.0, 2.0, 3.0]], {"weights": [0.0, 1.0, 1.0]})
    b.add(fn, "py", [[[True, False]]])
    b.add(fn, "py", [[1.0, 2.0]], {"weights": [[1.0, 1.0]]})
    x = tensor_arg("positive", "float32", (4, 5))
    b.add(fn, "err", [x], {"weights": None})
    b.add(fn, "err", [x], {"reduction": "sum"})
    b.add(fn, "err", [x], {"weights": [1.0, 2.0, 3.0, 4.0]})
    b.add(fn, "err", [x], {"weights": [[1.0, 2.0]]})
    b.add(fn, "err", [x], {"weights": [[[1.0]]]})
    b.add(fn, "err", [None])
    # large inputs: the Mul / full reduction run on the intra-op pool (FTZ in TF 1.15 eager)
    big = tensor_arg("small", "float32", (150001,))
    b.add(fn, "big", [big, 1e-30, None, "losses", "weighted_sum"])
    b.add(fn, "big", [big], {"weights": tensor_arg("small", "float32", (150001,), 1),
                             "reduction": "weighted_sum_by_nonzero_weights"})
    b.add(fn, "big", [tensor_arg("small", "float32", (40009,))], {"weights": 1e-30})

    # -- keras.losses functions
    fn = "keras.losses.categorical_crossentropy"
    for dt in fl:
        for shp in ((6,), (4, 6), (2, 3, 5)):
            b.add(fn, dt, [tensor_arg("unit", dt, shp), tensor_arg("unit", dt, shp, 1)])
            b.add(fn, dt, [tensor_arg("unit", dt, shp), tensor_arg("normal", dt, shp)], {"from_logits": True})
        lab = tensor_arg("unit", dt, (4, 6))
        b.add(fn, dt, [lab, tensor_arg("special", dt, (4, 6))])
        b.add(fn, dt, [lab, tensor_arg("special", dt, (4, 6))], {"from_logits": True})
        for ls in (0, 0.1):
            b.add(fn, dt, [lab, tensor_arg("unit", dt, (4, 6), 1)], {"label_smoothing": ls})
        b.add(fn, dt, [tensor_arg("unit", dt, (2, 3, 5)), tensor_arg("unit", dt, (2, 3, 5), 1)],
              {"label_smoothing": 0.33, "from_logits": True})
    b.add(fn, "err", [tensor_arg("unit", "float32", (6,)), tensor_arg("unit", "float32", (6,), 1)],
          {"label_smoothing": 0.2})
    b.add(fn, "err", [tensor_arg("unit", "float32", (4, 5)), tensor_arg("unit", "float32", (4, 6))])
    b.add(fn, "err", [tensor_arg("unit", "float32", (4, 5)), tensor_arg("normal", "float32", (4, 6))],
          {"from_logits": True})

    fn = "keras.losses.binary_crossentropy"
    for dt in fl:
        for shp in ((7,), (4, 5), (2, 3, 4)):
            b.add(fn, dt, [tensor_arg("unit", dt, shp), tensor_arg("unit", dt, shp, 1)])
            b.add(fn, dt, [tensor_arg("unit", dt, shp), tensor_arg("normal", dt, shp)], {"from_logits": True})
        lab = tensor_arg("unit", dt, (4, 5))
        b.add(fn, dt, [lab, tensor_arg("special", dt, (4, 5))])
        b.add(fn, dt, [lab, tensor_arg("special", dt, (4, 5))], {"from_logits": True})
        b.add(fn, dt, [lab, tensor_arg("unit", dt, (4, 5), 1)], {"label_smoothing": 0.1})
        b.add(fn, dt, [lab, tensor_arg("normal", dt, (4, 5))], {"label_smoothing": 0.2, "from_logits": True})
    b.add(fn, "py", [[0.0, 1.0, 1.0], [0.0, 1.0, 0.5]])
    b.add(fn, "err", [tensor_arg("unit", "float32", (4, 5)), tensor_arg("normal", "float32", (4, 4))],
          {"from_logits": True})

    fn = "keras.losses.sparse_categorical_crossentropy"
    for dt in fl:
        lab = tensor_arg("cls6", "int32", (4,))
        b.add(fn, dt, [lab, C(input_key("unit", dt, (4, 6), 1))])
        b.add(fn, dt, [lab, tensor_arg("normal", dt, (4, 6))], {"from_logits": True})
        b.add(fn, dt, [tensor_arg("cls6", "int64", (4, 1)), C(input_key("unit", dt, (4, 6), 1))])
        b.add(fn, dt, [tensor_arg("cls5", "int32", (2, 3)), tensor_arg("normal", dt, (2, 3, 5))],
              {"from_logits": True})
        b.add(fn, dt, [tensor_arg("cls3", "int32", (2, 5)), tensor_arg("normal", dt, (2, 3, 5))],
              {"from_logits": True, "axis": 1})
        b.add(fn, dt, [lab, C(input_key("special", dt, (4, 6)))])
    b.add(fn, "float_labels", [tensor_arg("cls6", "float32", (4,)), C(input_key("unit", "float32", (4, 6), 1))])
    b.add(fn, "err", [tensor_arg("cls6", "int32", (4,)), tensor_arg("unit", "float32", (4, 6), 1)])
    b.add(fn, "err", [[0, 9, 1, 2], tensor_arg("normal", "float32", (4, 6))], {"from_logits": True})
    b.add(fn, "err", [tensor_arg("cls6", "int32", (5,)), tensor_arg("normal", "float32", (4, 6))],
          {"from_logits": True})

    # -- keras.losses classes
    cls_specs = (
        ("keras.losses.CategoricalCrossentropy", "unit", (4, 6), "unit"),
        ("keras.losses.BinaryCrossentropy", "unit", (4, 5), "unit"),
        ("keras.losses.SparseCategoricalCrossentropy", "cls6", (4, 6), "unit"),
    )
    for fn, lreg, shp, preg in cls_specs:
        sparse = lreg.startswith("cls")
        for dt in fl:
            lab = tensor_arg(lreg, "int32", shp[:-1]) if sparse else tensor_arg(lreg, dt, shp)
            pred = C(input_key(preg, dt, shp, 1))
            logits = tensor_arg("normal", dt, shp)
            b.add(fn, dt, [lab, pred], init={})
            b.add(fn, dt, [lab, logits], init={"from_logits": True})
            for red in _V1_KERAS_REDUCTIONS:
                b.add(fn, dt, [lab, logits], {"sample_weight": [1.0, 0.0, 2.5, 0.5]},
                      init={"from_logits": True, "reduction": red})
            b.add(fn, dt, [lab, pred, tensor_arg("unit", "float32", (4,), 2)], init={"reduction": "sum"})
            if not sparse:
                b.add(fn, dt, [lab, pred], init={"label_smoothing": 0.1})
                b.add(fn, dt, [lab, pred], init={"label_smoothing": 0.1, "name": "foo"})
        lab = tensor_arg(lreg, "int32", shp[:-1]) if sparse else tensor_arg(lreg, "float32", shp)
        logits = tensor_arg("normal", "float32", shp)
        for sw in (2.0, [[1.0], [0.0], [2.0], [1.0]], tensor_arg("unit", "float32", (4, 1, 1), 3),
                   [[1.0, 2.0]], [1.0, 2.0, 3.0]):
            b.add(fn, "sample_weight", [lab, logits], {"sample_weight": sw},
                  init={"from_logits": True, "reduction": "none"})
        b.add(fn, "kw", [], {"y_true": lab, "y_pred": logits, "sample_weight": 0.0},
              init={"from_logits": True, "name": None})
        b.add(fn, "config", [], init={}, method="get_config")
        b.add(fn, "config", [], init={"from_logits": True, "reduction": "sum", "name": "x"},
              method="get_config")
        b.add(fn, "err", [lab, logits], init={"reduction": "weighted_sum"})
    fn = "keras.losses.SparseCategoricalCrossentropy"
    b.add(fn, "err", [tensor_arg("cls6", "int32", (4,)), tensor_arg("unit", "float32", (4, 6))],
          init={})
    b.add(fn, "err", [[0, 9, 1, 2], tensor_arg("normal", "float32", (4, 6))],
          init={"from_logits": True, "name": "<lambda>"})
    b.add("keras.losses.CategoricalCrossentropy", "err",
          [tensor_arg("unit", "float32", (4, 5)), tensor_arg("normal", "float32", (4, 6))],
          init={"from_logits": True})
# ======================================================================= end v1 losses


# =========================================================================== keras (v2)
# tf.keras (TF 2.21 = Keras 3.15.1): the cross-entropy loss functions and classes (every
# reduction, sample weights, masks from ignore_class, dtype policies, get_config), and the
# softmax / sigmoid activations. Kept small: inputs of a few dozen elements.
_K_FLOATS = ("float16", "bfloat16", "float32", "float64")
_K_REDUCTIONS = ("sum_over_batch_size", "sum", "mean", "mean_with_sample_weight", "none", None)


def _keras_class_weighting(b, fn, lab, logits, shp):
    """A Keras loss class (from logits): every reduction with scalar / per-sample / all-zero
    weights, the dtype policies, and weights of other ranks and dtypes."""
    for red in _K_REDUCTIONS:
        for sw in (None, 2.0, [1.0, 0.0, 2.5, 0.5], tensor_arg("unit", "float32", (4, 1), 3)):
            kw = {} if sw is None else {"sample_weight": sw}
            b.add(fn, "reduction", [lab, logits], kw, init={"from_logits": True, "reduction": red})
        b.add(fn, "reduction", [lab, logits], {"sample_weight": [0.0, 0.0, 0.0, 0.0]},
              init={"from_logits": True, "reduction": red})
    for pol in ("mixed_float16", "mixed_bfloat16", "float64"):
        b.add(fn, "policy", [lab, logits], {"sample_weight": [1.0, 3.0, 2.5, 0.5]},
              init={"from_logits": True, "dtype": pol})
    for sw in (tensor_arg("unit", "float64", (4,), 3), [[1.0, 2.0, 0.5, 1.0, 3.0, 1.0][:shp[-1]]],
               tensor_arg("unit", "float32", (4, shp[-1]), 3)):
        b.add(fn, "sample_weight", [lab, logits], {"sample_weight": sw},
              init={"from_logits": True, "reduction": "none"})
    b.add(fn, "sample_weight", [lab, logits], {"sample_weight": [1.0, 2.0]}, init={})


def _keras(b, set_name):
    if b.ref != "v2":
        return
    L = "keras.losses."
    # -- categorical_crossentropy
    fn = L + "categorical_crossentropy"
    for dt in _K_FLOATS:
        for shp in ((6,), (4, 6), (2, 3, 5)):
            b.add(fn, dt, [tensor_arg("unit", dt, shp), tensor_arg("unit", dt, shp, 1)])
            b.add(fn, dt, [tensor_arg("unit", dt, shp), tensor_arg("normal", dt, shp)],
                  {"from_logits": True})
        lab3, p3, g3 = (tensor_arg("unit", dt, (2, 3, 5)), tensor_arg("unit", dt, (2, 3, 5), 1),
                        tensor_arg("normal", dt, (2, 3, 5)))
        for ax in (0, 1, -2, 2):
            b.add(fn, dt, [lab3, p3], {"axis": ax})
        for ax in (0, 1, 2):
            b.add(fn, dt, [lab3, g3], {"from_logits": True, "axis": ax})
        b.add(fn, dt, [lab3, p3], {"axis": 1, "label_smoothing": 0.1})
        lab = tensor_arg("unit", dt, (4, 6))
        b.add(fn, dt, [lab, tensor_arg("special", dt, (4, 6))])
        b.add(fn, dt, [lab, tensor_arg("special", dt, (4, 6))], {"from_logits": True})
        b.add(fn, dt, [lab, tensor_arg("unit", dt, (4, 6), 1)], {"label_smoothing": 0.1})
        b.add(fn, dt, [lab, tensor_arg("normal", dt, (4, 6))],
              {"from_logits": True, "label_smoothing": 0.25})
        b.add(fn, dt, [tensor_arg("unit", dt, (4, 1)), tensor_arg("unit", dt, (4, 1), 1)])
    for it in ("int32", "int64"):
        b.add(fn, it, [tensor_arg("cls2", it, (4, 6)), tensor_arg("unit", "float32", (4, 6), 1)])
    b.add(fn, "py", [[[[0.0, 1.0]]], [[[0.4, 0.6]]]], texts=["str", "repr"])
    b.add(fn, "py", [[[[0.0, 0.0, 1.0, 0.0]]], [[[0.1, 0.6, 0.1, 0.2]]]], texts=["str", "repr"])
    b.add(fn, "py", [[[0, 1, 0], [0, 0, 1]], [[0.05, 0.95, 0], [0.1, 0.8, 0.1]]], texts=["repr"])
    b.add(fn, "py", [[[0, 1, 0], [0, 0, 1]], [[0.05, 0.95, 0], [0.1, 0.8, 0.1]]],
          {"label_smoothing": 0.2, "from_logits": True})
    b.add(fn, "py", [[0.0, 1.0], [0.0, 0.0]])
    b.add(fn, "err", [tensor_arg("unit", "float32", (4, 5)), tensor_arg("unit", "float32", (4, 6))])
    b.add(fn, "err", [tensor_arg("unit", "float32", (4, 6)), tensor_arg("unit", "float32", (2, 4, 6))])
    b.add(fn, "err", [tensor_arg("unit", "float32", (4, 6)), tensor_arg("normal", "float32", (4, 6))],
          {"from_logits": True, "axis": -2})
    b.add(fn, "err", [tensor_arg("unit", "float32", (4, 6)), tensor_arg("unit", "float32", (4, 6), 1)],
          {"axis": 2})
    b.add(fn, "err", [tensor_arg("unit", "float32", (4, 6)), tensor_arg("unit", "float32", (4, 6), 1)],
          {"axis": True})
    b.add(fn, "err", [1.0, 0.5])
    b.add(fn, "err", [tensor_arg("unit", "float32", (4, 6)), tensor_arg("unit", "float64", (4, 6), 1)],
          {"label_smoothing": 0.1})

    # -- binary_crossentropy
    fn = L + "binary_crossentropy"
    for dt in _K_FLOATS:
        for shp in ((7,), (4, 5), (2, 3, 4)):
            b.add(fn, dt, [tensor_arg("unit", dt, shp), tensor_arg("unit", dt, shp, 1)])
            b.add(fn, dt, [tensor_arg("unit", dt, shp), tensor_arg("normal", dt, shp)],
                  {"from_logits": True})
        lab3, p3 = tensor_arg("unit", dt, (2, 3, 4)), tensor_arg("unit", dt, (2, 3, 4), 1)
        for ax in (0, 1, -2):
            b.add(fn, dt, [lab3, p3], {"axis": ax})
        lab = tensor_arg("unit", dt, (4, 5))
        b.add(fn, dt, [lab, tensor_arg("special", dt, (4, 5))])
        b.add(fn, dt, [lab, tensor_arg("special", dt, (4, 5))], {"from_logits": True})
        b.add(fn, dt, [lab, tensor_arg("unit", dt, (4, 5), 1)], {"label_smoothing": 0.1})
        b.add(fn, dt, [lab, tensor_arg("large", dt, (4, 5))],
              {"label_smoothing": 0.2, "from_logits": True})
        b.add(fn, dt, [tensor_arg("bool", "bool", (4, 5)), tensor_arg("unit", dt, (4, 5), 1)])
    for it in ("int32", "int64"):
        b.add(fn, it, [tensor_arg("cls2", it, (4, 5)), tensor_arg("unit", "float32", (4, 5), 1)])
    b.add(fn, "py", [[[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]]], texts=["repr"])
    b.add(fn, "py", [[0.0, 1.0, 1.0], [0.0, 1.0, 0.5]])
    b.add(fn, "err", [tensor_arg("unit", "float32", (4, 5)), tensor_arg("normal", "float32", (4, 4))],
          {"from_logits": True})
    b.add(fn, "err", [tensor_arg("unit", "float32", (5,)), tensor_arg("unit", "float32", (4, 5))])
    b.add(fn, "err", [tensor_arg("unit", "float32", (4, 5)), tensor_arg("unit", "float32", (4, 5))],
          {"axis": 2})

    # -- sparse_categorical_crossentropy
    fn = L + "sparse_categorical_crossentropy"
    for dt in _K_FLOATS:
        lab = tensor_arg("cls6", "int32", (4,))
        b.add(fn, dt, [lab, tensor_arg("unit", dt, (4, 6), 1)])
        b.add(fn, dt, [lab, tensor_arg("normal", dt, (4, 6))], {"from_logits": True})
        b.add(fn, dt, [tensor_arg("cls6", "int64", (4, 1)), tensor_arg("unit", dt, (4, 6), 1)])
        b.add(fn, dt, [tensor_arg("cls5", "int32", (2, 3)), tensor_arg("normal", dt, (2, 3, 5))],
              {"from_logits": True})
        b.add(fn, dt, [tensor_arg("cls5", "int64", (2, 3)), tensor_arg("unit", dt, (2, 3, 5), 1)],
              {"axis": 2})
        b.add(fn, dt, [tensor_arg("cls7", "int32", (7,)), tensor_arg("normal", dt, (7,))],
              {"from_logits": True})
        b.add(fn, dt, [lab, tensor_arg("special", dt, (4, 6))])
        b.add(fn, dt, [lab, tensor_arg("special", dt, (4, 6))], {"from_logits": True})
        b.add(fn, dt, [lab, tensor_arg("unit", dt, (4, 6), 1)], {"ignore_class": 2})
        b.add(fn, dt, [tensor_arg("cls5", "int32", (2, 3)), tensor_arg("normal", dt, (2, 3, 5))],
              {"from_logits": True, "ignore_class": 1})
    b.add(fn, "labels", [tensor_arg("cls6", "float32", (4,)), tensor_arg("unit", "float32", (4, 6), 1)])
    b.add(fn, "labels", [tensor_arg("cls6", "float64", (4, 1)), tensor_arg("unit", "float32", (4, 6), 1)],
          {"ignore_class": 0})
    b.add(fn, "labels", [tensor_arg("cls6", "int64", (4,)), tensor_arg("normal", "float32", (4, 6))],
          {"ignore_class": -1, "from_logits": True})
    b.add(fn, "err", [[1, 2], [[0.05, 0.95, 0.0], [0.1, 0.8, 0.1]]])
    b.add(fn, "err", [tensor_arg("cls6", "int32", (4,)), [[0.05, 0.95, 0.0], [0.1, 0.8, 0.1]]])
    b.add(fn, "err", [tensor_arg("cls3", "int32", (2, 5)), tensor_arg("normal", "float32", (2, 3, 5))],
          {"from_logits": True, "axis": 1})
    b.add(fn, "err", [tensor_arg("cls6", "int32", (5,)), tensor_arg("normal", "float32", (4, 6))],
          {"from_logits": True})
    b.add(fn, "err", [tensor_arg("cls6", "int32", (4, 2)), tensor_arg("normal", "float32", (4, 6))])
    b.add(fn, "err", [tensor_arg("cls9", "int32", (8,)), tensor_arg("normal", "float32", (8, 6))],
          {"from_logits": True})
    b.add(fn, "err", [tensor_arg("cls6", "int32", (4,)), tensor_arg("normal", "float32", (4, 6))],
          {"ignore_class": 1, "axis": 3})

    # -- loss classes
    specs = (("CategoricalCrossentropy", "unit", (4, 6)), ("BinaryCrossentropy", "unit", (4, 5)),
             ("SparseCategoricalCrossentropy", "cls6", (4, 6)))
    for cname, lreg, shp in specs:
        fn = L + cname
        sparse = lreg.startswith("cls")
        for dt in _K_FLOATS:
            lab = A(input_key(lreg, "int32", shp[:-1])) if sparse else tensor_arg(lreg, dt, shp)
            pred = tensor_arg("unit", dt, shp, 1)
            b.add(fn, dt, [lab, pred], init={})
            b.add(fn, dt, [lab, tensor_arg("normal", dt, shp)], init={"from_logits": True})
            b.add(fn, dt, [lab, pred], init={"dtype": dt})
            b.add(fn, dt, [lab, tensor_arg("normal", dt, shp)], {"sample_weight": [1.0, 0.0, 2.5, 0.5]},
                  init={"from_logits": True, "dtype": dt, "reduction": "sum"})
        lab = A(input_key(lreg, "int32", shp[:-1])) if sparse else tensor_arg(lreg, "float32", shp)
        logits = tensor_arg("normal", "float32", shp)
        _keras_class_weighting(b, fn, lab, logits, shp)
        b.add(fn, "kw", [], {"y_true": lab, "y_pred": logits, "sample_weight": 0.5},
              init={"from_logits": True, "name": "n"})
        b.add(fn, "config", [], init={}, method="get_config")
        b.add(fn, "config", [], init={"from_logits": True, "reduction": None, "name": "x",
                                      "dtype": "float64"}, method="get_config")
        b.add(fn, "config", [], init={"reduction": "mean_with_sample_weight", "axis": 1},
              method="get_config")
        b.add(fn, "err", [lab, logits], init={"dtype": "int7"})
    fn = L + "CategoricalCrossentropy"
    b.add(fn, "extra", [tensor_arg("unit", "float32", (2, 3, 5)), tensor_arg("unit", "float32", (2, 3, 5), 1)],
          init={"axis": 1, "label_smoothing": 0.3})
    b.add(fn, "extra", [tensor_arg("unit", "float32", (0, 5)), tensor_arg("unit", "float32", (0, 5), 1)],
          init={})
    b.add(fn, "extra", [[[0, 1, 0], [0, 0, 1]], [[0.05, 0.95, 0], [0.1, 0.8, 0.1]]], init={},
          texts=["repr"])
    b.add(fn, "extra", [tensor_arg("unit", "float32", (5,)), tensor_arg("unit", "float32", (5,), 1)],
          init={"reduction": "sum"})
    fn = L + "BinaryCrossentropy"
    b.add(fn, "extra", [tensor_arg("unit", "float32", (4, 1)), tensor_arg("unit", "float32", (4,), 1)],
          init={"reduction": None})
    b.add(fn, "extra", [tensor_arg("unit", "float32", (4,)), tensor_arg("unit", "float32", (4, 1), 1)],
          init={"reduction": None})
    b.add(fn, "extra", [tensor_arg("unit", "float32", (2, 3, 4)), tensor_arg("unit", "float32", (2, 3, 4), 1)],
          {"sample_weight": tensor_arg("unit", "float32", (2, 3), 2)}, init={"axis": 1})
    fn = L + "SparseCategoricalCrossentropy"
    lab = A(input_key("cls6", "int32", (4,)))
    for red in _K_REDUCTIONS:
        for sw in (None, [1.0, 0.0, 2.5, 0.5]):
            kw = {} if sw is None else {"sample_weight": sw}
            b.add(fn, "ignore", [lab, tensor_arg("normal", "float32", (4, 6))], kw,
                  init={"from_logits": True, "ignore_class": 3, "reduction": red})
    b.add(fn, "ignore", [A(input_key("cls3", "int32", (4, 5))), tensor_arg("unit", "float32", (4, 5, 3), 1)],
          {"sample_weight": tensor_arg("unit", "float32", (4, 5), 2)}, init={"ignore_class": 0})
    b.add(fn, "ignore", [A(input_key("cls1", "int32", (4,))), tensor_arg("unit", "float32", (4, 6), 1)],
          init={"ignore_class": 0})
    b.add(fn, "err", [tensor_arg("cls6", "int32", (4,)), tensor_arg("unit", "float32", (4, 5))], init={})

    fn = L + "CategoricalCrossentropy"
    y3, p3 = [[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]], [[0.1, 0.2, 0.7], [0.5, 0.3, 0.2]]
    b.add(fn, "tree", [y3, tensor_arg("unit", "float32", (2, 3), 1)], init={})
    b.add(fn, "tree", [tensor_arg("unit", "float32", (2, 3)), p3], init={})
    b.add(fn, "tree", [[[0.0, 1.0]], p3], init={})
    b.add(fn, "tree", [T(0.0, 0.0, 1.0), [0.1, 0.2, 0.7]], init={})
    b.add(fn, "tree", [[[0, 0, 1], [1, 0, 0]], p3], {"sample_weight": [1.0, 2.0]}, init={})
    b.add(L + "SparseCategoricalCrossentropy", "tree", [[2, 0], p3], init={})
    b.add(L + "BinaryCrossentropy", "tree", [y3, p3], init={"from_logits": True, "label_smoothing": 0.1})

    # -- focal losses: configs
    for cname in ("CategoricalFocalCrossentropy", "BinaryFocalCrossentropy"):
        fn = L + cname
        b.add(fn, "config", [], init={}, method="get_config")
        b.add(fn, "config", [], init={"alpha": 0.5, "gamma": 3.0, "from_logits": True,
                                      "label_smoothing": 0.1, "reduction": "sum", "name": "f"},
              method="get_config")

    # -- focal losses: functions
    for fn, shapes in ((L + "categorical_focal_crossentropy", ((6,), (4, 6), (2, 3, 5))),
                       (L + "binary_focal_crossentropy", ((7,), (4, 5), (2, 3, 4)))):
        binary = fn.startswith(L + "binary")
        s2, s3 = shapes[1], shapes[2]
        for dt in _K_FLOATS:
            for shp in shapes:
                b.add(fn, dt, [tensor_arg("unit", dt, shp), tensor_arg("unit", dt, shp, 1)])
                b.add(fn, dt, [tensor_arg("unit", dt, shp), tensor_arg("normal", dt, shp)],
                      {"from_logits": True})
            lab3, p3, g3 = (tensor_arg("unit", dt, s3), tensor_arg("unit", dt, s3, 1),
                            tensor_arg("normal", dt, s3))
            for ax in (0, 1, -2, 2):
                b.add(fn, dt, [lab3, p3], {"axis": ax})
                b.add(fn, dt, [lab3, g3], {"from_logits": True, "axis": ax})
            b.add(fn, dt, [lab3, g3], {"from_logits": True, "axis": 1, "label_smoothing": 0.2,
                                       "gamma": 1.5})
            lab, p2 = tensor_arg("unit", dt, s2), tensor_arg("unit", dt, s2, 1)
            b.add(fn, dt, [lab, tensor_arg("special", dt, s2)])
            b.add(fn, dt, [lab, tensor_arg("special", dt, s2)], {"from_logits": True})
            b.add(fn, dt, [lab, p2], {"label_smoothing": 0.1})
            b.add(fn, dt, [lab, tensor_arg("normal", dt, s2)],
                  {"from_logits": True, "label_smoothing": 0.25})
            for kw in ({"gamma": 0.0}, {"gamma": 0.5}, {"gamma": 1.5}, {"gamma": 3},
                       {"gamma": -1.0}, {"alpha": 0.5, "gamma": 2.5}, {"alpha": 1.0}):
                b.add(fn, dt, [lab, p2], kw)
            b.add(fn, dt, [tensor_arg("unit", dt, (37, 11)), tensor_arg("normal", dt, (37, 11))],
                  {"from_logits": True, "gamma": 1.5})
            if binary:
                b.add(fn, dt, [lab, p2], {"apply_class_balancing": True})
                b.add(fn, dt, [lab, tensor_arg("normal", dt, s2)],
                      {"apply_class_balancing": True, "alpha": 0.6, "from_logits": True,
                       "gamma": 0.5})
                b.add(fn, dt, [tensor_arg("bool", "bool", s2), p2])
        for it in ("int32", "int64"):
            b.add(fn, it, [tensor_arg("cls2", it, s2), tensor_arg("unit", "float32", s2, 1)])
        if binary:
            b.add(fn, "py", [[[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]]], {"gamma": 2},
                  texts=["repr"])
            b.add(fn, "py", [[0.0, 1.0, 1.0], [0.0, 1.0, 0.5]], {"apply_class_balancing": True})
        else:
            b.add(fn, "py", [[[0, 1, 0], [0, 0, 1]], [[0.05, 0.9, 0.05], [0.1, 0.85, 0.05]]],
                  texts=["repr"])
            b.add(fn, "py", [[[0, 1, 0], [0, 0, 1]], [[0.05, 0.95, 0], [0.1, 0.8, 0.1]]],
                  {"label_smoothing": 0.2, "from_logits": True})
            b.add(fn, "py", [[[[0.0, 1.0]]], [[[0.4, 0.6]]]], {"gamma": 3})
        b.add(fn, "err", [tensor_arg("unit", "float32", s2), tensor_arg("unit", "float32", (4, 4))])
        b.add(fn, "err", [tensor_arg("unit", "float32", s2), tensor_arg("unit", "float32", s2, 1)],
              {"axis": 2})
        b.add(fn, "err", [tensor_arg("unit", "float32", s2), tensor_arg("unit", "float32", s2, 1)],
              {"axis": True})
        b.add(fn, "err", [tensor_arg("unit", "float32", s2), tensor_arg("unit", "float64", s2, 1)],
              {"label_smoothing": 0.1})

    # -- focal losses: classes
    for cname, shp in (("CategoricalFocalCrossentropy", (4, 6)), ("BinaryFocalCrossentropy", (4, 5))):
        fn = L + cname
        binary = cname.startswith("Binary")
        for dt in _K_FLOATS:
            lab, pred = tensor_arg("unit", dt, shp), tensor_arg("unit", dt, shp, 1)
            b.add(fn, dt, [lab, pred], init={})
            b.add(fn, dt, [lab, tensor_arg("normal", dt, shp)], init={"from_logits": True})
            b.add(fn, dt, [lab, pred], init={"dtype": dt, "gamma": 0.5})
            b.add(fn, dt, [lab, tensor_arg("normal", dt, shp)], {"sample_weight": [1.0, 0.0, 2.5, 0.5]},
                  init={"from_logits": True, "dtype": dt, "reduction": "sum", "gamma": 1.5})
        lab = tensor_arg("unit", "float32", shp)
        logits = tensor_arg("normal", "float32", shp)
        _keras_class_weighting(b, fn, lab, logits, shp)
        inits = [{"alpha": 0.5, "gamma": 3.0, "label_smoothing": 0.1},
                 {"gamma": 0.0, "from_logits": True}, {"alpha": 0.1, "gamma": 1.5, "axis": 0}]
        if binary:
            inits.append({"apply_class_balancing": True, "alpha": 0.4, "from_logits": True})
        for init in inits:
            b.add(fn, "init", [lab, logits], init=init)
        b.add(fn, "init", [tensor_arg("unit", "float32", (2, 3, 5)), tensor_arg("unit", "float32", (2, 3, 5), 1)],
              {"sample_weight": tensor_arg("unit", "float32", (2, 5), 2)}, init={"axis": 1})
        b.add(fn, "kw", [], {"y_true": lab, "y_pred": logits, "sample_weight": 0.5},
              init={"from_logits": True, "name": "n"})
        b.add(fn, "tree", [[[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]], [[0.1, 0.2, 0.7], [0.5, 0.3, 0.2]]],
              init={})
        b.add(fn, "err", [lab, logits], init={"dtype": "int7"})
        b.add(fn, "err", [lab, tensor_arg("unit", "float32", (4, 3))], init={})

    # -- activations / ops
    for fn in ("keras.activations.softmax", "keras.ops.softmax", "keras.activations.sigmoid",
               "keras.ops.sigmoid"):
        soft = fn.endswith("softmax")
        for dt in _K_FLOATS:
            b.add(fn, dt, [tensor_arg("normal", dt, (4, 6))])
            b.add(fn, dt, [tensor_arg("special", dt, (3, 5))])
            if soft:
                b.add(fn, dt, [tensor_arg("normal", dt, (2, 3, 5))], {"axis": 1})
        if soft:
            b.add(fn, "axis", [tensor_arg("normal", "float32", (2, 3, 5))], {"axis": None})
            b.add(fn, "axis", [tensor_arg("normal", "float32", (2, 3, 5))], {"axis": T(0, 2)})
            b.add(fn, "axis", [tensor_arg("normal", "float32", (4, 1))])
            b.add(fn, "err", [[1.0, 2.0]])
        else:
            b.add(fn, "py", [[1.0, -2.0, 0.5]])
# ======================================================================= end keras (v2)


# =========================================================================== array helpers
# one_hot, argmax/argmin, comparisons, logical ops, reshape, transpose, squeeze, expand_dims,
# shape/size/rank, range, stack, concat, fill, square, truediv/divide and matmul, as legacy
# programs use them around the losses (both references).
_ARR_FLOATS = ("float16", "float32", "float64")


def _array_helpers(b, set_name):
    v2 = b.ref == "v2"
    x = A(input_key("normal", "float32", (7, 13)))
    # -- one_hot
    for dt in ("int32", "int64"):
        b.add("one_hot", dt, [tensor_arg("cls10", dt, (6,)), 10])
        b.add("one_hot", dt, [tensor_arg("int", dt, (4, 5)), 10])
        b.add("one_hot", dt, [tensor_arg("cls10", dt, (3, 4)), 10], {"axis": 0})
        b.add("one_hot", dt, [tensor_arg("cls10", dt, (3, 4)), 10], {"axis": 1})
        b.add("one_hot", dt, [tensor_arg("cls10", dt, (6,)), 10], {"on_value": 0.9, "off_value": 0.01})
        b.add("one_hot", dt, [tensor_arg("cls10", dt, (6,)), 10], {"dtype": {"dtype": "float64"}})
        b.add("one_hot", dt, [tensor_arg("cls10", dt, (6,)), 10], {"on_value": 5})
        b.add("one_hot", dt, [tensor_arg("cls10", dt, (6,)), 10], {"dtype": {"dtype": "int32"}})
    b.add("one_hot", "py", [[0, 2, 1, 5, -1], 3])
    b.add("one_hot", "py", [3, 4])
    for bad in ([[0.0, 1.0], 3], [A(input_key("normal", "float32", (4,))), 3],
                [[0, 1], -1], [[0, 1], 3.5], [[0, 1], [3]]):
        b.add("one_hot", "err", bad)
    b.add("one_hot", "err", [A(input_key("cls10", "int32", (4,))), 3], {"axis": -2})
    b.add("one_hot", "err", [A(input_key("cls10", "int32", (4,))), 3], {"axis": 2})
    b.add("one_hot", "err", [[0, 1], 3], {"on_value": 5.0, "dtype": {"dtype": "int32"}})
    b.add("one_hot", "err", [[0, 1], 3], {"on_value": 1, "off_value": 0.0})
    # -- argmax / argmin
    dts = ("float16", "float32", "float64", "int32", "int64") + (("bfloat16",) if v2 else ())
    for fn in ("argmax", "argmin", "math.argmax", "math.argmin"):
        alias = fn.startswith("math.")
        for dt in dts if not alias else ("float32",):
            regs = ("int",) if dt in INTS else ("normal", "special")
            for reg in regs:
                for shp, ax in (((7, 13), 1), ((7, 13), 0), ((7, 13), -1), ((3, 4, 5), 2),
                                ((3, 4, 5), 1), ((37,), 0), ((1031,), 0)):
                    b.add(fn, dt, [tensor_arg(reg, dt, shp), ax])
        if alias:
            continue
        b.add(fn, "py", [x])
        b.add(fn, "py", [x, 1], {"output_type": {"dtype": "int32"}})
        b.add(fn, "py", [[[1.0, F(float("nan")), 3.0], [F(float("nan")), F(float("nan")), 1.0]], 1])
        b.add(fn, "py", [[F(float("-inf")), F(float("-inf"))], 0])
        b.add(fn, "py", [[True, False, True], 0])
        b.add(fn, "py", [[[3, 3, 1], [1, 2, 2]], 1])
        for ax in (2, -3, 1.0):
            b.add(fn, "err", [x, ax])
        b.add(fn, "err", [x, 1], {"output_type": {"dtype": "float32"}})
        b.add(fn, "err", [A(input_key("normal", "float32", (0, 3))), 0])
        b.add(fn, "py", [A(input_key("normal", "float32", (0, 3))), 1])
        b.add(fn, "err", [A(scalar_key("normal", "float32")), 0])
        if not v2:
            b.add(fn, "py", [x], {"dimension": 1})
            b.add(fn, "err", [x], {"axis": 1, "dimension": 1})
    # -- comparisons and logical ops
    for fn in ("equal", "not_equal", "less", "greater", "less_equal", "greater_equal",
               "math.equal", "math.less"):
        for dt in ("float32", "float64", "int32", "int64", "float16"):
            reg = "int" if dt in INTS else "special"
            b.add(fn, dt, [tensor_arg(reg, dt, (4, 5), 0), tensor_arg(reg, dt, (4, 5), 1)])
            b.add(fn, dt, [tensor_arg(reg, dt, (4, 5), 0), tensor_arg(reg, dt, (5,), 1)])
        b.add(fn, "py", [x, 1])
        b.add(fn, "py", [x, 0.5])
        b.add(fn, "py", [[1, 2, 3], [3, 2, 1]])
        b.add(fn, "err", [x, [1.0, 2.0]])
        b.add(fn, "err", [x, A(input_key("int", "int32", (13,)))])
    for fn in ("logical_and", "logical_or", "math.logical_and"):
        b.add(fn, "bool", [A(input_key("bool", "bool", (4, 5), 0)), A(input_key("bool", "bool", (4, 5), 1))])
        b.add(fn, "bool", [A(input_key("bool", "bool", (4, 5), 0)), A(input_key("bool", "bool", (5,), 1))])
        b.add(fn, "py", [[True, False], [True, True]])
        b.add(fn, "err", [[True], [1]])
    b.add("logical_not", "bool", [A(input_key("bool", "bool", (4, 5)))])
    b.add("logical_not", "py", [[True, False]])
    # -- accuracy as legacy programs compute it
    labels = A(input_key("cls10", "int64", (32,)))
    b.add("equal", "acc", [A(input_key("cls10", "int64", (32,), 1)), labels])
    # -- reshape / transpose / squeeze / expand_dims
    for shp in ([91], [-1], [13, 7], [-1, 7], [7, -1, 13], [1, 91, 1], T(13, 7)):
        b.add("reshape", "py", [x, shp])
    for shp in ([4, 2], [-1, 4], [-1, -1], [5], [0, -1], [-2, 91], [2.0, 3]):
        b.add("reshape", "err", [x, shp])
    for dt in ("float16", "float32", "float64", "int32", "int64", "bool"):
        reg = "bool" if dt == "bool" else "int" if dt in INTS else "normal"
        b.add("reshape", dt, [A(input_key(reg, dt, (3, 4, 5))), [-1, 5]])
        b.add("transpose", dt, [A(input_key(reg, dt, (3, 4, 5)))])
        b.add("transpose", dt, [A(input_key(reg, dt, (3, 4, 5))), [1, 0, 2]])
    for perm in ([1, 0], [0, 1], T(1, 0)):
        b.add("transpose", "py", [x, perm])
    b.add("transpose", "py", [x, [-1, 0]] if v2 else [x, [1, 0]])
    for perm in ([0, 0], [0, 2], [0], [1, 0, 2], [1.0, 0.0]):
        b.add("transpose", "err", [x, perm])
    if not v2:
        b.add("transpose", "err", [x, [-1, 0]])
    y = A(input_key("normal", "float32", (1, 7, 1)))
    for ax in (None, [0], 0, -1, [0, 2], T(2,)):
        b.add("squeeze", "py", [y] + ([] if ax is None else [ax]))
    for ax in (1, 3, -4):
        b.add("squeeze", "err", [y, ax])
    if not v2:
        b.add("squeeze", "py", [y], {"squeeze_dims": [0]})
        b.add("squeeze", "err", [y], {"axis": [0], "squeeze_dims": [0]})
    for ax in (0, 1, 2, -1, -3, [1]):
        b.add("expand_dims", "py", [x, ax])
    for ax in (3, -4, [1, 2], 1.0):
        b.add("expand_dims", "err", [x, ax])
    if not v2:
        b.add("expand_dims", "py", [x], {"dim": 1})
        b.add("expand_dims", "err", [x])
    # -- shape / size / rank
    for fn in ("shape", "size", "rank"):
        for v in (x, A(input_key("normal", "float32", (3, 0))), A(scalar_key("normal", "float32")),
                  [[1, 2, 3]], 3.0):
            b.add(fn, "py", [v])
    b.add("shape", "py", [x], {"out_type": {"dtype": "int64"}})
    b.add("size", "py", [x], {"out_type": {"dtype": "int64"}})
    b.add("shape", "err", [x], {"out_type": {"dtype": "float32"}})
    # -- range / stack / concat / fill
    for args, kw in (([5], {}), ([1, 5, 2], {}), ([5.0], {}), ([0, 1, 0.1], {}), ([10, 2, -3], {}),
                     ([5], {"dtype": {"dtype": "float64"}}), ([0.5, 3.7, 0.3], {}),
                     ([2, 7], {"dtype": {"dtype": "int64"}}), ([-1.5, 2.5, 0.25], {"dtype": {"dtype": "float16"}}),
                     ([0, 1, F(1.0 / 3)], {"dtype": {"dtype": "float64"}})):
        b.add("range", "py", args, kw)
    for args, kw in (([5, 1], {}), ([0, 5, 0], {}), ([5], {"delta": -1}), ([1.5], {"dtype": {"dtype": "int32"}}),
                     ([1.0, 0.0], {})):
        b.add("range", "err", args, kw)
    x2 = A(input_key("normal", "float32", (7, 13), 1))
    for ax in (0, 1, -1, 2):
        b.add("stack", "py", [[x, x2], ax])
        b.add("concat", "py", [[x, x2], ax if ax != 2 else -2])
    b.add("stack", "py", [[1, 2.0]])
    b.add("stack", "py", [[x, A(input_key("normal", "float64", (7, 13)))]])
    b.add("stack", "py", [[x, A(input_key("normal", "float64", (7, 13)))], 1])
    b.add("stack", "err", [[x, x2], 3])
    b.add("stack", "err", [[x, A(input_key("normal", "float32", (13,)))]])
    b.add("concat", "py", [[x], 0])
    b.add("concat", "py", [[x, A(input_key("normal", "float64", (7, 13)))], 0])
    b.add("concat", "err", [[x, x2], 2])
    b.add("concat", "err", [[x, A(input_key("normal", "float32", (13,)))], 0])
    b.add("concat", "err", [[x, A(input_key("normal", "float32", (3, 13)))], 1])
    for args in (([2, 3], 5), ([2, 3], 5.0), ([4], F(float("nan"))), (T(2), A(scalar_key("normal", "float16"))),
                 ([0, 3], 1.0)):
        b.add("fill", "py", list(args))
    b.add("fill", "err", [[-1], 1.0])
    b.add("fill", "err" if not v2 else "py", [[2], [1.0]])
    # -- square, truediv, divide
    for fn in ("square", "math.square"):
        for dt in ("float16", "float32", "float64", "int32", "int64"):
            for reg in (("int", "intbig") if dt in INTS else ("normal", "special", "large")):
                for shp in ((37,), (4, 5), (1031,)):
                    b.add(fn, dt, [tensor_arg(reg, dt, shp)])
        b.add(fn, "py", [[1.5, -2.0]])
        b.add(fn, "err", [[True, False]])
    if v2:  # TF 1.15.5's float32 Sqrt uses rsqrtps (not emulated): v2 only
        for fn in ("sqrt", "math.sqrt"):
            for dt in ("float16", "bfloat16", "float32", "float64"):
                for reg in ("positive", "wide", "special"):
                    for shp in ((37,), (4, 5), (1031,)):
                        b.add(fn, dt, [tensor_arg(reg, dt, shp)])
            b.add(fn, "py", [[4.0, 2.0, -1.0, 0.0]])
            b.add(fn, "err", [A(input_key("int", "int32", (7,)))])
    for fn in ("truediv", "divide", "math.divide"):
        b.add(fn, "py", [x, x2])
        b.add(fn, "py", [x, 2])
        b.add(fn, "py", [A(input_key("int", "int32", (7,))), A(input_key("int", "int32", (7,), 1))])
        b.add(fn, "py", [1.0, x])
    # -- matmul
    mm = [((2, 3), (3, 2)), ((1, 784), (784, 10)), ((8, 100), (100, 10)), ((32, 256), (256, 10)),
          ((64, 33), (33, 17)), ((100, 385), (385, 10)), ((4, 5), (5, 1)), ((3, 7), (7, 1)),
          ((16, 16), (16, 16)), ((1, 1), (1, 1)), ((0, 3), (3, 2)), ((2, 0), (0, 3))]
    mm += [((100, 784), (784, 10)), ((256, 1000), (1000, 100)), ((128, 64), (64, 1)),
           ((500, 784), (784, 10)), ((2, 512), (512, 2)), ((8, 385), (385, 10)),
           ((1, 1000), (1000, 100)), ((100, 384), (384, 100)), ((32, 1000), (1000, 64)),
           ((7, 100), (100, 1)), ((2, 3000), (3000, 10))]
    for i, (sa, sb) in enumerate(mm):
        b.add("matmul", "float32", [A(input_key("normal", "float32", sa, 0)),
                                    A(input_key("normal", "float32", sb, 1))])
    tr = [((5, 3), (3, 4), True, False), ((3, 5), (4, 5), False, True), ((5, 3), (4, 5), True, True),
          ((7, 100), (10, 100), False, True), ((100, 7), (100, 10), True, False)]
    tr += [((1, 100), (10, 100), False, True), ((100, 1), (100, 10), True, False),
           ((12, 784), (10, 784), False, True), ((100, 50), (1, 50), False, True),
           ((100, 7), (100, 1), True, False), ((784, 100), (10, 784), True, True)]
    for sa, sb, ta, tb in tr:
        b.add("matmul", "float32", [A(input_key("normal", "float32", sa, 0)),
                                    A(input_key("normal", "float32", sb, 1))],
              {"transpose_a": ta, "transpose_b": tb})
    b.add("matmul", "float32", [A(input_key("special", "float32", (6, 9), 0)),
                                A(input_key("special", "float32", (9, 4), 1))])
    b.add("matmul", "float32",
          [A(input_key("normal", "float32", (5, 3), 0)), A(input_key("normal", "float32", (4, 5), 1))],
          {"adjoint_a": True, "adjoint_b": True})
    for dt in ("float64", "float16", "int32", "int64"):
        reg = "int" if dt in INTS else "normal"
        for sa, sb in (((2, 3), (3, 2)), ((3, 16), (16, 5)), ((2, 100), (100, 10)), ((1, 7), (7, 3))) + (
                (((32, 100), (100, 10)), ((100, 16), (16, 3)), ((8, 33), (33, 1)), ((1, 100), (100, 10)))
                if dt == "float64" else ()):
            b.add("matmul", dt, [A(input_key(reg, dt, sa, 0)), A(input_key(reg, dt, sb, 1))])
    b.add("matmul", "py", [[[1, 2]], [[3], [4]]])
    b.add("matmul", "py", [[[1.0, 2.0], [3.0, 4.0]], [[0.5], [0.25]]])
    b.add("matmul", "py", [x, A(input_key("normal", "float64", (13, 3)))])
    b.add("matmul", "py", [A(input_key("normal", "float32", (2, 3, 4))), A(input_key("normal", "float32", (4, 5)))])
    b.add("matmul", "err", [x, x])
    b.add("matmul", "err", [A(input_key("normal", "float32", (13,))), x])
    b.add("matmul", "err", [A(input_key("normal", "float64", (13,))), A(input_key("normal", "float64", (13, 3)))])
    b.add("matmul", "err", [A(input_key("normal", "float64", (7, 13))), A(input_key("normal", "float64", (7, 13)))])
    b.add("matmul", "err", [x, A(input_key("normal", "float32", (7, 13)))], {"transpose_a": True, "adjoint_a": True})
    b.add("matmul", "err", [A(input_key("bool", "bool", (2, 3))), A(input_key("bool", "bool", (3, 2)))])
    b.add("matmul", "err", [A(input_key("normal", "float64", (2, 3))), A(input_key("normal", "float32", (3, 2)))])
