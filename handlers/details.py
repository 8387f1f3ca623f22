"""Contact details as people type them, checked and put in one canonical form."""

from __future__ import annotations

import re

import phonenumbers

_EMAIL = re.compile(
    r"^[^@\s<>(),;:\"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+$"
)


def email(text: str) -> str | None:
    """The address, lowercased domain, or None if it is not one."""
    candidate = text.strip().strip("<>").rstrip(".")
    if len(candidate) > 320 or not _EMAIL.match(candidate):
        return None
    local, _, domain = candidate.partition("@")
    return f"{local}@{domain.lower()}"


def phone(text: str, region: str) -> str | None:
    """The number in E.164 (+14155550101), reading local numbers as from `region`."""
    try:
        number = phonenumbers.parse(text.strip(), region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def readable_phone(e164: str) -> str:
    """A stored number as people read it (+1 415-555-0101)."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
