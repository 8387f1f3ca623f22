"""The core: one synchronous entry point that answers any inbound Message."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Concatenate, ParamSpec, TypeVar

from handlers import access, agenda, lookup
from handlers.context import Ctx
from handlers.directory import DirectoryCache
from handlers.index_cache import IndexFolder
from handlers.router import route
from handlers.settings import CoreSettings
from handlers.types import Message, Platform, Reply
from store import Conflict, Store, UnavailableErrors, Unit, utcnow

log = logging.getLogger(__name__)
P = ParamSpec("P")
T = TypeVar("T")

UNAVAILABLE = "I couldn't save that — try again in a minute."
FAILED = "Something went wrong — nothing was changed."
#: How often a message is tried again after a unique-constraint race with another writer.
CONFLICT_RETRIES = 2

__all__ = ["Core", "CoreSettings"]


class Core:
    """Rapport's behaviour, platform-agnostic. Adapters call `handle` (in a thread)."""

    def __init__(
        self,
        store: Store,
        settings: CoreSettings | None = None,
        clock: Callable[[], dt.datetime] = utcnow,
    ) -> None:
        """A core over `store` for the team in `settings`, telling time by `clock`."""
        self.store = store
        self.settings = settings or CoreSettings()
        self.clock = clock
        folder = self.settings.index_dir
        url = store.engine.url
        if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
            folder = None  # a database that lives only in this process
        database = url.render_as_string(hide_password=True)
        self.directories = DirectoryCache(IndexFolder(folder, database) if folder else None)

    def handle(self, message: Message) -> list[Reply]:
        """Answer one message; the same message key twice is answered once and writes once."""
        return self.handle_event(message)[0]

    def handle_event(self, message: Message) -> tuple[list[Reply], bool]:
        """Like `handle`, and also whether this was the first delivery of the message key.

        Adapters post replies only for a first delivery, so a platform's retry is silent.
        """
        try:
            for attempt in range(CONFLICT_RETRIES + 1):
                try:
                    return self._handle(message)
                except Conflict:
                    if self._seen(message):
                        # Another process handled the same key at the same moment: it answered.
                        return [], False
                    if attempt == CONFLICT_RETRIES:
                        raise
                    # Someone else created a row this message needed too (a new member's first
                    # two messages at once); the retry finds theirs instead of making its own.
            raise AssertionError("unreachable")
        except UnavailableErrors:
            log.warning("database unavailable while handling %s", message.message_id)
            return [Reply(UNAVAILABLE, tone="error")], True
        except Exception:
            log.exception("failed to handle %s", message.message_id)
            return [Reply(FAILED, tone="error")], True

    def _handle(self, message: Message) -> tuple[list[Reply], bool]:
        now = self.clock()
        with self.unit() as unit:
            seen = unit.seen(message.platform, message.message_id)
            if seen is not None:
                return [Reply.from_json(r) for r in seen.replies], False
            member, refusal = access.resolve_member(unit, message, self.settings, now)
            if member is None:
                # Strangers are answered, but nothing of theirs is kept; a code that
                # just let them in is remembered like any other message.
                if unit.identity(message.platform, message.user) is not None:
                    unit.remember(
                        message.platform,
                        message.message_id,
                        [r.to_json() for r in refusal],
                        now,
                    )
                return refusal, True
            ctx = Ctx(unit, member, message, self.settings, now, self.directories)
            if not access.chat_allowed(unit, message) and not self._is_allow(message):
                return [], True
            replies = route(ctx)
            unit.remember(message.platform, message.message_id, [r.to_json() for r in replies], now)
            return replies, True

    @staticmethod
    def _is_allow(message: Message) -> bool:
        # "allow" is how an admin lets a group in, so it passes the gate it opens.
        return message.text.strip().lstrip("/").split("@")[0].lower() == "allow"

    def _seen(self, message: Message) -> bool:
        with self.unit() as unit:
            return unit.seen(message.platform, message.message_id) is not None

    def home(
        self,
        platform: Platform,
        user: str,
        user_name: str | None = None,
        user_tz: str | None = None,
    ) -> list[Reply]:
        """A member's overview: their tasks and recently touched customers.

        Writes nothing but the member's own record on first sight.
        """
        now = self.clock()
        probe = Message(platform=platform, user=user, chat="home", text="",
                        sent_at=now, message_id="", user_name=user_name, user_tz=user_tz)  # fmt: skip
        with self.unit() as unit:
            member, refusal = access.resolve_member(unit, probe, self.settings, now)
            if member is None:
                return refusal
            ctx = Ctx(unit, member, probe, self.settings, now, self.directories)
            return [*agenda.handle_agenda(ctx), lookup.recent_customers(ctx)]

    def warm(self) -> None:
        """Load the directory and build the parser's index for it, ahead of the first message."""
        with self.unit() as unit:
            self.directories.warm(unit)

    def unit(self) -> AbstractContextManager[Unit]:
        """The team's unit of work (one transaction): the one way anything opens one."""
        return self.store.unit(self.settings.team_slug, self.settings.team_name)

    def in_unit(
        self, service: Callable[Concatenate[Unit, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """`service(unit, *args)` in a unit of work of its own (from a worker thread)."""
        with self.unit() as unit:
            return service(unit, *args, **kwargs)
