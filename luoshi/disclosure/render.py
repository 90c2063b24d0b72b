"""The download renderer's process (started by luoshi.disclosure.files for a PDF):

    python -m luoshi.disclosure.render LOCK_FD REPORT_ID FORMAT QUERY PATH

It holds the file's lock (inherited as LOCK_FD) until it exits, writes PATH whole, and on
failure leaves PATH.error with the reason, so requests stop starting renders for a while."""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path


def main(argv: list[str]) -> int:
    lock_fd, report_id, fmt, query, path = argv
    path = Path(path)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luoshi.settings")
    try:
        import django

        django.setup()
        from django.http import QueryDict

        from luoshi.disclosure import files
        from luoshi.disclosure.models import Publication
        from luoshi.disclosure.views.reports import ReportFilter

        if not path.exists():
            publication = Publication.objects.with_related().get(pk=int(report_id))
            filters = ReportFilter(publication, QueryDict(query))
            files.write(path, files.render(publication, fmt, filters))
        path.with_name(path.name + ".error").unlink(missing_ok=True)
        return 0
    except Exception:
        path.with_name(path.name + ".error").write_text(traceback.format_exc(), encoding="utf-8")
        return 1
    finally:
        os.close(int(lock_fd))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
