"""Softmax / LogSoftmax kernels, the oneDNN softmax emulation and the packet reciprocal.

Expected values were recorded from TensorFlow 2.21.0 (oneDNN off, oneDNN on at AVX-512,
ONEDNN_MAX_CPU_ISA=AVX2 and =SSE41) and TensorFlow 1.15.5 eager (2 intra-op threads) on an
AMD EPYC (Zen 4, avx512_core_bf16) host, for the deterministic inputs built by
``_make_input``. Digests hash the output bytes with every NaN canonicalised (any NaN equals
any NaN; -0 and +0 differ). No TensorFlow is needed at test time.
"""
import hashlib
import os

import numpy as np
import pytest

from tfxent import errors
from tfxent._kernels import softmax as K
from tfxent._numerics import onednn, rcp
from tfxent._profile import ExecContext, NumericsProfile

ml_dtypes = pytest.importorskip("ml_dtypes")
BF16 = np.dtype(ml_dtypes.bfloat16)
DT = {"f16": np.dtype(np.float16), "bf16": BF16, "f32": np.dtype(np.float32),
      "f64": np.dtype(np.float64)}
UINT = {2: np.uint16, 4: np.uint32, 8: np.uint64}


# ------------------------------------------------------------------------------ inputs
def _splitmix(n, seed):
    with np.errstate(over="ignore"):
        z = np.arange(n, dtype=np.uint64) + np.uint64(seed) * np.uint64(0x9E3779B97F4A7C15)
        z = z * np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return z


def _make_input(shape, kind, dtype):
    seed = 1000 + shape[0] * 7 + shape[1] * 13 + len(kind)
    n = int(np.prod(shape))
    u = (_splitmix(n, seed) >> np.uint64(11)).astype(np.float64) / float(1 << 53)
    if kind == "normal":
        x = (u - 0.5) * 12.0
    elif kind == "spread90":
        x = (u - 0.5) * 180.0
    else:  # special: NaN, +-inf, +-0, float32/float64 subnormals, an all -inf row
        x = (u - 0.5) * 40.0
        sel = _splitmix(n, seed + 7) % np.uint64(23)
        for i, v in enumerate([np.nan, np.inf, -np.inf, -0.0, 0.0, 1e-40, -3e-39, 1e-310]):
            x[sel == np.uint64(i)] = v
        x = x.reshape(shape)
        if shape[0] >= 3:
            x[1, :] = -np.inf
            x[2, :] = 1e-40
        x = x.reshape(-1)
    if dtype == "bf16":  # through float32: the same inputs for every ml_dtypes version
        x = x.astype(np.float32)
    return x.reshape(shape).astype(DT[dtype])


def _digest(a):
    a = np.ascontiguousarray(a)
    u = a.view(UINT[a.itemsize]).copy()
    nan = np.isnan(a.astype(np.float64))
    u[nan] = 0
    return hashlib.sha256(u.astype(u.dtype.newbyteorder("<")).tobytes()
                          + nan.tobytes()).hexdigest()[:32]


AMD = dict(cpu_vendor="amd", isa="avx512_core_bf16", fma=True, glibc="2.36", threads=2)
CONFIGS = {
    "v2_eigen": ("v2", dict(onednn=False)),
    "v2_dnn_avx512": ("v2", dict(onednn=True)),
    "v2_dnn_avx2": ("v2", dict(onednn=True, max_isa="avx2")),
    "v2_dnn_sse41": ("v2", dict(onednn=True, max_isa="sse41")),
    "v1": ("v1", dict(onednn=False)),
}

