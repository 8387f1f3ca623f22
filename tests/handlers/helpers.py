"""Reading what the core wrote, through the export tables."""

from __future__ import annotations

from typing import Any

from handlers import digest_delivery, outbound
from handlers.core import Core
from handlers.exporter import tables
from handlers.types import Button, Delivered, Reply


def rows(core: Core, name: str) -> list[dict[str, Any]]:
    """One exported table as dicts."""
    with core.unit() as unit:
        return tables(unit)[name]


def live_interactions(core: Core) -> list[dict[str, Any]]:
    """Interactions not undone."""
    return [r for r in rows(core, "interactions") if r["deleted_at"] is None]


def button(reply: Reply, label: str) -> tuple[str, str]:
    """The (action, value) of the button whose label starts with `label`."""
    found: list[Button] = [b for b in reply.buttons if b.label.startswith(label)]
    assert found, f"no button {label!r} in {[b.label for b in reply.buttons]}"
    return found[0].action, found[0].value


def claim_nudges(core: Core, token: str, limit: int = 200) -> list[outbound.Nudge]:
    """What the scheduler's nudge tick claims now."""
    return core.in_unit(outbound.claim_nudges, core.settings, core.clock(), token, limit)


def finish_nudge(core: Core, nudge: outbound.Nudge, sent: bool) -> None:
    """Settle one claimed nudge as the tick does after sending it."""
    core.in_unit(outbound.settle_nudges, core.settings, core.clock(), [(nudge, sent)])


def claim_digests(core: Core, token: str) -> list[digest_delivery.Digest]:
    """What the scheduler's digest tick claims now."""
    return core.in_unit(digest_delivery.claim_digests, core.settings, core.clock(), token)


def finish_digest(core: Core, digest: digest_delivery.Digest, sent: bool) -> None:
    """Settle one claimed digest as the tick does after posting all of it (or none)."""
    outcome = Delivered(frozenset({"text:0"}) if sent else frozenset(), sent)
    core.in_unit(digest_delivery.settle_digest, core.settings, core.clock(), digest, outcome)


def claim_notices(core: Core, token: str, limit: int = 200) -> list[outbound.NoticeOut]:
    """What the scheduler's notice tick claims now."""
    return core.in_unit(outbound.claim_notices, core.settings, core.clock(), token, limit)
