"""Requests about records, read from whole lines: facts, edits, additions, lists, search.

Pure and total like the parser: `read_request(text)` returns one request value, or None
when the line is not one of these (it is then parsed as free text). Names stay as
typed; the caller resolves them against the directory and falls through when they are
not customers ("the meeting moved to Friday" is no change of company).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

Fact = Literal["phone", "email", "owner", "title", "company"]
Scope = Literal["all", "mine", "owner", "company", "recent", "cold"]
TaskOp = Literal["move", "rename", "cancel", "reopen"]


@dataclass(frozen=True)
class FactQuestion:
    """The request “Jane's phone?”: one fact about one customer."""

    who: str
    fact: Fact


@dataclass(frozen=True)
class Edit:
    """The request “Jane's new email is …”: set one fact (`value` "me" for the writer as owner)."""

    who: str
    fact: Fact
    value: str


@dataclass(frozen=True)
class AddCustomer:
    """The request “add Priya Raman at Initrode, priya@initrode.com” / "add company Initrode"."""

    name: str
    kind: Literal["person", "company"]
    company: str | None = None
    details: tuple[str, ...] = ()  # email addresses and phone numbers as typed
    said_contact: bool = False  # "add contact …": a name even in lowercase


@dataclass(frozen=True)
class Merge:
    """The request “merge Sarah into Sarah Kim”: `source` goes, `target` stays."""

    source: str
    target: str


@dataclass(frozen=True)
class Delete:
    """The request “delete contact Sarah”."""

    who: str
    kind: Literal["person", "company"] | None = None


@dataclass(frozen=True)
class ListCustomers:
    """The request “list customers”, "my customers", "Acme contacts", "gone cold"."""

    scope: Scope
    company: str | None = None
    owner: str | None = None  # a teammate's name, for "Ana's customers"


@dataclass(frozen=True)
class Search:
    """The request “search pallets” / "find SSO": words to look for in notes."""

    query: str


@dataclass(frozen=True)
class TaskChange:
    """The request “move 9 to the 18th”, "rename 9 to …", "cancel 9", "reopen 9"."""

    number: int
    op: TaskOp
    value: str = ""


@dataclass(frozen=True)
class LogFor:
    """The request “log for Ana: called Lucia, she wants the BAA”."""

    member: str
    text: str


@dataclass(frozen=True)
class AllowLogging:
    """The request “allow Sam to log for others” (or "stop Sam logging for others")."""

    member: str
    allowed: bool


@dataclass(frozen=True)
class MemberWork:
    """The request “what did Sam do yesterday?”."""

    member: str
    when: str


Request = (
    FactQuestion
    | Edit
    | AddCustomer
    | Merge
    | Delete
    | ListCustomers
    | Search
    | TaskChange
    | LogFor
    | AllowLogging
    | MemberWork
)

_FACTS: dict[str, Fact] = {
    "phone number": "phone",
    "phone": "phone",
    "number": "phone",
    "mobile": "phone",
    "cell": "phone",
    "email address": "email",
    "email": "email",
    "e-mail": "email",
    "mail": "email",
    "owner": "owner",
    "account owner": "owner",
    "title": "title",
    "job title": "title",
    "role": "title",
    "position": "title",
    "company": "company",
    "employer": "company",
}
_FACT = "(?P<fact>" + "|".join(sorted(map(re.escape, _FACTS), key=len, reverse=True)) + ")"
#: A name as typed: a few words, no sentence punctuation.
_WHO = r"(?P<who>[^,;:!?]{1,60}?)"
_POSS = r"(?:'s?|s')"
_N = r"#?(?P<n>\d{1,9})"


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(r"^\s*" + pattern + r"\s*[.!?]*\s*$", re.I)


