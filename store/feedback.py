"""Feedback: scores, complaints, requests and praise customers gave."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import Select, select

from store.models import Feedback
from store.scoped import Scoped, about_customers, customer_params


@cache
def _feedback_for(contacts: bool, companies: bool) -> Select[Any]:
    """Built once per shape: every lookup card runs it."""
    return (
        select(Feedback)
        .where(*about_customers(Feedback, contacts, companies), Feedback.deleted_at.is_(None))
        .order_by(Feedback.at, Feedback.id)
    )


class FeedbackQueries(Scoped):
    """Queries over feedback."""

    def feedback_for(
        self, contact_ids: Sequence[int], company_ids: Sequence[int]
    ) -> Sequence[Feedback]:
        """Live feedback about these customers, oldest first."""
        if not contact_ids and not company_ids:
            return []
        params = customer_params(self.team_id, contact_ids, company_ids)
        statement = _feedback_for(bool(contact_ids), bool(company_ids))
        return self.session.scalars(statement, params).all()

    def feedback_between(
        self, start: dt.datetime, end: dt.datetime, kinds: Sequence[str]
    ) -> Sequence[Feedback]:
        """Live feedback of these kinds given in [start, end), oldest first."""
        return self.session.scalars(
            select(Feedback)
            .where(
                Feedback.team_id == self.team_id,
                Feedback.deleted_at.is_(None),
                Feedback.kind.in_(list(kinds)),
                Feedback.at >= start,
                Feedback.at < end,
            )
            .order_by(Feedback.at, Feedback.id)
        ).all()

    def feedback_by_ids(self, ids: Sequence[int]) -> Sequence[Feedback]:
        """This team's feedback rows with these ids."""
        if not ids:
            return []
        return self.session.scalars(
            select(Feedback).where(Feedback.team_id == self.team_id, Feedback.id.in_(list(ids)))
        ).all()
