from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "luoshi.progress"
    label = "progress"
