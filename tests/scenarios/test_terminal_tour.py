"""Whole conversations through the terminal chat, on a real SQLite store, with a fixed clock."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
from pathlib import Path

import pytest

from bot.adapters.console import ConsoleChat
from handlers.core import Core, CoreSettings
from handlers.exporter import export_all
from handlers.importer import import_path
from store import Store
from tests.conftest import DIRECTORY

# Wed 18 Nov 2026, 08:47 in New York.
NOW = dt.datetime(2026, 11, 18, 13, 47, tzinfo=dt.UTC)


@pytest.fixture
def core(tmp_path: Path) -> Core:
    store = Store(f"sqlite:///{tmp_path / 'rapport.db'}")
    core = Core(store, CoreSettings(default_tz="America/New_York"), clock=lambda: NOW)
    report = core.in_unit(import_path, DIRECTORY, core.clock())
    assert report.ok
    return core


def converse(core: Core, *lines: str) -> list[str]:
    """Say each line as Sam in New York; return what the console printed for each."""
    out = io.StringIO()
    chat = ConsoleChat(core=core, user="sam", tz="America/New_York", out=out, clock=lambda: NOW)
    printed = []
    for line in lines:
        start = len(out.getvalue())
        asyncio.run(chat.say(line))
        printed.append(out.getvalue()[start:])
    return printed


def test_log_then_lookup_shows_the_interaction_and_the_open_task(core: Core) -> None:
    logged, looked_up = converse(
        core,
        "called Hope at brightwater, she wants the revised quote by friday",
        "who is Hope?",
    )
    assert "Hope Ferreira" in logged
    assert "Brightwater Foods" in logged
    assert "20 Nov" in logged  # the absolute due date, Friday in New York
    assert "Undo" in logged
    assert "Hope Ferreira" in looked_up
    assert "call" in looked_up.lower()
    assert "20 Nov" in looked_up  # the open task with its date


def test_the_same_message_key_twice_writes_one_interaction(core: Core, tmp_path: Path) -> None:
    from bot.adapters.console import to_message

    msg = to_message(
        "visited Pinecrest, install done",
        user="sam",
        tz="America/New_York",
        sent_at=NOW,
        message_id="console:fixed:1",
    )
    first = core.handle(msg)
    again = core.handle(msg)
    assert [r.text for r in first] == [r.text for r in again]
    out = tmp_path / "export"
    paths = core.in_unit(export_all, out, "json")
    text = "".join(p.read_text(encoding="utf-8") for p in paths if "interaction" in p.name)
    assert text.count("visited Pinecrest, install done") == 1
