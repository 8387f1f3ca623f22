"""Intents by category of language: questions about customers, agenda questions,
planned contacts, and when the parser says it is unsure."""

from __future__ import annotations

import datetime as dt

import pytest

from nlp import Directory, Parse, compile, parse

NOW = dt.datetime(2026, 11, 18, 10, 0)  # a Wednesday
MATCHER = compile(
    Directory.from_json(
        {
            "companies": [
                {"name": "Acme Logistics"},
                {"name": "Globex"},
                {"name": "Hooli Inc", "aliases": ["Hooli"]},
                {"name": "Redfern & Ashby"},
            ],
            "people": [
                {"name": "Jane Doe", "company": "Acme Logistics"},
                {"name": "Kwame Mensah", "company": "Globex"},
                {"name": "Oliver Stone", "company": "Hooli Inc"},
                {"name": "Nina Patel", "company": "Globex"},
                {"name": "Bob Marsh"},
            ],
        }
    )
)


def p(text: str) -> Parse:
    return parse(text, NOW, "America/New_York", MATCHER, strict=True)


@pytest.mark.parametrize(
    "text",
    [
        "when did we last talk to Kwame?",
        "when did we last visit Globex?",
        "what's up with Acme?",
        "status on Globex?",
        "history with Redfern & Ashby pls",
        "remind me who Jane is",
        "Jane's email?",
        "Kwame's phone # pls",
        "what's Nina's email again",
        "phone for Jane at Acme?",
        "Globex contacts?",
        "Kwame from Globex?",
        "did anyone talk to Oliver this week?",
        "who owns the Hooli account?",
        "where are we w/ Globex?",
        "latest w/ Hooli?",
        "how many seats does Hooli have?",
        "when's the last time anyone spoke with Acme?",
        "full job history for Globex?",
        "Globex status?",
        "pls when last did we service the generator at Acme",
        "last time we serviced Hooli?",
        "last PMS at Acme?",
        "wat's the latest with Globex",
        "Jane Doe phone",
        "Globex notes pls",
        "Hooli?? anyone?",
        "Globex - any update?",
        "re Hooli: what's the latest?",
        "sir please what is the number of Jane",
        "hey @rapport who is Nina",
        "could you look up Nina",
        "show Globex",
        "who handles Hooli?",
        "where did we leave things with Nina?",
    ],
)
def test_questions_about_a_customer_are_lookups(text: str) -> None:
    parsed = p(text)
    assert parsed.intent == "lookup"
    assert parsed.customers
    assert parsed.task is None


@pytest.mark.parametrize(
    "text",
    [
        "show my reminders",
        "what's on my plate this week",
        "anything pending for me?",
        "any calls I need to make today?",
        "pending follow-ups?",
        "any follow-ups due this week?",
        "who do I need to call today?",
        "what have I got on monday?",
        "Morning! what's first on my list today",
        "todo list for the week pls",
        "remind me what I've got tmrw",
        "anything on for me today?",
        "what's lined up for me tmrw?",
        "ok which tasks did I miss this week",
        "what jobs i have today",
        "my jobs today?",
        "Today's jobs?",
        "do I have any site visits today",
        "wat do i have today",
        "any visits scheduled for me on monday?",
        "what should I do today",
        "whats next for me",
        "to do list",
        "what's left for today",
    ],
)
def test_agenda_questions_in_many_phrasings(text: str) -> None:
    parsed = p(text)
    assert parsed.intent == "agenda"
    assert parsed.task is None


