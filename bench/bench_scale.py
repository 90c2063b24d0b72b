"""The scale benchmark (`make bench`): one run on this machine, printed side by side.

- import + assess: synthetic county reports (bench.synth) stored through the importer, on
  SQLite and on PostgreSQL with production durability; tasks/s and queries per task;
- the report page: luoshi served by `luoshi serve` (granian, as deployed, luoshi's access log on)
  against a static copy of the very same HTML served by nginx (its access log on) with as
  many worker processes, both loaded by wrk (Debian packages; `make bench` installs them)
  at 1 and 32 connections from 127.0.0.1, in two set-ups: "shared" (nothing pinned: the
  servers and wrk share both cores) and "pinned" (wrk on CPU 1; every process and thread
  of the server under test on CPU 0); on SQLite, and on PostgreSQL with fsync and
  synchronous_commit on (LUOSHI_PG_DURABLE=1 scripts/with-postgres), its views counted in
  Redis (scripts/with-redis) and, for comparison, by one durable UPDATE per view; each
  with the gzip client's view (bytes, rate) and the counter endpoint where there is one;
- search over 1,000,000 task rows on a throwaway PostgreSQL, durable (bench.search_pg);
- the resident memory of one server process after the load.
Environment: BENCH_SECONDS (per wrk run, default 10), BENCH_COUNTIES (import, default 20),
BENCH_GOVERNMENTS (search, default 2500 = 1,000,000 rows), BENCH_WORKERS (worker processes of
both page servers, default 2), BENCH_THREADS (`luoshi serve --threads`, default: its own),
BENCH_SETUPS (default "shared,pinned"), BENCH_POSTGRES (0: SQLite figures only),
BENCH_PG_PAGES (default "redis,update"), BENCH_PARTS (default "import,page,search"; e.g.
"page": the report page alone, on SQLite unless BENCH_POSTGRES=only, then on PostgreSQL alone)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.common import ROOT, SEED, free_port, luoshi, scratch_env, served

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
COUNTIES = int(os.environ.get("BENCH_COUNTIES", "20"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
THREADS = os.environ.get("BENCH_THREADS")
# (name, CPUs of the server under test, CPUs of wrk); None: not pinned.
SETUPS = [("shared", None, None), ("pinned", "0", "1")]
SETUPS = [s for s in SETUPS if s[0] in os.environ.get("BENCH_SETUPS", "shared,pinned")]
PARTS = os.environ.get("BENCH_PARTS", "import,page,search").split(",")
POSTGRES = os.environ.get("BENCH_POSTGRES", "1")  # "only": no SQLite page figures
GZIP = "Accept-Encoding: gzip, deflate, br"  # what browsers send


def bench_import(env, wrapper=()) -> dict:
    """Synthetic county reports stored through the importer: tasks/s and the queries each
    task costs. `wrapper`: a command that provides the database (scripts/with-postgres)."""
    code = f"""
import json, time, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.db import connection
from django.test.utils import CaptureQueriesContext
from bench.synth import county_report
from luoshi.imports.importer import store_report
reports = [county_report(c, q) for c in range({COUNTIES}) for q in (1, 2, 3, 4)]
t0 = time.perf_counter()
for r in reports[:-1]:
    store_report(r)
dt = time.perf_counter() - t0
with CaptureQueriesContext(connection) as queries:  # the last report, its queries counted
    store_report(reports[-1])
n = sum(len(r.tasks) for r in reports[:-1])
print(json.dumps({{"tasks": n, "seconds": dt,
                  "queries_per_task": len(queries) / len(reports[-1].tasks)}}))
