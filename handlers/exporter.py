"""Export: every member, company, contact, interaction, task and deal, as CSV or JSON files.

With them the team's settings (deal stages, digests, members' preferences), its
customers' feedback, notices not sent yet and the audit log (what undo reverts). Not
exported, on purpose: one-time invite and link codes (whoever holds one joins the team;
a backup must not be a key), open chat questions (they expire within a day), inbound
message keys and delivery leases (they only matter to the running process).

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

from handlers.money import exponent
from store import Unit, exports

Rows = Iterator[list[Any]]  # values in the order of the table's columns


def _iso(value: Any) -> Any:
    return None if value is None else value.isoformat()


def _major(minor: int | None, currency: str | None) -> int | float | None:
    """An amount in major units for the file: whole numbers stay integers.

    The exact value is `amount_minor` (deals) or this with at most three decimals.
    """
    if minor is None:
        return None
    scale: int = 10 ** exponent(currency or "")
    whole, part = divmod(int(minor), scale)
    return whole if part == 0 else int(minor) / scale


# Rows are unpacked by position: a million attribute lookups by name cost seconds.
def _members(unit: Unit) -> Rows:
    for mid, name, role, tz, workday_start, *rest in exports.members(unit):
        yield [mid, name, role, tz, _iso(workday_start), *rest]


def _identities(unit: Unit) -> Rows:
    return (list(i) for i in exports.identities(unit))


def _companies(unit: Unit) -> Rows:
    for cid, name, aliases, owner, created, owner_id, deleted, quiet, touch in exports.companies(
        unit
    ):
        yield [cid, name, "; ".join(aliases or []), owner, created, owner_id, deleted,
               _iso(quiet), touch]  # fmt: skip


def _contacts(unit: Unit) -> Rows:
    for pid, name, company, email, phone, aliases, *rest in exports.contacts(unit):
        owner, created, company_id, owner_id, deleted, quiet, touch, title = rest
        yield [pid, name, company, email, phone, "; ".join(aliases or []), owner, created,
               company_id, owner_id, deleted, _iso(quiet), touch, title]  # fmt: skip


def _interactions(unit: Unit) -> Rows:
    for row, customers in exports.interactions(unit):
        iid, kind, at, summary, sentiment, minor, currency, period, author, *rest = row
        source, deleted, author_id, created, message_key = rest
        yield [iid, kind, at, "; ".join(name for name, _ in customers), summary, sentiment,
               _major(minor, currency), currency, period, author, source, deleted, author_id,
               " ".join(k for _, k in customers), created, message_key, minor]  # fmt: skip


def _tasks(unit: Unit) -> Rows:
    for number, title, due_date, *rest in exports.tasks(unit):
        yield [number, title, _iso(due_date), *rest]


def _deals(unit: Unit) -> Rows:
    for d in exports.deals(unit):
        yield [d.id, d.contact_id, d.company, _major(d.amount_minor, d.currency), d.stage,
               d.created_at, d.closed_at, d.name, d.owner, d.currency, d.period, d.amount_minor,
               _iso(d.expected_close), d.stage_changed_at, d.lost_reason, d.company_id,
               d.owner_id, d.deleted_at]  # fmt: skip


def _digest_subscriptions(unit: Unit) -> Rows:
    for (
        sid,
        platform,
        chat,
        local_time,
        tz,
        active,
        by,
        next_run,
        last_sent,
        ok,
        name,
    ) in exports.digest_subscriptions(unit):
        yield [sid, platform, chat, _iso(local_time), tz, active, by, next_run, _iso(last_sent),
               ok, name]  # fmt: skip


def _allowed_chats(unit: Unit) -> Rows:
    return (list(c) for c in exports.allowed_chats(unit))


def _json_text(value: Any) -> str | None:
    """A JSON value as one line of text, keys sorted: the same every export."""
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _team(unit: Unit) -> Rows:
    for (stages,) in exports.team(unit):
        yield ["; ".join(stages) if stages else None]


def _feedback(unit: Unit) -> Rows:
    return (list(f) for f in exports.feedback(unit))


def _notices(unit: Unit) -> Rows:
    return (list(n) for n in exports.pending_notices(unit))


def _audit_events(unit: Unit) -> Rows:
    for eid, at, member, action, entity, entity_id, before, after, *rest in exports.audit_events(
        unit
    ):
        yield [eid, at, member, action, entity, entity_id, _json_text(before), _json_text(after),
               *rest]  # fmt: skip


#: Each table and its columns (a header even when the table is empty), in the order a
#: restore reads them: every row after the rows it points to.
TABLES: dict[str, tuple[Callable[[Unit], Rows], list[str]]] = {
    "members": (_members, ["id", "name", "role", "tz", "workday_start", "quiet_hours",
                           "workdays", "active", "created_at", "may_log_for_others",
                           "tz_by_hand", "email"]),
    "identities": (_identities, ["id", "member_id", "platform", "user_key", "reachable"]),
    "companies": (_companies, ["id", "name", "aliases", "owner", "created_at", "owner_id",
                               "deleted_at", "quiet_until", "last_touch_at"]),
    "contacts": (_contacts, ["id", "name", "company", "email", "phone", "aliases", "owner",
                             "created_at", "company_id", "owner_id", "deleted_at",
                             "quiet_until", "last_touch_at", "title"]),
    "interactions": (_interactions, ["id", "type", "occurred_at", "customers", "summary",
                                     "sentiment", "amount", "currency", "amount_period",
                                     "author", "source", "deleted_at", "author_id",
                                     "customer_ids", "created_at", "message_key",
                                     "amount_minor"]),
    "tasks": (_tasks, ["number", "title", "due_date", "due_at", "status", "owner", "contact",
                       "company", "interaction_id", "created_at", "id", "owner_id",
                       "contact_id", "company_id", "nudge_at", "nudge_count", "message_key",
                       "purpose"]),
    "deals": (_deals, ["id", "contact_id", "company", "amount", "stage", "created_at",
                       "closed_at", "name", "owner", "currency", "period", "amount_minor",
                       "expected_close", "stage_changed_at", "lost_reason", "company_id",
                       "owner_id", "deleted_at"]),
    "digest_subscriptions": (_digest_subscriptions, ["id", "platform", "chat", "local_time",
                                                     "tz", "active", "created_by",
                                                     "next_run_at", "last_sent_on",
                                                     "reachable", "chat_name"]),
    "allowed_chats": (_allowed_chats, ["id", "platform", "chat", "allowed_by", "at"]),
    "feedback": (_feedback, ["id", "kind", "score", "text", "customer", "author", "contact_id",
                             "company_id", "author_id", "interaction_id", "at", "deleted_at"]),
    "notices": (_notices, ["id", "member", "member_id", "text", "created_at", "platform",
                           "chat", "kind", "subject"]),
    "audit_events": (_audit_events, ["id", "at", "member", "action", "entity", "entity_id",
                                     "before", "after", "undone", "member_id",
                                     "written_by_id"]),
    "team": (_team, ["deal_stages"]),
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
