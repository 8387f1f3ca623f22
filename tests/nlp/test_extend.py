"""A directory extended with new entries matches exactly like one compiled afresh."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from nlp import Directory, DirectoryCompany, DirectoryPerson, extend, prepare
from nlp.customers import Mentions, build_index, find_mentions
from nlp.normalize import tokenize

FIRST = ["Jane", "John", "Hope", "Maria", "Kenji", "Ana"]
LAST = ["Doe", "Ferreira", "Whitaker", "Okonkwo", "Tanaka", "Silva"]
FIRMS = ["Acme", "Globex", "Initech Ltd", "Umbrella Corp", "Hooli"]
MESSAGES = [
    "called Jane Doe at Acme",
    "met Hope and Kenji from Globex",
    "who is Whitaker?",
    "emailed Ana Silva and Maria Tanaka about Initech",
    "visited Umbrella, spoke to Jhon Ferriera",  # misspelled: corrected against the vocab
    "Okonkwo wants a quote",
    "lunch with Kenji Tanaka of Hooli",
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
    prepare(base)  # built, spelling index included: extend derives from it
    grown = extend(base, added.companies, added.people)
    fresh = Directory(companies=grown.companies, people=grown.people)  # same value, new object
    derived, compiled = build_index(grown), build_index(fresh)
    assert derived.words == compiled.words
    assert derived.vocab == compiled.vocab
    assert derived.full == compiled.full
    assert derived.first_names == compiled.first_names
    for text in MESSAGES:
        tokens = tokenize(text)
        assert shape(find_mentions(tokens, grown)) == shape(find_mentions(tokens, fresh)), text


def test_the_old_index_is_left_as_it_was() -> None:
    base = build("b", [("Jane", "Doe", "Acme")], ["Acme"])
    prepare(base)
    before = shape(find_mentions(tokenize("called Jane"), base))
    grown = extend(base, (), (DirectoryPerson("Jane Smith", None, (), "contact:n0"),))
    assert len(find_mentions(tokenize("called Jane"), grown).ambiguous) == 1
    assert shape(find_mentions(tokenize("called Jane"), base)) == before
    assert build_index(grown) is not build_index(base)


def test_an_unbuilt_directory_is_simply_grown() -> None:
    base = build("u", [("Ana", "Silva", None)], [])
    grown = extend(base, (), (DirectoryPerson("Kenji Tanaka", None, (), "contact:x"),))
    assert [p.name for p in grown.people] == ["Ana Silva", "Kenji Tanaka"]
    assert [c.key for c in find_mentions(tokenize("met Kenji Tanaka"), grown).customers] == [
        "contact:x"
    ]


def test_only_the_newest_two_versions_are_kept() -> None:
    from nlp.customers import _BUILT

    versions = [build("g", [("Ana", "Silva", None)], [])]
    prepare(versions[0])
    for i in range(3):
        person = DirectoryPerson(f"Kenji Tanaka{i}", None, (), f"contact:g{i}")
        versions.append(extend(versions[-1], (), (person,)))
    kept = {id(d) for d, _ in _BUILT.values()}
    assert id(versions[-1]) in kept
    assert id(versions[-2]) in kept
    assert id(versions[0]) not in kept
    assert id(versions[1]) not in kept
