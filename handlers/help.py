"""What the bot understands, with examples."""

from __future__ import annotations

from handlers.types import Reply

HELP = """I keep your customer log and follow-ups. Write the way you talk:
• Log a contact: “called Jane, she wants a quote Friday”, “visited Acme, install done”
• Set a follow-up: “remind me to call Acme next Tuesday at 3”
• Plan a meeting or a job: “mtg w/ Jane Tue 14:00”, “pump install at Acme thurs 8am”
• Look someone up: “who is Jane?”, “Acme?”, “when did we last talk to Acme?”; one fact: “Jane's phone?”, “who owns Acme?”
• Change a record: “Jane's new email is jane@acme.com”, “Jane moved to Globex”, “give Acme to Sam”
• Add on purpose: “add Priya Raman at Initrode, priya@initrode.com”, “add company Initrode”
• Tidy up: “merge Sarah into Sarah Kim”, “delete contact Sarah”
• Lists: “list customers”, “my customers”, “Acme contacts”, “gone cold”; notes: “search pallets”
• Deals: “Acme signed, €3,500/mo”, “sent Acme the proposal”, “went with a competitor”;
  “pipeline”, “my deals”, “Acme's deals”
• The customer's voice: “Jane rated us 4/5”, “Bob complained about invoice errors”,
  “survey Acme”, “what do customers ask for?”
• Your tasks: “my tasks”, “what's on my plate this week”, “any calls I need to make today?”
• Change a task: “done 3”, “snooze 3 to monday”, “give 3 to Sam”, “move 3 to the 18th”,
  “rename 3 to send the quote”, “cancel 3”, “reopen 3”
• For a teammate: “log for Ana: called Lucia” (admins, or after “allow Sam to log for others”),
  “what did Sam do yesterday?”
• Fix a mistake: “undo” reverts your last change
• Your hours: “tz Europe/Berlin”, “workday 08:00”, “quiet 21:00-07:00”, “workdays sun-thu”
• Team digest in this chat: “digest 08:30”, “digest now”, “digest off”
• Accounts: “link” (connect Telegram); admins: “invite”, “invite Sam Lee”, “link Sam Lee to Samuel Lee”"""


def help_reply() -> list[Reply]:
    """The help text."""
    return [Reply(HELP, title="What I understand")]


def not_understood() -> list[Reply]:
    """A short, helpful answer to something the bot can't use."""
    return [
        Reply(
            "I didn't catch a customer or a task in that, so nothing changed. "
            "Try “called Jane, quote Friday”, “who is Jane?” or “help”."
        )
    ]
