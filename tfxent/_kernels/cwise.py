"""Elementwise TF kernels: Exp, Log, Log1p, Sigmoid, Relu, Abs, Neg, Maximum, Minimum, AddV2,
Sub, Mul, RealDiv, Less, LessEqual, Greater, GreaterEqual, Equal, NotEqual.

Mirrors TensorFlow ``tensorflow/core/kernels/cwise_ops.h``, ``cwise_ops_common.h``
(``UnaryOp``/``BinaryOp``: same shape or one single element -> non-tiled evaluation, else
``BCast``-collapsed broadcast -> tiled evaluation), ``cwise_op_{exp,log,log1p,sigmoid,abs,neg,
maximum,minimum,add_2,sub,mul_1,div,less,less_equal,greater,greater_equal,equal_to,
not_equal_to}.cc``, ``relu_op_functor.h`` (``features.cwiseMax<PropagateNaN>(T(0))``) and
``util/bcast.h``; Eigen commit dcbaf2d608f306450f1e74949eb87e9a22a7ef4b (TF 2.21)
``Eigen/src/Core/GenericPacketMath.h`` (``pminmax_impl<PropagateNaN>``) and
``Eigen/src/Core/arch/AVX/PacketMath.h`` (``pminmax_propagate_nan``).

TF 2.21 (``ctx.ref == "v2"``) runs every kernel with MXCSR FTZ+DAZ: float arithmetic and
comparisons read subnormal float32/float64 operands as signed zeros and flush subnormal
results. ``Abs``/``Neg`` are sign-bit operations and keep subnormals. ``Maximum``/``Minimum``/
``Relu`` choose between equal operands (``-0`` vs ``+0``, a flushed subnormal vs zero)
differently on the packet and scalar paths (float32/float64):

* packet: ``max: a > b ? a : b``, ``min: a < b ? a : b`` (the second operand on ties);
* scalar (``std::max``/``std::min``): the first operand on ties;
* NaN in either operand gives NaN; the chosen value is read through DAZ (a subnormal comes
  out as a signed zero).

half and bfloat16 return the first operand on ties on both paths; bfloat16's packet path
returns DAZ-read values (a subnormal becomes a signed zero), its scalar path the operand's
own bits.

TF 1.15.5 (``ctx.ref == "v1"``; ``core/kernels/cwise_ops.h`` ``maximum``/``minimum`` are
``scalar_max_op<T>``/``scalar_min_op<T>`` with no NaN-propagation argument, Relu is
``features.cwiseMax(T(0))``; Eigen cdb377d0cba4889fc909d1bbdd430b988db0db97
``Eigen/src/Core/functors/BinaryFunctors.h``, ``Eigen/src/Core/MathFunctions.h``
(``numext::maxi``/``mini`` = ``std::max``/``std::min``) and ``Eigen/src/Core/arch/AVX/PacketMath.h``
(``pmax(a, b)`` = ``_mm256_max_ps(b, a)``, ``pmin`` likewise, ``pnegate`` = ``0 - a``)), measured
on the 1.15.5 wheel for float16/float32/float64, all tail lengths, same-shape, scalar-operand
and tiled broadcasts:

* max = ``b > a ? b : a``, min = ``b < a ? b : a`` on the packet path, the scalar path and the
  compiler-vectorised tail alike, so the path split does not matter: a NaN in either operand
  and a tie (``-0``/``+0``) return the first operand;
* FTZ/DAZ only in graph mode or when ``eigen_v1.eager_ftz`` says the evaluation runs on the
  intra-op pool; then the comparison and the returned value are read through DAZ;
* Neg: packet elements ``0 - x`` (``-(+0)`` = ``+0``; under DAZ a subnormal gives ``+0``), the
  scalar tail flips the sign bit; Abs clears the sign bit.
"""
import numpy as np

from .. import errors
from .._numerics import fp
from .._numerics import eigen_v2
from .._numerics.executor import packet_prefix, tiled_scalar_mask

try:  # optional
    import ml_dtypes as _ml
    _BF16 = np.dtype(_ml.bfloat16)
except ImportError:  # pragma: no cover
    _BF16 = None

_F16 = np.dtype(np.float16)
_F32 = np.dtype(np.float32)
_F64 = np.dtype(np.float64)

_TFNAME = {
    "float16": "half", "float32": "float", "float64": "double", "bfloat16": "bfloat16",
    "int8": "int8", "int16": "int16", "int32": "int32", "int64": "int64",
    "uint8": "uint8", "uint16": "uint16", "uint32": "uint32", "uint64": "uint64",
    "bool": "bool", "complex64": "complex64", "complex128": "complex128",
}



def _contig(a):
    """C-contiguous without promoting 0-d to 1-d (``np.ascontiguousarray`` does)."""
    a = np.asarray(a)
    return a if a.flags.c_contiguous else a.copy(order="C")

def _tfname(dt):
    dt = np.dtype(dt)
    if _BF16 is not None and dt == _BF16:
        return "bfloat16"
    if dt.kind in "SUO":
        return "string"
    return _TFNAME.get(dt.name, dt.name)


