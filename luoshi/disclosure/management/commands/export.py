import sys

from django.core.management.base import BaseCommand, CommandError

from luoshi.disclosure import exports
from luoshi.disclosure.models import Publication


class Command(BaseCommand):
    help = "导出一份报告: JSON、CSV、XLSX、DOCX 或 PDF"

    def add_arguments(self, parser):
        parser.add_argument("report_id", type=int, metavar="REPORT_ID")
        parser.add_argument("--format", choices=sorted(exports.FORMATS), default="json")
        parser.add_argument("-o", "--output", default="-", help="输出文件 (默认: 标准输出)")

    def handle(self, *args, report_id, format, output, **options):
        publication = Publication.objects.with_related().filter(pk=report_id).first()
        if publication is None:
            raise CommandError(f"没有编号为 {report_id} 的报告 (用 luoshi reports 查看)")
        data = exports.render(publication, format)
        if output == "-":
            sys.stdout.buffer.write(data)
        else:
            with open(output, "wb") as fh:
                fh.write(data)
