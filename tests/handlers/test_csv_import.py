"""CSV import as CRMs and Excel write it: encodings, dialects, quoting, dates, owners."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from handlers import access
from handlers.core import Core
from handlers.importer import ImportReport, import_path
from handlers.restore import RestoreReport
from handlers.types import Message
from store import reports
from tests.conftest import Say
from tests.handlers.helpers import button, rows

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "hubspot-contacts.csv"
PEOPLE = "Name;Company;Email\nJosé Müller;Café Crème;jose@cafe.example\nRenée Señor;Straße AG;\n"


def _import(core: Core, path: Path) -> ImportReport:
    report = core.in_unit(import_path, path, core.clock())
    assert not isinstance(report, RestoreReport)
    return report


@pytest.mark.parametrize(
    ("encoding", "text", "named"),
    [
        ("cp1252", PEOPLE, "Windows-1252 (Latin-1), separated by ';'"),
        ("latin-1", PEOPLE, "Windows-1252 (Latin-1), separated by ';'"),
        ("utf-16", PEOPLE.replace(";", "\t"), "UTF-16, separated by tabs"),
        ("utf-8-sig", PEOPLE.replace(";", ","), "UTF-8 with BOM, separated by ','"),
        ("utf-8", PEOPLE, "UTF-8, separated by ';'"),
    ],
)
def test_excel_encodings_are_read_and_named(
    core: Core, tmp_path: Path, encoding: str, text: str, named: str
) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(text.encode(encoding))
    report = _import(core, path)
    assert report.ok, report.summary()
    assert f"read as {named}" in report.summary()
    names = {r["name"] for r in rows(core, "contacts")}
    assert {"José Müller", "Renée Señor"} <= names
    assert {"Café Crème", "Straße AG"} <= {r["name"] for r in rows(core, "companies")}


def test_a_row_with_broken_quoting_refuses_the_file_with_its_line(
    core: Core, tmp_path: Path
) -> None:
    before = rows(core, "contacts")
    path = tmp_path / "broken.csv"
    path.write_text(
        'Name,Company,Notes\nAda Lovelace,Analytical,"fine, quoted"\n'
        'Grace Hopper,"Navy" Labs,x\nAlan Turing,Bletchley,\n',
        encoding="utf-8",
    )
    report = _import(core, path)
    assert not report.ok
    assert report.summary().startswith("Nothing imported: line 3: broken quoting")
    path.write_text('Name,Company\nAda Lovelace,"Analytical\nGrace Hopper,Navy\n', encoding="utf-8")
    assert _import(core, path).summary().startswith("Nothing imported: line 2: broken quoting")
    assert rows(core, "contacts") == before


def test_hubspot_example_keeps_crm_dates_owners_titles_and_aliases(core: Core) -> None:
    report = _import(core, EXAMPLE)
    assert report.ok, report.summary()
    assert report.skipped == []
    assert sorted(report.new_members) == ["Dana Whitfield", "Marco Ruiz"]
    contacts = {r["name"]: r for r in rows(core, "contacts")}
    ines = contacts["Inès Duarte"]
    assert ines["created_at"] == "2024-03-05T09:12:00+00:00"
    assert ines["owner"] == "Dana Whitfield"
    assert "Ines" in ines["aliases"].split("; ")
    assert ines["title"] == "Head of Purchasing"
    assert contacts["Ravi Menon"]["title"] == "Director, Field Services"
    companies = {r["name"]: r for r in rows(core, "companies")}
    assert companies["Northwind Traders"]["owner"] == "Marco Ruiz"
    assert companies["Northwind Traders"]["created_at"] == "2023-11-20T00:00:00+00:00"
    again = _import(core, EXAMPLE)
    assert (again.added, again.updated, again.new_members) == ([], [], [])


def test_last_activity_makes_cold_customers_cold_from_day_one(core: Core) -> None:
    _import(core, EXAMPLE)
    contacts = {r["name"]: r for r in rows(core, "contacts")}
    assert contacts["Inès Duarte"]["last_touch_at"] == "2026-10-02T15:40:00+00:00"
    assert contacts["Harriet Lowe"]["last_touch_at"] is None
    now = core.clock()
    with core.unit() as unit:
        cold, _ = reports.cold_customers(unit, now - dt.timedelta(days=60), now.date(), 100)
        names = {unit.company(c.id).name for c in cold if c.kind == "company"}  # type: ignore[union-attr]
    assert {"Kestrel Aviation", "Lowe & Daughters"} <= names
    assert "Northwind Traders" not in names  # Inès was in touch in October


def test_an_import_is_not_a_crowd_of_new_customers(core: Core) -> None:
    _import(core, EXAMPLE)
    week_ago = core.clock() - dt.timedelta(days=7)
    imported = [r for r in rows(core, "contacts") if r["email"] and "example" in r["email"]]
    assert len(imported) == 4
    assert all(r["created_at"] < week_ago.isoformat() for r in imported)


def test_salesforce_companies_with_day_first_dates(core: Core, tmp_path: Path) -> None:
    path = tmp_path / "accounts.csv"
    path.write_text(
        "Account Name;Account Owner;Created Date;Aliases\n"
        "Globex;sam;25/01/2024;Globex Corp, GX\nInitech;;03/02/2024;\n",
        encoding="utf-8",
    )
    report = _import(core, path)
    assert report.ok, report.summary()
    companies = {r["name"]: r for r in rows(core, "companies")}
    assert companies["Globex"]["created_at"] == "2024-01-25T00:00:00+00:00"
    assert companies["Initech"]["created_at"] == "2024-02-03T00:00:00+00:00"
    assert companies["Globex"]["aliases"] == "Globex Corp; GX"
    assert companies["Globex"]["owner"] == "sam"


def test_an_imported_owner_is_claimed_when_they_first_speak(core: Core, say: Say) -> None:
    _import(core, EXAMPLE)
    dana = next(r for r in rows(core, "members") if r["name"] == "Dana Whitfield")
    say("who is Inès?", platform="slack", user="U7", name="dana whitfield", chat="C1")
    members = rows(core, "members")
    assert len(members) == 2  # the imported member, not a third one
    (identity,) = [i for i in rows(core, "identities") if i["user_key"] == "U7"]
    assert identity["member_id"] == dana["id"]
    (claimed,) = [m for m in members if m["id"] == dana["id"]]
    assert claimed["name"] == "dana whitfield"  # Slack's profile is the team's record
    ines = next(r for r in rows(core, "contacts") if r["name"] == "Inès Duarte")
    assert ines["owner_id"] == dana["id"]


def _member_of(core: Core, user: str) -> int:
    (identity,) = [i for i in rows(core, "identities") if i["user_key"] == user]
    return int(identity["member_id"])


def test_a_telegram_name_claims_nobody_an_admins_invite_does(core: Core, say: Say) -> None:
    _import(core, EXAMPLE)
    marco = next(r["id"] for r in rows(core, "members") if r["name"] == "Marco Ruiz")
    # Anyone holding a team invite may call themselves Marco on Telegram: that is not Marco.
    code = core.in_unit(access.make_code, core.clock(), None, None)
    (welcome,) = say(f"/start {code}", platform="telegram", user="42", name="Marco Ruiz")
    assert "Welcome" in welcome.text
    assert _member_of(core, "42") != marco
    companies = {r["name"]: r for r in rows(core, "companies")}
    assert companies["Northwind Traders"]["owner_id"] == marco
    (refused,) = say("invite Marco Ruiz", platform="slack", user="U2", name="Blair Field")
    assert "Only an admin" in refused.text
    (given,) = say("invite Marco Ruiz")  # the terminal's user administers the team
    assert given.ephemeral
    assert given.text.startswith("Invite code for Marco Ruiz: ")
    code = given.text.split(": ")[1].split()[0]
    (linked,) = say(f"/start {code}", platform="telegram", user="43", name="M")
    assert linked.text.startswith("Linked: you're Marco Ruiz")
    assert _member_of(core, "43") == marco
    # "invite" that names no member waiting to join is not this command.
    (task,) = say("invite Hope to the demo friday")
    assert "Invite code" not in task.text


def _slack(core: Core, user: str, name: str, email: str | None, text: str = "my tasks") -> None:
    core.handle(
        Message(platform="slack", user=user, chat="D1", text=text, sent_at=core.clock(),
                message_id=f"slack:{user}:{text}", user_name=name, user_email=email)
    )  # fmt: skip


def test_an_owner_email_is_claimed_by_that_slack_profile_not_by_the_name(
    core: Core, tmp_path: Path
) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text("Name,Company,Contact owner,Owner email\n"
                    "Ada Park,Initrode,Sam Lee,Sam.Lee@corp.example\n", encoding="utf-8")  # fmt: skip
    assert _import(core, path).new_members == ["Sam Lee"]
    sam = next(r for r in rows(core, "members") if r["name"] == "Sam Lee")
    assert sam["email"] == "sam.lee@corp.example"
    # Another workspace member who renames themselves Sam Lee claims nothing.
    _slack(core, "U8", "Sam Lee", "impostor@corp.example")
    assert _member_of(core, "U8") != sam["id"]
    _slack(core, "U9", "Samuel Lee", "sam.lee@corp.example")
    assert _member_of(core, "U9") == sam["id"]
    ada = next(r for r in rows(core, "contacts") if r["name"] == "Ada Park")
    assert ada["owner_id"] == sam["id"]


def test_an_admin_links_an_imported_owner_to_a_member_and_can_undo_it(core: Core, say: Say) -> None:
    _import(core, EXAMPLE)
    marco = next(r["id"] for r in rows(core, "members") if r["name"] == "Marco Ruiz")
    say("my tasks", platform="slack", user="U5", name="Marco R.")
    joined = _member_of(core, "U5")
    (refused,) = say("link Marco Ruiz to Marco R.", platform="slack", user="U5", name="Marco R.")
    assert "Only an admin" in refused.text
    (linked,) = say("link Marco Ruiz to Marco R.")
    assert linked.text.startswith("Linked: Marco Ruiz is Marco R. now; ")
    companies = {r["name"]: r for r in rows(core, "companies")}
    assert companies["Northwind Traders"]["owner_id"] == joined
    assert "Marco Ruiz" not in {r["name"] for r in rows(core, "members") if r["active"]}
    (undone,) = say(action=button(linked, "Undo"))
    assert undone.text.startswith("Undone: Marco Ruiz is a separate member again")
    companies = {r["name"]: r for r in rows(core, "companies")}
    assert companies["Northwind Traders"]["owner_id"] == marco
    (nobody,) = say("link Nobody Here to Marco R.")
    assert "No imported member" in nobody.text
