"""The Monday chart: interactions per member per day (two weeks) and open tasks by age."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from zoneinfo import ZoneInfo

from store import Unit, reports

AGE_LIMITS = (7, 14, 30)
AGE_LABELS = ("0–7 days", "8–14 days", "15–30 days", "over 30 days")
#: People drawn one by one; the rest of a big team is one "others" bar.
PEOPLE_SHOWN = 8


def figures(
    unit: Unit, now: dt.datetime, zone: ZoneInfo
) -> tuple[dict[str, list[int]], list[dt.date], dict[str, int]]:
    """Interactions per member per day over the last 14 days, and open tasks by age.

    The busiest members get a series each; everyone else is one series together.
    """
    today = now.astimezone(zone).date()
    days = [today - dt.timedelta(days=d) for d in range(14, 0, -1)]
    start = dt.datetime.combine(days[0], dt.time(0), tzinfo=zone).astimezone(dt.UTC)
    end = dt.datetime.combine(today, dt.time(0), tzinfo=zone).astimezone(dt.UTC)
    per: dict[str, Counter[dt.date]] = {}
    for name, when in reports.authored_moments(unit, start, end):
        per.setdefault(name, Counter())[when.astimezone(zone).date()] += 1
    ranked = sorted(per, key=lambda name: (-per[name].total(), name))
    shown, rest = ranked[:PEOPLE_SHOWN], ranked[PEOPLE_SHOWN:]
    if len(rest) == 1:
        shown, rest = ranked, []
    series = {name: [per[name][d] for d in days] for name in sorted(shown)}
    if rest:
        series[f"{len(rest)} others"] = [sum(per[name][d] for name in rest) for d in days]
    counts = reports.open_task_ages(unit, now, AGE_LIMITS)
    return series, days, dict(zip(AGE_LABELS, counts, strict=True))


def summary(series: dict[str, list[int]], ages: dict[str, int]) -> str:
    """The chart's numbers as text (for screen readers and the text fallback)."""
    people = ", ".join(f"{name} {sum(counts)}" for name, counts in series.items()) or "none"
    open_ages = ", ".join(f"{label} {n}" for label, n in ages.items())
    return f"Last two weeks, interactions by person: {people}. Open tasks by age: {open_ages}."


def render_png(series: dict[str, list[int]], days: list[dt.date], ages: dict[str, int]) -> bytes:
    """A PNG with both charts side by side."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4), dpi=100)
    bottom = [0] * len(days)
    labels = [f"{d:%d %b}" for d in days]
    for name, counts in series.items():
        left.bar(labels, counts, bottom=bottom, label=name)
        bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
    left.set_title("Interactions per member per day")
    left.tick_params(axis="x", labelrotation=60, labelsize=7)
    if series:
        left.legend(fontsize=7)
    right.bar(list(ages), list(ages.values()), color="#c0392b")
    right.set_title("Open tasks by age")
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return buf.getvalue()
