from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "luoshi.pagecache"
    label = "pagecache"
    verbose_name = "页面缓存"

    def ready(self):
        from luoshi.pagecache import signals

        signals.connect()
