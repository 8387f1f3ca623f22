"""Where one Slack message's time goes: the same signed app_mention events as
bench/slack_e2e.py, sent one at a time through Rapport's real bolt app and core in this
process, with each stage timed around the call that does it:

- HTTP + bolt: the server's time for the request, less the stages below it;
- signature check (slack_sdk's SignatureVerifier, as bolt calls it);
- core: `Core.handle_event` in its worker thread, split into parse (nlp), each kind of SQL
  statement (count and time, from SQLAlchemy's before/after_cursor_execute events),
  SQLAlchemy's own work around the statements it runs outside flushes (building, binding,
  loading rows into objects), the ORM's flush work around its statements, the commit
  itself, and the rest (handlers, the directory cache, sessions opened and closed);
- after the HTTP 200: render (Reply -> Slack payload) and the reply's chat.postMessage
  (with the loopback fake Web API's side of it, which runs in the same event loop).

One event at a time, so no stage waits on another message. Times are CPU time of the thread
doing the stage (steady on a shared machine; --clock wall for elapsed time), per message,
for logs and "who is" lookups apart.

Usage (from the repo root, after bench/seed.py):
    python -m bench.profile_message --url sqlite:///.bench/bench.db [--events 300]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import Connection, event
from sqlalchemy.orm import Session

import bot.adapters.slack.outbound as slack_outbound
import handlers.logbook as logbook
from bench.slack_e2e import SECRET, TOKEN, WARMUP, Driver, TimedSlack, free_port, read_names
from bench.slack_e2e import snapshot as copy_database
from bot.adapters.slack import SlackConfig, build_slack_app
from bot.config import Settings
from bot.run import build_core
from handlers.core import Core

CLOCKS: dict[str, Callable[[], float]] = {"cpu": time.thread_time, "wall": time.perf_counter}
#: Stages in the order they happen; SQL statement kinds are printed after "core: SQL".
STAGES = ("HTTP + bolt", "signature check", "core: parse", "core: SQL",
          "core: SQLAlchemy around statements", "core: ORM flush work", "core: commit",
          "core: rest (handlers, sessions)", "render", "reply post")  # fmt: skip
_WRITTEN = re.compile(r"^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+\"?(\w+)", re.I)
_READ = re.compile(r"^\s*SELECT\s+(?:DISTINCT\s+)?\"?(\w+)\"?\.", re.I)


def statement_kind(sql: str) -> str:
    """A statement's verb and table: "INSERT interactions", "SELECT contacts" (a SELECT's
    table is its first column's, not a subquery's)."""
    verb = sql.lstrip().split(None, 1)[0].upper()
    table = _READ.match(sql) if verb == "SELECT" else _WRITTEN.match(sql)
    return f"{verb} {table.group(1) if table else '(other)'}"


@dataclass
class Probe:
    """Seconds spent per stage (and per SQL kind) by the event being measured now."""

    clock: Callable[[], float] = time.thread_time
    spent: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    flushing: int = 0
    sql_in_flush: float = 0.0
    executing: int = 0  # depth of statement calls (Session.execute, Connection.scalar, ...)
    sql_in_statements: float = 0.0
    _started: dict[int, float] = field(default_factory=dict)

    def reset(self) -> None:
        self.spent, self.counts = defaultdict(float), defaultdict(int)
        self.sql_in_flush = self.sql_in_statements = 0.0

    def add(self, stage: str, seconds: float, count: int = 1) -> None:
        self.spent[stage] += seconds
        self.counts[stage] += count

    @contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        t0 = self.clock()
        try:
            yield
        finally:
            self.add(stage, self.clock() - t0)

    def before_sql(self, _conn: Any, cursor: Any, *_: Any) -> None:
        self._started[id(cursor)] = self.clock()

    def after_sql(self, _conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        took = self.clock() - self._started.pop(id(cursor), self.clock())
        self.add("sql: " + statement_kind(statement), took)
        self.add("core: SQL", took)
        if self.flushing:
            self.sql_in_flush += took
        elif self.executing:
            self.sql_in_statements += took


def wrap(owner: Any, name: str, probe: Probe, stage: str) -> None:
    """Time every call of `owner.name` (a sync function or method) as `stage`."""
    original = getattr(owner, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        with probe.timed(stage):
            return original(*args, **kwargs)

    setattr(owner, name, timed)


def wrap_statements(owner: Any, name: str, probe: Probe) -> None:
    """Time the outermost statement call outside flushes: SQLAlchemy's work around the SQL
    (building and compiling, binding, loading rows into objects)."""
    original = getattr(owner, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        if probe.executing or probe.flushing:
            return original(*args, **kwargs)
        probe.executing += 1
        try:
            with probe.timed("statements"):
                return original(*args, **kwargs)
        finally:
            probe.executing -= 1

    setattr(owner, name, timed)


def instrument(core: Core, probe: Probe) -> None:
    """Put the probe around each stage of Rapport's message path (this process only)."""
    engine = core.store.engine
    event.listen(engine, "before_cursor_execute", probe.before_sql)
    event.listen(engine, "after_cursor_execute", probe.after_sql)
    wrap(SignatureVerifier, "is_valid", probe, "signature check")
    wrap(logbook, "parse", probe, "core: parse")
    wrap(logbook, "find_customers", probe, "core: parse")
    wrap(slack_outbound, "render", probe, "render")
    wrap(Core, "handle_event", probe, "core")
    for owner, names in ((Session, ("execute", "scalar", "scalars", "get")),
                         (Connection, ("execute", "scalar"))):  # fmt: skip
        for name in names:
            wrap_statements(owner, name, probe)

    do_commit = engine.dialect.do_commit

    def commit(dbapi_connection: Any) -> None:
        with probe.timed("core: commit"):
            do_commit(dbapi_connection)

    engine.dialect.do_commit = commit  # type: ignore[method-assign]
    flush = Session.flush

    def timed_flush(self: Session, objects: Any = None) -> None:
        probe.flushing += 1
        try:
            with probe.timed("flush"):
                flush(self, objects)
        finally:
            probe.flushing -= 1

    Session.flush = timed_flush  # type: ignore[method-assign]
    post = AsyncWebClient.chat_postMessage

    async def timed_post(self: AsyncWebClient, **kwargs: Any) -> Any:
        t0 = probe.clock()
        try:
            return await post(self, **kwargs)
        finally:
            probe.add("reply post", probe.clock() - t0)

    AsyncWebClient.chat_postMessage = timed_post  # type: ignore[method-assign]


