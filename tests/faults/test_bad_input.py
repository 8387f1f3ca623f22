"""Every handler and button against random text and forged values: no crash, no change to
data the sender may not touch; hostile text is stored verbatim or refused clearly."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.adapters.console import render as console_render
from bot.adapters.slack.render import render as slack_render
from bot.adapters.telegram.render import render as telegram_render
from handlers.core import FAILED, Core, CoreSettings
from handlers.exporter import tables
from handlers.importer import import_path
from handlers.router import ACTIONS, COMMANDS
from handlers.types import Action, Message, Reply
from store import Store
from tests.conftest import DIRECTORY, NOW

HOSTILE = [
    "'; DROP TABLE tasks; --", "<script>alert(1)</script>", "<!channel> <@U123> &amp;",
    "\x00\x01\x02 called Hope", "🧑‍🚀👩🏽‍🔧🎉" * 50, "Robert'); DROP TABLE contacts;--",
    "{{7*7}} ${7*7} %s %n", "\u202eevil\u202c", "called Ζωή Παπαδοπούλου at Ωμέγα",
    "a" * 40_000, "called Hope " + "x" * 39_000, "\n\n\n", "   ", "/", "#", "done #-1",
    "snooze 99999999999 to the heat death of the universe", "give 1 to " + "z" * 5000,
]  # fmt: skip

counter = itertools.count()


def make_core(tmp: Path) -> tuple[Core, Core]:
    store = Store(f"sqlite:///{tmp / 'fuzz.db'}")
    ours = Core(store, CoreSettings(default_tz="America/New_York"), clock=lambda: NOW)
    theirs = Core(store, CoreSettings(team_slug="other-team", default_tz="UTC"), clock=lambda: NOW)
    ours.in_unit(import_path, DIRECTORY, ours.clock())
    theirs.in_unit(import_path, DIRECTORY, theirs.clock())
    for core, user in ((ours, "sam"), (theirs, "eve")):
        for text in ("called Hope, she wants a quote friday", "remind me to call Olu monday"):
            core.handle(msg(text, user))
    return ours, theirs


@pytest.fixture(scope="module")
def two_teams(tmp_path_factory: pytest.TempPathFactory) -> tuple[Core, Core]:
    """Two teams in one database, each with a logged call and a task."""
    return make_core(tmp_path_factory.mktemp("fuzz"))


def msg(
    text: str, user: str = "sam", action: Action | None = None, platform: str = "console"
) -> Message:
    return Message(platform=platform, user=user, chat="dm", text=text, sent_at=NOW,  # type: ignore[arg-type]
                   message_id=f"fz{next(counter)}", action=action)  # fmt: skip


def snapshot(core: Core) -> dict[str, list[dict[str, object]]]:
    with core.store.unit(core.settings.team_slug) as unit:
        return tables(unit)


def renders(reply: Reply) -> None:
    console_render(reply)
    out = slack_render(reply)
    assert len(out["blocks"]) <= 50
    assert len(out["text"]) <= 40_000
    for chunk in telegram_render(reply).chunks:
        assert len(chunk) <= 4096


def test_hostile_text_is_stored_verbatim_or_refused_and_renders(tmp_path: Path) -> None:
    ours, _ = make_core(tmp_path)
    for text in HOSTILE:
        replies = ours.handle(msg(text))
        assert replies, text[:40]
        for reply in replies:
            assert reply.text != FAILED, text[:40]
            renders(reply)
    summaries = [r["summary"] for r in snapshot(ours)["interactions"]]
    assert "called Hope " + "x" * 39_000 in summaries  # long but under the limit: verbatim
    assert not any(s.startswith("a" * 100) for s in summaries)  # 40,000 chars of nothing: refused


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    name=st.sampled_from([*sorted(ACTIONS), "pending.answer", "nope", "", "task.done.evil"]),
    value=st.one_of(
        st.text(max_size=80),
        st.integers(-5, 10**12).map(str),
        st.tuples(st.integers(0, 50), st.sampled_from(["1d", "1w", "2w", "0", "3", "x"])).map(
            lambda t: f"{t[0]}:{t[1]}"
        ),
        st.sampled_from(["contact:1", "company:1", "contact:999999", "company:1:1", "1:0", "2:1"]),
    ),
    user=st.sampled_from(["sam", "mallory"]),
)
def test_forged_buttons_never_crash_or_touch_another_team(
    two_teams: tuple[Core, Core], name: str, value: str, user: str
) -> None:
    ours, theirs = two_teams
    before = snapshot(theirs)
    for reply in ours.handle(msg("", user=user, action=Action(name, value))):
        assert reply.text != FAILED, (name, value)
        renders(reply)
    assert snapshot(theirs) == before


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    command=st.sampled_from(sorted(COMMANDS)),
    rest=st.text(max_size=60),
)
def test_every_command_with_random_arguments(
    tmp_path_factory: object, command: str, rest: str
) -> None:
    global _cmd_cores
    if "_cmd_cores" not in globals():
        _cmd_cores = make_core(Path(tmp_path_factory.mktemp("cmd")))  # type: ignore[attr-defined]
    ours, theirs = _cmd_cores
    before = snapshot(theirs)
    for reply in ours.handle(msg(f"{command} {rest}", user="mallory")):
        assert reply.text != FAILED, (command, rest)
        renders(reply)
    assert snapshot(theirs) == before


def test_another_teams_task_numbers_are_not_ours(tmp_path: Path) -> None:
    ours, theirs = make_core(tmp_path)
    ours.handle(msg("done 1"))
    ours.handle(msg("snooze 2 to friday"))
    assert snapshot(ours)["tasks"][1]["due_date"] == dt.date(2026, 11, 20).isoformat()
    theirs_tasks = snapshot(theirs)["tasks"]
    assert [t["status"] for t in theirs_tasks] == ["open", "open"]
    assert theirs_tasks[1]["due_date"] == dt.date(2026, 11, 23).isoformat()
