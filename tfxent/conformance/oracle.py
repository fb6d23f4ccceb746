"""Oracle recorder: runs conformance cases under real TensorFlow and records the results.

Run it by file path under any Python >= 3.7 that has TensorFlow::

    python oracle.py --ref v2 cases.json inputs.npz out.npz
    python oracle.py --ref v1 cases.json inputs.npz out.npz

``--ref v2`` resolves case functions under ``tf``; ``--ref v1`` enables eager execution and
resolves them under ``tf.compat.v1``.

This file imports only the standard library, numpy and (inside ``main`` only) tensorflow;
it must stay Python-3.7 / numpy-1.18 compatible.  The helpers above ``main`` (argument
decoding, output normalisation, machine description) are shared with the tfxent side of the
conformance runner, so both sides interpret a case identically.

Output ``out.npz``: arrays ``o<case>_<output>`` plus ``__meta__`` (UTF-8 JSON as uint8):
``{"tf_version", "ref", "machine", "cases": [{"id", "outputs": [{"key", "dtype", "shape"}],
"error": null | {"class", "message"}, "texts": {"str": ..., "repr": ...}}]}``.
"""
import json
import os
import sys

if __name__ == "__main__":
    # Run by path, sys.path[0] is this package's directory: drop it so that sibling
    # modules (cases, compare, report, runner) can never shadow what TensorFlow imports.
    _here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _here]

import numpy as np  # noqa: E402

__all__ = ["decode_arg", "call_case", "normalize_outputs", "machine_info", "main"]

_FLOAT_TEXT = {"nan": float("nan"), "inf": float("inf"), "-inf": float("-inf"),
               "-0.0": -0.0}


# --------------------------------------------------------------------------- arguments
def decode_float(text):
    if text in _FLOAT_TEXT:
        return _FLOAT_TEXT[text]
    return float(text)


def decode_arg(arg, api):
    """Turn a JSON case argument into a Python / numpy / tensor value.

    ``api`` provides: ``arrays`` (key -> ndarray), ``constant(ndarray, dtype)``,
    ``dtype(name)``.
    """
    if isinstance(arg, list):
        return [decode_arg(a, api) for a in arg]
    if isinstance(arg, dict):
        if "array" in arg:
            return _input(api, arg["array"])
        if "constant" in arg:
            spec = arg["constant"]
            dt = spec.get("dtype")
            return api["constant"](_input(api, spec["array"]),
                                   api["dtype"](dt) if dt else None)
        if "dtype" in arg:
            return api["dtype"](arg["dtype"])
        if "float" in arg:
            return decode_float(arg["float"])
        if "tuple" in arg:
            return tuple(decode_arg(a, api) for a in arg["tuple"])
        raise ValueError("bad case argument %r" % (arg,))
    return arg


class MissingInput(Exception):
    """A case names an input array the run was not given: a harness fault, never a result
    (``run_one`` lets it through instead of recording it as the case's error)."""


def _input(api, key):
    try:
        return api["arrays"][key]
    except KeyError:
        raise MissingInput("input array %r was not provided (cases.input_keys must list every "
                           "array a case names)" % (key,))


def resolve(root, dotted):
    obj = root
    for part in dotted.split("#")[0].split("."):
        obj = getattr(obj, part)
    return obj


def call_case(case, root, api):
    """Resolve ``case['fn']`` under ``root`` and call it with the decoded arguments.

    Two optional keys change what is called:

    * ``"init": {...}`` -- ``fn`` is a class: ``obj = fn(**init)``, then ``obj(*args,
      **kwargs)``, or ``getattr(obj, case["method"])(*args, **kwargs)`` when the case
      names a method (e.g. ``get_config``).
    * ``"grad": {"wrt": [name, ...], "output_gradients": arg | None}`` -- the gradients of
      ``fn``'s result with respect to the keyword arguments named in ``wrt``:
      ``api["grad"](fn, case["fn"], args, kwargs, wrt, output_gradients)`` (TF: a
      ``GradientTape`` watching those arguments; tfxent: ``tfxent.gradients``).  The
      result is the list of gradients (``None`` where TF returns none).
    """
    fn = resolve(root, case["fn"])
    args = [decode_arg(a, api) for a in case.get("args", [])]
    kwargs = dict((k, decode_arg(v, api)) for k, v in sorted(case.get("kwargs", {}).items()))
    if "init" in case:
        init = dict((k, decode_arg(v, api)) for k, v in sorted(case["init"].items()))
        obj = fn(**init)
        target = getattr(obj, case["method"]) if case.get("method") else obj
        return target(*args, **kwargs)
    if "grad" in case:
        g = case["grad"]
        og = g.get("output_gradients")
        og = None if og is None else decode_arg(og, api)
        return GradientList(api["grad"](fn, case["fn"], args, kwargs, list(g["wrt"]), og))
    return fn(*args, **kwargs)


