from django.apps import AppConfig


class CompareConfig(AppConfig):
    name = "luoshi.compare"
    label = "compare"
    verbose_name = "跨政府比较"
