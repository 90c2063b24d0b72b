"""luoshi plans [--json]: the stored plans (任务分解), which a decomposition table without
progress becomes, so a plan can be found and exported like a report."""

import json

from django.core.management.base import BaseCommand
from django.db.models import Count

from luoshi.plans.models import Plan


class Command(BaseCommand):
    help = "列出已存储的年度计划 (任务分解)"

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args, **options):
        plans = (
            Plan.objects.select_related("government")
            .annotate(task_count=Count("tasks"))
            .order_by("id")
        )
        rows = [
            {
                "id": p.pk,
                "government": p.government.name,
                "year": p.year,
                "title": str(p),
                "tasks": p.task_count,
            }
            for p in plans
        ]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for row in rows:
            self.stdout.write(
                f"{row['id']:>4}  {row['government']}  {row['year']}  {row['tasks']} 项  {row['title']}"
            )
