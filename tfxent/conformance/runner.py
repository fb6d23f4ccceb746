"""Run conformance cases: the TensorFlow oracles (subprocesses), tfxent (in process), the
goldens (record / load) and the check."""
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

from . import cases as _cases
from . import compare as _compare
from . import oracle as _oracle

GOLDEN_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "goldens")
ORACLE_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "oracle.py")
MAX_STORED_BYTES = 64 * 1024
# Softmax families keep smaller outputs only (the goldens stay compact): base goldens up to
# 8 KiB per output, oneDNN variant goldens up to 4 KiB; larger outputs are digests.
SOFTMAX_STORED_BYTES = 8 * 1024
VARIANT_STORED_BYTES = 4 * 1024
RECORD_COMMAND = "python -m tfxent record --tf2-python PY --tf1-python PY"
PYTHON_ENV = {"v2": "TFXENT_TF2_PYTHON", "v1": "TFXENT_TF1_PYTHON"}
TIMINGS = {}  # case id -> seconds tfxent took (last run)


def stored_limit(case):
    """Largest output (bytes) whose array a golden stores for ``case``."""
    if _cases.variant_of(case):
        return VARIANT_STORED_BYTES
    if case["fn"] in _cases.SOFTMAX_FNS:
        return SOFTMAX_STORED_BYTES
    return MAX_STORED_BYTES


ONEDNN_ENV = ("TF_ENABLE_ONEDNN_OPTS", "ONEDNN_MAX_CPU_ISA")


def golden_paths(ref, set_name="default", variant=""):
    stem = ref if set_name == "default" else "%s-%s" % (set_name, ref)
    if variant:
        stem += "-" + variant
    return (os.path.join(GOLDEN_DIR, stem + ".json"), os.path.join(GOLDEN_DIR, stem + ".npz"))


# --------------------------------------------------------------------------- profile
def profile_from_machine(machine):
    """The NumericsProfile string for a machine description recorded by the oracle."""
    from .. import _profile
    import re
    flags = set(machine.get("cpu_flags") or [])
    vendor = {"GenuineIntel": "intel", "AuthenticAMD": "amd"}.get(
        machine.get("cpu_vendor_id", ""), "unknown")
    m = re.search(r"(\d+\.\d+)", machine.get("glibc") or "")
    env = machine.get("env") or {}
    onednn = env.get("TF_ENABLE_ONEDNN_OPTS")
    prof = _profile.NumericsProfile(
        cpu_vendor=vendor,
        isa=_profile._isa_from_flags(flags),
        fma="fma" in flags,
        glibc=m.group(1) if m else "unknown",
        threads=int(machine.get("threads") or 1),
        onednn=True if onednn is None else onednn.strip().lower() not in ("0", "false"),
        max_isa=(env.get("ONEDNN_MAX_CPU_ISA") or "").strip().lower(),
    )
    return prof.to_string()


# --------------------------------------------------------------------------- variants
def units(refs):
    """[(ref, variant)]: the base golden of each ref ("" variant) and its oneDNN variants."""
    out = []
    for ref in refs:
        out.append((ref, ""))
        out += [(ref, v) for v, _, _ in _cases.variants_for(ref)]
    return out


def unit_label(ref, variant):
    return ref if not variant else "%s@%s" % (ref, variant)


def unit_cases(set_name, ref, variant):
    if variant:
        return _cases.generate_variant(set_name, ref, variant)
    return _cases.generate(set_name, (ref,))


def local_cpu_isa():
    """The best oneDNN ISA of this machine's CPU (as the oracle subprocess sees it)."""
    return _profile_mod()._isa_from_flags(set(_oracle.machine_info()["cpu_flags"]))


def _profile_mod():
    from .. import _profile
    return _profile


