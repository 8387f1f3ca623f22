"""Restoring a folder written by `rapport export` (CSV or JSON): the backup path.

Every row comes back with its exported id, so links, dates and removed rows are as they
were, exporting again gives the same files, and restoring the same folder twice changes
nothing. Any problem refuses the whole folder: nothing of it is kept.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from store import Unit
from store.backup import (
    MODELS,
    Counts,
    Refused,
    all_or_nothing,
    column_default,
    finish,
    recompute_last_touches,
    restore_links,
    restore_rows,
    restore_team,
)

BATCH = 5_000
#: Tables every export has held; a folder without one of these is no export. The others
#: came later: an older export without them restores without them.
REQUIRED = ("members", "identities", "companies", "contacts", "interactions", "tasks")
Parse = Callable[[Any], Any]


def _opt(parse: Parse) -> Parse:
    return lambda v: None if v is None else parse(v)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if str(value) not in ("True", "False"):
        raise ValueError(f"expected True or False, got {value!r}")
    return str(value) == "True"


def _aliases(value: Any) -> list[str]:
    return [a for a in str(value or "").split("; ") if a]


def _json(value: Any) -> Any:
    return json.loads(str(value))


_dt, _date, _time = dt.datetime.fromisoformat, dt.date.fromisoformat, dt.time.fromisoformat
_ID, _OPT_ID, _OPT_TEXT = int, _opt(int), _opt(str)

#: Per table: exported column -> (model attribute, how to read it).
COLUMNS: dict[str, dict[str, tuple[str, Parse]]] = {
    "members": {"id": ("id", _ID), "name": ("name", _text), "role": ("role", _text),
                "tz": ("tz", _OPT_TEXT), "workday_start": ("workday_start", _opt(_time)),
                "quiet_hours": ("quiet_hours", _OPT_TEXT), "workdays": ("workdays", _OPT_TEXT),
                "active": ("active", _bool), "created_at": ("created_at", _dt),
                "may_log_for_others": ("may_log_for_others", _bool),
                "tz_by_hand": ("tz_by_hand", _bool), "email": ("email", _OPT_TEXT)},
    "identities": {"id": ("id", _ID), "member_id": ("member_id", _ID),
                   "platform": ("platform", _text), "user_key": ("user_key", _text),
                   "reachable": ("reachable", _bool)},
    "companies": {"id": ("id", _ID), "name": ("name", _text), "aliases": ("aliases", _aliases),
                  "owner_id": ("owner_id", _OPT_ID), "created_at": ("created_at", _dt),
                  "deleted_at": ("deleted_at", _opt(_dt)),
                  "quiet_until": ("quiet_until", _opt(_date)),
                  "last_touch_at": ("last_touch_at", _opt(_dt))},
    "contacts": {"id": ("id", _ID), "name": ("name", _text), "email": ("email", _OPT_TEXT),
                 "phone": ("phone", _OPT_TEXT), "aliases": ("aliases", _aliases),
                 "company_id": ("company_id", _OPT_ID), "owner_id": ("owner_id", _OPT_ID),
                 "created_at": ("created_at", _dt), "deleted_at": ("deleted_at", _opt(_dt)),
                 "quiet_until": ("quiet_until", _opt(_date)),
                 "last_touch_at": ("last_touch_at", _opt(_dt)), "title": ("title", _OPT_TEXT)},
    "interactions": {"id": ("id", _ID), "type": ("kind", _text),
                     "occurred_at": ("occurred_at", _dt), "summary": ("summary", _text),
                     "sentiment": ("sentiment", _OPT_TEXT),
                     "amount_minor": ("amount_minor", _OPT_ID), "currency": ("currency", _OPT_TEXT),
                     "amount_period": ("amount_period", _OPT_TEXT),
                     "author_id": ("author_id", _ID), "source": ("source_platform", _text),
                     "created_at": ("created_at", _dt), "deleted_at": ("deleted_at", _opt(_dt)),
                     "message_key": ("message_key", _text)},
    "tasks": {"id": ("id", _ID), "number": ("number", _ID), "title": ("title", _text),
              "due_date": ("due_date", _opt(_date)), "due_at": ("due_at", _opt(_dt)),
              "status": ("status", _text), "owner_id": ("owner_id", _ID),
              "contact_id": ("contact_id", _OPT_ID), "company_id": ("company_id", _OPT_ID),
              "interaction_id": ("interaction_id", _OPT_ID),
              "created_at": ("created_at", _dt), "nudge_at": ("nudge_at", _opt(_dt)),
              "nudge_count": ("nudge_count", _ID), "message_key": ("message_key", _text),
              "purpose": ("purpose", _OPT_TEXT)},
    "deals": {"id": ("id", _ID), "contact_id": ("contact_id", _OPT_ID),
              "company_id": ("company_id", _OPT_ID), "name": ("name", _OPT_TEXT),
              "owner_id": ("owner_id", _OPT_ID), "amount_minor": ("amount_minor", _OPT_ID),
              "currency": ("currency", _OPT_TEXT), "period": ("period", _OPT_TEXT),
              "stage": ("stage", _text), "expected_close": ("expected_close", _opt(_date)),
              "stage_changed_at": ("stage_changed_at", _opt(_dt)),
              "lost_reason": ("lost_reason", _OPT_TEXT), "created_at": ("created_at", _dt),
              "closed_at": ("closed_at", _opt(_dt)), "deleted_at": ("deleted_at", _opt(_dt))},
    "digest_subscriptions": {"id": ("id", _ID), "platform": ("platform", _text),
                             "chat": ("chat", _text), "local_time": ("local_time", _time),
                             "tz": ("tz", _text), "active": ("active", _bool),
                             "created_by": ("created_by", _OPT_ID),
                             "next_run_at": ("next_run_at", _opt(_dt)),
                             "last_sent_on": ("last_sent_on", _opt(_date)),
                             "reachable": ("reachable", _bool),
                             "chat_name": ("chat_name", _OPT_TEXT)},
    "allowed_chats": {"id": ("id", _ID), "platform": ("platform", _text),
                      "chat": ("chat", _text), "allowed_by": ("allowed_by", _OPT_ID),
                      "at": ("at", _dt)},
    "feedback": {"id": ("id", _ID), "kind": ("kind", _text), "score": ("score", _OPT_ID),
                 "text": ("text", _OPT_TEXT), "contact_id": ("contact_id", _OPT_ID),
                 "company_id": ("company_id", _OPT_ID), "author_id": ("author_id", _ID),
                 "interaction_id": ("interaction_id", _OPT_ID), "at": ("at", _dt),
                 "deleted_at": ("deleted_at", _opt(_dt))},
    "notices": {"id": ("id", _ID), "member_id": ("member_id", _OPT_ID), "text": ("text", _text),
                "created_at": ("created_at", _dt), "platform": ("platform", _OPT_TEXT),
                "chat": ("chat", _OPT_TEXT), "kind": ("kind", _OPT_TEXT),
                "subject": ("subject", _OPT_TEXT)},
    "audit_events": {"id": ("id", _ID), "at": ("at", _dt), "action": ("action", _text),
                     "entity": ("entity", _text), "entity_id": ("entity_id", _ID),
                     "before": ("before", _opt(_json)), "after": ("after", _opt(_json)),
                     "undone": ("undone", _bool), "member_id": ("member_id", _OPT_ID),
                     "written_by_id": ("written_by_id", _OPT_ID)},
}  # fmt: skip


@dataclass
class RestoreReport:
    """What a restore did, per table; or why it restored nothing."""

    counts: dict[str, Counts] = field(default_factory=dict)
    error: str | None = None
    #: What an older export lacked, filled in as a new row would have it ("tasks.purpose").
    filled: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the folder was restored."""
        return self.error is None

    def summary(self) -> str:
        """Totals first, then a line per table."""
        if self.error:
            return f"Nothing imported: {self.error}"
        total = Counts()
        for c in self.counts.values():
            total.added, total.updated = total.added + c.added, total.updated + c.updated
            total.unchanged += c.unchanged
        lines = [f"Restored: {total.added} added, {total.updated} updated, "
                 f"{total.unchanged} unchanged."]  # fmt: skip
        lines += [f"  {name}: {c.added} added, {c.updated} updated, {c.unchanged} unchanged"
                  for name, c in self.counts.items()]  # fmt: skip
        if self.filled:
            lines.append("From an older export; filled in as new rows have them: "
                         + ", ".join(self.filled))  # fmt: skip
        return "\n".join(lines)


