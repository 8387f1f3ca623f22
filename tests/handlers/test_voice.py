"""The customer's voice: feedback stored and shown, complaints routed, surveys closed."""

from __future__ import annotations

import datetime as dt

from handlers.core import Core
from tests.conftest import Clock, Say
from tests.handlers.helpers import button, claim_nudges, rows


def _feedback(core: Core) -> list[tuple[str, int | None, str | None]]:
    with core.unit() as unit:
        (harbor,) = [c for c in unit.companies() if c.name == "Harbor Marine Services"]
        return [(f.kind, f.score, f.text) for f in unit.feedback_for([], [harbor.id])]


def _owner(core: Core, company: str, member: str) -> None:
    with core.unit() as unit:
        row = unit.company_named(company)
        assert row is not None
        row.owner_id = next(m.id for m in unit.members() if m.name == member)


def test_scores_requests_and_complaints_are_stored_and_shown(core: Core, say: Say) -> None:
    (card,) = say("talked to Greg at Harbor, he rated us 4/5, wants faster delivery")
    assert "rated 4/5" in {f.label: f.value for f in card.fields}["Feedback"]
    say("Harbor gave us a 9 on NPS")
    say("Greg complained about invoice errors")
    assert _feedback(core) == [
        ("csat", 4, None),
        ("request", None, "faster delivery"),
        ("nps", 9, None),
        ("complaint", None, "invoice errors"),
    ]
    (harbor,) = say("Harbor?")
    fields = {f.label: f.value for f in harbor.fields}
    assert fields["Feedback"].startswith("Satisfaction 4.0/5 from 1 rating; NPS 9 from 1;")
    assert "last complaint Wed 18 Nov: invoice errors" in fields["Feedback"]


def test_a_sales_wish_is_a_follow_up_not_a_request(core: Core, say: Say) -> None:
    say("called Greg at Harbor, he wants the revised quote by friday")
    assert _feedback(core) == []


def test_undo_takes_the_feedback_back(core: Core, say: Say) -> None:
    (card,) = say("Greg complained about invoice errors")
    say(action=button(card, "Undo"))
    assert _feedback(core) == []


def test_a_complaint_goes_to_the_owners_dm(core: Core, say: Say, clock: Clock) -> None:
    say("hello", user="alex", platform="slack", name="Alex Kim")
    _owner(core, "Harbor Marine Services", "Alex Kim")
    say("Greg complained about invoice errors")  # sam writes; Alex owns Harbor
    clock.now = dt.datetime(2026, 11, 18, 15, 0, tzinfo=dt.UTC)
    (nudge,) = claim_nudges(core, "a")
    assert (nudge.recipient.platform, nudge.recipient.address) == ("slack", "alex")
    assert "sam logged: “Greg complained about invoice errors”" in nudge.reply.text
    assert [b.label for b in nudge.reply.buttons] == ["Log call", "Assign to me", "Done"]
    (taken,) = say(action=button(nudge.reply, "Assign to me"), user="alex", platform="slack")
    assert "yours" in taken.text


def test_the_owner_logging_their_own_complaint_is_not_told(core: Core, say: Say) -> None:
    say("anything", user="sam")
    _owner(core, "Harbor Marine Services", "sam")
    say("Greg complained about invoice errors")
    assert [t for t in rows(core, "tasks") if t["title"].startswith("Complaint")] == []


def test_a_survey_task_is_closed_by_the_rating(core: Core, say: Say) -> None:
    (made,) = say("survey Harbor")
    assert "Ask Harbor Marine Services for a 1-5 rating" in made.text
    (task,) = rows(core, "tasks")
    assert task["status"] == "open"
    say("Greg rated us 5/5")
    (task,) = rows(core, "tasks")
    assert task["status"] == "done"


def test_requests_are_grouped_by_the_words_they_share(core: Core, say: Say) -> None:
    say("Greg asked for faster delivery")
    say("Hope asked for delivery tracking")
    say("Sue asked for a Spanish manual")
    (reply,) = say("what do customers ask for?")
    assert "Customer requests, last 90 days (3)" in reply.text
    assert "• delivery (2): Harbor Marine Services, Brightwater Foods" in reply.text
    assert "• Spanish manual (1): Summit" in reply.text


def test_the_monday_digest_adds_pipeline_satisfaction_and_requests(
    core: Core, say: Say, clock: Clock
) -> None:
    say("called Greg at Harbor, he wants the 3,500 EUR imaging package")
    say("Greg rated us 4/5")
    say("Hope gave us a 10 on NPS")
    say("Sue asked for a Spanish manual")
    clock.now = dt.datetime(2026, 11, 23, 14, 0, tzinfo=dt.UTC)  # Monday
    (digest,) = say("digest now")
    assert "Pipeline by stage: lead €3,500" in digest.text
    assert "Satisfaction by week (of 5, oldest first): —, —, —, —, —, —, —, 4.0" in digest.text
    assert "NPS by week (oldest first): —, —, —, —, —, —, —, +100" in digest.text
    assert "New requests (1): Spanish manual (Summit)" in digest.text
    assert digest.image is not None


def test_anyone_on_the_team_may_take_a_complaint(core: Core, say: Say, clock: Clock) -> None:
    say("hello", user="alex", platform="slack", name="Alex Kim")
    say("hello", user="kim", platform="slack", name="Kim Lee")
    _owner(core, "Harbor Marine Services", "Alex Kim")
    say("Greg complained about invoice errors")
    clock.now = dt.datetime(2026, 11, 18, 15, 0, tzinfo=dt.UTC)
    (nudge,) = claim_nudges(core, "a")
    (taken,) = say(action=button(nudge.reply, "Assign to me"), user="kim", platform="slack")
    assert taken.text.startswith("Kim Lee took #1 Complaint: Greg Pappas — invoice errors")
    (task,) = [t for t in rows(core, "tasks") if t["title"].startswith("Complaint")]
    assert task["owner"] == "Kim Lee"
    (undone,) = say("undo", user="kim", platform="slack")
    assert "is back as it was" in undone.text
    (task,) = [t for t in rows(core, "tasks") if t["title"].startswith("Complaint")]
    assert task["owner"] == "Alex Kim"


def test_only_a_complaint_is_open_to_anyone_taking_it(core: Core, say: Say) -> None:
    say("remind me to call Hope friday")  # sam's own task #1
    say("hello", user="kim", platform="slack", name="Kim Lee")
    (refused,) = say(action=("task.take", "1"), user="kim", platform="slack")
    assert refused.text == "Task #1 is sam's; only they can change it."
    assert rows(core, "tasks")[0]["owner"] == "sam"
