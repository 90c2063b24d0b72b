"""`luoshi overdue [--period ID] [--json]`: units and tasks not submitted after the
deadline, per period; the list reminders are sent from."""

import json

from django.core.management.base import BaseCommand, CommandError

from luoshi.progress import overdue
from luoshi.progress.models import Period


class Command(BaseCommand):
    help = "列出截止日期已过仍未提交的单位和任务"

    def add_arguments(self, parser):
        parser.add_argument(
            "--period", type=int, help="报告期编号 (默认: 所有已过截止日期的报告期)"
        )
        parser.add_argument("--json", action="store_true", help="输出 JSON")

    def handle(self, *args, **options):
        if options["period"]:
            period = (
                Period.objects.select_related("plan__government")
                .filter(pk=options["period"])
                .first()
            )
            if period is None:
                raise CommandError(f"没有编号为 {options['period']} 的报告期")
            periods = [period]
        else:
            periods = list(overdue.overdue_periods())
        report = []
        for period in periods:
            units = overdue.overdue(period)
            report.append(
                {
                    "period": period.pk,
                    "label": period.label,
                    "government": period.plan.government.name,
                    "deadline": period.deadline.isoformat() if period.deadline else None,
                    "deadline_passed": overdue.is_overdue(period),
                    "units": [u.as_dict() for u in units],
                }
            )
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
            return
        if not report:
            self.stdout.write("没有已过截止日期的报告期")
        for item in report:
            head = f"{item['government']} {item['label']} (报告期 {item['period']}, 截止 {item['deadline']})"
            if not item["deadline_passed"]:
                self.stdout.write(f"{head}: 截止日期未到")
                continue
            if not item["units"]:
                self.stdout.write(f"{head}: 全部已提交")
                continue
            self.stdout.write(f"{head}: {len(item['units'])} 个单位未提交")
            for unit in item["units"]:
                seqs = "、".join(str(t["seq"]) for t in unit["tasks"])
                self.stdout.write(f"  {unit['unit']}\t{len(unit['tasks'])} 项\t任务 {seqs}")
