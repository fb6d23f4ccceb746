"""Exact-bytes tests of the SoftmaxCrossEntropyWithLogits / SparseSoftmaxCrossEntropyWithLogits
kernels (``tfxent/_kernels/xent.py``, ``sparse_xent.py``).

Digests are sha256(loss bytes + backprop bytes, every NaN canonicalised) of the reference outputs (TF 2.21.0 with
oneDNN on and off, identical; TF 1.15.5 eager, 2 intra-op threads) for the deterministic
inputs built by ``make``. bfloat16 arrays are handled as uint16 bit patterns.
"""
import hashlib

import numpy as np
import pytest

from tfxent._profile import ExecContext, NumericsProfile
from tfxent._kernels.xent import softmax_xent
from tfxent._kernels.sparse_xent import sparse_softmax_xent
from tfxent.errors import KernelError, InvalidArgumentError, InternalError

try:
    import ml_dtypes
except ImportError:  # pragma: no cover
    ml_dtypes = None

CASES = [
    # (op, shape, values, labels, seed)
    ("dense", (3, 5), "special", "soft", 1),
    ("dense", (129, 64), "spread", "soft", 2),
    ("dense", (300, 50), "special", "row", 3),
    ("dense", (7, 9001), "spread", "onehot", 4),
    ("dense", (2, 20000), "normal", "soft", 5),
    ("dense", (1000, 37), "normal", "row", 6),
    ("sparse", (3, 5), "special", "int32", 7),
    ("sparse", (129, 64), "spread", "int64", 8),
    ("sparse", (7, 9001), "special", "int32", 9),
]
DTYPES = ["float16", "bfloat16", "float32", "float64"]


def _to_bf16_bits(a):
    return (np.asarray(a, dtype=np.float32).view(np.uint32) >> 16).astype(np.uint16)