DIGESTS = {
    'v2_eigen': {
        'f32__sm__3x5__special': '18932c24593058b9647b70018977d004',
        'f32__sm__129x64__normal': '12532947ed11dcbb8ac714fa32e467f1',
        'f32__sm__17x24__special': 'f14294ce35412ff3884cfcdd1e036e71',
        'f32__sm__7x9001__spread90': '9060d7ffeee83ffe5fb854844fc105ad',
        'f64__sm__3x5__special': '991da78e242479cf649e9fed99bd02c4',
        'f64__sm__129x64__normal': '66e56ac40ad5e944846544dc19e9fdd4',
        'f64__sm__17x24__special': 'c327200bdb78bbecb827f6ca9114118c',
        'f64__sm__7x9001__spread90': '1b85511f3bd8e3c06bdb27c05c75876e',
        'f16__sm__3x5__special': '61b1fe9342195a10e2668d17cfc4d20c',
        'f16__sm__129x64__normal': 'aa3ddcb8517bd6bd2817f2a653e1f84d',
        'f16__sm__17x24__special': 'bb0f5dd4a9f0bc949e9df6b7967b6b99',
        'f16__sm__7x9001__spread90': '5894039151d706820fd984e7d203369c',
        'bf16__sm__3x5__special': '74706a92e06ea6b733f02d945e38745e',
        'bf16__sm__129x64__normal': 'e0823d15b0dd80dae7cec57cd4796b81',
        'bf16__sm__17x24__special': '57007be24cb690afda70f19ebd1346a5',
        'bf16__sm__7x9001__spread90': '2efeabab73f1a6610a422658e6d98ef2',
        'f32__lsm__3x5__special': '653f3ff9e111760aa257399ed3d04b1b',
        'f32__lsm__129x64__normal': 'f6aa49afdc0d030cf2b14106fbcc7682',
        'f32__lsm__17x24__special': '4eb9278fa94e6def223c2e3949279950',
        'f32__lsm__7x9001__spread90': 'f29e0d4292d5db1cf07ea2fa1ebaae8b',
        'f64__lsm__3x5__special': '5e2db6e505869742290e17933bda1afa',
        'f64__lsm__129x64__normal': 'c13b375c11634f9a0e9722e6fb2a08fe',
        'f64__lsm__17x24__special': 'd4f6d7f65beca8a7befe134e667338de',
        'f64__lsm__7x9001__spread90': '4086ec7adab4373d5cb8b3b01cccf445',
        'f16__lsm__3x5__special': 'b97e273c08728ac70a28f2e2cea10484',
        'f16__lsm__129x64__normal': '92b7dea73f591f346e4e547e4ab26959',
        'f16__lsm__17x24__special': '7ec26b5e666cc76e2f43d105b57bcd47',
        'f16__lsm__7x9001__spread90': '648aa482e9b7a6a2402947b3490932ce',
        'bf16__lsm__3x5__special': 'a5e45e5d3f65958240b307a71071ae12',
        'bf16__lsm__129x64__normal': 'aa31a572b684b571a0c6e225fa37849c',
        'bf16__lsm__17x24__special': 'a4c35bb54998e3e491c33e5173ec9174',
        'bf16__lsm__7x9001__spread90': 'b36afb7efd7f8a124be18e4661ffefae',
    },
    'v2_dnn_avx512': {
        'f32__sm__3x5__special': 'cb3c2ccb6d7a2187ec23644d4bdbb9a7',
        'f32__sm__129x64__normal': '2ccf0ce524d3b0f922dbbd7177be5ad7',
        'f32__sm__17x40__special': 'e622ac6f9fd53e0eb5332b0ec4486a5e',
        'f32__sm__2x20000__spread90': 'dc70384a2041d391802676192216ea7c',
        'bf16__sm__3x5__special': 'e791f3c1c3338e68a3462364b393d99f',
        'bf16__sm__129x64__normal': '26b4226e3f4f9c9f46d0b18491542c32',
        'bf16__sm__17x40__special': '11277d5ad00ab568477987c3716bbf85',
        'bf16__sm__2x20000__spread90': 'd41b62a430a7c0ae7de639598e879fed',
        'f16__sm__3x5__special': '61b1fe9342195a10e2668d17cfc4d20c',
        'f16__sm__129x64__normal': 'aa3ddcb8517bd6bd2817f2a653e1f84d',
        'f16__sm__17x40__special': 'cc29749d12d638dae7dc976cd6e61c0a',
        'f16__sm__2x20000__spread90': 'd46148320937ad94aa9454373afdf1b5',
    },
    'v2_dnn_avx2': {
        'f32__sm__3x5__special': 'cb3c2ccb6d7a2187ec23644d4bdbb9a7',
        'f32__sm__129x64__normal': '3b4e467f9d6ddc6c47ccaab6b4bc8b7b',
        'f32__sm__17x40__special': '4f1a70adc3cf2fe056b6f02b759c2529',
        'f32__sm__2x20000__spread90': '659c3697aaa7dbba0fec9e1e25c8c578',
    },
    'v2_dnn_sse41': {
        'f32__sm__3x5__special': 'a859f7d9697d55bc7f86ff7c6ec5f419',
        'f32__sm__129x64__normal': 'a2d29ee23c0a00b435460324240582a0',
        'f32__sm__17x40__special': '5f84b6517e1d65dbfc914740739784d9',
        'f32__sm__2x20000__spread90': 'de3774fd7121883da2a90888e0f5abe3',
    },
    'v1': {
        'f32__sm__3x5__special': 'd22f5c79463bff401a1bf4124b1e6b54',
        'f32__sm__129x64__normal': 'f0274fea0a7740b8a23ae7b7a3ee4796',
        'f32__sm__300x50__spread90': '3243ecaeec27b5c1e17a4ec5cd0c3ed1',
        'f32__sm__1x100000__spread90': '65322f6da432850bcb5d0592ee0e853f',
        'f64__sm__3x5__special': '991da78e242479cf649e9fed99bd02c4',
        'f64__sm__129x64__normal': '3b84a28664598dd5f72c11b168485ee8',
        'f64__sm__300x50__spread90': 'e47258bfb38ca6994158b869e39883b3',
        'f64__sm__1x100000__spread90': '68ef82961e707f62b99498d8f85ab533',
        'f16__sm__3x5__special': '61b1fe9342195a10e2668d17cfc4d20c',
        'f16__sm__129x64__normal': '3e37ad1b37a6720a8f4f6295b204cad4',
        'f16__sm__300x50__spread90': '2fe86f8f590c117d2c590c3d3ee401e3',
        'f16__sm__1x100000__spread90': '9f3054ecd12fc065bfb432ae478be506',
        'f32__lsm__3x5__special': '653f3ff9e111760aa257399ed3d04b1b',
        'f32__lsm__129x64__normal': '3842100f365e674037d065c8aaff8ebc',
        'f32__lsm__300x50__spread90': '1c4da1a686397e81143247c8e4b764af',
        'f32__lsm__1x100000__spread90': 'aed0fe2863b5388bc005d0388ecb483b',
        'f64__lsm__3x5__special': '5e2db6e505869742290e17933bda1afa',
        'f64__lsm__129x64__normal': '4ee71d99cf2497c3d7547686feb21810',
        'f64__lsm__300x50__spread90': 'dbeab0d7c9b375314cef4c2bddcc5290',
        'f64__lsm__1x100000__spread90': '8f8ba6f7126148d58de161e93e2d4cf1',
        'f16__lsm__3x5__special': 'b97e273c08728ac70a28f2e2cea10484',
        'f16__lsm__129x64__normal': 'b94caac597efd46b56faf6bca9727b88',
        'f16__lsm__300x50__spread90': 'c1570ee3cc8c24a88c79c105953e92ef',
        'f16__lsm__1x100000__spread90': 'c86ce6cdb748a438d4453a1855add58b',
    },
}

