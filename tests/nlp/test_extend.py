"""A matcher extended with new entries matches exactly like one compiled afresh."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from nlp import Directory, DirectoryCompany, DirectoryPerson, Matcher, compile
from nlp.mentions import Mentions, find_mentions
from nlp.normalize import tokenize

FIRST = ["Jane", "John", "Hope", "Maria", "Kenji", "Ana"]
LAST = ["Doe", "Ferreira", "Whitaker", "Okonkwo", "Tanaka", "Silva"]
FIRMS = ["Acme", "Globex", "Initech Ltd", "Umbrella Corp", "Hooli", "Acme Logistics", "Acme Foods"]
MESSAGES = [
    "called Jane Doe at Acme",
    "met Hope and Kenji from Globex",
    "who is Whitaker?",
    "emailed Ana Silva and Maria Tanaka about Initech",
    "visited Umbrella, spoke to Jhon Ferriera",  # misspelled: corrected against the vocab
    "Okonkwo wants a quote",
    "lunch with Kenji Tanaka of Hooli",
    "what's up with acme?",
]

people = st.lists(
    st.tuples(st.sampled_from(FIRST), st.sampled_from(LAST), st.sampled_from([None, *FIRMS])),
    max_size=12,
)
firms = st.lists(st.sampled_from(FIRMS), max_size=4, unique=True)


def build(prefix: str, ps: list[tuple[str, str, str | None]], fs: list[str]) -> Directory:
    return Directory(
        companies=tuple(DirectoryCompany(f, (), f"company:{prefix}{i}") for i, f in enumerate(fs)),
        people=tuple(
            DirectoryPerson(f"{a} {b}", c, (), f"contact:{prefix}{i}")
            for i, (a, b, c) in enumerate(ps)
        ),
    )


def shape(m: Mentions) -> tuple[object, ...]:
    # Entry order differs (new entries come last), so groups are compared as sets.
    return (
        sorted(c.key for c in m.customers),
        sorted(sorted(c.key for c in g) for g in m.ambiguous),
        sorted((n.name, n.kind) for n in m.new),
        sorted(m.spans),
        m.fuzzy,
    )


def everyday(m: Matcher) -> dict[tuple[str, ...], list[str]]:
    return {name: sorted(m.entries[i].ref.key for i in hits) for name, hits in m.everyday.items()}


@settings(max_examples=150, deadline=None)
@given(base_people=people, base_firms=firms, new_people=people, new_firms=firms)
def test_extended_matches_like_compiled(
    base_people: list[tuple[str, str, str | None]],
    base_firms: list[str],
    new_people: list[tuple[str, str, str | None]],
    new_firms: list[str],
) -> None:
    base = build("b", base_people, base_firms)
    added = build("n", new_people, new_firms)
    # Built, spelling index included: extended derives it instead of building it.
    derived = compile(base).prepared().extended(added.companies, added.people)
    compiled = compile(derived.directory)
    assert derived.words == compiled.words
    assert derived.vocab == compiled.vocab
    assert derived.full == compiled.full
    assert derived.first_names == compiled.first_names
    assert everyday(derived) == everyday(compiled)
    for text in MESSAGES:
        tokens = tokenize(text)
        assert shape(find_mentions(tokens, derived)) == shape(find_mentions(tokens, compiled)), text


def test_the_old_matcher_is_left_as_it_was() -> None:
    base = compile(build("b", [("Jane", "Doe", "Acme")], ["Acme"])).prepared()
    before = shape(find_mentions(tokenize("called Jane"), base))
    grown = base.extended((), (DirectoryPerson("Jane Smith", None, (), "contact:n0"),))
    assert len(find_mentions(tokenize("called Jane"), grown).ambiguous) == 1
    assert shape(find_mentions(tokenize("called Jane"), base)) == before
    assert [p.name for p in base.directory.people] == ["Jane Doe"]


def test_an_unprepared_matcher_is_extended_too() -> None:
    base = compile(build("u", [("Ana", "Silva", None)], []))
    grown = base.extended((), (DirectoryPerson("Kenji Tanaka", None, (), "contact:x"),))
    assert [p.name for p in grown.directory.people] == ["Ana Silva", "Kenji Tanaka"]
    assert [c.key for c in find_mentions(tokenize("met Kenji Tanaka"), grown).customers] == [
        "contact:x"
    ]
    assert [c.key for c in find_mentions(tokenize("met Kenji Tanaak"), grown).customers] == [
        "contact:x"
    ]
