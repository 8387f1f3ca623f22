"""`rapport parse`: JSONL messages in, one JSONL parse per line out (parse-spec.md)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from nlp import Directory, Matcher, Parse, compile, parse
from nlp.feedback import read_feedback


def load_directory(path: Path) -> Directory:
    """Read a DIRECTORY.json file."""
    return Directory.from_json(json.loads(path.read_text(encoding="utf-8")))


def parse_line(line: str, matcher: Matcher) -> dict[str, Any]:
    """One input line to one output object; a line that cannot be read gets an error."""
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": None, "error": f"not JSON: {exc.msg}"}
    if not isinstance(item, dict):
        return {"id": None, "error": "each line must be a JSON object"}
    ident = item.get("id")
    text, now, tz = item.get("text"), item.get("now"), item.get("tz", "UTC")
    if not isinstance(text, str):
        return {"id": ident, "error": "missing 'text'"}
    try:
        zone = ZoneInfo(str(tz))
    except (ZoneInfoNotFoundError, ValueError):
        return {"id": ident, "error": f"unknown time zone {tz!r}"}
    try:
        when = dt.datetime.fromisoformat(str(now)) if now else dt.datetime.now(zone)
    except ValueError:
        return {"id": ident, "error": f"bad 'now' {now!r}: use ISO 8601"}
    parsed = parse(text, when, zone, matcher)
    return with_money_and_voice(parsed.to_json(ident), parsed, text)


def with_money_and_voice(out: dict[str, Any], parsed: Parse, text: str) -> dict[str, Any]:
    """The parse line with `currency` beside `amount` and `feedback`, only when read.

    The other fields stay as they are, so existing readers of the output are unaffected.
    """
    result: dict[str, Any] = {}
    for key, value in out.items():
        result[key] = value
        if key == "amount" and value is not None and "currency" not in out:
            result["currency"] = parsed.currency
    if result.get("currency") is None:
        result.pop("currency", None)
    feedback = read_feedback(text) if parsed.intent == "log" else ()
    if feedback:
        result["feedback"] = [
            {
                k: v
                for k, v in (("kind", f.kind), ("score", f.score), ("text", f.text))
                if v is not None
            }
            for f in feedback
        ]
    return result


def run_parse(directory_path: Path, inp: TextIO, out: TextIO) -> int:
    """Parse every line of `inp`; exit status 1 only when the directory cannot be read."""
    try:
        matcher = compile(load_directory(directory_path))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        out.write(json.dumps({"id": None, "error": f"bad directory: {exc}"}) + "\n")
        return 1
    for line in inp:
        if line.strip():
            out.write(json.dumps(parse_line(line, matcher), ensure_ascii=False) + "\n")
    return 0