_QUESTIONS = (
    _rx(rf"(?:what(?:'s| is) )?{_WHO}{_POSS} {_FACT}"),
    _rx(rf"(?:what(?:'s| is) )?(?:the )?{_FACT} (?:for|of) {_WHO}"),
    _rx(rf"who (?:owns|has) {_WHO}"),
    _rx(rf"who is {_WHO}{_POSS} owner"),
)
_EDITS = (
    _rx(rf"{_WHO}{_POSS} (?:new )?{_FACT} is (?:now )?(?P<value>.+?)"),
    _rx(rf"(?:change|update|set) {_WHO}{_POSS} {_FACT} to (?P<value>.+?)"),
    _rx(rf"(?:change|update|set) (?:the )?{_FACT} (?:for|of) {_WHO} to (?P<value>.+?)"),
)
_MOVED = _rx(rf"{_WHO} (?:has )?(?:moved|switched|went) to (?P<value>[^,;]+?)")
_MAKE_OWNER = _rx(r"make (?P<value>me|[^,]+?) (?:the )?owner of " + _WHO)
_GIVE = _rx(r"(?:give|hand) (?!#?\d)(?P<who>[^,]+?) (?:to|over to) (?P<value>[^,]+?)")
_ADD_COMPANY = _rx(r"add (?:a )?(?:new )?company (?P<name>[^,]+?)")
_ADD_PERSON = _rx(
    r"add (?:a )?(?:new )?(?P<said>contact |person )?(?P<name>[^,@:;]+?)"
    r"(?: (?:at|from|of) (?P<company>[^,@]+?))?(?P<rest>(?:,[^,]+)*)"
)
_MERGE = _rx(r"merge (?P<source>[^,]+?) (?:into|with) (?P<target>[^,]+?)")
_DELETE = _rx(r"(?:delete|remove) (?:the )?(?P<kind>contact |company |customer )?" + _WHO)
_LISTS: tuple[tuple[re.Pattern[str], Scope], ...] = (
    (_rx(r"(?:list|show)(?: all| me)?(?: the| our)? (?:customers|contacts|clients|people)"), "all"),
    (_rx(r"(?:list |show )?(?:my|mine) (?:customers|contacts|clients|accounts)"), "mine"),
    (
        _rx(
            r"(?:list |show )?(?:gone cold|cold(?: customers| contacts)?|who(?:'s| is| has) gone cold)"
        ),
        "cold",
    ),
    (_rx(r"(?:list |show )?(?:recent|recently touched)(?: customers| contacts)?"), "recent"),
)
_OWNER_LIST = _rx(rf"(?:list |show )?{_WHO}{_POSS} (?:customers|clients|accounts)")
_COMPANY_LIST = _rx(r"(?:list |show )?(?:people at |contacts at )(?P<company>[^,]+?)")
_COMPANY_CONTACTS = _rx(rf"(?:list |show )?(?P<company>[^,]+?){_POSS}? (?:contacts|people)")
_SEARCH = _rx(r"(?:search(?: for| notes for)?|find|look for) (?P<q>.+?)")
_TASKS: tuple[tuple[re.Pattern[str], TaskOp], ...] = (
    (
        _rx(rf"(?:move|reschedule|push|postpone) {_N} (?:to|till|until|for)? ?(?P<value>.+?)"),
        "move",
    ),
    (_rx(rf"rename {_N} (?:to|as) (?P<value>.+?)"), "rename"),
    (_rx(rf"(?:cancel|drop|scrap) (?:task )?{_N}"), "cancel"),
    (_rx(rf"(?:reopen|re-open|undo done) (?:task )?{_N}"), "reopen"),
)
_LOG_FOR = _rx(r"log for (?P<member>[^:]{1,60}?)\s*:\s*(?P<text>.+)")
_ALLOW = _rx(r"allow (?P<member>.+?) to log for (?:others|the team|teammates)")
_DISALLOW = _rx(r"(?:stop|disallow) (?P<member>.+?) (?:from )?logging for (?:others|the team)")
_WORK = _rx(r"what did (?P<member>.+?) (?:do|log) (?P<when>yesterday|today|this week|last week)")
_EMAIL = re.compile(r"[^@\s,]+@[^@\s,]+\.[^@\s,]+")
_LISTS_WORDS = frozenset({"my", "list", "show", "all", "the", "our", "recent", "cold"})


