"""The terminal chat: lines in, replies out, buttons as numbered choices.

With a terminal it shows a prompt; with piped stdin it prints one reply block per
input line, so a conversation can be scripted.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import tempfile
import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TextIO

from bot.delivery import Delivery
from handlers.ids import as_id
from handlers.types import Action, Button, Message, Reply

log = logging.getLogger(__name__)

CONSOLE_CHAT = "console"
#: How long a bare number still presses a button of the bot's last message.
CHOICES_LAST = dt.timedelta(minutes=10)
_TONE_MARK = {"info": "", "success": "✓ ", "warning": "! ", "error": "✗ "}


class Handles(Protocol):
    """What the console needs of the core."""

    def handle(self, message: Message) -> list[Reply]:
        """Answer one inbound message."""
        ...


def render(reply: Reply, first_choice: int = 1) -> str:
    """Render a reply as plain text; buttons are numbered from `first_choice`."""
    lines: list[str] = []
    mark = _TONE_MARK.get(reply.tone, "")
    if reply.fields or reply.sections:
        if reply.title:
            lines.append(f"{mark}{reply.title}")
        width = max((len(f.label) for f in reply.fields), default=0)
        lines.extend(f"  {f.label.ljust(width)}  {f.value}" for f in reply.fields)
        lines.extend(reply.sections)
    else:
        if reply.title and reply.title not in reply.text:
            lines.append(f"{mark}{reply.title}")
            mark = ""
        lines.append(f"{mark}{reply.text}")
    if reply.context:
        lines.append(f"  ({reply.context})")
    if reply.buttons:
        choices = "  ".join(f"[{first_choice + i}] {b.label}" for i, b in enumerate(reply.buttons))
        lines.append(f"  {choices}")
    return "\n".join(lines)


def to_message(
    text: str,
    *,
    user: str,
    tz: str | None,
    sent_at: dt.datetime,
    message_id: str,
    action: Action | None = None,
) -> Message:
    """Turn one console line (or a numbered choice) into a core Message."""
    return Message(
        platform="console",
        user=user,
        chat=f"{CONSOLE_CHAT}:{user}",
        text=text,
        sent_at=sent_at,
        message_id=message_id,
        user_name=user,
        user_tz=tz,
        action=action,
        is_direct=True,
    )


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class ConsoleChat:
    """One person's terminal conversation with the bot."""

    core: Handles
    user: str
    tz: str | None
    out: TextIO
    clock: Callable[[], dt.datetime] = _utc_now
    _choices: list[Button] = field(default_factory=list)
    _choices_at: dt.datetime | None = None
    _session: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    _count: int = 0

    def message_for(self, line: str) -> Message:
        """Build the Message for a typed line: a number picks a button from the last replies."""
        self._count += 1
        key = f"console:{self._session}:{self._count}"
        text = line.strip()
        action = None
        picked = as_id(text)
        now = self.clock()
        fresh = self._choices_at is not None and now - self._choices_at <= CHOICES_LAST
        if picked is not None and fresh and 1 <= picked <= len(self._choices):
            button = self._choices[picked - 1]
            action = Action(button.action, button.value)
            text = button.label
        return to_message(
            text,
            user=self.user,
            tz=self.tz,
            sent_at=now,
            message_id=key,
            action=action,
        )

    def show(self, replies: Sequence[Reply]) -> None:
        """Print replies; their buttons (only theirs) become the numbered choices for a while."""
        choices: list[Button] = []
        blocks = []
        for reply in replies:
            blocks.append(render(reply, first_choice=len(choices) + 1))
            choices.extend(reply.buttons)
            if reply.image:
                blocks.append(f"  [chart saved to {_save_image(reply.image)}]")
        if blocks:  # a bare number presses only the buttons of the bot's last message
            self._choices, self._choices_at = choices, self.clock()
            self.out.write("\n".join(blocks) + "\n\n")
            self.out.flush()

    async def deliver(self, address: str, reply: Reply) -> bool:
        """A message the bot starts: a nudge for this person, or a digest for this chat."""
        if address not in (self.user, f"{CONSOLE_CHAT}:{self.user}"):
            return False
        self.show([reply])
        return True

    async def say(self, line: str) -> None:
        """Send one line to the core and print what it answers."""
        message = self.message_for(line)
        replies = await asyncio.to_thread(self.core.handle, message)
        self.show(replies)


def _save_image(png: bytes) -> str:
    with tempfile.NamedTemporaryFile(prefix="rapport-", suffix=".png", delete=False) as f:
        f.write(png)
        return f.name


def _read_lines(stdin: TextIO) -> asyncio.Queue[str]:
    """Lines of `stdin` as they come, then "" at its end.

    Read on a daemon thread, not the loop's executor: a read blocked on the terminal
    would otherwise hold Ctrl-C up until the next line is typed.
    """
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[str] = asyncio.Queue()

    def put(line: str) -> bool:
        try:
            loop.call_soon_threadsafe(queue.put_nowait, line)
        except RuntimeError:  # the loop closed: the chat is over
            return False
        return True

    def pump() -> None:
        try:
            for line in iter(stdin.readline, ""):
                if not put(line):
                    return
        except (OSError, ValueError):  # stdin closed under us
            pass
        put("")

    threading.Thread(target=pump, name="console-stdin", daemon=True).start()
    return queue


async def run_console(
    core: Handles,
    *,
    user: str,
    tz: str | None,
    stdin: TextIO,
    stdout: TextIO,
    interactive: bool,
    delivery: Delivery | None = None,
) -> ConsoleChat:
    """Read lines until end of input (or `quit`), answering each one.

    Nudges for this user are shown as they fire.
    """
    chat = ConsoleChat(core=core, user=user, tz=tz, out=stdout)
    if delivery is not None:
        delivery.register("console", chat.deliver)
    lines = _read_lines(stdin)
    if interactive:
        stdout.write(
            f"Rapport terminal chat as {user}. Try 'help'. Type a number to press a button; "
            "'quit' to leave.\n\n"
        )
    while True:
        if interactive:
            stdout.write("> ")
            stdout.flush()
        line = await lines.get()
        if not line:
            break
        text = line.strip()
        if not text:
            continue
        if interactive and text.lower() in {"quit", "exit"}:
            break
        await chat.say(text)
    return chat
