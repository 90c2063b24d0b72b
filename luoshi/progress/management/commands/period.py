"""`luoshi period open PLAN_ID --year 2022 --quarter 1 --deadline 2022-03-25 --as ADMIN`
and `luoshi period list`."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from luoshi.plans.models import Plan
from luoshi.progress import workflow
from luoshi.progress.models import Period


class Command(BaseCommand):
    help = "报告期: open 开启, list 列出"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        op = sub.add_parser("open", help="开启一个季度的报告期")
        op.add_argument("plan", type=int, help="年度计划编号")
        op.add_argument("--year", type=int, required=True)
        op.add_argument("--quarter", type=int, required=True, choices=[1, 2, 3, 4])
        op.add_argument("--deadline", required=True, help="报送截止日期 YYYY-MM-DD")
        op.add_argument("--as", dest="actor", required=True, help="以哪个督查室管理员账号操作")
        sub.add_parser("list", help="列出报告期")

    def handle(self, *args, **options):
        if options["action"] == "list":
            for p in Period.objects.select_related("plan__government").order_by("id"):
                deadline = p.deadline.isoformat() if p.deadline else "-"
                self.stdout.write(
                    f"{p.pk}\t{p.plan.government}\t{p.label}\t{p.get_status_display()}\t{deadline}"
                )
            return
        plan = Plan.objects.select_related("government").filter(pk=options["plan"]).first()
        if plan is None:
            raise CommandError(f"没有编号为 {options['plan']} 的年度计划")
        actor = get_user_model().objects.filter(username=options["actor"]).first()
        if actor is None:
            raise CommandError(f"没有账号 {options['actor']}")
        try:
            deadline = dt.date.fromisoformat(options["deadline"])
        except ValueError as exc:
            raise CommandError(f"截止日期不是有效日期: {options['deadline']}") from exc
        try:
            period = workflow.open_period(
                actor, plan, options["year"], options["quarter"], deadline
            )
        except (workflow.WorkflowError, PermissionDenied) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"已开启 {period.label} (报告期 {period.pk}): {period.progress.count()} 项任务, "
            f"截止 {deadline}"
        )
