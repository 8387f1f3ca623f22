"""Lookup cards, Telegram access rules and time zones."""

from __future__ import annotations

from handlers.core import Core
from tests.conftest import Say
from tests.handlers.helpers import button, live_interactions, rows


def test_contact_card_shows_last_touch_tasks_and_history(core: Core, say: Say) -> None:
    say("called Hope at brightwater, she wants the revised quote by friday")
    (card,) = say("who is Hope?")
    fields = {f.label: f.value for f in card.fields}
    assert card.title == "Hope Ferreira — Brightwater Foods"
    assert fields["Last contact"].startswith("call on Wed 18 Nov by sam (today)")
    assert "Fri 20 Nov" in fields["Open tasks"]
    assert any("called Hope at brightwater" in s for s in card.sections)


def test_company_card_lists_people_and_deals(core: Core, say: Say) -> None:
    say("Greg from Harbor called, engine room job is a go, 12,500 USD 🎉")
    (card,) = say("Harbor?")
    fields = {f.label: f.value for f in card.fields}
    assert card.title == "Harbor Marine Services"
    assert "Greg Pappas (call on Wed 18 Nov" in fields["People"]
    assert "won $12,500" in fields["Deals"]


def test_ambiguous_lookup_offers_each_candidate(core: Core, say: Say) -> None:
    (question,) = say("Chris?")
    (card,) = say(action=button(question, "Chris Vanterpool"))
    assert card.title == "Chris Vanterpool — Harbor Marine Services"


def test_telegram_stranger_is_refused_and_nothing_is_stored(core: Core, say: Say) -> None:
    before = rows(core, "contacts")
    (reply,) = say("called Hope, she wants a quote friday", user="555", platform="telegram")
    assert "private team bot" in reply.text
    (again,) = say("who is Hope?", user="555", platform="telegram")
    assert "Hope Ferreira" not in again.text
    assert live_interactions(core) == []
    assert rows(core, "contacts") == before


def test_invite_code_joins_once_and_only_once(core: Core, say: Say) -> None:
    (invite,) = say("invite")  # the console user administers the team
    code = invite.text.split("Invite code: ")[1].split()[0]
    (welcome,) = say(f"/start {code}", user="555", platform="telegram", name="Dana")
    assert "Welcome, Dana" in welcome.text
    (second,) = say(f"/start {code}", user="556", platform="telegram")
    assert "isn't valid" in second.text
    (logged,) = say("visited Redfern, all fine", user="555", platform="telegram")
    assert "Logged visit" in logged.text


def test_link_code_ties_telegram_to_the_same_member(core: Core, say: Say) -> None:
    say("hello", user="U1", platform="slack", name="Alex")
    (link,) = say("link", user="U1", platform="slack")
    code = link.text.split("/start ")[1].split("”")[0]
    (linked,) = say(f"start {code}", user="777", platform="telegram")
    assert "you're Alex here too" in linked.text
    say("visited Redfern, all fine", user="777", platform="telegram")
    (interaction,) = live_interactions(core)
    assert interaction["author"] == "Alex"


def test_groups_work_only_after_an_admin_allows_them(core: Core, say: Say) -> None:
    assert say("who is Hope?", user="999", platform="telegram", chat="g1", direct=False) == []
    (allowed,) = say("/allow", user="999", platform="telegram", chat="g1", direct=False)
    assert "can use Rapport" in allowed.text
    (card,) = say("who is Hope?", user="999", platform="telegram", chat="g1", direct=False)
    assert "Hope Ferreira" in card.text


def test_revoked_member_is_refused(core: Core, say: Say) -> None:
    (invite,) = say("invite")
    code = invite.text.split("Invite code: ")[1].split()[0]
    say(f"/start {code}", user="555", platform="telegram", name="Dana")
    (revoked,) = say("revoke Dana")
    assert "no longer has access" in revoked.text
    (refused,) = say("my tasks", user="555", platform="telegram")
    assert "private team bot" in refused.text


def test_bad_time_zone_changes_nothing(core: Core, say: Say) -> None:
    (bad,) = say("tz Mars/Olympus")
    assert "isn't a time zone" in bad.text
    (ok,) = say("tz Europe/Berlin")
    assert "Europe/Berlin" in ok.text
