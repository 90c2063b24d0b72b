from hypothesis import given
from hypothesis import strategies as st

from luoshi.textparse.fold import fold


def test_full_width_punctuation_folds_to_ascii():
    assert fold("区发改经信局（区支援合作局），区财政局；索引号：１２３％") == (
        "区发改经信局(区支援合作局),区财政局;索引号:123%"
    )


def test_range_dashes_fold_to_hyphen():
    assert fold("1—6月、1–9月、1－11月、6%～6.5%") == "1-6月、1-9月、1-11月、6%~6.5%"


def test_list_mark_and_book_title_marks_stay():
    assert fold("《政府工作报告》、。") == "《政府工作报告》、。"


@given(st.text())
def test_fold_keeps_length_so_offsets_map_back(text):
    assert len(fold(text)) == len(text)


@given(st.text())
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)
