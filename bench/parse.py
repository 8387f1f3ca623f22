"""Parser speed: messages/second and p50/p99 latency, beside plain dateparser on the same text.

Usage: python bench/parse.py [CORPUS_DIR] [--rounds N]
CORPUS_DIR defaults to ../shared/corpus next to the repository.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _measure(
    fn: Callable[[dict[str, str]], object], items: list[dict[str, str]], rounds: int
) -> tuple[float, float, float]:
    for item in items:  # warm-up
        fn(item)
    times: list[float] = []
    start = time.perf_counter()
    for _ in range(rounds):
        for item in items:
            t0 = time.perf_counter()
            fn(item)
            times.append(time.perf_counter() - t0)
    total = time.perf_counter() - start
    return len(times) / total, statistics.median(times) * 1000, _percentile(times, 0.99) * 1000


def _cold_start(directory: Path) -> float:
    code = (
        "import time, datetime as dt, json; t=time.perf_counter();"
        "from nlp import parse, compile, Directory;"
        f"d=compile(Directory.from_json(json.load(open({str(directory)!r}))));"
        "parse('called Jane, she wants a quote Friday', dt.datetime(2026,11,18,9), 'UTC', d);"
        "print(time.perf_counter()-t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def main() -> None:
    """Run the benchmark and print a table."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("corpus", nargs="?", default=str(REPO.parent / "shared" / "corpus"))
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()
    corpus = Path(args.corpus)
    items = [json.loads(line) for line in (corpus / "dev.jsonl").read_text().splitlines() if line]

    cold = _cold_start(corpus / "dev-directory.json")
    import dateparser.search

    from nlp import Directory, compile, parse

    directory = compile(
        Directory.from_json(json.loads((corpus / "dev-directory.json").read_text()))
    )
    nows = {i["id"]: dt.datetime.fromisoformat(i["now"]) for i in items}

    def ours(item: dict[str, str]) -> object:
        return parse(item["text"], nows[item["id"]], item["tz"], directory)

    def plain(item: dict[str, str]) -> object:
        return dateparser.search.search_dates(item["text"], languages=["en"])

    rounds_plain = max(1, args.rounds // 4)
    ours_rate, ours_p50, ours_p99 = _measure(ours, items, args.rounds)
    dp_rate, dp_p50, dp_p99 = _measure(plain, items, rounds_plain)
    long_text = ("called Jane at Acme, she wants a quote by Friday. " * 80)[:4000]
    t0 = time.perf_counter()
    parse(long_text, dt.datetime(2026, 11, 18, 9), "UTC", directory)
    long_ms = (time.perf_counter() - t0) * 1000

    print(
        f"Parser benchmark: {len(items)} messages, {args.rounds} rounds (dateparser {rounds_plain})"
    )
    print(f"{'':34}{'nlp.parse':>20}{'dateparser.search_dates':>26}")
    print(f"{'messages per second':34}{ours_rate:>20,.0f}{dp_rate:>26,.0f}")
    print(f"{'p50 latency (ms)':34}{ours_p50:>20.3f}{dp_p50:>26.3f}")
    print(f"{'p99 latency (ms)':34}{ours_p99:>20.3f}{dp_p99:>26.3f}")
    print(f"{'time vs dateparser':34}{(1 / ours_rate) / (1 / dp_rate):>19.2f}x{'1.00x':>26}")
    print(f"{'cold start: import + first (s)':34}{cold:>20.3f}")
    print(f"{'one 4,000-character message (ms)':34}{long_ms:>20.2f}")
    print("Goals: p99 < 5 ms, <= 3x dateparser's time, cold start < 1.5 s, 4,000 chars < 50 ms")


if __name__ == "__main__":
    main()
