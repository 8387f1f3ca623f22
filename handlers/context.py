"""What a use case needs to know about the message it is answering."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from handlers.directory import DirectoryCache
from handlers.settings import CoreSettings
from handlers.types import Message
from store import Unit
from store.models import Member


@dataclass
class Ctx:
    """One message being handled: the unit of work, the author, and their clock."""

    unit: Unit
    member: Member
    message: Message
    settings: CoreSettings
    now: dt.datetime  # aware UTC
    directories: DirectoryCache  # the Core's: its teams' directories and parser matchers
    # Who wrote the message when it is logged on `member`'s behalf ("log for Ana: …").
    writer: Member | None = None

    @property
    def tz(self) -> ZoneInfo:
        """The author's time zone (their own, else the team's)."""
        return ZoneInfo(self.member.tz or self.settings.default_tz)

    @property
    def local_now(self) -> dt.datetime:
        """Now on the author's wall clock."""
        return self.now.astimezone(self.tz)

    @property
    def today(self) -> dt.date:
        """The author's today."""
        return self.local_now.date()

    @property
    def is_admin(self) -> bool:
        """Whether the author may administer the team."""
        return self.member.role == "admin"
