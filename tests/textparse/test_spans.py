"""The layout of a text (brackets, sentence, clause and piece ends, joiners, blanks) read from
one scan of its marks cuts it as the span patterns over the text with its brackets blanked
do: every text of the labelled files, odd texts and any text of the marks."""

import re

from hypothesis import given
from hypothesis import strategies as st

from luoshi.textparse.spans import (
    CLAUSE_END,
    CLOSERS,
    OPEN_CLOSE,
    PIECE_END,
    SENTENCE_END,
    _layout,
    _regions,
    _spans,
)

from .test_scan import TEXTS

# The cut as it was written before the layout: bracket marks found one by one, their
# insides blanked, and a span pattern per level over the blanked text.
BRACKET_CHARS = re.compile("[" + re.escape('"' + "".join(OPEN_CLOSE) + "".join(CLOSERS)) + "]")
KIND = {"“": "quote", "「": "quote", "『": "quote", "《": "title"}
JOINERS = re.compile(r"和|及|与|以及")


def regions_by_marks(text):
    regions, stack, straight_open = [], [], None
    for bm in BRACKET_CHARS.finditer(text):
        i, ch = bm.start(), bm.group()
        if ch == '"':
            if straight_open is None:
                straight_open = i
            else:
                regions.append((straight_open, i + 1, "quote"))
                straight_open = None
        elif ch in OPEN_CLOSE:
            stack.append((ch, i))
        elif ch in CLOSERS and stack:
            for k in range(len(stack) - 1, -1, -1):
                if OPEN_CLOSE[stack[k][0]] == ch:
                    opener, start = stack[k]
                    del stack[k:]
                    regions.append((start, i + 1, KIND.get(opener, "paren")))
                    break
    return regions


def blanked(text, regions):
    for start, end, _ in regions:
        if end - 1 > start + 1:
            text = text[: start + 1] + "\0" * (end - start - 2) + text[end - 1 :]
    return text


def span_pattern(ends):
    d = re.escape("".join(sorted(ends)))
    return re.compile(rf"[^{d}\s](?:[^{d}]*[^{d}\s])?")


SENTENCE, CLAUSE, PIECE = (
    span_pattern(SENTENCE_END),
    span_pattern(CLAUSE_END),
    span_pattern(PIECE_END),
)


def assert_cut_as_by_patterns(text):
    regions, sentence_ends, clause_ends, piece_ends, joins, blanks = _layout(text, True)
    assert regions == regions_by_marks(text) == _regions(text)
    cut = blanked(text, regions)
    n = len(text)
    assert _spans(sentence_ends, 0, n, blanks) == [m.span() for m in SENTENCE.finditer(cut)]
    clauses = [m.span() for m in CLAUSE.finditer(cut)]
    assert _spans(clause_ends, 0, n, blanks) == clauses
    for a, b in clauses:
        inner = [e for e in piece_ends if a <= e < b]
        assert _spans(inner, a, b, blanks) == [m.span() for m in PIECE.finditer(cut, a, b)]
    assert joins == [m.span() for m in JOINERS.finditer(cut)]
    assert _layout(text, False)[:4] == (regions, sentence_ends, clause_ends, piece_ends)


def test_every_labelled_text_is_cut_as_by_the_span_patterns():
    for t in TEXTS:
        assert_cut_as_by_patterns(t)


def test_odd_texts_are_cut_as_by_the_span_patterns():
    for t in ["", " ", "。", "a。 b ,c", "(a,b)c,d", "“a,b”,c", '"a,b"c,"d', "(a“b)c”,d",
              "《a(b,c》d),e", "(a(b,c)d", "a)b,c(", "以及和与", "(以及)和", "a、 b、、c",
              " \u3000a\tb\n c 。", "（甲，乙）、丙和丁以及戊"]:  # fmt: skip
        assert_cut_as_by_patterns(t)


@given(st.text(alphabet='ab 12\u3000\n\t。;！?,，:：、和及与以"“”《》()（）「」[】', max_size=40))
def test_any_text_of_marks_is_cut_as_by_the_span_patterns(t):
    assert_cut_as_by_patterns(t)
