"""Customers by category: everyday company names, common words that are names only where
used as one, and new customers introduced in several ways."""

from __future__ import annotations

import datetime as dt

import pytest

from nlp import Directory, Parse, compile, parse

NOW = dt.datetime(2026, 11, 18, 10, 0)
MATCHER = compile(
    Directory.from_json(
        {
            "companies": [
                {"name": "Acme Logistics"},
                {"name": "Deccan Polymers Pvt Ltd"},
                {"name": "Pinecrest Schools"},
                {"name": "St. Luke's Hospital"},
                {"name": "Orbital Foods"},
                {"name": "Orbital Freight"},
                {"name": "Keystone Medical Supply"},
                {"name": "Pilot"},
                {"name": "Casa Verde S.A."},
                {"name": "Hotel Miramar"},
                {"name": "Adebayo & Sons Ltd"},
                {"name": "Nakuru Dairy Co-op"},
            ],
            "people": [
                {"name": "Chase Morrow", "company": "Pilot"},
                {"name": "Rose Adeyemi", "company": "Acme Logistics"},
                {"name": "Tom Okafor", "company": "Pinecrest Schools"},
            ],
        }
    )
)


def p(text: str) -> Parse:
    return parse(text, NOW, "Asia/Kolkata", MATCHER, strict=True)


def names(parsed: Parse) -> set[str]:
    return {c.name for c in parsed.customers}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("what's up with Acme?", {"Acme Logistics"}),
        ("visited deccan, new order coming", {"Deccan Polymers Pvt Ltd"}),
        ("called Deccan Polymers about the resin", {"Deccan Polymers Pvt Ltd"}),
        ("Pinecrest wants 40 tablets", {"Pinecrest Schools"}),
        ("dropped by St Luke's, all good", {"St. Luke's Hospital"}),
        ("called st lukes", {"St. Luke's Hospital"}),
        ("visited Keystone Medical", {"Keystone Medical Supply"}),
        ("emailed Casa Verde", {"Casa Verde S.A."}),
        ("met the manager at Miramar", {"Hotel Miramar"}),
        ("called Adebayo and Sons", {"Adebayo & Sons Ltd"}),
        ("visited Nakuru Dairy", {"Nakuru Dairy Co-op"}),
        ("visited nakuru", {"Nakuru Dairy Co-op"}),
    ],
)
def test_companies_by_their_everyday_name(text: str, expected: set[str]) -> None:
    assert names(p(text)) == expected


def test_a_shared_everyday_name_is_not_guessed() -> None:
    parsed = p("called Orbital about the renewal")
    assert parsed.customers == ()


@pytest.mark.parametrize(
    "text",
    [
        "they approved the pilot, contract next",
        "called Rose re: pilot expansion",
        "she's keen to pilot the new gloves",
        "need to chase our warehouse",
        "remind me to chase Acme for the PO",
        "happy with the pilot results",
    ],
)
def test_common_words_that_are_not_used_as_names(text: str) -> None:
    found = names(p(text))
    assert "Pilot" not in found
    assert "Chase Morrow" not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("called chase about the invoice", {"Chase Morrow"}),
        ("spoke to Chase at Pilot", {"Chase Morrow", "Pilot"}),
        ("emailed rose the contract", {"Rose Adeyemi"}),
        ("Pilot signed!", {"Pilot"}),
        ("visited pilot today", {"Pilot"}),
    ],
)
def test_common_words_used_as_names(text: str, expected: set[str]) -> None:
    assert names(p(text)) == expected


@pytest.mark.parametrize(
    ("text", "new"),
    [
        ("Tom Brenner from Keystone called, send him the pack", ["Tom Brenner"]),
        ("demo for Corvane Health tuesday at 2", ["Corvane Health"]),
        ("met Priya Raman from Initrode", ["Priya Raman", "Initrode"]),
        ("Ada Obi emailed about the tender", ["Ada Obi"]),
        ("visited Rosewood Clinic, spoke to Dr Amara Eze", ["Rosewood Clinic", "Amara Eze"]),
        ("Jan Kowalczyk from Ferma Zalesie called", ["Jan Kowalczyk", "Ferma Zalesie"]),
        ("Peter Kirui the farm manager wants 2 cold rooms", ["Peter Kirui"]),
    ],
)
def test_new_customers(text: str, new: list[str]) -> None:
    assert [n.name for n in p(text).new_customers] == new


def test_greeting_capitals_are_not_new_customers() -> None:
    assert p("Happy New Year from all of us at Acme").new_customers == ()


def test_a_title_is_not_a_new_name() -> None:
    parsed = p("met Mr Okafor at Pinecrest")
    assert [n.name for n in parsed.new_customers] == []
    assert names(parsed) == {"Tom Okafor", "Pinecrest Schools"}


WORLD = compile(
    Directory.from_json(
        {
            "companies": [{"name": "Café Müller GmbH"}, {"name": "Al-Farsi Group"}],
            "people": [
                {"name": "Jean-Luc Picard"},
                {"name": "Fatima Al-Farsi", "company": "Al-Farsi Group"},
                {"name": "Chris Park", "company": "Café Müller GmbH"},
                {"name": "Chris Wong", "company": "Al-Farsi Group"},
                {"name": "Tèmítọ́pẹ́ Adébáyọ̀"},
                {"name": "Rui D'Souza"},
            ],
        }
    )
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("called jean-luc about the order", {"Jean-Luc Picard"}),
        ("called Jean Luc about the order", {"Jean-Luc Picard"}),
        ("visited cafe muller", {"Café Müller GmbH"}),
        ("called Chris from Al-Farsi", {"Chris Wong", "Al-Farsi Group"}),
        ("called Chris P. about the invoice", {"Chris Park"}),
        ("temitope called, wants a visit", {"Tèmítọ́pẹ́ Adébáyọ̀"}),
        ("Tèmítọ́pẹ́ whatsapp'd", {"Tèmítọ́pẹ́ Adébáyọ̀"}),
        ("called rui dsouza", {"Rui D'Souza"}),
    ],
)
def test_names_from_many_languages_and_ways_of_writing(text: str, expected: set[str]) -> None:
    parsed = parse(text, NOW, "Europe/Paris", WORLD, strict=True)
    assert {c.name for c in parsed.customers} == expected


def test_a_lowercase_a_after_a_name_is_no_initial() -> None:
    parsed = parse("emailed Chris a quote", NOW, "Europe/Paris", WORLD, strict=True)
    assert parsed.customers == ()
    assert len(parsed.ambiguous) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("install at pilot went fine", {"Pilot"}),
        ("compressor replaced at pilot, rose happy", {"Pilot"}),
    ],
)
def test_an_everyday_word_company_before_its_verb_or_a_comma(text: str, expected: set[str]) -> None:
    parsed = p(text)
    assert names(parsed) >= expected
    assert parsed.intent == "log"
    assert parsed.task is None
