"""Adding a customer on purpose: "add Priya Raman at Initrode, priya@initrode.com"."""

from __future__ import annotations

from typing import Any

from handlers import audit, details, resolve
from handlers.context import Ctx
from handlers.types import Button, Field, Reply
from nlp.requests import AddCustomer
from store.models import Company, Contact

#: A name to add is a few words without digits ("add 3 days to …" is no name).
MAX_WORDS = 5


def add(ctx: Ctx, request: AddCustomer) -> list[Reply] | None:
    """Add the company or contact (and their new company), audited and undoable."""
    name = " ".join(request.name.split())
    if not name or len(name.split()) > MAX_WORDS or any(ch.isdigit() for ch in name):
        return None
    if request.kind == "company":
        return [_add_company(ctx, name)]
    named = request.said_contact or request.company or request.details
    if not named and not all(word[0].isupper() for word in name.split()):
        return None  # "add a reminder to call Jane" is no new contact

    email, phone, problem = _details(ctx, request.details)
    if problem is not None:
        return [Reply(problem, tone="warning")]
    added: list[str] = []
    company = _company(ctx, request.company, added) if request.company else None
    contact = Contact(team_id=ctx.unit.team_id, name=name, company_id=company.id if company else None,
                      email=email, phone=phone, aliases=[], owner_id=ctx.member.id,
                      created_at=ctx.now)  # fmt: skip
    ctx.unit.add(contact)
    ctx.unit.flush()
    ctx.unit.session.refresh(contact, ["company"])
    event = audit.record(ctx, "customer.add", "contact", contact.id, None,
                         {"name": name, "company_id": contact.company_id, "email": email,
                          "phone": phone, "added": added})  # fmt: skip
    ctx.unit.flush()
    return [_added_card(ctx, contact, event.id)]


def _details(ctx: Ctx, typed: tuple[str, ...]) -> tuple[str | None, str | None, str | None]:
    email = phone = None
    for item in typed:
        if "@" in item:
            email = details.email(item)
            if email is None:
                return None, None, f"“{item[:60]}” is not an email address; nothing was added."
        else:
            phone = details.phone(item, ctx.settings.phone_region)
            if phone is None:
                return None, None, (f"“{item[:40]}” is neither an email nor a phone number I "
                                    "can read; nothing was added.")  # fmt: skip
    return email, phone, None


def _company(ctx: Ctx, typed: str, added: list[str]) -> Company:
    found = resolve.customer(ctx, typed, "company")
    if found is not None and isinstance(found.row, Company):
        return found.row
    existing = ctx.unit.company_named(typed)
    if existing is not None:
        return existing
    company = Company(team_id=ctx.unit.team_id, name=" ".join(typed.split())[:200], aliases=[],
                      created_at=ctx.now)  # fmt: skip
    ctx.unit.add(company)
    ctx.unit.flush()
    added.append(f"company:{company.id}")
    return company


def _add_company(ctx: Ctx, name: str) -> Reply:
    existing = ctx.unit.company_named(name)
    if existing is not None:
        return Reply(f"{existing.name} is already a company here. “{existing.name}?” shows it.")
    company = Company(team_id=ctx.unit.team_id, name=name[:200], aliases=[], owner_id=ctx.member.id,
                      created_at=ctx.now)  # fmt: skip
    ctx.unit.add(company)
    ctx.unit.flush()
    event = audit.record(ctx, "customer.add", "company", company.id, None, {"name": name})
    ctx.unit.flush()
    return Reply(f"Added company {company.name}.",
                 buttons=(Button("Undo", "record.undo", str(event.id), "danger"),),
                 tone="success")  # fmt: skip


def _added_card(ctx: Ctx, contact: Contact, event_id: int) -> Reply:
    fields = [Field("Company", contact.company.name if contact.company else "—")]
    fields += [Field(label, value) for label, value in
               (("Email", contact.email), ("Phone", contact.phone)) if value]  # fmt: skip
    buttons = [Button("Undo", "record.undo", str(event_id), "danger")]
    text = f"Added {contact.name}" + (f" at {contact.company.name}" if contact.company else "")
    twins = ctx.unit.likely_duplicates(contact)
    for twin in twins:
        where = f" ({twin.company.name})" if twin.company else ""
        buttons.append(Button(f"Merge into {twin.name}{where}", "record.merge",
                              f"{contact.id}:{twin.id}"))  # fmt: skip
    note = "Already here: " + ", ".join(t.name for t in twins) + ". The same person? Merge below."
    text += f". {note}" if twins else "."
    extra: dict[str, Any] = {"fields": tuple(fields), "buttons": tuple(buttons),
                             "sections": (note,) if twins else ()}  # fmt: skip
    return Reply(text, title=f"Added {contact.name}", tone="success", **extra)
