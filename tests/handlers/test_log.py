"""Logging contacts and follow-ups, and the questions asked before writing."""

from __future__ import annotations

from handlers.core import Core
from tests.conftest import Clock, Say
from tests.handlers.helpers import button, live_interactions, rows


def test_log_card_restates_who_what_when_and_the_absolute_due_date(core: Core, say: Say) -> None:
    (reply,) = say("called Hope at brightwater, she wants the revised quote by friday")
    fields = {f.label: f.value for f in reply.fields}
    assert fields["Who"] == "Hope Ferreira (Brightwater Foods)"
    assert fields["What"] == "call"
    assert fields["When"] == "Wed 18 Nov"
    assert "due Fri 20 Nov" in fields["Follow-up"]
    assert "Hope Ferreira" in reply.text
    assert "Fri 20 Nov" in reply.text
    assert [b.label for b in reply.buttons] == ["Undo", "Change date", "Done"]
    (interaction,) = live_interactions(core)
    assert interaction["type"] == "call"
    assert interaction["author"] == "sam"
    assert "Hope Ferreira" in interaction["customers"]
    (task,) = rows(core, "tasks")
    assert task["due_date"] == "2026-11-20"
    assert task["owner"] == "sam"
    assert task["contact"] == "Hope Ferreira"


def test_the_same_message_key_twice_writes_one_interaction(core: Core, say: Say) -> None:
    first = say("visited Pinecrest, install done", key="slack:C1:1.0")
    again = say("visited Pinecrest, install done", key="slack:C1:1.0")
    assert [r.text for r in first] == [r.text for r in again]
    assert len(live_interactions(core)) == 1


def test_ambiguous_name_asks_and_writes_nothing_until_answered(core: Core, say: Say) -> None:
    (question,) = say("called Chris, he wants the maintenance quote by Friday")
    assert question.title == "Which Chris?"
    assert live_interactions(core) == []
    assert rows(core, "tasks") == []
    (card,) = say(action=button(question, "Chris Vanterpool"))
    assert card.replace
    assert "Chris Vanterpool" in card.text
    (interaction,) = live_interactions(core)
    assert interaction["customers"] == "Chris Vanterpool"
    # Pressing the same question again changes nothing.
    (late,) = say(action=button(question, "Chris Adeyemi"))
    assert "already answered" in late.text
    assert len(live_interactions(core)) == 1


def test_a_company_in_the_message_settles_an_ambiguous_name(core: Core, say: Say) -> None:
    (card,) = say("called Chris at Zephyr, all good")
    assert "Chris Adeyemi" in card.text


def test_typing_the_option_number_answers_the_question(core: Core, say: Say) -> None:
    say("remind me to call Chris tmrw at 3")
    (card,) = say("1")
    assert "Chris Adeyemi" in card.text
    (task,) = rows(core, "tasks")
    assert task["due_date"] == "2026-11-19"
    assert task["due_at"] == "2026-11-19T20:00:00+00:00"  # 15:00 in New York


def test_new_contact_is_offered_and_added_once(core: Core, say: Say) -> None:
    (question,) = say("met Priya Raman from Initrode, wants a demo Dec 3")
    assert question.title == "Add Priya Raman (Initrode) as a new contact?"
    (follow,) = say(action=button(question, "Add contact"))
    names = {r["name"] for r in rows(core, "contacts")}
    assert "Priya Raman" in names
    assert any(c["name"] == "Initrode" for c in rows(core, "companies"))
    assert "Priya Raman" in follow.text
    (interaction,) = live_interactions(core)
    assert "Priya Raman" in interaction["customers"]


def test_a_close_existing_match_is_offered_before_adding(core: Core, say: Say) -> None:
    (question,) = say("met Tom Whitacre at the expo")
    labels = [b.label for b in question.buttons]
    assert labels[0] == "It's Tom Whitaker", labels
    (card,) = say(action=button(question, "It's Tom Whitaker"))
    assert "Tom Whitaker" in card.text
    assert "Tom Whitacre" not in {r["name"] for r in rows(core, "contacts")}


def test_cancel_writes_nothing(core: Core, say: Say) -> None:
    (question,) = say("met Priya Raman from Initrode")
    (done,) = say(action=button(question, "Cancel"))
    assert "nothing was saved" in done.text
    assert live_interactions(core) == []
    assert "Priya Raman" not in {r["name"] for r in rows(core, "contacts")}


def test_task_message_creates_only_a_task(core: Core, say: Say) -> None:
    (card,) = say("remind me to ping Hope next Friday")
    assert live_interactions(core) == []
    (task,) = rows(core, "tasks")
    assert task["due_date"] == "2026-11-27"
    assert "Fri 27 Nov" in card.text


