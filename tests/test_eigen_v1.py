"""Bit-exact tests for tfxent._numerics.eigen_v1 (TensorFlow 1.15.5 / Eigen cdb377d0).

Expected values were recorded from tensorflow 1.15.5 (CPU wheel, x86-64, glibc 2.36 host with
FMA) on the same deterministic inputs: sha256 digests of whole outputs (every NaN replaced by
one NaN, since any NaN equals any NaN), and exact bits of special cases. No TensorFlow is
needed at test time.
"""
import hashlib

import numpy as np
import pytest

from tfxent._numerics import eigen_v1 as E

_SPECIAL = (float("nan"), float("inf"), -float("inf"), 0.0, -0.0, 1.0, -1.0, 1e-40, -1e-40,
            1e-310, -1e-310, 88.3762626647950, 88.37626, 88.72283, -87.68313, -87.68312,
            -87.33655, -87.5, -88.0, -100.0, -104.0, 709.436139303104, 709.4361393031039,
            709.78, -708.7429921225441, -708.74, -745.0, -746.0, 18.0, -18.0, 17.99, -18.01,
            65504.0, -17.0, 11.09, -10.0, 1e-8, -1e-8, 1.4e-45, 5e-324, -0.9999999, 6e-8)
_RANGE = {"float16": 11.5, "float32": 89.0, "float64": 710.0}


def make_input(dtype, n, seed):
    """Deterministic test input: splitmix64 bits -> a mix of raw bit patterns, wide and
    narrow uniform values, values near -1, and special values."""
    m64 = np.uint64(0xFFFFFFFFFFFFFFFF)
    z = (np.arange(n, dtype=np.uint64) + np.uint64(seed) * np.uint64(1000003)) * np.uint64(0x9E3779B97F4A7C15)
    z = z ^ (z >> np.uint64(30)); z = (z * np.uint64(0xBF58476D1CE4E5B9)) & m64
    z = z ^ (z >> np.uint64(27)); z = (z * np.uint64(0x94D049BB133111EB)) & m64
    z = z ^ (z >> np.uint64(31))
    dt = np.dtype(dtype)
    u = (z >> np.uint64(11)).astype(np.float64) * 2.0 ** -53
    kind = (z & np.uint64(7)).astype(np.int64)
    r = _RANGE[dt.name]
    with np.errstate(all="ignore"):
        out = ((2 * u - 1) * r).astype(dt)
        narrow = ((2 * u - 1) * 20).astype(dt)
        near = (-1 + (2 * u - 1) * np.ldexp(1.0, -((z >> np.uint64(52)).astype(np.int64) % 41))).astype(dt)
        bitsf = {2: lambda: (z >> np.uint64(40)).astype(np.uint16).view(dt),
                 4: lambda: (z >> np.uint64(20)).astype(np.uint32).view(dt),
                 8: lambda: z.view(dt)}[dt.itemsize]()
        spec = np.array(_SPECIAL, np.float64).astype(dt)[(z >> np.uint64(50)).astype(np.int64) % len(_SPECIAL)]
    out = np.where(kind < 2, bitsf, out)
    out = np.where(kind == 3, narrow, out)
    out = np.where(kind == 4, near, out)
    out = np.where(kind == 5, spec, out)
    return out.astype(dt)


def digest(a):
    """sha256 of dtype, shape and bytes, every NaN replaced by the same NaN."""
    a = np.array(a, copy=True)
    a[np.isnan(a)] = np.nan
    return hashlib.sha256(a.dtype.str.encode() + repr(a.shape).encode() + a.tobytes()).hexdigest()


