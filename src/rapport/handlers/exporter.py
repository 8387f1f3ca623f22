"""Export: every contact, company, interaction, task and deal, as CSV or JSON files."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

from rapport.store import Unit


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def tables(unit: Unit) -> dict[str, list[dict[str, Any]]]:
    """Every exported table as plain rows."""
    companies = unit.companies()
    names = {c.id: c.name for c in companies}
    return {
        "companies": [
            {"id": c.id, "name": c.name, "aliases": "; ".join(c.aliases or []),
             "owner": c.owner.name if c.owner else None, "created_at": _iso(c.created_at)}
            for c in companies
        ],
        "contacts": [
            {"id": p.id, "name": p.name, "company": names.get(p.company_id or 0),
             "email": p.email, "phone": p.phone, "aliases": "; ".join(p.aliases or []),
             "owner": p.owner.name if p.owner else None, "created_at": _iso(p.created_at)}
            for p in unit.contacts()
        ],
        "interactions": [
            {"id": i.id, "type": i.kind, "occurred_at": _iso(i.occurred_at),
             "customers": "; ".join(
                 (link.contact.name if link.contact else link.company.name if link.company else "")
                 for link in i.links),
             "summary": i.summary, "sentiment": i.sentiment, "amount": i.amount,
             "author": i.author.name, "source": i.source_platform,
             "deleted_at": _iso(i.deleted_at)}
            for i in unit.all_interactions()
        ],
        "tasks": [
            {"number": t.number, "title": t.title, "due_date": _iso(t.due_date),
             "due_time": _iso(t.due_time), "status": t.status, "owner": t.owner.name,
             "contact": t.contact.name if t.contact else None,
             "company": t.company.name if t.company else None,
             "interaction_id": t.interaction_id, "created_at": _iso(t.created_at)}
            for t in unit.all_tasks()
        ],
        "deals": [
            {"id": d.id, "contact_id": d.contact_id,
             "company": names.get(d.company_id or 0), "amount": d.amount, "stage": d.stage,
             "created_at": _iso(d.created_at), "closed_at": _iso(d.closed_at)}
            for d in unit.all_deals()
        ],
    }  # fmt: skip


def _write_csv(path: Path, rows: Iterable[dict[str, Any]], columns: list[str]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


def export_all(unit: Unit, directory: Path, fmt: Literal["csv", "json"]) -> list[Path]:
    """Write one file per table into `directory` (created if missing)."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, rows in tables(unit).items():
        path = directory / f"{name}.{fmt}"
        if fmt == "json":
            path.write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")
        else:
            columns = list(rows[0]) if rows else ["id"]
            _write_csv(path, rows, columns)
        paths.append(path)
    return paths