_UNARY_T = "bfloat16, half, float, double, complex64, complex128"
_ALLOWED = {
    # op: (allowed TF type names in registration order, signature, trailing op attrs)
    "Exp": (_UNARY_T, "x:T -> y:T", ""),
    "Log": (_UNARY_T, "x:T -> y:T", ""),
    "Log1p": (_UNARY_T, "x:T -> y:T", ""),
    "Sigmoid": (_UNARY_T, "x:T -> y:T", ""),
    "Relu": ("float, double, int32, uint8, int16, int8, int64, bfloat16, uint16, half, uint32, "
             "uint64, qint8", "features:T -> activations:T", ""),
    "Abs": ("bfloat16, half, float, double, int8, int16, int32, int64", "x:T -> y:T", ""),
    "Neg": ("bfloat16, half, float, double, int8, int16, int32, int64, complex64, complex128",
            "x:T -> y:T", ""),
    "Maximum": ("bfloat16, half, float, double, int8, uint8, int16, uint16, int32, uint32, int64, "
                "uint64", "x:T, y:T -> z:T", ""),
    "Minimum": ("bfloat16, half, float, double, int8, uint8, int16, uint16, int32, uint32, int64, "
                "uint64", "x:T, y:T -> z:T", ""),
    "AddV2": ("bfloat16, half, float, double, uint8, uint16, uint32, uint64, int8, int16, int32, "
              "int64, complex64, complex128", "x:T, y:T -> z:T", "; is_commutative=true; is_aggregate=true"),
    "Sub": ("bfloat16, half, float, double, uint8, int8, uint16, int16, int32, int64, complex64, "
            "complex128, uint32, uint64", "x:T, y:T -> z:T", ""),
    "Mul": ("bfloat16, half, float, double, uint8, int8, uint16, int16, int32, uint32, uint64, "
            "int64, complex64, complex128", "x:T, y:T -> z:T", "; is_commutative=true"),
    "RealDiv": ("bfloat16, half, float, double, uint8, int8, uint16, int16, int32, uint32, uint64, "
                "int64, complex64, complex128", "x:T, y:T -> z:T", ""),
}
_CMP_T = ("float, double, int32, uint8, int16, int8, int64, bfloat16, uint16, half, uint32, uint64")
for _op in ("Less", "LessEqual", "Greater", "GreaterEqual"):
    _ALLOWED[_op] = (_CMP_T, "x:T, y:T -> z:bool", "")


def _dt_enum(name):
    return "DT_" + {"half": "HALF", "float": "FLOAT", "double": "DOUBLE"}.get(name, name.upper())


def _check_type(op, dt):
    spec = _ALLOWED.get(op)
    if spec is None:
        return
    names, sig, extra = spec
    allowed = [s.strip() for s in names.split(",")]
    t = _tfname(dt)
    if t in allowed:
        return
    msg = ("Value for attr 'T' of %s is not in the list of allowed values: %s\n\t; NodeDef: "
           "{{node %s}}; Op<name=%s; signature=%s; attr=T:type,allowed=[%s]%s>"
           % (t, names, op, op, sig, ", ".join(_dt_enum(a) for a in allowed), extra))
    raise errors.KernelError(errors.InvalidArgumentError, msg, wrapped=False)


def _is_float(dt):
    return dt in (_F16, _F32, _F64) or (_BF16 is not None and dt == _BF16)


def _P(dt):
    return 4 if dt == _F64 else 8


# ---------------------------------------------------------------------------- helpers

def _eigen_v1():
    try:
        from .._numerics import eigen_v1
        return eigen_v1
    except ImportError:
        return None


_V1_OP = {"Relu": "relu", "Abs": "abs", "Neg": "neg", "Maximum": "maximum",
          "Minimum": "minimum", "AddV2": "add", "Sub": "sub", "Mul": "mul", "RealDiv": "realdiv",
          "Reciprocal": "reciprocal"}


def _v1_flush(ctx, op, dt, n, scalar_operand=False):
    """TF 1.15: whether FTZ/DAZ is on for this evaluation (``eigen_v1.eager_ftz``; no flush
    when that is unavailable, except in graph mode)."""
    m = _eigen_v1()
    name = _V1_OP.get(op)
    if m is None or not hasattr(m, "eager_ftz") or name is None:
        return bool(ctx.graph)
    if scalar_operand and name not in ("relu", "abs", "neg"):
        name += "_scalar"
    try:
        return bool(m.eager_ftz(n, name, dt, ctx.threads, ctx.graph))
    except ValueError:
        return bool(ctx.graph)


def _ftz(ctx, op, dt, n, scalar_operand=False):
    if ctx.ref == "v2":
        return True
    return _v1_flush(ctx, op, dt, n, scalar_operand)


def _wide(a):
    """float32 view of a half/bfloat16 array (exact); float32/float64 unchanged."""
    if a.dtype.itemsize == 2:
        return a.astype(np.float32)
    return a


def _daz(a, on):
    return fp.flush(a) if on else a


# ---------------------------------------------------------------------------- unary