# (op, dtype, n, mode, intra-op threads, seed, sha256 of TF 1.15.5's output)
CASES = [
    ("exp", "float32", 1, "eager", 2, 0, "9a9a354e642635852b0a9c66a47583ca0a7d05c97c4aebb8204f785ea4130905"),
    ("exp", "float32", 13, "eager", 2, 1, "1f5042273f005bbef7f69cb2fefb66eef3fa567c5162f018e9ed15d98ff04f78"),
    ("exp", "float32", 1003, "eager", 2, 2, "80bb0fc958b6f42f98db1e7c4fd6ae872e30c1443eab22e3d2ea8727c3b1af23"),
    ("exp", "float32", 37333, "eager", 2, 3, "33f3f658005498875a2b214bad9ee220e46db303a0928db3a9a97b65f6dde956"),
    ("exp", "float32", 37334, "eager", 2, 4, "507bcba4b81a8a01cd7f7a63b9eafdb52464fd7468c612f67eea35d517b54cb7"),
    ("exp", "float32", 37341, "eager", 2, 5, "ca430971a70aa1f9b84c4d8c66f4c89178657ca8277c79dc25b2c04d7e3983fb"),
    ("exp", "float32", 39950, "eager", 4, 6, "df847ea2eff062f9cf8eab0e6301332e4ee078a054d1d542a0bde4072b7efe13"),
    ("exp", "float32", 1003, "graph", 2, 7, "9cf21376d304873a9620f87b75b8bbcea30dd4b9bf62fa80aed72dda908a86fb"),
    ("exp", "float32", 18672, "graph", 2, 8, "375453e5a2d9e4d90127e08c47b81a52bffebd4fe1de67f52c2a69eea5dd15a2"),
    ("log", "float32", 1, "eager", 2, 9, "50b5c3d5f58e798e3f7fa5fde3cb0c5ead1e6213a739008f596b6dc060c13df9"),
    ("log", "float32", 13, "eager", 2, 10, "9826748e582b860865bc26eefbb6835cc8789c3934ba3c9d51b42e0cee814094"),
    ("log", "float32", 1003, "eager", 2, 11, "0edd010c1921e898b42a5c9f665a42d025ceee875a1af8d1b46ea72d362e7919"),
    ("log", "float32", 27540, "eager", 2, 12, "c95d40a246edd8326043505049610121ee85113b4b56a012946b3b63d7defc3d"),
    ("log", "float32", 27541, "eager", 2, 13, "793b36f9573ffdcb501c29be6fb285654f8069218be3defcfb427acf6fd22faf"),
    ("log", "float32", 27548, "eager", 2, 14, "d223fad2afa5e1a75a03d8d70cbc5962895bdc690c95b7425f5dbae55fda53a8"),
    ("log", "float32", 29471, "eager", 4, 15, "650288d32dc14cc090bddfa92fd816d4086e7a1e166accce7ea4e1fcd4f76b55"),
    ("log", "float32", 1003, "graph", 2, 16, "6fcc03769322594c7400b22b6ac244f72f8df99edba934ca9269e1c01878d6ce"),
    ("log", "float32", 13775, "graph", 2, 17, "89db8e9951afe9d5a9a1397b9deb8004131e3087ce43a4ed53835713edefe922"),
    ("log1p", "float32", 1, "eager", 2, 18, "79836aa921b760a6c1414f86f0becf1979a15f5cc64408a9e73aa1e164148a45"),
    ("log1p", "float32", 13, "eager", 2, 19, "8a6d2c86d4809c2d7a4c30b3ef6ffbcc87107356e32f8c6ed15b1131f6df1a58"),
    ("log1p", "float32", 1003, "eager", 2, 20, "e9516f01e97fa1a1896d254e9304a1cb602f0d4ce8113f80f03531786f39f18e"),
    ("log1p", "float32", 27540, "eager", 2, 21, "6ed7cbf6fb3865f7a95a3ac6606b741058bdb64490e6d157fdc75af6f8007f86"),
    ("log1p", "float32", 27541, "eager", 2, 22, "e84cf7ec65dfaaa1eaf80a7f032c48e3b83752048dbfa8bba2599103a8b65e42"),
    ("log1p", "float32", 27548, "eager", 2, 23, "8d921699efa2f19128c2fd1c78d7093564ef10d39d845b2ebcaf8dc7735602f8"),
    ("log1p", "float32", 29471, "eager", 4, 24, "3672ffd96e5ce31f12829ac29614faa3be6ed8df64c1a9d0a1941d4a2992759b"),
    ("log1p", "float32", 1003, "graph", 2, 25, "81c6edd6545479238582c9077707be4e7466c31b8636656a353bb7ff358a4eb9"),
    ("log1p", "float32", 13775, "graph", 2, 26, "f6de7984685f732df5c8a45914405747cfbb7baa036a2978616f53de27dc5dc9"),
    ("sigmoid", "float32", 1, "eager", 2, 27, "cdb1a566b92243097fa976fd76f9361966a556693037a7918f643616ca77df24"),
    ("sigmoid", "float32", 13, "eager", 2, 28, "ccc9cdb190ec16fb9c812209f84be52f572c2c563f7affbc4d80f00ceb99170d"),
    ("sigmoid", "float32", 1003, "eager", 2, 29, "5242531d8ba593e6bfdab5867aebca7634b2cc640c2b690cbad97723304e04fd"),
    ("sigmoid", "float32", 34999, "eager", 2, 30, "739d5d82ce8499af9b18612868a778c013f1f36e72f7548a2059080b02d779ab"),
    ("sigmoid", "float32", 35000, "eager", 2, 31, "7472b53d3a79db318ddfef75d433aa4e8ec1ff35bb620144e2f3545d318a52f3"),
    ("sigmoid", "float32", 35007, "eager", 2, 32, "8adf6b2fc7445fcca6dd0634aea1d1d938385d23b5c50f779f9e9f7eb07bbdf2"),
    ("sigmoid", "float32", 37453, "eager", 4, 33, "06ff86ca298e35684c7053dfb978f4dedc0250284ddbe274a995804bbb9ac9a0"),
    ("sigmoid", "float32", 1003, "graph", 2, 34, "0ba16ce6f99972713f510e9282aa14ae6151e38513c579dfeb253f9f3836da68"),
    ("sigmoid", "float32", 17505, "graph", 2, 35, "03d004853fe6557452e82db384f5f93c3f1fe108f2fe64d164de7ce0e33a1154"),
    ("exp", "float64", 1, "eager", 2, 36, "6be3e0ccb2b65cc8d7e2cd0274e61e23913b901e366c2dccd0f7c871129456a7"),
    ("exp", "float64", 13, "eager", 2, 37, "8428674baec7d78b9bfb0acff32712870377eaec1f4c671d90067cf7f20206e2"),
    ("exp", "float64", 1003, "eager", 2, 38, "c52061bbde9f7f174d836d812669676b4bc46d51cec3408345a831d0279e220d"),
    ("exp", "float64", 13548, "eager", 2, 39, "e0f9e7cef99c90e7245415909b91767b8111a027581f94bb7486af3b704ecf0e"),
    ("exp", "float64", 13549, "eager", 2, 40, "fbce63b056606847a2e3cd891c3e6e7dd51fa3d8b5c528b3df9167581a4033f9"),
    ("exp", "float64", 13556, "eager", 2, 41, "9d069a3e5d531ff1bd23e9f0e9539805c01554ac7cc838a47fc503f5c848bc2b"),
    ("exp", "float64", 14500, "eager", 4, 42, "2c2bf1148b9eca9cc61596103d8b2b8fdbc9e23d8d61d618f39587a9d6af4b9a"),
    ("exp", "float64", 1003, "graph", 2, 43, "2b243ea8c595c84054dcbd2e47a5a5fd5470c032edc5505a348f97c3f1338524"),
    ("exp", "float64", 6779, "graph", 2, 44, "70d66c7abd957da8125cf70adad5c9891a780e8bbe0c62d4315b7d15e0b5229c"),
    ("log", "float64", 1, "eager", 2, 45, "f6ea7952264f49e556c8bcb497e91e8e570c3fe739ced3ef54f1c118b2207eba"),
    ("log", "float64", 13, "eager", 2, 46, "956687de3bc810a139b27738f3806574fb64b7617b87377f55ddf94f4ac4c793"),
    ("log", "float64", 1003, "eager", 2, 47, "e6912603d8870c99f45ed40c3995da1b1928a8135c33ca4034caa925dcd1cdc6"),
    ("log", "float64", 2393, "eager", 2, 48, "47fd93ff021fe3518010c5b3d28ba5ed866f37d2aa4cc3032b71193a3b2054be"),
    ("log", "float64", 2394, "eager", 2, 49, "8672c43a1b57079767375603bb285b789f65e45f82f3a015016fc3dbc026e586"),
    ("log", "float64", 2401, "eager", 2, 50, "6257edf43ed7632b1de41d731934702b80e7bc0eff8590b0bcf646432c7fcf36"),
    ("log", "float64", 2564, "eager", 4, 51, "2a81e889dad27597036bd90740bf52cea9d586b44e5c5a32b3eb50c79d082626"),
    ("log", "float64", 1003, "graph", 2, 52, "6655db5cfb41076f594d34e30a2238f56db88602c44838646ecd38628b4bdb70"),
    ("log", "float64", 1202, "graph", 2, 53, "a80c2b836963b4d444cf4660a88528516ef20061c8871710f7e0a866694991ce"),
    ("log1p", "float64", 1, "eager", 2, 54, "629ff97c8003077cf85be3100559558c1b044741da74729b677deb48927d6170"),
    ("log1p", "float64", 13, "eager", 2, 55, "37c815025e38a79e4a77932434c2adb2f9be762fc12927d3c03760e6c88a497a"),
    ("log1p", "float64", 1003, "eager", 2, 56, "8aab82a4712853e3fa4af45eb20fbdc951c827039ad2f57af531a53153afb466"),
    ("log1p", "float64", 2393, "eager", 2, 57, "b68e8c073f858189dbe4b5cde4ea4f9f6950ff2325d874357df69746f724a8f5"),
    ("log1p", "float64", 2394, "eager", 2, 58, "439004500eedc0046d91bfa30e6d3a7b74e6a4eecdf8dfa3867b52c11011f494"),
    ("log1p", "float64", 2401, "eager", 2, 59, "b4d2a7c85a088a77a728b83d968f25c3133f188dff3c4b37e7154e6eef3d886f"),
    ("log1p", "float64", 2564, "eager", 4, 60, "54697e4bf0fbdb304497aa7165d7638582384b19bb5c214b437710ee12e8ee62"),
    ("log1p", "float64", 1003, "graph", 2, 61, "3bb8f9be64aab690fbc25457ffaaee442ff18b75af174b8bffa2e0647a15a09d"),
    ("log1p", "float64", 1202, "graph", 2, 62, "58ddff5cd0201b3e4a20f3a69f92df004877f9c5bac1fb969c34486cf1119e5b"),
    ("sigmoid", "float64", 1, "eager", 2, 63, "7f772bdf682f6906072ec7863baeaa10b6816c258e6d9e6596fda954913a379a"),
    ("sigmoid", "float64", 13, "eager", 2, 64, "dcce71d9d6c3a81e4458ab195e87b54918b9bd21f52b7f33d583d413ced0da12"),
    ("sigmoid", "float64", 1003, "eager", 2, 65, "69e1915ea9bf7e1515c5825cc51de3dcbc2cedda0969c00ff087ad8834ec6f3c"),
    ("sigmoid", "float64", 10499, "eager", 2, 66, "ce99c22062f7863fa42002b2df092685b0f6546a00195c3e0c86fd479b7dd70e"),
    ("sigmoid", "float64", 10500, "eager", 2, 67, "697dd16a1c2f3f2b87c9caae07ce145871b968515cf468ebb46367e199666ae5"),
    ("sigmoid", "float64", 10507, "eager", 2, 68, "2e407856f02383e9c2023b3ea32b88fb6bcf174ed47b3f0ba1c3bc4a8bcd35fa"),
    ("sigmoid", "float64", 11238, "eager", 4, 69, "91716c4131ad51e203bd4a3f646f8a85fa07b6b48baef0092f127b65a891c7b6"),
    ("sigmoid", "float64", 1003, "graph", 2, 70, "5521a6e98cc5c33133505845ba0cf51775d249f4179de111a5dc12f1618d20fd"),
    ("sigmoid", "float64", 5255, "graph", 2, 71, "b2dec6b0d6707e9f89b520371abbdcd5a10ad955e8b188f7d2a5f798f8aa2909"),
    ("exp", "float16", 1, "eager", 2, 72, "8eece2be16af54f75d624635f5dac54c7280d5f3f66116a817367407585d97db"),
    ("exp", "float16", 13, "eager", 2, 73, "a699a3adbbe379a6f818ae94d2fbc86c32402558d7e5193a09c47fb0d1d4a69b"),
    ("exp", "float16", 1003, "eager", 2, 74, "39a0c87e6dbd0c0cea839473a905fd222e41c4aa7a35a78034391fb968ff830e"),
    ("exp", "float16", 4806, "eager", 2, 75, "d4c9c91c67ab331b5d52ed273d51239bb43d6a87616b250819207ffbb197ccf1"),
    ("exp", "float16", 4807, "eager", 2, 76, "8165638d1f8cc78ecbb21e2a75d59fe771b1a821f89468264add5f21694591be"),
    ("exp", "float16", 4814, "eager", 2, 77, "0ec61dea8d3b545af3555dd43bb74849066d8b53c18b81736632424b37dddb53"),
    ("exp", "float16", 5146, "eager", 4, 78, "b37f11c625e1f3caa5efc6fac48b734a03ab079804a79dd7be22d00cfd941c6a"),
    ("exp", "float16", 1003, "graph", 2, 79, "4a6ebcc5eac8d8274841283510b332379115318d7e1e9b398dc161b5af4351a3"),
    ("exp", "float16", 2408, "graph", 2, 80, "8ec7397df48de9eb302689f45d731f54b84027cf8cdfcdb66777c973baf3be59"),
    ("log", "float16", 1, "eager", 2, 81, "608a456a8e9bd13491ec08d8dce7310c71c974b7c22b91252db58b61d3250cac"),
    ("log", "float16", 13, "eager", 2, 82, "2bf316921f4e1be8d9dc3d19d9daf0525b4f13a0870239f5f04a942601cd1bd5"),
    ("log", "float16", 1003, "eager", 2, 83, "55add8fda86e1ea09298720578f0b88b3eea3b6a483fa2cf4accc8336e572c40"),
    ("log", "float16", 2450, "eager", 2, 84, "3156d179ef4c48f74dbed3b908782d79820f9727c2f3d6f50d6566a107f20dae"),
    ("log", "float16", 2451, "eager", 2, 85, "3a36c85ea0b04690a0e2eb3e1afce34696ec6284d645dd047947ebfbe5f59448"),
    ("log", "float16", 2458, "eager", 2, 86, "c361c55b0a27a9dd8fa7b5a3f4d7f83c506e8e5418ec7221bfa6dd06c9fa6cd6"),
    ("log", "float16", 2625, "eager", 4, 87, "693cf960e29a7caa3e33afd6ef47d93c2e03c0f6fbc5ec6576bc62e7d645fd8b"),
    ("log", "float16", 1003, "graph", 2, 88, "fb40f4d2ecd5d757dcce9d0ccbda19942708360050bd957dd519be53d4956670"),
    ("log", "float16", 1230, "graph", 2, 89, "c4e55ef4b36ed442b4d1c9de946eaacae0a8f1739e093ff3f78c1d8c8cec203c"),
    ("log1p", "float16", 1, "eager", 2, 90, "f3ce9ab87b818aef5673d2e07166dd51d1c760b30885d740c5d3ac9532be45ba"),
    ("log1p", "float16", 13, "eager", 2, 91, "22a5ae99820821dbe68655cd9475dded29cd9e812fe130fec845c4f787649619"),
    ("log1p", "float16", 1003, "eager", 2, 92, "9febc883defefa5d9f90141e881308cc742fb4e04ea04e7b65f8c800c8994c1d"),
    ("log1p", "float16", 2450, "eager", 2, 93, "af3350f836c32ae650a901a0e975e558d8027a842c7cf44102a243c0835608e8"),
    ("log1p", "float16", 2451, "eager", 2, 94, "a4ea6d8c5d28f0c15ce2d1d65edf33e0d9f452ecff881c19b2bd23bbd42d9e65"),
    ("log1p", "float16", 2458, "eager", 2, 95, "e39261ea6b986af8095dc745b31eeb5899296d497b17964f907cf569ab190ab5"),
    ("log1p", "float16", 2625, "eager", 4, 96, "331b99da62ebbdcacdf1b82ca8480a5ac6459a4e608c399adc75bf3cf18ea08c"),
    ("log1p", "float16", 1003, "graph", 2, 97, "ae8ef17eb62273a0447517572a92ac11960e7b916a1301ad37c81ac994f565c1"),
    ("log1p", "float16", 1230, "graph", 2, 98, "c46979c17e3c3a39cd0ae8a693d8a15c3e0dee3646a101ab576f2f7fc9f3df01"),
    ("sigmoid", "float16", 1, "eager", 2, 99, "967276437f22b1e7bc11737812e5680199b877c9003b59da780d818635c060cd"),
    ("sigmoid", "float16", 13, "eager", 2, 100, "98abc9f9046a3c6e3018295023666f82681fb89059e400a93a7498ed7915aba6"),
    ("sigmoid", "float16", 1003, "eager", 2, 101, "5f06095d3cf8cbc6b38a058bce830075e92d26426c96c3f71acdaa3d8827a336"),
    ("sigmoid", "float16", 1999, "eager", 2, 102, "05b69f34f75658e0045c0a62228a6f1fd9534586e533771ba63e2f424470bf8f"),
    ("sigmoid", "float16", 2000, "eager", 2, 103, "21a77ad509ccedefc0f4e399ef4aecbf7d1af65b0b510613c522ab03503930fc"),
    ("sigmoid", "float16", 2007, "eager", 2, 104, "2ab85a34a9faefe32537c04c5ee09e80b23fe073a76eeb915d34200b7f3d28b1"),
    ("sigmoid", "float16", 2143, "eager", 4, 105, "4063b5f91fcf1196b026ac08a454a52abc07f8da5d0dfc125f7b677c4de27fac"),
    ("sigmoid", "float16", 1003, "graph", 2, 106, "74fe8d2820552e28fde3b8b6f04e415748f4e3d32f6f6e799e0a8006b29daac2"),
    ("sigmoid", "float16", 1005, "graph", 2, 107, "a57e946cb1a224a73b74b8dd07a79b2cd7366c9b69cdda2ca7530f1466398248"),
]


