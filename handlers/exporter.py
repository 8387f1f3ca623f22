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

Rows = Iterator[dict[str, Any]]


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _members(unit: Unit) -> Rows:
    for m in exports.members(unit):
        yield {"id": m.id, "name": m.name, "role": m.role, "tz": m.tz,
               "workday_start": _iso(m.workday_start), "quiet_hours": m.quiet_hours,
               "workdays": m.workdays, "active": m.active,
               "created_at": _iso(m.created_at)}  # fmt: skip


def _identities(unit: Unit) -> Rows:
    for i in exports.identities(unit):
        yield {"id": i.id, "member_id": i.member_id, "platform": i.platform,
               "user_key": i.user_key, "reachable": i.reachable}  # fmt: skip


def _companies(unit: Unit) -> Rows:
    for c in exports.companies(unit):
        yield {"id": c.id, "name": c.name, "aliases": "; ".join(c.aliases or []),
               "owner": c.owner, "created_at": _iso(c.created_at), "owner_id": c.owner_id,
               "deleted_at": _iso(c.deleted_at),
               "quiet_until": _iso(c.quiet_until)}  # fmt: skip


def _contacts(unit: Unit) -> Rows:
    for p in exports.contacts(unit):
        yield {"id": p.id, "name": p.name, "company": p.company, "email": p.email,
               "phone": p.phone, "aliases": "; ".join(p.aliases or []), "owner": p.owner,
               "created_at": _iso(p.created_at), "company_id": p.company_id,
               "owner_id": p.owner_id, "deleted_at": _iso(p.deleted_at),
               "quiet_until": _iso(p.quiet_until)}  # fmt: skip


def _interactions(unit: Unit) -> Rows:
    for i, customers in exports.interactions(unit):
        yield {"id": i.id, "type": i.kind, "occurred_at": _iso(i.occurred_at),
               "customers": "; ".join(name for name, _ in customers), "summary": i.summary,
               "sentiment": i.sentiment, "amount": i.amount, "author": i.author,
               "source": i.source_platform, "deleted_at": _iso(i.deleted_at),
               "author_id": i.author_id, "customer_ids": " ".join(key for _, key in customers),
               "created_at": _iso(i.created_at), "message_key": i.message_key}  # fmt: skip


def _tasks(unit: Unit) -> Rows:
    for t in exports.tasks(unit):
        yield {"number": t.number, "title": t.title, "due_date": _iso(t.due_date),
               "due_time": _iso(t.due_time), "status": t.status, "owner": t.owner,
               "contact": t.contact, "company": t.company,
               "interaction_id": t.interaction_id, "created_at": _iso(t.created_at),
               "id": t.id, "owner_id": t.owner_id, "contact_id": t.contact_id,
               "company_id": t.company_id, "nudge_at": _iso(t.nudge_at),
               "nudge_count": t.nudge_count, "message_key": t.message_key}  # fmt: skip


def _deals(unit: Unit) -> Rows:
    for d in exports.deals(unit):
        yield {"id": d.id, "contact_id": d.contact_id, "company": d.company,
               "amount": d.amount, "stage": d.stage, "created_at": _iso(d.created_at),
               "closed_at": _iso(d.closed_at), "company_id": d.company_id}  # fmt: skip


def _digest_subscriptions(unit: Unit) -> Rows:
    for d in exports.digest_subscriptions(unit):
        yield {"id": d.id, "platform": d.platform, "chat": d.chat,
               "local_time": _iso(d.local_time), "tz": d.tz, "active": d.active,
               "created_by": d.created_by, "next_run_at": _iso(d.next_run_at),
               "last_sent_on": _iso(d.last_sent_on), "reachable": d.reachable}  # fmt: skip


def _allowed_chats(unit: Unit) -> Rows:
    for c in exports.allowed_chats(unit):
        yield {"id": c.id, "platform": c.platform, "chat": c.chat, "allowed_by": c.allowed_by,
               "at": _iso(c.at)}  # fmt: skip


#: Each table and its columns (a header even when the table is empty), in the order a
#: restore reads them: every row after the rows it points to.
TABLES: dict[str, tuple[Callable[[Unit], Rows], list[str]]] = {
    "members": (_members, ["id", "name", "role", "tz", "workday_start", "quiet_hours",
                           "workdays", "active", "created_at"]),
    "identities": (_identities, ["id", "member_id", "platform", "user_key", "reachable"]),
    "companies": (_companies, ["id", "name", "aliases", "owner", "created_at", "owner_id",
                               "deleted_at", "quiet_until"]),
    "contacts": (_contacts, ["id", "name", "company", "email", "phone", "aliases", "owner",
                             "created_at", "company_id", "owner_id", "deleted_at",
                             "quiet_until"]),
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


def tables(unit: Unit) -> dict[str, list[dict[str, Any]]]:
    """Every exported table as plain rows, in memory (for small teams and tests)."""
    return {name: list(rows(unit)) for name, (rows, _) in TABLES.items()}


def _write_csv(path: Path, rows: Rows, columns: list[str]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


def _write_json(path: Path, rows: Rows) -> None:
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
            _write_json(path, rows(unit))
        else:
            _write_csv(path, rows(unit), columns)
        paths.append(path)
    return paths
