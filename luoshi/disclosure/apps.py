from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "luoshi.disclosure"
    label = "disclosure"
