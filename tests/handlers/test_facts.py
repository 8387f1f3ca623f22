"""Contact details asked and changed by writing: validated, said back, undoable, audited."""

from __future__ import annotations

from handlers.core import Core
from tests.conftest import Say
from tests.handlers.helpers import button
from tests.handlers.records import audits, contact


def test_a_fact_question_answers_the_fact(say: Say) -> None:
    (before,) = say("Hope's phone?")
    assert "no phone for Hope Ferreira" in before.text
    say("change Hope's phone to (415) 555-0101")
    for question in ("Hope's phone?", "Hope's phone number?", "phone for Hope?"):
        (reply,) = say(question)
        assert reply.text == "Hope Ferreira's phone: +1 415-555-0101"


def test_phone_is_stored_e164_and_said_back_with_before_and_after(core: Core, say: Say) -> None:
    say("Hope's phone is +1 415 555 0100")
    (reply,) = say("change Hope's phone to +1 415 555 0101")
    assert reply.text == "Hope Ferreira's phone: +1 415-555-0100 → +1 415-555-0101"
    assert contact(core, "Hope Ferreira")["phone"] == "+14155550101"
    event = audits(core, "customer.edit")[-1]
    assert event.before == {"phone": "+14155550100"}
    assert event.after == {"phone": "+14155550101"}


def test_invalid_email_and_phone_change_nothing(core: Core, say: Say) -> None:
    (bad_email,) = say("Hope's new email is hope@")
    (bad_phone,) = say("Hope's phone is 12")
    assert "not an email address" in bad_email.text
    assert "not a phone number" in bad_phone.text
    assert contact(core, "Hope Ferreira")["email"] is None
    assert contact(core, "Hope Ferreira")["phone"] is None


def test_an_edit_is_undone_by_undo_and_by_its_button(core: Core, say: Say) -> None:
    say("Hope's new email is hope@brightwater.com")
    (reply,) = say("Hope's new email is hope@bw-new.com")
    assert "hope@brightwater.com → hope@bw-new.com" in reply.text
    say("undo")
    assert contact(core, "Hope Ferreira")["email"] == "hope@brightwater.com"
    (title,) = say("Hope's title is CFO")
    (undone,) = say(action=button(title, "Undo"))
    assert "Undone" in undone.text
    assert contact(core, "Hope Ferreira")["title"] is None


def test_moving_to_a_new_company_adds_it_and_undo_removes_it(core: Core, say: Say) -> None:
    (reply,) = say("Hope moved to Globex")
    assert reply.text == "Hope Ferreira's company: Brightwater Foods → Globex"
    (card,) = say("who is Hope?")
    assert card.title == "Hope Ferreira — Globex"
    say("undo")
    assert contact(core, "Hope Ferreira")["company"] == "Brightwater Foods"
    (gone,) = say("Globex?")
    assert "Globex" not in (gone.title or "")


def test_owners_by_writing(say: Say) -> None:
    say("hello", user="ana", platform="slack", name="Ana Ruiz")
    (mine,) = say("make me owner of Brightwater")
    assert mine.text == "Brightwater Foods' owner: — → sam"
    (given,) = say("give Brightwater to Ana")
    assert given.text == "Brightwater Foods' owner: sam → Ana Ruiz"
    for question in ("who owns Brightwater?", "Brightwater's owner?"):
        (reply,) = say(question)
        assert reply.text == "Brightwater Foods' owner: Ana Ruiz"


def test_the_card_shows_title_email_phone_and_owner(say: Say) -> None:
    say("Hope's title is CFO")
    say("Hope's email is hope@brightwater.com")
    say("Hope's phone is +1 415 555 0101")
    say("make me owner of Hope")
    (card,) = say("who is Hope?")
    fields = {f.label: f.value for f in card.fields}
    assert fields["Title"] == "CFO"
    assert fields["Email"] == "hope@brightwater.com"
    assert fields["Phone"] == "+1 415-555-0101"
    assert fields["Owner"] == "sam"


def test_a_log_naming_a_phone_is_still_a_log(say: Say) -> None:
    (reply,) = say("called Hope's phone, she wants a quote Friday")
    assert reply.title == "Logged call with Hope Ferreira"


def test_help_lists_the_record_requests(say: Say) -> None:
    (reply,) = say("help")
    for example in ("Jane's phone?", "Jane moved to Globex", "merge Sarah into Sarah Kim",
                    "list customers", "search pallets", "move 3 to the 18th", "log for Ana"):  # fmt: skip
        assert example in reply.text
