"""佐证材料: accepted by content, kept under the var folder, served to those who may see
the row, public only with the published row."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from luoshi.audit.models import AuditEvent
from luoshi.disclosure import publishing
from luoshi.progress import attachments, workflow
from luoshi.progress.models import Attachment
from tests.quarter import PASSWORD, row

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def xlsx_bytes():
    from openpyxl import Workbook

    out = io.BytesIO()
    Workbook().save(out)
    return out.getvalue()


def docx_bytes():
    import docx

    out = io.BytesIO()
    docx.Document().save(out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def store(settings, tmp_path):
    settings.LUOSHI_ATTACHMENT_DIR = tmp_path / "attachments"
    settings.LUOSHI_ATTACHMENT_MAX_MB = 0.01  # 10 KB
    return settings.LUOSHI_ATTACHMENT_DIR


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def upload(client, progress, name, data):
    return client.post(
        reverse("work:attachment_upload", args=[progress.pk]),
        {"file": SimpleUploadedFile(name, data)},
        follow=True,
    )


@pytest.mark.parametrize(
    "name, data, kind",
    [("台账.pdf", PDF, "pdf"), ("现场.png", PNG, "png"), ("明细.xlsx", None, "xlsx"),
     ("说明.docx", None, "docx")],
)  # fmt: skip
def test_files_are_recognised_by_their_content(name, data, kind):
    data = data or (xlsx_bytes() if kind == "xlsx" else docx_bytes())
    assert attachments.sniff(data) == kind


def test_an_uploaded_pdf_is_stored_by_its_hash_under_the_var_folder(client, quarter, store):
    progress = row(quarter.period, quarter.parking)
    upload(login(client, quarter.housing), progress, "停车泊位台账.pdf", PDF)
    a = Attachment.objects.get()
    assert (a.name, a.kind, a.size) == ("停车泊位台账.pdf", "pdf", len(PDF))
    assert (store / a.sha256[:2] / a.sha256).read_bytes() == PDF
    assert AuditEvent.objects.filter(action="attachment.added").count() == 1


@pytest.mark.parametrize(
    "name, data, words",
    [
        ("伪装.pdf", b"<html><script>alert(1)</script></html>", "不是 PDF"),
        ("表格.xlsx", PDF, "与文件扩展名不符"),
        ("大.pdf", PDF + b"0" * 11000, "超过"),
        ("压缩包.docx", b"PK\x03\x04" + b"\x00" * 40, "不是 PDF"),
    ],
)
def test_a_file_refused_stores_nothing(client, quarter, store, name, data, words):
    progress = row(quarter.period, quarter.parking)
    client = login(client, quarter.housing)  # the log-in is audited itself: count after it
    before = AuditEvent.objects.count()
    response = upload(client, progress, name, data)
    assert words in response.content.decode()
    assert not Attachment.objects.exists() and not store.exists()
    assert AuditEvent.objects.count() == before


def test_only_the_lead_unit_uploads(client, quarter):
    response = upload(
        login(client, quarter.commerce), row(quarter.period, quarter.parking), "a.pdf", PDF
    )
    assert response.status_code == 403 and not Attachment.objects.exists()


def test_the_file_is_served_to_the_lead_unit_and_the_office_only(client, quarter, other_government):
    progress = row(quarter.period, quarter.parking)
    a = attachments.add(quarter.housing, progress, "台账.pdf", PDF)
    url = reverse("work:attachment", args=[a.pk])
    for user, status in [(quarter.housing, 200), (quarter.reviewer, 200), (quarter.commerce, 403),
                         (other_government.admin, 403)]:  # fmt: skip
        response = login(client, user).get(url)
        assert response.status_code == status, user
        client.logout()
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_file_is_public_only_with_its_published_row(client, quarter):
    progress = row(quarter.period, quarter.parking)
    a = attachments.add(quarter.housing, progress, "台账.pdf", PDF)
    workflow.approve(
        quarter.reviewer, workflow.submit(quarter.housing, progress, text="完工200个。")
    )
    draft_only = attachments.add(
        quarter.commerce, row(quarter.period, quarter.commerce_task), "草稿附件.pdf", PDF + b" "
    )
    publication = publishing.publish(
        quarter.admin, quarter.period, on=dt.date(2022, 4, 20), include_unreported=True
    )
    public = reverse("published_attachment", args=[publication.pk, a.pk])
    response = client.get(public)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert (
        client.get(
            reverse("published_attachment", args=[publication.pk, draft_only.pk])
        ).status_code
        == 404
    )
    assert (
        client.get(reverse("published_attachment", args=[quarter.seed.pk, a.pk])).status_code == 404
    )
