"""Column heads mapped by hand in the import preview, remembered per government.

A government's tables keep their odd heads from year to year (责任处室, 推进情况说明): once
the admin has said what such a head means, the next upload with the same head is mapped
the same way before the preview is shown, and the preview says so."""

from __future__ import annotations

from luoshi.plans.models import ColumnHead


def remembered_overrides(government, columns) -> dict[str, str]:
    """{column index as text: field} for the document's columns whose head this government
    has mapped by hand before, where that differs from what the head is recognised as."""
    known = dict(government.column_heads.values_list("head", "field"))
    chosen = {}
    for c in columns:
        field = known.get(c.head) if c.head else None
        if field and field != (c.field or "ignore"):
            chosen[str(c.index)] = field
    return chosen


def remember(government, columns, chosen: dict[str, str]) -> None:
    """Keep the hand-made choices of a committed import (in the import's transaction)."""
    heads = {c.index: c.head for c in columns}
    for index, field in chosen.items():
        head = heads.get(int(index), "")
        if head:
            ColumnHead.objects.update_or_create(
                government=government, head=head[:200], defaults={"field": field}
            )
