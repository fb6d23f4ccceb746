"""Legacy programs, run unchanged: TensorFlow's stdout and exit status against tfxent's.

A program is a Python file whose import line is ``import tensorflow as tf``. Its name says
which TensorFlow it was written for: ``tf1_*.py`` runs under TF 1.15.5 (graph mode,
``tf.Session``) and, for tfxent, with that line replaced by ``import tfxent.compat.v1 as
tf``; ``tf2_*.py`` runs under TF 2.21 and with ``import tfxent as tf``. Nothing else in the
program changes. Both runs must print the same bytes on stdout and exit with the same status
(stderr, where TensorFlow logs, is not compared).

The corpus shipped with tfxent lives in ``programs/``; what TensorFlow printed for each is
recorded in ``programs/expected.json`` (with the TF and NumPy versions and the numerics
profile of the recording machine, which the tfxent run is pinned to). Users can run their
own programs through :func:`compare_program` (or ``python -m tfxent corpus FILE ...``).
"""
import json
import os
import re
import subprocess
import sys
import tempfile

PROGRAMS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "programs")
EXPECTED = os.path.join(PROGRAMS_DIR, "expected.json")
IMPORT_RE = re.compile(r"^import tensorflow as tf[ \t]*$", re.M)
TFXENT_IMPORT = {"v1": "import tfxent.compat.v1 as tf", "v2": "import tfxent as tf"}
TIMEOUT = 600


def programs(directory=PROGRAMS_DIR):
    """The corpus: sorted file names ``tf1_*.py`` / ``tf2_*.py``."""
    return sorted(f for f in os.listdir(directory)
                  if re.match(r"tf[12]_.*\.py$", f))


def ref_of(name):
    """"v1" for a TF 1.x program (``tf1_*``), "v2" for a TF 2 one; else from its text."""
    base = os.path.basename(name)
    if base.startswith("tf1_"):
        return "v1"
    if base.startswith("tf2_"):
        return "v2"
    raise ValueError("cannot tell which TensorFlow %r was written for: name it tf1_*.py or "
                     "tf2_*.py" % name)


def to_tfxent(source, ref):
    """The program with its ``import tensorflow as tf`` line replaced (exactly one)."""
    if len(IMPORT_RE.findall(source)) != 1:
        raise ValueError("a corpus program has exactly one line 'import tensorflow as tf'")
    return IMPORT_RE.sub(TFXENT_IMPORT[ref], source)


def _env(extra=None):
    env = dict(os.environ)
    env.update({"PYTHONHASHSEED": "0", "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONIOENCODING": "utf-8",
                "PYTHONDONTWRITEBYTECODE": "1", "CUDA_VISIBLE_DEVICES": ""})
    env.pop("PYTHONSTARTUP", None)
    if extra:
        env.update(extra)
    return env


def run_source(source, filename, python, env=None):
    """Run ``source`` as ``filename`` in a fresh directory: (stdout text, exit status)."""
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, filename)
        with open(path, "w") as f:
            f.write(source)
        p = subprocess.run([python, filename], cwd=d, env=_env(env), stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=TIMEOUT)
    return p.stdout.decode("utf-8", "replace"), p.returncode, p.stderr.decode("utf-8", "replace")


def _tfxent_env(profile=None):
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env = {"PYTHONPATH": root + os.pathsep + os.environ.get("PYTHONPATH", "")}
    if profile:
        env["TFXENT_PROFILE"] = profile
    return env


def run_tfxent(path, profile=None):
    """Run a program with tfxent in place of TensorFlow (this interpreter)."""
    with open(path) as f:
        source = f.read()
    ref = ref_of(path)
    return run_source(to_tfxent(source, ref), os.path.basename(path), sys.executable,
                      _tfxent_env(profile))


def run_tensorflow(path, python):
    """Run a program unchanged under a TensorFlow interpreter."""
    with open(path) as f:
        source = f.read()
    return run_source(source, os.path.basename(path), python)


def _versions(python):
    code = ("import json, numpy, tensorflow as tf; "
            "print(json.dumps({'tf': tf.__version__, 'numpy': numpy.__version__}))")
    p = subprocess.run([python, "-c", code], env=_env(), stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=TIMEOUT)
    return json.loads(p.stdout.decode().strip().splitlines()[-1])


def record(pythons, directory=PROGRAMS_DIR, quiet=False):
    """Run every program under its TensorFlow and write ``expected.json``."""
    from .. import _profile
    out = {"profile": _profile.current().to_string(), "references": {}, "programs": {}}
    for ref, py in sorted(pythons.items()):
        out["references"][ref] = _versions(py)
    for name in programs(directory):
        ref = ref_of(name)
        if ref not in pythons:
            raise RuntimeError("no TensorFlow interpreter for %s programs" % ref)
        stdout, status, _ = run_tensorflow(os.path.join(directory, name), pythons[ref])
        out["programs"][name] = {"ref": ref, "exit": status, "stdout": stdout}
        if not quiet:
            print("recorded %s (exit %d, %d lines)" % (name, status, stdout.count("\n")))
    path = os.path.join(directory, "expected.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")
    return path


def load_expected(directory=PROGRAMS_DIR):
    with open(os.path.join(directory, "expected.json")) as f:
        return json.load(f)


def _diff(a, b):
    import difflib
    return "".join(difflib.unified_diff(a.splitlines(True), b.splitlines(True),
                                        "tensorflow", "tfxent", n=1))


def compare_program(path, python=None, expected=None, profile=None):
    """One program: TensorFlow's (stdout, status) — live from ``python`` or ``expected`` —
    against tfxent's. Returns a dict: name, ref, source, identical, diff, exits."""
    ref = ref_of(path)
    if python is not None:
        tf_out, tf_status, tf_err = run_tensorflow(path, python)
        source = "live"
    else:
        tf_out, tf_status, tf_err = expected["stdout"], expected["exit"], ""
        source = "golden"
    tx_out, tx_status, tx_err = run_tfxent(path, profile=profile)
    same = tf_out == tx_out and tf_status == tx_status
    diff = "" if same else _diff(tf_out, tx_out) + (
        "exit status: tensorflow %d, tfxent %d\n" % (tf_status, tx_status)
        if tf_status != tx_status else "") + (
        "tfxent stderr (tail):\n" + "".join(tx_err.splitlines(True)[-8:]) if tx_status else "")
    return {"name": os.path.basename(path), "ref": ref, "source": source, "identical": same,
            "diff": diff, "exit": (tf_status, tx_status)}


def check(pythons=None, directory=PROGRAMS_DIR, quiet=True):
    """The corpus against the recorded outputs, and against live TensorFlow for the
    references in ``pythons``. Returns the list of result dicts."""
    results = []
    exp = load_expected(directory)
    for name in programs(directory):
        path = os.path.join(directory, name)
        if name not in exp["programs"]:
            results.append({"name": name, "ref": ref_of(name), "source": "golden",
                            "identical": False, "diff": "no recorded output (record it)",
                            "exit": (None, None)})
        else:
            results.append(compare_program(path, expected=exp["programs"][name],
                                           profile=exp.get("profile")))
        if pythons and ref_of(name) in pythons:
            results.append(compare_program(path, python=pythons[ref_of(name)]))
        if not quiet:
            r = results[-1]
            print("%-40s %s" % (name, "identical" if r["identical"] else "DIFFERS"))
    return results
