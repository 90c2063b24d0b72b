"""Bounds on what one imported document may cost, checked before any parser sees it.

Why: XLSX and DOCX are zip files, and a 2 MB upload can inflate to gigabytes; openpyxl and
python-docx build their whole tree before a reader could count rows. So a zip container is
refused here first by the sizes it declares, then by what its members actually inflate to
(read through, never kept), with the XML elements counted on the way (a parser's tree
costs per element, not per byte). The readers then stop at a cell bound while reading.

The bounds come from the environment, read on every call (tests set small ones):

- LUOSHI_IMPORT_MAX_INFLATED_MB: all members of a zip together, inflated (default 50);
- LUOSHI_IMPORT_MAX_CELLS: cells (and rows) of one file, all its sheets or tables (400000);
- LUOSHI_IMPORT_MAX_XML_ELEMENTS: XML elements a parser may build a tree of (1000000).

Nothing here imports Django.
"""

from __future__ import annotations

import io
import os
import zipfile
import zlib
from dataclasses import dataclass
from typing import IO

from luoshi.ingest.report import ReadError

# What zipfile raises on opening a damaged container: BadZipFile for a bad directory, and
# NotImplementedError for an entry that claims a newer zip version than Python reads (a
# flipped byte in its header does it), besides the I/O and value errors of a short file.
ZIP_ERRORS = (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError)

MiB = 1024 * 1024
MAX_MEMBERS = 5000  # an XLSX of a few sheets has ~20; a DOCX with pictures a few hundred
_CHUNK = 256 * 1024


@dataclass(frozen=True)
class Limits:
    inflated: int  # bytes
    cells: int
    xml_elements: int


def _env_int(name: str, default: int) -> int:
    try:
        value = int(os.environ.get(name, "") or default)
    except ValueError:
        return default
    return value if value > 0 else default


def limits() -> Limits:
    return Limits(
        inflated=_env_int("LUOSHI_IMPORT_MAX_INFLATED_MB", 50) * MiB,
        cells=_env_int("LUOSHI_IMPORT_MAX_CELLS", 400_000),
        xml_elements=_env_int("LUOSHI_IMPORT_MAX_XML_ELEMENTS", 1_000_000),
    )


def _mib(n: int) -> str:
    return f"{n / MiB:.1f} MiB"


class CellBudget:
    """Cells (and rows: an empty row costs one) a reader may still take from one file."""

    def __init__(self, source: str = "", limit: int | None = None):
        self.limit = limits().cells if limit is None else limit
        self.used = 0
        self.source = source

    def take(self, n: int, where: str) -> None:
        self.used += max(1, n)
        if self.used > self.limit:
            raise ReadError(f"单元格过多 (上限 {self.limit} 个), 不像任务表", where, self.source)


def check_zip(data: bytes, source: str = "", streamed: frozenset[str] = frozenset()) -> None:
    """Refuse a zip container that inflates past the bounds, naming the member. Members in
    `streamed` (XLSX worksheets, read row by row) are not counted for XML elements: their
    reader counts cells as it goes."""
    bound = limits()
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except ZIP_ERRORS as exc:
        raise ReadError(f"压缩包已损坏: {exc}", "", source) from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise ReadError(f"压缩包成员过多 ({len(infos)} 个)", "", source)
        declared = 0
        for info in infos:
            declared += info.file_size
            if declared > bound.inflated:
                raise ReadError(
                    f"解压后超过上限 {_mib(bound.inflated)} "
                    f"(成员 {info.filename} 声明 {_mib(info.file_size)})",
                    f"member {info.filename}",
                    source,
                )
        left, elements = bound.inflated, 0
        for info in infos:
            xml = info.filename.endswith((".xml", ".rels")) and info.filename not in streamed
            try:
                with zf.open(info) as member:
                    size, found = _read_through(member, left, xml)
            except ReadError as err:
                raise ReadError(
                    f"解压后超过上限 {_mib(bound.inflated)} ({err.message})",
                    f"member {info.filename}",
                    source,
                ) from None
            except (*ZIP_ERRORS, zlib.error) as exc:
                # zipfile stops at the declared size and then finds the CRC wrong: a member
                # that inflates past what it declares ends here.
                raise ReadError(
                    f"压缩包成员已损坏: {exc}", f"member {info.filename}", source
                ) from None
            if found < 0:
                raise ReadError(
                    "XML 中含 DOCTYPE/ENTITY 声明, Office 文档不会有",
                    f"member {info.filename}",
                    source,
                )
            left -= size
            elements += found
            if elements > bound.xml_elements:
                raise ReadError(
                    f"XML 元素过多 (上限 {bound.xml_elements} 个)",
                    f"member {info.filename}",
                    source,
                )


def _read_through(member: IO[bytes], left: int, xml: bool) -> tuple[int, int]:
    """Inflate a member to its end without keeping it: (bytes, XML elements started, or -1
    for a document type declaration, which no Office file has and which is how an entity
    bomb begins)."""
    size = elements = 0
    tail = b""
    while chunk := member.read(_CHUNK):
        size += len(chunk)
        if size > left:
            raise ReadError(f"已解压 {_mib(size)}")
        if xml:
            joined = tail + chunk
            if b"<!DOCTYPE" in joined or b"<!ENTITY" in joined:
                return size, -1
            # Every "<" opens an element except "</", "<?" and "<!"; counted over the
            # seam with the last chunk's tail so none is counted twice or missed.
            seam = len(tail)
            elements += (
                chunk.count(b"<")
                - joined.count(b"</", max(seam - 1, 0))
                - joined.count(b"<?", max(seam - 1, 0))
                - joined.count(b"<!", max(seam - 1, 0))
            )
            tail = chunk[-16:]
    return size, elements
