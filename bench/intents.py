"""Does a trained intent classifier beat the parser's rules? spaCy textcat, measured.

The classifier learns only from examples this script generates from templates (the
repository's own vocabulary and made-up names, never a corpus line), then both it and
the rules are scored on every development corpus, which neither learned from. Also
prints what spaCy costs at start-up, against the parser's cold-start budget (1.5 s).

spaCy is not a dependency of Rapport (these figures are why); to run this:
    .venv/bin/pip install 'spacy>=3.7,<4' && .venv/bin/python bench/intents.py
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from nlp import Directory, compile, parse

CORPUS_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
#: Each development corpus: its messages and its directory, relative to CORPUS_DIR.
CORPORA = {
    "dev": ("dev.jsonl", "dev-directory.json"),
    "sales-slack": ("sales-slack/messages.jsonl", "sales-slack/directory.json"),
    "field-telegram": ("field-telegram/messages.jsonl", "field-telegram/directory.json"),
}

INTENTS = ("log", "task", "lookup", "agenda", "other")

# Made-up names: the classifier must learn the shape of a message, not whom it is about.
PEOPLE = "Ana Bruno Carla Dev Elif Farid Greta Hiro Ines Joao Kofi Lena Mateo Noor Olu Pia".split()
SURNAMES = "Alvarez Brandt Chen Diallo Eriksen Fontaine Gupta Haddad Ito Jansen Kowalski".split()
COMPANIES = "Bluefin Cobalt Dunmore Everly Fairway Granite Harbor Ironleaf Juniper Keystone".split()
SUFFIXES = ["", "", " Ltd", " Inc", " Logistics", " Foods", " Clinic", " Group"]
PAST = ["yesterday", "this morning", "on Monday", "last week", "earlier today", "", ""]
FUTURE = ["tomorrow", "Friday", "next week", "on the 14th", "in 2 weeks", "Tue 3pm", "EOD"]
NEWS = [
    "she wants a quote",
    "they need 20 more units",
    "budget approved",
    "not happy about the delay",
    "install done",
    "asked for the contract",
    "went well",
    "no answer, left a voicemail",
    "pump replaced",
]

TEMPLATES: dict[str, list[str]] = {
    "log": [
        "called {p} {past}, {news}",
        "rang {p} at {c}, {news}",
        "spoke with {p} {past} about the renewal",
        "met {p} from {c} {past}, {news}",
        "visited {c} {past}, {news}",
        "emailed {p} the proposal",
        "texted {p}, {news}",
        "site visit at {c} done, {news}",
        "{p}'s budget got cut",
        "{c} signed the order",
        "dropped in at {c}, {news}",
        "had a call with {p}, {news}, follow up {future}",
        "cld {p} {past} {news}",
    ],
    "task": [
        "remind me to call {p} {future}",
        "follow up with {c} {future}",
        "f/u {p} {future}",
        "mtg w/ {p} {future}",
        "demo with {c} {future}",
        "call {p} {future}",
        "need to send {p} the quote by {future}",
        "coffee with {p} {future}",
        "visit {c} {future} to check the install",
        "ping {p} {future} re pricing",
    ],
    "lookup": [
        "who is {p}?",
        "{p}?",
        "{c}?",
        "what's the latest with {c}",
        "when did we last talk to {p}?",
        "{p}'s email?",
        "status on {c}?",
        "history with {c} pls",
        "remind me who {p} is",
        "what's up with {c}?",
        "tell me about {p}",
        "phone number for {p}?",
        "any news on {c}?",
        "when did we last visit {c}?",
    ],
    "agenda": [
        "what's due today",
        "my tasks",
        "anything overdue?",
        "show my reminders",
        "what's on my plate this week",
        "anything pending for me?",
        "any calls I need to make today?",
        "what do I have tomorrow",
        "list my follow ups",
        "todo list pls",
        "what's left for this week?",
    ],
    "other": [
        "thanks!",
        "morning all",
        "ok cool",
        "good night team",
        "👍",
        "happy friday everyone",
        "brb",
        "can someone cover the stand tomorrow",
        "coffee machine is broken again",
        "lol",
        "see you at the offsite",
    ],
}


def examples(n_per_intent: int, seed: int = 7) -> Iterator[tuple[str, str]]:
    """Template-filled training examples, deterministic for a seed."""
    rng = random.Random(seed)
    for intent, templates in TEMPLATES.items():
        for _ in range(n_per_intent):
            text = rng.choice(templates).format(
                p=rng.choice(PEOPLE) + (" " + rng.choice(SURNAMES) if rng.random() < 0.4 else ""),
                c=rng.choice(COMPANIES) + rng.choice(SUFFIXES),
                past=rng.choice(PAST),
                future=rng.choice(FUTURE),
                news=rng.choice(NEWS),
            )
            yield " ".join(text.split()), intent


def train(pairs: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
    """A small bag-of-words textcat (exclusive classes), trained from blank English."""
    import spacy
    from spacy.training import Example

    spacy.util.fix_random_seed(0)
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat")
    for intent in INTENTS:
        textcat.add_label(intent)
    data = [
        Example.from_dict(nlp.make_doc(t), {"cats": {i: float(i == y) for i in INTENTS}})
        for t, y in pairs
    ]
    optimizer = nlp.initialize(lambda: data)
    rng = random.Random(0)
    for _ in range(10):
        rng.shuffle(data)
        for start in range(0, len(data), 32):
            nlp.update(data[start : start + 32], sgd=optimizer, drop=0.2)
    return nlp


def rule_intents(messages: list[dict[str, Any]], directory: Directory) -> list[str]:
    """What the parser's rules answer for each message."""
    matcher = compile(directory)
    return [
        parse(m["text"], dt.datetime.fromisoformat(m["now"]), m["tz"], matcher).intent
        for m in messages
    ]


