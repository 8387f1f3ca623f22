"""Settings: defaults, lists, validation, and secrets kept out of reprs."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from bot.config import Settings


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
        "HOST",
    ):
        monkeypatch.delenv(name, raising=False)


def test_defaults_open_a_local_sqlite_file_with_no_platform() -> None:
    s = Settings()
    assert s.database_url == "sqlite:///rapport.db"
    assert s.workday_start == dt.time(9, 0)
    assert not s.slack_configured
    assert not s.telegram_configured


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
    assert "xoxb-very-secret" not in repr(s)
    assert "shh" not in str(s)


def test_host_binds_every_http_listener(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.run import platform_services
    from handlers.core import Core
    from store import Store

    assert Settings().host == "0.0.0.0"
    monkeypatch.setenv("HOST", "127.0.0.1")
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s")
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "1:x")
    monkeypatch.setenv("TELEGRAM_WEBHOOK_URL", "https://bot.example.com/hook")
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", "w")
    services = platform_services(Core(Store("sqlite://")), Settings())
    try:
        # Each service is a coroutine not yet started: its arguments are its frame's locals.
        configs = [s.cr_frame.f_locals["config"] for s in services]  # type: ignore[attr-defined]
        assert configs[0].host == "127.0.0.1"
        assert configs[1].listen == "127.0.0.1"
    finally:
        for s in services:
            s.close()
