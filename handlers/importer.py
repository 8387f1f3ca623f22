"""Importing contacts: a DIRECTORY.json or a CSV (HubSpot, Salesforce and plain headers).

All rows are read and checked before anything is written, so a broken file imports
nothing. Re-importing updates what changed and never duplicates (see
handlers/import_apply.py). A folder is an export to restore (handlers/restore.py).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from handlers import crm_csv
from handlers.import_apply import Row, apply_rows
from handlers.restore import RestoreReport, restore_path
from store import Unit

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_BYTES = 20 * 1024 * 1024


@dataclass
class ImportReport:
    """What an import did: rows added, updated, unchanged and skipped (with line and why)."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)
    error: str | None = None
    #: How a CSV was read: its encoding and separator (None for JSON).
    read_as: str | None = None
    #: Owners the team did not know: members who have not joined yet.
    new_members: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the file was read (rows may still have been skipped)."""
        return self.error is None

    def summary(self) -> str:
        """Lines for a person: counts first, then each skip."""
        if self.error:
            return f"Nothing imported: {self.error}"
        lines = [
            f"Imported: {len(self.added)} added, {len(self.updated)} updated, "
            f"{self.unchanged} unchanged, {len(self.skipped)} skipped."
        ]
        lines += [f"  line {n}: skipped, {why}" for n, why in self.skipped]
        if self.new_members:
            lines.append(f"  owners who have not joined yet: {', '.join(self.new_members)} "
                         "(each becomes that member on first speaking to the bot under that "
                         "name)")  # fmt: skip
        if self.read_as:
            lines.append(f"  read as {self.read_as}")
        return "\n".join(lines)


def import_path(unit: Unit, path: Path, now: dt.datetime) -> ImportReport | RestoreReport:
    """Read `path` (JSON directory or CSV) and apply it; a broken file changes nothing.

    A folder is an export to restore (see handlers/restore.py).
    """
    if path.is_dir():
        return restore_path(unit, path)
    report = ImportReport()
    try:
        raw = path.read_bytes()
        if len(raw) > MAX_BYTES:
            raise ValueError("the file is larger than 20 MB")
        text, encoding = crm_csv.decode(raw)
        rows = _json_rows(text) if _looks_json(path, text) else _csv_rows(text, encoding, report)
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        report.error = str(exc) or exc.__class__.__name__
        return report
    outcome = apply_rows(unit, rows, now)
    report.added, report.updated = outcome.added, outcome.updated
    report.unchanged, report.new_members = outcome.unchanged, outcome.new_members
    return report


def _looks_json(path: Path, text: str) -> bool:
    return path.suffix.lower() == ".json" or text.lstrip().startswith("{")


def _json_rows(text: str) -> list[Row]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg}, line {exc.lineno})") from exc
    if not isinstance(data, dict) or not ({"companies", "people"} & data.keys()):
        raise ValueError('expected {"companies": [...], "people": [...]}')
    rows: list[Row] = []
    for i, c in enumerate(data.get("companies") or [], start=1):
        if not isinstance(c, dict) or not str(c.get("name") or "").strip():
            raise ValueError(f"company #{i} has no name")
        rows.append(Row(i, str(c["name"]).strip(), aliases=tuple(c.get("aliases") or ()),
                        owner=c.get("owner"), is_company=True))  # fmt: skip
    for i, p in enumerate(data.get("people") or [], start=1):
        if not isinstance(p, dict) or not str(p.get("name") or "").strip():
            raise ValueError(f"person #{i} has no name")
        rows.append(
            Row(
                i,
                str(p["name"]).strip(),
                company=(str(p["company"]).strip() or None) if p.get("company") else None,
                email=p.get("email"),
                phone=p.get("phone"),
                owner=p.get("owner"),
                owner_email=_owner_email(p.get("owner_email")),
                aliases=tuple(p.get("aliases") or ()),
                title=p.get("title"),
            )
        )
    return rows


def _csv_rows(text: str, encoding: str, report: ImportReport) -> list[Row]:
    cols, records, separator = crm_csv.records(text)
    if "name" not in cols and "first" not in cols and "last" not in cols and "company" not in cols:
        raise ValueError("no name column (expected e.g. Name, or First Name and Last Name)")
    companies_only = not ({"name", "first", "last"} & cols.keys())
    found = list(records)  # reads every row first: broken quoting anywhere refuses the file
    slashes = [r.get(k) or "" for r in found for k in ("created", "last_activity")]
    day_first = crm_csv.day_first(slashes)
    rows: list[Row] = []
    for record in found:
        row = _csv_row(record, companies_only, day_first)
        if isinstance(row, str):
            report.skipped.append((record.line, row))
        else:
            rows.append(row)
    shown = "tabs" if separator == "\t" else repr(separator)
    report.read_as = f"{encoding}, separated by {shown}"
    return rows


def _owner_email(value: object) -> str | None:
    """An owner's email as given, lower case; None when it is not one (it claims nothing)."""
    text = str(value or "").strip().lower()
    return text if text and EMAIL.match(text) else None


def _csv_row(record: crm_csv.Record, companies_only: bool, day_first: bool) -> Row | str:
    """A row to import, or why it is skipped."""
    get = record.get
    if companies_only:
        name = get("company")
    else:
        name = get("name") or " ".join(x for x in (get("first"), get("last")) if x)
    if not name:
        return "no name"
    email = get("email")
    if email and not EMAIL.match(email):
        return f"bad email “{email}”"
    aliases = tuple(a.strip() for a in re.split(r"[;,]", get("aliases") or "") if a.strip())
    return Row(
        record.line,
        name,
        company=None if companies_only else get("company"),
        email=email,
        phone=get("phone"),
        owner=get("owner"),
        aliases=aliases,
        is_company=companies_only,
        title=get("title"),
        company_owner=get("company_owner"),
        owner_email=_owner_email(get("owner_email")),
        created=crm_csv.read_date(get("created"), day_first),
        last_activity=crm_csv.read_date(get("last_activity"), day_first),
    )
