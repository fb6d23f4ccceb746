"""Bit-exact checks of TF 1.15.5's Maximum, Minimum, Relu, Neg, Abs and clip_by_value
(``ctx.ref == "v1"``) against outputs recorded from TensorFlow 1.15.5 (CPU wheel, x86-64, 2
intra-op threads; eager and graph mode).

Rules checked (TF 1.15 ``core/kernels/cwise_ops.h`` ``scalar_max_op<T>``/``scalar_min_op<T>``
without a NaN-propagation argument; Eigen cdb377d0cba4889fc909d1bbdd430b988db0db97
``Eigen/src/Core/functors/BinaryFunctors.h``, ``Eigen/src/Core/MathFunctions.h``
``numext::maxi``/``mini`` = ``std::max``/``std::min``, ``Eigen/src/Core/arch/AVX/PacketMath.h``
``pmax(a, b)`` = ``_mm256_max_ps(b, a)``, ``pnegate`` = ``0 - a``):

* max(a, b) = ``b > a ? b : a``, min(a, b) = ``b < a ? b : a`` on the packet path, the scalar
  path and the compiler-vectorised tail alike: a NaN in either operand returns ``a``, a tie
  (``-0``/``+0``) returns ``a``; Relu = max(x, 0); clip_by_value = max(min(x, hi), lo);
* under FTZ/DAZ (graph mode, or an eager evaluation parallelised onto the intra-op pool) the
  comparison and the returned value are read through DAZ (a subnormal comes out as a signed
  zero);
* Neg: packet elements are ``0 - x`` (``-(+0)`` is ``+0``; a subnormal under DAZ gives ``+0``),
  scalar-tail elements flip the sign bit; Abs clears the sign bit.
"""
import hashlib

import numpy as np
import pytest

from tfxent._kernels import cwise
from tfxent._profile import ExecContext, NumericsProfile

EAGER = ExecContext("v1", NumericsProfile(threads=2))
GRAPH = ExecContext("v1", NumericsProfile(threads=2), graph=True)
CTX = {"eager": EAGER, "graph": GRAPH}

NAN = float("nan")
SP = {
    "float32": [0.0, -0.0, NAN, -NAN, np.inf, -np.inf, 1e-40, -1e-40, 1.0, -1.0, 2.5, -3.0, 1e-45,
                3e38],
    "float64": [0.0, -0.0, NAN, -NAN, np.inf, -np.inf, 1e-310, -1e-310, 1.0, -1.0, 2.5, -3.0,
                5e-324],
    "float16": [0.0, -0.0, NAN, -NAN, np.inf, -np.inf, 1e-6, -1e-6, 6e-8, 1.0, -1.0, 2.5, -3.0],
}
DTYPES = ["float16", "float32", "float64"]
SIZES = list(range(1, 41)) + [63, 64, 65, 100, 1001]


def arr(dt, n, seed):
    """Deterministic operand: special values (NaN, +-0, +-inf, subnormals) drawn at random."""
    rng = np.random.RandomState(seed)
    sp = np.array(SP[dt], dtype=np.float64)
    with np.errstate(all="ignore"):
        return sp[rng.randint(0, len(sp), n)].astype(dt)


def canon(a):
    """Bytes with every NaN canonicalised (any NaN equals any NaN)."""
    a = np.ascontiguousarray(a)
    u = a.view({2: np.uint16, 4: np.uint32, 8: np.uint64}[a.dtype.itemsize]).copy()
    u[np.isnan(a)] = {2: 0x7E00, 4: 0x7FC00000, 8: 0x7FF8000000000000}[a.dtype.itemsize]
    return u.tobytes()


def bits(a):
    a = np.asarray(a)
    return [int(v) for v in a.reshape(-1).view({2: np.uint16, 4: np.uint32,
                                                8: np.uint64}[a.dtype.itemsize])]


def _clip(ctx, x, lo, hi):
    return cwise.Maximum(ctx, cwise.Minimum(ctx, x, hi), lo)


