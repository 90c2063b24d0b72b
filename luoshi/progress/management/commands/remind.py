"""`luoshi remind [--period ID] [--dry-run]`: send today's 催报 and 督办 notices (meant
for a daily timer; see docs/operations.md). Running it twice a day sends nothing twice."""

from django.core.management.base import BaseCommand, CommandError

from luoshi.progress import notices


class Command(BaseCommand):
    help = "催报和督办: 截止前提醒未报送的单位, 逾期和滞后的发督办通知 (邮件、群机器人)"

    def add_arguments(self, parser):
        parser.add_argument(
            "--period", type=int, help="报告期编号 (默认: 所有填报中和审核中的报告期)"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="只列出将发送的通知, 不发送、不记录"
        )

    def handle(self, *args, period=None, dry_run=False, **options):
        periods = list(notices.periods_to_remind(period))
        if period is not None and not periods:
            raise CommandError(f"没有编号为 {period} 的报告期")
        failed = 0
        for p in periods:
            result = notices.remind(p, actor="命令行", dry_run=dry_run)
            head = f"{p.plan.government} {p.label} (报告期 {p.pk})"
            if dry_run:
                self.stdout.write(
                    f"{head}: 将发送 {len(result.planned)} 条, 今日已处理 {result.skipped} 条"
                )
                for o in result.planned:
                    self.stdout.write(
                        f"  {o.due.subject}\t{o.channel}\t{o.recipient or '(无邮箱)'}"
                    )
                continue
            self.stdout.write(
                f"{head}: 发送 {len(result.sent)} 条, 失败 {len(result.failed)} 条, "
                f"今日已处理 {result.skipped} 条"
            )
            for n in result.failed:
                self.stdout.write(f"  失败: {n.subject}\t{n.channel}\t{n.recipient}\t{n.error}")
            failed += len(result.failed)
        if not periods:
            self.stdout.write("没有填报中或审核中的报告期")
        if failed:
            # A timer sees the failures; the next run tries them again.
            raise CommandError(f"{failed} 条通知发送失败, 下次运行时重试")
