"""Full-text search over interaction notes with the database's own engine.

SQLite: the FTS5 table `interactions_fts` (porter stemming), kept current by triggers.
PostgreSQL: the generated `interactions.search_vector` column (English stemming) and its
GIN index. Both are made by migration 0007; undone notes are left out by `deleted_at`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import ColumnElement, Integer, TextClause, select, text
from sqlalchemy.orm import selectinload

from store.models import Interaction, InteractionCustomer
from store.scoped import Scoped

_WORD = re.compile(r"\w+", re.UNICODE)


def words_of(query: str) -> list[str]:
    """The searchable words of a query (operators and punctuation dropped)."""
    return _WORD.findall(query)[:12]


class NoteSearch(Scoped):
    """Searching notes."""

    def search_notes(self, query: str, limit: int, offset: int = 0) -> Sequence[Interaction]:
        """Live interactions whose notes hold every word of `query`, newest first."""
        words = words_of(query)
        if not words:
            return []
        if self.on_postgresql:
            matches = text("interactions.search_vector @@ plainto_tsquery('english', :q)")
            where: ColumnElement[bool] | TextClause = matches.bindparams(q=" ".join(words))
        else:
            # Each word quoted: FTS5 syntax in what people type is never an operator.
            phrase = " ".join('"' + w.replace('"', '""') + '"' for w in words)
            hits = (
                text("SELECT rowid FROM interactions_fts WHERE interactions_fts MATCH :q")
                .bindparams(q=phrase)
                .columns(rowid=Integer)
            )
            where = Interaction.id.in_(hits)
        return self.session.scalars(
            select(Interaction)
            .where(Interaction.team_id == self.team_id, Interaction.deleted_at.is_(None), where)
            .order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
            .offset(offset)
            .limit(limit)
            .options(
                selectinload(Interaction.links).selectinload(InteractionCustomer.contact),
                selectinload(Interaction.links).selectinload(InteractionCustomer.company),
                selectinload(Interaction.author),
            )
        ).all()
