"""Who may talk to the bot: members, one-time codes, allowed group chats, time zones.

Slack and terminal users are team members by being there. Telegram is deny-by-default:
a person joins with a one-time code an admin made (or one a member made to link their
own account); admins listed in the settings get in without one.
"""

from __future__ import annotations

import datetime as dt
import secrets
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from handlers import audit, nudges
from handlers.context import Ctx
from handlers.settings import CoreSettings
from handlers.types import Message, Reply
from store import Unit
from store.models import AllowedChat, Identity, Invite, Member

CODE_TTL = dt.timedelta(hours=24)
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
REFUSAL = (
    "Sorry, this is a private team bot. If you work with the team, ask an admin "
    "for an invite code and send /start CODE."
)
# Codes let whoever holds them in: they are never shown where others can read them.
DM_ONLY = "I give codes only in a direct message with me: ask me there."


def new_code() -> str:
    """An 8-character one-time code."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(8))


def make_code(unit: Unit, now: dt.datetime, by: Member | None, link_to: Member | None) -> str:
    """Store a one-time code; with `link_to`, redeeming it links to that member."""
    code = new_code()
    unit.add(
        Invite(
            team_id=unit.team_id,
            code=code,
            member_id=link_to.id if link_to else None,
            created_by=by.id if by else None,
            expires_at=now + CODE_TTL,
        )
    )
    return code


def _new_member(
    unit: Unit, name: str, now: dt.datetime, role: str = "member", message: Message | None = None
) -> Member:
    """The member a new account is: an imported one it may claim, else a new member.

    An import may have made this person a member already (an owner of customers), keeping
    what they own. Only what the platform vouches for claims one: the work email of a
    Slack profile, or on Slack and the terminal (the team's own directories) the name,
    when the import gave that member no email to check. A Telegram name is whatever its
    owner typed, so it claims nobody: an admin's "invite Sam Lee" code does.
    """
    member = _claimable(unit, name, message)
    if member is not None:
        if role == "admin":
            member.role = role
        if message is not None and message.user_email and not member.email:
            member.email = message.user_email
        return member
    email = message.user_email if message is not None else None
    member = Member(team_id=unit.team_id, name=name, role=role, active=True, created_at=now,
                    email=email)  # fmt: skip
    unit.add(member)
    unit.flush()
    return member


def _claimable(unit: Unit, name: str, message: Message | None) -> Member | None:
    if message is None or message.platform not in ("slack", "console"):
        return None
    if message.user_email:
        by_email = unit.not_joined_by_email(message.user_email)
        if by_email is not None:
            return by_email
    by_name = unit.not_joined(name)
    if by_name is None or by_name.email:  # an email on file must match, not the name
        return None
    return by_name


def _link(unit: Unit, member: Member, message: Message) -> Identity:
    identity = Identity(
        team_id=unit.team_id,
        member_id=member.id,
        platform=message.platform,
        user_key=message.user,
        reachable=True,
    )
    unit.add(identity)
    unit.flush()
    return identity


def resolve_member(
    unit: Unit, message: Message, settings: CoreSettings, now: dt.datetime
) -> tuple[Member | None, list[Reply]]:
    """The member behind a message, creating one where the platform vouches for them."""
    identity = unit.identity(message.platform, message.user)
    if identity is not None:
        member = identity.member
        if not member.active:
            return None, [Reply(REFUSAL, tone="warning", ephemeral=True)]
        _refresh(unit, member, message, settings)
        return member, []
    name = message.user_name or message.user
    if message.platform == "telegram":
        if (message.platform, message.user) in settings.admin_ids:
            member = _new_member(unit, name, now, role="admin", message=message)
            _link(unit, member, message)
            _refresh(unit, member, message, settings)
            return member, []
        return None, redeem(unit, message, now)
    # Slack workspace members and terminal users are the team. The terminal's user runs it;
    # on Slack the workspace's admins and owners are the team's admins, nobody by accident.
    role = "admin" if message.platform == "console" or message.user_is_admin else "member"
    member = _new_member(unit, name, now, role=role, message=message)
    _link(unit, member, message)
    _refresh(unit, member, message, settings)
    return member, []


def _platform_role(message: Message, settings: CoreSettings) -> str | None:
    """The role the platform vouches for, if it says: Slack's admin flag, the admin ids."""
    if (message.platform, message.user) in settings.admin_ids:
        return "admin"
    if message.user_is_admin is None:
        return None
    return "admin" if message.user_is_admin else "member"


def _configured_admin(unit: Unit, member: Member, settings: CoreSettings) -> bool:
    return any(
        (i.platform, i.user_key) in settings.admin_ids for i in unit.identities_of(member.id)
    )


def _refresh(unit: Unit, member: Member, message: Message, settings: CoreSettings) -> None:
    role = _platform_role(message, settings)
    if role == "member" and member.role == "admin" and _configured_admin(unit, member, settings):
        role = None  # an admin by the settings stays one, whatever Slack says of them
    if role is not None and role != member.role:
        member.role = role
    if message.user_tz and message.user_tz != member.tz and not member.tz_by_hand:
        try:
            ZoneInfo(message.user_tz)
        except (ZoneInfoNotFoundError, ValueError):
            return
        member.tz = message.user_tz
        # Their dated tasks now fall due at their workday start in the new zone.
        nudges.replan_owner(unit, member, settings)
    # Slack profiles are the team's own record of names; a Telegram first name is not, and
    # must not rename a member who linked their Telegram account.
    if message.platform == "slack" and message.user_name and message.user_name != member.name:
        member.name = message.user_name


def redeem(unit: Unit, message: Message, now: dt.datetime) -> list[Reply]:
    """`start CODE` from a stranger: join (or link) once; anything else: one refusal."""
    words = message.text.strip().lstrip("/").split()
    if len(words) != 2 or words[0].lower().split("@")[0] != "start":
        return [Reply(REFUSAL, tone="warning", ephemeral=True)]
    invite = unit.invite(words[1].strip().upper())
    if invite is None or invite.used_at is not None or invite.expires_at <= now:
        return [
            Reply(
                "That code isn't valid (it may be used or expired). Ask an admin for a new one.",
                tone="warning",
                ephemeral=True,
            )
        ]
    invite.used_at = now
    if invite.member_id is not None:
        member = unit.member(invite.member_id)
        if member is None:
            return [Reply("That code isn't valid any more.", tone="warning")]
        _link(unit, member, message)
        return [Reply(f"Linked: you're {member.name} here too. Say “help” to see what I do.")]
    member = _new_member(unit, message.user_name or message.user, now, message=message)
    _link(unit, member, message)
    return [Reply(f"Welcome, {member.name}! Say “help” to see what I do.", tone="success")]


def chat_allowed(unit: Unit, message: Message) -> bool:
    """Telegram groups work only once an admin allowed them."""
    if message.platform != "telegram" or message.is_direct:
        return True
    return unit.chat_allowed(message.platform, message.chat)


def invite(ctx: Ctx, rest: str = "") -> list[Reply] | None:
    """Admins: a code for a new person to join on Telegram.

    "invite Sam Lee" gives a code that makes whoever redeems it the member Sam Lee, made
    by an import and not joined yet, with the customers they own. Any other "invite …"
    is not this command ("invite Hope to the demo friday" is a task).
    """
    name = rest.strip().lstrip("@")
    member = ctx.unit.not_joined(name) if name else None
    if name and member is None:
        return None
    if not ctx.is_admin:
        return [Reply("Only an admin can invite people.", tone="warning")]
    if not ctx.message.is_direct:
        return [Reply(DM_ONLY, tone="warning", ephemeral=True)]
    if member is None:
        code = make_code(ctx.unit, ctx.now, ctx.member, None)
        return [Reply(f"Invite code: {code} — they send the Telegram bot “/start {code}”. "
                      "Valid 24 hours, one use.")]  # fmt: skip
    code = make_code(ctx.unit, ctx.now, ctx.member, member)
    audit.record(ctx, "member.invite", "member", member.id, None, {"invited": member.name})
    return [Reply(f"Invite code for {member.name}: {code} — give it to them only; they send "
                  f"the Telegram bot “/start {code}” and are {member.name} there, with the "
                  "customers they own. Valid 24 hours, one use.", ephemeral=True)]  # fmt: skip


def link(ctx: Ctx) -> list[Reply]:
    """Any member: a code that ties a Telegram account to them."""
    if not ctx.message.is_direct:
        return [Reply(DM_ONLY, tone="warning", ephemeral=True)]
    code = make_code(ctx.unit, ctx.now, ctx.member, ctx.member)
    return [Reply(f"Send the Telegram bot “/start {code}” to link it to you. "
                  "Valid 24 hours, one use.", ephemeral=True)]  # fmt: skip


def allow(ctx: Ctx) -> list[Reply]:
    """Admins, in a group: let the bot work here."""
    if not ctx.is_admin:
        return [Reply("Only an admin can allow a group.", tone="warning")]
    if ctx.message.is_direct:
        return [Reply("Send “/allow” in the group you want me to work in.")]
    if not ctx.unit.chat_allowed(ctx.message.platform, ctx.message.chat):
        ctx.unit.add(
            AllowedChat(
                team_id=ctx.unit.team_id,
                platform=ctx.message.platform,
                chat=ctx.message.chat,
                allowed_by=ctx.member.id,
                at=ctx.now,
            )
        )
    return [Reply("This group can use Rapport now.", tone="success")]


def revoke(ctx: Ctx, name: str) -> list[Reply]:
    """Admins: remove a member's access (their history stays)."""
    if not ctx.is_admin:
        return [Reply("Only an admin can remove people.", tone="warning")]
    wanted = name.strip().lstrip("@").lower()
    found = [m for m in ctx.unit.members() if m.name.lower() == wanted]
    if len(found) != 1:
        return [Reply(f"No single member called “{name.strip()}”.", tone="warning")]
    member = found[0]
    if member.id == ctx.member.id:
        return [Reply("You can't remove yourself.", tone="warning")]
    member.active = False
    audit.record(ctx, "member.revoke", "member", member.id, {"active": True}, {"active": False})
    return [Reply(f"{member.name} no longer has access. Their history stays.", tone="success")]


def set_tz(ctx: Ctx, zone: str) -> list[Reply]:
    """Set the author's time zone by hand ("tz auto": follow the platform's again)."""
    zone = zone.strip()
    if zone.lower() == "auto":
        return _tz_auto(ctx)
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return [Reply(f"“{zone[:40]}” isn't a time zone I know. Try e.g. “tz Europe/Berlin”.",
                      tone="warning")]  # fmt: skip
    before = ctx.member.tz
    ctx.member.tz = zone
    ctx.member.tz_by_hand = True
    audit.record(ctx, "member.tz", "member", ctx.member.id, {"tz": before}, {"tz": zone})
    nudges.replan_owner(ctx.unit, ctx.member, ctx.settings)  # a timed task keeps its instant
    local = ctx.now.astimezone(ZoneInfo(zone))
    return [Reply(f"Your time zone is now {zone} (it's {local:%a %d %b %H:%M} there).",
                  tone="success")]  # fmt: skip


def _tz_auto(ctx: Ctx) -> list[Reply]:
    """Follow the platform's zone again (from this message on, where it gives one)."""
    before = ctx.member.tz
    ctx.member.tz_by_hand = False
    hint = ctx.message.user_tz
    if hint:
        try:
            ZoneInfo(hint)
            ctx.member.tz = hint
        except (ZoneInfoNotFoundError, ValueError):
            hint = None
    audit.record(ctx, "member.tz", "member", ctx.member.id, {"tz": before}, {"tz": ctx.member.tz})
    nudges.replan_owner(ctx.unit, ctx.member, ctx.settings)  # a timed task keeps its instant
    if hint:
        return [Reply(f"Your time zone follows your profile again: {hint}.", tone="success")]
    return [Reply("Your time zone will follow your profile again (this chat gives none, "
                  f"so it stays {ctx.member.tz or ctx.tz.key}).", tone="success")]  # fmt: skip