def make(op, shape, vals, labs, seed, dtype):
    """Inputs as (logits, labels); bfloat16 arrays are returned as uint16 bit patterns."""
    rng = np.random.default_rng(seed)
    B, C = shape
    scale = {"normal": 2.0, "spread": 60.0, "special": 30.0}[vals]
    x = rng.standard_normal(shape) * scale
    if dtype == "float64" and vals == "spread":
        x = x * 12.0
    if vals == "special":
        tiny = {"float16": 1e-6, "bfloat16": 1e-39, "float32": 1e-39, "float64": 1e-310}[dtype]
        flat = x.reshape(-1)
        specials = [np.nan, np.inf, -np.inf, -0.0, 0.0, tiny, -tiny]
        idx = rng.integers(0, flat.size, size=max(7, flat.size // 50))
        for k, i in enumerate(idx):
            flat[i] = specials[k % len(specials)]
        x[-1, :] = -np.inf
        if B >= 3:
            x[-2, :] = tiny * (np.arange(C) % 3 - 1)
    if op == "dense":
        if labs == "soft":
            r = rng.random(shape)
            l = (r * r * r) / float(C)
        elif labs == "onehot":
            l = np.zeros(shape)
            l[np.arange(B), rng.integers(0, C, B)] = 1.0
        else:  # "row": labels [1, C] broadcast over the batch
            l = rng.random((1, C)) / float(C)
    else:
        l = rng.integers(0, C, B).astype(labs)
    if dtype == "bfloat16":
        xb = _to_bf16_bits(x.astype(np.float32))
        lb = _to_bf16_bits(l.astype(np.float32)) if op == "dense" else l
        return xb, lb
    x = x.astype(dtype)
    if op == "dense":
        l = l.astype(dtype)
    return x, l


def canon_bytes(a, bf16=False):
    """Bytes of ``a`` with every NaN replaced by one canonical pattern (any NaN equals any
    NaN); bfloat16 arrays are given as uint16 bits."""
    a = np.ascontiguousarray(a)
    if bf16:
        u = a.view(np.uint16)
        return np.where((u & 0x7FFF) > 0x7F80, np.uint16(0x7FC0), u).tobytes()
    U = {2: np.uint16, 4: np.uint32, 8: np.uint64}[a.itemsize]
    q = {2: 0x7E00, 4: 0x7FC00000, 8: 0x7FF8000000000000}[a.itemsize]
    return np.where(np.isnan(a), U(q), a.view(U)).tobytes()


DIGESTS = {
    "v2": {
        "dense-1000x37-normal-row-6-bfloat16": "9de440719e6f1c0062b5d1124e74c2cf6e18662e2b4e6c97b47e99ab695cf2af",
        "dense-1000x37-normal-row-6-float16": "cbfdeb266e966e661e1a189b7fabf6aa73356a2fc9a2d62a8110dc2fca27a202",
        "dense-1000x37-normal-row-6-float32": "68f974e4274dfb845c862440cacc17632dd1cc513c6f000c72aa0f193dae39b7",
        "dense-1000x37-normal-row-6-float64": "d073aa4febb64163d9925e022e0c60187618e3552c3a77e15e9f27e796ebf95a",
        "dense-129x64-spread-soft-2-bfloat16": "d73feb61a1470d1e96c960293586916420a91bd87496fff5944f1907db0fd986",
        "dense-129x64-spread-soft-2-float16": "a6643a8734ff2796ffc872d4f628c873cec4b5bc77a63058e84e67992948e09a",
        "dense-129x64-spread-soft-2-float32": "bc4ff515337777a8fb04d5d14a883cba6e4d88f35131c25f9c02af9e506e1e6d",
        "dense-129x64-spread-soft-2-float64": "9f39d48494b2aac82443cceda8a50c62b0e11ad009daa3f70451ae7fd746b6e1",
        "dense-2x20000-normal-soft-5-bfloat16": "a195e5943607ae943d8e2f1ae725d86c6ff1dc47d946e0d7db5311fbc1b7dad9",
        "dense-2x20000-normal-soft-5-float16": "64f36b5e1c5a9034f808936a05087fd2d4b09b9c3044df7dd27273fb5e84e66a",
        "dense-2x20000-normal-soft-5-float32": "5ccbeff8bd7df4864fc6f40761d20e297348b98ead9b0755c6819bed655efe0d",
        "dense-2x20000-normal-soft-5-float64": "eb7ccbad9e3a9e95afabfdf3883f54d62191b446770d825405194381802fcd21",
        "dense-300x50-special-row-3-bfloat16": "d7a0547205cb52e840334472bf05924bdbb6d788e56faba452b84451067d9098",
        "dense-300x50-special-row-3-float16": "7107fc2a6801934f6cf70b1c884fea848b09be5b99fb92ab5bc314c5af6af32c",
        "dense-300x50-special-row-3-float32": "1aaea52bd47890220e44decbdcc072c20993a23c8d67576b78abaeeb44c94e18",
        "dense-300x50-special-row-3-float64": "e959f422cf403ee7cddfbc5e0daf2a8f5dbf965e4e9bab88992b9058f3ea5164",
        "dense-3x5-special-soft-1-bfloat16": "4e913e798a3ea0387c72cdfde8f80bf6e7a84db28113f3f100305e80ff72aa1b",
        "dense-3x5-special-soft-1-float16": "f5e89e2ddca3405c97f42f6e923c8cd607101e2838d37300d3e18778526a190e",
        "dense-3x5-special-soft-1-float32": "bf97119c423ecfac87e347536eb517ab68bd81b293459f3cd10f192a02381697",
        "dense-3x5-special-soft-1-float64": "359bbbedb291e8f5ee73492fafdf22c0f099816eb73c83bc0c660366e6323e3d",
        "dense-7x9001-spread-onehot-4-bfloat16": "0bb03a1f86352de9a1e39fca8171a2672730eff8cb8460922968a63cab05702a",
        "dense-7x9001-spread-onehot-4-float16": "5d3c68e57b7c36bc9a395b63a11e27a1cf6cf8d2f8e4f49e1225e3cac64e279e",
        "dense-7x9001-spread-onehot-4-float32": "c9301524022d3e5b42a289e8395442f7132e3d66d388b8973b438d141fc32c21",
        "dense-7x9001-spread-onehot-4-float64": "d10b77c295dcd29dee8eb4191cbc6f0ed5d13bb68c1608567036dd21a23ed269",
        "sparse-129x64-spread-int64-8-bfloat16": "3846f28fe5afba8c97ed59107dde5ad7cc8f12fbfc4bee4946a5c90ee1b92d75",
        "sparse-129x64-spread-int64-8-float16": "9c27852cb6ecc7b2c1c9a9b2ba4697cc57a423706a61f828a04f96284f298ae1",
        "sparse-129x64-spread-int64-8-float32": "2a7d076f85125f2a0a49ba9e153e863362896b572d2800b91da0eb5cbed74632",
        "sparse-129x64-spread-int64-8-float64": "3b9ebfab310974c32f24dbdfa0eeb45be10330a5c70a3548991fafbf4fdc7035",
        "sparse-3x5-special-int32-7-bfloat16": "68466457de38470adab5b61cef606dd6b1bb1b6f9268a696abb2630e793223aa",
        "sparse-3x5-special-int32-7-float16": "a5e441710e434e2939489bd3ba809d3b5ee770f8c77b456dfb17909e4f8dce22",
        "sparse-3x5-special-int32-7-float32": "a53e7b49901f230b5b465b9ecdde8febd046b34745523db9b1c1afe64fec6b17",
        "sparse-3x5-special-int32-7-float64": "771fe845bce06f9a1800c789dc04c12d7c620697e70214da7fda78dab9dc58e8",
        "sparse-7x9001-special-int32-9-bfloat16": "6d874dbdeafac1712c0bded53f7330cf719ea79665f7d88b2453bf799158b1e6",
        "sparse-7x9001-special-int32-9-float16": "3761ce1a47fe6dfeef3209519370c78217fbba5f424f2f8adb929de0083903a1",
        "sparse-7x9001-special-int32-9-float32": "8c2242a6de89626ef1d5560056ebaccbfc53cafd27b9636d9a0479c2ee86dff0",
        "sparse-7x9001-special-int32-9-float64": "498d4dbee1f76ae7f4cf0e91e43aaf73648f628ac2b50349b3f6ca4672a3b7e6"
    },
    "v1": {
        "dense-1000x37-normal-row-6-float16": "d9714ab1b6815423d3c80850eb2d45345a09f8f0f96e2512a91a09668f4f4b03",
        "dense-1000x37-normal-row-6-float32": "461aef2cbe5d50ccd7877a16612bebd8d7fdbf29409a51fa054ee2c07ef278c2",
        "dense-1000x37-normal-row-6-float64": "9730937b06604318332754a93bca0d748770fabf3aa2592bd607123b2213ff05",
        "dense-129x64-spread-soft-2-float16": "7920b33a1a3b244785fa428244a38f4b1a59c50888d239c239c61bc3719761f2",
        "dense-129x64-spread-soft-2-float32": "d9d7da8f4dfbfc062688ee6ec63bc26090d24c53f30f8a0af85402d06cb87fbb",
        "dense-129x64-spread-soft-2-float64": "327007cff5852136ed19c31dd260f206da81e1545fd949fd667796bd28275b95",
        "dense-2x20000-normal-soft-5-float16": "63bbbcd9ccab83cd25ee8ea40e8c9e7888d02507f91158bc5d611e0ea15aa24c",
        "dense-2x20000-normal-soft-5-float32": "08e4c07b96b8e4d46a839ffc1859956bdd0303472d3537de50ca4a05b95fce0f",
        "dense-2x20000-normal-soft-5-float64": "e6b0e78316f0fee7085026e4bb3ebfc6e5f06368c9f383107d199a5693daec80",
        "dense-300x50-special-row-3-float16": "46c32fc1529935540e3802a7b3c5ec05c9f006bb3bf0005c4444d158377f51dd",
        "dense-300x50-special-row-3-float32": "08742760cecf15790f21749a5a7ef131042e3873ad9150e6909c499f55b47ccc",
        "dense-300x50-special-row-3-float64": "0a1cc93e319c782a0619e0a5d1f3212580e91703c94494561b06622b68beeab0",
        "dense-3x5-special-soft-1-float16": "f5e89e2ddca3405c97f42f6e923c8cd607101e2838d37300d3e18778526a190e",
        "dense-3x5-special-soft-1-float32": "bf97119c423ecfac87e347536eb517ab68bd81b293459f3cd10f192a02381697",
        "dense-3x5-special-soft-1-float64": "359bbbedb291e8f5ee73492fafdf22c0f099816eb73c83bc0c660366e6323e3d",
        "dense-7x9001-spread-onehot-4-float16": "5d3c68e57b7c36bc9a395b63a11e27a1cf6cf8d2f8e4f49e1225e3cac64e279e",
        "dense-7x9001-spread-onehot-4-float32": "aa8505903294adced85336a424ce50b6b8a4e47bf793ae57cee93565a19cba27",
        "dense-7x9001-spread-onehot-4-float64": "d10b77c295dcd29dee8eb4191cbc6f0ed5d13bb68c1608567036dd21a23ed269",
        "sparse-129x64-spread-int64-8-float16": "baad1f6fd6485ace3ace143f7462f59748b7dafeaf3ba994729aabdf035bfa43",
        "sparse-129x64-spread-int64-8-float32": "509309c3c9707beb693161ce64a01b603370b79e54e379c2986e591fed141c93",
        "sparse-129x64-spread-int64-8-float64": "3b9ebfab310974c32f24dbdfa0eeb45be10330a5c70a3548991fafbf4fdc7035",
        "sparse-3x5-special-int32-7-float16": "a5e441710e434e2939489bd3ba809d3b5ee770f8c77b456dfb17909e4f8dce22",
        "sparse-3x5-special-int32-7-float32": "d90abfbb9746edfa5d9b5005ea3a48a1599c96c4a7f4c5d71a13b20ae5da1851",
        "sparse-3x5-special-int32-7-float64": "771fe845bce06f9a1800c789dc04c12d7c620697e70214da7fda78dab9dc58e8",
        "sparse-7x9001-special-int32-9-float16": "3761ce1a47fe6dfeef3209519370c78217fbba5f424f2f8adb929de0083903a1",
        "sparse-7x9001-special-int32-9-float32": "8c2242a6de89626ef1d5560056ebaccbfc53cafd27b9636d9a0479c2ee86dff0",
        "sparse-7x9001-special-int32-9-float64": "498d4dbee1f76ae7f4cf0e91e43aaf73648f628ac2b50349b3f6ca4672a3b7e6"
    },
}


def _ctx(ref):
    return ExecContext(ref, NumericsProfile(threads=2), False)


def _run(ref, op, x, l, dt):
    if dt == "bfloat16":
        x = x.view(ml_dtypes.bfloat16)
        if op == "dense":
            l = l.view(ml_dtypes.bfloat16)
    x0, l0 = x.copy(), l.copy()
    fn = softmax_xent if op == "dense" else sparse_softmax_xent
    lo, bp = fn(_ctx(ref), x, l)
    assert x.tobytes() == x0.tobytes() and l.tobytes() == l0.tobytes()  # inputs untouched
    assert lo.dtype == x.dtype and bp.dtype == x.dtype
    return lo, bp


_PARAMS = [(ref, key) for ref in ("v2", "v1") for key in sorted(DIGESTS[ref])]


@pytest.mark.parametrize("ref,key", _PARAMS)
def test_digest(ref, key):
    op, shp, vals, labs, seed, dt = key.split("-")
    if dt == "bfloat16" and ml_dtypes is None:
        pytest.skip("ml_dtypes missing")
    shape = tuple(int(v) for v in shp.split("x"))
    x, l = make(op, shape, vals, labs, int(seed), dt)
    lo, bp = _run(ref, op, x, l, dt)
    assert lo.shape == (shape[0],) and bp.shape == shape
    bf = dt == "bfloat16"
    h = hashlib.sha256(canon_bytes(lo, bf) + canon_bytes(bp, bf)).hexdigest()
    assert h == DIGESTS[ref][key]


def _bits(a):
    a = np.asarray(a)
    return [int(v) for v in a.view({4: np.uint32, 8: np.uint64}[a.itemsize]).ravel()]


def test_small_exact_bits_ftz_vs_eager():
    x = np.array([[0.0, -88.0, 1.0]], np.float32)
    l = np.array([[1.0, 0.0, 0.0]], np.float32)
    lo, bp = softmax_xent(_ctx("v2"), x, l)
    assert _bits(lo) == [0x3fa818f5]
    assert _bits(bp) == [0xbf3b26a8, 0x0, 0x3f3b26a8]          # exp(-89) flushed (FTZ)
    lo, bp = softmax_xent(_ctx("v1"), x, l)
    assert _bits(lo) == [0x3fa818f5]
    assert _bits(bp) == [0xbf3b26a8, 0x0011bb22, 0x3f3b26a8]   # TF 1.15 eager keeps subnormals


def test_small_packet_vs_tail():
    x = np.array([[0.5, 1.5, -2.0, 3.0, 0.25, -1.0, 2.0, 0.0, 1.0]], np.float32)
    l = np.array([[0.1, 0.2, 0.3, 0.0, 0.1, 0.1, 0.1, 0.05, 0.05]], np.float32)
    want = [0xbd6cee6c, 0xbdaeeb40, 0xbe97d40d, 0x3f03788f, 0xbd899011, 0xbdb98945,
            0x3db61fa7, None, 0x3c9fc3d6]
    for ref, b7 in (("v2", 0xbcc8246f), ("v1", 0xbcc82470)):
        lo, bp = softmax_xent(_ctx(ref), x, l)
        assert _bits(lo) == [0x406f72f7]
        want[7] = b7
        assert _bits(bp) == want


def test_small_f64_and_specials():
    lo, bp = softmax_xent(_ctx("v2"), np.array([[0.0, -720.0, 1.0]]), np.array([[0.0, 1.0, 0.0]]))
    assert _bits(lo) == [0x40868a818f57f7d8]
    assert _bits(bp) == [0x3fd136561454ba86, 0xbff0000000000000, 0x3fe764d4f5d5a2bd]
    x = np.array([[np.nan, 1.0], [-np.inf, -np.inf], [-np.inf, 0.0]], np.float32)
    l = np.array([[0.0, 1.0], [0.5, 0.5], [1.0, 0.0]], np.float32)
    for ref in ("v2", "v1"):
        lo, bp = softmax_xent(_ctx(ref), x, l)
        assert np.isnan(lo[:2]).all() and _bits(lo[2:]) == [0x7f800000]
        assert np.isnan(bp[:2]).all() and _bits(bp[2]) == [0xbf800000, 0x3f800000]


def test_small_sparse():
    x = np.array([[0.0, -88.0, 1.0], [2.0, 2.0, 2.0]], np.float32)
    lab = np.array([2, 0], np.int32)
    for ref, b1 in (("v2", 0x0), ("v1", 0x0011bb22)):
        lo, bp = sparse_softmax_xent(_ctx(ref), x, lab)
        assert _bits(lo) == [0x3ea063d5, 0x3f8c9f54]
        assert _bits(bp) == [0x3e89b2b1, b1, 0xbe89b2b0, 0xbf2aaaaa, 0x3eaaaaab, 0x3eaaaaab]


def _err(fn, x, l, ref="v2"):
    with pytest.raises(KernelError) as e:
        fn(_ctx(ref), x, l)
    return e.value


@pytest.mark.parametrize("ref", ["v2", "v1"])
def test_dense_messages(ref):
    f = np.float32
    e = _err(softmax_xent, np.zeros((3, 4), f), np.zeros((3, 5), f), ref)
    assert e.cls is InvalidArgumentError
    assert e.message == "logits and labels must be broadcastable: logits_size=[3,4] labels_size=[3,5]"
    msg = "logits and labels must be either 2-dimensional, or broadcasted to be 2-dimensional"
    for xs, ls in (((2, 3, 4), (2, 3, 4)), ((4,), (4,)), ((1, 3, 4), (3, 4)), ((2, 3, 4), (3, 4))):
        e = _err(softmax_xent, np.zeros(xs, f), np.zeros(ls, f), ref)
        assert e.cls is InvalidArgumentError and e.message == msg


def test_dense_shapes_accepted():
    f = np.float32
    for xs, ls in (((4,), (3, 4)), ((3, 4), (4,)), ((3, 1), (1, 4)), ((0, 4), (0, 4))):
        for ref in ("v2", "v1"):
            lo, bp = softmax_xent(_ctx(ref), np.ones(xs, f), np.ones(ls, f))
            assert bp.shape == np.broadcast_shapes(xs, ls)
    lo, bp = softmax_xent(_ctx("v2"), np.ones((3, 0), f), np.ones((3, 0), f))
    assert _bits(lo) == [0, 0, 0] and bp.shape == (3, 0)
    # TF 2.21 broadcasts a scalar / [1,1] operand; TF 1.15 aborts on a CHECK in that case.
    for xs, ls in (((), (3, 4)), ((3, 4), (1, 1)), ((1, 4), (4,))):
        lo, bp = softmax_xent(_ctx("v2"), np.ones(xs, f), np.ones(ls, f))
        e = _err(softmax_xent, np.ones(xs, f), np.ones(ls, f), "v1")
        assert e.cls is InternalError


@pytest.mark.parametrize("ref", ["v2", "v1"])
def test_sparse_messages(ref):
    f = np.float32
    cases = [
        ((3, 4), np.array([1, 5, 2], np.int32),
         "Received a label value of 5 which is outside the valid range of [0, 4).  Label values: 1 5 2"),
        ((3, 4), np.array([-1, 5, -7], np.int64),
         "Received a label value of -7 which is outside the valid range of [0, 4).  Label values: -1 5 -7"),
        ((3, 4), np.array([4, 4, 4], np.int32),
         "Received a label value of 4 which is outside the valid range of [0, 4).  Label values: 4 4 4"),
        ((3, 0), np.array([0, 0, 0], np.int32),
         "Must have at least one class, but got logits shape [3,0]"),
        ((0, 0), np.zeros(0, np.int32), "Must have at least one class, but got logits shape [0,0]"),
        ((2, 3, 4), np.array([0, 0], np.int32), "logits must be 2-D, but got shape [2,3,4]"),
        ((4,), np.array(0, np.int32), "logits must be 2-D, but got shape [4]"),
        ((3, 4), np.zeros((3, 1), np.int32), "labels must be 1-D, but got shape [3,1]"),
        ((3, 4), np.zeros(2, np.int32),
         "logits and labels must have the same first dimension, got logits shape [3,4] and labels shape [2]"),
    ]
    for xs, lab, msg in cases:
        e = _err(sparse_softmax_xent, np.zeros(xs, f), lab, ref)
        assert e.cls is InvalidArgumentError
        assert e.message == msg
    lo, bp = sparse_softmax_xent(_ctx(ref), np.zeros((0, 4), f), np.zeros(0, np.int32))
    assert lo.shape == (0,) and bp.shape == (0, 4)
