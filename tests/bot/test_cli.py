"""The command line's store operations: import, export, invite, on a real SQLite file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from handlers.core import Core
from handlers.types import Message
from store import Store
from tests.conftest import DIRECTORY, NOW

runner = CliRunner()


@pytest.fixture(autouse=True)
def _local_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("SLACK_BOT_TOKEN", "TELEGRAM_BOT_TOKEN", "RAPPORT_TEAM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")


def test_import_then_export_round_trips_the_directory(tmp_path: Path) -> None:
    imported = runner.invoke(app, ["import", str(DIRECTORY)])
    assert imported.exit_code == 0, imported.output
    assert re.match(r"Imported: \d+ added", imported.output)
    again = runner.invoke(app, ["import", str(DIRECTORY)])
    assert " 0 added" in again.output
    exported = runner.invoke(app, ["export", str(tmp_path / "out"), "--format", "json"])
    assert exported.exit_code == 0, exported.output
    contacts = json.loads((tmp_path / "out" / "contacts.json").read_text(encoding="utf-8"))
    source = json.loads(DIRECTORY.read_text(encoding="utf-8"))
    assert len(contacts) == len(source["people"])


def test_invite_prints_a_code_that_lets_one_person_in(tmp_path: Path) -> None:
    made = runner.invoke(app, ["invite"])
    assert made.exit_code == 0, made.output
    found = re.search(r"Invite code: ([A-Z2-9]{8})", made.output)
    assert found is not None
    store = Store(f"sqlite:///{tmp_path / 'cli.db'}")
    core = Core(store, clock=lambda: NOW)

    def start(user: str) -> str:
        message = Message(platform="telegram", user=user, chat=user,
                          text=f"/start {found[1]}", sent_at=NOW, message_id=f"u{user}")  # fmt: skip
        return core.handle(message)[0].text

    assert start("101").startswith("Welcome")
    assert "isn't valid" in start("102")
    store.dispose()
