"""The `luoshi` command: Django's management commands plus luoshi's own
(import, reports, export, assess, eval, serve, ...)."""

import os
import sys
from pathlib import Path


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luoshi.settings")
    from django.core.management import execute_from_command_line

    _make_database_folder()
    argv = list(sys.argv[1:] if argv is None else argv)
    execute_from_command_line(["luoshi", *argv])


def _make_database_folder():
    """SQLite creates its file but not the folder (var/ on a first run). Made by the command,
    not when the settings are read: importing luoshi creates nothing."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3" and str(db["NAME"]) != ":memory:":
        Path(db["NAME"]).parent.mkdir(parents=True, exist_ok=True)


if __name__ == "__main__":
    main()
