"""Many customers sharing a first name: a handful of choices, the likeliest first."""

from __future__ import annotations

from handlers.choices import MAX_CHOICES
from store import Store
from store.models import Contact
from tests.conftest import NOW, Say

SURNAMES = ["Adams", "Baker", "Clark", "Dunn", "Evans", "Frost", "Gray", "Hale", "Irwin",
            "Jonas", "Keane", "Lowe", "Moss", "Nash", "Olsen", "Price", "Quinn", "Reid",
            "Stone", "Tate"]  # fmt: skip


def add_nias(store: Store, owner_key: str) -> None:
    with store.unit("default") as unit:
        identity = unit.identity("console", owner_key)
        assert identity is not None
        for surname in SURNAMES:
            owner = identity.member_id if surname == "Quinn" else None
            unit.add(Contact(team_id=unit.team_id, name=f"Nia {surname}", aliases=[],
                             owner_id=owner, created_at=NOW))  # fmt: skip
        unit.note_directory_addition()


def test_a_lookup_offers_a_few_yours_and_the_latest_first(store: Store, core: object,
                                                          say: Say) -> None:  # fmt: skip
    say("help")  # sam becomes a member
    add_nias(store, "sam")
    (logged,) = say("called Nia Evans, she wants a quote friday")
    assert "Logged call with Nia Evans" in logged.text, logged.text
    (which,) = say("who is Nia?")
    assert which.title == "Which Nia?"
    assert "20 match" in which.text
    assert f"showing {MAX_CHOICES}" in which.text
    assert len(which.buttons) == MAX_CHOICES
    labels = [b.label for b in which.buttons]
    assert labels[:2] == ["Nia Quinn", "Nia Evans"], labels  # sam's own, then the latest logged
    assert labels[2:] == sorted(labels[2:])  # the rest by name


def test_logging_against_a_common_first_name_asks_with_a_short_list(
    store: Store, core: object, say: Say
) -> None:
    say("help")
    add_nias(store, "sam")
    (question,) = say("called Nia, she wants a quote friday")
    assert question.title == "Which Nia?"
    assert "20 match" in question.text
    assert [b.label for b in question.buttons][-2:] == ["Someone new", "Cancel"]
    assert len(question.buttons) == MAX_CHOICES + 2
    quinn = next(b for b in question.buttons if b.label == "Nia Quinn")
    (done,) = say(action=(quinn.action, quinn.value))
    assert "Logged call with Nia Quinn" in done.text, done.text


def test_a_short_list_is_offered_whole(store: Store, core: object, say: Say) -> None:
    (question,) = say("called Chris, wants a quote friday")
    assert question.title == "Which Chris?"
    assert "match" not in question.text
