"""Rapport on Telegram: private chats, allowed groups, inline buttons; polling or webhook."""

from bot.adapters.telegram.app import build_application, serve_telegram
from bot.adapters.telegram.config import TelegramConfig

__all__ = ["TelegramConfig", "build_application", "serve_telegram"]
