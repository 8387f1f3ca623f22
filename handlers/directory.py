"""The team directory as the parser sees it, and back from parser keys to rows."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from handlers.ids import as_id
from nlp import Directory, DirectoryCompany, DirectoryPerson, extend
from nlp.normalize import fold_key
from store import Unit
from store.models import Company, Contact
from store.unit import DirectoryStamp

#: Rows committed out of id order (concurrent writers) are still found if this close.
ADDED_WINDOW = 1000


@dataclass(frozen=True)
class _Cached:
    stamp: DirectoryStamp
    directory: Directory
    keys: frozenset[str]  # every key in `directory`
    company_names: dict[int, str]


_CACHE: dict[tuple[str, int], _Cached] = {}  # (database, team) -> the latest read
_LOCK = threading.Lock()


def load_directory(unit: Unit) -> Directory:
    """The team's directory, read again only when it changed: just the new rows after
    additions, all of it after renames or removals.

    One Directory object per version, so the parser's compiled patterns are reused (and,
    after additions, extended rather than rebuilt).
    """
    stamp = unit.directory_stamp()
    key = (unit.database_key, unit.team_id)
    with _LOCK:
        hit = _CACHE.get(key)
    if hit is not None and hit.stamp == stamp:
        return hit.directory
    if hit is not None and hit.stamp.version == stamp.version:
        cached = _grow(unit, hit, stamp)
    else:
        cached = _read(unit, stamp)
    if not unit.directory_changed:
        # A unit that changed the directory sees its own rows before they are committed;
        # they may yet be rolled back, so what it read is not kept for others.
        with _LOCK:
            _CACHE[key] = cached
    return cached.directory


def _read(unit: Unit, stamp: DirectoryStamp) -> _Cached:
    """Every live company and contact, keyed `company:ID` / `contact:ID` (read as plain
    columns: a team of 100,000 contacts would take seconds as ORM objects).
    """
    companies, people = unit.directory_rows()
    names = {cid: name for cid, name, _ in companies}
    directory = Directory(
        companies=tuple(_company(row) for row in companies),
        people=tuple(_person(row, names) for row in people),
    )
    keys = frozenset(c.key for c in directory.companies) | {p.key for p in directory.people}
    return _Cached(stamp, directory, keys, names)


def _company(row: tuple[int, str, list[str]]) -> DirectoryCompany:
    cid, name, aliases = row
    return DirectoryCompany(name, tuple(aliases or ()), f"company:{cid}")


def _person(row: tuple[int, str, int | None, list[str]], names: dict[int, str]) -> DirectoryPerson:
    pid, name, company_id, aliases = row
    company = names.get(company_id) if company_id else None
    return DirectoryPerson(name, company, tuple(aliases or ()), f"contact:{pid}")


def _grow(unit: Unit, hit: _Cached, stamp: DirectoryStamp) -> _Cached:
    """`hit` plus the rows added since it was read (ids above its highest, less a window for
    rows that committed late), without reading the rest again.
    """
    companies, people = unit.directory_rows(
        since_company=max(0, hit.stamp.top_company - ADDED_WINDOW),
        since_contact=max(0, hit.stamp.top_contact - ADDED_WINDOW),
    )
    names = dict(hit.company_names)
    names.update((cid, name) for cid, name, _ in companies)
    added_companies = tuple(
        c for c in (_company(row) for row in companies) if c.key not in hit.keys
    )
    added_people = tuple(
        p for p in (_person(row, names) for row in people) if p.key not in hit.keys
    )
    directory = extend(hit.directory, added_companies, added_people)
    _extend_names(hit.directory, directory, added_companies, added_people)
    keys = hit.keys | {c.key for c in added_companies} | {p.key for p in added_people}
    return _Cached(stamp, directory, keys, names)


_FOLDED: OrderedDict[int, tuple[Directory, dict[str, _Names]]] = OrderedDict()
_FOLDED_MAX = 4


@dataclass(frozen=True)
class _Names:
    names: list[str]
    folded: list[str]
    keys: list[str]


def _names(directory: Directory, kind: str) -> _Names:
    """Folded names of one kind, built once per directory object (looked up by identity)."""
    with _LOCK:
        hit = _FOLDED.get(id(directory))
        if hit is not None and hit[0] is directory and kind in hit[1]:
            _FOLDED.move_to_end(id(directory))
            return hit[1][kind]
    entries = directory.people if kind == "person" else directory.companies
    names = _Names(
        [e.name for e in entries], [fold_key(e.name) for e in entries], [e.key for e in entries]
    )
    with _LOCK:
        hit = _FOLDED.get(id(directory))
        kinds = hit[1] if hit is not None and hit[0] is directory else {}
        kinds[kind] = names
        _keep_folded(directory, kinds)
    return names


def _keep_folded(directory: Directory, kinds: dict[str, _Names]) -> None:
    """Remember a directory's folded names (the oldest beyond _FOLDED_MAX are dropped);
    call with _LOCK held.
    """
    _FOLDED[id(directory)] = (directory, kinds)
    while len(_FOLDED) > _FOLDED_MAX:
        _FOLDED.popitem(last=False)


def _extend_names(
    old: Directory,
    new: Directory,
    companies: tuple[DirectoryCompany, ...],
    people: tuple[DirectoryPerson, ...],
) -> None:
    """Carry the folded names of `old` over to `new`, which adds these entries."""
    with _LOCK:
        hit = _FOLDED.get(id(old))
        if hit is None or hit[0] is not old:
            return
        kinds: dict[str, _Names] = {}
        for kind, names in hit[1].items():
            added = people if kind == "person" else companies
            kinds[kind] = _Names(
                names.names + [e.name for e in added],
                names.folded + [fold_key(e.name) for e in added],
                names.keys + [e.key for e in added],
            )
        _keep_folded(new, kinds)


def close_names(
    directory: Directory, name: str, kind: str, limit: int, cutoff: float
) -> list[tuple[str, str]]:
    """Up to `limit` (name, key) of people or companies whose names resemble `name`
    (rapidfuzz WRatio >= cutoff), best first: plain strings, no rows loaded.
    """
    names = _names(directory, kind)
    found = process.extract(
        fold_key(name), names.folded, scorer=fuzz.WRatio, limit=limit, score_cutoff=cutoff
    )
    return [(names.names[i], names.keys[i]) for _, _, i in found]


@dataclass(frozen=True)
class Customers:
    """Rows a message concerns."""

    contacts: tuple[Contact, ...] = ()
    companies: tuple[Company, ...] = ()

    @property
    def empty(self) -> bool:
        """Whether nobody is concerned."""
        return not self.contacts and not self.companies

    def names(self) -> str:
        """'Jane Doe (Acme Corp), Globex'."""
        parts = []
        shown = set()
        for p in self.contacts:
            company = p.company.name if p.company else None
            if company:
                shown.add(company)
            parts.append(f"{p.name} ({company})" if company else p.name)
        parts += [c.name for c in self.companies if c.name not in shown]
        return ", ".join(parts)

    def first_name(self) -> str | None:
        """The first person's or company's name, for titles."""
        if self.contacts:
            return self.contacts[0].name
        return self.companies[0].name if self.companies else None


def rows_for(unit: Unit, keys: list[str]) -> Customers:
    """Turn `contact:ID` / `company:ID` keys into this team's rows (unknown keys dropped)."""
    wanted: list[tuple[str, int]] = []
    for key in keys:
        kind, _, raw = key.partition(":")
        number = as_id(raw)
        if number is not None and kind in ("contact", "company"):
            wanted.append((kind, number))
    # One query per kind, however many keys (a "which one?" may list several).
    people = unit.contacts_by_ids([n for k, n in wanted if k == "contact"])
    firms = unit.companies_by_ids([n for k, n in wanted if k == "company"])
    contacts: list[Contact] = []
    companies: list[Company] = []
    for kind, number in wanted:
        if kind == "contact":
            row = people.get(number)
            if row is not None and row.deleted_at is None and row not in contacts:
                contacts.append(row)
        else:
            crow = firms.get(number)
            if crow is not None and crow.deleted_at is None and crow not in companies:
                companies.append(crow)
    return Customers(tuple(contacts), tuple(companies))
