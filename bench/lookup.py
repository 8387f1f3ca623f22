"""Lookups and agendas on a seeded team: p50/p99 latency of the whole core (parse, queries,
card), beside the bare indexed SELECT of the same contact as the floor.

Usage: python bench/seed.py first, then: python bench/lookup.py [--url sqlite:///bench.db] [-n 300]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
import uuid
from collections.abc import Callable

import sqlalchemy as sa

from handlers.core import Core, CoreSettings
from handlers.types import Message
from store import Store
from store import models as m


def timed(fn: Callable[[], object], n: int) -> tuple[float, float]:
    fn()  # warm-up
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(0.99 * len(times)))]


def typo(name: str, rng: random.Random) -> str:
    first, *rest = name.split()
    i = rng.randrange(1, len(first) - 1) if len(first) > 2 else 0
    return " ".join([first[:i] + first[i + 1 :], *rest])  # drop one letter of the first name


def main() -> None:
    """Run and print the table."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--url", default=os.environ.get("DATABASE_URL", "sqlite:///bench.db"))
    ap.add_argument("-n", type=int, default=300)
    args = ap.parse_args()
    rng = random.Random(3)
    store = Store(args.url, migrate=True)
    core = Core(store, CoreSettings(default_tz="UTC"))
    with store.engine.connect() as conn:
        names = [
            r[0]
            for r in conn.execute(
                sa.select(m.Contact.name).where(m.Contact.name.like("% %")).limit(5000)
            )
        ]
        unique = [n for n in names if len(n.split()) == 3][:500] or names[:500]
    counter = iter(range(10**9))
    run = uuid.uuid4().hex  # a key seen before would be answered from the replay store

    def ask(text: str, user: str = "member2", chat: str = "bench") -> None:
        core.handle(Message(platform="console", user=user, chat=chat, text=text,
                            sent_at=core.clock(), message_id=f"bench:{run}:{next(counter)}"))  # fmt: skip

    def stranger() -> str:
        return "Zed Q" + "".join(rng.choice("aeioukrstvx") for _ in range(8))

    def log_new_name() -> None:  # not in the directory: "Add Zed … as a new contact?"
        ask(f"called {stranger()}, wants a quote friday", user="member3", chat=f"new{run}")

    def added_then_asked() -> float:
        """A contact added (as by another member), then the next message: ms."""
        name = stranger()
        with store.unit("default") as unit:
            unit.add(
                m.Contact(team_id=unit.team_id, name=name, aliases=[], created_at=core.clock())
            )
            unit.note_directory_addition()
        t0 = time.perf_counter()
        ask(f"who is {name}?")
        return (time.perf_counter() - t0) * 1000

    t0 = time.perf_counter()
    core.warm()  # what `rapport run` does at start: read the directory, build the index
    warm = time.perf_counter() - t0
    t0 = time.perf_counter()
    ask("who is " + unique[0])
    first = (time.perf_counter() - t0) * 1000

    def bare() -> None:
        with store.engine.connect() as conn:
            conn.execute(sa.select(m.Contact).where(m.Contact.name == rng.choice(unique))).first()

    rows = [
        ("bare indexed SELECT (floor)", timed(bare, args.n)),
        ("who is <full name>", timed(lambda: ask(f"who is {rng.choice(unique)}?"), args.n)),
        (
            "<first name>?  (many match)",
            timed(lambda: ask(rng.choice(unique).split()[0] + "?"), args.n),
        ),
        (
            "who is <one-letter typo>",
            timed(lambda: ask(f"who is {typo(rng.choice(unique), rng)}?"), args.n),
        ),
        (
            "my tasks (agenda)",
            timed(lambda: ask("my tasks", user=f"member{rng.randint(1, 150)}"), args.n),
        ),
        ("called <new name> (add contact?)", timed(log_new_name, args.n)),
    ]
    added = sorted(added_then_asked() for _ in range(max(3, args.n // 10)))
    rows.append(
        ("who is <just added>", (statistics.median(added), added[int(0.99 * (len(added) - 1))]))
    )
    print(
        f"Lookups on {args.url.split('@')[-1]}, {args.n} each. At start, directory and index: "
        f"{warm:.1f} s; then the first message: {first:.0f} ms"
    )
    print(f"{'':32}{'p50 ms':>10}{'p99 ms':>10}")
    for label, (p50, p99) in rows:
        print(f"{label:32}{p50:>10.2f}{p99:>10.2f}")
    print("Goal: p99 under 50 ms on SQLite for lookups and agendas.")
    print("(<just added>: the first message after each of several contacts is added elsewhere.)")


if __name__ == "__main__":
    main()
