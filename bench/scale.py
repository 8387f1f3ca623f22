"""How cost grows with the directory: start-up, memory and per-message latency at 1,000,
10,000 and 100,000 contacts, beside an empty directory (the floor) in the same run.

Usage: python -m bench.scale [--sizes 0,1000,10000,100000] [-n 60] [--dir .bench/scale]
Each size gets its own SQLite team (contacts in companies of five, as bench/seed.py names
them). Each start is a fresh process, timed from its launch to its first answer:
`cold` compiles the directory (no kept index), `warm` reads the index kept by the cold one,
as `rapport run` does on a restart. Resident memory is read idle, after the first answer
(and after n logged messages). Latency is one logged call ("called <name>, wants a quote
friday": parse, lookup, interaction, task, commit) through the core.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import sqlalchemy as sa

from store import Store
from store import models as m

FIRST = ["Ada", "Grace", "Linus", "Hope", "Olu", "Rose", "Pieter", "Mateo", "Nadia", "Derek",
         "Chris", "Jenna", "Priya", "Rohan", "Soren", "Kwame", "Chloe", "Siobhan", "Fatima"]  # fmt: skip
LAST = ["Doe", "Smith", "Ferreira", "Bakare", "Okafor", "Tanaka", "Whitaker", "Nguyen",
        "Kowalski", "Haddad", "Lindqvist", "Moreau", "Castillo", "Brennan", "Sato", "Adeyemi"]  # fmt: skip
WORDS = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Keystone", "Pinecrest", "Summit",
         "Harbor", "Northwind", "Contoso", "Vandelay", "Stark", "Wayne", "Tyrell"]  # fmt: skip


def seed(url: str, contacts: int) -> None:
    """An empty database with one team, two members and `contacts` contacts."""
    rng = random.Random(11)
    store = Store(url)
    now = dt.datetime.now(dt.UTC)
    companies = max(0, contacts // 5)
    with store.engine.begin() as conn:
        team = conn.execute(sa.insert(m.Team.__table__).values(slug="default", name="Bench",
                            next_task_number=1).returning(m.Team.id)).scalar_one()  # fmt: skip
        conn.execute(sa.insert(m.Member.__table__), [
            {"id": i, "team_id": team, "name": f"Member {i}", "tz": "UTC",
             "role": "admin" if i == 1 else "member", "active": True, "created_at": now}
            for i in (1, 2)])  # fmt: skip
        conn.execute(sa.insert(m.Identity.__table__), [
            {"team_id": team, "member_id": i, "platform": "console", "user_key": f"member{i}",
             "reachable": True} for i in (1, 2)])  # fmt: skip
        if companies:
            conn.execute(sa.insert(m.Company.__table__), [
                {"id": i, "team_id": team, "name": f"{rng.choice(WORDS)} {rng.choice(LAST)} {i}",
                 "aliases": [], "owner_id": 1, "created_at": now}
                for i in range(1, companies + 1)])  # fmt: skip
        for start in range(1, contacts + 1, 10_000):
            conn.execute(sa.insert(m.Contact.__table__), [
                {"id": i, "team_id": team,
                 "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}{'' if i % 3 else ' ' + str(i)}",
                 "company_id": rng.randint(1, companies), "aliases": [], "owner_id": 1,
                 "created_at": now}
                for i in range(start, min(contacts, start + 9_999) + 1)])  # fmt: skip
    store.dispose()


def child(url: str, index_dir: str, n: int) -> None:
    """One start, timed by the parent: warm up, answer once, report, then n logged calls."""
    from handlers.core import Core, CoreSettings
    from handlers.types import Message

    store = Store(url, migrate=True)
    core = Core(store, CoreSettings(default_tz="UTC", index_dir=index_dir))
    t0 = time.perf_counter()
    core.warm()  # what `rapport run` does before it listens
    warm = time.perf_counter() - t0
    counter = iter(range(10**9))
    run = f"{time.time_ns()}"

    def say(text: str) -> None:
        core.handle(Message(platform="console", user="member2", chat="bench", text=text,
                            sent_at=core.clock(), message_id=f"scale:{run}:{next(counter)}"))  # fmt: skip

    say("who is Ada Doe?")
    print("ready", flush=True)
    gc.collect()
    idle = rss_mib()
    with store.engine.connect() as conn:
        names = [r[0] for r in conn.execute(sa.select(m.Contact.name).where(
            m.Contact.name.like("% % %")).limit(500))] or ["Grace Hopper"]  # fmt: skip
    rng = random.Random(5)
    times = []
    for _ in range(n):
        t = time.perf_counter()
        say(f"called {rng.choice(names)}, wants a quote friday")
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    print(json.dumps({"warm": warm, "idle": idle, "p50": statistics.median(times),
                      "p99": times[min(len(times) - 1, int(0.99 * len(times)))],
                      "after": rss_mib()}), flush=True)  # fmt: skip


def rss_mib() -> float:
    """This process's resident memory, MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def start(url: str, index_dir: Path, n: int) -> dict[str, float]:
    """Launch a fresh process on `url`: seconds to its first answer, and its figures."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench.scale", "--child", url, str(index_dir), str(n)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    ready = time.perf_counter() - t0
    figures = json.loads(proc.stdout.readline())
    proc.wait()
    if first.strip() != "ready" or proc.returncode:
        raise SystemExit(f"the process on {url} failed")
    return {"ready": ready, **figures}


def main() -> None:
    """Seed each size, start twice (cold, then warm), print the table."""
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], int(sys.argv[4]))
        return
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="0,1000,10000,100000")
    ap.add_argument("-n", type=int, default=60)
    ap.add_argument("--dir", default=".bench/scale")
    args = ap.parse_args()
    base = Path(args.dir)
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        url = f"sqlite:///{base / f'c{size}.db'}"
        seed(url, size)
        index = base / f"index-{size}"
        cold = start(url, index, args.n)
        kept = sum(p.stat().st_size for p in index.glob("*.idx")) / 2**20
        warm = start(url, index, args.n)
        rows.append((size, cold, warm, kept))
    print(f"Directory scale, SQLite, {args.n} logged calls per start (each start a fresh process)")
    print(f"{'contacts':>9} {'ready cold s':>13} {'ready warm s':>13} {'index s c/w':>12}"
          f" {'idle MiB c/w':>13} {'index MiB':>10} {'p50 ms':>8} {'p99 ms':>8}")  # fmt: skip
    for size, cold, warm, kept in rows:
        label = f"{size:,}" + (" (floor)" if size == 0 else "")
        print(f"{label:>9} {cold['ready']:>13.2f} {warm['ready']:>13.2f}"
              f" {cold['warm']:>5.2f}/{warm['warm']:<6.2f}"
              f" {cold['idle']:>6.0f}/{warm['idle']:<6.0f} {kept:>10.1f}"
              f" {warm['p50']:>8.1f} {warm['p99']:>8.1f}")  # fmt: skip
    print("ready: launch to first answer; index s: reading the directory and building (cold) or")
    print("reading (warm) its index; idle: resident after the first answer. Goals at 100,000:")
    print("ready under 2 s and under 150 MiB idle (warm start, as every restart after the first).")


if __name__ == "__main__":
    main()
