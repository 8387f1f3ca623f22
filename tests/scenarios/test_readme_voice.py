"""The README's sessions of deals, the pipeline and the customer's voice, run as written.

Those sessions shorten the cards ("…" stands for lines left out), so every line shown must
be in the bot's reply, in order; a note after a line ("(closes #4)") is not typed.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import re
from pathlib import Path

from bot.adapters.console import ConsoleChat
from handlers.core import Core, CoreSettings
from handlers.importer import import_path
from store import Store

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
# The sessions were run on Thu 3 Dec 2026, late morning in New York.
NOW = dt.datetime(2026, 12, 3, 15, 0, tzinfo=dt.UTC)
_NOTE = re.compile(r"\s{2,}\(.*\)$")


def _exchanges(text: str) -> list[tuple[str, list[str]]]:
    """Every chat line of the section's console blocks, with the reply lines shown."""
    section = text.split("## Deals and the customer's voice", 1)[1].split("\n## ", 1)[0]
    out: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", section, re.S):
        for chunk in re.split(r"^(?=> )", block, flags=re.M):
            head, _, body = chunk.partition("\n")
            if head.startswith("> "):
                shown = [ln.rstrip() for ln in body.splitlines() if ln.strip() not in ("", "…")]
                out.append((_NOTE.sub("", head[2:]).strip(), shown))
    return out


def _in_order(shown: list[str], said: list[str]) -> bool:
    rest = iter(said)
    return all(any(line == s for s in rest) for line in shown)


def test_the_readme_sessions_of_deals_and_the_customers_voice_run_as_written(
    tmp_path: Path,
) -> None:
    exchanges = _exchanges(README.read_text(encoding="utf-8"))
    said_lines = [said for said, _ in exchanges]
    for needed in ("pipeline", "survey", "rated us", "complained", "what do customers ask for"):
        assert any(needed in s for s in said_lines), f"no session shows {needed!r}"
    store = Store(f"sqlite:///{tmp_path / 'rapport.db'}")
    core = Core(store, CoreSettings(default_tz="America/New_York"), clock=lambda: NOW)
    assert core.in_unit(import_path, ROOT / "examples" / "team.json", core.clock()).ok
    out = io.StringIO()
    console = ConsoleChat(core=core, user="sam", tz="America/New_York", out=out, clock=lambda: NOW)
    for said, shown in exchanges:
        start = len(out.getvalue())
        asyncio.run(console.say(said))
        reply = [ln.rstrip() for ln in out.getvalue()[start:].splitlines()]
        assert _in_order(shown, reply), f"after {said!r}: {shown} not in {reply}"
    store.dispose()