def test_a_follow_up_without_a_date_gets_the_default_delay(core: Core, say: Say) -> None:
    (card,) = say("texted marco the menu pricing, still need to send him the contract")
    (task,) = rows(core, "tasks")
    assert task["due_date"] == "2026-11-23"  # Wed + 3 days is Saturday: Monday, a workday
    assert "no date given: 3 days from today, moved past your days off" in card.text


def test_signed_with_amount_marks_the_deal_won(core: Core, say: Say) -> None:
    say("Zephyr signed!! $48k over 2 yrs")
    (deal,) = rows(core, "deals")
    assert deal["stage"] == "won"
    assert deal["amount"] == 48000
    assert deal["company"] == "Zephyr Solar"


def test_log_without_a_customer_writes_nothing(core: Core, say: Say) -> None:
    (reply,) = say("called her back, all sorted")
    assert "nothing was logged" in reply.text or "didn't catch" in reply.text
    assert live_interactions(core) == []


def test_chatter_gets_a_short_answer_and_changes_nothing(core: Core, say: Say) -> None:
    (reply,) = say("thanks!!")
    assert "nothing changed" in reply.text
    assert live_interactions(core) == []
    assert rows(core, "tasks") == []


def test_times_show_in_the_authors_zone(core: Core, say: Say, clock: Clock) -> None:
    say("tz Asia/Tokyo", user="999", platform="telegram")
    clock.advance(hours=2)  # 16:00 UTC: Thu 01:00 in Tokyo, Wed 11:00 in New York
    (card,) = say("remind me to call Hope tomorrow", user="999", platform="telegram")
    assert "Fri 20 Nov" in card.text
    (ny,) = say("remind me to call Hope tomorrow")
    assert "Thu 19 Nov" in ny.text


def test_shortcut_logs_any_text_and_asks_who_when_unnamed(core: Core, say: Say) -> None:
    from handlers.types import Message
    from tests.conftest import NOW

    def shortcut(text: str, key: str) -> list:
        return core.handle(
            Message(
                platform="slack",
                user="U9",
                chat="C1",
                text=text,
                sent_at=NOW,
                message_id=key,
                log_as_is=True,
            )
        )

    (card,) = shortcut("Pricing looks fine to us, please send the contract to Olu", "s1")
    assert "Logged note with Olu Bakare" in card.text
    (ask,) = shortcut("Thanks for the call, see attached.", "s2")
    assert "Who is this about?" in ask.text
    (done,) = say("Redfern Dairy", user="U9", platform="slack", chat="C1")
    assert "Logged note with Redfern Dairy" in done.text
    assert len(live_interactions(core)) == 2


def test_home_lists_tasks_and_recent_customers(core: Core, say: Say) -> None:
    say("called Hope, she wants a quote friday", user="U7", platform="slack")
    replies = core.home("slack", "U7")
    assert "Revised" in replies[0].text or "#1" in replies[0].text
    assert replies[-1].title == "Recently touched"
    assert "Hope Ferreira" in replies[-1].text


def test_a_slash_date_is_asked_about_not_guessed(core: Core, say: Say) -> None:
    (question,) = say("remind me to send Hope the deck 12/3")
    assert [b.label for b in question.buttons] == [
        "Thu 3 Dec",
        "Fri 12 Mar 2027",
        "No date",
        "Cancel",
    ]
    assert rows(core, "tasks") == []
    (card,) = say(action=button(question, "Fri 12 Mar"))
    assert "Fri 12 Mar 2027" in card.text
    assert rows(core, "tasks")[0]["due_date"] == "2027-03-12"


def test_customer_reaching_out_gets_a_follow_up_offer(core: Core, say: Say) -> None:
    (card,) = say("Sue called, they're renewing")
    assert "Follow up with Sue?" in card.text
    assert [b.label for b in card.buttons][-3:] == ["Follow up tomorrow", "In 3 days", "No"]
    (added,) = say(action=button(card, "In 3 days"))
    assert "“Follow up with Sue Brennan” due Sat 21 Nov" in added.text
    (task,) = rows(core, "tasks")
    assert task["contact"] == "Sue Brennan"
    (own,) = say("called Sue, all fine")
    assert "Follow up with" not in own.text  # we called: no offer


def test_a_default_follow_up_keeps_to_the_members_own_workdays(core: Core, say: Say) -> None:
    say("workdays tue-sat")
    say("texted marco the menu pricing, still need to send him the contract")
    (task,) = rows(core, "tasks")
    assert task["due_date"] == "2026-11-21"  # Saturday is one of this member's workdays
