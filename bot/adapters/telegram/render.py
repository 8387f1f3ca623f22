"""Reply -> Telegram HTML chunks (escaped, under 4096 characters) and an inline keyboard."""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass

from handlers.types import Action, Button, Reply

log = logging.getLogger(__name__)
MAX_TEXT = 4096
MAX_CALLBACK = 64
SEP = "|"


@dataclass(frozen=True)
class Rendered:
    """What one reply becomes: message chunks, and keyboard rows (label, callback_data)."""

    chunks: tuple[str, ...]
    keyboard: tuple[tuple[tuple[str, str], ...], ...] = ()


def callback_data(button: Button) -> str | None:
    """`action|value`, or None when it would not fit Telegram's 64 bytes."""
    data = f"{button.action}{SEP}{button.value}"
    if len(data.encode("utf-8")) > MAX_CALLBACK:
        # The core only puts short ids in values; a longer one is a bug, not user data.
        log.warning("button %r dropped: callback data over 64 bytes", button.label)
        return None
    return data


def parse_callback(data: str) -> Action | None:
    """The core action a button press carries."""
    name, sep, value = (data or "").partition(SEP)
    return Action(name, value) if sep and name else None


def _escape(text: str) -> str:
    # Telegram's HTML needs only <, > and & escaped; quotes stay readable.
    return html.escape(text, quote=False)


def _lines(reply: Reply) -> list[str]:
    e = _escape
    lines: list[str] = []
    if reply.fields or reply.sections:
        if reply.title:
            lines.append(f"<b>{e(reply.title)}</b>")
        lines += [f"<b>{e(f.label)}:</b> {e(f.value)}" for f in reply.fields]
        lines += [e(s) for s in reply.sections]
    else:
        if reply.title and reply.title not in reply.text:
            lines.append(f"<b>{e(reply.title)}</b>")
        lines += [e(line) for line in reply.text.splitlines() or [""]]
    if reply.context:
        lines.append(f"<i>{e(reply.context)}</i>")
    return lines


def _split(lines: list[str], limit: int = MAX_TEXT) -> list[str]:
    chunks: list[str] = []
    current = ""
    for line in lines:
        while len(line) > limit:  # one huge line: cut it (entities are escaped whole words)
            cut = line.rfind(" ", 0, limit) if " " in line[:limit] else limit
            head, line = line[:cut], line[cut:].lstrip()
            if current:
                chunks.append(current)
                current = ""
            chunks.append(_safe_cut(head))
        if current and len(current) + 1 + len(line) > limit:
            chunks.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current or not chunks:
        chunks.append(current or "…")
    return chunks


def _safe_cut(text: str) -> str:
    # Never leave half an HTML entity or tag at a cut.
    amp, semi = text.rfind("&"), text.rfind(";")
    if amp > semi:
        text = text[:amp]
    lt, gt = text.rfind("<"), text.rfind(">")
    if lt > gt:
        text = text[:lt]
    return text


def render(reply: Reply) -> Rendered:
    """HTML chunks and a keyboard (one big button per row; two per row when many)."""
    buttons = [(b.label[:64], data) for b in reply.buttons if (data := callback_data(b))]
    per_row = 1 if len(buttons) <= 3 else 2
    rows = tuple(tuple(buttons[i : i + per_row]) for i in range(0, len(buttons), per_row))
    return Rendered(tuple(_split(_lines(reply))), rows)
