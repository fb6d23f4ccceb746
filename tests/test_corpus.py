"""Legacy programs (``tfxent/conformance/programs``): tfxent, with only the import line
changed, prints TensorFlow's stdout bytes and exits with its status. Against the recorded
outputs always; against live TensorFlow when TFXENT_TF1_PYTHON / TFXENT_TF2_PYTHON name
its interpreters."""
import os

import pytest

from tfxent.conformance import corpus, runner

PROGRAMS = corpus.programs()
EXPECTED = corpus.load_expected()
PYTHONS = runner.pythons_from(None, None)


def test_corpus_size_and_balance():
    refs = [corpus.ref_of(p) for p in PROGRAMS]
    assert refs.count("v1") >= 6 and refs.count("v2") >= 6
    assert sorted(EXPECTED["programs"]) == PROGRAMS


@pytest.mark.parametrize("name", PROGRAMS)
def test_program_golden(name):
    r = corpus.compare_program(os.path.join(corpus.PROGRAMS_DIR, name),
                               expected=EXPECTED["programs"][name], profile=EXPECTED["profile"])
    assert r["identical"], r["diff"]


if PYTHONS:   # live TensorFlow named by the environment (defined only then: no empty skips)
    @pytest.mark.parametrize("name", [p for p in PROGRAMS if corpus.ref_of(p) in PYTHONS])
    def test_program_live(name):
        r = corpus.compare_program(os.path.join(corpus.PROGRAMS_DIR, name),
                                   python=PYTHONS[corpus.ref_of(name)])
        assert r["identical"], r["diff"]


def test_import_line_replaced_once():
    src = "import numpy as np\nimport tensorflow as tf\nprint(tf)\n"
    assert corpus.to_tfxent(src, "v1") == "import numpy as np\nimport tfxent.compat.v1 as tf\nprint(tf)\n"
    assert corpus.to_tfxent(src, "v2") == "import numpy as np\nimport tfxent as tf\nprint(tf)\n"
    with pytest.raises(ValueError):
        corpus.to_tfxent("import tensorflow\n", "v2")


def test_golden_records_both_references():
    refs = EXPECTED["references"]
    assert refs["v1"]["tf"] == "1.15.5" and refs["v2"]["tf"] == "2.21.0"
