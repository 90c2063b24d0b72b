"""A serving worker takes what it loaded out of Python's full collections (luoshi/startup.py):
their 24-53 ms walk over the loaded objects was the p99 of a search over 1M rows."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

PROBE = """
import gc, time
import luoshi.wsgi
frozen = gc.get_freeze_count()
t0 = time.perf_counter()
gc.collect()
print(frozen, len(gc.get_objects()), time.perf_counter() - t0)
"""


def test_the_wsgi_module_freezes_the_loaded_worker():
    # In a process of its own: freezing this test process would keep its objects for good.
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "luoshi.settings", "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, env=env, cwd=ROOT
    ).stdout.split()
    frozen, left = int(out[0]), int(out[1])
    # Django, the apps and psycopg: tens of thousands of objects frozen, and a full
    # collection walks only the few made after (not a timing: counts).
    assert frozen > 20_000
    assert left < frozen // 10
