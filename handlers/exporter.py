"""Export: every member, company, contact, interaction, task and deal, as CSV or JSON files.

Rows are streamed from the store to the files, so years of history export in constant
memory. Names are there for people to read; ids are there so `rapport import DIR` can
restore every link exactly (see handlers/restore.py).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal

from store import Unit, exports

Rows = Iterator[list[Any]]  # values in the order of the table's columns


def _iso(value: Any) -> Any:
    return None if value is None else value.isoformat()


def _members(unit: Unit) -> Rows:
    for m in exports.members(unit):
        yield [m.id, m.name, m.role, m.tz, _iso(m.workday_start), m.quiet_hours, m.workdays,
               m.active, m.created_at]  # fmt: skip


def _identities(unit: Unit) -> Rows:
    for i in exports.identities(unit):
        yield [i.id, i.member_id, i.platform, i.user_key, i.reachable]


def _companies(unit: Unit) -> Rows:
    for c in exports.companies(unit):
        yield [c.id, c.name, "; ".join(c.aliases or []), c.owner, c.created_at, c.owner_id,
               c.deleted_at, _iso(c.quiet_until), c.last_touch_at]  # fmt: skip


def _contacts(unit: Unit) -> Rows:
    for p in exports.contacts(unit):
        yield [p.id, p.name, p.company, p.email, p.phone, "; ".join(p.aliases or []), p.owner,
               p.created_at, p.company_id, p.owner_id, p.deleted_at,
               _iso(p.quiet_until), p.last_touch_at]  # fmt: skip


def _interactions(unit: Unit) -> Rows:
    for row, customers in exports.interactions(unit):
        iid, kind, at, summary, sentiment, amount, author, source, deleted, *more = row
        author_id, created, message_key = more
        yield [iid, kind, at, "; ".join(name for name, _ in customers), summary, sentiment,
               amount, author, source, deleted, author_id, " ".join(k for _, k in customers),
               created, message_key]  # fmt: skip


def _tasks(unit: Unit) -> Rows:
    for t in exports.tasks(unit):
        yield [t.number, t.title, _iso(t.due_date), _iso(t.due_time), t.status, t.owner,
               t.contact, t.company, t.interaction_id, t.created_at, t.id, t.owner_id,
               t.contact_id, t.company_id, t.nudge_at, t.nudge_count,
               t.message_key]  # fmt: skip


def _deals(unit: Unit) -> Rows:
    for d in exports.deals(unit):
        yield [d.id, d.contact_id, d.company, d.amount, d.stage, d.created_at,
               d.closed_at, d.company_id]  # fmt: skip


def _digest_subscriptions(unit: Unit) -> Rows:
    for d in exports.digest_subscriptions(unit):
        yield [d.id, d.platform, d.chat, _iso(d.local_time), d.tz, d.active, d.created_by,
               d.next_run_at, _iso(d.last_sent_on), d.reachable]  # fmt: skip


def _allowed_chats(unit: Unit) -> Rows:
    for c in exports.allowed_chats(unit):
        yield [c.id, c.platform, c.chat, c.allowed_by, c.at]


#: Each table and its columns (a header even when the table is empty), in the order a
#: restore reads them: every row after the rows it points to.
TABLES: dict[str, tuple[Callable[[Unit], Rows], list[str]]] = {
    "members": (_members, ["id", "name", "role", "tz", "workday_start", "quiet_hours",
                           "workdays", "active", "created_at"]),
    "identities": (_identities, ["id", "member_id", "platform", "user_key", "reachable"]),
    "companies": (_companies, ["id", "name", "aliases", "owner", "created_at", "owner_id",
                               "deleted_at", "quiet_until", "last_touch_at"]),
    "contacts": (_contacts, ["id", "name", "company", "email", "phone", "aliases", "owner",
                             "created_at", "company_id", "owner_id", "deleted_at",
                             "quiet_until", "last_touch_at"]),
    "interactions": (_interactions, ["id", "type", "occurred_at", "customers", "summary",
                                     "sentiment", "amount", "author", "source", "deleted_at",
                                     "author_id", "customer_ids", "created_at",
                                     "message_key"]),
    "tasks": (_tasks, ["number", "title", "due_date", "due_time", "status", "owner", "contact",
                       "company", "interaction_id", "created_at", "id", "owner_id",
                       "contact_id", "company_id", "nudge_at", "nudge_count", "message_key"]),
    "deals": (_deals, ["id", "contact_id", "company", "amount", "stage", "created_at",
                       "closed_at", "company_id"]),
    "digest_subscriptions": (_digest_subscriptions, ["id", "platform", "chat", "local_time",
                                                     "tz", "active", "created_by",
                                                     "next_run_at", "last_sent_on",
                                                     "reachable"]),
    "allowed_chats": (_allowed_chats, ["id", "platform", "chat", "allowed_by", "at"]),
}  # fmt: skip


def _dicts(rows: Rows, columns: list[str]) -> Iterator[dict[str, Any]]:
    return (dict(zip(columns, row, strict=True)) for row in rows)


def tables(unit: Unit) -> dict[str, list[dict[str, Any]]]:
    """Every exported table as plain rows, in memory (for small teams and tests)."""
    return {name: list(_dicts(rows(unit), columns)) for name, (rows, columns) in TABLES.items()}


def _write_csv(path: Path, rows: Rows, columns: list[str]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)  # lists, not dicts: DictWriter checks every row's keys
        writer.writerow(columns)
        writer.writerows(rows)


def _write_json(path: Path, rows: Iterator[dict[str, Any]]) -> None:
    """The same text as json.dumps(list(rows), indent=2), written a row at a time."""
    with path.open("w", encoding="utf-8") as f:
        first = True
        for row in rows:
            item = json.dumps(row, ensure_ascii=False, indent=2).replace("\n", "\n  ")
            f.write(("[\n  " if first else ",\n  ") + item)
            first = False
        f.write("[]" if first else "\n]")


def export_all(unit: Unit, directory: Path, fmt: Literal["csv", "json"]) -> list[Path]:
    """Write one file per table into `directory` (created if missing)."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, (rows, columns) in TABLES.items():
        path = directory / f"{name}.{fmt}"
        if fmt == "json":
            _write_json(path, _dicts(rows(unit), columns))
        else:
            _write_csv(path, rows(unit), columns)
        paths.append(path)
    return paths