def _transcendental(op, name):
    def kernel(ctx, x):
        x = np.asarray(x)
        _check_type(name, x.dtype)
        if ctx.ref == "v1":
            m = _eigen_v1()
            if m is None:
                raise NotImplementedError("TF 1.15 packet math (eigen_v1) is not available")
            return m.unary(op, x, threads=ctx.threads, graph=ctx.graph)
        return eigen_v2.unary(op, x)
    kernel.__name__ = name
    kernel.__doc__ = ("TF ``%s`` (``functor::%s``): packet path for flat index < floor(N/P)*P, "
                      "host glibc for the tail." % (name, op))
    return kernel


Exp = _transcendental("exp", "Exp")
Log = _transcendental("log", "Log")
Log1p = _transcendental("log1p", "Log1p")
Sigmoid = _transcendental("sigmoid", "Sigmoid")


def Abs(ctx, x):
    """``functor::abs`` (``scalar_abs_op``): clears the sign bit (no DAZ); integer ``abs`` wraps
    (``abs(INT_MIN) == INT_MIN``)."""
    x = np.asarray(x)
    _check_type("Abs", x.dtype)
    if _is_float(x.dtype):
        u = fp.bits(x)
        mask = u.dtype.type(~(1 << (8 * x.dtype.itemsize - 1)) & ((1 << (8 * x.dtype.itemsize)) - 1))
        return (u & mask).view(x.dtype).copy()
    with np.errstate(over="ignore"):
        return np.abs(x)


def Neg(ctx, x):
    """``functor::neg`` (``scalar_opposite_op``): flips the sign bit (no DAZ); integers wrap."""
    x = np.asarray(x)
    _check_type("Neg", x.dtype)
    if ctx.ref == "v1" and x.dtype in (_F32, _F64):
        return _neg_v1(ctx, x)
    if _is_float(x.dtype):
        u = fp.bits(x)
        return (u ^ u.dtype.type(1 << (8 * x.dtype.itemsize - 1))).view(x.dtype).copy()
    with np.errstate(over="ignore"):
        return np.negative(x)


def _neg_v1(ctx, x):
    """TF 1.15.5 float32/float64 Neg: packet elements are ``pnegate`` = ``0 - x`` (AVX
    ``PacketMath.h`` @cdb377d0: ``-(+0)`` is ``+0``; under DAZ a subnormal gives ``+0``), the
    scalar tail flips the sign bit."""
    flat = x.reshape(-1)
    n = flat.size
    k = packet_prefix(n, _P(x.dtype))
    ftz = _v1_flush(ctx, "Neg", x.dtype, n)
    u = fp.bits(flat)
    out = (u ^ u.dtype.type(1 << (8 * x.dtype.itemsize - 1))).view(x.dtype).copy()
    if k:
        with np.errstate(all="ignore"):
            out[:k] = np.subtract(x.dtype.type(0), _daz(flat[:k], ftz))
    return out.reshape(x.shape)


def _select_max(a, b, first_on_tie, is_max):
    """Max/min with NaN propagation; ``first_on_tie`` picks which operand wins when neither
    is strictly larger (smaller)."""
    with np.errstate(invalid="ignore"):
        if first_on_tie:
            take_b = (b > a) if is_max else (b < a)
        else:
            take_b = ~((a > b) if is_max else (a < b))
        r = np.where(take_b, b, a)
        if a.dtype.kind == "f":
            r = np.where(np.isnan(b), b, r)
            r = np.where(np.isnan(a), a, r)
    return r


