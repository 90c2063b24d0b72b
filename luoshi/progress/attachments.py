"""佐证材料: files a unit attaches to its report.

A file is accepted for what its bytes are, not for its name: PDF, PNG, JPEG, DOCX or
XLSX, recognised by their signatures (a DOCX or XLSX is a ZIP holding its main part),
and its name must end as its content says. Files are kept under
LUOSHI_ATTACHMENT_DIR by their SHA-256, never under a name a user chose, and are only
ever sent as downloads (a file never runs as a page in our origin)."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

from django.conf import settings
from django.db import transaction

from luoshi.audit.log import record
from luoshi.progress import permissions as perms
from luoshi.progress.models import Attachment

KINDS = {
    "pdf": ("application/pdf", (".pdf",)),
    "png": ("image/png", (".png",)),
    "jpeg": ("image/jpeg", (".jpg", ".jpeg")),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (".docx",),
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
}
NAME_MAX = 200


class AttachmentError(ValueError):
    """A file refused; the message is for the unit."""


def sniff(data: bytes) -> str | None:
    """The kind of file `data` is, by its content; None for anything else."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except (zipfile.BadZipFile, ValueError):
            return None
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return "docx"
        if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
            return "xlsx"
    return None


def path_of(attachment) -> Path:
    return Path(settings.LUOSHI_ATTACHMENT_DIR) / attachment.sha256[:2] / attachment.sha256


def max_bytes() -> int:
    return int(settings.LUOSHI_ATTACHMENT_MAX_MB * 1024 * 1024)


def add(actor, progress, name: str, data: bytes) -> Attachment:
    perms.require(perms.can_edit_progress(actor, progress), "不能为此任务上传佐证材料")
    name = Path((name or "").replace("\\", "/")).name.strip()[:NAME_MAX]
    if not name:
        raise AttachmentError("文件名不能为空")
    if not data:
        raise AttachmentError(f"{name} 是空文件")
    if len(data) > max_bytes():
        raise AttachmentError(f"{name} 超过 {settings.LUOSHI_ATTACHMENT_MAX_MB:g} MB, 不能上传")
    kind = sniff(data)
    if kind is None:
        raise AttachmentError(f"{name} 不是 PDF、图片 (PNG/JPEG)、DOCX 或 XLSX 文件")
    if not name.lower().endswith(KINDS[kind][1]):
        raise AttachmentError(f"{name} 的内容是 {kind.upper()}, 与文件扩展名不符")
    sha = hashlib.sha256(data).hexdigest()
    with transaction.atomic():
        attachment = Attachment.objects.create(
            progress=progress, name=name, kind=kind, size=len(data), sha256=sha,
            uploaded_by=actor,
        )  # fmt: skip
        target = path_of(attachment)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            tmp = target.with_suffix(".part")
            tmp.write_bytes(data)
            tmp.replace(target)
        record(
            actor,
            "attachment.added",
            progress,
            after={"attachment": attachment.pk, "name": name, "kind": kind, "size": len(data)},
        )
    return attachment


def remove(actor, attachment) -> None:
    progress = attachment.progress
    perms.require(perms.can_edit_progress(actor, progress), "不能删除此任务的佐证材料")
    with transaction.atomic():
        record(
            actor,
            "attachment.removed",
            progress,
            before={"attachment": attachment.pk, "name": attachment.name},
        )
        attachment.delete()
    # The file stays: a published version may still list it (same hash, same file).


def content_type(attachment) -> str:
    return KINDS[attachment.kind][0]


def is_published(attachment, publication) -> bool:
    """Whether `publication` published `attachment` with its row (read in Python: a
    task has one row per version, and SQLite has no JSON containment lookup)."""
    rows = publication.rows().filter(progress_id=attachment.progress_id, unreported=False)
    return any(attachment.pk in (row.attachment_ids or []) for row in rows)
