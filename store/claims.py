"""Leases on due rows, so that one sender of many sends each nudge or digest."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ColumnElement, or_, select, update
from sqlalchemy.orm import Session

from store.models import DigestSubscription, Notice, Task

Leased = type[Task] | type[DigestSubscription] | type[Notice]


def claim_due(
    session: Session,
    model: Leased,
    due: list[ColumnElement[bool]],
    now: dt.datetime,
    token: str,
    lease: dt.timedelta,
    *,
    order_by: Any = None,
    limit: int | None = None,
) -> list[int]:
    """Atomically lease the rows of `model` that meet `due` and no live lease holds.

    Returns the ids leased to `token` until `now + lease`. PostgreSQL skips rows another
    replica holds (FOR UPDATE SKIP LOCKED); SQLite's single writer makes the conditional
    update atomic. An expired lease can be claimed again.
    """
    free = or_(model.lease_until.is_(None), model.lease_until < now)
    candidates = select(model.id).where(*due, free)
    if order_by is not None:
        candidates = candidates.order_by(order_by)
    if limit is not None:
        candidates = candidates.limit(limit)
    if session.get_bind().dialect.name == "postgresql":
        candidates = candidates.with_for_update(skip_locked=True)
    stmt = (
        update(model)
        .where(model.id.in_(candidates.scalar_subquery()), free)
        .values(lease_owner=token, lease_until=now + lease)
        .returning(model.id)
        .execution_options(synchronize_session=False)
    )
    return list(session.scalars(stmt).all())
