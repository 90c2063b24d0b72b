"""The paragraph reader on shuffled lines in the shapes it now reads, full-width and
ASCII: it reads tasks or refuses with a place, never anything else."""

from hypothesis import given
from hypothesis import strategies as st

from luoshi.ingest.paragraphs import read_paragraphs
from luoshi.textparse.fold import fold
from tests.ingest.test_fuzz_readers import FAST, check

LINE_TOKENS = [
    "灌云县人民政府督查室", "2019年县政府工作报告三季度完成情况通报", "一、经济发展", "（一）地区生产总值增长7%以上",
    "责任单位：区发展和改革局", "1.地区生产总值（第1项）：增长6.1%。", "2.目标任务。上半年，已完成60%。",
    "3.项目建设。 牵头领导：张某 责任单位：县住建局、县财政局 实际完成情况：主体完工。",
    "4.新增就业。（责任领导：王某；牵头单位：县人社局；责任单位：县就业中心）",
    "5.经济增长。（分管副省长负责，省发展改革委牵头，省统计局负责）", "完成情况：", "实际进展情况：1-10月份投入2亿元。",
    "（第3项）", "第2项：", "1．", "（二）", "牵头单位：", "(", "）", "",
]  # fmt: skip


@FAST
@given(st.lists(st.sampled_from(LINE_TOKENS), max_size=15), st.booleans())
def test_paragraph_shapes_from_tokens(lines, ascii):
    text = "\n".join(lines)
    check(read_paragraphs, fold(text) if ascii else text)
