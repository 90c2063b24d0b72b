"""nginx serving a folder written by `luoshi publish-static`, with the site of
deploy/nginx-static.conf (the one docs/operations.md gives), luoshi behind it at `upstream`."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "deploy" / "nginx-static.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def site_config(root: Path, port: int, upstream: str) -> str:
    """deploy/nginx-static.conf for this folder, port and luoshi."""
    text = SITE.read_text(encoding="utf-8")
    for documented, here in (
        ("listen 80;", f"listen 127.0.0.1:{port};"),
        ("root /srv/luoshi-static;", f"root {root};"),
        ("http://127.0.0.1:8000", upstream),
    ):
        assert documented in text, documented
        text = text.replace(documented, here)
    return text


@contextmanager
def nginx(root: Path, upstream: str):
    """nginx on a free port (one process, as this user); yields its base URL."""
    if not os.path.exists(NGINX):
        pytest.skip("nginx is not installed: scripts/system-deps installs nginx-light")
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="luoshi-nginx-") as tmp:
        temps = "\n".join(
            f"{name}_temp_path {tmp}/{name};"
            for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        conf = Path(tmp) / "nginx.conf"
        conf.write_text(
            f"daemon off; master_process off; worker_processes 1;\n"
            f"pid {tmp}/nginx.pid; error_log {tmp}/error.log warn;\n"
            "events { worker_connections 64; }\n"
            "http {\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
            f"  access_log off;\n{temps}\n{site_config(root, port, upstream)}\n}}\n",
            encoding="utf-8",
        )
        process = subprocess.Popen(
            [NGINX, "-c", str(conf), "-p", tmp, "-e", f"{tmp}/error.log"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            _wait_for(port, process)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            process.wait(timeout=10)


def _wait_for(port: int, process) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx did not start: {process.stderr.read().decode()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("nginx did not start listening")
