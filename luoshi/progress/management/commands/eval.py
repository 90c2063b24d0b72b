import json
import sys

from django.core.management.base import BaseCommand, CommandError

from luoshi.textparse.cli import run_eval


class Command(BaseCommand):
    help = (
        "用人工标注的样例评价评估引擎: 目标查准率/查全率、实际数匹配、类别准确率;"
        "--misses(或 -v 2)逐条列出未命中及决定它的规则,--json 输出完整结果"
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("gold", metavar="GOLD.json")
        parser.add_argument(
            "--misses",
            action="store_true",
            help="逐条列出未命中: 目标、实际数、决定分类的规则与证据",
        )
        parser.add_argument("--json", action="store_true", help="以一个 JSON 对象输出全部结果")

    def handle(self, *args, gold, **options):
        misses = options["misses"] or options["verbosity"] >= 2
        try:
            code = run_eval(gold, sys.stdout, misses=misses, as_json=options["json"])
        except OSError as exc:
            raise CommandError(f"无法读取 {gold}: {exc.strerror or exc}") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise CommandError(f"{gold} 不是有效的 JSON: {exc}") from None
        if code:
            sys.exit(code)
