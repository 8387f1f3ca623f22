"""The unit of work: one transaction, scoped to one team, with the queries the core needs.

Each aggregate's queries live in their own module; `Unit` composes them, so callers hold
one object per transaction.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import IntegrityError

from store.access import Access
from store.audit import Audit
from store.customers import Customers
from store.deals import Deals
from store.digests import Digests
from store.directory import Directory, DirectoryStamp
from store.feedback import FeedbackQueries
from store.inbound import Inbound
from store.inserts import insert_row
from store.interactions import Interactions
from store.listings import Listings
from store.members import Members
from store.merges import Merges
from store.models import Company, Contact
from store.notices import Notices
from store.questions import Questions
from store.scoped import RowT
from store.search import NoteSearch
from store.tasks import Tasks


class Unit(
    Members,
    Access,
    Inbound,
    Directory,
    Customers,
    Interactions,
    Deals,
    FeedbackQueries,
    Tasks,
    Digests,
    Questions,
    Audit,
    Listings,
    Merges,
    NoteSearch,
    Notices,
):
    """Repository methods over one session; every query is filtered by `team_id`."""

    def add(self, row: Any) -> None:
        """Stage a new row (it must carry this team's id).

        A new company or contact marks the directory as grown, so no caller can forget.
        """
        if getattr(row, "team_id", self.team_id) != self.team_id:
            raise ValueError("row belongs to another team")
        self.session.add(row)
        if isinstance(row, Company | Contact):
            self.note_directory_addition()

    def insert(self, row: RowT) -> RowT:
        """Write a new row now, in one INSERT (see store/inserts.py).

        It must carry this team's id. For rows nothing else in the transaction waits on:
        not companies or contacts (the directory must hear of them: use `add`).
        """
        if getattr(row, "team_id", self.team_id) != self.team_id:
            raise ValueError("row belongs to another team")
        if isinstance(row, Company | Contact):
            raise ValueError("customers are added with add()")
        return insert_row(self.session, row)

    def flush(self) -> None:
        """Send pending changes so new rows get ids."""
        self.session.flush()


__all__ = ["DirectoryStamp", "IntegrityError", "Unit"]
