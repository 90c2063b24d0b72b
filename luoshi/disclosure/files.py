"""A report's downloads rendered once and kept as files (under LUOSHI_DOWNLOADS_DIR,
var/downloads by default), then served from there.

One file per version, format and filter, in a folder named by the report's fingerprint (its
creation time and its government's page stamp, luoshi.disclosure.charts.fingerprint):
<report>/<fingerprint>/<format and filter>.<format>. A renamed unit or section makes new
files, an old file is never served for a changed page, and the folders of old
fingerprints, never read again, are removed: when a report's new fingerprint gets its first
file, and by `luoshi prune-downloads` (the daily job) for reports no longer there.

Rendered once: a file lock (flock(2), across threads and worker processes) per file. The
quick formats (CSV, JSON, XLSX, DOCX) are rendered in the request under that lock, so a
second concurrent request waits a moment and then reads the file. A PDF takes seconds of
WeasyPrint: it is rendered in a separate process (luoshi.disclosure.render) that inherits
the lock, so no request thread renders it, nor waits for it, and the portal's workers
keep answering; requests meanwhile are told to come back (503, Retry-After)."""

from __future__ import annotations

import copy
import hashlib
import os
import shutil
import stat
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

from django.conf import settings
from django.db import connection

from luoshi.disclosure import edge, exports
from luoshi.disclosure.charts import fingerprint
from luoshi.security.cells import CsvWriter

# Rendered by a separate process: too slow for a request thread.
IN_CHILD = {"pdf"}
# A failed render is not tried again for this long (each try costs a process).
FAILED_SECONDS = 60


def downloads_dir() -> Path:
    return Path(getattr(settings, "LUOSHI_DOWNLOADS_DIR", settings.VAR_DIR / "downloads"))


def filter_note(filters) -> str:
    return "; ".join(f"{label}: {value}" for label, value in filters.terms())


def shown(publication, filters):
    """The publication as a filtered download names itself: the filter in its title and
    `filter_note` (the first lines of each format; exports read it). A copy: the page's
    publication is left as it is."""
    note = filter_note(filters)
    if not note:
        return publication
    titled = copy.copy(publication)
    titled.title = f"{publication.title}(筛选: {note})"
    titled.filter_note = note
    return titled


def file_name(publication, filters, fmt) -> str:
    """The name the reader saves: the title, then each filter value (区住建局_已完成)."""
    parts = [publication.title, *(value for _, value in filters.terms())]
    name = "_".join(p.replace("/", "-").replace("\\", "-") for p in parts)
    return f"{name}.{fmt}"


def version_of(publication) -> str:
    """The name of the folder of the report's current fingerprint."""
    return hashlib.blake2b(fingerprint(publication).encode(), digest_size=8).hexdigest()


def path_for(publication, fmt, filters) -> Path:
    version = version_of(publication)
    key = "\x00".join([fmt, filters.query_string()])
    digest = hashlib.blake2b(key.encode(), digest_size=12).hexdigest()
    return downloads_dir() / str(publication.pk) / version / f"{digest}.{fmt}"


# An old fingerprint's folder is removed only once this old: a request that read the stamp
# just before it changed may still be writing its file there.
GRACE_SECONDS = 600


def prune(report_dir: Path, keep: str, now: float | None = None) -> int:
    """Remove what a report's folder holds besides its current fingerprint's folder `keep`
    (older than GRACE_SECONDS): folders of earlier fingerprints, and files of the layout
    before fingerprint folders. Returns how many files went."""
    limit = (time.time() if now is None else now) - GRACE_SECONDS
    removed = 0
    try:
        entries = list(report_dir.iterdir())
    except FileNotFoundError:
        return 0
    for entry in entries:
        if entry.name == keep:
            continue
        try:
            if entry.stat().st_mtime > limit:
                continue
            if entry.is_dir():
                removed += _remove_tree(entry)
            else:
                entry.unlink()
                removed += 1
        except FileNotFoundError:
            pass  # removed meanwhile by another process
    return removed


def prune_all(current: dict[int, str], now: float | None = None) -> int:
    """Every report folder: `current` maps each report still published to its current
    fingerprint folder; the folders of reports not in it go whole (past the grace)."""
    limit = (time.time() if now is None else now) - GRACE_SECONDS
    removed = 0
    root = downloads_dir()
    if not root.is_dir():
        return 0
    for report_dir in root.iterdir():
        if not report_dir.is_dir() or not report_dir.name.isdigit():
            continue  # not a report's folder: not ours to judge
        keep = current.get(int(report_dir.name))
        if keep is not None:
            removed += prune(report_dir, keep, now)
            continue
        held = [p.stat() for p in report_dir.rglob("*")]  # one walk: age and count
        if max((s.st_mtime for s in held), default=0.0) <= limit:
            shutil.rmtree(report_dir, ignore_errors=True)
            removed += sum(1 for s in held if stat.S_ISREG(s.st_mode))
    return removed


