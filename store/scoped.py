"""What every part of a unit of work shares: one session, one team."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.orm import Session

from store.models import Base

RowT = TypeVar("RowT", bound=Base)


class Scoped:
    """A session scoped to one team: every query a unit runs filters by `team_id`."""

    def __init__(self, session: Session, team_id: int) -> None:
        """Wrap `session` for the team `team_id`."""
        self.session = session
        self._team_id = team_id

    @property
    def team_id(self) -> int:
        """The team every query is scoped to."""
        return self._team_id

    @property
    def on_postgresql(self) -> bool:
        """Whether the database is PostgreSQL (else SQLite)."""
        return self.session.get_bind().dialect.name == "postgresql"

    def _scoped(self, model: type[RowT], row_id: int) -> RowT | None:
        """The row of `model` with this id, if it belongs to this team."""
        row = self.session.get(model, row_id)
        return row if row is not None and getattr(row, "team_id", None) == self.team_id else None
