"""Deals: exact money with its currency, names, stages and moves, the pipeline views."""

from __future__ import annotations

from handlers.core import Core
from tests.conftest import Clock, Say
from tests.handlers.helpers import live_interactions, rows


def _fields(say: Say, text: str) -> dict[str, str]:
    (card,) = say(text)
    return {f.label: f.value for f in card.fields}


def test_amounts_are_stored_exactly_in_minor_units_with_a_currency(core: Core, say: Say) -> None:
    say("Zephyr signed!! $48k over 2 yrs")
    (deal,) = rows(core, "deals")
    assert (deal["amount_minor"], deal["currency"]) == (4_800_000, "USD")
    (logged,) = live_interactions(core)
    assert (logged["amount"], logged["currency"]) == (48000, "USD")


def test_a_message_names_another_currency_and_the_card_shows_it(core: Core, say: Say) -> None:
    say("called Hope, Brightwater approved 3,500 EUR for the pilot")
    say("called Greg at Harbor, quote is R$ 45k")
    deals = {d["company"]: d for d in rows(core, "deals")}
    assert deals["Brightwater Foods"]["currency"] == "EUR"
    assert deals["Harbor Marine Services"]["currency"] == "BRL"
    assert deals["Harbor Marine Services"]["amount_minor"] == 4_500_000
    fields = _fields(say, "Brightwater?")
    assert "€3,500" in fields["Deals"]


def test_recurring_amounts_keep_their_period(core: Core, say: Say) -> None:
    (card,) = say("called Sue at Summit, they will pay £900/mo for support")
    (deal,) = rows(core, "deals")
    assert (deal["period"], deal["currency"], deal["amount_minor"]) == ("month", "GBP", 90000)
    assert "£900/mo" in card.text
    (pipeline,) = say("pipeline")
    assert "£10,800" in pipeline.text  # a year's worth in the totals


def test_a_deal_gets_its_name_and_moves_through_the_stages(core: Core, say: Say) -> None:
    say("called Greg at Harbor, he wants the $12k imaging package")
    (deal,) = rows(core, "deals")
    assert (deal["name"], deal["stage"], deal["owner"]) == ("imaging package", "lead", "sam")
    say("sent Greg the proposal")
    assert rows(core, "deals")[0]["stage"] == "proposal"
    (card,) = say("Harbor went with a competitor, price too high")
    (deal,) = rows(core, "deals")
    assert deal["stage"] == "lost"
    assert "price too high" in deal["lost_reason"]
    assert "marked lost" in card.text


def test_a_delivery_signature_is_not_a_won_deal(core: Core, say: Say) -> None:
    say("called Greg at Harbor, he wants the $12k imaging package")
    say("visited Harbor, dropped off the parts, Jonas signed for them")
    (deal,) = rows(core, "deals")
    assert deal["stage"] == "lead"


def test_admins_set_the_stages_and_others_may_not(core: Core, say: Say) -> None:
    say("stages")  # the terminal user comes first and administers the team
    (refused,) = say("stages lead, demo, proposal, won, lost", user="u2", platform="slack")
    assert "Only a team admin" in refused.text
    (done,) = say("stages lead, demo, proposal, won, lost")
    assert "lead → demo → proposal → won → lost" in done.text
    say("called Greg at Harbor, he wants the $12k imaging package")
    say("met Greg, did the demo for Harbor")
    assert rows(core, "deals")[0]["stage"] == "demo"
    (bad,) = say("stages lead, proposal, lost, won")
    assert "last two" in bad.text


def test_the_pipeline_sums_per_currency_and_flags_idle_deals(
    core: Core, say: Say, clock: Clock
) -> None:
    say("called Greg at Harbor, he wants the $12k imaging package")
    say("called Hope, Brightwater wants 3,500 EUR for the pilot")
    clock.advance(days=15)
    say("called Sue at Summit, they want the 2,000 USD support plan")
    (pipeline,) = say("pipeline")
    assert "Lead — 3 deals: $14,000 + €3,500" in pipeline.text
    assert "Harbor Marine Services — imaging package · $12,000 · sam · 15 days in lead ⚠ idle" in (
        pipeline.text
    )
    assert "0 days in lead ⚠" not in pipeline.text
    assert "By owner: sam $14,000 + €3,500 (3)" in pipeline.text
    # Oldest in stage first.
    assert pipeline.text.index("Harbor") < pipeline.text.index("Summit")
    (mine,) = say("my deals", user="u2", platform="slack")
    assert "no open deals" in mine.text
    (theirs,) = say("Harbor's deals")
    assert "imaging package" in theirs.text
    assert "Summit" not in theirs.text


def test_the_card_shows_lifetime_value_pipeline_and_last_event(core: Core, say: Say) -> None:
    say("Zephyr signed!! $48k over 2 yrs")
    say("called Chris at Zephyr, they want the 5,000 EUR battery upgrade")
    fields = _fields(say, "Zephyr?")
    assert fields["Lifetime value"] == "$48,000 won all time · $48,000 in the last 12 months"
    assert fields["Open pipeline"] == "€5,000 in 1 deal"
    assert fields["Last deal event"].startswith("lead on Wed 18 Nov: battery upgrade €5,000")


def test_the_digest_lists_wins_per_currency(core: Core, say: Say, clock: Clock) -> None:
    say("Zephyr signed!! $48k over 2 yrs")
    say("called Hope, Brightwater signed, 3,500 EUR")
    clock.advance(days=1)
    (digest,) = say("digest now")
    assert "Deals won ($48,000 + €3,500):" in digest.text


def test_undoing_the_log_that_made_a_deal_removes_the_deal(core: Core, say: Say) -> None:
    say("called Greg at Harbor, he wants the $12k imaging package")
    (undone,) = say("undo")
    assert "the deal imaging package" in undone.text
    assert [d["deleted_at"] is not None for d in rows(core, "deals")] == [True]
    (pipeline,) = say("pipeline")
    assert "imaging package" not in pipeline.text
    fields = _fields(say, "Harbor?")
    assert "Deals" not in fields
    assert "Last deal event" not in fields


def test_undoing_a_stage_move_puts_the_old_stage_back(core: Core, say: Say) -> None:
    say("called Greg at Harbor, he wants the $12k imaging package")
    say("sent Greg the proposal")
    assert rows(core, "deals")[0]["stage"] == "proposal"
    say("undo")
    (deal,) = rows(core, "deals")
    assert (deal["stage"], deal["deleted_at"]) == ("lead", None)
    assert "lead on" in _fields(say, "Harbor?")["Last deal event"]


def test_a_period_after_the_plan_and_a_close_date_are_kept_on_the_deal(
    core: Core, say: Say
) -> None:
    (card,) = say("called Greg at Harbor, 3,500 EUR support plan per month, closing end of month")
    (deal,) = rows(core, "deals")
    assert (deal["amount_minor"], deal["currency"], deal["period"]) == (350_000, "EUR", "month")
    assert deal["expected_close"] == "2026-11-30"
    assert not [t for t in rows(core, "tasks") if t["title"].lower().startswith("closing")]
    assert "€3,500/mo" in card.text
