"""Time zones named after a clock ("3pm PST", "14:00 CET", "9am London time").

Abbreviations follow the spec's table; a city is any IANA zone's last part ("London",
"New York", "Sao Paulo") followed by "time".
"""

from __future__ import annotations

import re
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

ABBREVIATIONS = {
    "pst": "America/Los_Angeles", "pdt": "America/Los_Angeles", "pt": "America/Los_Angeles",
    "mst": "America/Denver", "mdt": "America/Denver", "mt": "America/Denver",
    "cst": "America/Chicago", "cdt": "America/Chicago", "ct": "America/Chicago",
    "est": "America/New_York", "edt": "America/New_York", "et": "America/New_York",
    "gmt": "UTC", "utc": "UTC", "z": "UTC", "bst": "Europe/London",
    "cet": "Europe/Berlin", "cest": "Europe/Berlin", "ist": "Asia/Kolkata",
    "aest": "Australia/Sydney", "aedt": "Australia/Sydney", "sgt": "Asia/Singapore",
    "jst": "Asia/Tokyo",
}  # fmt: skip

# Everyday names that are not a zone's city ("Bombay" is an old one; "SF" is not a zone).
_CITY_EXTRA = {"bombay": "Asia/Kolkata", "mumbai": "Asia/Kolkata", "delhi": "Asia/Kolkata",
               "sf": "America/Los_Angeles", "san francisco": "America/Los_Angeles",
               "nyc": "America/New_York", "bangalore": "Asia/Kolkata",
               "bengaluru": "Asia/Kolkata", "beijing": "Asia/Shanghai",
               "pacific": "America/Los_Angeles", "eastern": "America/New_York",
               "central": "America/Chicago", "mountain": "America/Denver",
               "uk": "Europe/London", "german": "Europe/Berlin", "india": "Asia/Kolkata",
               "sydney": "Australia/Sydney", "melbourne": "Australia/Melbourne"}  # fmt: skip

_ABBREV = "|".join(sorted(ABBREVIATIONS, key=len, reverse=True))
# Right after a clock: "3pm PST", "14:00 CET", "14:00Z", "3pm (ET)".
AFTER_CLOCK = re.compile(
    r"\s*\(?(?:(?P<abbr>" + _ABBREV + r")\b|(?P<city>[a-z][a-z .'-]{1,24}?) time\b)\)?"
)


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    found: dict[str, str] = {}
    for name in sorted(available_timezones()):
        if "/" not in name or name.startswith(("Etc/", "SystemV/")):
            continue
        city = name.rsplit("/", 1)[1].replace("_", " ").lower()
        found.setdefault(city, name)
    found.update(_CITY_EXTRA)
    return found


def zone_after(low: str, pos: int) -> tuple[ZoneInfo, int] | None:
    """The zone named right after position `pos` (the end of a clock) and where it ends."""
    m = AFTER_CLOCK.match(low, pos)
    if m is None:
        return None
    if m["abbr"]:
        name = ABBREVIATIONS[m["abbr"]]
    else:
        city = m["city"].strip()
        # "at 3 their time" or "at 9 my time" name no zone.
        name = _cities().get(city) or _cities().get(city.split()[-1], "")
        if not name:
            return None
    return ZoneInfo(name), m.end()
