"""Backup round trip of a seeded team: `rapport export` (CSV), then `rapport import DIR` into
an empty database, then export again. Checks that every table has the same rows (counts and
a checksum of the stored values) and that the second export is byte-identical to the first;
prints the times beside a bare copy of the same database (SQLite's backup API) and a bare
`.dump` written and loaded into an empty database.

Usage: python bench/seed.py first, then: python bench/roundtrip.py [--url sqlite:///bench.db]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

#: Every table a backup holds whole, and the link table between interactions and customers
#: (notices go only while unsent, and the team's deal stages are one value: not compared).
TABLES = ("members", "identities", "companies", "contacts", "interactions", "tasks", "deals",
          "digest_subscriptions", "allowed_chats", "feedback", "audit_events")  # fmt: skip
#: Columns a backup does not carry: which sender holds a nudge right now, and the team id
#: (a new database numbers its team afresh).
TRANSIENT = {"team_id", "lease_owner", "lease_until"}
CHILD_RSS = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def timed_child(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Seconds and peak RSS (MiB) of a command, run in a fresh interpreter."""
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", CHILD_RSS, *argv], env=env, check=True,
                         capture_output=True, text=True).stdout  # fmt: skip
    return time.perf_counter() - t0, int(out.split()[-1]) // 1024


def fingerprint(url: str) -> dict[str, tuple[int, str]]:
    """Rows and a SHA-256 of every stored value, per table, in id order.

    Links between interactions and customers are compared as a sorted list: their own ids
    are not part of a backup.
    """
    engine = sa.create_engine(url)
    out: dict[str, tuple[int, str]] = {}
    with engine.connect() as conn:
        for table in TABLES:
            columns = [c["name"] for c in sa.inspect(conn).get_columns(table)]
            kept = ", ".join(c for c in columns if c not in TRANSIENT)
            digest, n = hashlib.sha256(), 0
            result = conn.execution_options(yield_per=20_000).execute(
                sa.text(f"SELECT {kept} FROM {table} ORDER BY id")
            )
            for row in result:
                digest.update(repr(tuple(row)).encode())
                n += 1
            out[table] = (n, digest.hexdigest()[:16])
        links = conn.execute(
            sa.text(
                "SELECT interaction_id, contact_id, company_id FROM interaction_customers "
                "ORDER BY interaction_id, contact_id, company_id"
            )
        ).all()
        out["interaction_customers"] = (
            len(links),
            hashlib.sha256(repr([tuple(r) for r in links]).encode()).hexdigest()[:16],
        )
    engine.dispose()
    return out


def files_digest(directory: Path) -> str:
    """One SHA-256 over the export's files, by name."""
    digest = hashlib.sha256()
    for path in sorted(directory.iterdir()):
        digest.update(path.name.encode())
        with path.open("rb") as f:
            while chunk := f.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()[:16]


def bare_copy(source: str, target: str) -> float:
    """Seconds to copy the database file with SQLite's online backup API."""
    t0 = time.perf_counter()
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    src.backup(dst)
    src.close()
    dst.close()
    return time.perf_counter() - t0


def bare_dump(source: str, dump: Path, target: str) -> tuple[float, float] | None:
    """Seconds to write `.dump` SQL text, and to load it into an empty database.

    With the sqlite3 command, as a person would: Python's `iterdump` writes full-text
    tables in a form that does not load back. None without the command.
    """
    sqlite = shutil.which("sqlite3")
    if sqlite is None:
        return None
    t0 = time.perf_counter()
    with dump.open("wb") as f:
        subprocess.run([sqlite, source, ".dump"], stdout=f, check=True)
    wrote = time.perf_counter() - t0
    t0 = time.perf_counter()
    with dump.open("rb") as f:
        subprocess.run([sqlite, target], stdin=f, check=True)
    return wrote, time.perf_counter() - t0


def main() -> None:
    """Run the round trip and print the tables."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--url", default=os.environ.get("DATABASE_URL", "sqlite:///bench.db"))
    args = ap.parse_args()
    if not args.url.startswith("sqlite:///"):
        sys.exit("the bare baselines are SQLite's: give a sqlite:/// URL")
    source = args.url.removeprefix("sqlite:///")
    with tempfile.TemporaryDirectory(prefix="roundtrip-", dir=Path(source).parent) as tmp:
        work = Path(tmp)
        restored = f"sqlite:///{work / 'restored.db'}"
        env = {**os.environ, "LOG_LEVEL": "WARNING"}
        cli = [sys.executable, "-m", "bot.cli"]
        export_s, export_rss = timed_child(
            [*cli, "export", "--format", "csv", str(work / "first")],
            {**env, "DATABASE_URL": args.url},
        )
        import_s, import_rss = timed_child(
            [*cli, "import", str(work / "first")], {**env, "DATABASE_URL": restored}
        )
        timed_child(
            [*cli, "export", "--format", "csv", str(work / "second")],
            {**env, "DATABASE_URL": restored},
        )
        before, after = fingerprint(args.url), fingerprint(restored)
        first, second = files_digest(work / "first"), files_digest(work / "second")
        copy_s = bare_copy(source, str(work / "copy.db"))
        dumped = bare_dump(source, work / "dump.sql", str(work / "loaded.db"))
    print(f"Backup round trip of {args.url}")
    print(f"{'table':24}{'rows':>12}{'restored':>12}  checksum")
    for table, (n, digest) in before.items():
        m, again = after[table]
        print(f"{table:24}{n:>12,}{m:>12,}  {'equal' if digest == again else 'DIFFERENT'}")
    print(f"second export byte-identical to the first: {'yes' if first == second else 'NO'}")
    print(f"{'':32}{'seconds':>10}{'peak RSS MiB':>14}")
    print(f"{'rapport export (CSV)':32}{export_s:>10.1f}{export_rss:>14}")
    print(f"{'rapport import DIR (restore)':32}{import_s:>10.1f}{import_rss:>14}")
    print(f"{'  export + restore':32}{export_s + import_s:>10.1f}")
    print(f"{'bare copy (SQLite backup API)':32}{copy_s:>10.1f}")
    if dumped is None:
        print("bare .dump: skipped (no sqlite3 command)")
    else:
        dump_s, load_s = dumped
        print(f"{'bare .dump, then load it':32}{dump_s + load_s:>10.1f}")
        print(f"{'  (.dump written / loaded)':32}{dump_s:>5.1f} / {load_s:.1f}")
    if before != after or first != second:
        sys.exit(1)


if __name__ == "__main__":
    main()
