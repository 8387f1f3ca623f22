"""Export: every contact, company, interaction, task and deal, as CSV or JSON files.

Rows are streamed from the store to the files, so years of history export in constant
memory.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal

from handlers.money import exponent
from store import Unit, exports

Rows = Iterator[dict[str, Any]]


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _major(minor: int | None, currency: str | None) -> int | float | None:
    """An amount in major units for the file: whole numbers stay integers.

    The exact value is `amount_minor` (deals) or this with at most three decimals.
    """
    if minor is None:
        return None
    scale: int = 10 ** exponent(currency or "")
    whole, part = divmod(int(minor), scale)
    return whole if part == 0 else int(minor) / scale


def _companies(unit: Unit) -> Rows:
    for c in exports.companies(unit):
        yield {"id": c.id, "name": c.name, "aliases": "; ".join(c.aliases or []),
               "owner": c.owner, "created_at": _iso(c.created_at)}  # fmt: skip


def _contacts(unit: Unit) -> Rows:
    for p in exports.contacts(unit):
        yield {"id": p.id, "name": p.name, "company": p.company, "email": p.email,
               "phone": p.phone, "aliases": "; ".join(p.aliases or []), "owner": p.owner,
               "created_at": _iso(p.created_at)}  # fmt: skip


def _interactions(unit: Unit) -> Rows:
    for i, customers in exports.interactions(unit):
        yield {"id": i.id, "type": i.kind, "occurred_at": _iso(i.occurred_at),
               "customers": "; ".join(customers), "summary": i.summary,
               "sentiment": i.sentiment, "amount": _major(i.amount_minor, i.currency),
               "currency": i.currency, "amount_period": i.amount_period, "author": i.author,
               "source": i.source_platform, "deleted_at": _iso(i.deleted_at)}  # fmt: skip


def _tasks(unit: Unit) -> Rows:
    for t in exports.tasks(unit):
        yield {"number": t.number, "title": t.title, "due_date": _iso(t.due_date),
               "due_time": _iso(t.due_time), "status": t.status, "owner": t.owner,
               "contact": t.contact, "company": t.company,
               "interaction_id": t.interaction_id, "created_at": _iso(t.created_at)}  # fmt: skip


def _deals(unit: Unit) -> Rows:
    for d in exports.deals(unit):
        yield {"id": d.id, "contact_id": d.contact_id, "company": d.company,
               "amount": _major(d.amount_minor, d.currency), "stage": d.stage,
               "created_at": _iso(d.created_at), "closed_at": _iso(d.closed_at),
               "name": d.name, "owner": d.owner, "currency": d.currency, "period": d.period,
               "amount_minor": d.amount_minor, "expected_close": _iso(d.expected_close),
               "stage_changed_at": _iso(d.stage_changed_at),
               "lost_reason": d.lost_reason}  # fmt: skip


#: Each table and its columns (a header even when the table is empty).
TABLES: dict[str, tuple[Callable[[Unit], Rows], list[str]]] = {
    "companies": (_companies, ["id", "name", "aliases", "owner", "created_at"]),
    "contacts": (_contacts, ["id", "name", "company", "email", "phone", "aliases", "owner",
                             "created_at"]),
    "interactions": (_interactions, ["id", "type", "occurred_at", "customers", "summary",
                                     "sentiment", "amount", "currency", "amount_period",
                                     "author", "source", "deleted_at"]),
    "tasks": (_tasks, ["number", "title", "due_date", "due_time", "status", "owner", "contact",
                       "company", "interaction_id", "created_at"]),
    "deals": (_deals, ["id", "contact_id", "company", "amount", "stage", "created_at",
                       "closed_at", "name", "owner", "currency", "period", "amount_minor",
                       "expected_close", "stage_changed_at", "lost_reason"]),
}  # fmt: skip


def tables(unit: Unit) -> dict[str, list[dict[str, Any]]]:
    """Every exported table as plain rows, in memory (for small teams and tests)."""
    return {name: list(rows(unit)) for name, (rows, _) in TABLES.items()}


def _write_csv(path: Path, rows: Rows, columns: list[str]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


def _write_json(path: Path, rows: Rows) -> None:
    """The same text as json.dumps(list(rows), indent=2), written a row at a time."""
    with path.open("w", encoding="utf-8") as f:
        first = True
        for row in rows:
            item = json.dumps(row, ensure_ascii=False, indent=2).replace("\n", "\n  ")
            f.write(("[\n  " if first else ",\n  ") + item)
            first = False
        f.write("[]" if first else "\n]")


def export_all(unit: Unit, directory: Path, fmt: Literal["csv", "json"]) -> list[Path]:
    """Write one file per table into `directory` (created if missing)."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, (rows, columns) in TABLES.items():
        path = directory / f"{name}.{fmt}"
        if fmt == "json":
            _write_json(path, rows(unit))
        else:
            _write_csv(path, rows(unit), columns)
        paths.append(path)
    return paths