_CASES = [(cfg, key) for cfg, m in DIGESTS.items() for key in m]


def _ctx(cfg):
    ref, kw = CONFIGS[cfg]
    return ExecContext(ref, NumericsProfile(**dict(AMD, **kw)))


@pytest.mark.parametrize("cfg,key", _CASES, ids=["%s-%s" % c for c in _CASES])
def test_recorded_digest(cfg, key):
    dt, op, shp, kind = key.split("__")
    shape = tuple(int(v) for v in shp.split("x"))
    x = _make_input(shape, kind, dt)
    before = x.copy()
    fn = K.softmax if op == "sm" else K.log_softmax
    y = fn(_ctx(cfg), x)
    assert y.dtype == x.dtype and y.shape == x.shape
    assert x.tobytes() == before.tobytes()          # inputs never modified
    assert _digest(y) == DIGESTS[cfg][key]


# ------------------------------------------------------------------------------ exact bits
def _bits(a):
    return [int(v) for v in np.asarray(a).view(np.uint32)]


X94 = np.tile(np.array([[0.0, 1.0, 2.0, 3.0]], np.float32), (9, 1))


def test_eigen_softmax_rcpps_rows_vs_exact_tail_row():
    y = K.softmax(_ctx("v2_eigen"), X94)
    # rows 0..7: rcpps + Newton (AMD table); row 8 (B mod 8): exact 1/s
    assert _bits(y[0]) == [0x3D034FE2, 0x3DB278B8, 0x3E729168, 0x3F24D790]
    assert _bits(y[8]) == [0x3D034FE2, 0x3DB278B9, 0x3E72916A, 0x3F24D791]