def _remove_tree(folder: Path) -> int:
    """Remove a folder and what it holds; returns how many files it held."""
    files = sum(1 for p in folder.rglob("*") if p.is_file())
    shutil.rmtree(folder, ignore_errors=True)
    return files


def render(publication, fmt, filters) -> bytes:
    """The file's bytes: the format's export of the filtered rows, the filter stated."""
    import json

    titled = shown(publication, filters)
    data = exports.render(titled, fmt, filters.apply(publication.rows()))
    note = getattr(titled, "filter_note", "")
    if note and fmt == "csv":
        import io

        head = io.StringIO()
        CsvWriter(head).writerows([["标题", titled.title], ["筛选条件", note], []])
        data = "\ufeff".encode() + head.getvalue().encode() + data.removeprefix("\ufeff".encode())
    elif note and fmt == "json":
        document = json.loads(data)
        document["report"]["filter"] = dict(filters.terms())
        document["report"]["title"] = titled.title
        data = json.dumps(document, ensure_ascii=False, indent=2).encode()
    return data


# Text formats get brotli and gzip copies beside the file (the others are zip archives or
# compressed PDF streams already).
PRECOMPRESSED = {"csv", "json"}


def write(path: Path, data: bytes) -> None:
    """Whole or not at all: a reader never opens a half-written file. The compressed
    copies are written first, so a file that exists has them."""
    if path.suffix.lstrip(".") in PRECOMPRESSED:
        for coding, suffix in CODINGS.items():
            _write_whole(path.with_name(path.name + suffix), edge.compress(data, coding))
    _write_whole(path, data)


CODINGS = {"br": ".br", "gzip": ".gz"}


def _write_whole(path: Path, data: bytes) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def encoded(path: Path, accept_encoding: str) -> tuple[Path, str | None]:
    """The stored file in the best coding the reader accepts: (file, coding or None)."""
    if path.suffix.lstrip(".") not in PRECOMPRESSED:
        return path, None
    coding = edge.choose(accept_encoding)
    if coding is None:
        return path, None
    return path.with_name(path.name + CODINGS[coding]), coding


class Rendering(Exception):
    """The file is being rendered by another process: ask again in a few seconds."""


class RenderFailed(Exception):
    """The last render of this file failed (its message is in the .error file)."""


def stored(publication, fmt, filters) -> Path:
    """The download's file, rendered now if it is a quick format. Raises Rendering while
    a PDF is being made (the first request starts it), RenderFailed after a failure."""
    import fcntl

    path = path_for(publication, fmt, filters)
    if path.exists():
        return path
    if not path.parent.is_dir():  # the first file of a new fingerprint: the old ones go
        path.parent.mkdir(parents=True, exist_ok=True)
        prune(path.parent.parent, keep=path.parent.name)
    error = path.with_name(path.name + ".error")
    if error.exists() and time.time() - error.stat().st_mtime < FAILED_SECONDS:
        raise RenderFailed(error.read_text(encoding="utf-8", errors="replace"))
    with open(path.with_name(path.name + ".lock"), "a+b") as lock:
        if fmt not in IN_CHILD:
            fcntl.flock(lock, fcntl.LOCK_EX)  # another thread may be rendering it: wait
            if not path.exists():
                write(path, render(publication, fmt, filters))
            return path
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Rendering from None
        if path.exists():  # finished between the first look and the lock
            return path
        _spawn(lock, publication, fmt, filters, path)
    raise Rendering


def _spawn(lock, publication, fmt, filters, path: Path) -> None:
    """Start the renderer, handing it the lock (the same open file: the lock is held until
    the child exits, whatever happens to it)."""
    command = [
        sys.executable,
        "-m",
        "luoshi.disclosure.render",
        str(lock.fileno()),
        str(publication.pk),
        fmt,
        filters.query_string(),
        str(path),
    ]
    env = {**os.environ, "DATABASE_URL": database_url(connection.settings_dict)}
    env.setdefault("DJANGO_SETTINGS_MODULE", "luoshi.settings")
    child = subprocess.Popen(
        command,
        env=env,
        pass_fds=(lock.fileno(),),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # a worker's signals are not the renderer's
    )
    threading.Thread(target=child.wait, daemon=True).start()  # no zombie left


def database_url(settings_dict) -> str:
    """The DATABASE_URL of a connection's settings: what a child process is given to
    reach the same database (the test database, too)."""
    if settings_dict["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{settings_dict['NAME']}"
    user = urllib.parse.quote(settings_dict["USER"] or "", safe="")
    password = urllib.parse.quote(settings_dict["PASSWORD"] or "", safe="")
    auth = f"{user}:{password}@" if password else f"{user}@" if user else ""
    host = settings_dict["HOST"] or "localhost"
    port = f":{settings_dict['PORT']}" if settings_dict["PORT"] else ""
    return f"postgres://{auth}{host}{port}/{settings_dict['NAME']}"
