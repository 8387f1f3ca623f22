"""A logging filter that blanks known secrets out of every record, whoever logs it.

Libraries log what they were given at DEBUG: python-telegram-bot the API URL (with the bot
token in its path) and a webhook's parameters (with its secret). Filtering at the root's
handlers catches every logger, ours and theirs, at every level.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from urllib.parse import urlsplit

from bot.config import Settings

MASK = "[secret]"
# Shorter values are not masked: they would blank ordinary words out of every line.
MIN_LENGTH = 6


class Redactor(logging.Filter):
    """Replaces each known secret in a record's message and traceback with a mask."""

    def __init__(self, secrets: Iterable[str]) -> None:
        """Mask each of `secrets` (the longest first, so no part of one survives)."""
        super().__init__()
        found = {s for s in secrets if s and len(s) >= MIN_LENGTH}
        self.secrets = sorted(found, key=len, reverse=True)

    def scrub(self, text: str) -> str:
        """`text` with every secret masked."""
        for secret in self.secrets:
            if secret in text:
                text = text.replace(secret, MASK)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        """Mask the record in place; never drops it."""
        message = record.getMessage()
        clean = self.scrub(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = self.scrub(record.stack_info)
        return True


def settings_secrets(settings: Settings) -> list[str]:
    """Every secret in the settings: tokens, signing and webhook secrets, the DB password."""
    values = [
        s.get_secret_value()
        for s in (
            settings.slack_bot_token,
            settings.slack_signing_secret,
            settings.slack_app_token,
            settings.telegram_bot_token,
            settings.telegram_webhook_secret,
        )
        if s is not None
    ]
    if settings.telegram_bot_token is not None:
        # The part after "id:" is the secret half; mask it wherever it shows up alone.
        values.append(settings.telegram_bot_token.get_secret_value().partition(":")[2])
    password = urlsplit(settings.database_url).password
    return [*values, *([password] if password else [])]


def install(secrets: Iterable[str]) -> Redactor:
    """Mask `secrets` in everything the root logger's handlers (or the last resort) write."""
    redactor = Redactor(secrets)
    handlers: list[logging.Handler | None] = [*logging.getLogger().handlers, logging.lastResort]
    for handler in handlers:
        if handler is not None:
            handler.addFilter(redactor)
    return redactor
