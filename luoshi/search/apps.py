from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "luoshi.search"
    label = "search"
    verbose_name = "全文检索"

    def ready(self):
        from luoshi.disclosure.signals import published
        from luoshi.search.index import index_published

        published.connect(index_published, dispatch_uid="search-index-published")
