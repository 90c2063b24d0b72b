"""luoshi serve: the portal behind granian, a production WSGI server (HTTP in Rust, the
Django application in a few Python threads per worker process)."""

import argparse
import os
import sys

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "启动门户网站 (granian)"

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("LUOSHI_WORKERS", "2")),
            help="worker processes (default 2, LUOSHI_WORKERS)",
        )
        parser.add_argument(
            "--threads",
            type=int,
            # 2: a slow page (a PDF export) does not hold up its worker, and the cached
            # report page served most at 32 clients with 1-2 (docs/performance.md).
            default=int(os.environ.get("LUOSHI_THREADS", "2")),
            help="Python threads per worker running Django (default 2, LUOSHI_THREADS)",
        )
        parser.add_argument(
            "--max-rss",
            type=int,
            default=int(os.environ.get("LUOSHI_WORKER_MAX_RSS_MB", "1024")),
            help="respawn a worker past this many MiB of memory (default 1024, "
            "LUOSHI_WORKER_MAX_RSS_MB; 0: never)",
        )
        parser.add_argument(
            "--lifetime",
            type=int,
            default=int(os.environ.get("LUOSHI_WORKER_LIFETIME", "21600")),
            help="respawn a worker after this many seconds (default 21600, "
            "LUOSHI_WORKER_LIFETIME; 0: never; at least 60)",
        )
        parser.add_argument(
            "--access-log",
            action=argparse.BooleanOptionalAction,
            default=os.environ.get("LUOSHI_ACCESS_LOG", "1") != "0",
            help="one line per request on stdout (default on; LUOSHI_ACCESS_LOG=0 turns it off)",
        )

    def handle(self, *args, host, port, workers, threads, max_rss, lifetime, access_log, **options):
        if (
            not settings.DEBUG
            and settings.SECRET_KEY == settings.DEV_SECRET_KEY
            and host not in {"127.0.0.1", "localhost", "::1"}
        ):
            self.stderr.write("在公开地址上运行前请设置 LUOSHI_SECRET_KEY")
            sys.exit(2)
        argv = [
            "granian",
            "--interface",
            "wsgi",
            "--host",
            host,
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--blocking-threads",
            str(threads),
            "--no-ws",
            "--respawn-failed-workers",
            *recycling(max_rss, lifetime),
            # The line is written by luoshi's own layer (luoshi.pagecache.accesslog),
            # cheaper per request than granian's logger call.
            "--no-access-log",
            "luoshi.wsgi:application",
        ]
        self.stdout.write(f"luoshi 门户: http://{f'[{host}]' if ':' in host else host}:{port}/")
        self.stdout.flush()
        os.environ["LUOSHI_ACCESS_LOG"] = "1" if access_log else "0"
        os.execvp(sys.executable, [sys.executable, "-m", *argv])


def recycling(max_rss: int, lifetime: int) -> list[str]:
    """granian's options to respawn a worker grown past a memory bound (sampled every 10 s)
    or older than a lifetime: a worker bloated by one bad request gives its memory back
    without a restart. (granian has no bound on requests served; the lifetime stands in.)"""
    argv = []
    if max_rss > 0:
        argv += ["--workers-max-rss", str(max_rss), "--rss-sample-interval", "10"]
    if lifetime > 0:
        argv += ["--workers-lifetime", str(max(lifetime, 60))]
    return argv
