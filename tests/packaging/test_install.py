"""luoshi as a user installs it: a wheel built from the source, installed with its
dependencies into a fresh virtualenv (pip, from the configured index), then
`luoshi migrate && luoshi import <seed> && luoshi serve` run from a folder of its own.

Slow (a real install), so one test for the whole path."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from bench.common import free_port
from tests.conftest import ROOT, SEED

pytestmark = pytest.mark.install


def _run(*argv, cwd, env, timeout=600):
    done = subprocess.run(
        argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert done.returncode == 0, f"{argv}: {done.stdout}\n{done.stderr}"
    return done.stdout


def _get(url: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_wheel_installs_in_a_fresh_venv_and_serves_the_seed_from_another_folder(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".git", ".venv*", "var", "build", "dist", "*.egg-info", "__pycache__", "tests"
        ),
    )
    # Nothing of the developer's environment: no settings, database or folders of theirs.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("LUOSHI_", "DATABASE_", "DJANGO_", "PYTHON", "VIRTUAL_ENV"))
    }
    _run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "-q",
        "--no-deps",
        "-w",
        "dist",
        ".",
        cwd=source,
        env=env,
    )
    (wheel,) = (source / "dist").glob("luoshi-*.whl")

    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", str(venv), cwd=tmp_path, env=env)
    _run(
        str(venv / "bin" / "python"),
        "-m",
        "pip",
        "install",
        "-q",
        str(wheel),
        cwd=tmp_path,
        env=env,
    )
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    site = Path(
        _run(
            "python",
            "-c",
            "import luoshi, pathlib; print(pathlib.Path(luoshi.__file__).parent)",
            cwd=tmp_path,
            env=env,
        ).strip()
    )
    assert site.is_relative_to(venv)  # the installed copy, not the source
    site_files = _files(site)

    # Importing the settings and the WSGI application creates nothing, anywhere.
    empty = tmp_path / "empty"
    empty.mkdir()
    _run(
        "python",
        "-c",
        "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'luoshi.settings'; import luoshi.wsgi",
        cwd=empty,
        env=env,
    )
    assert _files(empty) == []

    work = tmp_path / "work"
    work.mkdir()
    _run("luoshi", "migrate", "--noinput", cwd=work, env=env)
    _run("luoshi", "import", str(SEED), cwd=work, env=env)
    (report,) = json.loads(_run("luoshi", "reports", "--json", cwd=work, env=env))
    assert (work / "var" / "luoshi.sqlite3").is_file()

    port = free_port()
    server = subprocess.Popen(
        ["luoshi", "serve", "--port", str(port), "--workers", "1", "--no-access-log"],
        cwd=work,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        index = _get(f"http://127.0.0.1:{port}/")
        page = _get(f"http://127.0.0.1:{port}/reports/{report['id']}/")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    assert report["title"] in index
    assert "地区生产总值增长7.5%左右" in page
    assert _files(site) == site_files  # data went to ./var, none beside the code