class GradientList(list):
    """The gradients a ``grad`` case returns (items may be ``None``)."""


# --------------------------------------------------------------------------- outputs
def _bf16_bits(arr):
    arr = np.asarray(arr)
    if arr.dtype.itemsize == 2:
        return _contiguous(arr).view(np.uint16)
    if arr.dtype == np.float32:
        return (_contiguous(arr).view(np.uint32) >> 16).astype(np.uint16)
    raise TypeError("cannot read bfloat16 bits from %s" % arr.dtype)


def _contiguous(arr):
    """C-contiguous (copied only when needed), a 0-d array kept 0-d (``ascontiguousarray``
    would make it shape (1,), hiding a rank-0 vs rank-1 difference)."""
    arr = np.asarray(arr)
    return arr if arr.flags.c_contiguous else arr.copy(order="C")


def _is_tensorlike(x):
    return hasattr(x, "numpy") and hasattr(x, "dtype")


def _dtype_name(dt):
    name = getattr(dt, "name", None)
    if isinstance(name, str):
        return name
    return str(dt)


def one_output(x):
    """(dtype_name, contiguous ndarray of the bits) for one result value."""
    if _is_tensorlike(x):
        name = _dtype_name(x.dtype)
        arr = x.numpy()
    else:
        arr = np.asarray(x)
        name = arr.dtype.name
    arr = np.asarray(arr)
    if name == "bfloat16":
        arr = _bf16_bits(arr)
    elif arr.dtype.kind == "V" or arr.dtype.name not in (
            "float16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8",
            "uint16", "uint32", "uint64", "bool", "complex64", "complex128"):
        # unknown numpy extension type: keep the bits
        arr = _contiguous(arr).view("u%d" % arr.dtype.itemsize) \
            if arr.dtype.itemsize in (1, 2, 4, 8) else np.asarray(arr, dtype=object).astype(str)
    return name, _contiguous(arr)


def normalize_outputs(result):
    """A result (tensor, tuple/namedtuple/list of tensors, python value) -> [(dtype, arr)].
    A gradient list's ``None`` items become ``("None", empty uint8 array)``."""
    if isinstance(result, GradientList):
        return [("None", np.zeros(0, np.uint8)) if r is None else one_output(r)
                for r in result]
    if isinstance(result, (tuple, list)) and result and all(_is_tensorlike(r) for r in result):
        return [one_output(r) for r in result]
    return [one_output(result)]


def _json_text(value):
    """Canonical text of a non-tensor result (e.g. a ``get_config()`` dict)."""
    return json.dumps(value, sort_keys=True, default=repr, allow_nan=True)


def run_one(case, root, api):
    """Run one case; returns (outputs, error, texts).  A dict result (``get_config()``)
    has no outputs and its canonical JSON as the text ``value``."""
    try:
        result = call_case(case, root, api)
        if isinstance(result, dict):
            return [], None, {"value": _json_text(result)}
        outputs = normalize_outputs(result)
        texts = {}
        for kind in case.get("texts", []):
            texts[kind] = str(result) if kind == "str" else repr(result)
        return outputs, None, texts
    except MissingInput:
        raise
    except Exception as e:  # noqa: BLE001 - the error itself is the result
        return [], {"class": type(e).__name__, "message": str(e)}, {}


