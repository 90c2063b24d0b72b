"""luoshi serve: the portal behind gunicorn, a production WSGI server."""

import os
import sys

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "启动门户网站 (gunicorn)"

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("LUOSHI_WORKERS", "2"))
        )
        parser.add_argument(
            "--threads", type=int, default=int(os.environ.get("LUOSHI_THREADS", "4"))
        )

    def handle(self, *args, host, port, workers, threads, **options):
        if (
            not settings.DEBUG
            and settings.SECRET_KEY == settings.DEV_SECRET_KEY
            and host
            not in {
                "127.0.0.1",
                "localhost",
                "::1",
            }
        ):
            self.stderr.write("在公开地址上运行前请设置 LUOSHI_SECRET_KEY")
            sys.exit(2)
        argv = [
            "gunicorn",
            "luoshi.wsgi:application",
            "--bind",
            f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--access-logfile",
            "-",
        ]
        self.stdout.write(f"luoshi 门户: http://{host}:{port}/")
        self.stdout.flush()
        os.execvp(sys.executable, [sys.executable, "-m", *argv])
