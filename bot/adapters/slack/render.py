"""Reply -> Block Kit, within Slack's limits; `text` is always the fallback."""

from __future__ import annotations

from typing import Any

from handlers.types import Reply

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_FIELD = 2000
MAX_FIELDS = 10
MAX_BUTTONS = 25
MAX_BUTTON_TEXT = 75
MAX_VALUE = 2000
MAX_TEXT = 40_000
_STYLE = {"primary": "primary", "danger": "danger"}


def escape(text: str) -> str:
    """Slack's three control characters, escaped (so user text never becomes a mention)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _chunks(lines: list[str], limit: int) -> list[str]:
    out: list[str] = []
    current = ""
    for line in lines:
        line = _clip(line, limit)
        if current and len(current) + 1 + len(line) > limit:
            out.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current:
        out.append(current)
    return out


def button_id(action: str, index: int) -> str:
    """A block-unique action_id that still carries the action name."""
    return f"{action}:{index}"


def action_name(action_id: str) -> str:
    """The core's action name from an action_id made by `button_id`."""
    return action_id.rsplit(":", 1)[0]


def render(reply: Reply) -> dict[str, Any]:
    """Blocks and fallback text for chat.postMessage / chat.update / respond."""
    blocks: list[dict[str, Any]] = []
    if reply.fields or reply.sections or reply.buttons or reply.title:
        head = f"*{escape(reply.title)}*" if reply.title else escape(reply.text)
        if reply.title and not (reply.fields or reply.sections):
            head += "\n" + escape(reply.text) if reply.text != reply.title else ""
        blocks.append(
            {"type": "section", "text": {"type": "mrkdwn", "text": _clip(head, MAX_SECTION)}}
        )
        fields = [
            {"type": "mrkdwn", "text": _clip(f"*{escape(f.label)}*\n{escape(f.value)}", MAX_FIELD)}
            for f in reply.fields
        ]
        for i in range(0, len(fields), MAX_FIELDS):
            blocks.append({"type": "section", "fields": fields[i : i + MAX_FIELDS]})
        room = MAX_BLOCKS - len(blocks) - 2
        chunks = _chunks([escape(s) for s in reply.sections], MAX_SECTION)
        if len(chunks) > room:
            chunks = [*chunks[: room - 1], "…more in the full view"]
        blocks += [{"type": "section", "text": {"type": "mrkdwn", "text": c}} for c in chunks]
        if reply.context:
            blocks.append({"type": "context",
                           "elements": [{"type": "mrkdwn", "text": _clip(escape(reply.context), 3000)}]})  # fmt: skip
        if reply.buttons:
            elements = []
            for i, b in enumerate(reply.buttons[:MAX_BUTTONS]):
                element: dict[str, Any] = {
                    "type": "button",
                    "text": {"type": "plain_text", "text": _clip(b.label, MAX_BUTTON_TEXT)},
                    "action_id": button_id(b.action, i),
                    "value": b.value[:MAX_VALUE],
                }
                if b.style in _STYLE:
                    element["style"] = _STYLE[b.style]
                elements.append(element)
            blocks.append({"type": "actions", "elements": elements})
    # The fallback is mrkdwn too (and what notifications show): escaped like every block.
    return {"text": _clip(escape(reply.text), MAX_TEXT), "blocks": blocks[:MAX_BLOCKS]}


def home_view(replies: list[Reply]) -> dict[str, Any]:
    """The App Home tab from the core's home replies (at most 100 blocks)."""
    blocks: list[dict[str, Any]] = []
    for reply in replies:
        if blocks:
            blocks.append({"type": "divider"})
        blocks.extend(render(reply)["blocks"] or [
            {"type": "section", "text": {"type": "mrkdwn", "text": escape(reply.text)}}
        ])  # fmt: skip
    return {"type": "home", "blocks": blocks[:100]}