def small_outputs(ctx, op, dt):
    """Outputs for every size in SIZES (all tail lengths), in order, as the digests saw them."""
    M, m = cwise.Maximum, cwise.Minimum
    dts = ["float32", "float64", "float16"]
    for n in SIZES:
        i = dts.index(dt) * len(SIZES) + SIZES.index(n)
        a, b = arr(dt, n, 1000 + i), arr(dt, n, 5000 + i)
        s = arr(dt, 1, 9000 + i).reshape(())
        if op == "max":
            yield M(ctx, a, b)
        elif op == "min":
            yield m(ctx, a, b)
        elif op == "relu":
            yield cwise.Relu(ctx, a)
        elif op == "neg":
            yield cwise.Neg(ctx, a)
        elif op == "abs":
            yield cwise.Abs(ctx, a)
        elif op == "maxsl":
            yield M(ctx, s, b)
        elif op == "maxsr":
            yield M(ctx, a, s)
        elif op == "minsl":
            yield m(ctx, s, b)
        elif op == "minsr":
            yield m(ctx, a, s)
        elif op == "clip":
            yield _clip(ctx, a, s, arr(dt, 1, 7000 + i).reshape(()))
        elif n % 5 == 0:
            b3 = arr(dt, 15, 3000 + i).reshape(1, 3, 5)
            if op == "maxb3":
                yield M(ctx, a.reshape(n // 5, 1, 5), b3)
            elif op == "minb3":
                yield m(ctx, b3, a.reshape(n // 5, 1, 5))
            elif op == "maxb2":
                yield M(ctx, a.reshape(n // 5, 5), b[:5].copy())
            elif op == "minb2":
                yield m(ctx, b[:5].copy().reshape(5, 1), a.reshape(1, n))


def big_output(ctx, op, dt, n):
    """Large operands around the eager FTZ thresholds (n*c >= 210000 on 2 threads)."""
    k = {"float32": [95000, 95999, 96000, 96001, 97000, 139999, 140000, 140001, 150000],
         "float64": [47000, 47999, 48000, 48001, 49000, 69999, 70000, 70001, 75000],
         "float16": [100000, 150000]}[dt].index(n)
    a, b = arr(dt, n, 11 + k), arr(dt, n, 22 + k)
    s = arr(dt, 1, 33 + k).reshape(())
    return {"bmax": lambda: cwise.Maximum(ctx, a, b), "bmin": lambda: cwise.Minimum(ctx, a, b),
            "brelu": lambda: cwise.Relu(ctx, a), "bneg": lambda: cwise.Neg(ctx, a),
            "bmaxs": lambda: cwise.Maximum(ctx, a, s),
            "bmins": lambda: cwise.Minimum(ctx, s, a)}[op]()


# sha256 (first 16 hex digits) of TF 1.15.5's outputs: small_outputs() concatenated (canon).
SMALL_DIGESTS = {
    ('eager', 'abs', 'float16'): 'bf42627ac6f8dd2f',
    ('eager', 'abs', 'float32'): 'a95c17e3f4a88b01',
    ('eager', 'abs', 'float64'): '57c23c9590f5df4c',
    ('eager', 'clip', 'float16'): 'fb6b14b7750c4f31',
    ('eager', 'clip', 'float32'): '3fc67cfc56ae83b6',
    ('eager', 'clip', 'float64'): '35ef807ef2e83328',
    ('eager', 'max', 'float16'): 'b0248e15c7a45cd5',
    ('eager', 'max', 'float32'): '11cedcc82c6ba03e',
    ('eager', 'max', 'float64'): '43b00587b1102855',
    ('eager', 'maxb2', 'float16'): 'cfb0730ee04f83db',
    ('eager', 'maxb2', 'float32'): '5c8e5a1a84d9591d',
    ('eager', 'maxb2', 'float64'): '63d405017c7d5068',
    ('eager', 'maxb3', 'float16'): '61c0cb18df81b405',
    ('eager', 'maxb3', 'float32'): 'b153e93fe7b92e1a',
    ('eager', 'maxb3', 'float64'): 'c10e0d9cd35f84b2',
    ('eager', 'maxsl', 'float16'): 'f81629c3e7a8eb21',
    ('eager', 'maxsl', 'float32'): 'dcf88d59773e320d',
    ('eager', 'maxsl', 'float64'): 'e587b7f883512254',
    ('eager', 'maxsr', 'float16'): '4f668c1e83535112',
    ('eager', 'maxsr', 'float32'): 'e41e91d48cec1a51',
    ('eager', 'maxsr', 'float64'): '7c54034ec6e209a0',
    ('eager', 'min', 'float16'): 'd0ef7ab6048da88c',
    ('eager', 'min', 'float32'): '9fb4c59158fd419c',
    ('eager', 'min', 'float64'): 'cec3aa885aa9074e',
    ('eager', 'minb2', 'float16'): '1985121b131d4cfc',
    ('eager', 'minb2', 'float32'): 'cde28bdec62420ed',
    ('eager', 'minb2', 'float64'): 'd914f67d2c6e0eaa',
    ('eager', 'minb3', 'float16'): '4d11bf298015b699',
    ('eager', 'minb3', 'float32'): '2a37a0ac216fc574',
    ('eager', 'minb3', 'float64'): 'ac8635bd3c9e7fbb',
    ('eager', 'minsl', 'float16'): '7f2732c91e678267',
    ('eager', 'minsl', 'float32'): '5f4adf6bf37416e9',
    ('eager', 'minsl', 'float64'): '70bbe8c8f3a0998b',
    ('eager', 'minsr', 'float16'): '8fe2d42a76b84fc5',
    ('eager', 'minsr', 'float32'): 'd48feb5b8acbaabd',
    ('eager', 'minsr', 'float64'): '96761c6302d286ae',
    ('eager', 'neg', 'float16'): '885f4f2e20678ccf',
    ('eager', 'neg', 'float32'): 'f352c3f020afb59e',
    ('eager', 'neg', 'float64'): 'f55fdf6adca6d1ce',
    ('eager', 'relu', 'float16'): '7e44c50225b7dfd7',
    ('eager', 'relu', 'float32'): '5191f0ad9fe01916',
    ('eager', 'relu', 'float64'): '7eed189ad6b15c90',
    ('graph', 'abs', 'float16'): 'bf42627ac6f8dd2f',
    ('graph', 'abs', 'float32'): 'a95c17e3f4a88b01',
    ('graph', 'abs', 'float64'): '57c23c9590f5df4c',
    ('graph', 'clip', 'float16'): 'fb6b14b7750c4f31',
    ('graph', 'clip', 'float32'): 'e81b5d392d89a4f5',
    ('graph', 'clip', 'float64'): '602f8192e1e18954',
    ('graph', 'max', 'float16'): 'b0248e15c7a45cd5',
    ('graph', 'max', 'float32'): 'a2c4291af556cb2b',
    ('graph', 'max', 'float64'): '9473f13233b06298',
    ('graph', 'maxb2', 'float16'): 'cfb0730ee04f83db',
    ('graph', 'maxb2', 'float32'): '95bf18453ce5c747',
    ('graph', 'maxb2', 'float64'): 'cdfde290c0bcc2a8',
    ('graph', 'maxb3', 'float16'): '61c0cb18df81b405',
    ('graph', 'maxb3', 'float32'): '7391ce63b48814be',
    ('graph', 'maxb3', 'float64'): '01e3b423ecd78536',
    ('graph', 'maxsl', 'float16'): 'f81629c3e7a8eb21',
    ('graph', 'maxsl', 'float32'): '58f4a5a244c72853',
    ('graph', 'maxsl', 'float64'): '5d0ba1dd4109a6bd',
    ('graph', 'maxsr', 'float16'): '4f668c1e83535112',
    ('graph', 'maxsr', 'float32'): '7b535a7ce8303512',
    ('graph', 'maxsr', 'float64'): 'b77d3bed48a9c7c1',
    ('graph', 'min', 'float16'): 'd0ef7ab6048da88c',
    ('graph', 'min', 'float32'): 'a5c72242de34a36e',
    ('graph', 'min', 'float64'): '4f899e2e9fe2d136',
    ('graph', 'minb2', 'float16'): '1985121b131d4cfc',
    ('graph', 'minb2', 'float32'): 'b1ae001bda9fb6ee',
    ('graph', 'minb2', 'float64'): '1652ebd94a535e33',
    ('graph', 'minb3', 'float16'): '4d11bf298015b699',
    ('graph', 'minb3', 'float32'): '672a483ba86110a8',
    ('graph', 'minb3', 'float64'): 'fe39ece5719c93ea',
    ('graph', 'minsl', 'float16'): '7f2732c91e678267',
    ('graph', 'minsl', 'float32'): '5d86ce2f35b29388',
    ('graph', 'minsl', 'float64'): '013cb09942bfba33',
    ('graph', 'minsr', 'float16'): '8fe2d42a76b84fc5',
    ('graph', 'minsr', 'float32'): '66c2812fa31aa6d1',
    ('graph', 'minsr', 'float64'): 'eff6754b50f1e1d2',
    ('graph', 'neg', 'float16'): '885f4f2e20678ccf',
    ('graph', 'neg', 'float32'): '63f1a58158de19bf',
    ('graph', 'neg', 'float64'): '009c87cbe9e370a1',
    ('graph', 'relu', 'float16'): '7e44c50225b7dfd7',
    ('graph', 'relu', 'float32'): '611f26af64d53dd7',
    ('graph', 'relu', 'float64'): '067f12be3ceebb53',
}

BIG_DIGESTS = {
    ('eager', 'bmax', 'float16', 100000): 'ab9bc8a4500b9f76',
    ('eager', 'bmax', 'float32', 95999): 'c20840f79eb172f1',
    ('eager', 'bmax', 'float32', 96000): '4dc40a7732ba0b6c',
    ('eager', 'bmax', 'float32', 96001): '5feba36594b10fb1',
    ('eager', 'bmax', 'float32', 139999): 'ec826267fab5270a',
    ('eager', 'bmax', 'float32', 140000): '95f5491df95c09f1',
    ('eager', 'bmax', 'float64', 47999): 'e0cacf00e94de41a',
    ('eager', 'bmax', 'float64', 48000): '037d54c51a203ccc',
    ('eager', 'bmax', 'float64', 48001): '1d19bca356549c7e',
    ('eager', 'bmax', 'float64', 69999): '8b968c363fd00674',
    ('eager', 'bmax', 'float64', 70000): '62b73fa2aaf145f3',
    ('eager', 'bmaxs', 'float16', 100000): 'd514c5fe3fc7afb7',
    ('eager', 'bmaxs', 'float32', 95999): '0d85763b9ed43fc0',
    ('eager', 'bmaxs', 'float32', 96000): '5f61d7e28d3b8cd6',
    ('eager', 'bmaxs', 'float32', 96001): 'ce39646cfaf35ef8',
    ('eager', 'bmaxs', 'float32', 139999): '50a1e4ba45c27c24',
    ('eager', 'bmaxs', 'float32', 140000): 'af92164919ba8872',
    ('eager', 'bmaxs', 'float64', 47999): '286097ad8d2547c6',
    ('eager', 'bmaxs', 'float64', 48000): '0f1c86f9b909e971',
    ('eager', 'bmaxs', 'float64', 48001): 'fce4075b8e78a03c',
    ('eager', 'bmaxs', 'float64', 69999): '3b17cd045b742f31',
    ('eager', 'bmaxs', 'float64', 70000): '4f6b4bab9450793a',
    ('eager', 'bmin', 'float16', 100000): '4860ff0ea1d1d538',
    ('eager', 'bmin', 'float32', 95999): '37c0a4455f5b9b1a',
    ('eager', 'bmin', 'float32', 96000): '984aa69a4c02d06f',
    ('eager', 'bmin', 'float32', 96001): '126a8316c344d69f',
    ('eager', 'bmin', 'float32', 139999): 'e2775fe14a2c575d',
    ('eager', 'bmin', 'float32', 140000): '5ba57414be2037da',
    ('eager', 'bmin', 'float64', 47999): '063825534e15d566',
    ('eager', 'bmin', 'float64', 48000): '97f2c4b35e174b46',
    ('eager', 'bmin', 'float64', 48001): '44574febe9f4ad58',
    ('eager', 'bmin', 'float64', 69999): '6e798ca644d545c4',
    ('eager', 'bmin', 'float64', 70000): 'fb90676980d143f9',
    ('eager', 'bmins', 'float16', 100000): 'ee9fae7cf661bbc1',
    ('eager', 'bmins', 'float32', 95999): '5379fde42fb74df1',
    ('eager', 'bmins', 'float32', 96000): '28c0adb876e82ecb',
    ('eager', 'bmins', 'float32', 96001): '7648500e7bef333f',
    ('eager', 'bmins', 'float32', 139999): '1a6dd58b23d857f2',
    ('eager', 'bmins', 'float32', 140000): '6d1932eeee27bb68',
    ('eager', 'bmins', 'float64', 47999): '7824b4c18f7dd62b',
    ('eager', 'bmins', 'float64', 48000): '8228e4bfe2f816b4',
    ('eager', 'bmins', 'float64', 48001): '8f375404ab1953af',
    ('eager', 'bmins', 'float64', 69999): '14593a86aa41a64d',
    ('eager', 'bmins', 'float64', 70000): '0d8ddaab78dd8938',
    ('eager', 'bneg', 'float16', 100000): '58291b425284fecf',
    ('eager', 'bneg', 'float32', 95999): '205d76d3e36ee28e',
    ('eager', 'bneg', 'float32', 96000): '674839ae564779a7',
    ('eager', 'bneg', 'float32', 96001): '7e9046f62af2b8e9',
    ('eager', 'bneg', 'float32', 139999): '45f4929f4d191a10',
    ('eager', 'bneg', 'float32', 140000): '7ad8ac60a59154eb',
    ('eager', 'bneg', 'float64', 47999): 'e0d2edc4ec18b199',
    ('eager', 'bneg', 'float64', 48000): 'e4a2b3964631e974',
    ('eager', 'bneg', 'float64', 48001): 'b4ae628462f97570',
    ('eager', 'bneg', 'float64', 69999): '8bb93690fedb2b18',
    ('eager', 'bneg', 'float64', 70000): '683f0c966e8eaccd',
    ('eager', 'brelu', 'float16', 100000): '6f740b646342d3cd',
    ('eager', 'brelu', 'float32', 95999): 'c2c8a3e8cefc7bfb',
    ('eager', 'brelu', 'float32', 96000): 'f7f0b93b7f825fbb',
    ('eager', 'brelu', 'float32', 96001): 'be136d0951f30c3c',
    ('eager', 'brelu', 'float32', 139999): 'e769963aab6160da',
    ('eager', 'brelu', 'float32', 140000): 'aaec3137469db5ae',
    ('eager', 'brelu', 'float64', 47999): '6fb80123a1f8e803',
    ('eager', 'brelu', 'float64', 48000): '20c0cf6b52bb5d87',
    ('eager', 'brelu', 'float64', 48001): '8b52eaa33f14ee19',
    ('eager', 'brelu', 'float64', 69999): 'bd5ff0b423f562e4',
    ('eager', 'brelu', 'float64', 70000): '10b02f714f3a2226',
    ('graph', 'bmax', 'float16', 100000): 'ab9bc8a4500b9f76',
    ('graph', 'bmax', 'float32', 95999): 'cf71c6913e118044',
    ('graph', 'bmax', 'float32', 96000): '4dc40a7732ba0b6c',
    ('graph', 'bmax', 'float32', 96001): '5feba36594b10fb1',
    ('graph', 'bmax', 'float32', 139999): 'ec826267fab5270a',
    ('graph', 'bmax', 'float32', 140000): '95f5491df95c09f1',
    ('graph', 'bmax', 'float64', 47999): '0a0794cb2867dbc9',
    ('graph', 'bmax', 'float64', 48000): '037d54c51a203ccc',
    ('graph', 'bmax', 'float64', 48001): '1d19bca356549c7e',
    ('graph', 'bmax', 'float64', 69999): '8b968c363fd00674',
    ('graph', 'bmax', 'float64', 70000): '62b73fa2aaf145f3',
    ('graph', 'bmaxs', 'float16', 100000): 'd514c5fe3fc7afb7',
    ('graph', 'bmaxs', 'float32', 95999): '1c4b107aabbb6531',
    ('graph', 'bmaxs', 'float32', 96000): 'cd17ee48635fdf37',
    ('graph', 'bmaxs', 'float32', 96001): 'fa472208c481ecce',
    ('graph', 'bmaxs', 'float32', 139999): 'd3709d3d1367af6f',
    ('graph', 'bmaxs', 'float32', 140000): 'af92164919ba8872',
    ('graph', 'bmaxs', 'float64', 47999): '718b263396584796',
    ('graph', 'bmaxs', 'float64', 48000): '53ead25ee2c41d70',
    ('graph', 'bmaxs', 'float64', 48001): '92efe4a968217f91',
    ('graph', 'bmaxs', 'float64', 69999): 'b9505348eb70efc5',
    ('graph', 'bmaxs', 'float64', 70000): '4f6b4bab9450793a',
    ('graph', 'bmin', 'float16', 100000): '4860ff0ea1d1d538',
    ('graph', 'bmin', 'float32', 95999): '650ef85190e807d4',
    ('graph', 'bmin', 'float32', 96000): '984aa69a4c02d06f',
    ('graph', 'bmin', 'float32', 96001): '126a8316c344d69f',
    ('graph', 'bmin', 'float32', 139999): 'e2775fe14a2c575d',
    ('graph', 'bmin', 'float32', 140000): '5ba57414be2037da',
    ('graph', 'bmin', 'float64', 47999): '014b5aa4bd08010e',
    ('graph', 'bmin', 'float64', 48000): '97f2c4b35e174b46',
    ('graph', 'bmin', 'float64', 48001): '44574febe9f4ad58',
    ('graph', 'bmin', 'float64', 69999): '6e798ca644d545c4',
    ('graph', 'bmin', 'float64', 70000): 'fb90676980d143f9',
    ('graph', 'bmins', 'float16', 100000): 'ee9fae7cf661bbc1',
    ('graph', 'bmins', 'float32', 95999): 'a4c864a74d1541b2',
    ('graph', 'bmins', 'float32', 96000): '28c0adb876e82ecb',
    ('graph', 'bmins', 'float32', 96001): '7648500e7bef333f',
    ('graph', 'bmins', 'float32', 139999): '9e1dbe05e0bf3e2a',
    ('graph', 'bmins', 'float32', 140000): '6d1932eeee27bb68',
    ('graph', 'bmins', 'float64', 47999): '854e5e76e260b9d9',
    ('graph', 'bmins', 'float64', 48000): '8228e4bfe2f816b4',
    ('graph', 'bmins', 'float64', 48001): '8f375404ab1953af',
    ('graph', 'bmins', 'float64', 69999): '7364d93b2fa41bd9',
    ('graph', 'bmins', 'float64', 70000): '0d8ddaab78dd8938',
    ('graph', 'bneg', 'float16', 100000): '58291b425284fecf',
    ('graph', 'bneg', 'float32', 95999): 'f8e8d2bc6f9de562',
    ('graph', 'bneg', 'float32', 96000): '2b9df2bfcdf19420',
    ('graph', 'bneg', 'float32', 96001): 'c30dd5edd120bcdd',
    ('graph', 'bneg', 'float32', 139999): '1db66341ec3fb060',
    ('graph', 'bneg', 'float32', 140000): '7ad8ac60a59154eb',
    ('graph', 'bneg', 'float64', 47999): '441d18eecaa4c854',
    ('graph', 'bneg', 'float64', 48000): 'c5a35ea6fdf79c16',
    ('graph', 'bneg', 'float64', 48001): 'ca9f82d8a592a7bd',
    ('graph', 'bneg', 'float64', 69999): '155126633505c2bd',
    ('graph', 'bneg', 'float64', 70000): '683f0c966e8eaccd',
    ('graph', 'brelu', 'float16', 100000): '6f740b646342d3cd',
    ('graph', 'brelu', 'float32', 95999): '61b08734acb4adfd',
    ('graph', 'brelu', 'float32', 96000): 'f7f0b93b7f825fbb',
    ('graph', 'brelu', 'float32', 96001): 'be136d0951f30c3c',
    ('graph', 'brelu', 'float32', 139999): 'e769963aab6160da',
    ('graph', 'brelu', 'float32', 140000): 'aaec3137469db5ae',
    ('graph', 'brelu', 'float64', 47999): '630f0740905a5a47',
    ('graph', 'brelu', 'float64', 48000): '20c0cf6b52bb5d87',
    ('graph', 'brelu', 'float64', 48001): '8b52eaa33f14ee19',
    ('graph', 'brelu', 'float64', 69999): 'bd5ff0b423f562e4',
    ('graph', 'brelu', 'float64', 70000): '10b02f714f3a2226',
}


@pytest.mark.parametrize("key", sorted(SMALL_DIGESTS))
def test_small_digest(key):
    mode, op, dt = key
    h = hashlib.sha256()
    for out in small_outputs(CTX[mode], op, dt):
        assert out.dtype == np.dtype(dt)
        h.update(canon(out))
    assert h.hexdigest()[:16] == SMALL_DIGESTS[key]


@pytest.mark.parametrize("key", sorted(BIG_DIGESTS))
def test_big_digest(key):
    mode, op, dt, n = key
    out = big_output(CTX[mode], op, dt, n)
    assert out.shape == (n,) and out.dtype == np.dtype(dt)
    assert hashlib.sha256(canon(out)).hexdigest()[:16] == BIG_DIGESTS[key]


# Explicit bits recorded from TF 1.15.5. n = 9 float32: elements 0..7 packet, 8 scalar tail.
A9 = np.array([NAN, 1.0, 0.0, -0.0, 1e-40, 0.0, -1e-40, -0.0, NAN], np.float32)
B9 = np.array([1.0, NAN, -0.0, 0.0, 0.0, 1e-40, 0.0, 1e-45, -2.0], np.float32)


def test_eager_max_min_bits():
    a0, b0 = A9.copy(), B9.copy()
    assert bits(cwise.Maximum(EAGER, A9, B9)) == [
        0x7fc00000, 0x3f800000, 0x0, 0x80000000, 0x116c2, 0x116c2, 0x0, 0x1, 0x7fc00000]
    assert bits(cwise.Minimum(EAGER, A9, B9)) == [
        0x7fc00000, 0x3f800000, 0x0, 0x80000000, 0x0, 0x0, 0x800116c2, 0x80000000, 0x7fc00000]
    # n = 3: all scalar
    assert bits(cwise.Maximum(EAGER, A9[:3], B9[:3])) == [0x7fc00000, 0x3f800000, 0x0]
    assert bits(cwise.Minimum(EAGER, A9[:3], B9[:3])) == [0x7fc00000, 0x3f800000, 0x0]
    assert bits(A9) == bits(a0) and bits(B9) == bits(b0)      # inputs untouched


def test_graph_max_min_relu_neg_bits():
    a = A9.copy()
    a[8] = 1e-40
    b = B9.copy()
    b[8] = -0.0
    daz = [0x7fc00000, 0x3f800000, 0x0, 0x80000000, 0x0, 0x0, 0x80000000, 0x80000000, 0x0]
    assert bits(cwise.Maximum(GRAPH, a, b)) == daz
    assert bits(cwise.Minimum(GRAPH, a, b)) == daz
    assert bits(cwise.Relu(GRAPH, a)) == daz
    # packet 0 - x under DAZ; the tail flips the sign bit of the subnormal
    assert bits(cwise.Neg(GRAPH, a)) == [
        0x7fc00000, 0xbf800000, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x800116c2]


def test_eager_relu_neg_bits():
    x = np.array([-0.0, 0.0, -1e-40, 1e-40, NAN, -1.0, 2.0, -0.0, 0.0, -0.0, -1e-40], np.float32)
    assert bits(cwise.Relu(EAGER, x)) == [
        0x80000000, 0x0, 0x0, 0x116c2, 0x7fc00000, 0x0, 0x40000000, 0x80000000, 0x0,
        0x80000000, 0x0]
    assert bits(cwise.Neg(EAGER, x)) == [
        0x0, 0x0, 0x116c2, 0x800116c2, 0x7fc00000, 0x3f800000, 0xc0000000, 0x0, 0x80000000,
        0x0, 0x116c2]
    xd = np.array([0.0, -0.0, 1e-310, NAN, 0.0, -0.0], np.float64)
    assert bits(cwise.Neg(EAGER, xd)) == [
        0x0, 0x0, 0x800012688b70e62b, 0x7ff8000000000000, 0x8000000000000000, 0x0]


def test_eager_half_max_bits():
    h = np.array([NAN, 1.0, 0.0, -0.0, 6e-8], np.float16)
    hb = np.array([1.0, NAN, -0.0, 0.0, -0.0], np.float16)
    assert bits(cwise.Maximum(EAGER, h, hb)) == [0x7e00, 0x3c00, 0x0, 0x8000, 0x1]


def test_v2_unchanged_tie_rule():
    """TF 2.21 keeps its own rules (PropagateNaN, second operand on packet ties)."""
    ctx = ExecContext("v2", NumericsProfile(threads=2))
    r = cwise.Maximum(ctx, A9, B9)
    assert np.isnan(r[1]) and np.isnan(r[8])


# Eager tiled (real broadcast) evaluations: the smallest row count r at which TF 1.15.5 ran
# Maximum on the FTZ pool (2 threads): a = full(shape_a(r), subnormal), b = zeros(shape_b);
# the result is all +0 from r on and equals a (subnormal) at r - 1.
TILED_FIRST_FLUSHED = [
    ("float32", lambda r: (r, 1), (1, 2), 6481), ("float32", lambda r: (r, 1), (1, 3), 4321),
    ("float64", lambda r: (r, 1), (1, 2), 3241), ("float64", lambda r: (r, 1), (1, 3), 2161),
    ("float32", lambda r: (r, 2), (1, 2), 11191), ("float32", lambda r: (r, 3), (1, 3), 7461),
    ("float64", lambda r: (r, 2), (1, 2), 5596), ("float64", lambda r: (r, 3), (1, 3), 3731),
    ("float32", lambda r: (r, 1, 3), (1, 2, 3), 1176),
    ("float32", lambda r: (r, 1, 5), (1, 2, 5), 706),
    ("float64", lambda r: (r, 1, 3), (1, 2, 3), 591),
    ("float64", lambda r: (r, 1, 5), (1, 2, 5), 356),
]


@pytest.mark.parametrize("case", TILED_FIRST_FLUSHED)
def test_tiled_eager_ftz_threshold(case):
    dt, shape_a, shape_b, r = case
    tiny = np.dtype(dt).type(1e-40 if dt == "float32" else 1e-310)
    for rows, flushed in ((r - 1, False), (r, True)):
        a = np.full(shape_a(rows), tiny, dt)
        out = cwise.Maximum(EAGER, a, np.zeros(shape_b, dt))
        assert out.dtype == np.dtype(dt)
        if flushed:
            assert not any(bits(out))             # every element +0
        else:
            assert np.all(out == tiny)


# One-sided rank-2 broadcast [40, 600] vs [1, 600] float32 (5 blocks of 8 x 600 > T): flushed.
def test_tiled_eager_ftz_block_cost():
    a = np.full((40, 30, 20), np.float32(1e-40))
    b = np.zeros((1, 30, 20), np.float32)
    assert not any(bits(cwise.Maximum(EAGER, a, b)))
    a = np.full((2000, 5), np.float32(1e-40))
    assert np.all(cwise.Maximum(EAGER, a, np.zeros(5, np.float32)) == np.float32(1e-40))