def test_log_softmax_plog_rows_vs_logf_tail_row():
    y = K.log_softmax(_ctx("v2_eigen"), X94)
    assert _bits(y[0]) == [0xC05C2C12, 0xC01C2C12, 0xBFB85823, 0xBEE1608C]
    assert _bits(y[8]) == [0xC05C2C11, 0xC01C2C11, 0xBFB85823, 0xBEE1608B]


@pytest.mark.parametrize("cfg", ["v2_dnn_avx512", "v2_dnn_avx2"])
def test_onednn_softmax_small(cfg):
    y = K.softmax(_ctx(cfg), X94)
    for r in (0, 8):
        assert _bits(y[r]) == [0x3D034FE1, 0x3DB278B8, 0x3E72916A, 0x3F24D790]


def test_empty_inputs():
    for shape in ((0, 5), (4, 0)):
        for cfg in ("v2_eigen", "v2_dnn_avx512", "v1"):
            assert K.softmax(_ctx(cfg), np.zeros(shape, np.float32)).shape == shape
            assert K.log_softmax(_ctx(cfg), np.zeros(shape, np.float32)).shape == shape


# ------------------------------------------------------------------------------ oneDNN dispatch
def test_onednn_isa_choice():
    assert onednn.softmax_isa("avx512_core_bf16") == "avx512_core_bf16"
    assert onednn.softmax_isa("avx512_core_vnni") == "avx512_core"
    assert onednn.softmax_isa("avx512_core_bf16", "avx512_core_vnni") == "avx512_core"
    assert onednn.softmax_isa("avx512_core_bf16", "avx2") == "avx2"
    assert onednn.softmax_isa("avx512_core_bf16", "avx2_vnni_2") == "avx2"   # CPU lacks it
    assert onednn.softmax_isa("avx512_core_bf16", "avx") == "sse41"
    assert onednn.softmax_isa("avx512_core_fp16") == "avx512_core_fp16"
    assert onednn.softmax_isa("avx512_core_amx") == "avx512_core_fp16"
    assert onednn.softmax_isa("avx2_vnni_2") == "avx2_vnni_2"
    assert onednn.softmax_isa("avx2_vnni") == "avx2"
    assert onednn.vector_width("avx512_core") == 16
    assert onednn.vector_width("avx2") == 8 and onednn.vector_width("sse41") == 4
    assert onednn.isa_supports("avx512_core", BF16)
    assert not onednn.isa_supports("avx512_core_bf16", np.float16)
    assert onednn.isa_supports("avx512_core_fp16", np.float16)
    assert onednn.isa_supports("avx2_vnni_2", np.float16)
    assert not onednn.isa_supports("avx2", BF16)


def test_routing():
    p = NumericsProfile(**dict(AMD, onednn=True))
    assert K.onednn_routes(p, np.float32) and K.onednn_routes(p, BF16)
    assert not K.onednn_routes(p, np.float16)      # no AVX512-FP16: Eigen fallback
    assert not K.onednn_routes(p, np.float64)
    assert K.onednn_routes(p.replace(isa="avx512_core_fp16"), np.float16)
    assert not K.onednn_routes(p.replace(isa="avx2"), BF16)
    assert not K.onednn_routes(p.replace(onednn=False), np.float32)


def test_f16_falls_back_to_eigen_without_avx512_fp16():
    x = _make_input((17, 24), "special", "f16")
    a = K.softmax(_ctx("v2_dnn_avx512"), x)
    b = K.softmax(_ctx("v2_eigen"), x)
    assert a.tobytes() == b.tobytes()