def server_timer(probe: Probe) -> Callable[..., Any]:
    """An aiohttp middleware timing the whole request on the server side."""

    @web.middleware
    async def timer(request: web.Request, handler: Callable[..., Any]) -> web.StreamResponse:
        t0 = probe.clock()
        try:
            return await handler(request)  # type: ignore[no-any-return]
        finally:
            probe.add("server", probe.clock() - t0)

    return timer


def breakdown(probe: Probe) -> dict[str, float]:
    """Exclusive seconds per stage for one event, from the probe's inclusive spans."""
    s = probe.spent
    out = {k: v for k, v in s.items() if k.startswith("sql: ")}
    out["signature check"] = s["signature check"]
    out["core: parse"] = s["core: parse"]
    out["core: SQL"] = s["core: SQL"]
    out["core: ORM flush work"] = s["flush"] - probe.sql_in_flush
    out["core: commit"] = s["core: commit"]
    out["core: SQLAlchemy around statements"] = s["statements"] - probe.sql_in_statements
    inside = (s["core: parse"] + s["core: SQL"] + out["core: SQLAlchemy around statements"]
              + out["core: ORM flush work"] + s["core: commit"])  # fmt: skip
    out["core: rest (handlers, sessions)"] = s["core"] - inside
    # On the CPU clock the server's thread does not count the core's (it runs in a worker).
    core = s["core"] if probe.clock is time.perf_counter else 0.0
    out["HTTP + bolt"] = s["server"] - s["signature check"] - core
    out["render"] = s["render"]
    out["reply post"] = s["reply post"]
    return out