@pytest.mark.parametrize("op,dtype,n,mode,threads,seed,expected", CASES)
def test_digest(op, dtype, n, mode, threads, seed, expected):
    x = make_input(dtype, n, seed)
    x0 = x.copy()
    y = E.unary(op, x, threads=threads, graph=(mode == "graph"))
    assert x.tobytes() == x0.tobytes()
    assert y.dtype == np.dtype(dtype) and y.shape == (n,)
    assert digest(y) == expected


# (op, dtype, input bits, eager packet, eager scalar tail, graph packet, graph scalar tail):
# a 9-element array of one value; element 0 takes the packet path, element 8 the scalar path.
SPECIAL = [
    ("exp", "float32", 0x42b0c0a6, 0x7f800000, 0x7f3504ff, 0x7f800000, 0x7f3504ff),
    ("exp", "float32", 0x42b0c0a5, 0x7f3504a4, 0x7f3504a4, 0x7f3504a4, 0x7f3504a4),
    ("exp", "float32", 0x42b17217, 0x7f800000, 0x7f7fff84, 0x7f800000, 0x7f7fff84),
    ("exp", "float32", 0xc2af5dc3, 0x0, 0x5a823e, 0x0, 0x0),
    ("exp", "float32", 0xc2af5dc2, 0x5a826c, 0x5a826b, 0x0, 0x0),
    ("exp", "float32", 0xc2aeac50, 0x7fffe6, 0x7fffe6, 0x0, 0x0),
    ("exp", "float32", 0xc2af0000, 0x6cb2bc, 0x6cb2bc, 0x0, 0x0),
    ("exp", "float32", 0xc2c80000, 0x0, 0x1b, 0x0, 0x0),
    ("exp", "float32", 0x7fc00000, 0x7fc00000, 0x7fc00000, 0x7fc00000, 0x7fc00000),
    ("exp", "float32", 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000),
    ("exp", "float32", 0xff800000, 0x0, 0x0, 0x0, 0x0),
    ("exp", "float32", 0x80000000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000),
    ("exp", "float32", 0x000116c2, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000),
    ("log", "float32", 0x000116c2, 0xc2aeac50, 0xc2b834f2, 0xff800000, 0xff800000),
    ("log", "float32", 0x00000001, 0xc2aeac50, 0xc2ce8ed0, 0xff800000, 0xff800000),
    ("log", "float32", 0xbf800000, 0xffffffff, 0x7fc00000, 0xffffffff, 0x7fc00000),
    ("log", "float32", 0x80000000, 0xff800000, 0xff800000, 0xff800000, 0xff800000),
    ("log", "float32", 0x00000000, 0xff800000, 0xff800000, 0xff800000, 0xff800000),
    ("log", "float32", 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000),
    ("log", "float32", 0x3f800000, 0x0, 0x0, 0x0, 0x0),
    ("log", "float32", 0x7fc00000, 0xffffffff, 0x7fc00000, 0xffffffff, 0x7fc00000),
    ("log1p", "float32", 0x000116c2, 0x116c2, 0x116c2, 0x116c2, 0x116c2),
    ("log1p", "float32", 0xbf800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000),
    ("log1p", "float32", 0xbf7fffff, 0xc1851592, 0xc1851592, 0xc1851592, 0xc1851592),
    ("log1p", "float32", 0x33800000, 0x33800000, 0x33800000, 0x33800000, 0x33800000),
    ("log1p", "float32", 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000),
    ("log1p", "float32", 0xc0000000, 0xffffffff, 0xffc00000, 0xffffffff, 0xffc00000),
    ("log1p", "float32", 0x80000000, 0x80000000, 0x80000000, 0x80000000, 0x80000000),
    ("sigmoid", "float32", 0x41900000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000),
    ("sigmoid", "float32", 0xc1900000, 0x0, 0x3282d315, 0x0, 0x3282d315),
    ("sigmoid", "float32", 0xc1900001, 0x0, 0x0, 0x0, 0x0),
    ("sigmoid", "float32", 0x418ffae1, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000),
    ("sigmoid", "float32", 0xc1880000, 0x33000000, 0x3331cf19, 0x33000000, 0x3331cf19),
    ("sigmoid", "float32", 0x7fc00000, 0x7fc00000, 0xffc00000, 0x7fc00000, 0xffc00000),
    ("sigmoid", "float32", 0x00000000, 0x3f000000, 0x3f000000, 0x3f000000, 0x3f000000),
    ("sigmoid", "float32", 0x80000000, 0x3f000000, 0x3f000000, 0x3f000000, 0x3f000000),
    ("exp", "float64", 0x4086232bdd7abcd1, 0x7fcffffffffffb09, 0x7fcffffffffffb09, 0x7fcffffffffffb09, 0x7fcffffffffffb09),
    ("exp", "float64", 0x4086232bdd7abcd2, 0x7fcfffffffffff09, 0x7fcfffffffffff09, 0x7fcfffffffffff09, 0x7fcfffffffffff09),
    ("exp", "float64", 0xc08625eb851eb852, 0xb58fd0c20859e, 0xb58fd0c20859f, 0x0, 0x0),
    ("exp", "float64", 0xc086232bdd7abcd2, 0x1000000000007c, 0x1000000000007c, 0x1000000000007c, 0x1000000000007c),
    ("exp", "float64", 0x7ff8000000000000, 0x7ff8000000000000, 0x7ff8000000000000, 0x7ff8000000000000, 0x7ff8000000000000),
    ("exp", "float64", 0xfff0000000000000, 0x0, 0x0, 0x0, 0x0),
    ("exp", "float64", 0x000012725dd1d243, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000),
    ("log", "float64", 0x000012725dd1d243, 0xc0864e64f5bac7dd, 0xc0864e64f5bac7dd, 0xfff0000000000000, 0xfff0000000000000),
    ("log", "float64", 0xbff0000000000000, 0x7ff8000000000000, 0x7ff8000000000000, 0x7ff8000000000000, 0x7ff8000000000000),
    ("log", "float64", 0x8000000000000000, 0xfff0000000000000, 0xfff0000000000000, 0xfff0000000000000, 0xfff0000000000000),
    ("sigmoid", "float64", 0xc086280000000000, 0x8bfe55de02338, 0x8bfe55de02338, 0x0, 0x0),
    ("sigmoid", "float64", 0xc0862c0000000000, 0x0, 0x54e90c99fb878, 0x0, 0x0),
    ("sigmoid", "float64", 0x4086280000000000, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000),
]


