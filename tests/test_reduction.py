"""Bit-exact tests of tfxent._kernels.reduction (digests recorded from TF 2.21.0 / 1.15.5 eager,
2 intra-op threads)."""
import hashlib
import numpy as np
import pytest

from tfxent import errors
from tfxent._profile import ExecContext, current
from tfxent._kernels.reduction import reduce


def _ctx(ref, threads=2):
    return ExecContext(ref, current().replace(threads=threads), False)


def make(dt, shape, kind, seed):
    rng = np.random.default_rng(seed)
    n = int(np.prod(shape))
    v = rng.standard_normal(n) * 3
    if kind == "special":
        r = rng.random(n)
        v[r < 0.05] = np.nan
        v[(r >= 0.05) & (r < 0.1)] = np.inf
        v[(r >= 0.1) & (r < 0.15)] = -np.inf
        v[(r >= 0.35) & (r < 0.45)] = -0.0
    return v.astype(dt).reshape(shape)


CASES = [
    ("Sum", "float32", (7, 37), [1], "normal", 1),
    ("Sum", "float32", (3, 20001), [1], "normal", 2),
    ("Sum", "float32", (300001,), [0], "normal", 3),
    ("Sum", "float32", (20, 37), [0], "normal", 4),
    ("Sum", "float32", (9, 37), [0], "normal", 5),
    ("Sum", "float32", (5, 6, 7), [0, 2], "normal", 6),
    ("Sum", "float32", (4, 20, 13), [1], "normal", 7),
    ("Sum", "float32", (5, 6, 7, 9), [1, 3], "normal", 8),
    ("Mean", "float32", (7, 37), [1], "normal", 9),
    ("Mean", "float32", (200000,), [0], "normal", 10),
    ("Max", "float32", (7, 37), [1], "special", 11),
    ("Max", "float32", (20, 37), [0], "special", 12),
    ("Sum", "float64", (5, 9001), [1], "normal", 13),
    ("Sum", "float16", (3, 2001), [1], "normal", 14),
    ("Mean", "float16", (40, 37), [0], "normal", 15),
]
DIGESTS = {
    "v1": ["bf4cbbdcd3840026", "4d896ba4551ec6fc", "0c8a797534d6f87a", "8a42925234581d53",
           "72e30b308eb30fce", "f5007692f24597e1", "498169482d0448a1", "d7de1ce22e0884ad",
           "e0398fd5d604410d", "0141d05761bf09a4", "61f5a19bd3bbc7bd", "3d89a0275cdeed9e",
           "5fe2db1034bd3c02", "f54972479607eb5a", "4b6dc112f7112653"],
    "v2": ["bf4cbbdcd3840026", "a4e968a43abcf739", "6b69619e490539d9", "37f3157786589ab8",
           "72e30b308eb30fce", "f5007692f24597e1", "f4a4c2fbb4349c85", "d7de1ce22e0884ad",
           "e0398fd5d604410d", "7c68f1c516c6f69a", "13d0291031375975", "5359d0e88c30de06",
           "6e49ca71e8c81b16", "5162c969722b7742", "cdbab2a7930786f4"],
}


@pytest.mark.parametrize("ref", ["v1", "v2"])
@pytest.mark.parametrize("i", range(len(CASES)))
def test_digests(ref, i):
    op, dt, shp, ax, kind, seed = CASES[i]
    x = make(dt, shp, kind, seed)
    x0 = x.copy()
    r = np.ascontiguousarray(reduce(_ctx(ref), op, x, ax))
    assert hashlib.sha256(r.tobytes()).hexdigest()[:16] == DIGESTS[ref][i]
    assert x.tobytes() == x0.tobytes()


def _bits(v):
    return np.asarray(v, np.float32).view(np.uint32).item()


def test_max_nan_and_zeros():
    f = np.float32
    # TF 2.21: MaxReducer<T, PropagateNaN>; TF 1.15: NaN ignored
    assert np.isnan(reduce(_ctx("v2"), "Max", np.array([1, np.nan, 2], f), [0]))
    assert reduce(_ctx("v1"), "Max", np.array([1, np.nan, 2], f), [0]) == 2
    assert _bits(reduce(_ctx("v1"), "Max", np.array([np.nan] * 3, f), [0])) == 0xff800000
    z = np.array([-0.0] + [0.0] + [-0.0] * 6, f)
    assert _bits(reduce(_ctx("v2"), "Max", z, [0])) == 0x80000000
    assert _bits(reduce(_ctx("v1"), "Max", z, [0])) == 0x80000000
    t = np.array([-1.0] * 8 + [-0.0, 0.0], f)
    assert _bits(reduce(_ctx("v2"), "Max", t, [0])) == 0x00000000
    assert _bits(reduce(_ctx("v1"), "Max", t, [0])) == 0x80000000
    s = np.array([1e-40, 2e-40, 3e-40, -1e-40, 0.5e-40, 1e-40, 1e-40, 1e-40], f)
    assert _bits(reduce(_ctx("v2"), "Max", s, [0])) == 0        # DAZ on packets
    assert _bits(reduce(_ctx("v1"), "Max", s, [0])) == 0x00034447  # eager 1.15: no FTZ


def test_int_mean():
    x = np.array([[2 ** 30] * 3], np.int32)
    assert reduce(_ctx("v2"), "Mean", x, [0, 1]) == 2 ** 30
    assert reduce(_ctx("v1"), "Mean", x, [0, 1]) == -357913941
    assert reduce(_ctx("v2"), "Mean", np.array([-7, 0], np.int32), [0]) == -3


def test_empty_and_trivial():
    m = reduce(_ctx("v2"), "Mean", np.zeros((0, 3), np.float32), [0])
    assert m.shape == (3,) and np.isnan(m).all()
    assert (reduce(_ctx("v2"), "Max", np.zeros((0, 3), np.float32), [0]) == -np.inf).all()
    assert reduce(_ctx("v1"), "Mean", np.zeros((0,), np.int32), [0]) == 0
    x = np.array([np.nan], np.float32)
    assert np.isnan(reduce(_ctx("v1"), "Max", x, [0]))  # all dims 1: copy
    y = np.ones((2, 3), np.float32)
    assert reduce(_ctx("v2"), "Sum", y, [], keepdims=False).shape == (2, 3)
    assert reduce(_ctx("v2"), "Sum", y, [1], keepdims=True).shape == (2, 1)


def test_errors():
    y = np.ones((2, 3), np.float32)
    for ref in ("v1", "v2"):
        with pytest.raises(errors.KernelError) as e:
            reduce(_ctx(ref), "Sum", y, [2])
        assert e.value.message == "Invalid reduction dimension (2 for input with 2 dimension(s)"
        assert e.value.cls is errors.InvalidArgumentError
        with pytest.raises(errors.KernelError) as e:
            reduce(_ctx(ref), "Sum", y, [-3])
        assert e.value.message == "Invalid reduction dimension (-3 for input with 2 dimension(s)"
    with pytest.raises(errors.KernelError) as e:
        reduce(_ctx("v2"), "Sum", y, [1, -1])
    assert e.value.message == "Invalid reduction arguments: Axes contains duplicate dimension: 1"
    assert (reduce(_ctx("v1"), "Sum", y, [1, 1]) == 3).all()
