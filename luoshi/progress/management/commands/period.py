"""`luoshi period open PLAN_ID --year 2022 --quarter 1 --deadline 2022-03-25 --as ADMIN`
and `luoshi period list`."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from luoshi.plans.models import Plan, Unit
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
        for name, text in [("close", "截止填报, 进入审核"), ("reopen", "重新开放填报 (发布前)")]:
            action = sub.add_parser(name, help=text)
            action.add_argument("period", type=int, help="报告期编号")
            action.add_argument("--as", dest="actor", required=True, help="督查室管理员账号")
        ext = sub.add_parser("extend", help="延长截止日期 (整个报告期或一个单位)")
        ext.add_argument("period", type=int, help="报告期编号")
        ext.add_argument("--deadline", required=True, help="延期至 YYYY-MM-DD")
        ext.add_argument("--reason", required=True, help="延期理由 (记入审计日志)")
        ext.add_argument("--unit", default="", help="只为这个单位延期 (名称或别名)")
        ext.add_argument("--as", dest="actor", required=True, help="督查室管理员账号")

    def handle(self, *args, **options):
        if options["action"] in ("close", "reopen", "extend"):
            return self._change(options)
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

    def _change(self, options):
        period = (
            Period.objects.select_related("plan__government").filter(pk=options["period"]).first()
        )
        if period is None:
            raise CommandError(f"没有编号为 {options['period']} 的报告期")
        actor = get_user_model().objects.filter(username=options["actor"]).first()
        if actor is None:
            raise CommandError(f"没有账号 {options['actor']}")
        try:
            if options["action"] == "close":
                workflow.close_reporting(actor, period)
                done = f"{period.label} 已截止填报, 进入审核"
            elif options["action"] == "reopen":
                workflow.reopen_reporting(actor, period)
                done = f"{period.label} 已重新开放填报"
            else:
                try:
                    deadline = dt.date.fromisoformat(options["deadline"])
                except ValueError:
                    raise CommandError(f"日期无效: {options['deadline']}") from None
                unit = None
                if options["unit"]:
                    unit = Unit.objects.named(period.plan.government, options["unit"]).first()
                    if unit is None:
                        raise CommandError(f"{period.plan.government} 没有单位 {options['unit']}")
                workflow.extend_deadline(actor, period, deadline, options["reason"], unit=unit)
                who = unit.name if unit is not None else "全部单位"
                done = f"{period.label} {who}的截止日期已延至 {deadline}"
        except (workflow.WorkflowError, PermissionDenied) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(done)
