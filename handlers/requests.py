"""Requests about records, by kind: what answers each one `nlp.requests` recognises.

A handler may return None ("not a request after all": the names were no customers), and
the line is then read as free text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from handlers import additions, behalf, facts, lists, merging, search, task_text
from handlers.context import Ctx
from handlers.types import Reply
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
    Search,
    TaskChange,
    read_request,
)

HANDLERS: dict[type, Callable[[Ctx, Any], list[Reply] | None]] = {
    FactQuestion: facts.answer,
    Edit: facts.edit,
    AddCustomer: additions.add,
    Merge: merging.merge,
    Delete: merging.delete,
    ListCustomers: lists.show_list,
    Search: search.search,
    TaskChange: task_text.change,
    LogFor: behalf.log_for,
    AllowLogging: behalf.allow,
    MemberWork: behalf.work,
}


def answer(ctx: Ctx, text: str) -> list[Reply] | None:
    """The reply to a records request, or None when `text` is not one."""
    request = read_request(text)
    if request is None:
        return None
    return HANDLERS[type(request)](ctx, request)
