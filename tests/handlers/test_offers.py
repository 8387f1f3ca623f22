"""Leads and complaints nobody owns are offered to the team; whoever presses takes them."""

from __future__ import annotations

import datetime as dt

from handlers.core import Core
from tests.conftest import Clock, Say
from tests.handlers.helpers import button, claim_notices, claim_nudges, rows

LEAD = "called Greg at Harbor, he wants the $12k imaging package"


def _join(say: Say, user: str, name: str) -> None:
    say("hello", user=user, platform="slack", name=name)


def _harbor(core: Core) -> dict[str, object]:
    (harbor,) = [c for c in rows(core, "companies") if c["name"] == "Harbor Marine Services"]
    return harbor


def test_a_new_lead_is_offered_to_the_team_channel_and_taken(core: Core, say: Say) -> None:
    _join(say, "alex", "Alex Kim")
    _join(say, "kim", "Kim Lee")
    say("digest 08:30", chat="team")
    say(LEAD, user="alex", platform="slack")
    (offer,) = claim_notices(core, "a")
    assert (offer.recipient.platform, offer.recipient.address) == ("console", "team")
    assert offer.reply.text.startswith(
        "New lead: Harbor Marine Services (imaging package, $12,000)"
    )
    assert "Alex Kim logged: “called Greg at Harbor" in offer.reply.text
    (taken,) = say(action=button(offer.reply, "Take it"), user="kim", platform="slack")
    assert taken.text == (
        "Kim Lee took the lead Harbor Marine Services: they own it and its 1 open deal now."
    )
    assert _harbor(core)["owner"] == "Kim Lee"
    assert rows(core, "deals")[0]["owner"] == "Kim Lee"
    (late,) = say(action=button(offer.reply, "Take it"), user="alex", platform="slack")
    assert late.text == "Kim Lee already took Harbor Marine Services."
    assert _harbor(core)["owner"] == "Kim Lee"
    (undone,) = say(action=button(taken, "Undo"), user="kim", platform="slack")
    assert undone.text == "Undone: Harbor Marine Services is back with nobody."
    assert _harbor(core)["owner"] is None
    assert rows(core, "deals")[0]["owner"] == "Alex Kim"


def test_without_a_channel_a_lead_goes_to_the_admins(core: Core, say: Say) -> None:
    say("hello")  # sam, on the terminal: an admin
    _join(say, "alex", "Alex Kim")
    say(LEAD, user="alex", platform="slack")
    (offer,) = claim_notices(core, "a")
    assert (offer.recipient.platform, offer.recipient.address) == ("console", "sam")
    assert [b.label for b in offer.reply.buttons] == ["Take it", "Show"]
    say(action=button(offer.reply, "Take it"))
    assert _harbor(core)["owner"] == "sam"
    (undone,) = say("undo")
    assert undone.text == "Undone: Harbor Marine Services is back with nobody."


def test_a_line_that_says_new_lead_is_offered(core: Core, say: Say) -> None:
    _join(say, "alex", "Alex Kim")
    say("digest 08:30", chat="team")
    say("new lead: Pinecrest Veterinary, talked to Priya about the clinic", user="alex",
        platform="slack")  # fmt: skip
    (offer,) = claim_notices(core, "a")
    assert offer.reply.title == "New lead: Pinecrest Veterinary"


def test_a_log_about_a_known_deal_is_no_new_lead(core: Core, say: Say) -> None:
    say("digest 08:30", chat="team")
    say(LEAD)
    claim_notices(core, "a")
    say("sent Greg the proposal")
    say("talked to Greg at Harbor, all good")
    assert claim_notices(core, "b") == []


def test_an_undone_lead_is_not_offered(core: Core, say: Say) -> None:
    say("digest 08:30", chat="team")
    (ask,) = say("met Dana Whitfield from Northwind Labs at the expo, wants a demo")
    say(action=button(ask, "Add contact"))
    assert any(c["name"] == "Dana Whitfield" for c in rows(core, "contacts"))
    say("undo")
    assert claim_notices(core, "a") == []


def test_an_undone_deal_is_not_offered(core: Core, say: Say) -> None:
    say("digest 08:30", chat="team")
    say(LEAD)
    say("undo")
    assert claim_notices(core, "a") == []


def test_a_log_that_adds_a_customer_is_a_new_lead(core: Core, say: Say) -> None:
    say("digest 08:30", chat="team")
    (ask,) = say("met Dana Whitfield from Northwind Labs at the expo, wants a demo")
    say(action=button(ask, "Add contact"))
    (offer,) = claim_notices(core, "a")
    assert offer.reply.title in ("New lead: Northwind Labs", "New lead: Dana Whitfield")


def test_a_complaint_nobody_owns_goes_to_the_team_channel(
    core: Core, say: Say, clock: Clock
) -> None:
    _join(say, "alex", "Alex Kim")
    _join(say, "kim", "Kim Lee")
    say("digest 08:30", chat="team")
    say("Greg complained about invoice errors", user="alex", platform="slack")
    (card,) = claim_notices(core, "a")
    assert (card.recipient.platform, card.recipient.address) == ("console", "team")
    assert "Alex Kim logged: “Greg complained about invoice errors”" in card.reply.text
    clock.now = dt.datetime(2026, 11, 18, 15, 0, tzinfo=dt.UTC)
    assert claim_nudges(core, "b") == []  # the channel has it, not one person's DM
    (taken,) = say(action=button(card.reply, "Assign to me"), user="kim", platform="slack")
    assert taken.text.startswith("Kim Lee took #1 Complaint")


def test_without_a_channel_a_complaint_nobody_owns_goes_to_an_admin(
    core: Core, say: Say, clock: Clock
) -> None:
    say("hello")  # sam, an admin
    _join(say, "alex", "Alex Kim")
    say("Greg complained about invoice errors", user="alex", platform="slack")
    clock.now = dt.datetime(2026, 11, 18, 15, 0, tzinfo=dt.UTC)
    (nudge,) = claim_nudges(core, "a")
    assert (nudge.recipient.platform, nudge.recipient.address) == ("console", "sam")
    assert [b.label for b in nudge.reply.buttons] == ["Log call", "Assign to me", "Done"]


def test_a_person_added_at_a_known_company_is_the_lead(core: Core, say: Say) -> None:
    say("digest 08:30", chat="team")
    (ask,) = say("met Dana Whitfield at Harbor, wants a demo")
    say(action=button(ask, "Add contact"))
    (offer,) = claim_notices(core, "a")
    assert offer.reply.title == "New lead: Dana Whitfield"


def test_a_lead_logged_in_the_team_channel_is_offered_on_its_own_card(core: Core, say: Say) -> None:
    _join(say, "alex", "Alex Kim")
    _join(say, "kim", "Kim Lee")
    say("digest 08:30", chat="team")
    (card,) = say(LEAD, chat="team", direct=False)
    assert "New lead: whoever takes it owns it." in card.text
    assert claim_notices(core, "a") == []  # the channel saw the card: nothing posted twice
    (taken,) = say(action=button(card, "Take it"), user="kim", platform="slack")
    assert taken.text.startswith("Kim Lee took the lead Harbor Marine Services")
    assert _harbor(core)["owner"] == "Kim Lee"
