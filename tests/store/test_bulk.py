"""Times formatted by the database read exactly as Python's isoformat() of the value."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from store import Store
from store.bulk import iso_utc
from store.models import Company

WHEN = [
    dt.datetime(2026, 11, 18, 14, 0, tzinfo=dt.UTC),
    dt.datetime(2026, 11, 18, 14, 0, 5, 120, tzinfo=dt.UTC),
    dt.datetime(2026, 1, 1, 0, 0, 0, 999999, tzinfo=dt.UTC),
    dt.datetime(2026, 3, 29, 1, 30, tzinfo=dt.timezone(dt.timedelta(hours=2))),
]


def test_times_as_text_match_isoformat(store: Store) -> None:
    with store.unit("default") as unit:
        for n, when in enumerate(WHEN):
            unit.add(Company(team_id=unit.team_id, name=f"C{n}", aliases=[], created_at=when,
                             deleted_at=when if n % 2 else None))  # fmt: skip
    with store.unit("default") as unit:
        rows = unit.session.execute(
            select(iso_utc(Company.created_at), iso_utc(Company.deleted_at)).order_by(Company.id)
        ).all()
    assert [tuple(r) for r in rows] == [
        (w.astimezone(dt.UTC).isoformat(), w.astimezone(dt.UTC).isoformat() if n % 2 else None)
        for n, w in enumerate(WHEN)
    ]