def variant_unavailable(variant, cpu_isa=None):
    """None when ``variant`` can run on this CPU, else the reason it cannot."""
    req = _cases.variant_requires(variant)
    if not req:
        return None
    from .._numerics import onednn
    cpu_isa = cpu_isa or local_cpu_isa()
    if onednn.mayiuse(req, cpu_isa):
        return None
    return ("this CPU (oneDNN ISA %s) lacks %s: ONEDNN_MAX_CPU_ISA=%s would not select the "
            "%s kernels" % (cpu_isa, req, _cases.variant_env(variant).get(
                "ONEDNN_MAX_CPU_ISA", "?"), req))


def variant_profile(variant, base_profile):
    """The profile string a variant golden would carry (for unavailable variants)."""
    prof = _profile_mod().NumericsProfile.from_string(base_profile)
    env = _cases.variant_env(variant)
    if "TF_ENABLE_ONEDNN_OPTS" in env:
        prof = prof.replace(onednn=env["TF_ENABLE_ONEDNN_OPTS"].strip().lower()
                            not in ("0", "false"))
    if "ONEDNN_MAX_CPU_ISA" in env:
        prof = prof.replace(max_isa=env["ONEDNN_MAX_CPU_ISA"].strip().lower())
    return prof.to_string()


# --------------------------------------------------------------------------- oracle
def _log(msg, quiet=False):
    if not quiet:
        sys.stderr.write(msg + "\n")
        sys.stderr.flush()


def run_oracle(python, ref, case_list, inputs, quiet=False, variant=""):
    """Run the oracle under ``python`` for ``ref`` (with the environment of ``variant``).
    Returns (meta, {id: result})."""
    with tempfile.TemporaryDirectory(prefix="tfxent-oracle-") as tmp:
        cpath = os.path.join(tmp, "cases.json")
        ipath = os.path.join(tmp, "inputs.npz")
        opath = os.path.join(tmp, "out.npz")
        with open(cpath, "w") as f:
            json.dump(case_list, f)
        needed = set(k for c in case_list for k in _cases.input_keys(c))
        np.savez(ipath, **dict((k, v) for k, v in inputs.items() if k in needed))
        env = dict(os.environ)
        env.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        env.pop("PYTHONPATH", None)
        label = unit_label(ref, variant)
        if variant:
            for k in ONEDNN_ENV:
                env.pop(k, None)
            env.update(_cases.variant_env(variant))
        t0 = time.time()
        _log("oracle %s: %d cases ..." % (label, len(case_list)), quiet)
        proc = subprocess.run([python, ORACLE_PATH, "--ref", ref, cpath, ipath, opath],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              cwd=tmp)
        if proc.returncode != 0 or not os.path.exists(opath):
            tail = proc.stderr.decode("utf-8", "replace")[-3000:]
            raise RuntimeError("oracle for %s failed (exit %d):\n%s" % (label, proc.returncode,
                                                                       tail))
        _log("oracle %s: done in %.1fs" % (label, time.time() - t0), quiet)
        return load_oracle_out(opath)


def load_oracle_out(path):
    with np.load(path, allow_pickle=False) as z:
        meta = json.loads(z["__meta__"].tobytes().decode("utf-8"))
        results = {}
        for rec in meta["cases"]:
            outs = [_compare.make_output(o["dtype"], z[o["key"]]) for o in rec["outputs"]]
            results[rec["id"]] = {"outputs": outs, "error": rec["error"],
                                  "texts": rec["texts"]}
    meta = dict(meta)
    del meta["cases"]
    return meta, results


# --------------------------------------------------------------------------- tfxent
def _tfxent_root(ref):
    import tfxent
    if ref == "v1":
        from tfxent.compat import v1  # noqa: F401
        return tfxent.compat.v1
    return tfxent


