"""Screenshots of the portal for docs/screenshots/: import the seed into a scratch
database, serve it, and save PNGs with Debian's Chromium (make screenshots).

    report.png          the report page
    report-elderly.png  the same page in 长辈版
    task.png            the task page of task 76 (新增养老机构床位)
    search.png          a search for 电梯
    charts.png          the report's charts
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
SEED = Path(os.environ.get("SEED", ROOT / "data" / "gongshu-2021q4.txt"))
CHROMIUM = os.environ.get("LUOSHI_CHROMIUM", "/usr/bin/chromium")
LUOSHI = [sys.executable, "-m", "luoshi"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _shoot(base: str, env: dict) -> None:
    from playwright.sync_api import sync_playwright

    task_id = subprocess.run(
        [
            *LUOSHI,
            "shell",
            "-c",
            "from luoshi.plans.models import Task; print(Task.objects.get(seq=76).pk)",
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout.split()[-1]  # the last word: Django's shell may first report its imports
    OUT.mkdir(parents=True, exist_ok=True)
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=args, headless=True)

        def shot(name, path, elder=False, full=False, height=1100):
            context = browser.new_context(
                locale="zh-CN", viewport={"width": 1280, "height": height}, device_scale_factor=1
            )
            if elder:
                context.add_cookies([{"name": "luoshi_elder", "value": "1", "url": base}])
            page = context.new_page()
            page.goto(base + path)
            if "charts" in path:
                page.wait_for_selector(".charts[data-rendered=true]")
            page.screenshot(path=str(OUT / name), full_page=full)
            context.close()
            print(f"  {OUT / name}")

        shot("report.png", "/reports/1/")
        shot("report-elderly.png", "/reports/1/", elder=True)
        shot("task.png", f"/tasks/{task_id}/")
        shot("search.png", "/search/?q=电梯")
        shot("charts.png", "/reports/1/charts/", height=1400)
        browser.close()


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="luoshi-shots-") as var:
        env = {**os.environ, "LUOSHI_VAR_DIR": var, "DJANGO_SETTINGS_MODULE": "luoshi.settings"}
        env.pop("DATABASE_URL", None)
        subprocess.run([*LUOSHI, "migrate", "-v0", "--noinput"], env=env, check=True, cwd=ROOT)
        subprocess.run([*LUOSHI, "import", str(SEED)], env=env, check=True, cwd=ROOT)
        port = _free_port()
        server = subprocess.Popen(
            [*LUOSHI, "serve", "--port", str(port), "--workers", "1"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            _wait(base + "/")
            _shoot(base, env)
        finally:
            server.terminate()
            server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
