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
        parser.add_argument(
            "--format", choices=["xlsx", "csv"], help="逾期名单 (含联系人) 写成表格"
        )
        parser.add_argument("-o", "--output", help="表格写到此文件 (默认: 标准输出, 仅 csv)")

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
        if options["format"]:
            return self._sheet(periods, options["format"], options["output"])
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

    def _sheet(self, periods, fmt, output):
        from luoshi.progress.sheets import overdue_list

        data = overdue_list(periods, fmt)
        if not output:
            if fmt == "xlsx":
                raise CommandError("XLSX 须用 -o FILE 指定输出文件")
            self.stdout.write(data.decode("utf-8-sig"), ending="")
            return
        try:
            with open(output, "wb") as out:
                out.write(data)
        except OSError as exc:
            raise CommandError(f"无法写入 {output}: {exc.strerror or exc}") from None
        self.stdout.write(f"已写入 {output}")
