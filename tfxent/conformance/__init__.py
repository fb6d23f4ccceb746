"""Conformance of tfxent against TensorFlow: deterministic cases (``cases``), the
TensorFlow oracle recorder (``oracle``, run by file path under a TensorFlow Python), bitwise
comparison (``compare``), the compatibility matrix (``report``), goldens (``goldens/``)
and the driver (``runner``).  Command line: ``python -m tfxent check`` / ``record``.

Importing this package never imports TensorFlow."""
