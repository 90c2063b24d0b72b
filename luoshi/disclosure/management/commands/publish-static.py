"""luoshi publish-static DIR: the published portal as static files (luoshi.disclosure.static_site)."""

from django.core.management.base import BaseCommand, CommandError

from luoshi.disclosure import static_site


class Command(BaseCommand):
    help = "把当前公开的全部页面、下载文件和静态资源写成静态站点 (含 .gz、.br)"

    def add_arguments(self, parser):
        parser.add_argument("folder", metavar="DIR", help="写入的目录 (空目录, 或上次写入的目录)")
        parser.add_argument(
            "--counter-url",
            default="",
            metavar="URL",
            help="点击率计数接口所在的 luoshi 地址, 如 https://luoshi.example.gov.cn (默认: 同源)",
        )

    def handle(self, *args, folder, counter_url, **options):
        if counter_url and not counter_url.startswith(("https://", "http://", "/")):
            raise CommandError(f"--counter-url {counter_url}: 应为 http(s):// 开头的地址")
        try:
            result = static_site.publish(folder, counter_url=counter_url)
        except static_site.PublishError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"{result.folder}: {result.pages} 个页面, {result.downloads} 个下载文件, "
            f"{result.assets} 个静态资源; 共 {result.files} 个文件 (含 .gz/.br), "
            f"{result.bytes / 1e6:.1f} MB, 删除 {result.removed} 个过时文件, "
            f"用时 {result.seconds:.1f} 秒"
        )
