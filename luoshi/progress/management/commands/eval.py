import json
import sys

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "用人工标注的样例评价评估引擎: 目标查准率/查全率、实际数匹配、类别准确率"
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("gold", metavar="GOLD.json")

    def handle(self, *args, gold, **options):
        from luoshi.textparse.cli import run_eval

        try:
            code = run_eval(gold, sys.stdout)
        except OSError as exc:
            raise CommandError(f"无法读取 {gold}: {exc.strerror or exc}") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise CommandError(f"{gold} 不是有效的 JSON: {exc}") from None
        if code:
            sys.exit(code)