def main() -> int:
    """Train, score every corpus both ways, print the cost of loading spaCy."""
    started = time.perf_counter()
    try:
        import spacy
    except ImportError:
        print("spaCy is not installed (it is not a Rapport dependency); see the docstring.")
        return 0
    loaded = time.perf_counter() - started
    spacy.blank("en")
    pairs = list(examples(120))
    nlp = train(pairs)
    with_model = Path(tempfile.mkdtemp()) / "textcat"
    nlp.to_disk(with_model)
    t0 = time.perf_counter()
    spacy.load(with_model)
    load_model = time.perf_counter() - t0
    print(f"trained on {len(pairs)} template examples ({len(pairs) // len(INTENTS)} per intent)")
    print(f"{'corpus':16} {'n':>4} {'rules':>7} {'textcat':>8} {'rules, textcat for other':>25}")
    for name, (messages_file, directory_file) in CORPORA.items():
        if not (CORPUS_DIR / messages_file).exists():
            print(f"{name:16} not found under {CORPUS_DIR}: skipped")
            continue
        lines = (CORPUS_DIR / messages_file).read_text(encoding="utf-8").splitlines()
        messages = [json.loads(line) for line in lines if line.strip()]
        directory = Directory.from_json(json.loads((CORPUS_DIR / directory_file).read_text()))
        gold = [m["expect"]["intent"] for m in messages]
        rules = rule_intents(messages, directory)
        cats = [max(d.cats, key=d.cats.__getitem__) for d in nlp.pipe(m["text"] for m in messages)]
        mixed = [c if r == "other" else r for r, c in zip(rules, cats, strict=True)]

        def acc(pred: list[str], gold: list[str] = gold) -> str:
            return f"{100 * sum(p == g for p, g in zip(pred, gold, strict=True)) / len(gold):.1f}%"

        print(f"{name:16} {len(gold):>4} {acc(rules):>7} {acc(cats):>8} {acc(mixed):>25}")
    print(
        f"import spacy: {loaded:.2f} s; load the trained model: {load_model:.2f} s "
        "(cold-start budget for the whole parser: 1.5 s)"
    )
    print(
        json.dumps(
            {"model_bytes": sum(f.stat().st_size for f in with_model.rglob("*") if f.is_file())}
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
