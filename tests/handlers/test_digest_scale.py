"""A big team's digest stays one readable card: long tails are counted, not listed."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from handlers import chart
from handlers import digest_body as digest
from handlers.core import Core
from store.models import Interaction, Member, Task
from tests.conftest import Clock, Say

PEOPLE = 14


def crowd(core: Core, clock: Clock) -> None:
    """14 members, each with two overdue tasks, one due today and a call logged yesterday."""
    now = clock.now
    with core.unit() as unit:
        for n in range(PEOPLE):
            member = Member(team_id=unit.team_id, name=f"Rep {n:02d}", created_at=now)
            unit.session.add(member)
            unit.session.flush()
            for days in (3, 2, 0):
                unit.session.add(Task(
                    team_id=unit.team_id, number=unit.next_task_number(), title=f"Quote {n}-{days}",
                    due_date=(now - dt.timedelta(days=days)).date(), owner_id=member.id,
                    status="open", message_key=f"crowd:{n}:{days}", created_at=now, nudge_count=0,
                ))  # fmt: skip
            for k in range(n + 1):  # Rep 13 logged the most
                unit.session.add(Interaction(
                    team_id=unit.team_id, kind="call", summary="called", author_id=member.id,
                    occurred_at=now - dt.timedelta(days=1), source_platform="console",
                    message_key=f"crowd:i:{n}:{k}", created_at=now,
                ))  # fmt: skip


def test_owners_beyond_the_first_ten_are_one_counted_line(
    core: Core, clock: Clock, say: Say
) -> None:
    crowd(core, clock)
    (card,) = say("digest now")
    assert f"Overdue ({PEOPLE * 2}):" in card.text
    assert f"Due today ({PEOPLE}):" in card.text
    overdue = card.text.split("Overdue")[1].split("Yesterday")[0]
    listed = [line for line in overdue.splitlines() if line.startswith("• Rep")]
    assert len(listed) == digest.OWNERS_SHOWN
    assert f"• …and {PEOPLE - digest.OWNERS_SHOWN} more people (8 tasks)" in overdue
    assert "by Rep 13 14, Rep 12 13" in card.text  # busiest first
    assert f", {PEOPLE - digest.PEOPLE_SHOWN} others " in card.text


def test_the_chart_draws_the_busiest_and_groups_the_rest(core: Core, clock: Clock) -> None:
    crowd(core, clock)
    with core.unit() as unit:
        series, _, ages = chart.figures(unit, clock.now, ZoneInfo("UTC"))
    assert len(series) == chart.PEOPLE_SHOWN + 1
    assert f"{PEOPLE - chart.PEOPLE_SHOWN} others" in series
    assert sum(sum(v) for v in series.values()) == sum(range(1, PEOPLE + 1))
    assert ages["0–7 days"] == PEOPLE * 3
