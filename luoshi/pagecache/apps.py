from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "luoshi.pagecache"
    label = "pagecache"
    verbose_name = "页面缓存"

    def ready(self):
        from luoshi.disclosure import edge
        from luoshi.pagecache import clicks, compress, signals
        from luoshi.pagecache.models import stamp_of

        signals.connect()
        # What the public pages call without importing the page cache (luoshi.disclosure.edge).
        edge.provide(
            add_page_view=clicks.add_page_view,
            add_view=clicks.add_view,
            clicks_now=clicks.clicks_now,
            page_stamp=stamp_of,
            compress=compress.compress,
            choose=compress.choose,
        )