def _tfxent_api(root, arrays):
    import tfxent

    def dtype(name):
        d = getattr(root, name, None)
        if d is None:
            d = getattr(tfxent, name, None)
        if d is None:
            d = tfxent.as_dtype(name)
        return d

    def constant(arr, dt):
        return root.constant(arr) if dt is None else root.constant(arr, dtype=dt)

    def grad(fn, path, args, kwargs, wrt, output_gradients):
        # tfxent.gradients mirrors the forward functions (TF 1.15: tfxent.gradients.v1)
        from tfxent import gradients
        gmod = gradients.v1 if root is not tfxent else gradients
        gfn = getattr(gmod, path.split("#")[0].split(".")[-1])
        g = gfn(*args, output_gradients=output_gradients, **kwargs)
        return [getattr(g, name) for name in wrt]

    return {"arrays": arrays, "dtype": dtype, "constant": constant, "grad": grad}


def run_tfxent(case_list, inputs, profile=None, quiet=False, label="tfxent"):
    """Run the cases in this interpreter.  Returns {id: result}.  Never raises per case."""
    from .. import _profile, _convert
    old = dict(_profile._state)
    if profile is not None:
        _profile.set_profile(profile)
        _profile._state["threads"] = None  # the pinned profile's thread count rules
    results = {}
    roots = {}
    t0 = last = time.time()
    try:
        for i, case in enumerate(case_list):
            ref = case["ref"]
            try:
                if ref not in roots:
                    root = _tfxent_root(ref)
                    roots[ref] = (root, _tfxent_api(root, inputs))
                root, api = roots[ref]
                _convert.clear_scalar_cache(ref)  # as the oracle does before every case
                t_case = time.time()
                outputs, error, texts = _oracle.run_one(case, root, api)
                TIMINGS[case["id"]] = time.time() - t_case
            except Exception as e:  # noqa: BLE001 - e.g. tfxent not importable yet
                outputs, error, texts = [], {"class": type(e).__name__, "message": str(e)}, {}
            results[case["id"]] = {
                "outputs": [_compare.make_output(n, a) for n, a in outputs],
                "error": error, "texts": texts}
            now = time.time()
            if now - last > 5 and not quiet:
                _log("%s: %d/%d cases (%.0fs)" % (label, i + 1, len(case_list), now - t0))
                last = now
    finally:
        _profile._state.update(old)
    _log("%s: %d cases in %.1fs" % (label, len(case_list), time.time() - t0), quiet)
    return results


