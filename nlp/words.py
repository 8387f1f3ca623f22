"""Words for days, months and numbers ("weds", "sept", "a couple of", "twenty-ninth")."""

from __future__ import annotations

WEEKDAYS = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "weds": 2,
    "wednesday": 2, "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5, "sun": 6, "sunday": 6,
}  # fmt: skip
MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}  # fmt: skip
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "a couple of": 2, "a couple": 2, "couple of": 2, "couple": 2, "a few": 3, "few": 3,
}  # fmt: skip
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30}


def number(word: str) -> int | None:
    """A count in digits or words ("3", "three", "a couple of")."""
    if word.isdecimal():  # not isdigit(): "²" is a digit that int() rejects
        return int(word) if len(word) <= 4 else None
    return NUMBERS.get(word)


def ordinal(word: str) -> int | None:
    """A day of the month: "3", "3rd", "third", "twenty-ninth"; None if not 1 to 31."""
    word = word.strip()
    digits = word.rstrip("stndrh")
    if digits.isdecimal():
        value = int(digits)
    elif word in _ORDINALS:
        value = _ORDINALS[word]
    else:
        tens, _, unit = word.replace("-", " ").partition(" ")
        if not unit:  # "twentyninth"
            tens, unit = word[:6], word[6:]
        value = _TENS.get(tens, 0) + _ORDINALS.get(unit.strip(), 99)
    return value if 1 <= value <= 31 else None
