"""Bitwise comparison of recorded results.

A *result* is ``{"outputs": [{"dtype", "shape", "sha256", "array"}], "error": None |
{"class", "message"}, "texts": {"str": ..., "repr": ...}}``; ``array`` may be ``None``
when only the digest was kept (large golden outputs).

Identical means: same error (class name and message), or same number of outputs each with
the same dtype name, shape and bytes -- except that any NaN equals any NaN of the same dtype
-- and the same requested texts.  -0.0 and +0.0 differ.
"""
import hashlib

import numpy as np

# dtype name -> (unsigned view, bits of +inf) for float types (NaN = magnitude above inf)
_FLOAT_BITS = {
    "float16": (np.uint16, 0x7C00),
    "bfloat16": (np.uint16, 0x7F80),
    "float32": (np.uint32, 0x7F800000),
    "float64": (np.uint64, 0x7FF0000000000000),
}


def sha256(arr, dtype_name=None):
    """Digest of the bytes; for float outputs every NaN is first replaced by one canonical
    quiet NaN, so a digest-only comparison also treats any NaN as equal to any NaN."""
    arr = np.ascontiguousarray(arr)
    if dtype_name in _FLOAT_BITS and arr.size:
        u, inf = _FLOAT_BITS[dtype_name]
        bits = arr.reshape(-1).view(u).copy()
        mag = bits & ~(u(1) << u(8 * np.dtype(u).itemsize - 1))
        nan = mag > u(inf)
        if nan.any():
            quiet_bit = (u(inf) >> u(1)) & ~u(inf)  # top mantissa bit
            bits[nan] = u(inf) | quiet_bit
            arr = bits
    return hashlib.sha256(arr.tobytes()).hexdigest()


def make_output(dtype_name, arr):
    arr = np.asarray(arr)
    arr = arr if arr.flags.c_contiguous else arr.copy(order="C")  # 0-d stays 0-d
    return {"dtype": dtype_name, "shape": list(arr.shape), "sha256": sha256(arr, dtype_name),
            "array": arr}


def _float_view(dtype_name, arr):
    u, inf = _FLOAT_BITS[dtype_name]
    bits = np.ascontiguousarray(arr).reshape(-1).view(u)
    sign = u(1) << u(8 * np.dtype(u).itemsize - 1)
    mag = bits & ~sign
    neg = (bits & sign) != 0
    return bits, mag, neg, mag > u(inf)


def compare_arrays(dtype_name, a, b):
    """(same_elements, n, max_ulp) for equally shaped arrays of one dtype."""
    n = int(a.size)
    if n == 0:
        return 0, 0, 0
    if dtype_name in _FLOAT_BITS:
        ba, ma, na, nana = _float_view(dtype_name, a)
        bb, mb, nb, nanb = _float_view(dtype_name, b)
        same = (ba == bb) | (nana & nanb)
        ma64, mb64 = ma.astype(np.uint64), mb.astype(np.uint64)
        dist = np.where(na == nb, np.maximum(ma64, mb64) - np.minimum(ma64, mb64), ma64 + mb64)
        dist = dist.astype(np.float64)
        dist[nana != nanb] = np.inf
        dist[nana & nanb] = 0.0
        return int(same.sum()), n, float(dist.max())
    fa = np.ascontiguousarray(a).reshape(-1)
    fb = np.ascontiguousarray(b).reshape(-1)
    if fa.dtype != fb.dtype or fa.dtype.kind not in "biuf":
        fa = fa.view("u%d" % fa.dtype.itemsize) if fa.dtype.itemsize in (1, 2, 4, 8) else fa
        fb = fb.view("u%d" % fb.dtype.itemsize) if fb.dtype.itemsize in (1, 2, 4, 8) else fb
    same = fa == fb
    if fa.dtype.kind in "biu":
        d = np.abs(fa.astype(np.float64) - fb.astype(np.float64))
        return int(same.sum()), n, float(d.max())
    return int(same.sum()), n, None


def _short(text, limit=160):
    text = text if isinstance(text, str) else repr(text)
    return text if len(text) <= limit else text[:limit] + "..."


def compare(expected, actual):
    """Compare one case.  Returns a dict:

    identical, elements, same_elements, max_ulp (None if unknown), error_case (either side
    raised), error_identical (None when neither raised), texts_identical (None when no
    texts), detail (human readable reason when not identical).
    """
    r = {"identical": False, "elements": 0, "same_elements": 0, "max_ulp": None,
         "error_case": False, "error_identical": None, "texts_identical": None,
         "detail": ""}
    ee, ae = expected.get("error"), actual.get("error")
    if ee or ae:
        r["error_case"] = True
        r["error_identical"] = bool(ee and ae and ee["class"] == ae["class"]
                                    and ee["message"] == ae["message"])
        if not r["error_identical"]:
            if ee and ae:
                r["detail"] = "error differs: expected %s(%r), got %s(%r)" % (
                    ee["class"], _short(ee["message"]), ae["class"], _short(ae["message"]))
            elif ee:
                r["detail"] = "expected %s(%r), got a result" % (ee["class"],
                                                                 _short(ee["message"]))
            else:
                r["detail"] = "unexpected %s(%r)" % (ae["class"], _short(ae["message"]))
            # still count the expected elements as not identical
            for o in expected.get("outputs", []):
                r["elements"] += int(np.prod(o["shape"], dtype=np.int64))
            return r
    eo, ao = expected.get("outputs", []), actual.get("outputs", [])
    details = []
    if len(eo) != len(ao):
        details.append("%d outputs, expected %d" % (len(ao), len(eo)))
    ulps = []
    ulp_known = True
    for i, o in enumerate(eo):
        n = int(np.prod(o["shape"], dtype=np.int64))
        r["elements"] += n
        if i >= len(ao):
            continue
        a = ao[i]
        if a["dtype"] != o["dtype"] or list(a["shape"]) != list(o["shape"]):
            details.append("output %d: %s%s, expected %s%s" % (
                i, a["dtype"], tuple(a["shape"]), o["dtype"], tuple(o["shape"])))
            ulp_known = False
            continue
        if a["sha256"] == o["sha256"]:
            r["same_elements"] += n
            ulps.append(0.0)
            continue
        ea, aa = o.get("array"), a.get("array")
        if ea is None or aa is None:
            details.append("output %d: bytes differ (digest only)" % i)
            ulp_known = False
            continue
        same, _, ulp = compare_arrays(o["dtype"], ea, aa)
        r["same_elements"] += same
        if ulp is None:
            ulp_known = False
        else:
            ulps.append(ulp)
        if same != n:
            details.append("output %d: %d/%d elements differ, max ulp %s" % (
                i, n - same, n, "?" if ulp is None else "%g" % ulp))
    r["max_ulp"] = max(ulps) if ulps and ulp_known else (None if not ulp_known else 0.0)
    et, at = expected.get("texts") or {}, actual.get("texts") or {}
    if et:
        r["texts_identical"] = all(at.get(k) == v for k, v in et.items())
        if not r["texts_identical"]:
            for k, v in sorted(et.items()):
                if at.get(k) != v:
                    details.append("%s() differs: expected %r, got %r" % (
                        k, _short(v), _short(at.get(k))))
    r["identical"] = not details and r["same_elements"] == r["elements"]
    if not r["identical"] and not details:
        details.append("values differ")
    r["detail"] = "; ".join(details)
    return r