# --------------------------------------------------------------------------- goldens
def record(pythons, set_name="default", refs=_cases.REFS, quiet=False):
    """Run the oracles and write the goldens.  ``pythons``: ref -> interpreter path."""
    os.makedirs(GOLDEN_DIR, exist_ok=True)
    written = []
    base_profile = {}
    for ref, variant in units(refs):
        case_list = unit_cases(set_name, ref, variant)
        jpath, npath = golden_paths(ref, set_name, variant)
        why = variant_unavailable(variant) if variant else None
        if why and _recorded_elsewhere(jpath):
            # recorded on a CPU that has the ISA: keep it (check pins its profile anyway)
            _log("golden %s: this CPU cannot run it (%s); keeping the recorded %s" % (
                unit_label(ref, variant), why, os.path.basename(jpath)), quiet)
            written += [jpath, npath]
            continue
        if why:
            index = {
                "generated": "by `%s`; do not edit" % RECORD_COMMAND,
                "ref": ref, "set": set_name, "generator_version": _cases.GENERATOR_VERSION,
                "variant": variant, "env": _cases.variant_env(variant),
                "status": "unavailable", "reason": why,
                "profile": variant_profile(variant, base_profile[ref]),
                "inputs": {}, "cases": {}}
            _write_index(jpath, index)
            if os.path.exists(npath):
                os.remove(npath)
            written.append(jpath)
            _log("golden %s: UNAVAILABLE (%s)" % (unit_label(ref, variant), why), quiet)
            continue
        inputs = _cases.inputs_for(case_list)
        meta, results = run_oracle(pythons[ref], ref, case_list, inputs, quiet, variant)
        index = {
            "generated": "by `%s`; do not edit" % RECORD_COMMAND,
            "ref": ref, "set": set_name, "generator_version": _cases.GENERATOR_VERSION,
            "tf_version": meta["tf_version"],
            "profile": profile_from_machine(meta["machine"]),
            "libs": {"numpy": meta.get("numpy"), "ml_dtypes": meta.get("ml_dtypes")},
            "machine": {"cpu_vendor_id": meta["machine"].get("cpu_vendor_id"),
                        "cpu_model": meta["machine"].get("cpu_model"),
                        "threads": meta["machine"].get("threads")},
            "inputs": dict((k, _cases.digest(v)) for k, v in sorted(inputs.items())),
            "cases": {},
        }
        if variant:
            index["variant"] = variant
            index["env"] = _cases.variant_env(variant)
            index["status"] = "recorded"
        else:
            base_profile[ref] = index["profile"]
        blobs = {}
        for case in case_list:
            res = results[case["id"]]
            outs = []
            for o in res["outputs"]:
                entry = {"dtype": o["dtype"], "shape": o["shape"], "sha256": o["sha256"]}
                arr = o["array"]
                if arr.nbytes <= stored_limit(case):
                    member = _member(case["id"])
                    buf = blobs.setdefault(member, [])
                    entry["at"] = sum(len(b) for b in buf)
                    if arr.dtype != _storage_dtype(o["dtype"]):
                        entry["np"] = arr.dtype.str
                    buf.append(arr.tobytes())
                outs.append(entry)
            entry = {"case": _cases.case_digest(case), "inputs": _cases.input_keys(case),
                     "outputs": outs}
            if res["error"]:
                entry["error"] = res["error"]
            if res["texts"]:
                entry["texts"] = res["texts"]
            index["cases"][case["id"]] = entry
        _write_index(jpath, index)
        _write_npz_deterministic(npath, dict(
            (k, np.frombuffer(b"".join(v), dtype=np.uint8)) for k, v in blobs.items()))
        written += [jpath, npath]
        _log("golden %s: %d cases, %s %d bytes, %s %d bytes" % (
            unit_label(ref, variant), len(case_list), os.path.basename(jpath),
            os.path.getsize(jpath),
            os.path.basename(npath), os.path.getsize(npath)), quiet)
    return written


def _recorded_elsewhere(jpath):
    """An existing variant golden with recorded results (from a more capable CPU)."""
    try:
        with open(jpath) as f:
            head = f.read(4096)
    except OSError:
        return False
    return '"status":"recorded"' in head


def _write_npz_deterministic(path, arrays):
    """Compressed .npz with fixed member timestamps (byte-identical re-records)."""
    import io
    import zipfile
    from numpy.lib import format as npformat
    tmp = path + ".tmp"
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for key in sorted(arrays):
            buf = io.BytesIO()
            npformat.write_array(buf, np.ascontiguousarray(arrays[key]), allow_pickle=False)
            info = zipfile.ZipInfo(key + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, buf.getvalue(), compresslevel=9)
    os.replace(tmp, path)


def load_golden(ref, set_name="default", variant=""):
    """(index, {id: result}) -- raises FileNotFoundError when the golden is missing.
    An unavailable variant golden has ``index["status"] == "unavailable"`` and no results."""
    jpath, npath = golden_paths(ref, set_name, variant)
    with open(jpath) as f:
        index = json.load(f)
    results = {}
    if index.get("status") == "unavailable":
        return index, results
    with np.load(npath, allow_pickle=False) as z:
        blobs = dict((k, z[k]) for k in z.files)
    for cid, e in index["cases"].items():
        outs = []
        for o in e["outputs"]:
            arr = None
            if "at" in o:
                dt = np.dtype(o["np"]) if "np" in o else _storage_dtype(o["dtype"])
                n = int(np.prod(o["shape"], dtype=np.int64)) * dt.itemsize
                raw = blobs[_member(cid)][o["at"]:o["at"] + n]
                arr = np.frombuffer(raw.tobytes(), dtype=dt).reshape(o["shape"])
            outs.append({"dtype": o["dtype"], "shape": o["shape"], "sha256": o["sha256"],
                         "array": arr})
        results[cid] = {"outputs": outs, "error": e.get("error"),
                        "texts": e.get("texts") or {}}
    return index, results