def _same(a, b, dtype):
    u = np.uint32 if dtype == "float32" else np.uint64
    fa, fb = np.array(a, u).view(dtype), np.array(b, u).view(dtype)
    return a == b or (np.isnan(fa) and np.isnan(fb))


@pytest.mark.parametrize("op,dtype,bits_in,ep,es,gp,gs", SPECIAL)
def test_special_bits(op, dtype, bits_in, ep, es, gp, gs):
    u = np.uint32 if dtype == "float32" else np.uint64
    x = np.full(9, bits_in, u).view(dtype)
    for graph, p, s in ((False, ep, es), (True, gp, gs)):
        y = E.unary(op, x, graph=graph).view(u)
        assert _same(int(y[0]), p, dtype), (graph, hex(int(y[0])), hex(p))
        assert _same(int(y[8]), s, dtype), (graph, hex(int(y[8])), hex(s))


def test_packet_functions_exact_bits():
    f = lambda h: np.array([h], np.uint32).view(np.float32)
    b = lambda a: int(np.asarray(a).view(np.uint32)[0])
    assert b(E.pexp(f(0x42B0C0A6))) == 0x7F800000            # 88.37627 -> inf
    assert b(E.pexp(f(0xC2AF5DC3))) == 0                      # -87.68313 -> +0
    assert b(E.pexp(f(0xC2AF5DC2))) == 0x005A826C             # subnormal without FTZ (TF)
    assert b(E.pexp(f(0xC2AF5DC2), ftz=True)) == 0
    assert b(E.plog(f(0x000116C2))) == 0xC2AEAC50             # log(1e-40), no DAZ
    assert b(E.plog(f(0x000116C2), ftz=True)) == 0xFF800000   # DAZ -> -inf
    assert b(E.plog(f(0xBF800000))) == 0xFFFFFFFF             # invalid mask NaN
    assert b(E.plog1p(f(0x000116C2), ftz=True)) == 0x000116C2  # blend keeps x's bits
    assert b(E.plogistic(f(0x41900000))) == 0x3F800000
    d = lambda v: np.array([v], np.float64)
    assert E.pexp(d(709.436139303104))[0] == np.inf
    assert E.pexp(d(709.4361393031039))[0] == 1.2711610061535067e308
    assert E.pexp(d(-708.7429921225441))[0] == 0.0
    with pytest.raises(TypeError):
        E.plog(d(1.0))


