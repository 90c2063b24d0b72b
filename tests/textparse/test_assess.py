import json

from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.textparse import assess

FIELDS = {"id", "targets", "actuals", "data_pending", "status", "evidence"}
MIXED = st.lists(
    st.sampled_from(
        list(
            "0123456789.,-+%万亿千百十一二两三四五六七八九零〇个人家所条张台亩米元年月日增长下降以上左右约最多"
        )
        + list('“”"《》()（）,，。；、:')
        + ["完成", "尚未", "数据尚未出", "预计", "1-9月", "共", "调整为", "100%", "个百分点"]
    ),
    max_size=40,
).map("".join)


def test_output_has_the_contract_fields():
    r = assess({"id": "a", "content": "建成杭州书房5家。", "status_text": "完成杭州书房建设5家。",
                "as_of": "2021-12"})  # fmt: skip
    assert set(r) == FIELDS
    assert r["targets"][0] == {"text": "建成杭州书房5家", "metric": "建成杭州书房", "value": 5,
                               "unit": "家", "comparator": "=", "kind": "count"}  # fmt: skip
    assert r["actuals"][0]["target"] == 0
    json.dumps(r, ensure_ascii=False)


def test_non_string_fields_are_read_as_empty():
    r = assess({"id": 3, "content": None, "status_text": 5, "as_of": []})
    assert r["status"] == "in_progress" and r["targets"] == []


@settings(max_examples=300)
@given(st.text(), st.text(), st.text(max_size=10))
def test_no_text_makes_assess_raise(content, status_text, as_of):
    r = assess({"id": "h", "content": content, "status_text": status_text, "as_of": as_of})
    assert r["status"] in {"awaiting_data", "behind", "exceeded", "completed", "on_track",
                           "in_progress"}  # fmt: skip


@settings(max_examples=500)
@given(MIXED, MIXED)
def test_no_mix_of_numbers_and_punctuation_makes_assess_raise(content, status_text):
    r = assess({"id": "h", "content": content, "status_text": status_text, "as_of": "2021-09"})
    for t in r["targets"]:
        assert t["text"] in content
    json.dumps(r, ensure_ascii=False)