def _member(case_id):
    """npz member holding a case's stored outputs: one per (function, dtype group)."""
    return "/".join(case_id.split("/")[1:3])



def _storage_dtype(name):
    if name == "bfloat16":
        return np.dtype(np.uint16)
    try:
        return np.dtype(name)
    except TypeError:
        return np.dtype(np.uint8)


def _write_index(path, index):
    """Compact JSON, one case per line (small, diffable, deterministic)."""
    def dump(v):
        return json.dumps(v, sort_keys=True, separators=(",", ":"), allow_nan=False)
    head = dict((k, v) for k, v in index.items() if k not in ("cases", "inputs"))
    lines = ["{"]
    for k in sorted(head):
        lines.append("%s:%s," % (dump(k), dump(head[k])))
    lines.append('"inputs":{')
    items = sorted(index["inputs"].items())
    lines += ["%s:%s%s" % (dump(k), dump(v), "," if i + 1 < len(items) else "")
              for i, (k, v) in enumerate(items)]
    lines.append('},"cases":{')
    items = list(index["cases"].items())
    lines += ["%s:%s%s" % (dump(k), dump(v), "," if i + 1 < len(items) else "")
              for i, (k, v) in enumerate(items)]
    lines.append("}}")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


# --------------------------------------------------------------------------- check
def _select(case_list, refs, filt):
    return [c for c in case_list if c["ref"] in refs and (not filt or filt in c["id"])]


def check_goldens(refs=_cases.REFS, set_name="default", filt=None, quiet=False,
                  variants=True):
    """Compare tfxent against the goldens (base and, with ``variants``, every oneDNN
    variant golden, each under its own pinned profile).  Returns (rows, indexes) where rows
    is a list of (case, comparison) and indexes maps a unit label ("v2", "v2@isa_avx2")
    to its golden index (``status`` "unavailable" for variants this CPU could not record)."""
    rows = []
    indexes = {}
    for ref, variant in units(refs) if variants else [(r, "") for r in refs]:
        label = unit_label(ref, variant)
        full_list = unit_cases(set_name, ref, variant)
        case_list = _select(full_list, (ref,), filt)
        try:
            index, gold = load_golden(ref, set_name, variant)
        except (OSError, ValueError, KeyError) as e:
            msg = "golden missing or unreadable (%s: %s); record it with `%s%s`" % (
                type(e).__name__, os.path.basename(golden_paths(ref, set_name, variant)[0]),
                RECORD_COMMAND, "" if set_name == "default" else " --set " + set_name)
            _log(msg, False)
            rows += [(case, _fail(msg)) for case in case_list]
            indexes[label] = {"tf_version": "?", "profile": "?", "status": "missing"}
            continue
        indexes[label] = index
        if index.get("status") == "unavailable":
            _log("%s: variant unavailable when recorded (%s); %d cases not checked" % (
                label, index.get("reason"), len(case_list)), quiet)
            indexes[label] = dict(index, unchecked=len(case_list))
            continue
        inputs = _cases.inputs_for(case_list)
        digests = dict((k, _cases.digest(v)) for k, v in inputs.items())
        runnable = []
        for case in case_list:
            g = index["cases"].get(case["id"])
            if g is None:
                rows.append((case, _fail("no golden for this case (re-record: %s)"
                                         % RECORD_COMMAND)))
            elif g["case"] != _cases.case_digest(case):
                rows.append((case, _fail("case definition changed since recording")))
            elif any(index["inputs"].get(k) != digests[k] for k in g["inputs"]):
                rows.append((case, _fail("input arrays changed since recording "
                                         "(generator change)")))
            else:
                runnable.append(case)
        generated = set(c["id"] for c in full_list)
        for cid in sorted(index["cases"]):
            if cid not in generated and (not filt or filt in cid):
                case = {"id": cid, "ref": ref, "fn": cid.split("/")[1]}
                if variant:
                    case["variant"] = variant
                rows.append((case, _fail("golden case no longer generated")))
        actual = run_tfxent(runnable, inputs, profile=index["profile"], quiet=quiet,
                            label="tfxent %s" % label)
        libs_note = _libs_note(index.get("libs"))
        for case in runnable:
            r = _compare.compare(gold[case["id"]], actual[case["id"]])
            if r["texts_identical"] is False and libs_note:
                r["detail"] += " (" + libs_note + ")"
            rows.append((case, r))
    order = {}
    for ref, variant in units(_cases.REFS):
        for c in unit_cases(set_name, ref, variant):
            order[c["id"]] = len(order)
    rows.sort(key=lambda r: (order.get(r[0]["id"], 1 << 30), r[0]["id"]))
    return rows, indexes


