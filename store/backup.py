"""Restoring a backup: rows written back with the ids they were exported with.

Keeping ids is what makes a restore exact (every link points where it did, and exporting
again gives the same files) and repeatable (a row whose id is already this team's is the
same row: updated if it differs, else left alone). Rows go in by batches of plain
dictionaries, not ORM objects, so a million interactions restore in minutes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select, text, update
from sqlalchemy.exc import IntegrityError

from store.models import (
    AllowedChat,
    AuditEvent,
    Base,
    Company,
    Contact,
    Deal,
    DigestSubscription,
    Feedback,
    Identity,
    Interaction,
    InteractionCustomer,
    Member,
    Notice,
    Task,
    Team,
)
from store.touches import fill_last_touches
from store.unit import Unit

#: What a backup holds, in the order rows must go in (each after the rows it points to).
MODELS: dict[str, type[Base]] = {
    "members": Member,
    "identities": Identity,
    "companies": Company,
    "contacts": Contact,
    "interactions": Interaction,
    "tasks": Task,
    "deals": Deal,
    "digest_subscriptions": DigestSubscription,
    "allowed_chats": AllowedChat,
    "feedback": Feedback,
    "notices": Notice,
    "audit_events": AuditEvent,
}


#: What tells a row of the backup from another row that happens to have its id: when it
#: differs, restoring would overwrite someone else's row.
SAME_ROW = {"identities": "user_key", "digest_subscriptions": "chat", "allowed_chats": "chat",
            "feedback": "at", "audit_events": "at"}  # fmt: skip


class Refused(ValueError):
    """The backup cannot go into this database (ids of another team, a broken link)."""


@dataclass
class Counts:
    """Rows of one batch: added, updated, left as they were."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0


@contextmanager
def all_or_nothing(unit: Unit) -> Iterator[None]:
    """A savepoint: if the block raises, none of its writes stay (the unit goes on)."""
    with unit.session.begin_nested():
        yield


def restore_rows(unit: Unit, table: str, rows: Sequence[dict[str, Any]]) -> tuple[Counts, set[int]]:
    """Write `rows` (model attributes, each with its "id") into `table`.

    Returns the counts and the ids that were added.

    Raises:
        Refused: an id belongs to another team, or a row breaks a constraint.
    """
    model: Any = MODELS[table]
    counts = Counts()
    if not rows:
        return counts, set()
    keys = [k for k in rows[0] if k != "id"]
    same = keys.index(SAME_ROW.get(table, "created_at")) + 2
    existing = {
        r[0]: r
        for r in unit.session.execute(
            select(model.id, model.team_id, *(getattr(model, k) for k in keys)).where(
                model.id.in_([row["id"] for row in rows])
            )
        )
    }
    new: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    for row in rows:
        found = existing.get(row["id"])
        if found is None:
            new.append({**row, "team_id": unit.team_id})
        elif found[1] != unit.team_id or found[same] != row[keys[same - 2]]:
            raise Refused(
                f"{table} id {row['id']} is another row in this database; "
                "restore into an empty database"
            )
        elif any(found[i + 2] != row[k] for i, k in enumerate(keys)):
            changed.append(row)
        else:
            counts.unchanged += 1
    try:
        if new:
            unit.session.execute(insert(model), new)
        if changed:
            unit.session.execute(update(model), changed)
    except IntegrityError as exc:
        raise Refused(f"{table}: {exc.orig}") from exc
    counts.added, counts.updated = len(new), len(changed)
    return counts, {row["id"] for row in new}


def restore_team(unit: Unit, deal_stages: list[str] | None) -> Counts:
    """The team's own settings (its deal stages), as the backup has them."""
    found = unit.session.get(Team, unit.team_id)
    assert found is not None  # a unit's team exists
    if found.deal_stages == deal_stages:
        return Counts(unchanged=1)
    found.deal_stages = deal_stages
    unit.team_row_written = True
    return Counts(updated=1)


def restore_links(unit: Unit, links: Sequence[tuple[int, int | None, int | None]]) -> None:
    """Link interactions to their customers: (interaction id, contact id, company id).

    In the order given, which is the order they were named in.
    """
    if not links:
        return
    rows = [{"interaction_id": i, "contact_id": p, "company_id": c} for i, p, c in links]
    try:
        unit.session.execute(insert(InteractionCustomer), rows)
    except IntegrityError as exc:
        raise Refused(f"interaction customers: {exc.orig}") from exc


def column_default(table: str, attr: str) -> tuple[bool, Any]:
    """What a new row of `table` holds in `attr` when nothing sets it.

    (True, value), or (False, None) when every row must say (a name, an id). A column
    added after an export was written restores as this.
    """
    column = MODELS[table].__table__.c[attr]
    default = column.default
    if default is not None and default.is_scalar:
        return True, default.arg
    if column.nullable and default is None and column.server_default is None:
        return True, None
    return False, None


def recompute_last_touches(unit: Unit) -> None:
    """Every customer's last touch read again off the stored interactions."""
    unit.session.flush()
    fill_last_touches(unit.session.connection())


def finish(unit: Unit) -> None:
    """After a restore: task numbers and id sequences go on after the restored rows.

    Cached directories are told to read afresh.
    """
    top = unit.session.scalar(select(func.max(Task.number)).where(Task.team_id == unit.team_id))
    if top is not None:
        unit.team_row_written = True
        unit.session.execute(
            update(Team)
            .where(Team.id == unit.team_id, Team.next_task_number <= top)
            .values(next_task_number=top + 1)
        )
    if unit.on_postgresql:  # SQLite picks max(id) + 1 by itself; sequences do not
        names = [*MODELS, InteractionCustomer.__tablename__]
        for name in names:
            unit.session.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                    f"(SELECT coalesce(max(id), 0) + 1 FROM {name}), false)"
                )
            )
    unit.touch_directory()
    unit.note_directory_addition()
