"""luoshi import FILE|DIR [...]: read published reports or decomposition tables and store
them, each file in its own transaction (all of it, or nothing)."""

import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from luoshi.disclosure.models import Publication
from luoshi.ingest.report import ReadError
from luoshi.plans.reading import parse_period, read_for_import, require_period


def _files(paths):
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")
            )
        else:
            yield path


class Command(BaseCommand):
    help = "导入政府工作报告任务完成情况 (页面文本、HTML、XLSX、DOCX、CSV、段落式通报)"

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="FILE", help="文件或目录")
        parser.add_argument("--government", default="", help="所属政府名称 (文件中无法确定时)")
        parser.add_argument(
            "--period",
            default="",
            help="报告期, 文件中没有写明时使用 (如 2021Q4、2021年四季度、2021年1-9月)",
        )
        parser.add_argument("--dry-run", action="store_true", help="只显示将导入的内容, 不写入")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="数据库中已有报告时什么也不做 (供 make run 使用)",
        )

    def handle(self, *args, paths, government, period, dry_run, if_empty, **options):
        from luoshi.imports.importer import store_report

        try:
            period_spec = parse_period(period) if period else None
        except ReadError as exc:
            raise CommandError(str(exc)) from None

        if if_empty and Publication.objects.exists():
            self.stdout.write("数据库中已有报告, 跳过导入")
            return

        files = list(_files(paths))
        failed = 0
        progress = _Progress(len(files), self.stderr) if len(files) > 1 else None
        for path in files:
            try:
                # The path as given names the file in every error message.
                report = read_for_import(path, filename=str(path), period=period_spec)
                if progress:
                    progress.clear()
                if dry_run:
                    self.stdout.write(describe(report, path, government))
                else:
                    require_period(report, str(path))
                    result = store_report(report, government_name=government, source_name=path.name)
                    if progress and result.created:
                        progress.tasks += result.tasks
                    self.stdout.write(f"{path}: {result.summary()}")
                    for warning in result.warnings:
                        self.stdout.write(f"  警告: {warning}")
            except ReadError as exc:
                if not exc.source:
                    exc.source = str(path)
                failed += 1
                if progress:
                    progress.clear()
                self.stderr.write(f"导入失败, 未写入任何数据: {exc}")
            if progress:
                progress.step(path.name)
        if failed:
            raise CommandError(f"{failed} 个文件导入失败")


class _Progress:
    """A one-line progress bar for many files, on stderr so stdout stays parseable: files
    and tasks stored, the rate, and the time left at that rate (a province's quarter is
    thousands of files)."""

    def __init__(self, total, out, clock=time.monotonic):
        self.total, self.done, self.out = total, 0, out
        self.tasks = 0
        self.cleared = False
        self.clock = clock
        self.started = clock()

    def clear(self):
        """Wipe the bar's line before other output, so lines do not run into it."""
        if self.done and not self.cleared:
            self.out.write("\r\033[K" if self.out.isatty() else "\n", ending="")
            self.cleared = True

    def step(self, name):
        self.done += 1
        self.cleared = False
        width = 30
        filled = width * self.done // self.total
        bar = "#" * filled + "-" * (width - filled)
        end = "\n" if self.done == self.total else ""
        self.out.write(f"\r[{bar}] {self.done}/{self.total}{self.rate()} {name[:40]}", ending=end)
        self.out.flush()

    def rate(self) -> str:
        """Such as " · 4,200 项任务 · 350 项/秒 · 剩余约 0:12", once tasks were stored."""
        seconds = self.clock() - self.started
        if not self.tasks or seconds <= 0:
            return ""
        left = round(seconds / self.done * (self.total - self.done))
        eta = f" · 剩余约 {left // 60}:{left % 60:02d}" if self.done < self.total else ""
        return f" · {self.tasks:,} 项任务 · {self.tasks / seconds:,.0f} 项/秒{eta}"


def describe(report, path, government: str = "") -> str:
    """What an import would store, for --dry-run: what was read and where it was read, so
    a misread period or government can be corrected with --period / --government."""
    from luoshi.imports.fields import FIELD_LABELS

    lines = [
        f"{path}: 格式 {report.format}, 不写入 (--dry-run)",
        f"  标题: {report.meta.title or '(无)'}",
        f"  报告期: {found(report.period.label if report.period else '', report.period_where, '--period')}",
        f"  政府: {found(report.government, report.government_where, '--government', government)}",
        f"  索引号: {report.meta.index_no or '(无)'}",
        f"  板块 {len(report.sections)} 个, 任务 {len(report.tasks)} 项, 单位 {len(report.units)} 个",
    ]
    if report.columns:
        lines.append("  列: " + ", ".join(f"{k}->{v}" for k, v in report.columns.items()))
        lines.extend(
            f"    「{head}」 -> {FIELD_LABELS.get(field, field) if field else '(未识别, 不导入)'}"
            for head, field in report.columns.items()
        )
    for section in report.sections:
        lines.append(f"  {section.heading}: {len(section.tasks)} 项")
    lines.append("  单位: " + "、".join(report.units))
    lines.extend(f"  警告: {w}" for w in report.warnings)
    return "\n".join(lines)


def found(value: str, where: str, option: str, given: str = "") -> str:
    """ "2021年四季度 (读自 标题)", or what the option will make of it."""
    if given:
        read = f"; 文件中读到 {value} ({where})" if value and value != given else ""
        return f"{given} (按 {option} 指定{read})"
    if not value:
        return f"(未识别, 导入时请用 {option} 指定)"
    return f"{value} (读自 {where})" if where else value


if __name__ == "__main__":  # pragma: no cover
    sys.exit("run as: luoshi import FILE")
