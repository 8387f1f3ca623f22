"""The directory cache: additions are read as new rows only, other changes afresh, and
every process (replica) sees both."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event

from handlers import directory as dirmod
from handlers.core import Core, CoreSettings
from store import Store
from store.models import Contact
from tests.conftest import NOW, Say


@pytest.fixture
def reads(core: Core, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Which kind of read each directory reload was: 'all' or 'new rows'.

    Told apart by the SQL: the directory's contacts query asks for ids above 0 when it
    reads everything, above the highest id it saw when it reads new rows only (with no
    window for late commits, so the two differ on a small team).
    """
    monkeypatch.setattr(dirmod, "ADDED_WINDOW", 0)
    seen: list[str] = []

    def look(_conn: object, _cursor: object, statement: str, _params: object,
             context: Any, _many: bool) -> None:  # fmt: skip
        if statement.lstrip().startswith("SELECT contacts.id, contacts.name, contacts.company_id"):
            since = context.compiled_parameters[0]["id_1"]
            seen.append("all" if since == 0 else "new rows")

    event.listen(core.store.engine, "before_cursor_execute", look)
    yield seen
    event.remove(core.store.engine, "before_cursor_execute", look)


def names(core: Core) -> set[str]:
    with core.unit() as unit:
        return {p.name for p in core.directories.load(unit).directory.people}


def add_by_chat(say: Say, who: str) -> None:
    (ask,) = say(f"called {who}, wants a quote friday")
    assert "new contact" in ask.text, ask.text
    add = next(b for b in ask.buttons if b.label == "Add contact")
    (done,) = say(action=(add.action, add.value))
    assert f"Logged call with {who}" in done.text, done.text


def test_a_contact_added_in_chat_is_read_as_a_new_row(
    store: Store, core: Core, say: Say, reads: list[str]
) -> None:
    names(core)
    add_by_chat(say, "Zed Quirkman")
    reads.clear()
    (card,) = say("who is Zed Quirkman?")
    assert card.title.startswith("Zed Quirkman"), card.text
    assert reads == ["new rows"]
    (again,) = say("who is Zed?")  # first name alone: found through the grown index
    assert again.title.startswith("Zed Quirkman"), again.text
    assert reads == ["new rows"]  # nothing read again


def test_a_late_commit_below_the_top_id_is_still_found(store: Store, core: Core) -> None:
    # Another writer took a lower id but committed after a higher one was read: the
    # addition counter it bumps makes readers look back below their highest id.
    with store.unit("default") as unit:
        top = unit.directory_stamp().top_contact
        unit.add(Contact(team_id=unit.team_id, name="Ivo High", aliases=[], created_at=NOW,
                         id=top + 5))  # fmt: skip
        unit.note_directory_addition()
    assert "Ivo High" in names(core)
    with store.unit("default") as unit:
        unit.add(Contact(team_id=unit.team_id, name="Lea Late", aliases=[], created_at=NOW,
                         id=top + 2))  # fmt: skip
        unit.note_directory_addition()
    assert {"Ivo High", "Lea Late"} <= names(core)


def test_a_rename_reads_everything_again(store: Store, core: Core, reads: list[str]) -> None:
    before = names(core)
    with store.unit("default") as unit:
        contact = unit.contacts()[0]
        old, contact.name = contact.name, "Renamed Person"
        unit.touch_directory()
    reads.clear()
    after = names(core)
    assert reads == ["all"]
    assert "Renamed Person" in after
    assert old not in after
    assert len(after) == len(before)


def test_another_store_on_the_same_database_sees_additions(
    store_url: str, store: Store, core: Core
) -> None:
    other = Core(Store(store_url), CoreSettings(), clock=lambda: NOW + dt.timedelta(hours=1))
    assert "Zed Quirkman" not in names(other)
    with store.unit("default") as unit:
        unit.add(Contact(team_id=unit.team_id, name="Zed Quirkman", aliases=[], created_at=NOW))
        unit.note_directory_addition()
    assert "Zed Quirkman" in names(other)
    other.store.dispose()


def test_rows_rolled_back_are_not_remembered(store: Store, core: Core) -> None:
    names(core)
    try:
        with store.unit("default") as unit:
            unit.add(Contact(team_id=unit.team_id, name="Phantom Person", aliases=[],
                             created_at=NOW))  # fmt: skip
            unit.note_directory_addition()
            assert "Phantom Person" in {
                p.name for p in core.directories.load(unit).directory.people
            }
            raise RuntimeError("the message failed after all")
    except RuntimeError:
        pass
    with store.unit("default") as unit:  # may well get the same id back
        unit.add(Contact(team_id=unit.team_id, name="Real Person", aliases=[], created_at=NOW))
        unit.note_directory_addition()
    after = names(core)
    assert "Real Person" in after
    assert "Phantom Person" not in after


def test_each_core_keeps_one_version_per_team(store_url: str, core: Core, say: Say) -> None:
    names(core)
    before = dict(core.directories._teams)
    add_by_chat(say, "Zed Quirkman")
    names(core)
    after = core.directories._teams
    assert after.keys() == before.keys()
    assert len(after) == 1
    assert all(after[team] is not old for team, old in before.items())
    other = Core(Store(store_url), CoreSettings())
    assert other.directories is not core.directories
    other.store.dispose()


def test_aliases_are_read_with_the_directory(store: Store, core: Core) -> None:
    with store.unit("default") as unit:
        unit.add(Contact(team_id=unit.team_id, name="Zed Quirkman", aliases=["Zippy", "ZQ"],
                         created_at=NOW))  # fmt: skip
        unit.touch_directory()
    with core.unit() as unit:
        people = core.directories.load(unit).directory.people
    assert {p.name: p.aliases for p in people}["Zed Quirkman"] == ("Zippy", "ZQ")
    assert all(isinstance(p.aliases, tuple) for p in people)
