"""Export streams: pages of interactions join up exactly, and the files read as before."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from handlers.core import Core
from handlers.exporter import export_all, tables
from store import exports
from tests.conftest import Clock, Say


def test_json_is_written_as_one_dump_would(core: Core, say: Say, tmp_path: Path) -> None:
    say("called Hope, she's unhappy about the “quote” — ünïcode")  # one row, quotes
    paths = core.in_unit(export_all, tmp_path, "json")
    with core.unit() as unit:
        expected = tables(unit)
    assert {p.stem for p in paths} == set(expected)
    assert expected["deals"] == []  # an empty table, a one-row table and longer ones
    assert len(expected["interactions"]) == 1
    for path in paths:
        dumped = json.dumps(expected[path.stem], ensure_ascii=False, indent=2)
        assert path.read_text(encoding="utf-8") == dumped, path.name


def test_interactions_page_through_ties_in_order(
    core: Core, say: Say, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(7):
        say(f"called Hope about item {i}")  # several share one moment: ties on occurred_at
        if i % 3 == 2:
            clock.advance(minutes=5)
    with core.unit() as unit:
        whole = tables(unit)["interactions"]
    monkeypatch.setattr(exports, "BATCH", 2)
    with core.unit() as unit:
        paged = tables(unit)["interactions"]
    assert len(whole) == 7
    assert paged == whole
    assert [r["occurred_at"] for r in paged] == sorted(r["occurred_at"] for r in paged)
    assert {r["customers"] for r in paged} == {"Hope Ferreira"}


def test_an_empty_table_still_has_its_header(core: Core, tmp_path: Path) -> None:
    (path,) = [p for p in core.in_unit(export_all, tmp_path, "csv") if p.name == "deals.csv"]
    with path.open(encoding="utf-8") as f:
        assert next(csv.reader(f)) == ["id", "contact_id", "company", "amount", "stage",
                                       "created_at", "closed_at", "name", "owner", "currency",
                                       "period", "amount_minor", "expected_close",
                                       "stage_changed_at", "lost_reason", "company_id",
                                       "owner_id", "deleted_at"]  # fmt: skip
