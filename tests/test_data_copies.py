"""The seed, samples and gold examples the tests read are copies kept in the repository, so a
clone tests itself. Where the originals lie beside the repository (../shared, or
LUOSHI_SHARED), each copy must be byte for byte the same: a changed original is copied in."""

import os
from pathlib import Path

import pytest

from tests.conftest import GOLD, ROOT, SAMPLES, SEED

SHARED = Path(os.environ.get("LUOSHI_SHARED", ROOT.parent / "shared"))

COPIES = [
    (SEED, Path("seeds") / "000_1ff315b940f97cf5.txt"),
    (GOLD, Path("gold") / "examples.json"),
    *((SAMPLES / name, Path("samples") / name) for name in sorted(os.listdir(SAMPLES))),
]

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason=f"no {SHARED} beside the clone")


@needs_shared
@pytest.mark.parametrize(("copy", "original"), COPIES, ids=[str(o) for _, o in COPIES])
def test_copy_in_the_repository_is_byte_identical_to_the_original(copy, original):
    assert copy.read_bytes() == (SHARED / original).read_bytes()


@needs_shared
def test_every_original_sample_has_a_copy():
    assert sorted(os.listdir(SHARED / "samples")) == sorted(os.listdir(SAMPLES))
