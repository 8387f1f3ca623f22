"""Reading a CSV of contacts or companies as CRMs and spreadsheets write them.

The encoding is found (UTF-8 with or without BOM, UTF-16, Excel's Windows code pages),
the dialect sniffed (`;` from European Excel, tabs from "Unicode text"), and the headers
of HubSpot, Salesforce and plain spreadsheets mapped to fields. A row with broken quoting
refuses the whole file, naming its line: guessing where its cells end would misfile data.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from charset_normalizer import from_bytes

#: Normalised header (lower case, letters and digits only) -> field.
HEADERS = {
    "name": {"name", "fullname", "contactname", "contact", "person"},
    "first": {"firstname", "first", "givenname", "forename"},
    "last": {"lastname", "last", "surname", "familyname"},
    "company": {"company", "companyname", "account", "accountname", "organization",
                "organisation", "org", "associatedcompany", "business"},
    "email": {"email", "emailaddress", "email1", "workemail", "mail"},
    "phone": {"phone", "phonenumber", "mobile", "mobilephone", "mobilephonenumber",
              "workphone", "telephone", "tel", "businessphone"},
    "title": {"jobtitle", "title", "position", "role"},
    "owner": {"owner", "contactowner", "ownername", "salesrep", "hubspotowner",
              "recordowner"},
    "company_owner": {"companyowner", "accountowner"},
    "owner_email": {"owneremail", "contactowneremail", "recordowneremail", "salesrepemail",
                    "hubspotowneremail"},
    "aliases": {"aliases", "alias", "nicknames", "nickname", "alsoknownas", "aka"},
    "created": {"createdate", "createddate", "created", "createdat", "createdon",
                "datecreated"},
    "last_activity": {"lastactivitydate", "lastactivity", "lastmodifieddate", "lastmodified",
                      "lastcontacted", "lastengagementdate"},
}  # fmt: skip
#: What Excel and CRMs write, Western code page first: on a tie it is the likelier one.
ENCODINGS = ["utf_8", "utf_16", "utf_16_le", "utf_16_be", "cp1252", "cp1250", "cp1251"]
_NAMES = {"utf_8": "UTF-8", "utf_8_sig": "UTF-8 with BOM", "utf_16": "UTF-16",
          "utf_16_le": "UTF-16", "utf_16_be": "UTF-16", "cp1252": "Windows-1252 (Latin-1)",
          "cp1250": "Windows-1250", "cp1251": "Windows-1251"}  # fmt: skip


@dataclass
class Record:
    """One data row: its line in the file and its cells by field."""

    line: int
    cells: dict[str, str]

    def get(self, name: str) -> str | None:
        """A cell, stripped; None when empty or absent."""
        value = self.cells.get(name, "").strip()
        return value or None


def decode(raw: bytes) -> tuple[str, str]:
    """The text of `raw` and the encoding's name for a person.

    Raises:
        ValueError: not text in any encoding a spreadsheet writes.
    """
    if raw.startswith(codecs.BOM_UTF8):
        encoding = "utf_8_sig"
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf_16"
    elif b"\x00" not in raw and _is_utf8(raw):
        encoding = "utf_8"
    else:
        encoding = _guess(raw)
    text = raw.decode(encoding)
    if "\x00" in text:
        raise ValueError("the file is not text")
    return text, _NAMES.get(encoding, encoding)


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _guess(raw: bytes) -> str:
    matches = from_bytes(raw, cp_isolation=ENCODINGS)
    best = matches.best()
    if best is None:
        raise ValueError("the file is not text")
    if "cp1252" in best.could_be_from_charset:  # Windows-1252 when it reads the same
        return "cp1252"
    for match in matches:  # or as well as the best guess
        if match.encoding == "cp1252" and match.chaos <= best.chaos:
            return "cp1252"
    return str(best.encoding)


def column_map(header: list[str]) -> dict[str, int]:
    """Field -> column index, for the headers this module knows (first one wins)."""
    found: dict[str, int] = {}
    for i, raw in enumerate(header):
        key = re.sub(r"[^a-z0-9]", "", raw.lower())
        for field_name, names in HEADERS.items():
            if key in names and field_name not in found:
                found[field_name] = i
    return found


def records(text: str) -> tuple[dict[str, int], Iterator[Record], str]:
    """The header's fields, the data rows (blank rows left out) and the separator.

    Raises:
        ValueError: an empty file, or (while iterating) a row with broken quoting.
    """
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    # Quotes are doubled inside quoted cells (Excel and every CRM): the sniffer cannot tell
    # when none are, and without it a stray quote would pass unnoticed.
    reader = csv.reader(io.StringIO(text), dialect, strict=True, doublequote=True)
    header = next(reader, None)
    if not header:
        raise ValueError("the file is empty")
    cols = column_map(header)
    return cols, _rows(reader, cols), str(dialect.delimiter)


def _rows(reader: Any, cols: dict[str, int]) -> Iterator[Record]:
    while True:
        start = reader.line_num + 1  # a quoted cell may span lines: say where the row began
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ValueError(f"line {start}: broken quoting ({exc}); nothing imported") from exc
        if any(cell.strip() for cell in row):
            yield Record(start, {f: row[i] for f, i in cols.items() if i < len(row)})


_DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%m/%d/%Y %H:%M",
                 "%m/%d/%Y %I:%M %p", "%m/%d/%Y", "%d/%m/%Y %H:%M", "%d/%m/%Y", "%d.%m.%Y %H:%M",
                 "%d.%m.%Y", "%m/%d/%y", "%d/%m/%y")  # fmt: skip


def read_date(value: str | None, day_first: bool = False) -> dt.datetime | None:
    """A CRM's date or date and time as aware UTC (a zoneless one is taken as UTC).

    ISO 8601 first; slashes are month first (HubSpot, Salesforce in the US) unless
    `day_first`. None when it does not read as a date.
    """
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        when = None
        for fmt in _DATE_FORMATS:
            if day_first and fmt.startswith("%m/"):
                continue
            try:
                when = dt.datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
    if when is None:
        return None
    return when.replace(tzinfo=dt.UTC) if when.tzinfo is None else when.astimezone(dt.UTC)


def day_first(values: list[str]) -> bool:
    """Whether slashed dates in a column are day first: some first number is above 12."""
    for value in values:
        first = value.strip().split("/")[0]
        if "/" in value and first.isdigit() and int(first) > 12:
            return True
    return False