@pytest.mark.parametrize(
    "text",
    [
        "mtg w/ Oliver tmrw 9:30",
        "mtg w/ Jane Tue 14:00",
        "demo with Hooli Thu at 3",
        "coffee with Bob next Thursday",
        "lunch with Jane Friday 12:30",
        "zoom w/ Kwame fri 3:30pm",
        "intro call w/ Nina from Globex Monday at 4",
        "catch-up with Kwame Tuesday 4pm",
        "Tues 10am: site visit Acme",
        "seeing Globex on Friday",
        "calling Jane at 4",
        "going to Acme on Monday",
        "Nina - call back Monday",
        "Kwame rescheduled to Friday 2pm",
        "demo with Hooli postponed to the 15th",
    ],
)
def test_planned_contacts_are_tasks(text: str) -> None:
    parsed = p(text)
    assert parsed.intent == "task"
    assert parsed.task is not None
    assert parsed.task.due is not None
    assert "intent" not in parsed.unsure


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("lunch with Jane on Friday, she may have budget in Q1", "meeting"),
        ("call with Kwame went badly", "call"),
        ("had a demo with Hooli yesterday", "meeting"),
        ("jumped on a call with Oliver, he's keen", "call"),
        ("site visit at Acme today w/ Jane, all done", "visit"),
    ],
)
def test_contact_nouns_that_happened_are_logs(text: str, kind: str) -> None:
    parsed = p(text)
    assert parsed.intent == "log"
    assert parsed.interaction == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("caled Jane", "call"),
        ("cld Jane about the renewal", "call"),
        ("Jane cld, all good", "call"),
        ("emaild Kwame the MSA", "email"),
        ("msg'd Oliver, no reply yet", "message"),
        ("txtd Bob", "message"),
        ("phnoed Jane re the order", "call"),
        ("visted Acme, all good", "visit"),
        ("emialed Kwame the deck", "email"),
        ("back from Acme, Jane happy with the install", "visit"),
        ("just left Globex, all good", "visit"),
        ("Jane didn't pick up", "call"),
        ("tried calling Kwame, no luck", "call"),
        ("voicemail for Oliver, will retry tmrw", "call"),
    ],
)
def test_typing_slips_of_contact_verbs(text: str, kind: str) -> None:
    parsed = p(text)
    assert parsed.intent == "log"
    assert parsed.interaction == kind


def test_met_and_the_next_meeting_make_a_log_and_a_task() -> None:
    parsed = p("met Jane at Acme, next mtg Friday at 11")
    assert parsed.intent == "log"
    assert parsed.task is not None
    assert parsed.task.due == dt.date(2026, 11, 20)


def test_nina_emailed_asking_for_a_demo() -> None:
    parsed = p("Nina Patel emailed asking for a demo Dec 15 at 3pm")
    assert parsed.intent == "log"
    assert parsed.interaction == "email"
    assert parsed.occurred == NOW.date()
    assert parsed.task is not None
    assert parsed.task.due == dt.date(2026, 12, 15)


def test_a_contact_noun_alone_is_unsure_between_log_and_plan() -> None:
    parsed = p("coffee with Bob")
    assert parsed.intent == "log"
    assert "intent" in parsed.unsure
    assert "intent" not in p("called Bob").unsure
    assert "intent" not in p("coffee with Bob next Thursday").unsure


def test_greetings_around_a_log_do_not_change_it() -> None:
    parsed = p("happy new year all! called Bob, he wants a quote")
    assert parsed.intent == "log"
    assert parsed.sentiment is None


@pytest.mark.parametrize(
    "text",
    [
        "Acme drip pump install thurs 0800",
        "Globex ammonia leak check thursday at 2",
        "lift inspection at Hooli on Dec 3",
        "site visit Acme next Thursday 7h with the new harvester",
        "mark the Acme hoist job in my diary for Thursday 10am",
    ],
)
def test_field_work_with_a_date_is_a_task(text: str) -> None:
    parsed = p(text)
    assert parsed.intent == "task"
    assert parsed.customers


@pytest.mark.parametrize(
    "text",
    [
        "Merry Christmas everyone! Thank you for the hard work this year",
        "gracias por todo 🎄",
        "to be honest the traffic is something else today",
        "Good morning all, patience is key with this diesel scarcity",
    ],
)
def test_chatter_is_other(text: str) -> None:
    parsed = parse(text, NOW, "UTC", CHATTER, strict=True)
    assert parsed.intent == "other"
    assert parsed.customers == ()
    assert parsed.ambiguous == ()