def test_bf16_with_capped_isa_aborts():
    x = np.ones((2, 3), BF16)
    with pytest.raises(errors.KernelError) as ei:
        K.softmax(_ctx("v2_dnn_avx2"), x)
    assert ei.value.cls is errors.AbortedError
    assert ei.value.message.startswith(
        "Operation received an exception:Status: 3, message: could not create a primitive "
        "descriptor for the softmax forward propagation primitive.")


def test_fma32_exact():
    a = np.array([1 + 2 ** -12] * 3, np.float32)
    c = np.array([0.0, 2 ** -30, -2 ** -30], np.float32)
    r = onednn._fma32(a, a, c)       # exact value: 1 + 2^-11 + 2^-24 (+c): a float32 tie
    assert _bits(r) == [0x3F801000, 0x3F801001, 0x3F801000]


# ------------------------------------------------------------------------------ rcpps
# (input, rcpps, rcpps + Newton step with FTZ/DAZ) measured on AMD Zen 4
AMD_RCP = [
    (0x00000000, 0x7F800000, 0x7F800000), (0x80000000, 0xFF800000, 0xFF800000),
    (0x00000001, 0x7F800000, 0x7F800000), (0x80000001, 0xFF800000, 0xFF800000),
    (0x007FFFFF, 0x7F800000, 0x7F800000), (0x00800000, 0x7E7FF000, 0x7E7FFFFF),
    (0x7F800000, 0x00000000, 0x00000000), (0xFF800000, 0x80000000, 0x80000000),
    (0x7FC00000, 0x7FC00000, 0x7FC00000), (0x7F800001, 0x7FC00001, 0x7FC00001),
    (0xFFC00001, 0xFFC00001, 0xFFC00001), (0x3F800000, 0x3F7FF000, 0x3F7FFFFF),
    (0x7E800000, 0x00000000, 0x00000000), (0x7E7FFFFF, 0x00800000, 0x00800000),
    (0x7F7FFFFF, 0x00000000, 0x00000000), (0x00800001, 0x7E7FF000, 0x7E7FFFFD),
    (0x01000000, 0x7DFFF000, 0x7DFFFFFF), (0x5266084C, 0x2C8E7800, 0x2C8E7312),
    (0x5847A724, 0x26A42800, 0x26A41FF6), (0x21827E7A, 0x5D7B2800, 0x5D7B1B74),
    (0x173398E6, 0x67B67000, 0x67B673E2), (0x78B75BB0, 0x0632B800, 0x0632B800),
]


def test_amd_rcpps_and_preciprocal():
    a = np.array([t[0] for t in AMD_RCP], np.uint32).view(np.float32)
    assert _bits(rcp.rcpps(a, "amd")) == [t[1] for t in AMD_RCP]
    assert _bits(rcp.preciprocal(a, "amd")) == [t[2] for t in AMD_RCP]


def test_rcp_tables():
    intel = rcp.rcp_table("intel")
    amd = rcp.rcp_table("amd")
    assert intel.size == 2048 and amd.size == 4096          # 11 vs 12 mantissa bits
    assert hashlib.sha256(intel.astype("<f4").tobytes()).hexdigest() == \
        "3e4839b6695443c06077b9165031436ef87546e10fa9eb2ff13366de34a19c04"
    assert hashlib.sha256(amd.astype("<f4").tobytes()).hexdigest() == \
        "3f6f51774a48dd9912c71d0dbbd1a1d0a231ee873fba8ff036afc712f9d9133c"
    one = np.array([1.0, 2.0], np.float32)
    assert _bits(rcp.preciprocal(one, "intel")) == [0x3F7FFFFF, 0x3EFFFFFF]  # 0.99999994


def test_unknown_vendor_raises():
    with pytest.raises(rcp.RcpTableError, match="rcp_unknown.npy"):
        rcp.preciprocal(np.ones(8, np.float32), "unknown")
    ctx = ExecContext("v2", NumericsProfile(**dict(AMD, cpu_vendor="unknown", onednn=False)))
    with pytest.raises(errors.KernelError):
        K.softmax(ctx, np.ones((8, 3), np.float32))
    # f64, and fewer than 8 rows, never need the table
    K.softmax(ctx, np.ones((8, 3), np.float64))
    K.softmax(ctx, np.ones((7, 3), np.float32))
