import sys

from django.core.management.base import BaseCommand, CommandError

from luoshi.disclosure import exports
from luoshi.disclosure.models import Publication
from luoshi.plans.models import Plan


class Command(BaseCommand):
    help = "导出一份报告 (JSON、CSV、XLSX、DOCX 或 PDF) 或一份年度计划 (--plan: JSON、CSV、XLSX)"

    def add_arguments(self, parser):
        parser.add_argument("report_id", type=int, metavar="REPORT_ID", nargs="?")
        parser.add_argument(
            "--plan", type=int, metavar="PLAN_ID", help="导出年度计划 (用 luoshi plans 查看)"
        )
        parser.add_argument("--format", choices=sorted(exports.FORMATS), default="json")
        parser.add_argument("-o", "--output", default="-", help="输出文件 (默认: 标准输出)")

    def handle(self, *args, report_id, plan, format, output, **options):
        if (report_id is None) == (plan is None):
            raise CommandError("请给出报告编号 REPORT_ID, 或 --plan PLAN_ID (二者选一)")
        if plan is not None:
            data = self._plan(plan, format)
        else:
            publication = Publication.objects.with_related().filter(pk=report_id).first()
            if publication is None:
                raise CommandError(f"没有编号为 {report_id} 的报告 (用 luoshi reports 查看)")
            data = exports.render(publication, format)
        if output == "-":
            sys.stdout.buffer.write(data)
        else:
            with open(output, "wb") as fh:
                fh.write(data)

    def _plan(self, plan_id, fmt) -> bytes:
        if fmt not in exports.PLAN_FORMATS:
            formats = "、".join(sorted(exports.PLAN_FORMATS))
            raise CommandError(f"年度计划只能导出为 {formats}")
        plan = Plan.objects.select_related("government").filter(pk=plan_id).first()
        if plan is None:
            raise CommandError(f"没有编号为 {plan_id} 的年度计划 (用 luoshi plans 查看)")
        return exports.render_plan(plan, fmt)
