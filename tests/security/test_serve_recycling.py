"""`luoshi serve` asks granian to respawn a worker past a memory bound or a lifetime, so a
worker bloated by one request gives its memory back by itself."""

import os

import pytest
from django.core.management import call_command


@pytest.fixture
def granian_argv(monkeypatch):
    seen = []
    monkeypatch.setattr(os, "execvp", lambda file, argv: seen.append(argv))
    return seen


def _option(argv, name):
    return argv[argv.index(name) + 1]


def test_workers_are_recycled_past_1_gib_and_after_six_hours_by_default(granian_argv):
    call_command("serve")
    (argv,) = granian_argv
    assert _option(argv, "--workers-max-rss") == "1024"
    assert _option(argv, "--workers-lifetime") == "21600"


def test_the_bounds_come_from_the_environment_and_zero_turns_them_off(granian_argv, monkeypatch):
    monkeypatch.setenv("LUOSHI_WORKER_MAX_RSS_MB", "512")
    monkeypatch.setenv("LUOSHI_WORKER_LIFETIME", "0")
    call_command("serve")
    (argv,) = granian_argv
    assert _option(argv, "--workers-max-rss") == "512"
    assert "--workers-lifetime" not in argv
