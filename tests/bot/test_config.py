"""Settings: defaults, lists, validation, and secrets kept out of reprs."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from rapport.bot.config import Settings


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    monkeypatch.chdir(tmp_path)  # type: ignore[arg-type]
    for name in (
        "DATABASE_URL",
        "RAPPORT_TZ",
        "RAPPORT_WORKDAY_START",
        "SLACK_BOT_TOKEN",
        "SLACK_SIGNING_SECRET",
        "TELEGRAM_BOT_TOKEN",
        "TELEGRAM_ADMIN_IDS",
    ):
        monkeypatch.delenv(name, raising=False)


def test_defaults_open_a_local_sqlite_file_with_no_platform() -> None:
    s = Settings()
    assert s.database_url == "sqlite:///rapport.db"
    assert s.workday_start == dt.time(9, 0)
    assert not s.slack_configured and not s.telegram_configured


def test_admin_ids_accept_a_comma_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_ADMIN_IDS", "123, 456 789")
    assert Settings().telegram_admin_ids == ("123", "456", "789")


def test_unknown_time_zone_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAPPORT_TZ", "Mars/Olympus")
    with pytest.raises(ValidationError, match="unknown time zone"):
        Settings()


def test_tokens_never_show_in_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-very-secret")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "shh")
    s = Settings()
    assert s.slack_configured
    assert "xoxb-very-secret" not in repr(s) and "shh" not in str(s)
