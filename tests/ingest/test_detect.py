"""Format detection, and the acceptance check: the three samples (and the seed text,
where the seed-text reader exists) read to the same 106 tasks.

Whitespace normalisation (tabular.clean_text, applied by every table reader): horizontal
whitespace runs become one space, lines are stripped, empty lines dropped; in HTML a
source line break between two Chinese characters is removed (CSS segment-break rule).
Formats differ only there (HTML indentation, Excel carriage returns, full-width indents),
so after it html, xlsx and docx agree exactly, without any per-format exception."""

import importlib.util
import io
import zipfile

import pytest

from luoshi.ingest.detect import detect_format, read_document
from luoshi.ingest.report import ReadError
from tests.ingest.helpers import FIXTURES, task_tuple

SAMPLES = ("gongshu-2021q4.html", "gongshu-2021q4.xlsx", "gongshu-2021q4.docx")


@pytest.fixture(scope="module")
def samples(samples_dir):
    return {name.rsplit(".", 1)[1]: read_document(samples_dir / name) for name in SAMPLES}


def test_samples_read_to_the_same_106_tasks(samples):
    html, xlsx, docx = samples["html"], samples["xlsx"], samples["docx"]
    for fmt, r in samples.items():
        assert r.format == fmt
        assert len(r.tasks) == 106
        assert [t.seq for t in r.tasks] == list(range(1, 107))
        assert len(r.sections) == 21
        assert r.sections[0].heading == "(一)经济社会发展主要预期目标"
        assert r.sections[-1].heading == "(二十一)推动绩效再提升"
        assert r.meta.title == "2021年四季度《政府工作报告》主要目标任务完成情况"
        assert r.period.as_of == "2021-12"
        assert r.warnings == []
    for a, b, c in zip(html.tasks, xlsx.tasks, docx.tasks, strict=True):
        assert task_tuple(a) == task_tuple(b) == task_tuple(c)
    heads = [[s.heading for s in r.sections] for r in samples.values()]
    assert heads[0] == heads[1] == heads[2]
    sec_of = [{t.seq: s.heading for s in r.sections for t in s.tasks} for r in samples.values()]
    assert sec_of[0] == sec_of[1] == sec_of[2]


def test_sample_details(samples):
    r = samples["html"]
    by_seq = {t.seq: t for t in r.tasks}
    assert by_seq[1].content == "地区生产总值增长7.5%左右。"
    assert by_seq[1].lead_units == ["区发改经信局"]
    assert by_seq[35].lead_units == ["区发改经信局"]
    assert by_seq[35].unit_aliases == {"区支援合作局": "区发改经信局"}
    assert by_seq[32].lead_units == ["区市场监管局", "区科技局"]  # two lines in 牵头单位
    assert "\n" in by_seq[95].progress  # two paragraphs in one cell
    # 38 distinct unit names; with the alias 区支援合作局, 39 names in all
    assert len(r.units) == 38
    aliases = {a for t in r.tasks for a in t.unit_aliases}
    assert len(set(r.units) | aliases) == 39
    assert all(t.lead_units and t.content and t.progress for t in r.tasks)


@pytest.mark.skipif(
    importlib.util.find_spec("luoshi.ingest.seedtext") is None,
    reason="seedtext reader not written yet",
)
def test_samples_agree_with_seed_text(samples, seed_path):
    from luoshi.ingest.seedtext import read_seedtext

    seed = read_seedtext(seed_path.read_text(encoding="utf-8"), seed_path.name)
    html = samples["html"]
    assert len(seed.tasks) == 106
    assert [s.heading for s in seed.sections] == [s.heading for s in html.sections]
    for a, b in zip(seed.tasks, html.tasks, strict=True):
        assert (a.seq, a.content, a.lead_units, a.unit_aliases) == (
            b.seq,
            b.content,
            b.lead_units,
            b.unit_aliases,
        )
        # Task 106's last cell carries the page's navigation ("规划计划 / 政府工作报告重点
        # 任务") that leaked into the samples; the page-text reader may drop it.
        if a.progress != b.progress:
            assert a.seq == 106 and b.progress.startswith(a.progress)


def _zip(names):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for n in names:
            zf.writestr(n, "x")
    return buf.getvalue()


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("decomposition.xlsx", "xlsx"),
        ("two_tables.docx", "docx"),
        ("paragraphs.docx", "docx"),
        ("metadata-list.html", "html"),
        ("progress-utf8bom.csv", "csv"),
        ("progress-gb18030.csv", "csv"),
        ("supervision-report.txt", "paragraphs"),
    ],
)
def test_detect_from_content_not_name(name, fmt):
    data = (FIXTURES / name).read_bytes()
    assert detect_format(data, name) == fmt
    assert detect_format(data, "upload.bin") == fmt  # a misleading name does not matter
    assert detect_format(data, None) == fmt


def test_detect_zip_kinds_and_garbage():
    assert detect_format(_zip(["xl/workbook.xml"]), None) == "xlsx"
    assert detect_format(_zip(["word/document.xml"]), None) == "docx"
    for data in (
        _zip(["foo.txt"]),
        b"PK\x03\x04corrupt",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest",
        b"%PDF-1.4",
    ):
        with pytest.raises(ReadError):
            detect_format(data, "x.xlsx")
    with pytest.raises(ReadError):
        detect_format("随便写的一段话。".encode(), "note.txt")


def test_read_document_paths_bytes_and_errors(tmp_path):
    r = read_document((FIXTURES / "progress-gb18030.csv").read_bytes(), "p.csv")
    assert r.format == "csv" and len(r.tasks) == 3
    with pytest.raises(ReadError) as e:
        read_document(tmp_path / "missing.xlsx")
    assert e.value.source == "missing.xlsx"
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(ReadError):
        read_document(tmp_path / "empty.csv")


def test_read_document_passes_column_overrides():
    data = "No,事项,谁\n1,任务一。,区财政局\n".encode()
    with pytest.raises(ReadError):
        read_document(data, "x.csv")
    r = read_document(data, "x.csv", {0: "seq", 1: "content", 2: "lead_units"})
    assert r.tasks[0].lead_units == ["区财政局"]
