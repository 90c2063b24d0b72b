from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "luoshi.progress"
    label = "progress"

    def ready(self):
        from luoshi.progress import signals  # noqa: F401
