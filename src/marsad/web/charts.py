"""Chart data for the pages (drawn by the vendored Chart.js): articles per day per outlet as stacked bars.

A long span is counted per week or per month so that a bar stays wide enough to see; the outlets beyond the
most active few are summed as one series, so that a chart stays readable with forty outlets.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from ..store.views import CoverageDay
from .render import day

MAX_SERIES = 8
PALETTE = ("#1f6f8b", "#e07a1f", "#3a9d5d", "#b8405e", "#7656a8", "#8c6d3a", "#2f8f8f", "#c2a100", "#7a7a7a")
OTHERS = "مواقع أخرى"
NO_OUTLET = "بلا موقع"


def _bucket(days: list[dt.date]) -> tuple[str, callable]:
    span = (max(days) - min(days)).days if days else 0
    if span <= 92:
        return "day", lambda d: d.isoformat()
    if span <= 550:
        return "week", lambda d: (d - dt.timedelta(days=(d.weekday() + 2) % 7)).isoformat()  # weeks from Saturday
    return "month", lambda d: d.isoformat()[:7]


def _axis(days: list[dt.date], unit: str, key) -> list[str]:
    if not days:
        return []
    if unit == "month":
        first, last = min(days), max(days)
        months, y, m = [], first.year, first.month
        while (y, m) <= (last.year, last.month):
            months.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return months
    step = 1 if unit == "day" else 7
    first, last = key(min(days)), max(days)
    out, d = [], dt.date.fromisoformat(first)
    while d <= last:
        out.append(d.isoformat())
        d += dt.timedelta(days=step)
    return out


def coverage_chart(rows: list[CoverageDay]) -> dict:
    """{"unit", "labels", "datasets": [{"label", "data", "backgroundColor"}], "total"} for a stacked bar chart."""
    parsed = []
    for r in rows:
        try:
            parsed.append((dt.date.fromisoformat(r.day), r.outlet or NO_OUTLET, r.articles))
        except ValueError:
            continue
    days = [d for d, _, _ in parsed]
    unit, key = _bucket(days)
    labels = _axis(days, unit, key)
    totals = Counter()
    for _, outlet, n in parsed:
        totals[outlet] += n
    top = [o for o, _ in totals.most_common(MAX_SERIES)]
    series: dict[str, Counter] = defaultdict(Counter)
    for d, outlet, n in parsed:
        series[outlet if outlet in top else OTHERS][key(d)] += n
    names = top + ([OTHERS] if OTHERS in series else [])
    datasets = [{"label": name, "data": [series[name].get(x, 0) for x in labels],
                 "backgroundColor": PALETTE[i % len(PALETTE)]} for i, name in enumerate(names)]
    return {"unit": unit, "labels": labels, "display": [_display(x, unit) for x in labels], "datasets": datasets,
            "total": sum(totals.values())}


def _display(label: str, unit: str) -> str:
    """What the axis shows: 5 فبراير, أسبوع 3 مارس, فبراير 2024."""
    if unit == "month":
        return day(label)
    short = " ".join(day(label).split()[:2])
    return short if unit == "day" else f"أسبوع {short}"
