"""Importing contacts: a DIRECTORY.json or a CSV (HubSpot, Salesforce and plain headers).

All rows are read and checked before anything is written, so a broken file imports
nothing. Re-importing updates what changed and never duplicates: a contact is the same
one when its email matches, else when its name and company match.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from handlers.restore import RestoreReport, restore_path
from store import Unit
from store.models import Company, Contact, Member

HEADERS = {
    "name": {"name", "fullname", "contactname", "contact", "person"},
    "first": {"firstname", "first", "givenname", "forename"},
    "last": {"lastname", "last", "surname", "familyname"},
    "company": {"company", "companyname", "account", "accountname", "organization",
                "organisation", "org", "associatedcompany", "business"},
    "email": {"email", "emailaddress", "email1", "workemail", "mail"},
    "phone": {"phone", "phonenumber", "mobile", "mobilephone", "mobilephonenumber",
              "workphone", "telephone", "tel", "businessphone"},
    "owner": {"owner", "contactowner", "ownername", "accountowner", "salesrep"},
}  # fmt: skip
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
        return "\n".join(lines)


@dataclass
class Row:
    """One contact or company to import."""

    line: int
    name: str
    company: str | None = None
    email: str | None = None
    phone: str | None = None
    owner: str | None = None
    aliases: tuple[str, ...] = ()
    is_company: bool = False


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
        text = raw.decode("utf-8-sig")
        if "\x00" in text:
            raise ValueError("the file is not text")
        rows = _json_rows(text) if _looks_json(path, text) else _csv_rows(text, report)
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, csv.Error) as exc:
        report.error = str(exc) or exc.__class__.__name__
        return report
    _apply(unit, rows, report, now)
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
                        is_company=True))  # fmt: skip
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
                aliases=tuple(p.get("aliases") or ()),
            )
        )
    return rows


def _column_map(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, raw in enumerate(header):
        key = re.sub(r"[^a-z0-9]", "", raw.lower())
        for field_name, names in HEADERS.items():
            if key in names and field_name not in found:
                found[field_name] = i
    return found


def _csv_rows(text: str, report: ImportReport) -> list[Row]:
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = next(reader, None)
    if not header:
        raise ValueError("the file is empty")
    cols = _column_map(header)
    if "name" not in cols and "first" not in cols and "last" not in cols:
        raise ValueError("no name column (expected e.g. Name, or First Name and Last Name)")
    rows: list[Row] = []
    for record in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in record):
            continue

        def cell(name: str, record: list[str] = record) -> str | None:
            i = cols.get(name)
            value = record[i].strip() if i is not None and i < len(record) else ""
            return value or None

        name = cell("name") or " ".join(x for x in (cell("first"), cell("last")) if x)
        if not name:
            report.skipped.append((line, "no name"))
            continue
        email = cell("email")
        if email and not EMAIL.match(email):
            report.skipped.append((line, f"bad email “{email}”"))
            continue
        rows.append(Row(line, name, cell("company"), email, cell("phone"), cell("owner")))
    return rows


def _apply(unit: Unit, rows: list[Row], report: ImportReport, now: dt.datetime) -> None:
    companies = {c.name.lower(): c for c in unit.companies()}
    contacts = list(unit.contacts())
    by_email = {c.email.lower(): c for c in contacts if c.email}
    by_name = {(c.name.lower(), c.company_id): c for c in contacts}
    members = {m.name.lower(): m for m in unit.members()}

    def company_for(name: str) -> Company:
        row = companies.get(name.lower())
        if row is None:
            row = Company(team_id=unit.team_id, name=name, aliases=[], created_at=now)
            unit.add(row)
            unit.flush()
            companies[name.lower()] = row
            report.added.append(name)
        return row

    for row in rows:
        if row.is_company:
            existing = companies.get(row.name.lower())
            if existing is None:
                created = company_for(row.name)
                created.aliases = list(row.aliases)
            elif row.aliases and set(row.aliases) - set(existing.aliases or []):
                existing.aliases = sorted(set(existing.aliases or []) | set(row.aliases))
                report.updated.append(row.name)
            else:
                report.unchanged += 1
            continue
        company = company_for(row.company) if row.company else None
        owner: Member | None = members.get(row.owner.lower()) if row.owner else None
        contact = (by_email.get(row.email.lower()) if row.email else None) or by_name.get(
            (row.name.lower(), company.id if company else None)
        )
        wanted = {
            "name": row.name,
            "company_id": company.id if company else None,
            "email": row.email,
            "phone": row.phone,
        }
        if contact is None:
            contact = Contact(team_id=unit.team_id, aliases=list(row.aliases), created_at=now,
                              owner_id=owner.id if owner else None, **wanted)  # fmt: skip
            unit.add(contact)
            unit.flush()
            report.added.append(row.name)
        else:
            changed = False
            for key, value in wanted.items():
                if value is not None and getattr(contact, key) != value:
                    setattr(contact, key, value)
                    changed = True
            if owner is not None and contact.owner_id != owner.id:
                contact.owner_id, changed = owner.id, True
            if changed:
                report.updated.append(row.name)
            else:
                report.unchanged += 1
        if contact.email:
            by_email[contact.email.lower()] = contact
        by_name[(contact.name.lower(), contact.company_id)] = contact
    if report.updated:  # additions are noted as rows are added
        unit.touch_directory()