def _clean(name: str) -> str:
    return name.strip().strip("\"'“”‘’").strip()


def _fact_question(text: str) -> Request | None:
    for index, rx in enumerate(_QUESTIONS):
        m = rx.match(text)
        if m:
            fact = _FACTS[m.group("fact").lower()] if index < 2 else "owner"
            return FactQuestion(_clean(m.group("who")), fact)
    return None


def _edit(text: str) -> Request | None:
    for rx in _EDITS:
        m = rx.match(text)
        if m:
            return Edit(_clean(m.group("who")), _FACTS[m.group("fact").lower()], m["value"].strip())
    m = _MOVED.match(text)
    if m:
        return Edit(_clean(m.group("who")), "company", _clean(m.group("value")))
    for rx in (_MAKE_OWNER, _GIVE):
        m = rx.match(text)
        if m:
            return Edit(_clean(m.group("who")), "owner", _clean(m.group("value")))
    return None


def _add(text: str) -> Request | None:
    m = _ADD_COMPANY.match(text)
    if m:
        return AddCustomer(_clean(m.group("name")), "company")
    m = _ADD_PERSON.match(text)
    if m is None:
        return None
    details = tuple(d.strip() for d in (m.group("rest") or "").split(",") if d.strip())
    company = m.group("company")
    return AddCustomer(
        _clean(m.group("name")),
        "person",
        company and _clean(company),
        details,
        said_contact=m.group("said") is not None,
    )


def _merge_or_delete(text: str) -> Request | None:
    m = _MERGE.match(text)
    if m:
        return Merge(_clean(m.group("source")), _clean(m.group("target")))
    m = _DELETE.match(text)
    if m:
        kind = (m.group("kind") or "").strip().lower()
        kinds: dict[str, Literal["person", "company"]] = {"contact": "person", "company": "company"}
        return Delete(_clean(m.group("who")), kinds.get(kind))
    return None


def _list(text: str) -> Request | None:
    for rx, scope in _LISTS:
        if rx.match(text):
            return ListCustomers(scope)
    m = _OWNER_LIST.match(text)
    if m:
        return ListCustomers("owner", owner=_clean(m.group("who")))
    for rx in (_COMPANY_LIST, _COMPANY_CONTACTS):
        m = rx.match(text)
        if m and _clean(m.group("company")).lower() not in _LISTS_WORDS:
            return ListCustomers("company", _clean(m.group("company")))
    return None


def _search(text: str) -> Request | None:
    m = _SEARCH.match(text)
    return Search(m.group("q").strip()) if m else None


def _task(text: str) -> Request | None:
    for rx, op in _TASKS:
        m = rx.match(text)
        if m:
            value = m.groupdict().get("value") or ""
            return TaskChange(int(m.group("n")), op, value.strip())
    return None


def _team(text: str) -> Request | None:
    m = _LOG_FOR.match(text)
    if m:
        return LogFor(_clean(m.group("member")), m.group("text").strip())
    for rx, allowed in ((_ALLOW, True), (_DISALLOW, False)):
        m = rx.match(text)
        if m:
            return AllowLogging(_clean(m.group("member")), allowed)
    m = _WORK.match(text)
    if m:
        return MemberWork(_clean(m.group("member")), m.group("when").lower())
    return None


#: Tried in this order: the first reader that recognises the line wins.
_READERS: tuple[Callable[[str], Request | None], ...] = (
    _team,
    _task,
    _merge_or_delete,
    _list,
    _fact_question,
    _edit,
    _add,
    _search,
)


def read_request(text: str) -> Request | None:
    """The records request a whole line makes, or None (then it is free text)."""
    line = text.replace("’", "'").replace("‘", "'").strip().lstrip("/")
    if not line or len(line) > 500 or "\n" in line:
        return None
    for reader in _READERS:
        found = reader(line)
        if found is not None:
            return found
    return None


def emails_in(text: str) -> list[str]:
    """Email addresses written in `text`."""
    return _EMAIL.findall(text)
