"""Export of a seeded team: `rapport export` (CSV, in a child process) beside a bare dump of
the same five tables (SELECT * written with csv.writer, no joins), each with its peak
resident memory.

Usage: python bench/seed.py first, then: python bench/export.py [--url sqlite:///bench.db]
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

TABLES = ("companies", "contacts", "interactions", "tasks", "deals")
CHILD_RSS = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(usage.ru_utime + usage.ru_stime, usage.ru_maxrss)
"""


def bare_dump(url: str, into: Path) -> None:
    """The floor: every row of the same tables as stored, streamed to CSV."""
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        for table in TABLES:
            result = conn.execution_options(yield_per=5_000).execute(
                sa.text(f"SELECT * FROM {table}")
            )
            with (into / f"{table}.csv").open("w", newline="", encoding="utf-8") as f:
                writer = csv.writer(f)
                writer.writerow(result.keys())
                writer.writerows(result)
    engine.dispose()


def count_rows(path: Path) -> int:
    """Data rows of a CSV file (a summary may span lines)."""
    with path.open(newline="", encoding="utf-8") as f:
        return sum(1 for _ in csv.reader(f)) - 1


def timed_child(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Seconds, CPU seconds and peak RSS (MiB) of a command, run in a fresh interpreter.

    CPU time is printed too: on a shared machine the wall clock also counts waiting.
    """
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", CHILD_RSS, *argv], env=env, check=True,
                         capture_output=True, text=True).stdout  # fmt: skip
    cpu, rss = out.split()[-2:]
    return time.perf_counter() - t0, float(cpu), int(rss) // 1024


def main() -> None:
    """Run and print the table."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--url", default=os.environ.get("DATABASE_URL", "sqlite:///bench.db"))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="export-") as tmp:
        ours, floor = Path(tmp) / "rapport", Path(tmp) / "bare"
        floor.mkdir()
        env = {**os.environ, "DATABASE_URL": args.url, "LOG_LEVEL": "WARNING"}
        rapport = [sys.executable, "-m", "bot.cli", "export", "--format", "csv", str(ours)]
        seconds, cpu, rss = timed_child(rapport, env)
        bare = [sys.executable, __file__, "--bare", args.url, str(floor)]
        bare_seconds, bare_cpu, bare_rss = timed_child(bare, env)
        rows = sum(count_rows(ours / f"{t}.csv") for t in TABLES)
        size = sum((ours / f"{t}.csv").stat().st_size for t in TABLES) / 2**20
    print(f"Export of {args.url.split('@')[-1]}: {rows:,} rows, {size:,.0f} MiB of CSV")
    print(f"{'':26}{'rapport export':>16}{'bare SELECT *':>16}")
    print(f"{'seconds':26}{seconds:>16.1f}{bare_seconds:>16.1f}")
    print(f"{'CPU seconds':26}{cpu:>16.1f}{bare_cpu:>16.1f}")
    print(f"{'ratio (wall, CPU)':26}{seconds / bare_seconds:>15.1f}x{cpu / bare_cpu:>15.1f}x")
    print(f"{'peak RSS MiB':26}{rss:>16}{bare_rss:>16}")
    print("rapport joins names in (owner, company, customers, author); the bare dump writes ids.")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--bare":
        bare_dump(sys.argv[2], Path(sys.argv[3]))
    else:
        main()
