"""Full-text search over interaction notes with the database's own engine.

SQLite: the FTS5 table `interactions_fts` (porter stemming), kept current by triggers.
PostgreSQL: the generated `interactions.search_vector` column (English stemming) and its
GIN index. Both are made by migration 0009; undone notes are left out by `deleted_at`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import select, text
from sqlalchemy.orm import selectinload

from store.models import Interaction, InteractionCustomer
from store.scoped import Scoped

_WORD = re.compile(r"\w+", re.UNICODE)
#: CROSS JOIN makes SQLite read the few rows FTS matches first; left to choose, it walks
#: every interaction newest first and probes the index for each (seconds, not ms).
_SQLITE_HITS = text(
    "SELECT i.id FROM interactions_fts CROSS JOIN interactions AS i ON i.id = interactions_fts.rowid"
    " WHERE interactions_fts MATCH :q AND i.team_id = :team AND i.deleted_at IS NULL"
    " ORDER BY i.occurred_at DESC, i.id DESC LIMIT :limit OFFSET :offset"
)
_POSTGRES_MATCH = text("interactions.search_vector @@ plainto_tsquery('english', :q)")


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
        q = select(Interaction)
        if self.on_postgresql:
            q = q.where(
                _POSTGRES_MATCH.bindparams(q=" ".join(words)),
                Interaction.team_id == self.team_id,
                Interaction.deleted_at.is_(None),
            )
        else:
            # Each word quoted: FTS5 syntax in what people type is never an operator.
            phrase = " ".join('"' + w.replace('"', '""') + '"' for w in words)
            ids = list(
                self.session.scalars(
                    _SQLITE_HITS,
                    {"q": phrase, "team": self.team_id, "limit": limit, "offset": offset},
                )
            )
            if not ids:
                return []
            q, offset = q.where(Interaction.id.in_(ids)), 0
        return self.session.scalars(
            q.order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
            .offset(offset)
            .limit(limit)
            .options(
                selectinload(Interaction.links).selectinload(InteractionCustomer.contact),
                selectinload(Interaction.links).selectinload(InteractionCustomer.company),
                selectinload(Interaction.author),
            )
        ).all()
