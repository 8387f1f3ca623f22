"""Numbers from button values and typed choices, which anyone can forge."""

from __future__ import annotations

#: Longer digit strings are never ids of ours (and would overflow an INTEGER column).
MAX_DIGITS = 9


def as_id(raw: str) -> int | None:
    """`raw` as a non-negative id, or None.

    `str.isdigit()` alone is not enough: it accepts "²", which int() rejects, and
    strings long enough to overflow the database's integers.
    """
    if raw.isascii() and raw.isdigit() and len(raw) <= MAX_DIGITS:
        return int(raw)
    return None


def paged(value: str, offset_first: bool = False) -> tuple[str, int] | None:
    """A "More" button's value split into (what is listed, offset), or None when forged.

    Lists write "scope:offset"; search writes "offset:query", as its query may hold ":".
    """
    if offset_first:
        raw, _, key = value.partition(":")
    else:
        key, _, raw = value.rpartition(":")
    offset = as_id(raw)
    return (key, offset) if offset is not None and key else None
