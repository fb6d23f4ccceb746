"""The numerics profile: which machine tfxent emulates.

TensorFlow's bits depend on the CPU (vendor: RCPPS table; ISA: oneDNN kernel width and
FMA; glibc's ifunc picks FMA variants of expf/logf/...), on the host glibc (scalar tail
elements) and on the intra-op thread count (large full reductions). ``detect()`` reads what
TF would see on this machine; a profile can also be pinned (``tfxent.config.set_profile``
or the ``TFXENT_PROFILE`` environment variable) so recorded results are checkable anywhere.
"""
import os
import re
import threading
from dataclasses import dataclass, replace, fields

_ISA_LEVELS = ("sse41", "avx", "avx2", "avx2_vnni", "avx2_vnni_2", "avx512_core",
               "avx512_core_vnni", "avx512_core_bf16", "avx512_core_amx",
               "avx512_core_fp16", "avx512_core_amx_fp16")


@dataclass(frozen=True)
class NumericsProfile:
    """The emulated machine.

    cpu_vendor: "intel", "amd" or "unknown" (selects the RCPPS table).
    isa:        the best oneDNN ISA name of the CPU (before any ONEDNN_MAX_CPU_ISA cap).
    fma:        the CPU has FMA (glibc picks its FMA builds of expf/logf/exp/log).
    glibc:      host glibc version, "2.36" (the version whose scalar paths are ported).
    threads:    intra-op thread count TF would use (CPUs in the affinity mask).
    onednn:     TF_ENABLE_ONEDNN_OPTS is on (TF 2.21 routes Softmax through oneDNN).
    max_isa:    ONEDNN_MAX_CPU_ISA cap, or "" for none.
    """
    cpu_vendor: str = "intel"
    isa: str = "avx512_core"
    fma: bool = True
    glibc: str = "2.36"
    threads: int = 2
    onednn: bool = True
    max_isa: str = ""

    def to_string(self):
        parts = []
        for f in fields(self):
            v = getattr(self, f.name)
            if isinstance(v, bool):
                v = int(v)
            parts.append("%s=%s" % (f.name, v))
        return ",".join(parts)

    @classmethod
    def from_string(cls, text):
        kw = {}
        types = {f.name: f.type for f in fields(cls)}
        for item in filter(None, (p.strip() for p in text.split(","))):
            key, _, val = item.partition("=")
            key = key.strip()
            if key not in types:
                raise ValueError("unknown numerics profile field %r" % key)
            t = types[key]
            if t in (bool, "bool"):
                kw[key] = val.strip().lower() in ("1", "true", "yes", "on")
            elif t in (int, "int"):
                kw[key] = int(val)
            else:
                kw[key] = val.strip()
        return cls(**kw)

    def replace(self, **kw):
        return replace(self, **kw)


def _cpuinfo():
    vendor, flags = "unknown", set()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("vendor_id") and vendor == "unknown":
                    v = line.split(":", 1)[1].strip()
                    vendor = {"GenuineIntel": "intel", "AuthenticAMD": "amd"}.get(v, "unknown")
                elif line.startswith("flags"):
                    flags = set(line.split(":", 1)[1].split())
                    break
    except OSError:
        pass
    return vendor, flags


def _isa_from_flags(flags):
    if {"avx512f", "avx512bw", "avx512vl", "avx512dq"} <= flags:
        if "avx512_fp16" in flags:
            return "avx512_core_fp16"
        if "avx512_bf16" in flags:
            return "avx512_core_bf16"
        if "avx512_vnni" in flags:
            return "avx512_core_vnni"
        return "avx512_core"
    if "avx2" in flags:
        if "avx_ne_convert" in flags and "avx_vnni_int8" in flags:
            return "avx2_vnni_2"
        if "avx_vnni" in flags:
            return "avx2_vnni"
        return "avx2"
    if "avx" in flags:
        return "avx"
    return "sse41"


def _glibc_version():
    try:
        v = os.confstr("CS_GNU_LIBC_VERSION")  # "glibc 2.36"
    except (ValueError, OSError, AttributeError):
        v = None
    if v:
        m = re.search(r"(\d+\.\d+)", v)
        if m:
            return m.group(1)
    return "unknown"


def _thread_count():
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _env_onednn():
    v = os.environ.get("TF_ENABLE_ONEDNN_OPTS")
    if v is None:
        return True
    return v.strip().lower() not in ("0", "false")


def detect():
    """What TF would do on this machine, honouring TF's own environment switches."""
    vendor, flags = _cpuinfo()
    return NumericsProfile(
        cpu_vendor=vendor,
        isa=_isa_from_flags(flags),
        fma="fma" in flags,
        glibc=_glibc_version(),
        threads=_thread_count(),
        onednn=_env_onednn(),
        max_isa=os.environ.get("ONEDNN_MAX_CPU_ISA", "").strip().lower(),
    )


_state = {"profile": None, "threads": None}


def current():
    """The profile in force: pinned (set_profile / TFXENT_PROFILE) or detected."""
    p = _state["profile"]
    if p is None:
        env = os.environ.get("TFXENT_PROFILE")
        p = detect()
        if env:
            p = NumericsProfile.from_string(p.to_string() + "," + env)
        _state["profile"] = p
    if _state["threads"]:
        p = p.replace(threads=_state["threads"])
    return p


def set_profile(profile):
    """Pin the emulated machine (a NumericsProfile, a profile string, or None to re-detect)."""
    if isinstance(profile, str):
        profile = NumericsProfile.from_string(detect().to_string() + "," + profile)
    _state["profile"] = profile


def set_threads(n):
    _state["threads"] = int(n) if n else None


@dataclass(frozen=True)
class ExecContext:
    """What a kernel needs to know about how TF would run it.

    ref:   "v2" (TF 2.21) or "v1" (TF 1.15.5).
    graph: TF1 graph mode (Session.run): FTZ/DAZ always on.
    """
    ref: str
    profile: NumericsProfile
    graph: bool = False

    @property
    def threads(self):
        return self.profile.threads

    @property
    def always_ftz(self):
        """FTZ/DAZ on for every evaluation (TF 2.21; TF 1.15 graph mode)."""
        return self.ref == "v2" or self.graph


_graph_eval = threading.local()


class graph_mode(object):
    """While active (``on``), TF 1.15 kernels run as in a Session: FTZ/DAZ always on."""

    def __init__(self, on=True):
        self.on = bool(on)

    def __enter__(self):
        self.prev = getattr(_graph_eval, "on", False)
        _graph_eval.on = self.on or self.prev
        return self

    def __exit__(self, *exc):
        _graph_eval.on = self.prev


def in_graph_mode():
    return getattr(_graph_eval, "on", False)


def context(ref, graph=False):
    return ExecContext(ref, current(), graph or (ref == "v1" and in_graph_mode()))
