"""Patterns scanned only from the characters their matches can start with.

A pattern that opens with a group or an optional part (`(?:无法|不能)…`, `(百分之)?\\d…`) is
tried in full at every position of the text: the regular-expression engine finds no first
character to look for. With a lookahead of the characters every match starts with in front,
a position that cannot start a match fails on one character test. The matches are the same
(tests/textparse/test_scan.py runs every such pattern both ways over the gold and held-out
texts); the scan of a 100-character text takes a half to a third of the time."""

from __future__ import annotations

import re

# (pattern as written, pattern with its first characters): the test compares the two.
PREFILTERED: list[tuple[re.Pattern[str], re.Pattern[str]]] = []


def starting_with(first: str, pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern`, tried only where the text holds one of the characters `first` (a regex
    character class body such as "0-9百一二"). Every match of `pattern` must start with one
    of them."""
    fast = re.compile(f"(?=[{first}])(?:{pattern.pattern})", pattern.flags)
    PREFILTERED.append((pattern, fast))
    return fast


def same_as(pattern: re.Pattern[str], fast: re.Pattern[str]) -> re.Pattern[str]:
    """`fast`, a pattern rewritten by hand to find what `pattern` finds, faster (a class the
    engine skips to in front, fewer alternatives tried): kept beside it in PREFILTERED, so
    the test compares the two like the patterns of starting_with."""
    PREFILTERED.append((pattern, fast))
    return fast
