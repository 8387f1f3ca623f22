"""The conversation state: a question the bot asked and waits on, as typed values.

A question lives in a `PendingAction` row until answered or expired; its JSON column is
written and read only here (`ask`, `read`), in the layout rows already hold.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal, cast

from handlers.context import Ctx
from store.models import PendingAction

#: Which of a draft's answers an option fills in.
Into = Literal["picks", "decided", "fixes"]
ChoiceKind = Literal["customer.pick", "customer.new", "task.date_reading", "log.reading"]
Style = Literal["primary", "danger", "default"]
_INTO: tuple[Into, ...] = ("picks", "decided", "fixes")


@dataclass(frozen=True)
class Draft:
    """A log or task message held back while the bot asks about it.

    `picks` maps an ambiguous name's index to the customer key chosen (or "new", "skip");
    `decided` maps a new name to "add", "skip" or an existing key; `fixes` holds the
    date reading chosen ("due": ISO date or "none") and whether a contact happened or
    is planned ("intent": "log" or "task"); `extra` are customers named in answers;
    `for_member` is the teammate a "log for Ana: …" is written for (the question is the
    writer's, the log is Ana's).
    """

    text: str
    sent_at: dt.datetime
    key: str
    as_is: bool = False
    picks: Mapping[str, str] = field(default_factory=dict)
    decided: Mapping[str, str] = field(default_factory=dict)
    fixes: Mapping[str, str] = field(default_factory=dict)
    extra: tuple[str, ...] = ()
    for_member: int | None = None

    def answered(self, into: Into, slot: str, value: str) -> Draft:
        """The draft with one more answer."""
        if into == "picks":
            return replace(self, picks={**self.picks, slot: value})
        if into == "decided":
            return replace(self, decided={**self.decided, slot: value})
        return replace(self, fixes={**self.fixes, slot: value})

    def naming(self, keys: list[str]) -> Draft:
        """The draft with more customers it is about."""
        return replace(self, extra=(*self.extra, *keys))


@dataclass(frozen=True)
class Option:
    """One button of a choice; `into` None means Cancel."""

    label: str
    into: Into | None = None
    slot: str = ""
    value: str = ""
    style: Style = "default"


@dataclass(frozen=True)
class Choice:
    """Which customer, add a new one, or which date: pick one of the options."""

    kind: ChoiceKind
    draft: Draft
    options: tuple[Option, ...]


@dataclass(frozen=True)
class NameWanted:
    """Who is this about? The next line names the customer of a draft."""

    draft: Draft


@dataclass(frozen=True)
class NewDate:
    """New date for #N? The next line is the task's new date."""

    number: int


Question = Choice | NameWanted | NewDate


def ask(ctx: Ctx, question: Question, ttl: dt.timedelta) -> PendingAction:
    """Keep the question open for the author in this chat (flushed, so it has an id).

    On a log written for a teammate the question is the writer's: they are the one
    reading it and typing the answer in this chat.
    """
    kind, state = _to_json(question)
    asker = ctx.writer or ctx.member
    pending = PendingAction(
        team_id=ctx.unit.team_id,
        member_id=asker.id,
        chat=ctx.message.chat,
        kind=kind,
        state=state,
        status="open",
        created_at=ctx.now,
        expires_at=ctx.now + ttl,
    )
    ctx.unit.add(pending)
    ctx.unit.flush()
    return pending


def read(pending: PendingAction) -> Question:
    """The question a row holds."""
    state = pending.state
    if pending.kind == "task.date":
        return NewDate(int(state["number"]))
    draft = _draft(state)
    if pending.kind == "customer.name":
        return NameWanted(draft)
    options = tuple(_option(o) for o in state.get("options", []))
    return Choice(cast(ChoiceKind, pending.kind), draft, options)


def _to_json(question: Question) -> tuple[str, dict[str, Any]]:
    if isinstance(question, NewDate):
        return "task.date", {"number": question.number}
    if isinstance(question, NameWanted):
        return "customer.name", {**_draft_json(question.draft), "options": []}
    options = [_option_json(o) for o in question.options]
    return question.kind, {**_draft_json(question.draft), "options": options}


def _draft_json(draft: Draft) -> dict[str, Any]:
    data: dict[str, Any] = {
        "text": draft.text,
        "sent_at": draft.sent_at.isoformat(),
        "key": draft.key,
        "picks": dict(draft.picks),
        "decided": dict(draft.decided),
    }
    if draft.fixes:
        data["fixes"] = dict(draft.fixes)
    if draft.extra:
        data["extra"] = list(draft.extra)
    if draft.as_is:
        data["as_is"] = True
    if draft.for_member is not None:
        data["for_member"] = draft.for_member
    return data


def _draft(state: Mapping[str, Any]) -> Draft:
    return Draft(
        text=str(state["text"]),
        sent_at=dt.datetime.fromisoformat(state["sent_at"]),
        key=str(state["key"]),
        as_is=bool(state.get("as_is", False)),
        picks=dict(state.get("picks", {})),
        decided=dict(state.get("decided", {})),
        fixes=dict(state.get("fixes", {})),
        extra=tuple(state.get("extra", ())),
        for_member=int(state["for_member"]) if state.get("for_member") is not None else None,
    )


def _option_json(option: Option) -> dict[str, Any]:
    if option.into is None:
        return {"label": option.label, "cancel": True, "style": option.style}
    data: dict[str, Any] = {
        "label": option.label,
        "set": option.into,
        "slot": option.slot,
        "value": option.value,
    }
    if option.style != "default":
        data["style"] = option.style
    return data


def _option(data: Mapping[str, Any]) -> Option:
    style = cast(Style, data.get("style", "default"))
    into = data.get("set")
    if data.get("cancel") or into not in _INTO:
        return Option(str(data["label"]), style=style)
    return Option(
        str(data["label"]), cast(Into, into), str(data["slot"]), str(data["value"]), style
    )
