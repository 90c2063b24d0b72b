"""Where an upload waits between the back office's import pages (luoshi.work.views.imports):
the file under VAR_DIR/uploads/<token>, known only to the session that uploaded it, and
what was read of it (the report or its error, and the document's columns) under
VAR_DIR/uploads.parsed/<token>, so showing the preview again and committing read nothing
again. Files older than a day are removed on the next upload."""

from __future__ import annotations

import pickle
import time
from pathlib import Path

from django.conf import settings
from django.http import Http404

SESSION_KEY = "luoshi_imports"
UPLOAD_TTL = 24 * 3600


def upload_dir() -> Path:
    path = Path(settings.VAR_DIR) / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def purge_old() -> None:
    cutoff = time.time() - UPLOAD_TTL
    for path in [*upload_dir().iterdir(), *parsed_path("-").parent.iterdir()]:
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
        except OSError:
            pass


def entries(request) -> dict:
    return request.session.setdefault(SESSION_KEY, {})


def entry(request, token: str) -> dict:
    entry = request.session.get(SESSION_KEY, {}).get(token)
    path = upload_dir() / token
    if entry is None or not path.is_file():
        raise Http404("上传的文件已不存在, 请重新上传")
    return entry


def save_entry(request, token: str, entry: dict) -> None:
    entries(request)[token] = entry
    request.session.modified = True


def forget(request, token: str) -> None:
    request.session.get(SESSION_KEY, {}).pop(token, None)
    request.session.modified = True
    (upload_dir() / token).unlink(missing_ok=True)
    parsed_path(token).unlink(missing_ok=True)


def parsed_path(token: str) -> Path:
    path = Path(settings.VAR_DIR) / "uploads.parsed"
    path.mkdir(parents=True, exist_ok=True)
    return path / token


def load_parsed(token: str) -> dict:
    # Written by this module alone, under a token only the uploading session knows.
    try:
        with parsed_path(token).open("rb") as f:
            return pickle.load(f)  # noqa: S301
    except (OSError, EOFError, pickle.PickleError, AttributeError, ImportError, TypeError):
        return {}


def store_parsed(token: str, parsed: dict) -> None:
    path = parsed_path(token)
    part = path.with_suffix(".part")
    try:
        part.write_bytes(pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL))
        part.replace(path)
    except OSError:  # a full disk: read again next time, as before
        part.unlink(missing_ok=True)
