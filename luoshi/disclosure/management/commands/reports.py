import json

from django.core.management.base import BaseCommand

from luoshi.disclosure.models import Publication


class Command(BaseCommand):
    help = "列出已存储的报告"

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args, **options):
        rows = [
            {
                "id": p.pk,
                "title": p.title,
                "government": p.government.name,
                "period": p.period.label,
                "index_no": p.index_no,
            }
            for p in Publication.objects.with_related().order_by("id")
        ]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for row in rows:
            self.stdout.write(
                f"{row['id']:>4}  {row['government']}  {row['period']}  {row['index_no']}  {row['title']}"
            )
