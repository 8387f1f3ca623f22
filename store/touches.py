"""Each customer's last touch, kept as interactions are written and undone.

The digest lists customers gone cold; grouping every interaction of the team to find
each customer's latest took seconds on years of history. Instead companies and contacts
carry `last_touch_at`, the time of their latest live interaction. A session hook keeps it,
so every way of logging or undoing (a chat message, a digest button, undo) stays right:

- a new live link raises the customer's last touch if the interaction is later;
- an interaction undone, re-dated or unlinked has its customers' last touch recomputed
  from their remaining live interactions (so undo restores the previous one).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, and_, bindparam, event, func, inspect, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from store.models import Company, Contact, Interaction, InteractionCustomer, UTCDateTime

_PENDING = "rapport.touches"
Customer = type[Contact] | type[Company]
KINDS: tuple[tuple[Customer, Any], ...] = (
    (Contact, InteractionCustomer.contact_id),
    (Company, InteractionCustomer.company_id),
)


class _Changes:
    """What one flush did to customers' last touches."""

    def __init__(self) -> None:
        self.raised: dict[Customer, dict[int, dt.datetime]] = {Contact: {}, Company: {}}
        self.recheck: dict[Customer, set[int]] = {Contact: set(), Company: set()}

    def raise_to(self, link: InteractionCustomer, when: dt.datetime) -> None:
        for model, row_id in ((Contact, link.contact_id), (Company, link.company_id)):
            if row_id is not None:
                seen = self.raised[model].get(row_id)
                self.raised[model][row_id] = when if seen is None else max(seen, when)

    def recompute(self, link: InteractionCustomer) -> None:
        if link.contact_id is not None:
            self.recheck[Contact].add(link.contact_id)
        if link.company_id is not None:
            self.recheck[Company].add(link.company_id)

    def relinked(self, link: InteractionCustomer) -> None:
        """A link moved to another customer: both the old and the new one change."""
        self.recompute(link)
        for model, name in ((Contact, "contact_id"), (Company, "company_id")):
            for old in inspect(link).attrs[name].history.deleted or ():
                if old is not None:
                    self.recheck[model].add(int(old))

    def __bool__(self) -> bool:
        return any(self.raised.values()) or any(self.recheck.values())


def _changed(obj: Any, *names: str) -> bool:
    attrs = inspect(obj).attrs
    return any(attrs[name].history.has_changes() for name in names)


def _collect(session: Session, _context: Any) -> None:
    """after_flush: note which customers' last touch the flush changed (history is intact)."""
    changes = _Changes()
    for obj in session.new:
        if isinstance(obj, InteractionCustomer):
            interaction = obj.interaction
            if interaction is None:
                changes.recompute(obj)  # linked by id alone: read its time back
            elif interaction.deleted_at is None:
                changes.raise_to(obj, interaction.occurred_at)
    for obj in session.dirty:
        if isinstance(obj, Interaction) and _changed(obj, "deleted_at", "occurred_at"):
            for link in obj.links:
                changes.recompute(link)
        elif isinstance(obj, InteractionCustomer) and _changed(obj, "contact_id", "company_id"):
            changes.relinked(obj)
    for obj in session.deleted:
        if isinstance(obj, InteractionCustomer):
            changes.recompute(obj)
        elif isinstance(obj, Interaction):
            for link in obj.links:
                changes.recompute(link)
    if changes:
        session.info.setdefault(_PENDING, []).append(changes)


def _apply(session: Session, _context: Any) -> None:
    """after_flush_postexec: write what the flush changed, and expire stale copies."""
    for changes in session.info.pop(_PENDING, []):
        for model, link_column in KINDS:
            raised = changes.raised[model]
            if raised:
                _raise(session, model, raised)
            ids = changes.recheck[model]
            if ids:
                _recompute(session, model, link_column, ids)
            for row_id in set(raised) | ids:
                row = session.identity_map.get(identity_key(model, row_id))
                if row is not None:
                    session.expire(row, ["last_touch_at"])


def _raise_statement(model: Customer) -> Any:
    when = bindparam("when", type_=UTCDateTime())
    return (
        update(model)
        .where(
            model.id == bindparam("row_id"),
            or_(model.last_touch_at.is_(None), model.last_touch_at < when),
        )
        .values(last_touch_at=when)
    )


# Built once: every logged message raises its customers' last touch.
_RAISE = {model: _raise_statement(model) for model, _ in KINDS}


def _raise(session: Session, model: Customer, raised: dict[int, dt.datetime]) -> None:
    session.connection().execute(
        _RAISE[model], [{"row_id": row_id, "when": at} for row_id, at in sorted(raised.items())]
    )


def raise_last_touches(
    session: Session, contact_ids: Iterable[int], company_ids: Iterable[int], when: dt.datetime
) -> None:
    """Raise these customers' last touch to `when`, as the flush hook would.

    For a live interaction linked to them outside a flush (see store/inserts.py).
    """
    for model, ids in ((Contact, contact_ids), (Company, company_ids)):
        raised = dict.fromkeys(ids, when)
        if raised:
            _raise(session, model, raised)
            for row_id in raised:
                row = session.identity_map.get(identity_key(model, row_id))
                if row is not None:
                    session.expire(row, ["last_touch_at"])


def _latest(model: Customer, link_column: Any) -> Any:
    """The time of a customer's latest live interaction (correlated to `model`)."""
    return (
        select(func.max(Interaction.occurred_at))
        .join(InteractionCustomer, InteractionCustomer.interaction_id == Interaction.id)
        .where(and_(link_column == model.id, Interaction.deleted_at.is_(None)))
        .scalar_subquery()
    )


def _recompute(session: Session, model: Customer, link_column: Any, ids: set[int]) -> None:
    connection = session.connection()
    # Lock the rows first (PostgreSQL; SQLite has one writer): the UPDATE then reads the
    # interactions as of after any concurrent log of these customers has committed.
    connection.execute(
        select(model.id).where(model.id.in_(sorted(ids))).order_by(model.id).with_for_update()
    )
    latest = _latest(model, link_column)
    connection.execute(update(model).where(model.id.in_(sorted(ids))).values(last_touch_at=latest))


def keep_last_touches(sessions: Any) -> None:
    """Keep customers' last touch in every session `sessions` (a sessionmaker) makes."""
    event.listen(sessions, "after_flush", _collect)
    event.listen(sessions, "after_flush_postexec", _apply)


def fill_last_touches(connection: Connection) -> None:
    """Recompute every customer's last touch from the stored interactions (bulk loads)."""
    for model, link_column in KINDS:
        connection.execute(update(model).values(last_touch_at=_latest(model, link_column)))