def restore_path(unit: Unit, directory: Path) -> RestoreReport:
    """Restore every table of an export folder into this team; a problem keeps nothing."""
    try:
        with all_or_nothing(unit):
            return _restore(unit, directory)
    except (OSError, ValueError) as exc:  # Refused is a ValueError
        return RestoreReport(error=str(exc))


def _restore(unit: Unit, directory: Path) -> RestoreReport:
    fmt = "csv" if (directory / "members.csv").is_file() else "json"
    report = RestoreReport()
    filled: set[str] = set()
    for table in MODELS:
        path = directory / f"{table}.{fmt}"
        if not path.is_file():
            if table in REQUIRED:
                raise ValueError(
                    f"{path.name} is missing: is this a folder `rapport export` wrote?"
                )
            filled.add(f"no {table}")
            continue
        total = report.counts[table] = Counts()
        rows = _read_csv(path) if fmt == "csv" else _read_json(path)
        for number, batch in enumerate(_batches(rows)):
            wanted = [
                _convert(table, path.name, number * BATCH + i, r, filled)
                for i, r in enumerate(batch)
            ]
            counts, added = restore_rows(unit, table, wanted)
            total.added += counts.added
            total.updated += counts.updated
            total.unchanged += counts.unchanged
            if table == "interactions":
                restore_links(unit, [link for r in batch for link in _links(r, added)])
    report.counts["team"] = _restore_team(unit, directory / f"team.{fmt}", fmt)
    if filled & {"companies.last_touch_at", "contacts.last_touch_at"}:
        recompute_last_touches(unit)  # an older export kept no last touch: read it off the log
    finish(unit)
    report.filled = sorted(filled)
    return report


