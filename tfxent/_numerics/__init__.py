"""Emulation of the machine TensorFlow runs on: packet math, glibc scalar paths, FTZ/DAZ,
reduction orders. No TensorFlow semantics live here."""
