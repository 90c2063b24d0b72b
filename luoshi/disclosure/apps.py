from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "luoshi.disclosure"
    label = "disclosure"

    def ready(self):
        from luoshi.disclosure import static_site

        static_site.connect()  # LUOSHI_STATIC_DIR: the static copy on every publish