def _restore_team(unit: Unit, path: Path, fmt: str) -> Counts:
    if not path.is_file():
        return restore_team(unit, None)  # an older export: the default stages
    rows = list(_read_csv(path) if fmt == "csv" else _read_json(path))
    if len(rows) != 1 or "deal_stages" not in rows[0]:
        raise ValueError(f"{path.name} should hold one row with a deal_stages column")
    stages = _aliases(rows[0]["deal_stages"])
    return restore_team(unit, stages or None)


def _read_csv(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            # CSV has no null: an empty cell is one (an empty text reads back as "").
            yield {k: (v if v != "" else None) for k, v in row.items()}


def _read_json(path: Path) -> Iterator[dict[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise ValueError(f"{path.name} is not a list of rows")
    yield from data


def _batches(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    while batch := list(islice(rows, BATCH)):
        yield batch


def _convert(
    table: str, file: str, index: int, row: dict[str, Any], filled: set[str]
) -> dict[str, Any]:
    """A row as the model's attributes; a column an older export lacked as a new row has it."""
    out: dict[str, Any] = {}
    for column, (attr, parse) in COLUMNS[table].items():
        if column not in row:
            found, default = column_default(table, attr)
            if not found:
                raise ValueError(f"{file} has no {column} column: is this a folder "
                                 "`rapport export` wrote?")  # fmt: skip
            out[attr] = default
            filled.add(f"{table}.{column}")
            continue
        try:
            out[attr] = parse(row[column])
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{file} row {index + 1}, {column}: {exc}") from exc
    return out


def _links(row: dict[str, Any], added: set[int]) -> Iterator[tuple[int, int | None, int | None]]:
    interaction = int(row["id"])
    if interaction not in added:  # already there: its links are too
        return
    for key in str(row.get("customer_ids") or "").split():
        kind, _, number = key.partition(":")
        if kind not in ("contact", "company") or not number.isdigit():
            raise ValueError(f"interaction {interaction}: bad customer id {key!r}")
        yield (
            (interaction, int(number), None)
            if kind == "contact"
            else (
                interaction,
                None,
                int(number),
            )
        )


__all__ = ["COLUMNS", "Refused", "RestoreReport", "restore_path"]