"""
    out = subprocess.run(
        [*wrapper, sys.executable, "-c", code],
        env={**env, "DJANGO_SETTINGS_MODULE": "luoshi.settings"},
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return json.loads(out.strip().splitlines()[-1])


POST_SCRIPT = Path(__file__).with_name("wrk_post.lua")


def wrk(url: str, clients: int, cpus: str | None = None, seconds: int = SECONDS,
        header: str | None = None, post: bool = False) -> dict:  # fmt: skip
    # --timeout: a durable UPDATE per view under 32 clients answers in ~0.2-1 s (wrk's
    # default of 2 s would count the slowest as errors on a loaded machine).
    command = ["wrk", "-t1", f"-c{clients}", f"-d{seconds}s", "--timeout", "10s", "--latency", url]
    if header:
        command[1:1] = ["-H", header]
    if post:  # the counter endpoint counts a POST (a GET is refused with 405)
        command[1:1] = ["-s", str(POST_SCRIPT)]
    if cpus is not None:
        command = ["taskset", "-c", cpus, *command]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout

    def ms(label):
        m = re.search(rf"{label}\s+([\d.]+)(us|ms|s)\b", out)
        value, unit = float(m[1]), m[2]
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if bad or "Socket errors" in out:
        raise RuntimeError(f"errors under load:\n{out}")
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]),
        "p50": ms("50%"),
        "p99": ms("99%"),
        "requests": int(re.search(r"(\d+) requests in", out)[1]),
    }


def pin(pid: int, cpus: str | None) -> None:
    """Every thread of the process and of its children on `cpus` (None: all CPUs); threads
    started later inherit it."""
    cpus = cpus or f"0-{os.cpu_count() - 1}"
    for each in [pid, *children(pid)]:
        subprocess.run(["taskset", "-a", "-p", "-c", cpus, str(each)], check=True,
                       capture_output=True)  # fmt: skip


def nginx(root: Path, port: int, tmp: Path, workers: int):
    conf = tmp / "nginx.conf"
    conf.write_text(
        f"""worker_processes {workers}; pid {tmp}/nginx.pid; error_log {tmp}/nginx-error.log;
daemon off; events {{ worker_connections 1024; }}
http {{ access_log {tmp}/nginx-access.log; sendfile on; tcp_nopush on; keepalive_requests 1000000;
  server {{ listen 127.0.0.1:{port}; root {root};
    location / {{ default_type "text/html; charset=utf-8"; }} }} }}
