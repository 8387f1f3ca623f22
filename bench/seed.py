"""Seed a realistic team: 100,000 contacts in 20,000 companies, 1,000,000 interactions over
three years, 200,000 tasks and 200 members (scaled by --scale), into DATABASE_URL.

Usage: python bench/seed.py [--scale 1.0] [--url sqlite:///bench.db]
Prints rows per second beside a baseline: the same number of rows inserted into a bare
two-column table in the same database, so the figure reflects this machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import time
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa

from store import Store
from store import models as m
from store.touches import fill_last_touches

FIRST = [
    "Ada",
    "Alan",
    "Grace",
    "Linus",
    "Hope",
    "Olu",
    "Rose",
    "Pieter",
    "Art",
    "Mateo",
    "Sue",
    "Tom",
    "Pat",
    "Ben",
    "May",
    "Nadia",
    "Will",
    "Derek",
    "Chris",
    "Jenna",
    "Greg",
    "Priya",
    "Mina",
    "Rohan",
    "Soren",
    "Jose",
    "Kwame",
    "Chloe",
    "Siobhan",
    "Fatima",
    "Ana",
    "Lena",
    "Marco",
    "Yuki",
    "Ines",
    "Omar",
    "Lars",
    "Ivy",
    "Noor",
    "Eli",
    "Zara",
    "Hugo",
    "Iris",
    "Kai",
    "Luca",
    "Maya",
    "Nico",
    "Rhea",
    "Theo",
]
LAST = [
    "Doe",
    "Smith",
    "Ferreira",
    "Bakare",
    "Nakamura",
    "Berg",
    "Kowalczyk",
    "Ruiz",
    "Brennan",
    "Whitaker",
    "Okonkwo",
    "Tran",
    "Lindqvist",
    "Petrova",
    "Achterberg",
    "Lund",
    "Adeyemi",
    "Morales",
    "Vanterpool",
    "Pappas",
    "Shah",
    "Kim",
    "Aaberg",
    "Castaneda",
    "Mensah",
    "Marchetti",
    "OConnor",
    "AlSayed",
    "Cruz",
    "Hoffmann",
    "DAngelo",
    "Tanabe",
    "Novak",
    "Haddad",
    "Jensen",
    "Walsh",
    "Costa",
    "Silva",
    "Moreau",
    "Kaya",
    "Ivanova",
    "Dubois",
    "Rossi",
    "Schmidt",
    "Park",
    "Chen",
    "Singh",
]
WORDS = [
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Hooli",
    "Vandelay",
    "Stark",
    "Wayne",
    "Tyrell",
    "Cyberdyne",
    "Soylent",
    "Wonka",
    "Gringotts",
    "Oscorp",
    "Aperture",
    "Black",
    "Mesa",
    "Blue",
    "Sun",
    "Duff",
    "Monarch",
    "Nakatomi",
]
KINDS = ["call", "email", "meeting", "visit", "message", "note"]
BATCH = 10_000


def batches(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == BATCH:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def insert(conn: sa.Connection, table: sa.Table, rows: Iterator[dict[str, Any]]) -> int:
    n = 0
    for chunk in batches(rows):
        conn.execute(sa.insert(table), chunk)
        n += len(chunk)
    return n


def seed(url: str, scale: float) -> dict[str, int]:
    """Fill an empty database; returns rows written per table."""
    rng = random.Random(7)
    store = Store(url)
    now = dt.datetime.now(dt.UTC)
    start = now - dt.timedelta(days=3 * 365)
    n_members, n_companies = max(2, int(200 * scale)), max(2, int(20_000 * scale))
    n_contacts, n_interactions = max(2, int(100_000 * scale)), max(2, int(1_000_000 * scale))
    n_tasks = max(2, int(200_000 * scale))
    counts: dict[str, int] = {}
    with store.engine.begin() as conn:
        team_id = conn.execute(sa.insert(m.Team.__table__).values(slug="default", name="Bench",
                               next_task_number=n_tasks + 1).returning(m.Team.id)).scalar_one()  # fmt: skip
        counts["members"] = insert(conn, m.Member.__table__, (
            {"id": i, "team_id": team_id, "name": f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}",
             "tz": rng.choice(["America/New_York", "Europe/Berlin", "Asia/Tokyo"]),
             "role": "admin" if i == 1 else "member", "active": True, "created_at": start}
            for i in range(1, n_members + 1)))  # fmt: skip
        insert(conn, m.Identity.__table__, (
            {"team_id": team_id, "member_id": i, "platform": "console", "user_key": f"member{i}",
             "reachable": True} for i in range(1, n_members + 1)))  # fmt: skip
        counts["companies"] = insert(conn, m.Company.__table__, (
            {"id": i, "team_id": team_id, "name": f"{rng.choice(WORDS)} {rng.choice(LAST)} {i}",
             "aliases": [], "owner_id": rng.randint(1, n_members), "created_at": start}
            for i in range(1, n_companies + 1)))  # fmt: skip
        counts["contacts"] = insert(conn, m.Contact.__table__, (
            {"id": i, "team_id": team_id, "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}{'' if i % 3 else ' ' + str(i)}",
             "company_id": rng.randint(1, n_companies), "email": f"p{i}@example.com",
             "aliases": [], "owner_id": rng.randint(1, n_members), "created_at": start}
            for i in range(1, n_contacts + 1)))  # fmt: skip
        span = (now - start).total_seconds()
        counts["interactions"] = insert(conn, m.Interaction.__table__, (
            {"id": i, "team_id": team_id, "kind": rng.choice(KINDS),
             "summary": f"logged contact #{i}", "occurred_at": start + dt.timedelta(seconds=rng.random() * span),
             "author_id": rng.randint(1, n_members), "source_platform": "console",
             "message_key": f"seed:{i}", "created_at": now}
            for i in range(1, n_interactions + 1)))  # fmt: skip
        counts["interaction_customers"] = insert(conn, m.InteractionCustomer.__table__, (
            {"interaction_id": i, "contact_id": rng.randint(1, n_contacts)}
            for i in range(1, n_interactions + 1)))  # fmt: skip
        counts["tasks"] = insert(conn, m.Task.__table__, (
            {"team_id": team_id, "number": i, "title": f"Follow up #{i}",
             "due_date": (now + dt.timedelta(days=rng.randint(-60, 60))).date(),
             "owner_id": rng.randint(1, n_members), "contact_id": rng.randint(1, n_contacts),
             "status": "open" if rng.random() < 0.3 else "done", "message_key": f"seed:t{i}",
             "created_at": now - dt.timedelta(days=rng.randint(0, 90)), "nudge_count": 0}
            for i in range(1, n_tasks + 1)))  # fmt: skip
        fill_last_touches(conn)  # as logging in chat keeps it
    if store.engine.dialect.name == "postgresql":
        with store.engine.begin() as conn:
            for table in ("members", "companies", "contacts", "interactions"):
                conn.execute(
                    sa.text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
                    )
                )
    store.refresh_statistics()  # as `rapport import` does after a load
    store.dispose()
    return counts


def baseline(url: str, rows: int) -> float:
    """Seconds to insert `rows` rows into a bare two-column table in the same database."""
    engine = sa.create_engine(url)
    meta = sa.MetaData()
    table = sa.Table("bench_baseline", meta, sa.Column("id", sa.Integer, primary_key=True),
                     sa.Column("text", sa.String(40)))  # fmt: skip
    meta.drop_all(engine)
    meta.create_all(engine)
    started = time.perf_counter()
    with engine.begin() as conn:
        insert(conn, table, ({"id": i, "text": f"row {i}"} for i in range(1, rows + 1)))
    took = time.perf_counter() - started
    meta.drop_all(engine)
    engine.dispose()
    return took


def main() -> None:
    """Seed, then print the figures."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--url", default=os.environ.get("DATABASE_URL", "sqlite:///bench.db"))
    args = ap.parse_args()
    started = time.perf_counter()
    counts = seed(args.url, args.scale)
    took = time.perf_counter() - started
    total = sum(counts.values())
    base = baseline(args.url, total)
    print(f"Seeded {args.url.split('@')[-1]} at scale {args.scale}:")
    for table, n in counts.items():
        print(f"  {table:24}{n:>12,}")
    print(f"{'':26}{'rapport schema':>16}{'bare 2-column table':>22}")
    print(f"{'rows':26}{total:>16,}{total:>22,}")
    print(f"{'seconds':26}{took:>16.1f}{base:>22.1f}")
    print(f"{'rows per second':26}{total / took:>16,.0f}{total / base:>22,.0f}")


if __name__ == "__main__":
    main()
