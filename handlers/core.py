"""The core: one synchronous entry point that answers any inbound Message."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any, Literal

from handlers import access, agenda, digests, log, lookup, nudges, pipeline, tasks
from handlers.context import Ctx
from handlers.directory import DirectoryCache
from handlers.exporter import export_all
from handlers.help import not_understood
from handlers.ids import as_id
from handlers.importer import ImportReport, import_path
from handlers.router import ACTIONS, command_for
from handlers.settings import CoreSettings
from handlers.types import Button, Field, Message, Recipient, Reply
from nlp.signals import is_lookup_question
from store import Conflict, Store, UnavailableErrors, utcnow

log_ = logging.getLogger(__name__)

UNAVAILABLE = "I couldn't save that — try again in a minute."
FAILED = "Something went wrong — nothing was changed."
#: How often a message is tried again after a unique-constraint race with another writer.
CONFLICT_RETRIES = 2
MAX_TEXT = 40_000

__all__ = ["Core", "CoreSettings", "ImportReport"]


def reply_to_json(reply: Reply) -> dict[str, Any]:
    """A reply as stored with its inbound key (images are not kept)."""
    data = asdict(reply)
    data["image"] = None
    return data


def reply_from_json(data: dict[str, Any]) -> Reply:
    """Inverse of reply_to_json."""
    return Reply(
        **{
            **data,
            "fields": tuple(Field(**f) for f in data.get("fields", ())),
            "buttons": tuple(Button(**b) for b in data.get("buttons", ())),
            "sections": tuple(data.get("sections", ())),
        }
    )


class Core:
    """Rapport's behaviour, platform-agnostic. Adapters call `handle` (in a thread)."""

    def __init__(
        self,
        store: Store,
        settings: CoreSettings | None = None,
        clock: Callable[[], dt.datetime] = utcnow,
    ) -> None:
        self.store = store
        self.settings = settings or CoreSettings()
        self.clock = clock
        self.directories = DirectoryCache()

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
            log_.warning("database unavailable while handling %s", message.message_id)
            return [Reply(UNAVAILABLE, tone="error")], True
        except Exception:
            log_.exception("failed to handle %s", message.message_id)
            return [Reply(FAILED, tone="error")], True

    def _seen(self, message: Message) -> bool:
        with self._unit() as unit:
            return unit.seen(message.platform, message.message_id) is not None

    def _unit(self) -> Any:
        return self.store.unit(self.settings.team_slug, self.settings.team_name)

    def _handle(self, message: Message) -> tuple[list[Reply], bool]:
        now = self.clock()
        with self._unit() as unit:
            seen = unit.seen(message.platform, message.message_id)
            if seen is not None:
                return [reply_from_json(r) for r in seen.replies], False
            member, refusal = access.resolve_member(unit, message, self.settings, now)
            if member is None:
                # Strangers are answered, but nothing of theirs is kept; a code that
                # just let them in is remembered like any other message.
                if unit.identity(message.platform, message.user) is not None:
                    unit.remember(
                        message.platform,
                        message.message_id,
                        [reply_to_json(r) for r in refusal],
                        now,
                    )
                return refusal, True
            ctx = Ctx(unit, member, message, self.settings, now, self.directories)
            if not access.chat_allowed(unit, message) and not self._is_allow(message):
                return [], True
            replies = self._dispatch(ctx)
            unit.remember(
                message.platform, message.message_id, [reply_to_json(r) for r in replies], now
            )
            return replies, True

    @staticmethod
    def _is_allow(message: Message) -> bool:
        return message.text.strip().lstrip("/").split("@")[0].lower() == "allow"

    def _dispatch(self, ctx: Ctx) -> list[Reply]:
        message = ctx.message
        if message.action is not None:
            return self._action(ctx)
        text = message.text.strip()
        if not text:
            return not_understood()
        if len(text) > MAX_TEXT or "\x00" in text:
            return [
                Reply("That message is too long or not text; nothing was saved.", tone="warning")
            ]
        found = command_for(text)
        if found is not None:
            command, rest = found
            replies = command(ctx, rest)
            if replies is not None:
                return replies
        pending = ctx.unit.open_pending(ctx.member.id, message.chat, ctx.now)
        if pending is not None:
            answered = self._typed_answer(ctx, pending, text)
            if answered is not None:
                return answered
        asked = pipeline.answer(ctx, text) if not message.log_as_is else None
        if asked is not None:
            return asked
        parsed = log.parse_for(ctx, text, message.sent_at)
        if message.log_as_is:
            return log.handle_shortcut(ctx, parsed)
        if parsed.intent in ("log", "task"):
            return log.handle_record(ctx, parsed)
        if parsed.intent == "lookup":
            return lookup.handle_lookup(ctx, parsed)
        if parsed.intent == "agenda":
            return agenda.handle_agenda(ctx)
        if is_lookup_question(text.lower()):
            return lookup.handle_lookup(ctx, parsed)
        return not_understood()

    def _typed_answer(self, ctx: Ctx, pending: Any, text: str) -> list[Reply] | None:
        if pending.kind == "task.date":
            return tasks.answer_new_date(ctx, pending, text)
        if pending.kind == "customer.name":
            if text.lower() == "cancel":
                pending.status = "answered"
                return [Reply("Cancelled — nothing was saved.")]
            return log.answer_name(ctx, pending, text)
        options = pending.state.get("options", [])
        choice = None
        picked = as_id(text)
        if picked is not None and 1 <= picked <= len(options):
            choice = picked - 1
        else:
            labels = [str(o["label"]).lower() for o in options]
            if text.lower() in labels:
                choice = labels.index(text.lower())
        return log.answer(ctx, pending, choice) if choice is not None else None

    def _action(self, ctx: Ctx) -> list[Reply]:
        action = ctx.message.action
        assert action is not None
        value = action.value[:64]
        if action.name == "pending.answer":
            raw_id, _, raw_choice = value.partition(":")
            pending_id = as_id(raw_id)
            pending = ctx.unit.pending(pending_id) if pending_id is not None else None
            if pending is None or pending.member_id != ctx.member.id:
                return [Reply("That question isn't yours or no longer exists.", tone="warning")]
            if pending.status != "open" or pending.expires_at <= ctx.now:
                return [Reply("That question was already answered or has expired.", replace=True)]
            choice = as_id(raw_choice)
            if choice is None:
                return [Reply("That button is out of date.", tone="warning")]
            return log.answer(ctx, pending, choice)
        handler = ACTIONS.get(action.name)
        if handler is None:
            return [Reply("That button is out of date.", tone="warning")]
        return handler(ctx, value)

    def home(self, platform: str, user: str, user_name: str | None = None,
             user_tz: str | None = None) -> list[Reply]:  # fmt: skip
        """A member's overview (their tasks and recently touched customers); writes nothing
        but the member's own record on first sight.
        """
        probe = Message(platform=platform, team="", user=user, chat="home", text="",  # type: ignore[arg-type]
                        sent_at=self.clock(), message_id="", user_name=user_name, user_tz=user_tz)  # fmt: skip
        with self._unit() as unit:
            member, refusal = access.resolve_member(unit, probe, self.settings, self.clock())
            if member is None:
                return refusal
            ctx = Ctx(unit, member, probe, self.settings, self.clock(), self.directories)
            return [*agenda.handle_agenda(ctx), lookup.recent_customers(ctx)]

    def warm(self) -> None:
        """Load the directory and build the parser's index for it, ahead of the first message."""
        with self._unit() as unit:
            self.directories.warm(unit)

    def claim_nudges(self, token: str, limit: int = 200) -> list[nudges.Outbound]:
        """Lease the nudges that are due now and build them (see handlers/nudges.py)."""
        with self._unit() as unit:
            return nudges.claim(unit, self.settings, self.clock(), token, limit)

    def finish_nudge(self, outbound: nudges.Outbound, sent: bool) -> None:
        """Settle a claimed nudge after the send (or the failed send)."""
        with self._unit() as unit:
            nudges.settle(unit, self.settings, outbound.task_id, outbound.token, sent, self.clock())

    def finish_nudges(self, results: list[tuple[nudges.Outbound, bool]]) -> None:
        """Settle a batch of claimed nudges (sent or not) in one transaction."""
        with self._unit() as unit:
            nudges.settle_all(unit, self.settings, results, self.clock())

    def claim_digests(self, token: str) -> list[digests.DigestOutbound]:
        """Lease the digests due now and build them (see handlers/digests.py)."""
        with self._unit() as unit:
            return digests.claim(unit, self.settings, self.clock(), token)

    def finish_digest(self, outbound: digests.DigestOutbound, sent: bool) -> None:
        """Settle a claimed digest after posting it (or failing to)."""
        with self._unit() as unit:
            digests.settle(unit, self.settings, outbound, sent, self.clock())

    def digest_unreachable(self, platform: str, chat: str) -> bool:
        """Stop the digest of a chat that is gone; True the first time (to tell an admin)."""
        with self._unit() as unit:
            return digests.mark_unreachable(unit, platform, chat)

    def admin_recipients(self) -> list[Recipient]:
        """Where each admin gets direct messages."""
        with self._unit() as unit:
            found = (nudges.recipient(unit, m) for m in unit.members() if m.role == "admin")
            return [r for r in found if r is not None]

    def mark_unreachable(self, platform: str, user: str) -> None:
        """Remember that a person blocked the bot, so nothing is retried at them forever."""
        with self._unit() as unit:
            identity = unit.identity(platform, user)
            if identity is not None:
                identity.reachable = False

    # --- operations the CLI uses -------------------------------------------------
    def import_file(self, path: Path) -> ImportReport:
        """Import a DIRECTORY.json or a CSV of contacts."""
        with self._unit() as unit:
            return import_path(unit, path, self.clock())

    def export(self, directory: Path, fmt: Literal["csv", "json"]) -> list[Path]:
        """Write every contact, company, interaction, task and deal to `directory`."""
        with self._unit() as unit:
            return export_all(unit, directory, fmt)

    def create_invite(self, by: str | None = None) -> str:
        """A one-time Telegram join code, valid 24 hours."""
        with self._unit() as unit:
            return access.make_code(unit, self.clock(), None, None)
