"""The README's two-minute tour, run as written: every reply it shows is what the bot says."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bot.adapters.console import ConsoleChat
from handlers.core import Core, CoreSettings
from handlers.importer import import_path
from store import Store

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
# "This is a real session (Sunday evening in New York)": Sun 22 Nov 2026, 18:30 there.
NOW = dt.datetime(2026, 11, 22, 23, 30, tzinfo=dt.UTC)


@dataclass
class Tour:
    """The tour's console block: shell commands, then chat lines each with its reply."""

    commands: list[tuple[str, str]] = field(default_factory=list)  # (command, its output)
    exchanges: list[tuple[str, str]] = field(default_factory=list)  # (what was said, reply)


def read_tour(text: str) -> Tour:
    """The first ```console block after the "Two-minute tour" heading."""
    section = text.split("## Two-minute tour", 1)[1]
    block = re.search(r"```console\n(.*?)```", section, re.S)
    assert block, "no console block in the tour"
    tour = Tour()
    for chunk in re.split(r"^(?=[$>] )", block.group(1), flags=re.M):
        head, _, body = chunk.partition("\n")
        if head.startswith("$ "):
            tour.commands.append((head[2:], body.strip()))
        elif head.startswith("> "):
            tour.exchanges.append((head[2:], body.strip()))
    return tour


def _clean(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def test_the_readme_tour_runs_as_written(tmp_path: Path) -> None:
    tour = read_tour(README.read_text(encoding="utf-8"))
    assert len(tour.commands) == 2, tour.commands
    assert tour.exchanges, "the tour says nothing to the bot"

    (imported, import_said), (chat, _) = tour.commands
    import_args = shlex.split(imported)
    assert import_args[:2] == [".venv/bin/rapport", "import"]
    sample = ROOT / import_args[2]
    assert sample.is_file(), f"the tour imports {import_args[2]}, which the repository lacks"
    store = Store(f"sqlite:///{tmp_path / 'rapport.db'}")
    core = Core(store, CoreSettings(default_tz="America/New_York"), clock=lambda: NOW)
    assert core.in_unit(import_path, sample, core.clock()).summary() == import_said

    chat_args = shlex.split(chat)
    assert chat_args[:2] == [".venv/bin/rapport", "chat"]
    options = dict(zip(chat_args[2::2], chat_args[3::2], strict=True))
    out = io.StringIO()
    console = ConsoleChat(
        core=core, user=options["--user"], tz=options["--tz"], out=out, clock=lambda: NOW
    )
    for said, shown in tour.exchanges:
        start = len(out.getvalue())
        asyncio.run(console.say(said))
        assert _clean(out.getvalue()[start:]) == _clean(shown), f"after {said!r}"


@pytest.mark.parametrize("path", ["examples/team.json"])
def test_the_sample_team_ships_with_the_repository(path: str) -> None:
    assert (ROOT / path).is_file()
