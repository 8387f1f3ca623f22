"""Settings from the environment and `.env` (see `.env.example` for every one)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from handlers.schedule import parse_quiet, parse_workdays


class Settings(BaseSettings):
    """Every setting Rapport reads. Secrets are `SecretStr`, so they never show in reprs or logs."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", populate_by_name=True
    )

    database_url: str = Field("sqlite:///rapport.db", alias="DATABASE_URL")
    team_name: str = Field("Team", alias="RAPPORT_TEAM_NAME")
    tz: str = Field("UTC", alias="RAPPORT_TZ")
    workday_start: dt.time = Field(dt.time(9, 0), alias="RAPPORT_WORKDAY_START")
    followup_days: int = Field(3, alias="RAPPORT_FOLLOWUP_DAYS", ge=1, le=365)
    quiet_hours: str = Field("20:00-08:00", alias="RAPPORT_QUIET_HOURS")
    workdays: str = Field("mon-fri", alias="RAPPORT_WORKDAYS")
    cold_days: int = Field(30, alias="RAPPORT_COLD_DAYS", ge=1, le=3650)
    default_currency: str = Field("USD", alias="DEFAULT_CURRENCY", pattern=r"^[A-Za-z]{3}$")
    deal_idle_days: int = Field(14, alias="RAPPORT_DEAL_IDLE_DAYS", ge=1, le=3650)
    phone_region: str = Field("US", alias="RAPPORT_PHONE_REGION", pattern=r"^[A-Z]{2}$")
    log_level: str = Field("INFO", alias="LOG_LEVEL")
    # Where logs go; unset: stderr, except in a terminal chat typed by a person, where they
    # go to rapport.log so they never land in the conversation.
    log_file: str | None = Field(None, alias="LOG_FILE")
    # Where compiled directories are kept, so a restart reads them instead of compiling
    # (seconds for 100,000 contacts); blank: not kept.
    index_dir: str = Field(".rapport-index", alias="RAPPORT_INDEX_DIR")
    # Processes serving the platforms (PostgreSQL only): see README "Several processes".
    workers: int = Field(1, alias="RAPPORT_WORKERS", ge=1, le=64)
    # Days a platform event's key is kept to recognise a retry. Under a week: after a quiet
    # week Telegram starts update ids afresh, and an old key would silence a new update.
    inbound_retention_days: int = Field(2, alias="RAPPORT_INBOUND_RETENTION_DAYS", ge=1, le=6)

    slack_bot_token: SecretStr | None = Field(None, alias="SLACK_BOT_TOKEN")
    slack_signing_secret: SecretStr | None = Field(None, alias="SLACK_SIGNING_SECRET")
    slack_app_token: SecretStr | None = Field(None, alias="SLACK_APP_TOKEN")
    slack_api_url: str | None = Field(None, alias="SLACK_API_URL")
    # Slack guest accounts (single- and multi-channel guests) may use Rapport only if set.
    slack_allow_guests: bool = Field(False, alias="SLACK_ALLOW_GUESTS")
    port: int = Field(3000, alias="PORT", ge=1, le=65535)
    # Where the HTTP listeners (Slack events, Telegram webhook) bind; 127.0.0.1 behind a proxy.
    host: str = Field("0.0.0.0", alias="HOST")

    telegram_bot_token: SecretStr | None = Field(None, alias="TELEGRAM_BOT_TOKEN")
    telegram_api_url: str | None = Field(None, alias="TELEGRAM_API_URL")
    telegram_admin_ids: Annotated[tuple[str, ...], NoDecode] = Field((), alias="TELEGRAM_ADMIN_IDS")
    telegram_webhook_url: str | None = Field(None, alias="TELEGRAM_WEBHOOK_URL")
    telegram_webhook_secret: SecretStr | None = Field(None, alias="TELEGRAM_WEBHOOK_SECRET")
    telegram_port: int = Field(8443, alias="TELEGRAM_PORT", ge=1, le=65535)

    @field_validator("tz")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r} (use an IANA name)") from exc
        return value

    @field_validator("default_currency")
    @classmethod
    def _upper_code(cls, value: str) -> str:
        return value.upper()

    @field_validator("quiet_hours")
    @classmethod
    def _quiet(cls, value: str) -> str:
        parse_quiet(value)
        return value

    @field_validator("workdays")
    @classmethod
    def _days(cls, value: str) -> str:
        parse_workdays(value)
        return value

    @field_validator("telegram_admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        # A comma- or space-separated list is friendlier in .env than JSON.
        if isinstance(value, str):
            return tuple(part for part in value.replace(",", " ").split() if part)
        if isinstance(value, int):
            return (str(value),)
        return value

    @field_validator("slack_api_url", "telegram_api_url", "telegram_webhook_url", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return value or None

    @property
    def slack_configured(self) -> bool:
        """Slack runs when both the bot token and the signing secret are set."""
        return bool(self.slack_bot_token and self.slack_signing_secret)

    @property
    def telegram_configured(self) -> bool:
        """Telegram runs when a bot token is set."""
        return bool(self.telegram_bot_token)


def load_settings() -> Settings:
    """Read settings from the environment and `.env` in the working directory."""
    return Settings()
