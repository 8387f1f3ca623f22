"""A unique-constraint race is retried; only a second delivery of the same key is silent."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from handlers import access
from handlers.core import Core
from handlers.types import Message
from tests.conftest import Clock, Say
from tests.handlers.helpers import live_interactions


def message(clock: Clock, key: str, text: str = "called Hope Ferreira about the quote") -> Message:
    return Message(platform="slack", team="T1", user="U77", chat="C1", text=text,
                   sent_at=clock.now, message_id=key, user_name="Nia New")  # fmt: skip


def test_a_race_on_a_new_members_row_is_retried_and_the_log_is_kept(
    core: Core, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = access.resolve_member
    raised = []

    def racing(*args: object, **kwargs: object) -> object:
        if not raised:  # as if another message of the same new person committed first
            raised.append(True)
            raise IntegrityError("INSERT INTO members", {}, Exception("UNIQUE constraint failed"))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(access, "resolve_member", racing)
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
    core: Core, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    def always(*args: object, **kwargs: object) -> object:
        raise IntegrityError("INSERT", {}, Exception("UNIQUE constraint failed"))

    monkeypatch.setattr(access, "resolve_member", always)
    replies, fresh = core.handle_event(message(clock, "slack:C1:3"))
    assert fresh
    assert replies[0].tone == "error"
    assert "nothing was changed" in replies[0].text
    assert live_interactions(core) == []
