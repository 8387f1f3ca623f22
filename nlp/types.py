"""Values the parser takes and returns: the team directory and the Parse."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

Intent = Literal["log", "task", "lookup", "agenda", "other"]
InteractionKind = Literal["call", "email", "meeting", "visit", "message", "note"]
Sentiment = Literal["positive", "negative"]
DealSignal = Literal["won", "lost"]
CustomerKind = Literal["person", "company"]
Period = Literal["week", "month", "quarter", "year"]


@dataclass(frozen=True)
class DirectoryCompany:
    """A company the team knows; `key` lets the caller map a match back to its row."""

    name: str
    aliases: tuple[str, ...] = ()
    key: str = ""


@dataclass(frozen=True)
class DirectoryPerson:
    """A person the team knows, with the name of their company if any."""

    name: str
    company: str | None = None
    aliases: tuple[str, ...] = ()
    key: str = ""


@dataclass(frozen=True)
class Directory:
    """The team's customers, as the parser sees them."""

    companies: tuple[DirectoryCompany, ...] = ()
    people: tuple[DirectoryPerson, ...] = ()

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Directory:
        """Build from the parse-spec DIRECTORY.json shape."""
        companies = tuple(
            DirectoryCompany(
                name=str(c["name"]),
                aliases=tuple(str(a) for a in c.get("aliases") or ()),
                key=str(c.get("key") or f"company:{c['name']}"),
            )
            for c in data.get("companies") or ()
        )
        people = tuple(
            DirectoryPerson(
                name=str(p["name"]),
                company=p.get("company"),
                aliases=tuple(str(a) for a in p.get("aliases") or ()),
                key=str(p.get("key") or f"person:{p['name']}"),
            )
            for p in data.get("people") or ()
        )
        return cls(companies=companies, people=people)


@dataclass(frozen=True)
class CustomerRef:
    """A directory entry a mention resolved to."""

    name: str
    kind: CustomerKind
    key: str


@dataclass(frozen=True)
class NewCustomer:
    """A capitalised name used as a contact that matches nothing in the directory."""

    name: str
    kind: CustomerKind
    company: str | None = None


@dataclass(frozen=True)
class TaskSpec:
    """A follow-up the message asks for."""

    title: str
    due: dt.date | None = None
    time: dt.time | None = None


@dataclass(frozen=True)
class Parse:
    """What a chat message means.

    `unsure` names what the bot should ask about ("intent", "customer", "date") instead
    of guessing.
    """

    intent: Intent
    customers: tuple[CustomerRef, ...] = ()
    ambiguous: tuple[tuple[CustomerRef, ...], ...] = ()
    new_customers: tuple[NewCustomer, ...] = ()
    interaction: InteractionKind | None = None
    occurred: dt.date | None = None
    task: TaskSpec | None = None
    amount: float | None = None
    currency: str | None = None  # ISO code of the amount's currency ("$" is USD), if written
    amount_period: Period | None = None  # a recurring amount: the number is per this period
    sentiment: Sentiment | None = None
    deal: DealSignal | None = None
    unsure: tuple[str, ...] = field(default=())
    inbound: bool = False  # the customer reached out ("Sue called", "Jane emailed")

    def to_json(self, id_: str | None) -> dict[str, Any]:
        """The `rapport parse` output line for this parse."""
        task = None
        if self.task is not None:
            task = {
                "title": self.task.title,
                "due": self.task.due.isoformat() if self.task.due else None,
                "time": self.task.time.strftime("%H:%M") if self.task.time else None,
            }
        return {
            "id": id_,
            "intent": self.intent,
            "customers": [c.name for c in self.customers],
            "ambiguous": [[c.name for c in group] for group in self.ambiguous],
            "new_customers": [n.name for n in self.new_customers],
            "interaction": self.interaction,
            "occurred": self.occurred.isoformat() if self.occurred else None,
            "task": task,
            "amount": self.amount,
            "sentiment": self.sentiment,
            "deal": self.deal,
        }