async def measure(
    core: Core, names: list[str], events: int, clock: Callable[[], float]
) -> dict[str, list[Any]]:
    """Send WARMUP, then `events` events one at a time; per kind, each event's breakdown."""
    probe = Probe(clock)
    instrument(core, probe)
    fake = TimedSlack()
    await fake.start()
    port = free_port()
    config = SlackConfig(bot_token=TOKEN, signing_secret=SECRET, api_url=fake.url, port=port,
                         pace_seconds=0.0)  # fmt: skip
    app = build_slack_app(core, config)
    web_app = app.web_app(path="/slack/events", port=port)
    web_app.middlewares.append(server_timer(probe))
    runner = web.AppRunner(web_app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    out: dict[str, list[Any]] = defaultdict(list)
    try:
        async with aiohttp.ClientSession() as session:
            driver = Driver(fake, session, port, names, timeout=30)
            for i in range(WARMUP + events):
                probe.reset()
                sample = await driver.one()
                await asyncio.sleep(0)  # the reply's post task finishes its bookkeeping
                if sample.reply is None:
                    raise RuntimeError(f"event {i} not answered (HTTP {sample.status})")
                if i >= WARMUP:
                    counts = {k: v for k, v in probe.counts.items() if k.startswith("sql: ")}
                    out[sample.kind].append((breakdown(probe), counts, sample.reply))
    finally:
        await runner.cleanup()
        if app.client.session is not None:
            await app.client.session.close()
        await fake.stop()
    return out


def report(samples: dict[str, list[Any]], contacts: int, clock: str) -> None:
    """Print ms per message by stage, logs and lookups side by side, and SQL by kind."""
    kinds = ("log", "lookup")
    mean: dict[str, dict[str, float]] = {}
    count: dict[str, dict[str, float]] = {}
    for kind in kinds:
        rows = samples.get(kind, [])
        n = max(len(rows), 1)
        mean[kind], count[kind] = defaultdict(float), defaultdict(float)
        for spans, counts, _ in rows:
            for k, v in spans.items():
                mean[kind][k] += v * 1000 / n
            for k, c in counts.items():
                count[kind][k] += c / n
    print(f"Per message ({clock} ms, mean of {len(samples.get('log', []))} logs and "
          f"{len(samples.get('lookup', []))} lookups, one at a time; {contacts:,} contacts):")  # fmt: skip
    print(f"{'stage':44}{'log':>10}{'lookup':>10}")
    for stage in STAGES:
        print(f"{stage:44}{mean['log'][stage]:>10.2f}{mean['lookup'][stage]:>10.2f}")
        if stage == "core: SQL":
            sql = sorted({k for kind in kinds for k in count[kind]}, key=lambda k: k.split()[1:])
            for k in sql:
                cells = "".join(f"{count[kind][k]:>4.1f}x {mean[kind][k]:>4.2f}" for kind in kinds)
                print(f"  {k.removeprefix('sql: '):42}{cells}")
            totals = "".join(f"{sum(count[kind].values()):>10.1f}" for kind in kinds)
            print(f"  {'statements per message':42}{totals}")
    for kind in kinds:
        total = sum(mean[kind][s] for s in STAGES)
        reply = sorted(r for *_, r in samples.get(kind, []))
        p50 = reply[len(reply) // 2] * 1000 if reply else float("nan")
        print(f"{kind}: stages sum to {total:.2f} ms; POST to reply posted p50 {p50:.2f} ms "
              f"(adds the harness's own HTTP client and fake Web API)")  # fmt: skip


def main() -> None:
    """Parse the options, copy the database, measure, print."""
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    ap.add_argument("--url", default=os.environ.get("DATABASE_URL", "sqlite:///bench.db"))
    ap.add_argument("--events", type=int, default=300, help="measured events (300)")
    ap.add_argument("--clock", choices=("cpu", "wall"), default="cpu", help="what to time (cpu)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="profile-message-") as tmp:
        url = copy_database(args.url, Path(tmp))
        names, contacts = read_names(url)
        if not names:
            raise SystemExit(f"no contacts in {args.url}: run bench/seed.py first")
        settings = Settings(database_url=url, _env_file=None)  # type: ignore[call-arg]
        core = build_core(settings)
        core.warm()
        try:
            samples = asyncio.run(measure(core, names, args.events, CLOCKS[args.clock]))
        finally:
            core.store.dispose()
        report(samples, contacts, args.clock)


if __name__ == "__main__":
    main()
