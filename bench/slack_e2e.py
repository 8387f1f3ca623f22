"""Slack end to end: signed app_mention events over HTTP into `rapport run` (Web API on a
loopback fake) until the reply is posted, beside two floors driven by the same harness in the
same run, each in its own process: a bare slack-bolt app that only echoes (bench/echo_app.py)
and one that first stores each event durably, one committed INSERT, as Rapport must
(bench/durable_app.py). The goal is measured against the durable floor.

Per app: start it, answer a warm-up, read the idle RSS; send events open-loop at --rate for
--seconds (reply latency p50/p99); send --events closed-loop with --concurrency in flight
(sustained events/s, latency under load); read the RSS again. Latency is from just before
the POST until the matching chat.postMessage (same channel and thread_ts) reaches the fake.
Rapport's messages are 70% logs and 30% "who is" lookups of unique seeded contact names.

The database is snapshotted into a temp dir first (so rapport's writes do not pile up run
after run) unless --in-place is given.

Usage (from the repo root, after bench/seed.py):
    python -m bench.slack_e2e --url sqlite:///.bench/bench.db [--events 10000] [--rate 50]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import sqlalchemy as sa
from aiohttp import web
from slack_sdk.signature import SignatureVerifier

from tests.adapters.fake_slack import FakeSlack

SECRET = "bench-secret"
TOKEN = "xoxb-bench"
CHANNELS = 2000
USERS = 20
WARMUP = 20
SLACK_ACK_LIMIT = 3.0  # Slack retries an event whose 200 takes longer than this
LOGS = ("called {name}, she wants a quote Friday",
        "met {name} for coffee, they want a demo next week",
        "emailed {name} the proposal, follow up Monday")  # fmt: skip
LOOKUP = "who is {name}?"
ERROR_REPLIES = ("Something went wrong", "couldn't save")
CLK = os.sysconf("SC_CLK_TCK")


@dataclass
class TimedSlack(FakeSlack):
    """The fake Web API, also stamping each chat.postMessage on arrival (perf_counter) and
    handing the stamp to the event waiting on that (channel, thread_ts)."""

    waiting: dict[tuple[str, str], asyncio.Future[float]] = field(default_factory=dict)
    answered: set[tuple[str, str]] = field(default_factory=set)
    gave_up: set[tuple[str, str]] = field(default_factory=set)
    extra: int = 0
    late: int = 0
    unmatched: int = 0
    error_replies: int = 0

    async def _args(self, request: web.Request) -> dict[str, Any]:
        arrived = time.perf_counter()
        args = await super()._args(request)
        if request.match_info.get("method") == "chat.postMessage":
            self._posted(args, arrived)
        return args

    def _posted(self, args: dict[str, Any], arrived: float) -> None:
        key = (str(args.get("channel")), str(args.get("thread_ts")))
        text = str(args.get("text", ""))
        if any(e in text for e in ERROR_REPLIES):
            self.error_replies += 1
        waiter = self.waiting.pop(key, None)
        if waiter is not None:
            self.answered.add(key)
            if not waiter.done():
                waiter.set_result(arrived)
        elif key in self.answered:
            self.extra += 1  # a second reply to the same event
        elif key in self.gave_up:
            self.late += 1
        else:
            self.unmatched += 1


@dataclass
class Sample:
    """One event: HTTP status (0 = no response), seconds to the 200 and to the reply, and
    when it was done (perf_counter)."""

    status: int
    ack: float
    reply: float | None
    kind: str
    done: float


class Driver:
    """Builds, signs and sends events to one app; one counter, so each event is unique."""

    def __init__(
        self,
        fake: TimedSlack,
        session: aiohttp.ClientSession,
        port: int,
        names: list[str],
        timeout: float,
    ) -> None:
        self.fake = fake
        self.session = session
        self.url = f"http://127.0.0.1:{port}/slack/events"
        self.names = names
        self.timeout = timeout
        self.count = 0
        self.base = int(time.time())
        self.rng = random.Random(7)
        self.verifier = SignatureVerifier(SECRET)
        self.samples: list[Sample] = []

    def _event(self) -> tuple[str, tuple[str, str], str]:
        i = self.count
        self.count += 1
        name = self.rng.choice(self.names)
        kind = "log" if self.rng.random() < 0.7 else "lookup"
        text = (self.rng.choice(LOGS) if kind == "log" else LOOKUP).format(name=name)
        ts, channel = f"{self.base}.{i:06d}", f"C{i % CHANNELS}"
        event = {"type": "app_mention", "user": f"U{i % USERS + 1}", "ts": ts, "channel": channel,
                 "channel_type": "channel", "text": f"<@UBOT> {text}"}  # fmt: skip
        body = json.dumps({"type": "event_callback", "team_id": "T1", "api_app_id": "A1",
                           "event": event, "event_id": f"Ev{self.base}x{i}",
                           "event_time": self.base})  # fmt: skip
        return body, (channel, ts), kind

    async def one(self, timeout: float | None = None) -> Sample:
        """Send one event; return when its reply was posted (or it failed or timed out)."""
        body, key, kind = self._event()
        waiter = asyncio.get_running_loop().create_future()
        self.fake.waiting[key] = waiter
        now = str(int(time.time()))
        signature = self.verifier.generate_signature(timestamp=now, body=body) or ""
        headers = {"Content-Type": "application/json", "X-Slack-Request-Timestamp": now,
                   "X-Slack-Signature": signature}  # fmt: skip
        t0 = time.perf_counter()
        try:
            async with self.session.post(self.url, data=body.encode(), headers=headers) as resp:
                status = resp.status
                await resp.read()
        except (TimeoutError, aiohttp.ClientError):
            status = 0
        ack = time.perf_counter() - t0
        reply: float | None = None
        if status == 200:
            try:
                reply = await asyncio.wait_for(waiter, timeout or self.timeout) - t0
            except TimeoutError:
                self.fake.gave_up.add(key)
        self.fake.waiting.pop(key, None)
        sample = Sample(status, ack, reply, kind, time.perf_counter())
        self.samples.append(sample)
        return sample


@dataclass
class Result:
    """Everything measured for one app."""

    name: str
    listening: float = 0.0
    warm: float = 0.0
    at_rate: list[Sample] = field(default_factory=list)
    sent_rate: float = 0.0
    load: list[Sample] = field(default_factory=list)
    wall: float = 0.0
    rss_idle: float = 0.0
    rss_after: float = 0.0
    rss_peak: float = 0.0
    cpu_main: float = 0.0
    cpu_other: float = 0.0
    harness_cpu: float = 0.0
    #: Cores in use under load: the app with its worker processes, PostgreSQL's
    #: processes, and the whole machine (what is left is the harness and the rest).
    cpu_tree: float = 0.0
    cpu_postgres: float = 0.0
    cpu_machine: float = 0.0
    threads: int = 0
    all_samples: list[Sample] = field(default_factory=list)
    fake: TimedSlack | None = None
    stderr: list[str] = field(default_factory=list)


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def status_kib(pid: int, key: str) -> int:
    """A field of /proc/<pid>/status in KiB (VmRSS, VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def _cpu(stat: Path) -> float:
    fields = stat.read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK  # utime + stime


def thread_cpu(pid: int) -> dict[int, float]:
    """CPU seconds used so far by each thread of `pid`."""
    out: dict[int, float] = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        with contextlib.suppress(OSError, IndexError):
            out[int(tid)] = _cpu(Path(f"/proc/{pid}/task/{tid}/stat"))
    return out


def processes() -> dict[int, tuple[int, str, float]]:
    """Every process: pid -> (parent pid, command name, CPU seconds so far)."""
    out: dict[int, tuple[int, str, float]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        with contextlib.suppress(OSError, IndexError, ValueError):
            text = Path(f"/proc/{entry}/stat").read_text()
            name = text[text.index("(") + 1 : text.rindex(")")]
            fields = text.rsplit(")", 1)[1].split()
            out[int(entry)] = (int(fields[1]), name, (int(fields[11]) + int(fields[12])) / CLK)
    return out


def tree_cpu(root: int, table: dict[int, tuple[int, str, float]]) -> float:
    """CPU seconds of `root` and every process descended from it."""
    children: dict[int, list[int]] = {}
    for pid, (parent, _, _) in table.items():
        children.setdefault(parent, []).append(pid)
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        total += table[pid][2] if pid in table else 0.0
        todo.extend(children.get(pid, []))
    return total


def named_cpu(name: str, table: dict[int, tuple[int, str, float]]) -> float:
    """CPU seconds of every process called `name` (PostgreSQL's server and backends)."""
    return sum(cpu for _, comm, cpu in table.values() if comm == name)


def machine_busy() -> float:
    """CPU seconds the whole machine has been busy (all cores, /proc/stat)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields[:8]) - idle) / CLK


async def settle(pid: int, limit: float = 60.0) -> None:
    """Wait until the process uses under 5% of a core (its start-up work is done)."""
    deadline = time.monotonic() + limit
    before = _cpu(Path(f"/proc/{pid}/stat"))
    while time.monotonic() < deadline:
        await asyncio.sleep(0.5)
        now = _cpu(Path(f"/proc/{pid}/stat"))
        if now - before < 0.025:
            return
        before = now


async def wait_port(port: int, proc: subprocess.Popen[bytes], limit: float = 120.0) -> None:
    """Wait until something listens on 127.0.0.1:port."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.1):
                return
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(f"exited with {proc.returncode} before listening") from None
            await asyncio.sleep(0.05)
    raise RuntimeError(f"not listening on {port} after {limit:.0f} s")


def snapshot(url: str, into: Path) -> str:
    """A consistent copy of a SQLite database (the backup API also takes what is still in
    the WAL, and works while another process writes); other URLs are used as they are."""
    if not url.startswith("sqlite:///"):
        return url
    source = Path(url.removeprefix("sqlite:///")).resolve()
    copy = into / source.name
    with (
        contextlib.closing(sqlite3.connect(source.as_uri() + "?mode=ro", uri=True)) as src,
        contextlib.closing(sqlite3.connect(copy)) as dst,
    ):
        src.backup(dst)
    return f"sqlite:///{copy}"


def absolute(url: str) -> str:
    """A SQLite URL with an absolute path (the apps run in a temp dir)."""
    if url.startswith("sqlite:///"):
        return f"sqlite:///{Path(url.removeprefix('sqlite:///')).resolve()}"
    return url


def read_names(url: str) -> tuple[list[str], int]:
    """Unique contact names (three words, as bench/lookup.py picks them) and the contact count."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            names = [r[0] for r in conn.execute(sa.text(
                "select name from contacts where name like '% %' limit 5000"))]  # fmt: skip
            total = int(conn.execute(sa.text("select count(*) from contacts")).scalar_one())
    finally:
        engine.dispose()
    unique = [n for n in names if len(n.split()) == 3][:500] or names[:500]
    return unique, total


def pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile of `values` (ms); NaN when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    if q == 0.5:
        return statistics.median(ordered)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def replies_ms(samples: list[Sample]) -> list[float]:
    """Reply latencies in ms of the events that got one."""
    return [s.reply * 1000 for s in samples if s.reply is not None]


def stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM, then SIGKILL after 20 s."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


async def open_loop(driver: Driver, rate: float, seconds: float) -> tuple[list[Sample], float]:
    """Send rate*seconds events on a fixed schedule, whatever is still in flight."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    tasks = []
    for k in range(int(rate * seconds)):
        delay = start + k / rate - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(driver.one()))
    span = loop.time() - start
    return list(await asyncio.gather(*tasks)), (len(tasks) - 1) / span if span else 0.0


async def closed_loop(driver: Driver, events: int, concurrency: int) -> tuple[list[Sample], float]:
    """Send `events` with `concurrency` in flight (in flight ends when the reply is posted)."""
    todo = iter(range(events))
    out: list[Sample] = []

    async def worker() -> None:
        for _ in todo:
            out.append(await driver.one())

    t0 = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return out, time.perf_counter() - t0


async def measure(
    name: str,
    cmd: list[str],
    env: dict[str, str],
    tmp: Path,
    session: aiohttp.ClientSession,
    names: list[str],
    args: argparse.Namespace,
) -> Result:
    """Run the phases against one app, started here and stopped before returning."""
    result = Result(name)
    fake = result.fake = TimedSlack()
    await fake.start()
    port = free_port()
    env = {**env, "SLACK_API_URL": fake.url, "PORT": str(port)}
    log_path = tmp / f"{name.split()[0]}.log"
    proc: subprocess.Popen[bytes] | None = None
    with open(log_path, "wb") as log:
        try:
            t0 = time.perf_counter()
            proc = subprocess.Popen(cmd, env=env, cwd=tmp, stdin=subprocess.DEVNULL,
                                    stdout=log, stderr=log)  # fmt: skip
            await wait_port(port, proc)
            result.listening = time.perf_counter() - t0
            driver = Driver(fake, session, port, names, args.timeout)
            warm = await asyncio.gather(*(driver.one(timeout=120) for _ in range(WARMUP)))
            if any(s.reply is None for s in warm):
                raise RuntimeError(f"warm-up not answered: {[s.status for s in warm]}")
            result.warm = time.perf_counter() - t0
            await settle(proc.pid)
            result.rss_idle = status_kib(proc.pid, "VmRSS") / 1024

            result.at_rate, result.sent_rate = await open_loop(driver, args.rate, args.seconds)

            threads, harness = thread_cpu(proc.pid), time.process_time()
            table, busy = processes(), machine_busy()
            result.load, result.wall = await closed_loop(driver, args.events, args.concurrency)
            after = thread_cpu(proc.pid)
            table_after, busy_after = processes(), machine_busy()
            result.cpu_tree = (
                tree_cpu(proc.pid, table_after) - tree_cpu(proc.pid, table)
            ) / result.wall
            result.cpu_postgres = (
                named_cpu("postgres", table_after) - named_cpu("postgres", table)
            ) / result.wall
            result.cpu_machine = (busy_after - busy) / result.wall
            result.harness_cpu = (time.process_time() - harness) / result.wall
            used = {tid: cpu - threads.get(tid, 0.0) for tid, cpu in after.items()}
            result.cpu_main = used.get(proc.pid, 0.0) / result.wall
            result.cpu_other = sum(v for t, v in used.items() if t != proc.pid) / result.wall
            result.threads = len(after)
            result.rss_after = status_kib(proc.pid, "VmRSS") / 1024
            result.rss_peak = status_kib(proc.pid, "VmHWM") / 1024
            result.all_samples = driver.samples
        finally:
            if proc is not None:
                await asyncio.to_thread(stop, proc)
            await fake.stop()
    result.stderr = log_path.read_text(errors="replace").splitlines()
    return result


def table(results: list[Result], args: argparse.Namespace) -> list[tuple[str, list[str]]]:
    """Rows of the printed table, one column per app."""
    rows: list[tuple[str, list[str]]] = []

    def row(label: str, fn: Any) -> None:
        rows.append((label, [fn(r) for r in results]))

    def errors(r: Result) -> str:
        samples = r.all_samples
        bad = sum(s.status != 200 for s in samples)
        missing = sum(s.status == 200 and s.reply is None for s in samples)
        assert r.fake is not None
        return f"{bad} / {missing} / {r.fake.error_replies}"

    rate = f"@ {args.rate:g}/s"
    row(f"reply p50 ms {rate}", lambda r: f"{pct(replies_ms(r.at_rate), 0.5):.1f}")
    row(f"reply p99 ms {rate}", lambda r: f"{pct(replies_ms(r.at_rate), 0.99):.1f}")
    row(f"events/s sustained ({args.concurrency} in flight)",
        lambda r: f"{len(r.load) / r.wall:.0f}")  # fmt: skip
    row("reply p50 / p99 ms under load",
        lambda r: f"{pct(replies_ms(r.load), 0.5):.0f} / {pct(replies_ms(r.load), 0.99):.0f}")  # fmt: skip
    row("HTTP 200 p50 / p99 ms under load",
        lambda r: f"{pct([s.ack * 1000 for s in r.load], 0.5):.0f} / "
                  f"{pct([s.ack * 1000 for s in r.load], 0.99):.0f}")  # fmt: skip
    row("app CPU under load, % of a core",
        lambda r: f"{(r.cpu_main + r.cpu_other) * 100:.0f} ({r.cpu_main * 100:.0f} loop)")  # fmt: skip
    row("CPU ms per event under load",
        lambda r: f"{(r.cpu_main + r.cpu_other) * 1000 / (len(r.load) / r.wall):.1f}")  # fmt: skip
    row("RSS idle MiB", lambda r: f"{r.rss_idle:.0f}")
    row(f"RSS after {len(results[0].all_samples):,} messages MiB", lambda r: f"{r.rss_after:.0f}")
    row("RSS peak (VmHWM) MiB", lambda r: f"{r.rss_peak:.0f}")
    row("errors: non-200 / no reply / error reply", errors)

    def slow(samples: list[Sample]) -> int:
        return sum(s.ack > SLACK_ACK_LIMIT for s in samples)

    row(f"first {WARMUP} events after start: slowest HTTP 200 s",
        lambda r: f"{max(s.ack for s in r.all_samples[:WARMUP]):.2f}")  # fmt: skip
    row(f"HTTP 200 > {SLACK_ACK_LIMIT:g} s: warm-up / @rate / load",
        lambda r: f"{slow(r.all_samples[:WARMUP])} / {slow(r.at_rate)} / {slow(r.load)}")  # fmt: skip
    return rows


def summarize_log(lines: list[str]) -> str:
    """How many lines and which kinds of warnings/errors an app wrote."""
    kinds = Counter(
        re.sub(r"\d+", "N", line.strip())[:110]
        for line in lines
        if re.search(r"WARNING|ERROR|CRITICAL|Traceback|Error\b", line)
    )
    if not lines:
        return "empty"
    top = "; ".join(f"{n}x {k}" for k, n in kinds.most_common(3))
    return f"{len(lines)} lines, {sum(kinds.values())} warning/error lines" + (
        f": {top}" if top else ""
    )


def report(results: list[Result], args: argparse.Namespace, header: list[str]) -> None:
    """Print the header, the table, the goal check and notes."""
    rapport, durable = results[0], results[1]
    print("\n".join(header))
    width = 44
    print(f"{'':{width}}{'rapport run':>14}{'bolt + INSERT':>16}{'bolt echo':>12}")
    for label, cells in table(results, args):
        print(f"{label:{width}}{cells[0]:>14}{cells[1]:>16}{cells[2]:>12}")
    ratio = (len(rapport.load) / rapport.wall) / (len(durable.load) / durable.wall)
    p99 = pct(replies_ms(rapport.at_rate), 0.99)
    first = max(s.ack for s in rapport.all_samples[:WARMUP])
    ok = ratio >= 0.5 and p99 < 300 and first < SLACK_ACK_LIMIT
    print(f"Goal: throughput >= 0.5x the durable floor (is {ratio:.2f}x), p99 < 300 ms at "
          f"{args.rate:g}/s (is {p99:.0f} ms), first {WARMUP} events after start acknowledged "
          f"within {SLACK_ACK_LIMIT:g} s (slowest {first:.2f} s): "
          f"{'met' if ok else 'NOT met'}.")  # fmt: skip
    print("Notes:")
    for r in results:
        assert r.fake is not None
        other = Counter(c.method for c in r.fake.calls if c.method != "chat.postMessage")
        calls = ", ".join(f"{m} {n}" for m, n in sorted(other.items())) or "none"
        first = max(s.ack for s in r.all_samples[:WARMUP])
        print(f"  {r.name}: listening after {r.listening:.1f} s, warm-up answered after "
              f"{r.warm:.1f} s (slowest HTTP 200 {first:.1f} s); sent {r.sent_rate:.1f}/s "
              f"open-loop; {r.threads} threads; harness CPU under load "
              f"{r.harness_cpu * 100:.0f}% of a core")  # fmt: skip
        print(f"    other Web API calls: {calls}; replies: {len(r.fake.named('chat.postMessage'))}"
              f" (extra {r.fake.extra}, late {r.fake.late}, unmatched {r.fake.unmatched})")  # fmt: skip
        print(f"    output: {summarize_log(r.stderr)}")
    fifth = len(rapport.load) // 5
    if fifth > 1:
        ends = sorted(s.done for s in rapport.load)
        head, tail = ends[fifth - 1] - ends[0], ends[-1] - ends[-fifth]
        print(f"  rapport under load: {(fifth - 1) / head:.0f} events/s over the first fifth, "
              f"{(fifth - 1) / tail:.0f} over the last")  # fmt: skip
    for kind in ("log", "lookup"):
        times = replies_ms([s for s in rapport.load if s.kind == kind])
        print(f"  rapport {kind}s under load: p50 {pct(times, 0.5):.0f} ms, "
              f"p99 {pct(times, 0.99):.0f} ms, n={len(times)}")  # fmt: skip


async def run(args: argparse.Namespace) -> None:
    """Snapshot the database, measure both apps, print the report."""
    with tempfile.TemporaryDirectory(prefix="slack-e2e-") as tmp_name:
        tmp = Path(tmp_name)
        t0 = time.perf_counter()
        url = absolute(args.url) if args.in_place else snapshot(args.url, tmp)
        copied = time.perf_counter() - t0
        names, contacts = read_names(url)
        if not names:
            raise SystemExit(f"no contacts in {args.url}: run bench/seed.py first")
        env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp), "LOG_LEVEL": "WARNING",
               "SLACK_BOT_TOKEN": TOKEN, "SLACK_SIGNING_SECRET": SECRET,
               "DATABASE_URL": url, "DURABLE_DB": str(tmp / "durable.db"),
               "PYTHONPATH": str(Path(__file__).resolve().parents[1])}  # fmt: skip
        apps = [
            ("rapport run", [sys.executable, "-m", "bot.cli", "run"]),
            ("bolt + INSERT", [sys.executable, "-m", "bench.durable_app"]),
            ("bolt echo", [sys.executable, "-m", "bench.echo_app"]),
        ]
        connector = aiohttp.TCPConnector(limit=64)
        timeout = aiohttp.ClientTimeout(total=30)
        results = []
        async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
            for name, cmd in apps:
                results.append(await measure(name, cmd, env, tmp, session, names, args))
        where = "in place" if args.in_place else f"snapshot in {copied:.1f} s"
        header = [
            f"Slack end to end: signed app_mention events over HTTP -> reply posted to a loopback "
            f"Web API; {args.url} ({where}; {contacts:,} contacts), {os.cpu_count()} CPUs.",
            f"Events: {WARMUP} warm-up, {args.rate:g}/s open-loop for {args.seconds:g} s, then "
            f"{args.events:,} with {args.concurrency} in flight; {USERS} users; rapport gets 70% "
            f"logs, 30% 'who is' lookups of {len(names)} unique names.",
            f"Spread over {CHANNELS} channels, as rapport posts at most once a second per channel "
            f"(its pacing is not what this measures).",
        ]
        report(results, args, header)


def main() -> None:
    """Parse the options and run."""
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    ap.add_argument("--url", default=os.environ.get("DATABASE_URL", "sqlite:///bench.db"))
    ap.add_argument("--events", type=int, default=10_000, help="closed-loop events (10000)")
    ap.add_argument("--rate", type=float, default=50.0, help="open-loop events/s (50)")
    ap.add_argument("--seconds", type=float, default=10.0, help="open-loop duration (10)")
    ap.add_argument("--concurrency", type=int, default=32, help="closed-loop in flight (32)")
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for a reply")
    ap.add_argument("--in-place", action="store_true", help="write into --url, not a copy")
    asyncio.run(run(ap.parse_args()))


if __name__ == "__main__":
    main()
