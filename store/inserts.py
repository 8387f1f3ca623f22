"""New rows written at once, in one statement each, instead of through the ORM's flush.

A logged message writes a handful of rows. Through the unit of work each costs a flush
(dependency sorting, state bookkeeping, events) several times the cost of its INSERT.
Rows that nothing else in the transaction waits on (interactions and their customer
links, tasks, audit rows, inbound keys) go straight in with a prepared Core INSERT, and
the row object joins the session as if loaded from the database, so the code after it
reads and changes it as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from sqlalchemy import Insert, Table, insert, inspect
from sqlalchemy.orm import Session, make_transient_to_detached
from sqlalchemy.orm.attributes import instance_dict

from store.models import Base, InteractionCustomer

RowT = TypeVar("RowT", bound=Base)


@dataclass(frozen=True)
class _Shape:
    """How one model's rows are inserted: the statement, and each column's default."""

    statement: Insert
    columns: tuple[tuple[str, str, Callable[[], Any] | None], ...]  # attr, column, default
    relationships: frozenset[str]


_SHAPES: dict[type[Base], _Shape] = {}


def _default(column: Any) -> Callable[[], Any] | None:
    default = column.default
    if default is None:
        return None
    if default.is_scalar:
        value = default.arg
        return lambda: value
    if default.is_callable:
        return lambda: default.arg(None)  # SQLAlchemy wraps it to take an execution context
    return None


def _shape(model: type[Base]) -> _Shape:
    shape = _SHAPES.get(model)
    if shape is None:
        mapper = inspect(model)
        table = mapper.local_table
        assert isinstance(table, Table)
        columns = tuple(
            (prop.key, prop.columns[0].key, _default(prop.columns[0]))
            for prop in mapper.column_attrs
            if not prop.columns[0].primary_key
        )
        statement = insert(table).returning(table.c.id)
        relationships = frozenset(mapper.relationships.keys())
        shape = _SHAPES[model] = _Shape(statement, columns, relationships)
    return shape


def insert_row(session: Session, row: RowT) -> RowT:
    """INSERT a new row now (RETURNING its id); it then belongs to `session`, loaded.

    Unset columns take their model defaults, on the row too (every column is set, so
    reading one later costs no query). The row's relationships are not written (give ids,
    not objects); read later, they load from the database.
    """
    shape = _shape(type(row))
    # The row's own state, read and filled in directly: attribute events would only record
    # history that make_transient_to_detached resets.
    state = instance_dict(row)
    given = shape.relationships.intersection(state)
    if given:  # only a flush turns related objects into ids: they would be lost here
        raise ValueError(f"give ids, not related objects: {sorted(given)}")
    values: dict[str, Any] = {}
    for attr, column, default in shape.columns:
        value = state.get(attr)
        if value is None and default is not None:
            value = default()
        state[attr] = values[column] = value
    state["id"] = session.connection().execute(shape.statement, values).scalar_one()
    make_transient_to_detached(row)
    session.add(row)
    return row


_LINKS = insert(cast(Table, InteractionCustomer.__table__))


def insert_links(
    session: Session, interaction_id: int, contact_ids: Sequence[int], company_ids: Iterable[int]
) -> None:
    """Link an interaction to its customers in one statement (executemany), in this order."""
    rows = [{"interaction_id": interaction_id, "contact_id": c, "company_id": None}
            for c in contact_ids]  # fmt: skip
    rows += [{"interaction_id": interaction_id, "contact_id": None, "company_id": c}
             for c in company_ids]  # fmt: skip
    if rows:
        session.connection().execute(_LINKS, rows)
