"""Shared bits of the reader tests."""

from __future__ import annotations

import re
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"

# A ReadError's place: "line 3", "sheet 表1 row 5 column C", "table 2 row 7", "paragraph 4".
LOCATED = re.compile(r"(line \d+|sheet .+ row \d+|table \d+( row \d+)?|paragraph \d+|row \d+)")


def task_tuple(t):
    """What must agree between formats of one report."""
    return (
        t.seq,
        t.content,
        tuple(t.lead_units),
        t.progress,
        tuple(sorted(t.unit_aliases.items())),
    )
