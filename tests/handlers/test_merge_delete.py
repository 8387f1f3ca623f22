"""Adding customers on purpose, merging duplicates and deleting: soft, undoable, audited."""

from __future__ import annotations

from handlers.core import Core
from tests.conftest import Say
from tests.handlers.helpers import button, rows
from tests.handlers.records import audits, contact


def test_add_a_contact_with_a_new_company_and_undo_it(core: Core, say: Say) -> None:
    (card,) = say("add Priya Raman at Initrode, priya@Initrode.com")
    assert card.title == "Added Priya Raman"
    assert {f.label: f.value for f in card.fields}["Email"] == "priya@initrode.com"
    assert contact(core, "Priya Raman")["company"] == "Initrode"
    (company,) = say("Initrode?")
    assert company.title == "Initrode"
    say("undo")
    assert contact(core, "Priya Raman")["deleted"]
    (gone,) = say("Initrode?")
    assert gone.title != "Initrode"


def test_add_needs_a_name_not_a_sentence(core: Core, say: Say) -> None:
    (reply,) = say("add a reminder to call Hope friday")
    assert reply.title != "Added a reminder to call Hope friday"
    (lower,) = say("add contact priya raman")
    assert lower.title == "Added priya raman"


def test_add_company(say: Say) -> None:
    (added,) = say("add company Initrode")
    assert added.text == "Added company Initrode."
    (again,) = say("add company initrode")
    assert "already a company" in again.text


def test_a_likely_duplicate_is_offered_as_a_merge(core: Core, say: Say) -> None:
    say("add Priya Raman at Initrode, priya@initrode.com")
    (second,) = say("add Priya R at Initrode, priya@initrode.com")
    assert "Already here: Priya Raman" in second.text
    (merged,) = say(action=button(second, "Merge into Priya Raman"))
    assert "Merged Priya R into Priya Raman" in merged.text
    assert contact(core, "Priya R")["deleted"]
    assert "Priya R" in contact(core, "Priya Raman")["aliases"]


def test_merge_moves_history_tasks_and_deals_and_undo_moves_them_back(core: Core, say: Say) -> None:
    say("add Sarah at Summit")
    say("add Sarah Kim at Summit")
    (which,) = say("called Sarah, she wants a quote friday")
    say(action=button(which, "Sarah ("))
    sarah = contact(core, "Sarah")["id"]
    (merged,) = say("merge Sarah into Sarah Kim")
    assert "Merged Sarah into Sarah Kim" in merged.text
    assert {t["contact"] for t in rows(core, "tasks")} == {"Sarah Kim"}
    assert contact(core, "Sarah")["deleted"]
    (card,) = say("who is Sarah Kim?")
    fields = {f.label: f.value for f in card.fields}
    assert "#1" in fields["Open tasks"]
    assert fields["Last contact"].startswith("call on Wed 18 Nov")
    assert audits(core, "customer.merge")[-1].after["source"] == sarah
    (recent,) = say("recently touched")  # the moved call is now Sarah Kim's last touch
    assert [line.split(" (")[0] for line in recent.sections] == ["• Sarah Kim"]
    say("undo")
    assert not contact(core, "Sarah")["deleted"]
    assert {t["contact"] for t in rows(core, "tasks")} == {"Sarah"}
    assert contact(core, "Sarah Kim")["aliases"] == []
    (back,) = say("recently touched")
    assert [line.split(" (")[0] for line in back.sections] == ["• Sarah"]


def test_delete_is_refused_while_tasks_are_open(core: Core, say: Say) -> None:
    say("remind me to call Olu friday")
    (refused,) = say("delete contact Olu")
    assert "has open tasks (#1)" in refused.text
    assert "“done 1”" in refused.text
    assert not contact(core, "Olu Bakare")["deleted"]
    say("done 1")
    (deleted,) = say("delete contact Olu")
    assert deleted.text.startswith("Deleted Olu Bakare.")
    assert contact(core, "Olu Bakare")["deleted"]
    say("undo")
    assert not contact(core, "Olu Bakare")["deleted"]


def test_undoing_a_log_that_added_a_contact_removes_the_contact(core: Core, say: Say) -> None:
    (ask,) = say("met Priya Raman from Initrode, wants a demo Dec 3")
    say(action=button(ask, "Add contact"))
    assert not contact(core, "Priya Raman")["deleted"]
    (undone,) = say("undo")
    assert "Priya Raman" in undone.text
    assert contact(core, "Priya Raman")["deleted"]
