"""The Monday chart: activity, open tasks by age, pipeline by stage, satisfaction by week."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from typing import Any
from zoneinfo import ZoneInfo

from handlers.money import exponent
from handlers.voice_digest import Voice
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


def render_png(
    series: dict[str, list[int]],
    days: list[dt.date],
    ages: dict[str, int],
    voice: Voice | None = None,
) -> bytes:
    """A PNG with activity and task ages side by side.

    With `voice`, a second row shows the pipeline by stage per currency and satisfaction
    over eight weeks.
    """
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    rows = 2 if voice is not None else 1
    fig, axes = plt.subplots(rows, 2, figsize=(11, 4 * rows), dpi=100, squeeze=False)
    left, right = axes[0]
    if voice is not None:
        _pipeline(axes[1][0], voice)
        _satisfaction(axes[1][1], voice)
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


def _pipeline(ax: Any, voice: Voice) -> None:
    """Open pipeline by stage, one bar per currency (in major units, a year of recurring)."""
    stages = list(voice.stages)
    currencies = sorted({c for per in voice.stages.values() for c in per})
    width = 0.8 / max(1, len(currencies))
    for i, code in enumerate(currencies):
        values = [voice.stages[s].get(code, 0) / 10 ** exponent(code) for s in stages]
        ax.bar([x + i * width for x in range(len(stages))], values, width, label=code)
    ax.set_xticks([x + width * (len(currencies) - 1) / 2 for x in range(len(stages))], stages)
    ax.set_title("Open pipeline by stage (per currency)")
    if currencies:
        ax.legend(fontsize=7)


def _satisfaction(ax: Any, voice: Voice) -> None:
    """Average satisfaction (1-5) per week over eight weeks; weeks without ratings are gaps."""
    labels = [f"{w:%d %b}" for w in voice.weeks]
    ax.plot(labels, [float("nan") if x is None else x for x in voice.csat], marker="o")
    ax.set_ylim(0, 5.2)
    ax.set_title("Satisfaction by week (of 5)")
    ax.tick_params(axis="x", labelrotation=45, labelsize=7)
