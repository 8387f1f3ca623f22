"""Reading what the core wrote, through the export tables."""

from __future__ import annotations

from typing import Any

from handlers.core import Core
from handlers.exporter import tables
from handlers.types import Button, Reply


def rows(core: Core, name: str) -> list[dict[str, Any]]:
    """One exported table as dicts."""
    with core.store.unit(core.settings.team_slug) as unit:
        return tables(unit)[name]


def live_interactions(core: Core) -> list[dict[str, Any]]:
    """Interactions not undone."""
    return [r for r in rows(core, "interactions") if r["deleted_at"] is None]


def button(reply: Reply, label: str) -> tuple[str, str]:
    """The (action, value) of the button whose label starts with `label`."""
    found: list[Button] = [b for b in reply.buttons if b.label.startswith(label)]
    assert found, f"no button {label!r} in {[b.label for b in reply.buttons]}"
    return found[0].action, found[0].value
