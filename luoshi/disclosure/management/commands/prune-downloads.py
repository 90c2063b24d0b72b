"""luoshi prune-downloads: remove stored downloads no page can serve any more (a daily job)."""

from django.core.management.base import BaseCommand

from luoshi.disclosure import files


class Command(BaseCommand):
    help = "删除已不再提供的下载文件 (旧版本的文件、已删除报告的文件)"

    def handle(self, *args, **options):
        from luoshi.disclosure.models import Publication

        # Every version is still a page (a corrected one says so), so each keeps its files.
        publications = Publication.objects.select_related("period__plan").iterator()
        current = {p.pk: files.version_of(p) for p in publications}
        removed = files.prune_all(current)
        self.stdout.write(f"{files.downloads_dir()}: 删除 {removed} 个过时的下载文件")
