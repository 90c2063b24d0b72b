"""Shared fixtures: where the shared seed and samples live."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(__import__("os").environ.get("LUOSHI_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "seeds" / "000_1ff315b940f97cf5.txt"
SAMPLES = SHARED / "samples"
GOLD = SHARED / "gold" / "examples.json"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def gold_path() -> Path:
    return GOLD
