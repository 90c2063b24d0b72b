from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "luoshi.imports"
    label = "imports"
