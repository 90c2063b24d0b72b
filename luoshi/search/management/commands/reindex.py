from django.core.management.base import BaseCommand

from luoshi.search.index import reindex_all


class Command(BaseCommand):
    help = "重建全文检索索引 (所有已公开报告的任务内容和完成情况)"

    def handle(self, *args, **options):
        reports, entries = reindex_all()
        self.stdout.write(f"已重建索引: {reports} 份报告, {entries} 条")
