"""The per-message path stays short: a budget of statements, and no flush of new rows."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from handlers.core import Core
from store.models import AuditEvent
from tests.conftest import Say
from tests.handlers.helpers import live_interactions, rows


class Watch:
    """The statements an engine runs, and the new rows each ORM flush writes."""

    def __init__(self) -> None:
        self.statements: list[str] = []
        self.flushed: list[str] = []

    def statement(self, _c: Any, _cur: Any, statement: str, *_: Any) -> None:
        self.statements.append(" ".join(statement.split()[:3]))

    def flush(self, session: Session, *_: Any) -> None:
        self.flushed += [type(row).__name__ for row in session.new]


@pytest.fixture
def watch(core: Core, say: Say) -> Iterator[Watch]:
    say("who is Hope Ferreira?")  # the member, the directory and its matcher, once
    seen = Watch()
    event.listen(core.store.engine, "before_cursor_execute", seen.statement)
    event.listen(Session, "before_flush", seen.flush)
    yield seen
    event.remove(Session, "before_flush", seen.flush)
    event.remove(core.store.engine, "before_cursor_execute", seen.statement)


def test_a_logged_message_is_written_in_its_statement_budget_without_a_flush(
    core: Core, say: Say, watch: Watch
) -> None:
    (card,) = say("called Hope Ferreira, she wants a quote Friday")
    assert "Logged call" in card.text
    # Key check, member, open question, directory stamp, customers; the interaction, its
    # link, the last touch; task number, task; deal stages; audit row; the key. On
    # PostgreSQL the task number is taken in a transaction of its own, which first sets
    # how long it may wait (one statement more).
    budget = 14 if core.store.engine.dialect.name == "postgresql" else 13
    assert len(watch.statements) <= budget, watch.statements
    assert watch.flushed == []  # each row went in as one INSERT, not through a flush
    (interaction,) = live_interactions(core)
    assert "Hope Ferreira" in interaction["customers"]
    assert [t["contact"] for t in rows(core, "tasks")] == ["Hope Ferreira"]
    with core.unit() as unit:
        audit = unit.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert audit is not None
        assert (audit.action, audit.entity_id) == ("log", interaction["id"])


def test_a_lookup_reads_in_its_statement_budget(say: Say, watch: Watch) -> None:
    (card,) = say("who is Hope Ferreira?")
    assert (card.title or "").startswith("Hope Ferreira")
    # Key check, member, open question, directory stamp, the contact; its interactions,
    # tasks, deals, feedback; the key.
    assert len(watch.statements) <= 10, watch.statements
    assert watch.flushed == []
