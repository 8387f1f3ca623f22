"""Rows written at once (store/inserts.py): one statement each, and then as if loaded."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import event, select

from store import Conflict, Store
from store.models import Company, Contact, Interaction, InteractionCustomer, Member, Task

T0 = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)


def _setup(store: Store) -> tuple[int, int, int]:
    with store.unit("default") as unit:
        member = Member(team_id=unit.team_id, name="Sam", created_at=T0)
        acme = Company(team_id=unit.team_id, name="Acme", aliases=[], created_at=T0)
        unit.add(member)
        unit.add(acme)
        unit.flush()
        jane = Contact(team_id=unit.team_id, name="Jane", aliases=[], company_id=acme.id,
                       created_at=T0)  # fmt: skip
        unit.add(jane)
        unit.flush()
        return member.id, acme.id, jane.id


def _interaction(team_id: int, author: int, when: dt.datetime) -> Interaction:
    return Interaction(team_id=team_id, kind="call", summary="called Jane", occurred_at=when,
                       author_id=author, source_platform="console", message_key=f"m{when}",
                       created_at=when)  # fmt: skip


class Statements:
    """The SQL statements an engine runs while counting."""

    def __init__(self, store: Store) -> None:
        self.seen: list[str] = []
        event.listen(store.engine, "before_cursor_execute", self._note)

    def _note(self, _c: Any, _cur: Any, statement: str, *_: Any) -> None:
        self.seen.append(statement.split()[0].upper())


def test_an_interaction_is_written_with_its_links_and_raises_the_last_touch(store: Store) -> None:
    author, acme, jane = _setup(store)
    later = T0 + dt.timedelta(days=3)
    with store.unit("default") as unit:
        first = unit.write_interaction(_interaction(unit.team_id, author, later), [jane], [acme])
    with store.unit("default") as unit:  # an older one leaves the last touch where it is
        unit.write_interaction(_interaction(unit.team_id, author, T0), [jane], [])
    with store.unit("default") as unit:
        links = unit.session.scalars(
            select(InteractionCustomer).where(InteractionCustomer.interaction_id == first.id)
        ).all()
        assert [(link.contact_id, link.company_id) for link in links] == [
            (jane, None),
            (None, acme),
        ]
        contact, company = unit.contact(jane), unit.company(acme)
        assert contact is not None
        assert company is not None
        assert (contact.last_touch_at, company.last_touch_at) == (later, later)


def test_a_row_inserted_at_once_is_loaded_with_its_defaults_and_tracked(store: Store) -> None:
    author, _, jane = _setup(store)
    statements = Statements(store)
    with store.unit("default") as unit:
        task = Task(team_id=unit.team_id, number=7, title="Send the quote", owner_id=author,
                    contact_id=jane, message_key="k1", created_at=T0)  # fmt: skip
        statements.seen.clear()
        unit.insert(task)
        assert statements.seen == ["INSERT"]
        # Every column is known, defaults included: reading them asks nothing more.
        assert (task.id > 0, task.status, task.nudge_count, task.due_date) == (
            True,
            "open",
            0,
            None,
        )
        assert statements.seen == ["INSERT"]
        task.title = "Send the revised quote"  # still tracked: written at commit
    with store.unit("default") as unit:
        stored = unit.task(7)
        assert stored is not None
        assert (stored.title, stored.status, stored.nudge_count) == (
            "Send the revised quote",
            "open",
            0,
        )


def test_customers_are_not_inserted_past_the_directory(store: Store) -> None:
    with store.unit("default") as unit, pytest.raises(ValueError, match="add"):
        unit.insert(Company(team_id=unit.team_id, name="Zephyr", aliases=[], created_at=T0))


def test_a_repeated_inbound_key_is_refused_when_remembered(store: Store) -> None:
    with store.unit("default") as unit:
        unit.remember("slack", "Ev1", [{"text": "hi"}], T0)
    with pytest.raises(Conflict), store.unit("default") as unit:
        unit.remember("slack", "Ev1", [{"text": "again"}], T0)
    with store.unit("default") as unit:
        seen = unit.seen("slack", "Ev1")
        assert seen is not None
        assert seen.replies == [{"text": "hi"}]


def test_related_objects_are_refused_rather_than_lost(store: Store) -> None:
    author, _, _ = _setup(store)
    with store.unit("default") as unit:
        member = unit.member(author)
        task = Task(team_id=unit.team_id, number=8, title="Call back", owner=member,
                    message_key="k2", created_at=T0)  # fmt: skip
        with pytest.raises(ValueError, match="owner"):
            unit.insert(task)
