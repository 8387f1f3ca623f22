"""The four parts come from this repository and import one way: bot -> handlers -> (nlp, store)."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[1]
PARTS = ("bot", "handlers", "nlp", "store")


@pytest.mark.parametrize("part", PARTS)
def test_each_part_is_imported_from_this_repository(part: str) -> None:
    # PyPI has distributions called `nlp` and `store`: one installed by accident would
    # shadow ours silently if the path order changed.
    module = importlib.import_module(part)
    assert module.__file__ is not None
    assert Path(module.__file__).resolve().parent == ROOT / part


def test_import_contracts_hold(monkeypatch: pytest.MonkeyPatch) -> None:
    # The one dependency-rule check: the import-linter contracts in pyproject.toml.
    monkeypatch.chdir(ROOT)
    assert lint_imports(no_cache=True) == 0
