"""The `luoshi` command: Django's management commands plus luoshi's own
(import, reports, export, assess, eval, serve, ...)."""

import os
import sys


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luoshi.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv[1:] if argv is None else argv)
    execute_from_command_line(["luoshi", *argv])


if __name__ == "__main__":
    main()
