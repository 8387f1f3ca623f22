"""An admin says who an imported owner is: "link Sam Lee to Samuel Lee".

An import makes a member for each owner it does not know; the person claims it on their
own by their Slack profile's email or, on Telegram, with an admin's "invite Sam Lee" code
(see handlers/access.py). When they already use the bot under another name, an admin
links the two: what the imported member owns becomes the person's, and the imported
member is retired. Undoable, audited.
"""

from __future__ import annotations

import re

from handlers import audit
from handlers.context import Ctx
from handlers.types import Button, Reply
from store.models import AuditEvent

_LINK = re.compile(r"^(?P<imported>.+?)\s+to\s+@?(?P<member>.+)$", re.I)


def command(ctx: Ctx, rest: str) -> list[Reply] | None:
    """“link Sam Lee to Samuel Lee”; None when `rest` is not that (plain "link" is not)."""
    m = _LINK.match(rest.strip())
    if m is None:
        return None
    typed, wanted = m.group("imported").strip(), m.group("member").strip()
    imported = ctx.unit.not_joined(typed)
    if imported is None and not ctx.is_admin:
        return None  # not this command: "link" is a word people log with too
    if imported is None:
        return [Reply(f"No imported member “{typed[:40]}” waiting to join: "
                      "“link NAME to MEMBER” is for an owner an import made.", tone="warning")]  # fmt: skip
    if not ctx.is_admin:
        return [Reply("Only an admin can say who an imported owner is.", tone="warning")]
    found = [m for m in ctx.unit.members() if m.name.lower() == wanted.lower().lstrip("@")]
    joined = [m for m in found if m.id != imported.id and ctx.unit.identities_of(m.id)]
    if len(joined) != 1:
        return [Reply(f"No single member called “{wanted[:40]}” who uses the bot. "
                      "Write their name as the team list has it.", tone="warning")]  # fmt: skip
    member = joined[0]
    moved = ctx.unit.move_customer_links("member", imported.id, member.id)
    imported.active = False
    event = audit.record(ctx, "member.link", "member", imported.id, {"active": True},
                         {"active": False, "to": member.id, "moved": moved})  # fmt: skip
    ctx.unit.flush()
    count = sum(len(ids) for ids in moved.values())
    return [Reply(f"Linked: {imported.name} is {member.name} now; {count} customers, deals "
                  f"and tasks moved to {member.name}.", tone="success",
                  buttons=(Button("Undo", "record.undo", str(event.id), "danger"),))]  # fmt: skip


def undo(ctx: Ctx, event: AuditEvent) -> str:
    """Give the imported member back what the link moved."""
    imported = ctx.unit.member(event.entity_id)
    if imported is None:
        return "That member is gone; nothing to undo."
    ctx.unit.restore_customer_links("member", (event.after or {}).get("moved", {}), imported.id)
    imported.active = True
    return f"Undone: {imported.name} is a separate member again, with what they owned."
