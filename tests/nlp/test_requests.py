"""Records requests read from whole lines (and lines that are not requests)."""

from __future__ import annotations

import pytest

from nlp.requests import (
    AddCustomer,
    AllowLogging,
    Delete,
    Edit,
    FactQuestion,
    ListCustomers,
    LogFor,
    MemberWork,
    Merge,
    Request,
    Search,
    TaskChange,
    read_request,
)

CASES: list[tuple[str, Request]] = [
    ("Jane's phone?", FactQuestion("Jane", "phone")),
    ("Jane's phone number?", FactQuestion("Jane", "phone")),
    ("what's Jane’s email?", FactQuestion("Jane", "email")),
    ("Acme's owner?", FactQuestion("Acme", "owner")),
    ("who owns Acme?", FactQuestion("Acme", "owner")),
    ("email for Bob?", FactQuestion("Bob", "email")),
    ("Jane's new email is jane@acme-new.com", Edit("Jane", "email", "jane@acme-new.com")),
    ("change Bob's phone to +1 415 555 0101", Edit("Bob", "phone", "+1 415 555 0101")),
    ("Jane moved to Globex", Edit("Jane", "company", "Globex")),
    ("Jane's title is CFO", Edit("Jane", "title", "CFO")),
    ("make me owner of Acme", Edit("Acme", "owner", "me")),
    ("give Acme to Sam", Edit("Acme", "owner", "Sam")),
    (
        "add Priya Raman at Initrode, priya@initrode.com",
        AddCustomer("Priya Raman", "person", "Initrode", ("priya@initrode.com",)),
    ),
    ("add company Initrode", AddCustomer("Initrode", "company")),
    ("merge Sarah into Sarah Kim", Merge("Sarah", "Sarah Kim")),
    ("delete contact Sarah", Delete("Sarah", "person")),
    ("list customers", ListCustomers("all")),
    ("my customers", ListCustomers("mine")),
    ("Ana's customers", ListCustomers("owner", owner="Ana")),
    ("Acme contacts", ListCustomers("company", "Acme")),
    ("gone cold", ListCustomers("cold")),
    ("search pallets", Search("pallets")),
    ("find SSO", Search("SSO")),
    ("move 9 to the 18th", TaskChange(9, "move", "the 18th")),
    ("rename 9 to send the revised quote", TaskChange(9, "rename", "send the revised quote")),
    ("cancel 9", TaskChange(9, "cancel")),
    ("reopen #9", TaskChange(9, "reopen")),
    (
        "log for Ana: called Lucia, she wants the BAA",
        LogFor("Ana", "called Lucia, she wants the BAA"),
    ),
    ("allow Sam to log for others", AllowLogging("Sam", True)),
    ("what did Sam do yesterday?", MemberWork("Sam", "yesterday")),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_reads_request(text: str, expected: Request) -> None:
    assert read_request(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "called Jane, she wants a quote Friday",
        "give 3 to Sam",
        "my tasks",
        "who is Jane?",
        "remind me to call Acme next Tuesday at 3",
        "",
        "add a note: called Jane",
        "x" * 600,
    ],
)
def test_leaves_other_lines_to_the_parser(text: str) -> None:
    assert read_request(text) is None