"""
    )
    return subprocess.Popen(["nginx", "-c", str(conf), "-p", str(tmp)])


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def fetch(url: str, header: str | None = None, post: bool = False) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=b"" if post else None)
    if header:
        request.add_header(*header.split(": ", 1))
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def bench_page(env) -> dict:
    luoshi(env, "migrate", "--noinput")
    luoshi(env, "import", str(SEED))
    report_id = json.loads(luoshi(env, "reports", "--json").stdout)[0]["id"]
    results = {}
    # Each server logs as its default does (luoshi serve: one line per request to stdout;
    # nginx: its access log), as they are deployed.
    serve_args = ["--workers", str(WORKERS)]
    if THREADS:
        serve_args += ["--threads", THREADS]
    with (
        tempfile.TemporaryDirectory(prefix="luoshi-static-") as tmp,
        served(env, *serve_args) as (base, proc),
    ):
        url = f"{base}/reports/{report_id}/"
        html = urllib.request.urlopen(url).read()
        www = Path(tmp) / "www"
        www.mkdir()
        (www / "report.html").write_bytes(html)
        for path in (Path(tmp), www, www / "report.html"):  # nginx workers run as nobody
            path.chmod(0o755)
        port = free_port()
        server = nginx(www, port, Path(tmp), WORKERS)
        served_requests = 2  # the two urlopen() above and below
        try:
            time.sleep(0.5)
            static = f"http://127.0.0.1:{port}/report.html"
            for name, server_cpus, wrk_cpus in SETUPS:
                pin(proc.pid, server_cpus)
                pin(server.pid, server_cpus)
                # Warm every worker of both (each renders its own first copy of the page).
                for target in (url, static):
                    warm = wrk(target, 32, wrk_cpus, seconds=2)
                    served_requests += warm["requests"] if target == url else 0
                for clients in (1, 32):
                    ours = wrk(url, clients, wrk_cpus)
                    served_requests += ours["requests"]
                    results[name, clients] = {
                        "luoshi": ours,
                        "static": wrk(static, clients, wrk_cpus),
                    }
                if name != SETUPS[0][0]:
                    continue
                # The gzip client's view (the page compressed once per render) and the
                # counter endpoint, where there is one: 32 clients, the first set-up only.
                results["gzip_bytes"] = len(fetch(url, GZIP)[1])
                served_requests += 1
                results["gzip"] = wrk(url, 32, wrk_cpus, header=GZIP)
                served_requests += results["gzip"]["requests"]
                click = f"{base}/reports/{report_id}/click"
                if fetch(click, post=True)[0] == 200:
                    results["counter"] = wrk(click, 32, wrk_cpus, post=True)
                    served_requests += 1 + results["counter"]["requests"]
        finally:
            server.terminate()
            server.wait(timeout=10)
        workers = children(proc.pid) or [proc.pid]
        results["rss_mb"] = max(rss_mb(pid) for pid in workers)
        results["bytes"] = len(html)
        results["clicks"] = int(
            re.search(rb'<span id="clicks">(\d+)<', urllib.request.urlopen(url).read())[1]
        )
        # wrk counts the responses it read; a request in flight when a run stops is counted
        # by the server but not by wrk, so the page may show up to 32 per run more.
        results["requests"] = served_requests
    return results


def bench_search(env) -> dict:
    out = subprocess.run(
        [str(ROOT / "scripts" / "with-postgres"), sys.executable, "-m", "bench.search_pg"],
        env=env, cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return json.loads(out.strip().splitlines()[-1])


def print_page(label: str, page: dict) -> None:
    print(
        f"report page ({page['bytes'] / 1024:.0f} KiB) on {label}, {WORKERS} worker processes each"
        f"          luoshi (granian)                  static copy (nginx)            ratio"
    )
    for name, _, _ in SETUPS:
        for clients in (1, 32):
            a, s = page[name, clients]["luoshi"], page[name, clients]["static"]
            print(
                f"  {name:<6} {clients:>2} client(s)   {a['rps']:8,.0f} req/s p50 {a['p50']:6.2f} ms p99 {a['p99']:6.2f} ms"
                f"   {s['rps']:8,.0f} req/s p50 {s['p50']:5.2f} ms p99 {s['p99']:5.2f} ms   {a['rps'] / s['rps']:.2f}"
            )
    g, s = page["gzip"], page[SETUPS[0][0], 32]["static"]
    print(
        f"  gzip client, 32 clients: {page['gzip_bytes'] / 1024:.1f} KiB per view (of"
        f" {page['bytes'] / 1024:.0f} KiB)   {g['rps']:8,.0f} req/s p50 {g['p50']:6.2f} ms"
        f" p99 {g['p99']:6.2f} ms   {g['rps'] / s['rps']:.2f} of nginx's plain copy"
    )
    c = page.get("counter")
    if c is None:
        print("  counter endpoint POST /reports/<id>/click: did not answer 200")
    else:
        print(
            f"  counter endpoint /reports/<id>/click, 32 clients: {c['rps']:8,.0f} req/s p50 {c['p50']:6.2f} ms p99 {c['p99']:6.2f} ms"
        )
    # connections of the warm-up and measured runs, the gzip and counter runs
    in_flight = len(SETUPS) * (32 + 1 + 32) + 64
    print(
        f"  clicks counted: the page now shows {page['clicks']:,}; responses read by wrk and"
        f" the bench: {page['requests']:,} (difference {page['clicks'] - page['requests']:,},"
        f" at most {in_flight} in flight when a run stopped)"
    )


# Set-ups of the report page on PostgreSQL with production durability (fsync and
# synchronous_commit on): the views counted in Redis (as deployed on several hosts), and,
# for comparison, by one durable UPDATE per view (no LUOSHI_REDIS_URL).
POSTGRES_PAGES = [
    ("PostgreSQL (durable) + Redis counter", ["scripts/with-redis"]),
    ("PostgreSQL (durable), UPDATE per view", []),
]


def bench_page_postgres() -> dict:
    pages = {}
    wanted = os.environ.get("BENCH_PG_PAGES", "redis,update")
    for label, wrapper in POSTGRES_PAGES:
        if ("redis" if wrapper else "update") not in wanted:
            continue
        env = {**os.environ, "LUOSHI_PG_DURABLE": "1"}
        env.pop("LUOSHI_REDIS_URL", None)
        command = [str(ROOT / "scripts" / "with-postgres"), *[str(ROOT / w) for w in wrapper],
                   sys.executable, "-m", "bench.bench_scale", "page"]  # fmt: skip
        done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
        if done.returncode:
            sys.exit(f"{label}: failed\n{done.stderr[-3000:]}")
        page = json.loads(done.stdout.strip().splitlines()[-1])
        pages[label] = {(tuple(k.split(":")) if ":" in k else k): v for k, v in page.items()}
        for name, _, _ in SETUPS:
            for clients in (1, 32):
                pages[label][name, clients] = pages[label].pop((name, str(clients)))
    return pages


def page_here() -> None:
    """`python -m bench.bench_scale page`: the report page on the database DATABASE_URL names
    (scripts/with-postgres), as JSON."""
    with tempfile.TemporaryDirectory(prefix="luoshi-bench-") as tmp:
        env = {**os.environ, "LUOSHI_VAR_DIR": tmp}
        page = bench_page(env)
    print(json.dumps({(":".join(map(str, k)) if isinstance(k, tuple) else k): v
                      for k, v in page.items()}))  # fmt: skip


def main() -> None:
    for tool in ("wrk", "nginx"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} not found: `make bench` installs it (apt-get install {tool})")
    imported, pages, found = {}, {}, None
    if "import" in PARTS:
        with scratch_env() as env:
            imported["SQLite"] = bench_import(env)
        if POSTGRES != "0":
            with scratch_env() as env:
                env.pop("DATABASE_URL", None)
                env["LUOSHI_PG_DURABLE"] = "1"
                wrapper = [str(ROOT / "scripts" / "with-postgres")]
                imported["PostgreSQL (durable)"] = bench_import(env, wrapper)
    if "page" in PARTS:
        if POSTGRES != "only":
            with scratch_env() as env:
                pages["SQLite"] = bench_page(env)
        if POSTGRES != "0":
            pages.update(bench_page_postgres())
    if "search" in PARTS:
        with scratch_env() as env:
            env.pop("DATABASE_URL", None)
            env["LUOSHI_PG_DURABLE"] = "1"
            found = bench_search(env)

    print(f"machine: {os.cpu_count()} cores; one run; wrk -t1, {SECONDS}s per figure")
    for label, done in imported.items():
        rate = done["tasks"] / done["seconds"]
        print(
            f"import + assess on {label}: {done['tasks']:,} tasks in {done['seconds']:.1f} s:"
            f" {rate:,.0f} tasks/s, {done['queries_per_task']:.1f} queries per task"
        )
    for label, page in pages.items():
        print_page(label, page)
    if found:
        print(
            f"search, {found['rows']:,} rows (PostgreSQL, durable)   p50 {found['p50_ms']} ms   p99 {found['p99_ms']} ms"
            f"   ({found['queries']} queries; load {found['load_s']} s, GIN index {found['index_s']} s)"
        )
    if "SQLite" in pages:
        print(
            f"memory of one server process after the load: {pages['SQLite']['rss_mb']:.0f} MiB RSS (SQLite)"
        )


if __name__ == "__main__":
    page_here() if sys.argv[1:] == ["page"] else main()
