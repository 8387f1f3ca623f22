"""Customer lists paged with More, and search over notes on each database engine."""

from __future__ import annotations

from handlers.core import Core
from tests.conftest import Clock, Say
from tests.handlers.helpers import button


def test_list_customers_pages_ten_at_a_time(say: Say) -> None:
    (first,) = say("list customers")
    assert len(first.sections) == 10
    assert first.sections[0].startswith("• Ana de la Cruz (Evergreen Property Management)")
    seen = list(first.sections)
    page = first
    while page.buttons:
        (page,) = say(action=button(page, "More"))
        seen += page.sections
    assert len(seen) == 31  # every contact of the sample team, each once
    assert len(set(seen)) == 31


def test_my_customers_and_a_company_s_contacts(say: Say) -> None:
    (none,) = say("my customers")
    assert none.text == "Your customers: none."
    say("make me owner of Hope")
    (mine,) = say("my customers")
    assert [s.split(" — ")[0] for s in mine.sections] == [
        "• Hope Ferreira (Brightwater Foods) · sam"
    ]
    say("hello", user="ana", platform="slack", name="Ana Ruiz")
    say("give Olu to Ana")
    (hers,) = say("Ana's customers")
    assert hers.title == "Ana Ruiz's customers (1–1)"
    assert hers.sections[0].startswith("• Olu Bakare (Brightwater Foods) · Ana Ruiz")
    (company,) = say("Brightwater contacts")
    assert company.title == "Brightwater Foods contacts (1–2)"
    assert [s.split(" (")[0] for s in company.sections] == ["• Hope Ferreira", "• Olu Bakare"]


def test_recently_touched_and_gone_cold(say: Say, clock: Clock) -> None:
    say("called Hope about pallets")
    (recent,) = say("recently touched")
    assert recent.sections == ("• Hope Ferreira (Brightwater Foods) — last Wed 18 Nov (today)",)
    clock.advance(days=40)
    say("called Olu about the invoice")
    (cold,) = say("gone cold")
    names = [s.split(" (")[0] for s in cold.sections]
    assert "• Olu Bakare" not in names  # touched today
    assert "• Hope Ferreira" in names  # 40 days ago
    assert names[0] == "• Ana de la Cruz"  # never touched, added as long ago: A-Z


def test_search_finds_notes_newest_first_with_customer_and_date(say: Say, clock: Clock) -> None:
    say("called Hope, she wants 40 pallets of oat milk")
    clock.advance(days=1)
    say("met Rose about SSO for the warehouse pallet scanners")
    say("called Olu about the invoice")
    (hits,) = say("search pallets")
    assert hits.sections == (
        "• Thu 19 Nov · Rose Nakamura · meeting: met Rose about SSO for the warehouse pallet scanners",
        "• Wed 18 Nov · Hope Ferreira · call: called Hope, she wants 40 pallets of oat milk",
    )
    (sso,) = say("find SSO")
    assert len(sso.sections) == 1
    assert "Rose Nakamura" in sso.sections[0]
    (nothing,) = say("search quantum")
    assert nothing.text == "No notes with “quantum”."


def test_search_leaves_out_undone_notes_and_reads_operators_as_words(say: Say) -> None:
    say("called Hope about pallets")
    say("undo")
    (gone,) = say("search pallets")
    assert gone.text == "No notes with “pallets”."
    (odd,) = say('search "pallets" OR NEAR(')
    assert "No notes" in odd.text


def test_search_pages_with_more(core: Core, say: Say, clock: Clock) -> None:
    for n in range(12):
        clock.advance(hours=1)
        say(f"called Hope about pallet order {n}")
    (first,) = say("search pallet")
    assert len(first.sections) == 10
    assert "order 11" in first.sections[0]
    (rest,) = say(action=button(first, "More"))
    assert len(rest.sections) == 2
    assert "order 0" in rest.sections[-1]
    assert rest.buttons == ()
