"""``tf.config`` (threading) and the numerics profile.

``tfxent.config.threading.set_intra_op_parallelism_threads(n)`` mirrors TF's call: large full
reductions split across that many threads. ``set_profile`` pins the emulated machine (see
``tfxent.NumericsProfile``); ``get_profile`` tells which one is in force.
"""
from . import _profile
from ._profile import NumericsProfile, detect  # noqa: F401


class threading(object):  # noqa: N801 - mirrors tf.config.threading
    @staticmethod
    def set_intra_op_parallelism_threads(num_threads):
        _profile.set_threads(num_threads)

    @staticmethod
    def get_intra_op_parallelism_threads():
        return _profile._state["threads"] or 0

    @staticmethod
    def set_inter_op_parallelism_threads(num_threads):
        return None

    @staticmethod
    def get_inter_op_parallelism_threads():
        return 0


def set_profile(profile):
    """Pin the emulated machine: a NumericsProfile, a string such as
    ``"cpu_vendor=intel,isa=avx512_core,threads=2"`` (unnamed fields detected), or None."""
    _profile.set_profile(profile)


def get_profile():
    return _profile.current()
