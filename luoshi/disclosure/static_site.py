"""The published portal as static files, as government CMSs publish: `luoshi publish-static
DIR` (and, with LUOSHI_STATIC_DIR set, every publish and correction once it commits).

What is written (the published surface): the report list (/ → index.html), each current
report's page, charts page and chart data (/reports/<id>/ → reports/<id>/index.html,
…/charts/index.html, …/charts.json), its downloads in every format (…/download.csv …, the
very files luoshi.disclosure.files keeps), the page of each task a current report shows
(/tasks/<id>/ → tasks/<id>/index.html), and the static assets under their served names
(/static/…). Every compressible file gets `.gz` and `.br` beside it, for nginx's
gzip_static / brotli_static or a CDN. The paths are the live site's, so the pages' own
root-relative links map to files.

Each page is the live page's HTML, rendered through the same views and middleware, with
one difference: the click count is left blank (点击率:), and clicks.js fills it from the
counter (POST /reports/<id>/click, luoshi.disclosure.views.counter) when luoshi is reachable;
`counter_url` names luoshi's address when the folder is served elsewhere. Writing the
copy counts no view.

Written file by file, each through a temporary file renamed into place, so a web server
never serves half a file; pages are written after what they link to (assets, downloads,
task pages before the report pages, the list last). Files of an earlier run that are no
longer current (a corrected version, a withdrawn report) are removed after; the folder's
manifest (.luoshi-static.json) says which files are luoshi's, so nothing else in the folder
is ever removed, and a folder with other files and no manifest is refused."""

from __future__ import annotations

import fcntl
import gzip
import json
import logging
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import brotli
from django.conf import settings
from django.db import transaction
from django.utils.html import escape

log = logging.getLogger(__name__)

MANIFEST = ".luoshi-static.json"
LOCK = ".luoshi-static.lock"
# Text worth compressing; images, fonts in woff/woff2, XLSX/DOCX (zip) and PDF are not.
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".csv", ".svg", ".txt", ".xml", ".map", ".ttf"}
# Compressed once per publish, not per response. Brotli at 9, not 11: 2-3 % larger, 10-20
# times faster (a report page: 32.8 against 30.9 KB, 0.09 against 1.5 s).
VARIANTS = {
    ".gz": lambda data: gzip.compress(data, compresslevel=9, mtime=0),
    ".br": lambda data: brotli.compress(data, quality=9),
}


class PublishError(Exception):
    """The static copy could not be written; the folder is left as the last run wrote it
    (files already renamed into place are whole)."""


@dataclass
class Published:
    folder: Path
    pages: int = 0
    downloads: int = 0
    assets: int = 0
    files: int = 0  # every file written, the variants included
    bytes: int = 0
    removed: int = 0
    seconds: float = 0.0


def page_file(url: str) -> str:
    """The file a root-relative page address maps to: /reports/12/ → reports/12/index.html."""
    path = url.split("?", 1)[0].split("#", 1)[0].lstrip("/")
    return path + "index.html" if path.endswith("/") or not path else path