# Measured on TF 1.15.5 eager (2 and 4 intra-op threads): the first n that runs on the pool.
THRESHOLDS = [
    ("exp", "float32", 37334), ("log", "float32", 27541), ("relu", "float32", 96000),
    ("neg", "float32", 140000), ("maximum", "float32", 96000), ("minimum", "float32", 96000),
    ("mul", "float32", 96000), ("add", "float32", 96000), ("sub", "float32", 96000),
    ("realdiv", "float32", 55082), ("mul_scalar", "float32", 140000),
    ("maximum_scalar", "float32", 140000), ("exp", "float64", 13549), ("log", "float64", 2394),
    ("relu", "float64", 48000), ("neg", "float64", 70000), ("maximum", "float64", 48000),
    ("minimum", "float64", 48000), ("mul", "float64", 48000), ("add", "float64", 48000),
    ("sub", "float64", 48000), ("realdiv", "float64", 25847), ("mul_scalar", "float64", 70000),
    ("maximum_scalar", "float64", 70000), ("sigmoid", "float64", 10500),
]


@pytest.mark.parametrize("op,dtype,n", THRESHOLDS)
def test_eager_ftz_threshold(op, dtype, n):
    assert not E.eager_ftz(n - 1, op, dtype, 2, False)
    assert E.eager_ftz(n, op, dtype, 2, False)
    assert E.eager_ftz(1, op, dtype, 2, True)
    assert not E.eager_ftz(10 ** 7, op, dtype, 1, False)
    # 4 threads: at the threshold the caller keeps the first block (TF: first element not
    # flushed, last flushed), so the whole evaluation is not FTZ
    assert not E.eager_ftz(n, op, dtype, 4, False)
    assert E.eager_ftz(1 << 23, op, dtype, 4, False)
