"""The chat lines of the customer-records work, with what each reply must say.

Shared by the Slack and Telegram loopback tests: one seeded team per platform, then each
line goes through the real app and its reply is checked. Each line's expectation holds
whichever other lines ran before it.
"""

from __future__ import annotations

from pathlib import Path

from handlers.core import Core, CoreSettings
from handlers.importer import import_path
from handlers.types import Message
from store import Store
from tests.conftest import DIRECTORY, Clock

#: Teammates seeded on Slack (any platform's chat reaches the same team).
TEAMMATES = (("U3", "Ana Ruiz"), ("U4", "Sam Lee"))

#: What the writer sets up before the lines run (#1 Bob's task, #2 Hope's, #3 cancelled).
SEEDS = (
    "add Jane Doe at Acme, jane@acme.com",
    "add Bob Stone at Acme",
    "Jane's phone is +1 415 555 0100",
    "Bob's email is bob@acme.com",
    "give Acme to Ana",
    "add Sarah at Summit",
    "add Sarah Kim at Summit",
    "remind me to call Bob friday",
    "remind me to call Hope friday",
    "remind me to send Rose the deck monday",
    "cancel 3",
    "called Hope about 40 pallets",
)

#: (line, a substring its reply must contain), in the issue's order.
LINES = (
    ("Jane's phone?", "Jane Doe's phone: +1 415-555-0100"),
    ("Acme's owner?", "Acme's owner: Ana Ruiz"),
    ("email for Bob?", "Bob Stone's email: bob@acme.com"),
    (
        "Jane's new email is jane@acme-new.com",
        "Jane Doe's email: jane@acme.com → jane@acme-new.com",
    ),
    ("change Bob's phone to +1 415 555 0101", "Bob Stone's phone: — → +1 415-555-0101"),
    ("Jane moved to Globex", "Jane Doe's company: Acme → Globex"),
    ("Jane's title is CFO", "Jane Doe's title: — → CFO"),
    ("make me owner of Acme", "Acme's owner: Ana Ruiz → Dana"),
    ("give Acme to Sam", "→ Sam Lee"),
    ("add Priya Raman at Initrode, priya@initrode.com", "Added Priya Raman"),
    ("merge Sarah into Sarah Kim", "Merged Sarah into Sarah Kim."),
    ("delete contact Bob", "Bob Stone has open tasks (#1); nothing was deleted."),
    ("search pallets", "called Hope about 40 pallets"),
    ("move 2 to the 18th", "Moved #2 Call Hope: Fri 20 Nov → Fri 18 Dec."),
    ("rename 2 to send the revised quote", "“send the revised quote”."),
    ("cancel 2", "Cancelled #2"),
    ("reopen 3", "Reopened #3"),
    (
        "log for Ana: called Hope, she wants the BAA",
        "Logged call with Hope Ferreira (for Ana Ruiz)",
    ),
    ("what did Sam do yesterday?", "Sam Lee yesterday: 1 logged"),
)


def seeded_core(path: Path, platform: str, user: str, name: str, admin: bool) -> Core:
    """A core on a fresh SQLite file: the dev directory, teammates, and the writer's seeds."""
    clock = Clock()
    core = Core(
        Store(f"sqlite:///{path / 'rapport.db'}"),
        CoreSettings(default_tz="America/New_York", admin_ids=frozenset({("telegram", "999")})),
        clock=clock,
    )
    assert core.in_unit(import_path, DIRECTORY, clock()).ok
    keys = iter(range(1, 1_000))

    def say(text: str, platform: str, user: str, name: str, admin: bool = False) -> None:
        core.handle(
            Message(
                platform=platform,  # type: ignore[arg-type]
                user=user,
                chat=f"seed-{user}",
                text=text,
                sent_at=clock.now,
                message_id=f"seed-{next(keys)}",
                user_name=name,
                is_direct=True,
                user_is_admin=admin if platform == "slack" else None,
            )
        )

    for teammate, teammate_name in TEAMMATES:
        say("help", "slack", teammate, teammate_name)
    # Sam's work yesterday, for "what did Sam do yesterday?".
    clock.advance(days=-1)
    say("called Olu about the invoice", "slack", "U4", "Sam Lee")
    clock.advance(days=1)
    for line in SEEDS:
        say(line, platform, user, name, admin)
    return core
