"""The dependency rule, checked on the source itself: bot -> handlers -> (nlp, store)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "rapport"
PLATFORM = {"slack_bolt", "slack_sdk", "telegram", "apscheduler", "aiohttp"}
# What each core package may import of ours, and which outside roots it must not.
ALLOWED_OURS = {
    "nlp": {"nlp"},
    "store": {"store"},
    "handlers": {"handlers", "nlp", "store"},
}
FORBIDDEN = {
    "nlp": PLATFORM | {"sqlalchemy", "alembic"},
    "store": PLATFORM,
    "handlers": PLATFORM | {"sqlalchemy", "alembic"},
}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


@pytest.mark.parametrize("package", sorted(ALLOWED_OURS))
def test_core_packages_import_only_what_the_rule_allows(package: str) -> None:
    files = sorted((SRC / package).rglob("*.py"))
    assert files, f"no source found for rapport.{package}"
    wrong = []
    for path in files:
        for name in _imports(path):
            root, _, rest = name.partition(".")
            if root == "rapport":
                ours = rest.split(".")[0]
                if ours and ours not in ALLOWED_OURS[package]:
                    wrong.append(f"{path.relative_to(SRC)} imports {name}")
            elif root in FORBIDDEN[package]:
                wrong.append(f"{path.relative_to(SRC)} imports {name}")
    assert not wrong, "\n".join(wrong)


def test_the_check_catches_a_forbidden_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import slack_sdk\nfrom rapport.bot import cli\n", encoding="utf-8")
    assert _imports(bad) == ["slack_sdk", "rapport.bot"]
