"""Conformance: every golden case must be identical (bits, dtype, shape, errors, texts).

Parametrised per (reference, function) so failures are readable.  When the environment
names TensorFlow interpreters (TFXENT_TF2_PYTHON / TFXENT_TF1_PYTHON) the live oracles run
too and tfxent is compared against them under this machine's profile.  Missing goldens are a
failure, not a skip (re-record with ``python -m tfxent record``).
"""
import os

import pytest

from tfxent.conformance import cases, runner

FAMILIES = sorted(set((c["ref"], c["fn"]) for c in cases.generate("default")),
                  key=lambda k: (cases.REFS.index(k[0]), k[1]))
LIVE_REFS = tuple(r for r in cases.REFS if os.environ.get(runner.PYTHON_ENV[r]))

_cache = {}


def _golden_rows():
    if "golden" not in _cache:
        try:
            rows, _ = runner.check_goldens(cases.REFS, "default", quiet=True)
        except Exception as e:  # noqa: BLE001 - recorded so every family reports it
            rows = e
        _cache["golden"] = rows
    return _cache["golden"]


def _live_rows(ref):
    key = "live-" + ref
    if key not in _cache:
        pythons = runner.pythons_from()
        try:
            rows, _ = runner.check_live({ref: pythons[ref]}, (ref,), "default", quiet=True)
        except Exception as e:  # noqa: BLE001
            rows = e
        _cache[key] = rows
    return _cache[key]


def _assert_identical(rows, ref, fn):
    if isinstance(rows, Exception):
        raise rows
    mine = [(c, r) for c, r in rows if c["ref"] == ref and c["fn"] == fn]
    assert mine, "no cases ran for %s %s" % (ref, fn)
    bad = ["%s: %s" % (c["id"], r["detail"]) for c, r in mine if not r["identical"]]
    assert not bad, "%d/%d cases not identical:\n  %s" % (
        len(bad), len(mine), "\n  ".join(bad[:40]) + ("\n  ..." if len(bad) > 40 else ""))


def test_goldens_present_and_current():
    for ref in cases.REFS:
        index, _ = runner.load_golden(ref)
        assert index["ref"] == ref
        assert index["generator_version"] == cases.GENERATOR_VERSION
        generated = cases.generate("default", (ref,))
        assert sorted(index["cases"]) == sorted(c["id"] for c in generated)
        inputs = cases.inputs_for(generated)
        changed = [k for k, v in inputs.items() if index["inputs"].get(k) != cases.digest(v)]
        assert not changed, "inputs changed since recording: %s" % changed[:10]


def test_importing_conformance_does_not_import_tensorflow():
    import subprocess
    import sys
    code = ("import sys, tfxent, tfxent.conformance.runner, tfxent.conformance.oracle, "
            "tfxent.__main__; print('tensorflow' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], stdout=subprocess.PIPE,
                         universal_newlines=True, check=True).stdout.strip()
    assert out == "False"


@pytest.mark.parametrize("ref,fn", FAMILIES, ids=["%s-%s" % f for f in FAMILIES])
def test_golden(ref, fn):
    _assert_identical(_golden_rows(), ref, fn)


LIVE = [f for f in FAMILIES if f[0] in LIVE_REFS]

if LIVE:  # only collected when a TensorFlow interpreter is named (never a skip)
    @pytest.mark.parametrize("ref,fn", LIVE, ids=["live-%s-%s" % f for f in LIVE])
    def test_live(ref, fn):
        _assert_identical(_live_rows(ref), ref, fn)


def test_comparator_bit_rules():
    import numpy as np
    from tfxent.conformance import compare

    def res(arr, dtype=None):
        return {"outputs": [compare.make_output(dtype or arr.dtype.name, arr)],
                "error": None, "texts": {}}

    a = np.array([np.nan, 1.0, 0.0], np.float32)
    b = np.array([-np.nan, 1.0, 0.0], np.float32)
    assert compare.compare(res(a), res(b))["identical"]          # any NaN == any NaN
    c = np.array([np.nan, 1.0, -0.0], np.float32)
    r = compare.compare(res(a), res(c))
    assert not r["identical"] and r["same_elements"] == 2        # -0 != +0
    d = np.array([np.nan, np.nextafter(np.float32(1), np.float32(2)) , 0.0], np.float32)
    assert compare.compare(res(a), res(d))["max_ulp"] == 1
    bf = np.array([0x3F80, 0x7FC1], np.uint16)                   # bfloat16 1.0, NaN
    bf2 = np.array([0x3F80, 0xFFC0], np.uint16)
    assert compare.compare(res(bf, "bfloat16"), res(bf2, "bfloat16"))["identical"]
    assert not compare.compare(res(a), res(a.astype(np.float64)))["identical"]
    e1 = {"outputs": [], "error": {"class": "ValueError", "message": "x"}, "texts": {}}
    e2 = {"outputs": [], "error": {"class": "TypeError", "message": "x"}, "texts": {}}
    assert compare.compare(e1, dict(e1))["identical"]
    assert not compare.compare(e1, e2)["identical"]
    t1 = dict(res(a), texts={"str": "A"})
    assert not compare.compare(t1, dict(res(a), texts={"str": "B"}))["identical"]


def test_cases_deterministic_and_json():
    import json
    a = cases.generate("default")
    assert json.loads(json.dumps(a, allow_nan=False)) == a
    assert cases.generate("default") == a
    k = cases.input_key("special", "float32", (37,))
    assert cases.digest(cases.make_input(k)) == cases.digest(cases.make_input(k))
