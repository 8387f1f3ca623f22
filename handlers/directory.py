"""The team directory as the parser sees it, one cache per Core, and back from keys to rows.

`DirectoryCache` keeps, per team, the directory last read, its stamp and the parser's
compiled matcher. A message asks it for the team's `TeamDirectory`: unchanged, it is
handed back; after additions only the new rows are read and the matcher is extended; after
renames or removals everything is read and compiled again. With an `IndexFolder`, a
compiled matcher is also kept on disk, and a process that starts reads it from there.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from handlers.ids import as_id
from handlers.index_cache import IndexFolder
from nlp import Directory, DirectoryCompany, DirectoryPerson, Matcher, compile
from nlp.index import COMPANY, PERSON
from nlp.normalize import fold_key
from store import Unit
from store.models import Company, Contact
from store.unit import DirectoryStamp

#: Rows committed out of id order (concurrent writers) are still found if this close. One
#: message adds a contact or two and commits within a second, so ids taken meanwhile by
#: others are a few; an import changes the directory's version and is read whole.
ADDED_WINDOW = 64


@dataclass(frozen=True)
class FoldedNames:
    """One kind of entry's names, folded for fuzzy comparison, with their keys."""

    names: list[str]
    folded: list[str]
    keys: list[str]

    @classmethod
    def of(cls, entries: tuple[DirectoryCompany, ...] | tuple[DirectoryPerson, ...]) -> FoldedNames:
        """Fold the names of `entries`."""
        return cls([e.name for e in entries], [fold_key(e.name) for e in entries],
                   [e.key for e in entries])  # fmt: skip

    def plus(
        self, entries: tuple[DirectoryCompany, ...] | tuple[DirectoryPerson, ...]
    ) -> FoldedNames:
        """These names and those of `entries`."""
        more = FoldedNames.of(entries)
        return FoldedNames(
            self.names + more.names, self.folded + more.folded, self.keys + more.keys
        )


@dataclass
class TeamDirectory:
    """One version of a team's directory: the rows' stamp and its matcher."""

    stamp: DirectoryStamp
    matcher: Matcher
    _folded: dict[str, FoldedNames] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def directory(self) -> Directory:
        """The directory the matcher was compiled from (made afresh: for tests and tools)."""
        return self.matcher.directory

    def folded(self, kind: str) -> FoldedNames:
        """Folded names of people ("person") or companies, built once per version."""
        with self._lock:
            names = self._folded.get(kind)
            if names is None:
                entries = self.matcher.entries
                wanted = PERSON if kind == "person" else COMPANY
                rows = [i for i, k in enumerate(entries.kinds) if k == wanted]
                names = FoldedNames(
                    [entries.names[i] for i in rows],
                    [fold_key(entries.names[i]) for i in rows],
                    [entries.keys[i] for i in rows],
                )
                self._folded[kind] = names
            return names


class DirectoryCache:
    """The latest TeamDirectory of each team of one Store (a Core owns one)."""

    def __init__(self, folder: IndexFolder | None = None) -> None:
        """An empty cache: each team's directory is read on its first message.

        With `folder`, compiled directories are kept there and read back on a restart.
        """
        self._teams: dict[int, TeamDirectory] = {}
        self._lock = threading.Lock()
        self._folder = folder

    def load(self, unit: Unit) -> TeamDirectory:
        """The team's directory, read again only when it changed.

        After additions just the new rows are read and the matcher extended; after renames
        or removals all of it is read and compiled again.
        """
        stamp = unit.directory_stamp()
        with self._lock:
            hit = self._teams.get(unit.team_id)
        if hit is not None and hit.stamp == stamp:
            return hit
        if hit is None and self._folder is not None:
            kept = self._folder.read(unit.team_id, stamp.version)
            # Counters and ids only grow: a file ahead of the database is from another one
            # (recreated or copied back), whatever its version says.
            if kept is not None and all(a <= b for a, b in zip(kept[1], stamp, strict=True)):
                hit = TeamDirectory(kept[1], kept[0])
        if hit is not None and hit.stamp == stamp:
            team = hit
        elif hit is not None and hit.stamp.version == stamp.version:
            team = _grow(unit, hit, stamp)
        else:
            team = _read(unit, stamp)
            if self._folder is not None and not unit.directory_changed:
                self._folder.write(unit.team_id, stamp, team.matcher)
        if not unit.directory_changed:
            # A unit that changed the directory sees its own rows before they are committed;
            # they may yet be rolled back, so what it read is not kept for others.
            with self._lock:
                self._teams[unit.team_id] = team
        return team

    def warm(self, unit: Unit) -> None:
        """Load the team's directory and build its spelling index ahead of the first message."""
        self.load(unit).matcher.prepared()

    def forget(self) -> None:
        """Drop every team's entry (the next message reads its directory afresh)."""
        with self._lock:
            self._teams.clear()


def _read(unit: Unit, stamp: DirectoryStamp) -> TeamDirectory:
    """Every live company and contact, keyed `company:ID` / `contact:ID`.

    Read as plain columns: a team of 100,000 contacts would take seconds as ORM objects.
    """
    companies, people = unit.directory_rows()
    names = {cid: name for cid, name, _ in companies}
    directory = Directory(
        companies=tuple(_company(row) for row in companies),
        people=tuple(_person(row, names) for row in people),
    )
    return TeamDirectory(stamp, compile(directory))


def _company(row: tuple[int, str, list[str]]) -> DirectoryCompany:
    cid, name, aliases = row
    return DirectoryCompany(name, tuple(aliases or ()), f"company:{cid}")


def _person(row: tuple[int, str, int | None, list[str]], names: dict[int, str]) -> DirectoryPerson:
    pid, name, company_id, aliases = row
    company = names.get(company_id) if company_id else None
    return DirectoryPerson(name, company, tuple(aliases or ()), f"contact:{pid}")


def _grow(unit: Unit, hit: TeamDirectory, stamp: DirectoryStamp) -> TeamDirectory:
    """`hit` plus the rows added since it was read, without reading the rest again.

    Added rows are those with ids above its highest, less a window for rows that
    committed late.
    """
    companies, people = unit.directory_rows(
        since_company=max(0, hit.stamp.top_company - ADDED_WINDOW),
        since_contact=max(0, hit.stamp.top_contact - ADDED_WINDOW),
    )
    matcher = hit.matcher
    # Rows above the old top are new; those in the window below it usually are not.
    added_companies = tuple(
        _company(row)
        for row in companies
        if row[0] > hit.stamp.top_company or not matcher.has(f"company:{row[0]}", row[1])
    )
    new_people = [
        row
        for row in people
        if row[0] > hit.stamp.top_contact or not matcher.has(f"contact:{row[0]}", row[1])
    ]
    # Only the companies the new people work for: not a map of every company.
    names = {cid: name for cid, name, _ in companies}
    names.update(unit.company_names({row[2] for row in new_people if row[2]} - names.keys()))
    added_people = tuple(_person(row, names) for row in new_people)
    team = TeamDirectory(stamp, hit.matcher.extended(added_companies, added_people))
    with hit._lock:
        for kind, folded in hit._folded.items():
            team._folded[kind] = folded.plus(added_people if kind == "person" else added_companies)
    return team


def close_names(
    team: TeamDirectory, name: str, kind: str, limit: int, cutoff: float
) -> list[tuple[str, str]]:
    """Up to `limit` (name, key) of people or companies whose names resemble `name`.

    Best first, by rapidfuzz WRatio at least `cutoff`: plain strings, no rows loaded.
    """
    names = team.folded(kind)
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
