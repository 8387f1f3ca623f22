"""The Monday chart: interactions per member per day (two weeks) and open tasks by age."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from zoneinfo import ZoneInfo

from rapport.store import Unit

AGE_BUCKETS = ((7, "0–7 days"), (14, "8–14 days"), (30, "15–30 days"), (10**6, "over 30 days"))


def figures(
    unit: Unit, now: dt.datetime, zone: ZoneInfo
) -> tuple[dict[str, list[int]], list[dt.date], dict[str, int]]:
    """Interactions per member per day over the last 14 days, and open tasks by age."""
    today = now.astimezone(zone).date()
    days = [today - dt.timedelta(days=d) for d in range(14, 0, -1)]
    start = dt.datetime.combine(days[0], dt.time(0), tzinfo=zone).astimezone(dt.UTC)
    end = dt.datetime.combine(today, dt.time(0), tzinfo=zone).astimezone(dt.UTC)
    per: dict[str, Counter[dt.date]] = {}
    for i in unit.interactions_between(start, end):
        per.setdefault(i.author.name, Counter())[i.occurred_at.astimezone(zone).date()] += 1
    series = {name: [counts[d] for d in days] for name, counts in sorted(per.items())}
    ages: dict[str, int] = {label: 0 for _, label in AGE_BUCKETS}
    for created in unit.open_task_dates():
        age = (now - created).days
        label = next(label for limit, label in AGE_BUCKETS if age <= limit)
        ages[label] += 1
    return series, days, ages


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
