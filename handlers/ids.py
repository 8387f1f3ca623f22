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
