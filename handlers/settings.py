"""The core's settings: no tokens, no platform detail beyond admin ids."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class CoreSettings:
    """What the core needs from the deployment's configuration."""

    team_slug: str = "default"
    team_name: str = "Team"
    default_tz: str = "UTC"
    workday_start: dt.time = dt.time(9, 0)
    admin_ids: frozenset[tuple[str, str]] = field(default_factory=frozenset)
    default_followup_days: int = 3
    quiet_hours: str = "20:00-08:00"
    workdays: str = "mon-fri"
    cold_days: int = 30
    default_currency: str = "USD"  # ISO 4217: amounts written without a currency
    deal_idle_days: int = 14  # a deal this long in one stage is flagged in the pipeline
    phone_region: str = "US"  # numbers written without +country are read as from here
    index_dir: str | None = None  # where compiled directories are kept across restarts
