import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "评估任务: 读入 JSON Lines (文件或标准输入), 每行输出一条评估结果"
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default="-", metavar="FILE")

    def handle(self, *args, file, **options):
        from luoshi.textparse.cli import run_assess

        if file == "-":
            run_assess(sys.stdin, sys.stdout, sys.stderr)
            return
        with open(file, encoding="utf-8", errors="replace") as infile:
            run_assess(infile, sys.stdout, sys.stderr)
