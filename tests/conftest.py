"""Shared fixtures: where the seed, the samples and the gold examples live (in the
repository, so a clone tests itself; tests/test_data_copies.py keeps them equal to the
originals beside the repository when those are there)."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SEED = ROOT / "data" / "gongshu-2021q4.txt"
SAMPLES = DATA / "samples"
GOLD = DATA / "gold" / "examples.json"


def stored_rows() -> dict[str, int]:
    """How many rows an import can write, per model: an all-or-nothing import leaves them be."""
    from luoshi.disclosure.models import Publication
    from luoshi.plans.models import Government, Section, Task, Unit, UnitAlias
    from luoshi.progress.models import Progress

    models = (Government, Section, Task, Unit, UnitAlias, Progress, Publication)
    return {m.__name__: m.objects.count() for m in models}


def nothing_imported(*, besides=("Government",)) -> bool:
    """No report rows stored (a government may exist before its first import)."""
    return not any(n for name, n in stored_rows().items() if name not in besides)


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def gold_path() -> Path:
    return GOLD


@pytest.fixture
def seed_report():
    """The seed, read fresh (readers return new objects; tests may change them)."""
    from luoshi.ingest.seedtext import read_seedtext

    return read_seedtext(SEED.read_text(encoding="utf-8"), source=SEED.name)


@pytest.fixture
def seed_publication(db, seed_report):
    from luoshi.imports.importer import store_report

    return store_report(seed_report, source_name=SEED.name).publication


@pytest.fixture(autouse=True)
def downloads_dir(settings, tmp_path_factory):
    """Each test's rendered downloads in a folder of its own, not the var folder."""
    settings.LUOSHI_DOWNLOADS_DIR = tmp_path_factory.mktemp("downloads")
    return settings.LUOSHI_DOWNLOADS_DIR


def pytest_sessionfinish(session):
    """The SQLite test database's click journal goes with the database."""
    from django.conf import settings

    if not settings.configured:
        return
    test = settings.DATABASES["default"].get("TEST", {}).get("NAME")
    if test:
        Path(f"{Path(test).resolve()}.clicks").unlink(missing_ok=True)
