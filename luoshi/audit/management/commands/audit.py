"""`luoshi audit verify`: walk the audit log's hash chain and name its first broken link."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from luoshi.audit.models import AuditEvent, first_broken_link


class Command(BaseCommand):
    help = "审计日志: luoshi audit verify 校验哈希链, 报告第一处断裂"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="校验审计日志的哈希链")

    def handle(self, *args, action, **options):
        broken = first_broken_link()
        if broken is not None:
            event, why = broken
            at = timezone.localtime(event.at).isoformat(timespec="seconds")
            raise CommandError(
                f"审计日志哈希链在事件 #{event.pk} 处断裂 ({at} {event.actor_name} "
                f"{event.action}): {why}"
            )
        self.stdout.write(f"审计日志完整: {AuditEvent.objects.count()} 条事件, 哈希链无断裂")
