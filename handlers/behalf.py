"""Work done for and by teammates.

"log for Ana: …", "allow Sam to log for others", "what did Sam do yesterday?".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from handlers import audit, logbook, resolve
from handlers import formatting as fmt
from handlers.context import Ctx
from handlers.types import Reply
from nlp.requests import AllowLogging, LogFor, MemberWork


def log_for(ctx: Ctx, request: LogFor) -> list[Reply]:
    """Log as a teammate (admins, or members an admin allowed); the writer is audited."""
    if not ctx.is_admin and not ctx.member.may_log_for_others:
        return [Reply("Only admins, or members an admin allowed (“allow Sam to log for "
                      "others”), can log for a teammate. Nothing was logged.", tone="warning")]  # fmt: skip
    member = resolve.member(ctx, request.member)
    if member is None:
        return [Reply(f"No team member called “{fmt.clip(request.member, 30)}”. "
                      f"Members: {resolve.member_names(ctx)}.", tone="warning")]  # fmt: skip
    as_them = replace(ctx, member=member, writer=ctx.member,
                      message=replace(ctx.message, text=request.text))  # fmt: skip
    parsed = logbook.parse_for(as_them, request.text, ctx.message.sent_at)
    if parsed.intent not in ("log", "task"):
        parsed = replace(parsed, intent="log", interaction=parsed.interaction or "note")
    return logbook.for_teammate(as_them, logbook.handle_record(as_them, parsed))


def allow(ctx: Ctx, request: AllowLogging) -> list[Reply]:
    """An admin lets a member log on others' behalf (or stops it)."""
    if not ctx.is_admin:
        return [Reply("Only an admin can change who logs for others.", tone="warning")]
    member = resolve.member(ctx, request.member)
    if member is None:
        return [Reply(f"No team member called “{fmt.clip(request.member, 30)}”. "
                      f"Members: {resolve.member_names(ctx)}.", tone="warning")]  # fmt: skip
    before = member.may_log_for_others
    member.may_log_for_others = request.allowed
    audit.record(ctx, "member.log_for_others", "member", member.id,
                 {"may_log_for_others": before}, {"may_log_for_others": request.allowed})  # fmt: skip
    if request.allowed:
        return [Reply(f"{member.name} can now log for others (“log for Ana: …”).",
                      tone="success")]  # fmt: skip
    return [Reply(f"{member.name} no longer logs for others.", tone="success")]


def _span(ctx: Ctx, when: str) -> tuple[dt.date, dt.date, str]:
    today = ctx.today
    monday = today - dt.timedelta(days=today.weekday())
    spans = {
        "today": (today, today + dt.timedelta(days=1), "today"),
        "yesterday": (today - dt.timedelta(days=1), today, "yesterday"),
        "this week": (monday, today + dt.timedelta(days=1), "this week"),
        "last week": (monday - dt.timedelta(days=7), monday, "last week"),
    }
    return spans[when]


def work(ctx: Ctx, request: MemberWork) -> list[Reply] | None:
    """What a member logged in a span of days, with dates."""
    member = resolve.member(ctx, request.member)
    if member is None:
        return [Reply(f"No team member called “{fmt.clip(request.member, 30)}”. "
                      f"Members: {resolve.member_names(ctx)}.", tone="warning")]  # fmt: skip
    start, end, label = _span(ctx, request.when)

    def utc(day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(0), tzinfo=ctx.tz).astimezone(dt.UTC)

    items = ctx.unit.authored_between(member.id, utc(start), utc(end))
    who = "You" if member.id == ctx.member.id else member.name
    if not items:
        return [Reply(f"{who} logged nothing {label}.")]
    lines = []
    for i in items:
        names = ", ".join(
            link.contact.name if link.contact else (link.company.name if link.company else "")
            for link in i.links
        )
        day = fmt.day(i.occurred_at.astimezone(ctx.tz).date(), ctx.today)
        lines.append(f"• {day} · {i.kind} · {names or 'no customer'}: {fmt.clip(i.summary, 80)}")
    title = f"{who} {label}: {len(items)} logged"
    return [Reply(f"{title}\n" + "\n".join(lines), title=title, sections=tuple(lines),
                  context=f"Dates in {ctx.tz.key}")]  # fmt: skip
