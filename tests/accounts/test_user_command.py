"""`luoshi user add`: accounts from the command line, passwords from a file."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from luoshi.accounts.models import Membership
from luoshi.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def password_file(tmp_path):
    path = tmp_path / "pw"
    path.write_text("s3cret-passw0rd\n", encoding="utf-8")
    return str(path)


def test_user_add_makes_a_reporter_of_a_unit_who_can_log_in(
    client, seed_publication, password_file
):
    call_command(
        "user",
        "add",
        "zhujian",
        "--role",
        "reporter",
        "--unit",
        "区住建局",
        "--password-file",
        password_file,
    )
    m = Membership.objects.get(user__username="zhujian")
    assert (m.role, m.unit.name, m.government) == (
        "reporter",
        "区住建局",
        seed_publication.government,
    )
    assert client.login(username="zhujian", password="s3cret-passw0rd")
    assert AuditEvent.objects.filter(action="user.added").count() == 1


def test_user_add_finds_the_unit_by_its_alias(seed_publication, password_file):
    call_command(
        "user",
        "add",
        "zhiyuan",
        "--role",
        "reporter",
        "--unit",
        "区支援合作局",
        "--password-file",
        password_file,
    )
    assert Membership.objects.get(user__username="zhiyuan").unit.name == "区发改经信局"


def test_a_reporter_needs_a_unit(seed_publication, password_file):
    with pytest.raises(CommandError, match="--unit"):
        call_command("user", "add", "x", "--role", "reporter", "--password-file", password_file)


def test_an_unknown_unit_is_refused(seed_publication, password_file):
    with pytest.raises(CommandError, match="没有单位"):
        call_command(
            "user",
            "add",
            "x",
            "--role",
            "reporter",
            "--unit",
            "区不存在局",
            "--password-file",
            password_file,
        )


def test_a_short_password_is_refused(seed_publication, tmp_path):
    path = tmp_path / "pw"
    path.write_text("short", encoding="utf-8")
    with pytest.raises(CommandError, match="至少 10 个字符"):
        call_command("user", "add", "x", "--role", "admin", "--password-file", str(path))
