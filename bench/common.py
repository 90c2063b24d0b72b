"""Helpers shared by the benchmarks: a scratch database and a served portal."""

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "gongshu-2021q4.txt"


@contextlib.contextmanager
def scratch_env():
    """Environment variables for a fresh SQLite database in a temporary folder (unless
    LUOSHI_BENCH_DATABASE_URL names another, empty, database)."""
    with tempfile.TemporaryDirectory(prefix="luoshi-bench-") as tmp:
        env = dict(os.environ)
        env["DATABASE_URL"] = os.environ.get(
            "LUOSHI_BENCH_DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3"
        )
        env["LUOSHI_VAR_DIR"] = tmp
        yield env


def luoshi(env, *args, check=True):
    return subprocess.run(
        [sys.executable, "-m", "luoshi", *args],
        env=env,
        check=check,
        capture_output=True,
        text=True,
    )


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def served(env, *serve_args):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "luoshi", "serve", "--port", str(port), *serve_args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(url + "/", timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("the portal did not start") from None
                time.sleep(0.2)
        yield url, proc
    finally:
        proc.terminate()
        proc.wait(timeout=10)
