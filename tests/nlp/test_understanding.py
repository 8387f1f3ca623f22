"""Customers, intents, amounts, sentiment and deal signals on messages of our own."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlp import Directory, Parse, compile, parse

NOW = dt.datetime(2026, 11, 18, 10, 0)
DIRECTORY = Directory.from_json(
    {
        "companies": [
            {"name": "Acme Corp", "aliases": ["Acme"]},
            {"name": "Globex", "aliases": []},
            {"name": "Hooli Inc", "aliases": ["Hooli"]},
            {"name": "Summit", "aliases": []},
        ],
        "people": [
            {"name": "Jane Doe", "company": "Acme Corp"},
            {"name": "José García", "company": "Globex"},
            {"name": "Chris Park", "company": "Acme Corp"},
            {"name": "Chris Wong", "company": "Hooli Inc"},
            {"name": "May Olsen", "company": "Globex"},
            {"name": "Will Turner", "company": "Hooli Inc"},
            {"name": "Grace Liu", "company": "Summit"},
            {"name": "Mark Bell", "company": "Summit"},
            {"name": "Summer Diaz"},
            {"name": "Dawn Reyes"},
            {"name": "Honest Kiprop"},
        ],
    }
)


MATCHER = compile(DIRECTORY)


def p(text: str) -> Parse:
    return parse(text, NOW, "America/New_York", MATCHER)


def strict(text: str) -> Parse:
    # The property tests must see a parser bug, which parse() itself would swallow.
    return parse(text, NOW, "America/New_York", MATCHER, strict=True)


def names(parsed: Parse) -> set[str]:
    return {c.name for c in parsed.customers}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("called Jane Doe", {"Jane Doe"}),
        ("called jane doe", {"Jane Doe"}),
        ("caled jane doe", {"Jane Doe"}),
        ("called Jnae Doe", {"Jane Doe"}),
        ("called Jane", {"Jane Doe"}),
        ("called Doe", {"Jane Doe"}),
        ("Jane's team wants a quote", {"Jane Doe"}),
        ("visited acme", {"Acme Corp"}),
        ("visited Acme Corp.", {"Acme Corp"}),
        ("emailed Globex Inc", {"Globex"}),
        ("emailed Hooli", {"Hooli Inc"}),
        ("emailed Jose", {"José García"}),
        ("emailed jose garcia", {"José García"}),
        ("called Chris at Hooli", {"Chris Wong", "Hooli Inc"}),
        ("met May from Globex", {"May Olsen", "Globex"}),
        ("called Will about the order", {"Will Turner"}),
        ("Grace emailed, all good", {"Grace Liu"}),
    ],
)
def test_customer_mentions(text: str, expected: set[str]) -> None:
    assert names(p(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "will do, thanks",
        "may I ask something",
        "mark it done",
        "there's a grace period",
        "lol sue them",
        "we reached the summit",
        "hope you're well",
        "summer's always slow",
        "Summer's always slow",
        "to be honest",
        "we leave at dawn",
    ],
)
def test_names_that_are_common_words_used_as_words(text: str) -> None:
    parsed = p(text)
    assert parsed.customers == ()
    assert parsed.intent == "other"


def test_two_equal_candidates_are_ambiguous_not_guessed() -> None:
    parsed = p("remind me to call Chris tomorrow")
    assert parsed.customers == ()
    assert [{c.name for c in g} for g in parsed.ambiguous] == [{"Chris Park", "Chris Wong"}]


def test_unknown_contact_and_company_are_new_customers() -> None:
    parsed = p("met Priya Raman from Initrode, wants a demo Dec 3")
    assert [(n.name, n.kind) for n in parsed.new_customers] == [
        ("Priya Raman", "person"),
        ("Initrode", "company"),
    ]
    assert parsed.new_customers[0].company == "Initrode"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("called Jane, she wants a quote Friday", "log"),
        ("Jane emailed about the renewal", "log"),
        ("Jane's budget got cut, call her Friday", "log"),
        ("remind me to call Jane Friday", "task"),
        ("follow up with Globex in 2 weeks", "task"),
        ("call Jane tomorrow", "task"),
        ("demo with Hooli Thu at 3", "task"),
        ("who is Jane?", "lookup"),
        ("what's the latest with acme", "lookup"),
        ("Globex?", "lookup"),
        ("what's due today", "agenda"),
        ("my tasks", "agenda"),
        ("anything overdue?", "agenda"),
        ("thanks!", "other"),
        ("morning all", "other"),
    ],
)
def test_intents(text: str, intent: str) -> None:
    assert p(text).intent == intent


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("rang Jane", "call"), ("left Jane a voicemail", "call"), ("spoke with Jane", "call"),
        ("sent Jane an email", "email"), ("replied to Jane's email", "email"),
        ("ran into Jane at the fair", "meeting"), ("coffee with Jane", "meeting"),
        ("stopped by Acme", "visit"), ("swung by Acme", "visit"), ("site visit at Acme", "visit"),
        ("texted Jane", "message"), ("whatsapp'd Jane", "message"), ("DM'd Jane", "message"),
        ("Jane's budget got cut", "note"), ("emailed Jane then called her", "email"),
    ],
)  # fmt: skip
def test_interaction_types(text: str, kind: str) -> None:
    parsed = p(text)
    assert parsed.intent == "log"
    assert parsed.interaction == kind


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("Acme deal is $12k", 12000), ("Acme: 12,500 USD", 12500), ("Acme approved €3.5k", 3500),
        ("Acme budget 1.2M", 1_200_000), ("Acme pays £900/mo", 900), ("Acme deal worth 5k", 5000),
        ("Acme wants 50 seats", None), ("Acme needs 3 trucks", None), ("Acme invoice 4471 paid", None),
        ("Acme at $30/seat, total $6k", 6000), ("Acme at $30/seat", None),
    ],
)  # fmt: skip
def test_amounts(text: str, amount: float | None) -> None:
    assert p("called " + text).amount == amount


@pytest.mark.parametrize(
    ("text", "mood"),
    [
        ("called Jane, she's keen", "positive"), ("called Jane, she is not happy", "negative"),
        ("called Jane, she complained again", "negative"), ("called Jane, went well", "positive"),
        ("called Jane 😞", "negative"), ("called Jane 🎉", "positive"), ("called Jane", None),
        ("called Jane, she wasn't annoyed", "positive"),
    ],
)  # fmt: skip
def test_sentiment_with_negation(text: str, mood: str | None) -> None:
    assert p(text).sentiment == mood


@pytest.mark.parametrize(
    ("text", "deal"),
    [
        ("Acme signed!", "won"), ("Acme approved the order", "won"),
        ("Acme went with a competitor", "lost"), ("Acme chose someone else", "lost"),
        ("called Jane, she signed off on the plan", None), ("Acme didn't sign", None),
    ],
)  # fmt: skip
def test_deal_signals(text: str, deal: str | None) -> None:
    assert p(text).deal == deal


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=10_000))
def test_parse_is_total(text: str) -> None:
    assert isinstance(strict(text), Parse)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["called", "Jane", "שלום", "مرحبا", "\x00", "\u202e", "🎉", "tmrw", "at 3", "$5k",
             "the 31st", "next", "EOM", "Chris", "?", ",", "\n", "12/3", "in 99999 days"]
        ),
        max_size=40,
    )
)  # fmt: skip
def test_parse_is_total_on_mixed_pieces(pieces: list[str]) -> None:
    assert isinstance(strict(" ".join(pieces)), Parse)


CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"


#: Each corpus: its messages, its directory, and the figures reached (percent, every
#: field and the exact figure). The targets are 97 per field and 95 exact.
BARS: dict[str, tuple[str, str, dict[str, float]]] = {
    "dev": ("dev.jsonl", "dev-directory.json", {"exact": 99.0, "*": 99.0}),
    "sales-slack": (
        "sales-slack/messages.jsonl",
        "sales-slack/directory.json",
        {"exact": 98.0, "*": 98.0},
    ),
    "field-telegram": (
        "field-telegram/messages.jsonl",
        "field-telegram/directory.json",
        {"exact": 98.0, "*": 98.0},
    ),
}


@pytest.mark.parametrize("corpus", sorted(BARS))
def test_corpus_meets_the_bar(corpus: str) -> None:
    messages, directory, bar = BARS[corpus]
    if not (CORPUS / messages).is_file():
        pytest.skip(f"corpus {corpus} not found under {CORPUS}")
    repo = Path(__file__).resolve().parents[2]
    with (CORPUS / messages).open(encoding="utf-8") as inp:
        parsed = subprocess.run(
            [sys.executable, "-m", "bot.cli", "parse", "--directory", str(CORPUS / directory)],
            stdin=inp, capture_output=True, text=True, check=True, cwd=repo,
        ).stdout  # fmt: skip
    score = subprocess.run(
        [sys.executable, str(CORPUS / "score.py"), str(CORPUS / messages), "-"],
        input=parsed, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    figures = {}
    for line in score.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[-1].endswith("%"):
            figures[parts[0]] = float(parts[-1].rstrip("%"))
    assert figures, score
    below = {k: v for k, v in figures.items() if v < bar.get(k, bar["*"])}
    assert not below, score


def test_parse_command_reports_bad_lines_and_goes_on(tmp_path: Path) -> None:
    directory = tmp_path / "dir.json"
    directory.write_text(json.dumps({"people": [{"name": "Jane Doe"}]}), encoding="utf-8")
    lines = "\n".join(
        [
            json.dumps(
                {"id": "a", "text": "called Jane", "now": "2026-11-18T10:00:00", "tz": "UTC"}
            ),
            "not json",
            json.dumps({"id": "c", "text": "hi", "now": "yesterday", "tz": "UTC"}),
            json.dumps({"id": "d", "text": "hi", "now": "2026-11-18T10:00:00", "tz": "Mars/Base"}),
            json.dumps({"id": "e", "now": "2026-11-18T10:00:00"}),
            json.dumps(
                {"id": "f", "text": "who is Jane?", "now": "2026-11-18T10:00:00", "tz": "UTC"}
            ),
        ]
    )
    out = subprocess.run(
        [sys.executable, "-m", "bot.cli", "parse", "--directory", str(directory)],
        input=lines, capture_output=True, text=True, check=True,
    ).stdout.splitlines()  # fmt: skip
    results = [json.loads(line) for line in out]
    assert [r.get("id") for r in results] == ["a", None, "c", "d", "e", "f"]
    assert results[0]["intent"] == "log"
    assert results[0]["customers"] == ["Jane Doe"]
    assert all("error" in r for r in results[1:5])
    assert results[5]["intent"] == "lookup"


def test_a_new_team_can_log_its_first_contact() -> None:
    parsed = parse("called Hope at Brightwater, quote Friday", NOW, "UTC", Directory())
    assert parsed.intent == "log"
    assert [(n.name, n.kind, n.company) for n in parsed.new_customers] == [
        ("Hope", "person", "Brightwater"),
        ("Brightwater", "company", None),
    ]
