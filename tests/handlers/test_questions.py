"""Open questions keep their typed state through the store's JSON column."""

from __future__ import annotations

import datetime as dt

from handlers import questions
from handlers.context import Ctx
from handlers.core import Core
from handlers.questions import Choice, Draft, NameWanted, NewDate, Option, Question
from handlers.types import Message
from store.models import PendingAction
from tests.conftest import NOW, Say

DRAFT = Draft(
    text="called Jane 12/3",
    sent_at=NOW - dt.timedelta(minutes=1),
    key="k7",
    as_is=True,
    picks={"0": "contact:3"},
    decided={"Zed": "skip"},
    fixes={"due": "2026-12-03"},
    extra=("company:2",),
)
ASKED: list[Question] = [
    NewDate(12),
    NameWanted(DRAFT),
    Choice(
        "customer.new",
        DRAFT,
        (
            Option("It's Zed Doe", "decided", "Zed", "contact:9"),
            Option("Add contact", "decided", "Zed", "add", "primary"),
            Option("Cancel", style="danger"),
        ),
    ),
]


def _asked_and_read(core: Core, question: Question) -> Question:
    message = Message(platform="console", user="sam", chat="dm", text="",
                      sent_at=NOW, message_id="probe")  # fmt: skip
    with core.unit() as unit:
        member = unit.members()[0]
        pending_id = questions.ask(Ctx(unit, member, message, core.settings, NOW, core.directories), question,
                                   dt.timedelta(hours=1)).id  # fmt: skip
    with core.unit() as unit:
        row = unit.pending(pending_id)
        assert isinstance(row, PendingAction)
        return questions.read(row)


def test_every_kind_of_question_reads_back_as_asked(core: Core, say: Say) -> None:
    say("help")  # the author becomes a member
    for question in ASKED:
        assert _asked_and_read(core, question) == question


def test_an_answer_fills_the_draft_without_changing_the_question() -> None:
    answered = DRAFT.answered("picks", "1", "new").naming(["contact:4"])
    assert answered.picks == {"0": "contact:3", "1": "new"}
    assert answered.extra == ("company:2", "contact:4")
    assert DRAFT.picks == {"0": "contact:3"}
