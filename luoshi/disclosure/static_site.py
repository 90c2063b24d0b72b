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
manifest (.luoshi-static.json) says which files are luoshi's and whose (a government's, or
the whole site's: assets and the list), so nothing else in the folder is ever removed, and a
folder with other files and no manifest is refused.

After a publish or correction only the governments whose reports changed are written again
(with the list and the assets): a province's folder holds ~285,000 reports a year, and one
county's publish must not re-render them all. It runs in a thread of its own once the
transaction commits, so the office's page returns at once rather than after the report's
first PDF has been rendered (luoshi.disclosure.static_site.Republisher)."""

from __future__ import annotations

import fcntl
import gzip
import json
import logging
import os
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import brotli
from django.conf import settings
from django.db import transaction
from django.utils.html import escape

log = logging.getLogger(__name__)

MANIFEST = ".luoshi-static.json"
SITE = 0  # the owner of the files every government shares: the assets and the list
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


def publish(folder, counter_url: str = "", governments: Iterable[int] | None = None) -> Published:
    """Write the static copy of every current published page into `folder`; with
    `governments`, only those governments' pages and downloads (the list and the assets
    always), keeping every other government's files as the last run wrote them."""
    from luoshi.disclosure.models import Publication

    started = time.perf_counter()
    root = Path(folder).absolute()
    root.mkdir(parents=True, exist_ok=True)
    _manifest(root)  # a folder that is not ours is refused before anything is put in it
    with open(root / LOCK, "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one publish at a time writes a folder
        previous = _manifest(root)  # as the run before this one (which held the lock) left it
        if governments is not None and None in previous.values():
            governments = None  # a manifest that does not say whose each file is: all of it
        site = _Site(root, counter_url)
        current = Publication.objects.with_related().current().order_by("pk")
        if governments is not None:
            governments = set(governments)
            current = current.filter(period__plan__government__in=governments)
        publications = list(current)
        site.assets()
        for publication in publications:
            site.owner = publication.period.plan.government_id
            site.downloads(publication)
        for task_id, government in _task_ids(publications):
            site.owner = government
            site.page(f"/tasks/{task_id}/")
        for publication in publications:
            site.owner = publication.period.plan.government_id
            site.page(f"/reports/{publication.pk}/charts.json")
            site.page(f"/reports/{publication.pk}/charts/")
            site.page(f"/reports/{publication.pk}/", report=publication.pk)
        site.owner = SITE
        site.page("/")
        done = site.done
        result = site.result
        if governments is None:
            stale = set(previous) - set(done)
        else:
            # Another government's files are not this run's to judge: kept, still theirs.
            kept = {n: o for n, o in previous.items() if o != SITE and o not in governments}
            stale = set(previous) - set(done) - set(kept)
            done = {**kept, **done}
        result.removed = _remove(root, stale)
        _write(root / MANIFEST, json.dumps(done, indent=0, sort_keys=True).encode())
    result.seconds = time.perf_counter() - started
    return result


def _task_ids(publications) -> list[tuple[int, int]]:
    """(task, its government) of every task the publications show."""
    from luoshi.disclosure.models import PublishedProgress

    rows = PublishedProgress.objects.filter(publication__in=publications)
    return sorted(set(rows.values_list("task_id", "publication__period__plan__government_id")))


class _Site:
    def __init__(self, root: Path, counter_url: str):
        from django.core.handlers.base import BaseHandler

        self.root = root
        self.counter_url = counter_url.rstrip("/")
        self.done: dict[str, int] = {}  # file -> its government (SITE: the whole site's)
        self.owner = SITE
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
        self.done[name] = self.owner
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


def _manifest(root: Path) -> dict[str, int | None]:
    """The files the last run wrote, each with its owner (None: a manifest of a version that
    did not record owners); refuses a folder that holds other things."""
    try:
        entries = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        pass
    except ValueError as error:
        raise PublishError(f"{root / MANIFEST}: 清单无法读取 ({error})") from None
    else:
        if isinstance(entries, list) and all(isinstance(e, str) for e in entries):
            return dict.fromkeys(entries)  # an earlier manifest: names only, owners unknown
        if isinstance(entries, dict) and all(
            isinstance(o, int) and not isinstance(o, bool) for o in entries.values()
        ):
            return entries
        raise PublishError(f"{root / MANIFEST}: 清单无法读取 (格式不符)")
    others = [p.name for p in root.iterdir() if p.name != LOCK]
    if others:
        raise PublishError(
            f"{root}: 目录中已有其他文件 ({', '.join(sorted(others)[:3])} …), 且不是 luoshi "
            "发布的静态站点; 请指定一个空目录"
        )
    return {}


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


class Republisher:
    """Writes the static copy in a thread of its own, after commits: the office's request
    returns at once. Governments queued while a run is going are written by one more run
    after it (a burst of publishes makes at most two runs, not one each). A process that
    ends mid-run leaves whole files (each is renamed into place) and the last manifest:
    the next run, or `luoshi publish-static`, writes the folder right."""

    def __init__(self):
        self._lock = threading.Lock()
        self._pending: set[int] = set()
        self._thread: threading.Thread | None = None

    def queue(self, governments: Iterable[int]) -> None:
        with self._lock:
            self._pending.update(governments)
            if self._thread is None:
                # Not a daemon: a command (`luoshi import`) waits for its copy at exit.
                self._thread = threading.Thread(target=self._run, name="luoshi-static")
                self._thread.start()

    def wait(self) -> None:
        """Until every queued government is written (tests, and a command about to exit)."""
        with self._lock:
            thread = self._thread
        if thread is not None:
            thread.join()

    def _run(self) -> None:
        from django.db import connection

        try:
            while True:
                with self._lock:
                    governments, self._pending = self._pending, set()
                    if not governments:
                        self._thread = None
                        return
                self._write(governments)
        except BaseException:
            with self._lock:  # the next queue() starts a thread again
                self._pending |= governments
                self._thread = None
            raise
        finally:
            connection.close()  # this thread's own connection

    @staticmethod
    def _write(governments: set[int]) -> None:
        folder = settings.LUOSHI_STATIC_DIR
        if not folder:
            return
        try:
            result = publish(folder, settings.LUOSHI_STATIC_COUNTER_URL, governments)
        except Exception:
            # The publication stands (it has committed); the copy is the last one written
            # until the next publish or `luoshi publish-static` writes it anew.
            log.exception("static copy in %s not written", folder)
        else:
            log.info("static copy in %s: %s files", folder, result.files)


republisher = Republisher()


class _Queued:
    """The on-commit callback of one transaction: the governments whose reports it saved."""

    def __init__(self):
        self.governments: set[int] = set()
        self.ran = False

    def __call__(self):
        self.ran = True
        republisher.queue(self.governments)


def _published(sender, instance, **kwargs):
    if kwargs.get("raw") or not settings.LUOSHI_STATIC_DIR:
        return
    from django.db import connection

    government = instance.period.plan.government_id  # publishing has them loaded already
    pending = getattr(connection, "run_on_commit", [])
    for _, func, *_ in pending:
        if isinstance(func, _Queued) and not func.ran:
            func.governments.add(government)
            return
    callback = _Queued()
    callback.governments.add(government)
    transaction.on_commit(callback)


def connect() -> None:
    from django.db.models.signals import post_save

    from luoshi.disclosure.models import Publication

    post_save.connect(_published, sender=Publication, dispatch_uid="disclosure-static-site")
