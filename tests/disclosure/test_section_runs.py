"""One section's rows run together: the section cell spans them (page, DOCX, PDF)."""

from types import SimpleNamespace

from luoshi.disclosure import exports


def _rows(*sections):
    return [SimpleNamespace(task=SimpleNamespace(section_id=s)) for s in sections]


def test_each_run_of_one_section_is_one_span():
    assert list(exports.section_runs(_rows(1, 1, 1, 2, 3, 3))) == [(0, 2), (3, 3), (4, 5)]


def test_a_section_met_again_later_starts_a_new_run():
    assert list(exports.section_runs(_rows(1, 2, 1))) == [(0, 0), (1, 1), (2, 2)]


def test_no_rows_no_runs():
    assert list(exports.section_runs([])) == []
