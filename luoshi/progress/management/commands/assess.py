import sys

from django.core.management.base import BaseCommand, CommandError

from luoshi.textparse.cli import run_assess


class Command(BaseCommand):
    help = "评估任务: 读入 JSON Lines (文件或标准输入), 每行输出一条评估结果"
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default="-", metavar="FILE")

    def handle(self, *args, file, **options):
        if file == "-":
            run_assess(sys.stdin, sys.stdout, sys.stderr)
            return
        try:
            infile = open(file, encoding="utf-8", errors="replace")  # noqa: SIM115
        except OSError as exc:
            raise CommandError(f"无法读取 {file}: {exc.strerror or exc}") from None
        with infile:
            run_assess(infile, sys.stdout, sys.stderr)
