"""A unique-constraint race is retried; only a second delivery of the same key is silent."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.exc import IntegrityError

from handlers.core import Core
from handlers.types import Message
from tests.conftest import Clock, Say
from tests.handlers.helpers import live_interactions


def message(clock: Clock, key: str, text: str = "called Hope Ferreira about the quote") -> Message:
    return Message(platform="slack", user="U77", chat="C1", text=text,
                   sent_at=clock.now, message_id=key, user_name="Nia New")  # fmt: skip


@contextmanager
def members_insert_fails(core: Core, times: int) -> Iterator[list[str]]:
    """The database refuses the next `times` INSERTs into members as duplicates, as if
    another message of the same new person had committed first.
    """
    raised: list[str] = []

    def refuse(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        if statement.startswith("INSERT INTO members") and len(raised) < times:
            raised.append(statement)
            raise IntegrityError(statement, {}, Exception("UNIQUE constraint failed"))

    event.listen(core.store.engine, "before_cursor_execute", refuse)
    try:
        yield raised
    finally:
        event.remove(core.store.engine, "before_cursor_execute", refuse)


def test_a_race_on_a_new_members_row_is_retried_and_the_log_is_kept(
    core: Core, clock: Clock
) -> None:
    with members_insert_fails(core, times=1) as raised:
        replies, fresh = core.handle_event(message(clock, "slack:C1:1"))
    assert fresh
    assert raised
    assert replies[0].tone == "success", replies[0].text
    assert [i["summary"] for i in live_interactions(core)][-1:] == [
        "called Hope Ferreira about the quote"
    ]


def test_the_same_key_twice_is_answered_once(core: Core, clock: Clock, say: Say) -> None:
    first, fresh = core.handle_event(message(clock, "slack:C1:2"))
    again, fresh_again = core.handle_event(message(clock, "slack:C1:2"))
    assert fresh
    assert not fresh_again
    assert [r.text for r in again] == [r.text for r in first]
    assert len(live_interactions(core)) == 1


def test_a_conflict_that_never_clears_is_a_clear_failure_and_writes_nothing(
    core: Core, clock: Clock
) -> None:
    with members_insert_fails(core, times=1_000) as raised:
        replies, fresh = core.handle_event(message(clock, "slack:C1:3"))
    assert len(raised) == 3  # the first try and two retries
    assert fresh
    assert replies[0].tone == "error"
    assert "nothing was changed" in replies[0].text
    assert live_interactions(core) == []