def publish(folder, counter_url: str = "") -> Published:
    """Write the static copy of every current published page into `folder`."""
    from luoshi.disclosure.models import Publication

    started = time.perf_counter()
    root = Path(folder).absolute()
    root.mkdir(parents=True, exist_ok=True)
    _manifest(root)  # a folder that is not ours is refused before anything is put in it
    with open(root / LOCK, "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one publish at a time writes a folder
        previous = _manifest(root)  # as the run before this one (which held the lock) left it
        site = _Site(root, counter_url)
        publications = list(Publication.objects.with_related().current().order_by("pk"))
        site.assets()
        for publication in publications:
            site.downloads(publication)
        for task_id in _task_ids(publications):
            site.page(f"/tasks/{task_id}/")
        for publication in publications:
            site.page(f"/reports/{publication.pk}/charts.json")
            site.page(f"/reports/{publication.pk}/charts/")
            site.page(f"/reports/{publication.pk}/", report=publication.pk)
        site.page("/")
        done = site.done
        result = site.result
        result.removed = _remove(root, previous - done)
        _write(root / MANIFEST, json.dumps(sorted(done), indent=0).encode())
    result.seconds = time.perf_counter() - started
    return result


def _task_ids(publications) -> list[int]:
    from luoshi.disclosure.models import PublishedProgress

    rows = PublishedProgress.objects.filter(publication__in=publications)
    return sorted(set(rows.values_list("task_id", flat=True)))


class _Site:
    def __init__(self, root: Path, counter_url: str):
        from django.core.handlers.base import BaseHandler

        self.root = root
        self.counter_url = counter_url.rstrip("/")
        self.done: set[str] = set()
        self.result = Published(folder=root)
        # Django's own request handling (middleware, views, templates), without the WSGI
        # server's request signals: the pages are the live ones, rendered in-process.
        self.handler = BaseHandler()
        self.handler.load_middleware()
        self.host = _host()

    def put(self, name: str, data: bytes) -> None:
        """A file and its compressed variants (written first: a file that is there has
        them). A file unchanged since the last run is kept as it is, variants and times
        too (for caches and rsync), and not compressed again."""
        names = [name]
        if os.path.splitext(name)[1] in COMPRESSIBLE:
            names += [name + suffix for suffix in VARIANTS]
        path = self.root / name
        if _same(path, data) and all((self.root / n).exists() for n in names[1:]):
            for n in names:
                self._done(n, (self.root / n).stat().st_size)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        for n in names[1:]:
            variant = VARIANTS[n[len(name) :]](data)
            _write(self.root / n, variant)
            self._done(n, len(variant))
        _write(path, data)
        self._done(name, len(data))

    def _done(self, name: str, size: int) -> None:
        self.done.add(name)
        self.result.files += 1
        self.result.bytes += size

    def page(self, url: str, report: int | None = None) -> None:
        from django.test import RequestFactory

        from luoshi.disclosure.edge import uncounted

        request = RequestFactory().get(url, SERVER_NAME=self.host, HTTP_HOST=self.host)
        uncounted(request)  # the report page's count left blank, and no view counted
        response = self.handler.get_response(request)
        if response.status_code != 200:
            raise PublishError(f"{url}: 页面返回 {response.status_code}, 未能写出静态页面")
        body = b"".join(response) if response.streaming else response.content
        if report is not None and self.counter_url:
            here = f'data-counter="/reports/{report}/click"'.encode()
            there = f'data-counter="{escape(self.counter_url)}/reports/{report}/click"'
            body = body.replace(here, there.encode(), 1)
        self.put(page_file(url), body)
        self.result.pages += 1

    def downloads(self, publication) -> None:
        from luoshi.disclosure import exports, files
        from luoshi.disclosure.views.reports import ReportFilter

        unfiltered = ReportFilter(publication, {})
        for fmt in exports.FORMATS:
            path = _stored(files, publication, fmt, unfiltered)
            self.put(f"reports/{publication.pk}/download.{fmt}", path.read_bytes())
            self.result.downloads += 1

    def assets(self) -> None:
        """Every static file under the address the pages use (hashed once collectstatic has
        made its manifest), read as the live site serves it."""
        from django.contrib.staticfiles import finders
        from django.contrib.staticfiles.storage import staticfiles_storage

        prefix = settings.STATIC_URL
        if not prefix.startswith("/"):
            return  # served from elsewhere (a CDN): the pages do not point into the folder
        # The portal's own assets (STATICFILES_DIRS: its CSS, scripts, ECharts), not the
        # back office's (the admin's static files are no part of the published surface).
        finder = finders.FileSystemFinder()
        for name, storage in finder.list(["CVS", ".*", "*~"]):
            served = staticfiles_storage.stored_name(name)
            if served != name and staticfiles_storage.exists(served):
                with staticfiles_storage.open(served) as fh:  # collected, hashed
                    data = fh.read()
            else:
                served = name
                with storage.open(name) as fh:
                    data = fh.read()
            self.put(prefix.lstrip("/") + served, data)
            self.result.assets += 1


def _stored(files, publication, fmt, filters) -> Path:
    """The download's stored file, rendered now if it is not there yet (a PDF too: here
    no request is waiting). Under the same lock the portal renders it under."""
    path = files.path_for(publication, fmt, filters)
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # a renderer started by a request: wait for it
        if not path.exists():
            files.write(path, files.render(publication, fmt, filters))
    return path


def _same(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except FileNotFoundError:
        return False


def _host() -> str:
    """A name the site answers to, for the in-process requests."""
    for host in settings.ALLOWED_HOSTS:
        if host and host != "*":
            return host.lstrip(".")
    return "localhost"


def _manifest(root: Path) -> set[str]:
    """The files the last run wrote; refuses a folder that holds other things."""
    try:
        return set(json.loads((root / MANIFEST).read_text(encoding="utf-8")))
    except FileNotFoundError:
        pass
    except (ValueError, TypeError) as error:
        raise PublishError(f"{root / MANIFEST}: 清单无法读取 ({error})") from None
    others = [p.name for p in root.iterdir() if p.name != LOCK]
    if others:
        raise PublishError(
            f"{root}: 目录中已有其他文件 ({', '.join(sorted(others)[:3])} …), 且不是 luoshi "
            "发布的静态站点; 请指定一个空目录"
        )
    return set()


def _remove(root: Path, stale: set[str]) -> int:
    removed = 0
    for name in sorted(stale, key=lambda n: -n.count("/")):
        path = root / name
        try:
            path.unlink()
            removed += 1
        except FileNotFoundError:
            pass
        parent = path.parent
        while parent != root:  # folders left empty (a withdrawn report's)
            try:
                parent.rmdir()
            except OSError:
                break
            parent = parent.parent
    return removed


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


# -- on every publish and correction (LUOSHI_STATIC_DIR) --------------------------------


class _Republish:
    """The on-commit callback (one per transaction, however many reports it saved)."""

    ran = False

    def __call__(self):
        self.ran = True
        folder = settings.LUOSHI_STATIC_DIR
        if not folder:
            return
        try:
            result = publish(folder, settings.LUOSHI_STATIC_COUNTER_URL)
        except Exception:
            # The publication stands (it has committed); the copy is the last one written
            # until the next publish or `luoshi publish-static` writes it anew.
            log.exception("static copy in %s not written", folder)
        else:
            log.info("static copy in %s: %s files", folder, result.files)


def _published(sender, instance, **kwargs):
    if kwargs.get("raw") or not settings.LUOSHI_STATIC_DIR:
        return
    from django.db import connection

    pending = getattr(connection, "run_on_commit", [])
    if any(isinstance(func, _Republish) and not func.ran for _, func, *_ in pending):
        return
    transaction.on_commit(_Republish())


def connect() -> None:
    from django.db.models.signals import post_save

    from luoshi.disclosure.models import Publication

    post_save.connect(_published, sender=Publication, dispatch_uid="disclosure-static-site")
