"""Compiled directories kept on disk: a restart reads the file instead of compiling, and
a file that is stale, damaged or not private is never used."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from handlers import directory as dirmod
from handlers.core import Core, CoreSettings
from store import Store
from store.models import Contact
from tests.conftest import NOW


def fresh_core(store_url: str, folder: Path) -> Core:
    return Core(Store(store_url), CoreSettings(index_dir=str(folder)), clock=lambda: NOW)


def names(core: Core) -> set[str]:
    with core.unit() as unit:
        return {p.name for p in core.directories.load(unit).directory.people}


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many directories were compiled from their rows."""
    seen: list[int] = []
    real = dirmod.compile

    def counted(directory: dirmod.Directory) -> dirmod.Matcher:
        seen.append(len(directory.people))
        return real(directory)

    monkeypatch.setattr(dirmod, "compile", counted)
    return seen


def test_a_restart_reads_the_kept_directory(
    store_url: str, core: Core, tmp_path: Path, compiles: list[int]
) -> None:
    first = fresh_core(store_url, tmp_path / "index")
    expected = names(first)
    assert len(compiles) == 1
    (kept,) = (tmp_path / "index").iterdir()
    assert kept.stat().st_mode & 0o022 == 0  # no one else may change it
    second = fresh_core(store_url, tmp_path / "index")
    assert names(second) == expected
    assert len(compiles) == 1  # read from the file, not compiled again
    for c in (first, second):
        c.store.dispose()


def test_additions_since_the_file_are_read_as_new_rows(
    store_url: str, store: Store, core: Core, tmp_path: Path, compiles: list[int]
) -> None:
    names(fresh_core(store_url, tmp_path))
    with store.unit("default") as unit:
        unit.add(Contact(team_id=unit.team_id, name="Zed Quirkman", aliases=[], created_at=NOW))
        unit.note_directory_addition()
    restarted = fresh_core(store_url, tmp_path)
    assert "Zed Quirkman" in names(restarted)
    assert len(compiles) == 1


def test_a_rename_makes_the_file_stale(
    store_url: str, store: Store, core: Core, tmp_path: Path, compiles: list[int]
) -> None:
    names(fresh_core(store_url, tmp_path))
    with store.unit("default") as unit:
        contact = unit.contacts()[0]
        old, contact.name = contact.name, "Renamed Person"
        unit.touch_directory()
    after = names(fresh_core(store_url, tmp_path))
    assert "Renamed Person" in after
    assert old not in after
    assert len(compiles) == 2


@pytest.mark.parametrize("damage", ["cut", "flip", "empty"])
def test_a_damaged_file_is_compiled_over(
    store_url: str, core: Core, tmp_path: Path, compiles: list[int], damage: str
) -> None:
    expected = names(fresh_core(store_url, tmp_path))
    (kept,) = tmp_path.glob("*.idx")
    data = kept.read_bytes()
    kept.write_bytes({"cut": data[: len(data) // 2], "flip": data[:30] + b"#" + data[31:],
                      "empty": b""}[damage])  # fmt: skip
    assert names(fresh_core(store_url, tmp_path)) == expected
    assert len(compiles) == 2


def test_a_file_others_may_write_is_not_read(
    store_url: str, core: Core, tmp_path: Path, compiles: list[int]
) -> None:
    names(fresh_core(store_url, tmp_path))
    (kept,) = tmp_path.glob("*.idx")
    os.chmod(kept, 0o666)
    names(fresh_core(store_url, tmp_path))
    assert len(compiles) == 2


def test_a_file_ahead_of_the_database_is_not_read(
    store_url: str, store: Store, core: Core, tmp_path: Path, compiles: list[int]
) -> None:
    names(fresh_core(store_url, tmp_path))
    with store.unit("default") as unit:
        unit.add(Contact(team_id=unit.team_id, name="Zed Quirkman", aliases=[], created_at=NOW))
        unit.note_directory_addition()
    # Rewritten as if read at a later stamp than the database has (one since replaced).
    later = fresh_core(store_url, tmp_path)
    with later.unit() as unit:
        stamp = unit.directory_stamp()
    ahead = stamp._replace(additions=stamp.additions + 5)
    assert later.directories._folder is not None
    matcher = later.directories._folder.read(1, stamp.version)
    assert matcher is not None
    later.directories._folder.write(1, ahead, matcher[0])
    assert "Zed Quirkman" in names(later)
    assert len(compiles) == 2
