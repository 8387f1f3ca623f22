"""Import (JSON directory, CSV with CRM headers) and export."""

from __future__ import annotations

import json
from pathlib import Path

from handlers.core import Core
from handlers.exporter import export_all
from handlers.importer import import_path
from tests.conftest import Say
from tests.handlers.helpers import rows

HUBSPOT = """First Name,Last Name,Company Name,Email Address,Phone Number,Contact Owner
Ada,Lovelace,Analytical Engines,ada@ae.example,+44 20 1234,sam
Grace,Hopper,Navy Labs,grace@navy.example,,
,,Nobody Inc,,,
Alan,Turing,Bletchley,not-an-email,,
"""
SALESFORCE = """Full Name;Account Name;Email;Mobile
Ada Lovelace;Analytical Engines;ada@ae.example;+44 20 9999
Charles Babbage;Analytical Engines;cb@ae.example;
"""


def test_csv_with_hubspot_headers_reports_added_and_skipped(core: Core, tmp_path: Path) -> None:
    path = tmp_path / "hubspot.csv"
    path.write_text(HUBSPOT, encoding="utf-8")
    report = core.in_unit(import_path, path, core.clock())
    assert report.ok
    assert {"Ada Lovelace", "Grace Hopper", "Analytical Engines", "Navy Labs"} <= set(report.added)
    assert report.skipped == [(4, "no name"), (5, "bad email “not-an-email”")]
    summary = report.summary()
    assert "line 4: skipped, no name" in summary
    assert "2 skipped" in summary
    ada = next(r for r in rows(core, "contacts") if r["name"] == "Ada Lovelace")
    assert ada["company"] == "Analytical Engines"
    assert ada["email"] == "ada@ae.example"


def test_reimport_updates_and_never_duplicates(core: Core, tmp_path: Path) -> None:
    first = tmp_path / "a.csv"
    first.write_text(HUBSPOT, encoding="utf-8")
    core.in_unit(import_path, first, core.clock())
    again = core.in_unit(import_path, first, core.clock())
    assert again.added == []
    assert again.updated == []
    assert again.unchanged == 2
    second = tmp_path / "b.csv"
    second.write_text(SALESFORCE, encoding="utf-8")
    report = core.in_unit(import_path, second, core.clock())
    assert report.updated == ["Ada Lovelace"]
    assert report.added == ["Charles Babbage"]
    assert [r["name"] for r in rows(core, "contacts")].count("Ada Lovelace") == 1


def test_a_broken_file_imports_nothing(core: Core, tmp_path: Path) -> None:
    before = len(rows(core, "contacts"))
    for name, data in [
        ("bad.json", b'{"people": [{"name": "Ok Person"}, {"company": "no name"}]}'),
        ("bad.csv", b"Colour,Size\nred,3\n"),
        ("binary.csv", b"\x00\x01\x02name\n"),
        ("quote.csv", b'Name,Company\nAda,"Analytical\nGrace,Navy\n'),
    ]:
        path = tmp_path / name
        path.write_bytes(data)
        report = core.in_unit(import_path, path, core.clock())
        assert not report.ok, name
        assert report.summary().startswith("Nothing imported"), name
    assert len(rows(core, "contacts")) == before


def test_directory_json_import_is_idempotent(core: Core, tmp_path: Path) -> None:
    from tests.conftest import DIRECTORY

    report = core.in_unit(import_path, DIRECTORY, core.clock())
    assert report.added == []
    assert report.updated == []


def test_export_writes_every_table_in_both_formats(core: Core, say: Say, tmp_path: Path) -> None:
    say("called Hope, she wants a quote friday")
    say("Zephyr signed!! $48k")
    say("remind me to call Greg thursday at 9am")
    for fmt in ("csv", "json"):
        paths = core.in_unit(export_all, tmp_path / fmt, fmt)  # type: ignore[arg-type]
        assert sorted(p.name for p in paths) == sorted(
            f"{n}.{fmt}"
            for n in (
                "members",
                "identities",
                "companies",
                "contacts",
                "interactions",
                "tasks",
                "deals",
                "digest_subscriptions",
                "allowed_chats",
                "feedback",
                "notices",
                "audit_events",
                "team",
            )
        )
    tasks = json.loads((tmp_path / "json" / "tasks.json").read_text(encoding="utf-8"))
    assert (tasks[0]["due_date"], tasks[0]["due_at"]) == ("2026-11-20", None)
    # A timed task's instant, in UTC: Thu 09:00 in New York.
    assert (tasks[1]["due_date"], tasks[1]["due_at"]) == ("2026-11-19", "2026-11-19T14:00:00+00:00")
    assert ",2026-11-19T14:00:00+00:00," in (tmp_path / "csv" / "tasks.csv").read_text("utf-8")
    csv_text = (tmp_path / "csv" / "interactions.csv").read_text(encoding="utf-8")
    assert "called Hope, she wants a quote friday" in csv_text


def test_the_readme_directory_format_imports(core: Core, tmp_path: Path) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    block = readme.split("**A team directory**", 1)[1].split("```json\n", 1)[1]
    path = tmp_path / "DIRECTORY.json"
    path.write_text(block.split("```", 1)[0], encoding="utf-8")
    report = core.in_unit(import_path, path, core.clock())
    assert report.ok, report.summary()
    hope = next(r for r in rows(core, "contacts") if r["name"] == "Hope Ferreira")
    assert (hope["email"], hope["owner"]) == ("hope@brightwater.example", "sam")
    company = next(r for r in rows(core, "companies") if r["name"] == "Brightwater Foods")
    assert company["owner"] == "sam"
