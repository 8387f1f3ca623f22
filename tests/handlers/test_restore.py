"""Backup and restore: `export DIR` then `import DIR` on an empty database gives it all back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from handlers.core import Core, CoreSettings
from handlers.exporter import TABLES, export_all
from handlers.importer import ImportReport, import_path
from handlers.restore import COLUMNS, RestoreReport
from handlers.types import Message
from store import Store
from store.backup import MODELS
from store.models import Contact
from tests.conftest import DIRECTORY, PG_URL, Clock, Say
from tests.handlers.helpers import rows

FILES = ("members", "identities", "companies", "contacts", "interactions", "tasks", "deals",
         "digest_subscriptions", "allowed_chats", "feedback", "notices", "audit_events",
         "team")  # fmt: skip


@pytest.fixture
def empty(store_url: str, clock: Clock) -> Iterator[Core]:
    """A second core on a second, empty database of the same backend."""
    if store_url.startswith("sqlite"):
        url = store_url.replace("rapport.db", "restored.db")
    else:
        assert PG_URL
        import sqlalchemy as sa

        engine = sa.create_engine(PG_URL)
        with engine.begin() as conn:
            conn.execute(sa.text("DROP SCHEMA IF EXISTS rapport_restore CASCADE"))
            conn.execute(sa.text("CREATE SCHEMA rapport_restore"))
        engine.dispose()
        url = f"{PG_URL}{'&' if '?' in PG_URL else '?'}options=-csearch_path%3Drapport_restore"
    store = Store(url)
    yield Core(store, CoreSettings(default_tz="America/New_York"), clock=clock)
    store.dispose()


def _busy(core: Core, say: Say, clock: Clock) -> None:
    """A team with a bit of everything: settings, two platforms, undone and done work."""
    say("quiet 20:00-08:00")
    say("digest 08:30", chat="C-sales", direct=False)
    say("allow", platform="telegram", user="999", name="Ops", chat="-100", direct=False)
    say("workday 08:30")
    say("called Hope at brightwater, she wants the revised quote by friday")
    say("Zephyr signed!! $48k")
    clock.advance(hours=2)
    say("met Dev Patel from Acme about the rollout, he was happy")
    say("called Hope about pricing")
    say("undo")
    # A timed task: due at an instant.
    say("remind me to ping Tom next Monday at 10am", platform="telegram", user="999", name="Ops")
    say("done 1")
    say("stages lead, demo, proposal, won, lost")
    say("talked to Greg at Harbor, he rated us 4/5, wants faster delivery")
    say("Greg complained about invoice errors")
    say("remind me to call Olu friday", platform="telegram", user="999", name="Ops")
    say("move 4 to the 24th")  # Ops is told: a notice not sent yet
    with core.store.unit(core.settings.team_slug) as unit:
        gone = unit.session.get(Contact, rows(core, "contacts")[-1]["id"])
        assert gone is not None
        gone.deleted_at = clock.now


def _export(core: Core, directory: Path, fmt: str) -> None:
    core.in_unit(export_all, directory, fmt)  # type: ignore[arg-type]


def _import(core: Core, path: Path) -> ImportReport | RestoreReport:
    return core.in_unit(import_path, path, core.clock())


def _files(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_then_import_restores_everything(
    core: Core, say: Say, clock: Clock, empty: Core, tmp_path: Path, fmt: str
) -> None:
    _busy(core, say, clock)
    _export(core, tmp_path / "backup", fmt)  # type: ignore[arg-type]
    original = _files(tmp_path / "backup")
    assert sorted(original) == sorted(f"{n}.{fmt}" for n in FILES)
    report = _import(empty, tmp_path / "backup")
    assert isinstance(report, RestoreReport)
    assert report.ok, report.summary()
    assert report.counts["interactions"].added == len(rows(core, "interactions"))
    _export(empty, tmp_path / "again", fmt)  # type: ignore[arg-type]
    assert _files(tmp_path / "again") == original
    assert any(r["deleted_at"] for r in rows(empty, "interactions"))
    assert any(r["deleted_at"] for r in rows(empty, "contacts"))
    assert {r["status"] for r in rows(empty, "tasks")} >= {"done", "open"}
    timed = [(r["title"], r["due_at"]) for r in rows(empty, "tasks") if r["due_at"]]
    assert timed == [("Ping Tom", "2026-11-23T15:00:00+00:00")]  # Mon 10:00 in New York
    assert [r["chat"] for r in rows(empty, "digest_subscriptions")] == ["C-sales"]
    assert [r["chat"] for r in rows(empty, "allowed_chats")] == ["-100"]
    assert rows(empty, "team") == [{"deal_stages": "lead; demo; proposal; won; lost"}]
    assert {r["kind"] for r in rows(empty, "feedback")} >= {"csat", "complaint"}
    # Ops is told of the move; the complaint nobody owns waits for the sales channel.
    assert [(r["member"], r["chat"], r["kind"]) for r in rows(empty, "notices")] == [
        (None, "C-sales", "complaint"),
        ("Ops", None, None),
    ]
    assert rows(empty, "audit_events") == rows(core, "audit_events")
    # The restored audit log is the one undo reads: the last change is undone as it was.
    (undone,) = empty.handle(
        Message(platform="console", user="sam", chat="dm", text="undo", sent_at=clock.now,
                message_id="undo-after-restore", user_tz="America/New_York")
    )  # fmt: skip
    assert undone.text.startswith("Undone: #4")


def test_restoring_twice_changes_nothing(
    core: Core, say: Say, clock: Clock, empty: Core, tmp_path: Path
) -> None:
    _busy(core, say, clock)
    _export(core, tmp_path / "backup", "csv")
    assert _import(empty, tmp_path / "backup").ok
    again = _import(empty, tmp_path / "backup")
    assert isinstance(again, RestoreReport)
    assert again.summary().startswith("Restored: 0 added, 0 updated, ")
    _export(empty, tmp_path / "after", "csv")
    assert _files(tmp_path / "after") == _files(tmp_path / "backup")


def test_the_restored_team_carries_on(
    core: Core, say: Say, clock: Clock, empty: Core, tmp_path: Path
) -> None:
    _busy(core, say, clock)
    _export(core, tmp_path / "backup", "json")
    assert _import(empty, tmp_path / "backup").ok
    numbers = [r["number"] for r in rows(empty, "tasks")]
    ids = [r["id"] for r in rows(empty, "interactions")]
    empty.handle(
        Message(platform="console", user="sam", chat="dm",
                text="called Hope, remind me to send the contract tomorrow",
                sent_at=clock.now, message_id="after-restore", user_tz="America/New_York")
    )  # fmt: skip
    tasks = rows(empty, "tasks")
    assert max(r["number"] for r in tasks) == max(numbers) + 1
    assert max(r["id"] for r in rows(empty, "interactions")) > max(ids)
    assert [r["name"] for r in rows(empty, "members")] == [r["name"] for r in rows(core, "members")]


def test_a_broken_backup_restores_nothing(core: Core, say: Say, clock: Clock, empty: Core,
                                          tmp_path: Path) -> None:  # fmt: skip
    _busy(core, say, clock)
    _export(core, tmp_path / "backup", "csv")
    tasks = tmp_path / "backup" / "tasks.csv"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace(",open,", ",open-ish,", 1)
                     .replace("2026-", "twenty-", 1), encoding="utf-8")  # fmt: skip
    report = _import(empty, tmp_path / "backup")
    assert not report.ok
    assert "tasks.csv row" in report.summary()
    assert rows(empty, "members") == []
    assert rows(empty, "interactions") == []


def test_a_folder_that_is_not_an_export_is_refused(empty: Core, tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "members.csv").write_text("id,name\n1,Sam\n", encoding="utf-8")
    report = _import(empty, folder)
    assert not report.ok
    assert "members.csv has no created_at column" in report.summary()
    (folder / "members.csv").unlink()
    assert "members.json is missing" in _import(empty, folder).summary()
    assert rows(empty, "members") == []


#: Columns a backup leaves out on purpose: the team (a restore gives its own), which
#: sender holds a nudge or digest right now, and when a notice went (only unsent ones go).
NOT_CARRIED = {"team_id", "lease_owner", "lease_until", "sent_at"}


def test_every_stored_column_is_in_the_backup() -> None:
    missing = {
        f"{table}.{column.name}"
        for table, model in MODELS.items()
        for column in model.__table__.columns
        if column.name not in NOT_CARRIED
        and column.name not in {attr for attr, _ in COLUMNS[table].values()}
    }
    assert not missing, (
        f"{sorted(missing)} would be lost by export then import: add each to store/exports.py, "
        "handlers/exporter.py (after the existing columns) and handlers/restore.py COLUMNS"
    )
    assert set(MODELS) | {"team"} == set(TABLES)
    for table in MODELS:
        assert set(COLUMNS[table]) <= set(TABLES[table][1]), table


def test_a_backup_never_overwrites_other_rows_with_the_same_ids(
    core: Core, say: Say, clock: Clock, empty: Core, tmp_path: Path
) -> None:
    _busy(core, say, clock)
    _export(core, tmp_path / "backup", "csv")
    clock.advance(days=1)
    assert _import(empty, DIRECTORY).ok  # the same names, other rows: added a day later
    before = rows(empty, "companies")
    report = _import(empty, tmp_path / "backup")
    assert not report.ok
    assert "is another row in this database" in report.summary()
    assert rows(empty, "companies") == before


def _drop(path: Path, columns: set[str]) -> None:
    """Rewrite an exported CSV without some columns, as an older version wrote it."""
    import csv

    with path.open(newline="", encoding="utf-8") as f:
        table = list(csv.DictReader(f))
    kept = [c for c in table[0] if c not in columns] if table else []
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, kept, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(table)


def test_an_older_export_restores_with_what_it_has(
    core: Core, say: Say, clock: Clock, empty: Core, tmp_path: Path
) -> None:
    _busy(core, say, clock)
    backup = tmp_path / "backup"
    _export(core, backup, "csv")
    # What an export of an earlier version lacked: later columns and later tables.
    _drop(backup / "tasks.csv", {"purpose"})
    _drop(backup / "members.csv", {"email", "tz_by_hand"})
    _drop(backup / "contacts.csv", {"last_touch_at", "title"})
    _drop(backup / "companies.csv", {"last_touch_at"})
    for later in ("feedback", "notices", "audit_events", "team"):
        (backup / f"{later}.csv").unlink()
    report = _import(empty, backup)
    assert report.ok, report.summary()
    summary = report.summary()
    assert "From an older export" in summary
    assert "tasks.purpose" in summary
    assert "no feedback" in summary
    assert len(rows(empty, "interactions")) == len(rows(core, "interactions"))
    assert [r["title"] for r in rows(empty, "tasks")] == [r["title"] for r in rows(core, "tasks")]
    # The last touch an older export did not keep is read off the restored log again.
    touched = {r["name"]: r["last_touch_at"] for r in rows(core, "contacts")}
    assert any(touched.values())
    assert {r["name"]: r["last_touch_at"] for r in rows(empty, "contacts")} == touched


def test_an_export_without_a_table_every_version_wrote_is_refused(
    core: Core, say: Say, clock: Clock, empty: Core, tmp_path: Path
) -> None:
    _busy(core, say, clock)
    _export(core, tmp_path / "backup", "csv")
    (tmp_path / "backup" / "interactions.csv").unlink()
    report = _import(empty, tmp_path / "backup")
    assert not report.ok
    assert "interactions.csv is missing" in report.summary()
    assert rows(empty, "members") == []