def _libs_note(recorded):
    """A note when the printing libraries differ from those the golden was recorded with
    (TF prints a tensor through NumPy's repr; bfloat16's comes from ml_dtypes)."""
    if not recorded:
        return ""
    local = {"numpy": np.__version__, "ml_dtypes": _oracle._ml_dtypes_version()}
    diff = ["%s %s here, %s when recorded" % (k, local.get(k), v)
            for k, v in sorted(recorded.items()) if v and local.get(k) != v]
    return "; ".join(diff + ["see scripts/constraints.txt"]) if diff else ""


def check_live(pythons, refs=_cases.REFS, set_name="default", filt=None, quiet=False,
               variants=True):
    """Run the live oracles (base and every oneDNN variant) and compare tfxent (under the
    profile each oracle process reports) to them.  Returns (rows, metas); metas maps a unit
    label to the oracle's meta, or to ``{"status": "unavailable", "reason"}``."""
    rows = []
    metas = {}
    for ref, variant in units(refs) if variants else [(r, "") for r in refs]:
        label = unit_label(ref, variant)
        case_list = _select(unit_cases(set_name, ref, variant), (ref,), filt)
        if variant and not case_list:
            continue
        why = variant_unavailable(variant) if variant else None
        if why:
            metas[label] = {"status": "unavailable", "reason": why,
                            "unchecked": len(case_list)}
            _log("live %s: variant unavailable (%s)" % (label, why), quiet)
            continue
        inputs = _cases.inputs_for(case_list)
        meta, expected = run_oracle(pythons[ref], ref, case_list, inputs, quiet, variant)
        metas[label] = meta
        actual = run_tfxent(case_list, inputs, profile=profile_from_machine(meta["machine"]),
                            quiet=quiet, label="tfxent %s (live)" % label)
        for case in case_list:
            rows.append((case, _compare.compare(expected[case["id"]], actual[case["id"]])))
    return rows, metas


def _fail(detail):
    return {"identical": False, "elements": 0, "same_elements": 0, "max_ulp": None,
            "error_case": False, "error_identical": None, "texts_identical": None,
            "detail": detail}


def pythons_from(args_tf2=None, args_tf1=None):
    out = {}
    v2 = args_tf2 or os.environ.get(PYTHON_ENV["v2"])
    v1 = args_tf1 or os.environ.get(PYTHON_ENV["v1"])
    # a relative interpreter path is taken from the current directory (the oracle itself
    # runs in a scratch directory)
    if v2:
        out["v2"] = os.path.abspath(v2) if os.sep in v2 else v2
    if v1:
        out["v1"] = os.path.abspath(v1) if os.sep in v1 else v1
    return out
