"""Helpers for the benchmarks under tests/bench (run by `make bench`).

Each bench_*.py file defines ``run(env, report)``; ``env`` is a superuser environment on the bench
database (all five addons installed, no demo data) and ``report(name, value, unit)`` prints one line
per figure. The runner rolls the transaction back after each file: a benchmark that needs other
processes to see its data commits it itself and cleans up after.
"""
import time
import tracemalloc
import urllib.request
from contextlib import contextmanager


class Measure:
    seconds = 0.0
    peak_mb = 0.0


@contextmanager
def measure():
    """Wall time and peak Python memory (tracemalloc) of the block: ``with measure() as m: ...``."""
    m = Measure()
    tracemalloc.start()
    start = time.perf_counter()
    try:
        yield m
    finally:
        m.seconds = time.perf_counter() - start
        m.peak_mb = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()


@contextmanager
def timed():
    """Wall time only (no tracemalloc overhead): ``with timed() as m: ...``."""
    m = Measure()
    start = time.perf_counter()
    try:
        yield m
    finally:
        m.seconds = time.perf_counter() - start


def wait_http(url, seconds=180):
    """Wait until the Odoo server at ``url`` answers its login page (the load and auction runs start their own
    servers); False after ``seconds``."""
    for _ in range(seconds):
        try:
            with urllib.request.urlopen(url + "/web/login", timeout=5) as r:
                if r.status == 200:
                    return True
        except Exception:  # noqa: BLE001
            time.sleep(1)
    return False

