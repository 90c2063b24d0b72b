"""The deployment files under deploy/ parse, agree with each other and run the commands the
README documents. No container engine runs here: the compose file is read as YAML, the
Dockerfile by its instruction grammar, the systemd units by `systemd-analyze verify` (or,
where systemd is absent, a strict reading of their key=value form)."""

import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

DEPLOY = ROOT / "deploy"
UNITS = ("luoshi.service", "luoshi-daily.service", "luoshi-daily.timer")
INSTRUCTIONS = {
    "FROM", "RUN", "CMD", "LABEL", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME",
    "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL",
}  # fmt: skip


def dockerfile() -> list[tuple[str, str]]:
    """(instruction, arguments) in order; continuation lines joined, comments dropped."""
    lines, current = [], ""
    for raw in (DEPLOY / "Dockerfile").read_text(encoding="utf-8").splitlines():
        if raw.lstrip().startswith("#") or not raw.strip():
            continue
        current += raw.rstrip()
        if current.endswith("\\"):
            current = current[:-1] + " "
            continue
        word, _, args = current.strip().partition(" ")
        assert word in INSTRUCTIONS, f"Dockerfile: unknown instruction {word}"
        lines.append((word, args.strip()))
        current = ""
    assert not current, "Dockerfile ends inside a continued line"
    return lines


def instruction(name: str) -> list[str]:
    return [args for word, args in dockerfile() if word == name]


def luoshi_commands(text: str) -> set[str]:
    return set(re.findall(r"\bluoshi ([a-z][a-z-]*)", text))


def test_dockerfile_builds_on_python_3_11_slim_as_an_unprivileged_user():
    assert instruction("FROM") == ["python:3.11-slim"]
    (user,) = instruction("USER")
    assert user not in {"root", "0"}
    assert any("fonts-noto-cjk" in run and "libpango-1.0-0" in run for run in instruction("RUN"))


def test_dockerfile_keeps_the_var_folder_in_a_volume():
    env = dict(
        shlex.split(pair)[0].split("=", 1)
        for args in instruction("ENV")
        for pair in shlex.split(args)
        if "=" in pair
    )
    assert instruction("VOLUME") == [env["LUOSHI_VAR_DIR"]]


def test_dockerfile_copies_only_what_exists():
    for args in instruction("COPY"):
        *sources, _ = args.split()
        for source in sources:
            assert (ROOT / source).exists(), source


def test_dockerfile_runs_the_readme_commands():
    (cmd,) = instruction("CMD")
    run = " ".join(json.loads(cmd))
    assert {"migrate", "collectstatic", "serve"} <= luoshi_commands(run)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert luoshi_commands(run) <= luoshi_commands(readme)


def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))


def test_compose_builds_the_dockerfile_and_uses_its_volume_and_postgresql():
    services = compose()["services"]
    web = services["web"]
    assert (DEPLOY / web["build"]["context"] / web["build"]["dockerfile"]).resolve() == (
        DEPLOY / "Dockerfile"
    ).resolve()
    (volume,) = instruction("VOLUME")
    name, target = web["volumes"][0].split(":")
    assert target == volume and name in compose()["volumes"]
    assert web["environment"]["DATABASE_URL"].startswith("postgres://")
    assert "@db:5432/" in web["environment"]["DATABASE_URL"]
    assert services["db"]["image"].startswith("postgres:")
    assert web["depends_on"]["db"]["condition"] == "service_healthy"


def test_compose_daily_jobs_are_the_timers():
    jobs = luoshi_commands(" ".join(compose()["services"]["daily"]["command"]))
    service = _exec_lines((DEPLOY / "luoshi-daily.service").read_text(encoding="utf-8"))
    assert jobs == luoshi_commands(" ".join(service)) == {"overdue", "remind", "prune-downloads"}


def _exec_lines(text: str) -> list[str]:
    return [line.split("=", 1)[1] for line in text.splitlines() if line.startswith("ExecStart")]


def test_the_units_run_luoshi_serve_and_the_daily_jobs():
    serve = _exec_lines((DEPLOY / "luoshi.service").read_text(encoding="utf-8"))
    daily = _exec_lines((DEPLOY / "luoshi-daily.service").read_text(encoding="utf-8"))
    assert [luoshi_commands(c) for c in serve] == [{"migrate"}, {"collectstatic"}, {"serve"}]
    assert [luoshi_commands(c) for c in daily] == [{"overdue"}, {"remind"}, {"prune-downloads"}]
    assert "Unit=luoshi-daily.service" in (DEPLOY / "luoshi-daily.timer").read_text()


def _strict_unit_parse(path: Path) -> None:
    section = None
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith(("#", ";")):
            continue
        if m := re.fullmatch(r"\[(Unit|Service|Timer|Install)\]", line):
            section = m[1]
            continue
        assert section, f"{path.name}:{n}: a setting before any section"
        assert re.fullmatch(r"[A-Z][A-Za-z]+=\S.*", line), f"{path.name}:{n}: not Key=value"


@pytest.mark.skipif(bool(shutil.which("systemd-analyze")), reason="systemd-analyze verifies them")
def test_unit_files_are_well_formed_without_systemd():
    for name in UNITS:
        _strict_unit_parse(DEPLOY / name)


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="no systemd here")
def test_unit_files_pass_systemd_analyze_verify(tmp_path):
    """Verified inside a root of their own: the system's unit folder (for the targets they
    name) and the program they start, at the path they start it from."""
    (tmp_path / "usr" / "lib" / "systemd").mkdir(parents=True)
    shutil.copytree(
        "/lib/systemd/system", tmp_path / "usr" / "lib" / "systemd" / "system", symlinks=True
    )
    (tmp_path / "etc" / "systemd" / "system").mkdir(parents=True)
    for name in UNITS:
        shutil.copy(DEPLOY / name, tmp_path / "etc" / "systemd" / "system" / name)
    programs = {
        shlex.split(c)[0]
        for name in UNITS
        for c in _exec_lines((DEPLOY / name).read_text(encoding="utf-8"))
    }
    for program in programs:
        stub = tmp_path / program.lstrip("/")
        stub.parent.mkdir(parents=True, exist_ok=True)
        stub.write_text("#!/bin/sh\n")
        stub.chmod(0o755)
    done = subprocess.run(
        ["systemd-analyze", "verify", f"--root={tmp_path}", *UNITS],
        capture_output=True,
        text=True,
        check=False,
    )
    # Unknown keys and bad values are only warned about: any output is a failure.
    assert (done.returncode, done.stdout + done.stderr) == (0, "")
