"""A compiled matcher written as bytes reads back matching exactly as it did."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp import Directory, DirectoryCompany, DirectoryPerson, compile
from nlp.index_file import dump, load
from nlp.mentions import find_mentions
from nlp.normalize import tokenize

KEY = {"team": 1, "version": 3}
DIRECTORY = Directory(
    companies=(
        DirectoryCompany("Acme Logistics", ("ACL",), "company:1"),
        DirectoryCompany("Keystone Medical Supply", (), "company:2"),
        DirectoryCompany("Société Générale", (), "company:3"),
    ),
    people=(
        DirectoryPerson("Jane Doe", "Acme Logistics", ("JD",), "contact:1"),
        DirectoryPerson("Jane Whitaker", None, (), "contact:2"),
        DirectoryPerson("Jean Luc Picard", "Keystone Medical Supply", (), "contact:3"),
        DirectoryPerson("Zoë Ødegaard", None, (), "contact:4"),
    ),
)
MESSAGES = [
    "called Jane at Acme, she wants a quote",
    "met Jane Doe and Jean Luc from keystone medical",
    "emailed Jane Whitaer about ACL",  # a close spelling
    "Zoe Odegaard from Societe Generale",
    "who is JD?",
    "lunch with Picard",
]


def mentions(matcher: object, text: str) -> object:
    found = find_mentions(tokenize(text), matcher)  # type: ignore[arg-type]
    return (found.customers, found.ambiguous, found.new, found.spans, found.fuzzy)


def test_a_written_matcher_reads_back_the_same() -> None:
    compiled = compile(DIRECTORY)
    read = load(dump(compiled, KEY, {"read_at": 7}), KEY)
    assert read is not None
    loaded, note = read
    assert note == {"read_at": 7}
    assert loaded.directory == compiled.directory
    assert loaded.patterns == compiled.patterns
    assert loaded.full == compiled.full
    assert loaded.everyday == compiled.everyday
    assert (loaded.words, loaded.vocab, loaded.first_names) == (
        compiled.words, compiled.vocab, compiled.first_names)  # fmt: skip
    for text in MESSAGES:
        assert mentions(loaded, text) == mentions(compiled, text), text
    grown = loaded.extended((), (DirectoryPerson("Jane Smith", None, (), "contact:9"),))
    assert len(mentions(grown, "called Jane")[1]) == 1  # type: ignore[index]


def test_the_corpus_directory_reads_back_the_same() -> None:
    path = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "dev-directory.json"
    if not path.exists():
        pytest.skip("no corpus here")
    compiled = compile(Directory.from_json(json.loads(path.read_text())))
    read = load(dump(compiled, KEY), KEY)
    assert read is not None
    assert read[0].patterns == compiled.patterns
    assert read[0].everyday == compiled.everyday


@pytest.mark.parametrize(
    "change",
    [
        lambda b: b[:-7],  # cut short
        lambda b: b[:40] + b"x" + b[41:],  # header altered
        lambda b: b.replace(b'"format":1', b'"format":2'),
        lambda b: b"garbage",
        lambda b: b"",
    ],
)
def test_damaged_bytes_read_as_nothing(change: object) -> None:
    data = dump(compile(DIRECTORY), KEY)
    assert load(change(data), KEY) is None  # type: ignore[operator]


def test_bytes_written_for_another_key_are_not_read() -> None:
    data = dump(compile(DIRECTORY), KEY)
    assert load(data, {**KEY, "version": 4}) is None


def test_only_a_freshly_compiled_matcher_is_written() -> None:
    grown = compile(DIRECTORY).extended((), (DirectoryPerson("Ann Lee", None, (), "contact:8"),))
    with pytest.raises(ValueError, match="freshly compiled"):
        dump(grown, KEY)