def _v1_tiled_ftz(ctx, dt, cx, cy):
    """TF 1.15.5 eager: whether a tiled (real broadcast) float32/float64 Maximum/Minimum runs
    on the FTZ intra-op pool. ``TensorExecutor<..., Tileable>`` (``TensorExecutor.h``
    @cdb377d0) calls ``parallelFor(block_count, c * coefficients per block)``, the blocks shaped
    (``TensorBlock.h``, kSkewedInnerDims) for a target size T = floor(40000 / c);
    ``parallelFor`` (``TensorDeviceThreadPool.h``) goes to the pool when
    ``int((n*cost - 100000)/100000 + 0.9) >= 2`` and its block count exceeds the thread count.
    c = 11/64 * (bytes loaded + stored) + X / P, X (compute cycles per packet) measured on the
    1.15.5 wheel from the first flushed shape: 3 + 52 * (rank - 1) per broadcast operand
    (rank 2: 55 one-sided, 107 two-sided; rank 3 two-sided: 211)."""
    if ctx.graph:
        return True
    threads = int(ctx.threads)
    shape = tuple(max(a, b) for a, b in zip(cx, cy))
    nb = int(any(a != s for a, s in zip(cx, shape))) + int(any(b != s for b, s in zip(cy, shape)))
    size = dt.itemsize
    P = 8 if size == 4 else 4
    c = 11.0 / 64 * (3 * size) + (3 + 52 * (len(shape) - 1) * nb) / P
    T = max(1, int(40000 / c))
    rem, count, block = T, 1, 1
    for d in reversed(shape):
        bd = min(rem, d)
        count *= -(-d // bd)
        block *= bd
        rem = -(-rem // max(1, bd))
    cost = block * c                   # costPerCoeff * block_dims_total_size()
    if count <= 1 or threads <= 1:
        return False
    if min(threads, max(1, int((count * cost - 100000) / 100000 + 0.9))) == 1:
        return False
    # CalculateParallelForBlock over the tiling blocks (no alignment); all on the pool iff more
    # parallelFor blocks than threads
    divup = lambda a, b: (a + b - 1) // b
    bs = min(count, max(divup(count, 4 * threads), int(1.0 / (cost / 40000))))
    max_bs = min(count, 2 * bs)
    bc = divup(count, bs)
    max_eff = bc / (divup(bc, threads) * threads)
    prev = bc
    while max_eff < 1.0 and prev > 1:
        coarser = min(count, divup(count, prev - 1))
        if coarser > max_bs:
            break
        cc = divup(count, coarser)
        prev = cc
        eff = cc / (divup(cc, threads) * threads)
        if eff + 0.01 >= max_eff:
            bs, bc = coarser, cc
            max_eff = max(max_eff, eff)
    return bc > threads


def _minmax_v1(ctx, op, a, b, is_max, n_out, scalar_operand, ftz=None):
    """TF 1.15.5 float Maximum/Minimum/Relu: ``b > a ? b : a`` (``b < a ? b : a``) on every
    path; a NaN in either operand or a tie returns ``a``. ``ftz``: None = non-tiled
    evaluation (``eigen_v1.eager_ftz``)."""
    dt = a.dtype
    if dt == _F16:
        ftz = False
    elif ftz is None:
        ftz = _v1_flush(ctx, op, dt, n_out, scalar_operand)
    a, b = np.broadcast_arrays(a, b)
    fa, fb = _daz(a, ftz), _daz(b, ftz)
    with np.errstate(invalid="ignore"):
        take_b = (fb > fa) if is_max else (fb < fa)
    return np.where(take_b, fb, fa).astype(dt)


def _minmax(ctx, op, a, b, is_max, scalar_mask):
    """Float Maximum/Minimum. ``scalar_mask``: boolean array (output shape) of the elements
    on the scalar path."""
    dt = a.dtype
    ftz = _ftz(ctx, op, dt, max(a.size, b.size), min(a.size, b.size) == 1 and a.size != b.size)
    if dt == _F16:
        # Packet8h / half scalar: float compare, first operand on ties, exact values.
        return _select_max(a, b, True, is_max)
    if _BF16 is not None and dt == _BF16:
        # Packet8bf: float max of DAZ-read operands (subnormals come out as signed zeros);
        # scalar bfloat16: float compare under DAZ, the operand's own bits returned.
        a, b = np.broadcast_arrays(a, b)
        wa, wb = _daz(_wide(a), ftz), _daz(_wide(b), ftz)
        pk = _select_max(wa, wb, True, is_max).astype(dt)
        with np.errstate(invalid="ignore"):
            take_b = (wb > wa) if is_max else (wb < wa)
        sc = np.where(take_b | np.isnan(wb), b, a)
        sc = np.where(np.isnan(wa), a, sc)
        return np.where(scalar_mask, sc, pk)
    fa, fb = _daz(a, ftz), _daz(b, ftz)
    fa, fb = np.broadcast_arrays(fa, fb)
    pk = _select_max(fa, fb, False, is_max)
    sc = _select_max(fa, fb, True, is_max)
    return np.where(scalar_mask, sc, pk).astype(dt)


def Relu(ctx, features):
    """``functor::Relu``: ``features.cwiseMax<PropagateNaN>(T(0))``, non-tiled."""
    x = np.asarray(features)
    _check_type("Relu", x.dtype)
    if not _is_float(x.dtype):
        return np.maximum(x, x.dtype.type(0))
    if ctx.ref == "v1" and (x.dtype in (_F16, _F32, _F64)):
        return _contig(_minmax_v1(ctx, "Relu", x, np.zeros((), x.dtype), True, x.size, False))
    if x.dtype == _F16:
        return _select_max(x, x.dtype.type(0), True, True).astype(x.dtype)
    n = x.size
    flat = x.reshape(-1)
    prefix = packet_prefix(n, _P(x.dtype))
    mask = np.arange(n) >= prefix
    zero = np.zeros_like(flat)
    if x.dtype in (_F32, _F64):
        # Measured on TF 2.21: the compiler vectorises the scalar tail loop two elements at a
        # time after peeling one element when the tail length is odd. Only that peeled
        # element is a true scalar max (under DAZ a subnormal compares equal to 0, so the
        # input comes back unchanged); the pairs return the DAZ-flushed first operand on a
        # tie (a signed zero), the packets the second (+0).
        out = _minmax(ctx, "Relu", flat, zero, True, mask)
        if (n - prefix) % 2 == 1:
            t = flat[prefix]
            if t != 0 and abs(t) < (fp.F32_TINY if x.dtype == _F32 else fp.F64_TINY):
                out[prefix] = t
        return out.reshape(x.shape)
    out = _minmax(ctx, "Relu", flat, zero, True, mask)
    return out.reshape(x.shape)


# ---------------------------------------------------------------------------- broadcasting

def _incompatible(sa, sb):
    return errors.KernelError(
        errors.InvalidArgumentError,
        "Incompatible shapes: [%s] vs. [%s]" % (",".join(map(str, sa)), ",".join(map(str, sb))))


def bcast(sa, sb):
    """TF ``BCast`` (util/bcast.h): output shape and the collapsed shapes of x and y (runs of
    dims with the same broadcast pattern are merged; dims where both are 1 are dropped).
    Raises the kernel's "Incompatible shapes" error."""
    sa, sb = tuple(int(d) for d in sa), tuple(int(d) for d in sb)
    n = max(len(sa), len(sb))
    xa = (1,) * (n - len(sa)) + sa
    xb = (1,) * (n - len(sb)) + sb
    out, cx, cy = [], [], []
    prev = None
    for da, db in zip(xa, xb):
        if da == db:
            state, d = 0, da
        elif da == 1:
            state, d = 1, db
        elif db == 1:
            state, d = 2, da
        else:
            raise _incompatible(sa, sb)
        out.append(d)
        if da == 1 and db == 1:
            continue
        if state == prev and cx:
            cx[-1] *= da
            cy[-1] *= db
        else:
            cx.append(da)
            cy.append(db)
            prev = state
    return tuple(out), tuple(cx), tuple(cy)


# Tiled-evaluation target block sizes (coefficients) of ``in0.broadcast().binaryExpr(
# in1.broadcast())`` as measured on TF 2.21 for a BCast-collapsed rank 2 / rank >= 3.
# All measured on TF 2.21 (first scalar element of each block).
# bfloat16 rank >= 3: approximate (the segment pattern of long rows is not fully explained).
_T_BCAST = {("float32", 2): 13913, ("float32", 3): 26665,
            ("float64", 2): 6956, ("float64", 3): 13333,
            ("bfloat16", 2): 26665, ("bfloat16", 3): 49225}


def _block_scalar_mask_nd(shape, T, P):
    """Scalar-path mask of a tiled RowMajor evaluation with ``kSkewedInnerDims`` blocks."""
    shape = tuple(shape)
    if len(shape) == 2:
        return tiled_scalar_mask(shape[0], shape[1], T, P)
    n = int(np.prod(shape))
    if n <= T:
        return (np.arange(n) >= packet_prefix(n, P)).reshape(shape)
    bd = []
    rem = T
    for d in reversed(shape):
        b = min(rem, d)
        bd.append(b)
        rem = -(-rem // max(1, b))
    bd = bd[::-1]
    # contiguous run: innermost block dim, merged outwards while block dims are full
    k = len(shape) - 1
    while k > 0 and bd[k] == shape[k]:
        k -= 1
    idx = np.indices(shape).reshape(len(shape), -1)
    off = np.zeros(n, dtype=np.int64)
    length = np.ones(n, dtype=np.int64)
    for d in range(len(shape) - 1, k - 1, -1):
        start = (idx[d] // bd[d]) * bd[d]
        size = np.minimum(bd[d], shape[d] - start)
        off = off + (idx[d] - start) * length
        length = length * size
    return (off >= (length // P) * P).reshape(shape)


def _binary_path_mask(dt, out_shape, cx, cy, nx, ny):
    """Boolean mask (output shape) of the elements evaluated on the scalar path."""
    P = _P(dt)
    n = int(np.prod(out_shape))
    if len(cx) <= 1:
        return (np.arange(n) >= packet_prefix(n, P)).reshape(out_shape)
    cshape = tuple(max(a, b) for a, b in zip(cx, cy))
    key = "float64" if dt == _F64 else ("float32" if dt == _F32 else "bfloat16")
    T = _T_BCAST[(key, min(len(cshape), 3))]
    return _block_scalar_mask_nd(cshape, T, P).reshape(out_shape)


def _prep_binary(op, x, y):
    x, y = np.asarray(x), np.asarray(y)
    _check_type(op, x.dtype)
    out_shape, cx, cy = bcast(x.shape, y.shape)
    return x, y, out_shape, cx, cy


def _minmax_kernel(op, is_max):
    def kernel(ctx, x, y):
        x, y, out_shape, cx, cy = _prep_binary(op, x, y)
        if not _is_float(x.dtype):
            return (np.maximum if is_max else np.minimum)(x, y).astype(x.dtype).reshape(out_shape)
        if ctx.ref == "v1" and x.dtype in (_F16, _F32, _F64):
            n = int(np.prod(out_shape))
            ftz = None
            if len(cx) > 1 and x.dtype != _F16:
                ftz = _v1_tiled_ftz(ctx, x.dtype, cx, cy)
            return _contig(_minmax_v1(ctx, op, x, y, is_max, n,
                                      len(cx) <= 1 and x.size != y.size, ftz).reshape(out_shape))
        if x.dtype != _F16:
            mask = _binary_path_mask(x.dtype, out_shape, cx, cy, x.size, y.size)
        else:
            mask = np.zeros(out_shape, dtype=bool)
        return _contig(
            _minmax(ctx, op, x, y, is_max, mask).reshape(out_shape))
    kernel.__name__ = op
    kernel.__doc__ = ("TF ``%s`` (``scalar_%s_op<T, T, PropagateNaN>``)." % (op, "max" if is_max else "min"))
    return kernel


Maximum = _minmax_kernel("Maximum", True)
Minimum = _minmax_kernel("Minimum", False)


def _arith_kernel(op, fn):
    def kernel(ctx, x, y):
        x, y, out_shape, cx, cy = _prep_binary(op, x, y)
        dt = x.dtype
        if op == "RealDiv" and not _is_float(dt) and dt.kind != "c":
            raise errors.KernelError(
                errors.NotFoundError,
                "Could not find device for node: {{node RealDiv}} = RealDiv[T=DT_%s]\n"
                "All kernels registered for op RealDiv:\n"
                "  device='XLA_CPU_JIT'; T in [DT_FLOAT, DT_DOUBLE, DT_INT32, DT_UINT8, DT_INT16, "
                "DT_INT8, DT_COMPLEX64, DT_INT64, DT_BFLOAT16, DT_UINT16, DT_COMPLEX128, DT_HALF, "
                "DT_UINT32, DT_UINT64]\n"
                "  device='CPU'; T in [DT_COMPLEX128]\n  device='CPU'; T in [DT_COMPLEX64]\n"
                "  device='CPU'; T in [DT_BFLOAT16]\n  device='CPU'; T in [DT_DOUBLE]\n"
                "  device='CPU'; T in [DT_HALF]\n  device='CPU'; T in [DT_FLOAT]\n"
                % _tfname(dt).upper(), wrapped=False)
        with np.errstate(all="ignore"):
            if not _is_float(dt):
                return _contig(fn(x, y).astype(dt).reshape(out_shape))
            ftz = _ftz(ctx, op, dt, int(np.prod(out_shape)), len(cx) <= 1 and x.size != y.size)
            a, b = _daz(_wide(x), ftz), _daz(_wide(y), ftz)
            r = fn(a, b).astype(a.dtype)
            r = _daz(r, ftz)
            return _contig(r.astype(dt).reshape(out_shape))
    kernel.__name__ = op
    kernel.__doc__ = "TF ``%s``: IEEE op of the operands read through DAZ, result flushed (FTZ)." % op
    return kernel


AddV2 = _arith_kernel("AddV2", np.add)
Sub = _arith_kernel("Sub", np.subtract)
Mul = _arith_kernel("Mul", np.multiply)
RealDiv = _arith_kernel("RealDiv", np.divide)


def _cmp_kernel(op, fn):
    def kernel(ctx, x, y):
        x, y, out_shape, cx, cy = _prep_binary(op, x, y)
        if _is_float(x.dtype):
            ftz = _ftz(ctx, op, x.dtype, int(np.prod(out_shape)))
            x, y = _daz(_wide(x), ftz), _daz(_wide(y), ftz)
        with np.errstate(invalid="ignore"):
            return _contig(np.broadcast_to(fn(x, y), out_shape))
    kernel.__name__ = op
    kernel.__doc__ = "TF ``%s`` (comparisons read subnormals through DAZ)." % op
    return kernel


Less = _cmp_kernel("Less", np.less)
LessEqual = _cmp_kernel("LessEqual", np.less_equal)
Greater = _cmp_kernel("Greater", np.greater)
GreaterEqual = _cmp_kernel("GreaterEqual", np.greater_equal)
Equal = _cmp_kernel("Equal", np.equal)
NotEqual = _cmp_kernel("NotEqual", np.not_equal)

KERNELS = {f.__name__: f for f in (Exp, Log, Log1p, Sigmoid, Relu, Abs, Neg, Maximum, Minimum,
                                   AddV2, Sub, Mul, RealDiv, Less, LessEqual, Greater,
                                   GreaterEqual, Equal, NotEqual)}


# ---------------------------------------------------------------------------- Reciprocal

def Reciprocal(ctx, x):
    """TF ``Reciprocal`` (``functor::inverse`` = Eigen ``scalar_inverse_op``), non-tiled.

    * TF 2.21 (Eigen dcbaf2d6): the packet op is ``preciprocal``; for float32 (and half /
      bfloat16, through float) that is ``rcpps`` plus one Newton step
      (``_numerics.rcp.preciprocal``, CPU-vendor specific), for float64 an exact division.
      The last ``n % P`` flat elements take the scalar path, ``1 / x`` exactly.  FTZ/DAZ on.
    * TF 1.15 (Eigen cdb377d0): ``pdiv(1, x)`` on every path (exact); FTZ/DAZ as the eager
      cost model decides (``Cost = MulCost``).
    """
    from .._numerics.rcp import preciprocal
    x = np.asarray(x)
    _check_type("Reciprocal", x.dtype)
    dt = x.dtype
    if not _is_float(dt):
        with np.errstate(all="ignore"):
            return np.where(x == 0, 0, 1 // np.where(x == 0, 1, x)).astype(dt) if dt.kind in "iu" \
                else (1 / x).astype(dt)
    ftz = _ftz(ctx, "Reciprocal", dt, x.size)
    flat = _daz(_wide(x), ftz).reshape(-1)
    one = flat.dtype.type(1)
    with np.errstate(all="ignore"):
        out = _daz(one / flat, ftz)
        if ctx.ref == "v2" and flat.dtype == np.float32:
            k = packet_prefix(flat.size, 8)
            if k:
                out[:k] = preciprocal(x.reshape(-1)[:k].astype(np.float32) if dt != _F32
                                      else x.reshape(-1)[:k], ctx.profile.cpu_vendor, ftz=True)
        return _contig(out.astype(dt).reshape(x.shape))


KERNELS["Reciprocal"] = Reciprocal


# ---------------------------------------------------------------------------- DivNoNan
def DivNoNan(ctx, x, y):
    """TF ``DivNoNan`` (``cwise_op_div.cc``, ``cwise_ops.h`` ``div_no_nan_op``): ``b != 0 ?
    a / b : 0`` elementwise (``+0`` where the divisor is zero, whatever the dividend, NaN
    included; a NaN divisor gives NaN). The packet form (``pandnot(a / b, b == 0)``) gives the
    same bits as the scalar form. TF 2.21 reads the operands through DAZ and flushes the
    quotient (FTZ); TF 1.15.5 eager does neither for the small operands ``tf.losses`` divides
    (scalars). half divides in float and rounds once. Used by ``tf.compat.v1.losses`` /
    Keras ``_safe_mean``; the registration's dtype list is not checked here (float callers only)."""
    x, y, out_shape, cx, cy = _prep_binary("DivNoNan", x, y)
    dt = x.dtype
    with np.errstate(all="ignore"):
        if not _is_float(dt):
            raise errors.KernelError(errors.InvalidArgumentError,
                                     "DivNoNan: unsupported dtype %s" % _tfname(dt))
        ftz = _ftz(ctx, "DivNoNan", dt, int(np.prod(out_shape)), len(cx) <= 1 and x.size != y.size)
        a, b = _daz(_wide(x), ftz), _daz(_wide(y), ftz)
        q = _daz(np.divide(a, b).astype(a.dtype), ftz)
        r = np.where(b == 0, np.zeros((), a.dtype), q)
        return _contig(np.broadcast_to(r, out_shape).astype(dt))


KERNELS["DivNoNan"] = DivNoNan


# ---------------------------------------------------------------------------- Pow
# Tiled-evaluation cost per coefficient of ``lhs.binaryExpr(rhs, scalar_pow_op)`` (Eigen
# dcbaf2d6 ``TensorEvaluator.h``, ``TensorBroadcasting.h``, ``TensorBlock.h``,
# ``TensorCostModel.h``, ``TensorExecutor.h`` ``GetTensorExecutorTilingContext``): each
# broadcast operand loads and stores sizeof(T) bytes per coefficient, the functor costs
# ``5 * MulCost / PacketSize``; the target block size is ``size_t(1 / (cost / 40000))``.
_L1_CYCLES = 1.0 / 64 * 11


def _pow_tile_target(dt, nbcast):
    size = dt.itemsize
    compute = 5.0 / _P(dt)
    nbytes = float(size * nbcast)
    total = _L1_CYCLES * nbytes + _L1_CYCLES * nbytes + 1 * compute
    return int(1.0 / ((1.0 * total) / 40000))


def _pow_scalar_mask(dt, out_shape, cx, cy):
    """Elements of a float32/float64 Pow evaluated by the scalar ``operator()`` (glibc).

    ``BinaryOp::Compute`` (``cwise_ops_common.h``): same shapes, a rank-0 operand, or a
    BCast collapsed to <= 1 dims run non-tiled (packets for the first floor(N/P)*P flat
    elements); 2 to 5 collapsed dims run ``BinaryFunctor::BCast``: rank 2 always broadcasts
    both operands (``pow`` has no ``use_bcast_optimization``), ranks 3-5 skip the broadcast of
    an operand whose broadcast factors are all one; the expression is then evaluated tiled."""
    P = _P(dt)
    n = int(np.prod(out_shape, dtype=np.int64))
    if len(cx) <= 1:
        return (np.arange(n) >= packet_prefix(n, P)).reshape(out_shape)
    cshape = tuple(max(a, b) for a, b in zip(cx, cy))
    if len(cshape) == 2:
        nb = 2
    else:
        nb = int(tuple(cx) != cshape) + int(tuple(cy) != cshape)
    T = _pow_tile_target(dt, nb)
    return _block_scalar_mask_nd(cshape, T, P).reshape(out_shape)


def _int_pow(x, y):
    """``scalar_pow_op`` on integers (``pow_impl<.., true>``: binary powering, wrapping)."""
    res = np.ones_like(x)
    base = x.copy()
    e = y.copy()
    one = e.dtype.type(1)
    while True:
        odd = (e & one) != 0
        res = np.where(odd, res * base, res)
        e = e >> one
        if not e.any():
            break
        base = base * base
    return res


def _narrow_to_float(a):
    """half/bfloat16 -> float as TF 2.21's CPU kernels convert: half through F16C
    (``vcvtph2ps``: a signaling NaN comes out quiet, payload kept), bfloat16 by a shift
    (a signaling NaN stays signaling)."""
    f = a.astype(np.float32)
    if a.dtype == _F16:
        u = f.view(np.uint32)
        f = np.where(np.isnan(f), (u | np.uint32(0x00400000)).view(np.float32), f)
    return f


def _float_to_narrow(f, dt):
    """float -> half (``vcvtps2ph``, round to nearest even; a quiet NaN keeps its top payload
    bits) or bfloat16 (Eigen ``float_to_bfloat16_rtne``: round to nearest even, a NaN becomes
    ``0x7fc0`` with the float's sign)."""
    r = f.astype(dt)
    if dt != _F16:
        nan = np.isnan(f)
        if nan.any():
            bits = np.where(np.signbit(f), np.uint16(0xFFC0), np.uint16(0x7FC0))
            r = np.where(nan, bits.view(dt), r)
    return r


def Pow(ctx, x, y):
    """TF ``Pow`` (``cwise_op_pow.cc``: ``functor::pow`` = Eigen ``scalar_pow_op`` for
    float/half/bfloat16/double, ``functor::safe_pow`` for int8/16/32/64).

    * float32/float64: the packet path is Eigen ``generic_pow`` (``_numerics.pow.ppow``), the
      scalar path glibc ``powf@GLIBC_2.27`` / ``pow@GLIBC_2.2.5``; which elements take which
      path: :func:`_pow_scalar_mask`. FTZ/DAZ on (TF 2.21).
    * half/bfloat16: ``packet_traits`` has no ``HasPow``, so every element is
      ``T(powf(float(a), float(b)))`` (``Half.h`` / ``BFloat16.h`` ``pow``); conversions as
      :func:`_narrow_to_float` / :func:`_float_to_narrow`.
    * integers: exact powering with wraparound; any negative exponent fails the whole op
      with "Integers to negative integer powers are not allowed" (``SetComputeError``).
    * more than 5 collapsed broadcast dims: ``UnimplementedError``.
    """
    from .._numerics import glibc
    from .._numerics.pow import ppow
    x, y, out_shape, cx, cy = _prep_binary("Pow", x, y)
    dt = x.dtype
    if ctx.ref != "v2":
        raise NotImplementedError("Pow is only emulated for TF 2.21")
    if dt.kind == "c":
        raise NotImplementedError("complex Pow is not emulated")
    n = int(np.prod(out_shape, dtype=np.int64))
    if len(cx) > 5 and n and x.shape != y.shape and x.ndim and y.ndim:
        raise errors.KernelError(
            errors.UnimplementedError,
            "Broadcast between [%s] and [%s] is not supported yet."
            % (",".join(map(str, x.shape)), ",".join(map(str, y.shape))))
    xb = np.broadcast_to(x, out_shape).reshape(-1)
    yb = np.broadcast_to(y, out_shape).reshape(-1)
    with np.errstate(all="ignore"):
        if dt.kind in "iu":
            if n and (yb < 0).any():
                raise errors.KernelError(errors.InvalidArgumentError,
                                         "Integers to negative integer powers are not allowed")
            return _contig(_int_pow(xb, yb).reshape(out_shape))
        if dt not in (_F32, _F64):
            out = np.empty(n, dtype=dt)
            for s in range(0, n, _POW_CHUNK):
                e = min(n, s + _POW_CHUNK)
                r = glibc.powf(_narrow_to_float(xb[s:e]), _narrow_to_float(yb[s:e]), ftz_daz=True)
                out[s:e] = _float_to_narrow(r, dt)
            return out.reshape(out_shape)
        mask = _pow_scalar_mask(dt, out_shape, cx, cy).reshape(-1)
        scalar = glibc.powf if dt == _F32 else glibc.pow
        out = np.empty(n, dtype=dt)
        # bounded temporaries: the emulations hold a few dozen arrays of their input's size
        for s in range(0, n, _POW_CHUNK):
            e = min(n, s + _POW_CHUNK)
            m, xs, ys, o = mask[s:e], xb[s:e], yb[s:e], out[s:e]
            if not m.any():
                o[:] = ppow(xs, ys, ftz=True)
            elif m.all():
                o[:] = scalar(xs, ys, ftz_daz=True)
            else:
                o[~m] = ppow(xs[~m], ys[~m], ftz=True)
                o[m] = scalar(xs[m], ys[m], ftz_daz=True)
        return out.reshape(out_shape)


_POW_CHUNK = 1 << 16


KERNELS["Pow"] = Pow
_ALLOWED["Pow"] = ("bfloat16, float, half, double, int8, int16, int32, int64, complex64, "
                   "complex128", "x:T, y:T -> z:T", "")
