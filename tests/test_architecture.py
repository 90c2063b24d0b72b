"""The direction of imports between luoshi's packages (docs/architecture.md).

Every module under luoshi/ is parsed, not imported, so a module nobody loads in the tests
is held to the rule as well. A package may import itself and the packages LAYERS lists
below it; an import the other way is a failure naming the file, the line and the rule. An
import inside a function that reaches another package hides a dependency from whoever
reads the top of the file, so it is a failure too, unless its line says why it must be
there: `# lazy: <why>` (a downward import that must wait, e.g. a heavy library) or
`# upward: <why>` (the rare call against the direction). AppConfig.ready (apps.py) is
where Django has an app wire itself up once the models are loaded: its imports may wait
there, and still follow the direction."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "luoshi"

# Bottom first. A package may import the packages of its own layer that come before it in
# the same tuple, and every package of the layers below. The names are the folders of
# luoshi/; "" is the project itself (settings, urls, wsgi, cli), which may import anything.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("textparse", "ingest"),  # pure Python, no Django
    ("audit", "security"),  # services every app calls
    ("plans",),  # governments, units, plans, sections, tasks
    ("accounts",),  # who works for which government and unit
    ("progress",),  # periods, progress, review, permissions
    ("disclosure",),  # publications, the public portal
    ("search", "pagecache"),  # over the published reports
    ("imports", "api", "compare", "work"),  # brings documents in; the API, compare, back office
    ("",),
)
PURE = {"textparse", "ingest"}
MARKER = re.compile(r"#\s*(lazy|upward):\s*\S")


def _rank() -> dict[str, tuple[int, int]]:
    return {
        name: (layer, pos) for layer, names in enumerate(LAYERS) for pos, name in enumerate(names)
    }


RANK = _rank()


def allowed(importer: str, imported: str) -> bool:
    """May package `importer` import package `imported`?"""
    if importer == imported:
        return True
    (layer, pos), (their_layer, their_pos) = RANK[importer], RANK[imported]
    return their_layer < layer or (their_layer == layer and their_pos < pos)


def package_of(path: Path) -> str:
    parts = path.relative_to(ROOT).parts
    return parts[0] if len(parts) > 1 else ""


def _imported_modules(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level or not node.module:
        return []  # relative: inside its own package
    if node.module == "luoshi":
        return [f"luoshi.{alias.name}" for alias in node.names]
    return [node.module]


def imports(path: Path):
    """(line number, imported luoshi package or 'django', inside a function?) per import."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []

    def walk(node, in_function):
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                for module in _imported_modules(child):
                    top, _, rest = module.partition(".")
                    if top == "luoshi" and rest:
                        found.append((child.lineno, rest.split(".")[0], in_function))
                    elif top == "django":
                        found.append((child.lineno, "django", in_function))
            walk(child, inside)

    walk(tree, False)
    return found


def modules():
    return sorted(p for p in ROOT.rglob("*.py") if "migrations" not in p.parts)


def violations() -> list[str]:
    out = []
    for path in modules():
        package = package_of(path)
        lines = path.read_text(encoding="utf-8").splitlines()
        for lineno, imported, in_function in imports(path):
            where = f"{path.relative_to(ROOT.parent)}:{lineno}"
            marked = MARKER.search(lines[lineno - 1])
            if imported == "django":
                if package in PURE:
                    out.append(f"{where}: luoshi/{package} is pure Python and imports Django")
                continue
            if imported == package or imported not in RANK:
                continue
            if not allowed(package, imported) and not (marked and "upward" in marked.group(1)):
                out.append(
                    f"{where}: luoshi/{package or '(project)'} imports luoshi/{imported}, "
                    f"which sits above it (docs/architecture.md)"
                )
            elif in_function and not marked and package and path.name != "apps.py":
                out.append(
                    f"{where}: import of luoshi/{imported} inside a function: move it to the "
                    "top of the module, or say why on its line (# lazy: … / # upward: …)"
                )
    return out


def test_every_package_of_luoshi_has_a_place_in_the_layers():
    packages = {p.name for p in ROOT.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert packages - set(RANK) == set()


def test_imports_follow_the_direction_of_the_layers():
    assert violations() == []


@pytest.mark.parametrize(
    ("importer", "imported", "expected"),
    [
        ("progress", "plans", True),
        ("plans", "progress", False),
        ("security", "audit", True),
        ("audit", "security", False),
        ("work", "disclosure", True),
        ("disclosure", "pagecache", False),
        ("ingest", "textparse", True),
        ("textparse", "ingest", False),
    ],
)
def test_the_layers_allow_downward_imports_only(importer, imported, expected):
    assert allowed(importer, imported) is expected


def test_a_scan_names_the_line_of_an_upward_import(tmp_path, monkeypatch):
    package = tmp_path / "luoshi" / "plans"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "bad.py").write_text(
        "from luoshi.plans.models import Plan\n"
        "\n"
        "def f():\n"
        "    from luoshi.audit.log import record\n"
        "    from luoshi.ingest import detect  # lazy: read only when a file comes\n"
        "    from luoshi.progress.models import Period\n"
    )
    monkeypatch.setattr("tests.test_architecture.ROOT", tmp_path / "luoshi")
    assert violations() == [
        "luoshi/plans/bad.py:4: import of luoshi/audit inside a function: move it to the top "
        "of the module, or say why on its line (# lazy: … / # upward: …)",
        "luoshi/plans/bad.py:6: luoshi/plans imports luoshi/progress, which sits above it "
        "(docs/architecture.md)",
    ]


def test_a_scan_refuses_django_in_a_pure_package(tmp_path, monkeypatch):
    package = tmp_path / "luoshi" / "textparse"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "x.py").write_text("import django.conf\n")
    monkeypatch.setattr("tests.test_architecture.ROOT", tmp_path / "luoshi")
    assert violations() == [
        "luoshi/textparse/x.py:1: luoshi/textparse is pure Python and imports Django"
    ]