# --------------------------------------------------------------------------- machine
def machine_info():
    """What the process sees of the machine (mapped to a NumericsProfile by tfxent)."""
    vendor, flags, model = "", [], ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("vendor_id") and not vendor:
                    vendor = line.split(":", 1)[1].strip()
                elif line.startswith("model name") and not model:
                    model = line.split(":", 1)[1].strip()
                elif line.startswith("flags") and not flags:
                    flags = sorted(line.split(":", 1)[1].split())
    except (IOError, OSError):
        pass
    try:
        threads = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        threads = os.cpu_count() or 1
    try:
        glibc = os.confstr("CS_GNU_LIBC_VERSION") or ""
    except (ValueError, OSError, AttributeError):
        glibc = ""
    return {
        "cpu_vendor_id": vendor,
        "cpu_model": model,
        "cpu_flags": flags,
        "threads": threads,
        "cpu_count": os.cpu_count(),
        "glibc": glibc,
        "env": dict((k, os.environ[k]) for k in sorted(os.environ)
                    if k in ("TF_ENABLE_ONEDNN_OPTS", "ONEDNN_MAX_CPU_ISA",
                             "OMP_NUM_THREADS", "TF_NUM_INTRAOP_THREADS")),
    }


def _ml_dtypes_version():
    try:
        import ml_dtypes
        return ml_dtypes.__version__
    except ImportError:
        return None


# --------------------------------------------------------------------------- main
def _tf_api(tf, root, arrays):
    def dtype(name):
        return tf.as_dtype(name)

    def constant(arr, dt):
        return root.constant(arr) if dt is None else root.constant(arr, dtype=dt)

    def grad(fn, path, args, kwargs, wrt, output_gradients):
        kwargs = dict(kwargs)
        sources = []
        for name in wrt:
            v = kwargs[name]
            if not _is_tensorlike(v):
                v = root.convert_to_tensor(v)
            kwargs[name] = v
            sources.append(v)
        with tf.GradientTape() as tape:
            for v in sources:
                tape.watch(v)
            y = fn(*args, **kwargs)
        return tape.gradient(y, sources, output_gradients=output_gradients)

    return {"arrays": arrays, "dtype": dtype, "constant": constant, "grad": grad}


def _scalar_cache_clearer():
    """TF's own ``TFE_ClearScalarCache`` (TF 2.x: pywrap_tfe; TF 1.15: pywrap_tensorflow)."""
    try:
        from tensorflow.python import pywrap_tfe as mod  # TF 2.x
    except ImportError:
        from tensorflow.python import pywrap_tensorflow as mod  # TF 1.15
    return mod.TFE_ClearScalarCache


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    ref = "v2"
    if "--ref" in argv:
        i = argv.index("--ref")
        ref = argv[i + 1]
        del argv[i:i + 2]
    if ref not in ("v1", "v2") or len(argv) != 3:
        sys.stderr.write("usage: oracle.py --ref v1|v2 cases.json inputs.npz out.npz\n")
        return 2
    cases_path, inputs_path, out_path = argv

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as tf  # noqa: E402 - only the oracle process imports TensorFlow
    try:
        tf.get_logger().setLevel("ERROR")
    except Exception:  # noqa: BLE001
        pass
    if ref == "v1":
        tf.compat.v1.enable_eager_execution()
        root = tf.compat.v1
    else:
        root = tf

    with open(cases_path) as f:
        cases = json.load(f)
    with np.load(inputs_path, allow_pickle=False) as z:
        arrays = dict((k, z[k]) for k in z.files)
    api = _tf_api(tf, root, arrays)

    clear_cache = _scalar_cache_clearer()
    store = {}
    records = []
    for ci, case in enumerate(cases):
        # Each case starts from an empty eager scalar cache, as in a fresh process (the
        # cache makes a Python -0.0 / 0.0 depend on which zero the process converted first).
        clear_cache()
        outputs, error, texts = run_one(case, root, api)
        outs = []
        for oi, (name, arr) in enumerate(outputs):
            key = "o%d_%d" % (ci, oi)
            store[key] = arr
            outs.append({"key": key, "dtype": name, "shape": list(arr.shape)})
        records.append({"id": case["id"], "outputs": outs, "error": error, "texts": texts})

    meta = {"tf_version": tf.__version__, "ref": ref, "machine": machine_info(),
            "python": "%d.%d" % sys.version_info[:2], "numpy": np.__version__,
            "ml_dtypes": _ml_dtypes_version(),
            "cases": records}
    blob = json.dumps(meta, sort_keys=True, allow_nan=False).encode("utf-8")
    store["__meta__"] = np.frombuffer(blob, dtype=np.uint8)
    tmp = out_path + ".tmp.npz"
    np.savez(tmp, **store)
    os.replace(tmp, out_path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