CHATTER = compile(
    Directory.from_json(
        {
            "people": [
                {"name": "Mercy Okon"},
                {"name": "Mercy Wanjiru"},
                {"name": "Honest Kiprop"},
                {"name": "Patience Eze"},
            ]
        }
    )
)


def test_the_install_that_was_done_is_a_log() -> None:
    parsed = p("Acme pump install done yesterday, all good")
    assert parsed.intent == "log"


@pytest.mark.parametrize(
    "text",
    [
        "Jane called comma chiller tripped again comma she complained. going back 15:30",
        "Bob rang, inverter down again, he is upset. going there sat 7am",
        "Kwame texted this morning, the door seal is leaking. I will go tomorrow by 8",
        "Nina called, the incubator shows an error. I'll be there at 1400",
        "called Oliver at 7:30 auger broken he is frustrated will be their by lunch",
        "visited Acme this morning, chiller tripping. return 15h30 with gauges",
        "Jane called, pump burned, she is frustrated. I go on Monday afternoon",
    ],
)
def test_the_authors_plan_to_go_back_is_a_task_beside_the_log(text: str) -> None:
    parsed = p(text)
    assert parsed.intent == "log"
    assert parsed.task is not None


@pytest.mark.parametrize(
    "text",
    [
        "visited Acme, PM done, invoice no 20931 raised",
        "called Jane, all good. invoice ₹2,45,000 raised",
        "met Bob at Globex, approved 🎉 invoice FV/2026/118 will follow",
        "swung by Hooli, invoice 3345 for $96,000 MXN delivered",
    ],
)
def test_an_invoice_reported_is_no_command(text: str) -> None:
    parsed = p(text)
    assert parsed.intent == "log"
    assert parsed.task is None


def test_dictated_punctuation_breaks_clauses() -> None:
    parsed = p("Jane called comma she is very vexed full stop I will reach there Monday morning")
    assert parsed.sentiment == "negative"
    assert parsed.task is not None
    assert parsed.task.due == dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    "text",
    [
        "dropped off the pallets at Acme, Jonas signed for them",
        "visited Globex, Kwame signed for the delivery",
    ],
)
def test_a_signature_for_a_delivery_is_no_win(text: str) -> None:
    parsed = p(text)
    assert parsed.intent == "log"
    assert parsed.deal is None
    assert parsed.sentiment is None


def test_a_signed_contract_is_still_a_win() -> None:
    parsed = p("Acme signed for 3 years 🎉")
    assert parsed.deal == "won"
    assert parsed.sentiment == "positive"


@pytest.mark.parametrize(
    "text",
    ["meeting room 3 is booked till 4", "coffee machine is broken again", "lunch?"],
)
def test_office_chatter_with_contact_nouns_is_other(text: str) -> None:
    assert p(text).intent == "other"


@pytest.mark.parametrize(
    "text",
    [
        "Acme: deal lost to a competitor",
        "Globex won't renew, moved to a competitor",
        "called Jane, they're not renewing",
    ],
)
def test_lost_deals_in_other_words(text: str) -> None:
    assert p(text).deal == "lost"


def test_a_customer_asking_us_to_call_back_sets_a_task() -> None:
    parsed = p("Jane asked me to call back after 4")
    assert parsed.task is not None
    assert parsed.task.time == dt.time(16, 0)


@pytest.mark.parametrize(
    ("text", "mood"),
    [
        ("called Jane, she's worried about the lead time", "negative"),
        ("visited Acme, Jane is concerned about costs", "negative"),
        ("Kwame is over the moon with the new line", "positive"),
        ("Nina from Globex threatening to cancel", "negative"),
        ("Oliver called, the rollout went smoothly", "positive"),
    ],
)
def test_moods_in_other_words(text: str, mood: str) -> None:
    assert p(text).sentiment == mood
