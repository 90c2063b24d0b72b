"""The engine says today what it said when its outputs were stored: every result of
assess() (targets, figures, class, evidence) and every `luoshi eval --json` over the gold
and held-out files equals tests/textparse/outputs.json. Work on speed must keep this test
passing unchanged; a change of a rule rewrites the file on purpose, with
`python bench/assess_snapshot.py --labelled tests/textparse/outputs.json`, and says why."""

import json
from pathlib import Path

from bench.assess_snapshot import differences, snapshot

STORED = Path(__file__).resolve().parent / "outputs.json"


def test_assess_and_eval_give_the_stored_outputs_for_every_labelled_case():
    want = json.loads(STORED.read_text(encoding="utf-8"))
    got = snapshot(synthetic=0)
    assert set(got["assess"]) == set(want["assess"])
    assert differences(want, got) == []
