"""Benchmarks: data layer, browser timings and protocol-level load (``python -m bench.run``)."""
