"""The first-character lookaheads of scan.starting_with change no match: every prefiltered
pattern finds what the pattern as written finds, over every text of the gold and held-out
files (as written, folded and half-width), whole and in windows (search with pos/endpos,
as the readers call them)."""

import json
from pathlib import Path

import luoshi.textparse.assess  # noqa: F401  (imports every module that prefilters)
from luoshi.textparse.fold import fold
from luoshi.textparse.numbers import to_halfwidth
from luoshi.textparse.scan import PREFILTERED

HERE = Path(__file__).resolve().parent
# The project's own copy of the gold file (tests/test_data_copies.py keeps it equal to the
# shared one): a clone alone has every file.
FILES = [HERE.parent / "data" / "gold" / "examples.json",
         *sorted(HERE.glob("heldout*.json"))]  # fmt: skip


def corpus() -> list[str]:
    texts = []
    for path in FILES:
        if path.exists():
            for ex in json.loads(path.read_text(encoding="utf-8")):
                texts += [ex.get("content") or "", ex.get("status_text") or ""]
    return [v for t in texts for v in {t, fold(t), to_halfwidth(t)}]


TEXTS = corpus()


def test_every_hot_pattern_is_prefiltered():
    assert len(PREFILTERED) >= 9


def test_prefiltered_patterns_find_the_same_matches_in_whole_texts():
    for plain, fast in PREFILTERED:
        for t in TEXTS:
            assert [m.span() for m in fast.finditer(t)] == [m.span() for m in plain.finditer(t)], (
                plain.pattern[:40],
                t,
            )


def test_prefiltered_patterns_find_the_same_matches_in_windows():
    for plain, fast in PREFILTERED:
        for t in TEXTS:
            for i in range(0, len(t), 9):
                for j in (i + 6, i + 14, len(t)):
                    a, b = plain.search(t, i, j), fast.search(t, i, j)
                    assert (a and a.span()) == (b and b.span()), (plain.pattern[:40], t, i, j)
