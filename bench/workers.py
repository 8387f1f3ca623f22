"""Slack throughput with 1 and 2 `rapport run` workers on PostgreSQL, same harness, same run.

Each configuration gets a freshly seeded team (bench/seed.py at --scale) in its own
database on the server, then the same signed app_mention events as bench/slack_e2e.py:
a warm-up, --rate events/s open-loop for --seconds, and --events closed-loop with
--concurrency in flight. The figure should grow with workers (this machine has
os.cpu_count() cores, shared with PostgreSQL and the harness).

Usage (from the repo root; a PostgreSQL server that lets us create databases):
    python -m bench.workers --server postgresql+psycopg://postgres@127.0.0.1:5432/postgres
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import os
import sys
import tempfile
import threading
from pathlib import Path

import aiohttp
import sqlalchemy as sa

from bench.seed import seed
from bench.slack_e2e import SECRET, TOKEN, Result, measure, pct, read_names, replies_ms


def fresh_database(server: str, name: str) -> str:
    """Drop and create database `name` on the server; its URL."""
    engine = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return server.rsplit("/", 1)[0] + "/" + name


class LockWaits:
    """Samples the database's backends while a configuration runs: who waits on a lock.

    Tells apart a machine out of cores from replicas queued behind each other's rows.
    """

    QUERY = sa.text(
        "SELECT wait_event, left(query, 60) FROM pg_stat_activity "
        "WHERE datname = :db AND wait_event_type = 'Lock'"
    )

    def __init__(self, server: str, database: str, every: float = 0.02) -> None:
        """Sample `database` on `server` every `every` seconds once started."""
        self.engine = sa.create_engine(server, isolation_level="AUTOCOMMIT")
        self.database, self.every = database, every
        self.samples, self.waiting = 0, 0
        self.statements: collections.Counter[str] = collections.Counter()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        with self.engine.connect() as conn:
            while not self._stop.wait(self.every):
                rows = conn.execute(self.QUERY, {"db": self.database}).all()
                self.samples += 1
                self.waiting += bool(rows)
                self.statements.update(f"{event}: {query}" for event, query in rows)

    def __enter__(self) -> LockWaits:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.engine.dispose()

    def summary(self) -> str:
        """Share of samples with a backend waiting on a lock, and what waited most."""
        share = self.waiting / max(1, self.samples)
        top = "; ".join(f"{n}x {what}" for what, n in self.statements.most_common(2))
        return f"{share:.0%} of {self.samples} samples{' (' + top + ')' if top else ''}"


async def run(args: argparse.Namespace) -> None:
    """Seed, measure each worker count, print them side by side."""
    results: list[tuple[int, Result, str]] = []
    with tempfile.TemporaryDirectory(prefix="bench-workers-") as tmp_name:
        tmp = Path(tmp_name)
        connector = aiohttp.TCPConnector(limit=64)
        async with aiohttp.ClientSession(
            connector=connector, timeout=aiohttp.ClientTimeout(total=30)
        ) as session:
            for n in args.workers:
                url = fresh_database(args.server, f"rapport_bench_w{n}")
                seed(url, args.scale)
                names, contacts = read_names(url)
                env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp),
                       "LOG_LEVEL": "WARNING", "SLACK_BOT_TOKEN": TOKEN,
                       "SLACK_SIGNING_SECRET": SECRET, "DATABASE_URL": url,
                       "PYTHONPATH": str(Path(__file__).resolve().parents[1])}  # fmt: skip
                cmd = [sys.executable, "-m", "bot.cli", "run", "--workers", str(n)]
                with LockWaits(args.server, f"rapport_bench_w{n}") as waits:
                    result = await measure(f"{n} worker", cmd, env, tmp, session, names, args)
                results.append((n, result, waits.summary()))
    print(
        f"Slack on PostgreSQL ({args.server.split('@')[-1]}), {contacts:,} contacts per team, "
        f"{os.cpu_count()} CPUs; {args.events:,} events with {args.concurrency} in flight."
    )
    print(
        f"{'workers':>8}{'events/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'p99 @ rate':>12}{'errors':>8}"
        f"{'cores: app':>12}{'postgres':>10}{'harness':>9}{'machine':>9}"
    )
    for n, r, _ in results:
        load = replies_ms(r.load)
        errors = sum(s.status != 200 or s.reply is None for s in r.all_samples)
        print(f"{n:>8}{len(r.load) / r.wall:>10.0f}{pct(load, 0.5):>9.0f}{pct(load, 0.99):>9.0f}"
              f"{pct(replies_ms(r.at_rate), 0.99):>12.0f}{errors:>8}{r.cpu_tree:>12.2f}"
              f"{r.cpu_postgres:>10.2f}{r.harness_cpu:>9.2f}{r.cpu_machine:>9.2f}")  # fmt: skip
    for n, _, waits in results:
        print(f"{n} worker(s), backends waiting on a lock: {waits}")
    first, last = results[0][1], results[-1][1]
    gain = (len(last.load) / last.wall) / (len(first.load) / first.wall)
    print(f"{results[-1][0]} workers: {gain:.2f}x the events/s of {results[0][0]} "
          f"(cores in use under load: {first.cpu_machine:.2f} and {last.cpu_machine:.2f} "
          f"of {os.cpu_count()}).")  # fmt: skip


def main() -> None:
    """Parse the options and run."""
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    ap.add_argument("--server", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    ap.add_argument("--workers", type=lambda s: [int(x) for x in s.split(",")], default=[1, 2])
    ap.add_argument("--scale", type=float, default=0.05, help="seeded team size (0.05)")
    ap.add_argument("--events", type=int, default=3000)
    ap.add_argument("--rate", type=float, default=50.0)
    ap.add_argument("--seconds", type=float, default=5.0)
    ap.add_argument("--concurrency", type=int, default=32)
    ap.add_argument("--timeout", type=float, default=30.0)
    asyncio.run(run(ap.parse_args()))


if __name__ == "__main__":
    main()
