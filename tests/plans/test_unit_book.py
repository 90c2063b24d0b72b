"""The unit book: a document's unit names matched to a government's units, by name or by
alias (the import and its preview read it alike)."""

import pytest

from luoshi.plans.models import Government, Unit, UnitAlias, unit_book

pytestmark = pytest.mark.django_db


@pytest.fixture
def units():
    government = Government.objects.create(name="某某区")
    fagai = Unit.objects.create(government=government, name="区发改经信局")
    zhiyuan = Unit.objects.create(government=government, name="区支援合作局")
    UnitAlias.objects.create(unit=fagai, name="区发改局")
    # An alias that is also another unit's own name: the name wins.
    UnitAlias.objects.create(unit=fagai, name="区支援合作局")
    return government, fagai, zhiyuan


def _book(government):
    return unit_book(Unit.objects.filter(government=government).prefetch_related("aliases"))


def test_an_alias_finds_its_unit(units):
    government, fagai, _ = units
    assert _book(government)["区发改局"] == fagai


def test_a_units_own_name_wins_over_another_units_alias(units):
    government, _, zhiyuan = units
    assert _book(government)["区支援合作局"] == zhiyuan


def test_the_importer_and_the_preview_read_one_book(units):
    from luoshi.imports.importer import UnitBook

    government, *_ = units
    assert UnitBook(government).by_name == _book(government)
