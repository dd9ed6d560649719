"""Side-by-side benchmarks: this SDK vs raw httpx vs the official ``formance-sdk-python`` (``nox -s bench``).

Not part of the test suite: speed is measured here and never asserted in tests. ``python -m benchmarks --help``.
"""
