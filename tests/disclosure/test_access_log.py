"""`luoshi serve`'s access log: granian's own lines, written to stdout in batches
(luoshi.pagecache.accesslog), every line once, none left behind by a clean stop."""

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from luoshi.pagecache import accesslog
from luoshi.pagecache.management.commands.serve import batched_access_log

# What granian's WSGI worker does per request: its access logger, built from its format.
LOGGING = """
import json, sys, time
from granian.log import DEFAULT_ACCESSLOG_FMT, LogLevels, configure_logging
from granian.wsgi import _build_access_logger
configure_logging(LogLevels.info, json.loads(sys.argv[1]), True)
log = _build_access_logger(DEFAULT_ACCESSLOG_FMT)
for n in range(int(sys.argv[2])):
    scope = {"REMOTE_ADDR": "127.0.0.1", "SERVER_PROTOCOL": "HTTP/1.1",
             "PATH_INFO": f"/reports/{n}/", "QUERY_STRING": "", "REQUEST_METHOD": "GET",
             "wsgi.url_scheme": "http"}
    log(time.time(), time.perf_counter(), scope, 200)
"""


def granian_logging(lines: int) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", LOGGING, accesslog.log_config(), str(lines)],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return done.stdout.splitlines()


def test_granians_lines_reach_stdout_in_its_format_and_a_clean_stop_leaves_none_behind():
    lines = granian_logging(2000)
    assert len(lines) == 2000
    assert [line.split('"GET ')[1].split()[0] for line in lines] == [
        f"/reports/{n}/" for n in range(2000)
    ]
    assert '127.0.0.1 - "GET /reports/0/ HTTP/1.1" 200' in lines[0]


def test_lines_from_many_threads_are_each_written_once():
    read, write = os.pipe()
    handler = accesslog.BatchedStdout(fd=write, logger="luoshi.test.access")
    per_thread, threads = 500, 8

    def requests(t):
        for n in range(per_thread):
            handler.info("%(who)s %(n)d", {"who": f"t{t}", "n": n})

    workers = [threading.Thread(target=requests, args=(t,)) for t in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    time.sleep(accesslog.FLUSH_SECONDS * 2)  # the writer's round
    handler.flush()
    os.close(write)
    with os.fdopen(read) as stream:
        written = stream.read().splitlines()
    assert sorted(written) == sorted(f"t{t} {n}" for t in range(threads) for n in range(per_thread))
    for t in range(threads):  # each thread's lines in the order it logged them
        mine = [int(line.split()[1]) for line in written if line.startswith(f"t{t} ")]
        assert mine == list(range(per_thread))


def test_serve_hands_granian_the_batched_log_only_with_the_access_log_on(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    assert batched_access_log(False) == []
    option, path = batched_access_log(True)
    assert option == "--log-config"
    config = json.loads(Path(path).read_text())
    assert config["handlers"]["access"] == {"()": "luoshi.pagecache.accesslog.BatchedStdout"}
    assert config["loggers"]["granian.access"]["handlers"] == ["access"]
