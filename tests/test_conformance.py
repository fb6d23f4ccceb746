"""Conformance: every golden case must be identical (bits, dtype, shape, errors, texts).

Parametrised per (reference, variant, function) so failures are readable; variant "base" is
the base golden of a reference, the others are the oneDNN variants of the TF 2.21 softmax
families (``cases.VARIANTS``: oneDNN off, ``ONEDNN_MAX_CPU_ISA`` caps), each checked under
the profile its golden records.  A variant the recording CPU could not run is recorded as
unavailable and reported as a skip naming the reason (its golden must still exist).

When the environment names TensorFlow interpreters (TFXENT_TF2_PYTHON / TFXENT_TF1_PYTHON)
the live oracles run too (base and every variant runnable on this CPU) and tfxent is
compared against them under the profile each oracle process reports.  Missing goldens are a
failure, not a skip (re-record with ``python -m tfxent record``).
"""
import os

import pytest

from tfxent.conformance import cases, runner

BASE = "base"


def _recorded(ref, variant):
    """Variants the recording CPU could not run (an ISA it lacks) have a golden that says so
    with the reason (checked by test_variant_golden_present); they have no cases to check,
    so they get no per-family tests rather than skipped ones."""
    try:
        index, _ = runner.load_golden(ref, "default", variant)
    except Exception:  # noqa: BLE001 - a missing golden must fail in the family tests
        return True
    return index.get("status") != "unavailable"


def _families():
    fams = set((c["ref"], BASE, c["fn"]) for c in cases.generate("default"))
    for ref, variant in runner.units(cases.REFS):
        if variant and _recorded(ref, variant):
            fams |= set((ref, variant, c["fn"])
                        for c in cases.generate_variant("default", ref, variant))
    vorder = [BASE] + [v for v, _, _ in cases.VARIANTS]
    return sorted(fams, key=lambda k: (cases.REFS.index(k[0]), vorder.index(k[1]), k[2]))


FAMILIES = _families()
FAMILY_IDS = ["%s-%s-%s" % f for f in FAMILIES]
LIVE_REFS = tuple(r for r in cases.REFS if os.environ.get(runner.PYTHON_ENV[r]))

_cache = {}


def _golden_rows():
    if "golden" not in _cache:
        try:
            _cache["golden"] = runner.check_goldens(cases.REFS, "default", quiet=True)
        except Exception as e:  # noqa: BLE001 - recorded so every family reports it
            _cache["golden"] = e
    return _cache["golden"]


def _live_rows(ref):
    key = "live-" + ref
    if key not in _cache:
        pythons = runner.pythons_from()
        try:
            _cache[key] = runner.check_live({ref: pythons[ref]}, (ref,), "default",
                                            quiet=True)
        except Exception as e:  # noqa: BLE001
            _cache[key] = e
    return _cache[key]


def _skip_if_unavailable(units, ref, variant):
    if variant == BASE:
        return
    u = units.get(runner.unit_label(ref, variant)) or {}
    if u.get("status") == "unavailable":
        pytest.skip("variant %s unavailable: %s (%s cases not checked)" % (
            variant, u.get("reason"), u.get("unchecked", "?")))


def _assert_identical(result, ref, variant, fn):
    if isinstance(result, Exception):
        raise result
    rows, units = result
    _skip_if_unavailable(units, ref, variant)
    var = "" if variant == BASE else variant
    mine = [(c, r) for c, r in rows
            if c["ref"] == ref and cases.variant_of(c) == var and c["fn"] == fn]
    assert mine, "no cases ran for %s %s %s" % (ref, variant, fn)
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


@pytest.mark.parametrize("ref,variant", [u for u in runner.units(cases.REFS) if u[1]],
                         ids=["%s-%s" % u for u in runner.units(cases.REFS) if u[1]])
def test_variant_golden_present(ref, variant):
    """Every variant has a golden: recorded (current, with its env and pinned profile) or
    explicitly unavailable with the reason."""
    from tfxent import _profile
    index, _ = runner.load_golden(ref, "default", variant)
    assert index["ref"] == ref and index["variant"] == variant
    assert index["env"] == cases.variant_env(variant)
    prof = _profile.NumericsProfile.from_string(index["profile"])
    env = index["env"]
    if "TF_ENABLE_ONEDNN_OPTS" in env:
        assert prof.onednn is False
    if "ONEDNN_MAX_CPU_ISA" in env:
        assert prof.max_isa == env["ONEDNN_MAX_CPU_ISA"].lower()
    if index["status"] == "unavailable":
        assert index["reason"] and not index["cases"]
        return
    assert index["status"] == "recorded"
    assert index["generator_version"] == cases.GENERATOR_VERSION
    generated = cases.generate_variant("default", ref, variant)
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


@pytest.mark.parametrize("ref,variant,fn", FAMILIES, ids=FAMILY_IDS)
def test_golden(ref, variant, fn):
    _assert_identical(_golden_rows(), ref, variant, fn)


LIVE = [f for f in FAMILIES if f[0] in LIVE_REFS]

if LIVE:  # only collected when a TensorFlow interpreter is named (never a skip)
    @pytest.mark.parametrize("ref,variant,fn", LIVE, ids=["live-%s-%s-%s" % f for f in LIVE])
    def test_live(ref, variant, fn):
        _assert_identical(_live_rows(ref), ref, variant, fn)


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
