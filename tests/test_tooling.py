"""The front door's promises about the code: runtime code imports only runtime packages
(requirements.txt), and `make test-pg` runs every test that skips without PostgreSQL."""

import ast
import importlib.metadata
import re
import sys
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
RUNTIME_DIRS = [
    "portal",
    "helhedsplaner",
    "bestyrelser",
    "monitorering",
    "tilsyn",
    "enighed",
    "persondata",
    "demo",
]
FIRST_PARTY = set(RUNTIME_DIRS)
NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[([^\]]*)\])?")


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(path: Path) -> list[tuple[str, set[str]]]:
    """(distribution, extras) of each requirement line; `-r` lines are not followed."""
    out = []
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        match = NAME.match(line)
        extras = {e.strip() for e in (match.group(2) or "").split(",") if e.strip()}
        out.append((_normalise(match.group(1)), extras))
    return out


def _closure(roots: list[tuple[str, set[str]]]) -> set[str]:
    """The installed distributions that the roots need on this interpreter, following
    their metadata (extras and environment markers evaluated as pip does)."""
    seen: set[tuple[str, frozenset[str]]] = set()
    names: set[str] = set()
    todo = [(name, frozenset(extras)) for name, extras in roots]
    while todo:
        name, extras = todo.pop()
        if (name, extras) in seen:
            continue
        seen.add((name, extras))
        names.add(name)
        for line in importlib.metadata.requires(name) or []:
            requirement = Requirement(line)
            if requirement.marker and not any(
                requirement.marker.evaluate({"extra": extra}) for extra in (extras or {""})
            ):
                continue
            todo.append((_normalise(requirement.name), frozenset(requirement.extras)))
    return names


def _third_party_imports() -> dict[str, set[str]]:
    """Top-level module → files importing it, for every non-test module of the apps."""
    found: dict[str, set[str]] = {}
    for directory in RUNTIME_DIRS:
        for path in (ROOT / directory).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.split(".")[0]
                    if top not in FIRST_PARTY and top not in sys.stdlib_module_names:
                        found.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return found


def test_runtime_code_imports_only_what_requirements_txt_installs():
    runtime = _closure(_pins(ROOT / "requirements.txt"))
    providers = importlib.metadata.packages_distributions()
    wrong = {}
    for module, files in _third_party_imports().items():
        dists = {_normalise(d) for d in providers.get(module, [])}
        if not dists & runtime:
            wrong[module] = (sorted(dists) or ["not installed"], sorted(files))
    assert not wrong, f"imported by runtime code but not installed by requirements.txt: {wrong}"


def test_requirements_dev_adds_to_the_runtime_and_repeats_none_of_it():
    dev_text = (ROOT / "requirements-dev.txt").read_text()
    assert "-r requirements.txt" in dev_text.splitlines()
    runtime = {name for name, _ in _pins(ROOT / "requirements.txt")}
    dev = {name for name, _ in _pins(ROOT / "requirements-dev.txt")}
    assert not runtime & dev
    assert {"pytest", "pytest-django", "factory-boy", "playwright", "ruff"} <= dev
    assert not {"pytest", "pytest-django", "factory-boy", "playwright", "ruff", "mypy", "bandit"} & runtime


def _make_variable(name: str) -> list[str]:
    text = (ROOT / "Makefile").read_text().replace("\\\n", " ")
    match = re.search(rf"^{name}\s*:=(.*)$", text, re.MULTILINE)
    return match.group(1).split()


def test_make_test_pg_runs_every_test_file_that_skips_without_postgresql():
    listed = _make_variable("PG_TESTS")
    for path in listed:
        assert (ROOT / path).is_file(), path
    skipping = set()
    for path in (ROOT / "tests").rglob("test_*.py"):
        if "faults" in path.parts:  # own services; `pytest -m faults`
            continue
        source = path.read_text()
        if re.search(r"skip_unless_available\(\s*connection\.vendor\s*==\s*\"postgresql\"", source):
            skipping.add(str(path.relative_to(ROOT)))
    assert skipping, "the search found no PostgreSQL-only test: has skip_unless_available changed?"
    assert skipping <= set(listed), sorted(skipping - set(listed))
