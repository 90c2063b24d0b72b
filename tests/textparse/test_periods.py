"""figures._Periods finds, for every number, the period that the plain scan of its sentence
(figures._period) finds, at every place of every sentence."""

from luoshi.textparse import figures
from luoshi.textparse.fold import fold
from luoshi.textparse.spans import read_mentions

from .test_scan import TEXTS

EXTRA = [
    "截至9月底,新增就业1200人;1-6月完成投资3.2亿元。",
    "2023年度完成改造12个,上半年8个,第三季度4个。",
    "１－９月，累计完成投资２６.５亿元，其中１２月新增３个。",
    "前三季度 增长5.6%,全年预计增长6%。",
    "一二三四五个项目, 9 月 10 个。",
]


def test_each_number_gets_the_period_the_plain_scan_of_its_sentence_finds():
    checked = 0
    for text in [*TEXTS, *EXTRA, *(fold(t) for t in EXTRA)]:
        src = fold(text)
        mentions, sentences = read_mentions(src, True)
        periods = figures._Periods(src)
        for sent in sentences or [(0, len(src))]:
            for q in range(sent[0], sent[1] + 1):
                assert periods.before(sent, q) == figures._period(src, sent[0], q, q), (src, q)
                checked += 1
    assert checked > 1000
