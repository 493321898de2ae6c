"""Bring the demo gold's time annotation to issue 25's conventions (run once, 2026-12-07; kept for the record).

    python benchmarks/real_news/demo_gold_conventions.py

Three conventions of examples/demo_corpus/gold.json contradicted what issue 25 asks of real news: "match minutes
in sports reports are not annotated" (a match report's timeline needs them), a Hijri date "الموافق" a Gregorian
one was one expression (each is an expression), and a Hijri month was the Gregorian month it starts in (it is its
Gregorian days: "رمضان 1436" is 2015-06-18/2015-07-16). Mechanically: every "الدقيقة N" of a body becomes an
expression `PTNM` (a duration from the kick-off; "الدقيقة 90+3" is PT93M); every annotated expression holding
"الموافق" is split there, the Hijri part keeping the value (a part of the day included) and the Gregorian part
getting the day; every `YYYY-MM` value of an expression naming a Hijri month becomes the days of the instance of
that month starting in that Gregorian month (Umm al-Qura calendar, hijridate). Nothing else changes; running it
again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

GOLD = Path(__file__).resolve().parents[2] / "examples" / "demo_corpus" / "gold.json"
MINUTE = re.compile(r"(?<!\w)الدقيقة\s+([0-9٠-٩]{1,3})(?:\s*\+\s*([0-9٠-٩]{1,2}))?")
JOIN = re.compile(r"\s*[،,(]?\s*(?:الموافق|الموافقة|يوافق)\s*(?:لـ?\s*)?")


def _split(t: dict) -> list[dict]:
    m = JOIN.search(t["text"])
    if not m:
        return [t]
    day = t["value"][:10] if t["value"] else None
    first = {**t, "text": t["text"][:m.start()], "end": t["start"] + m.start()}
    second = {**t, "text": t["text"][m.end():], "start": t["start"] + m.end(), "value": day, "type": "date",
              "consistent": True}
    return [first, second]


HIJRI_MONTH = {"محرم": 1, "صفر": 2, "ربيع الأول": 3, "ربيع الآخر": 4, "ربيع الثاني": 4, "جمادى الأولى": 5,
               "جمادى الآخرة": 6, "رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10, "ذي القعدة": 11, "ذو القعدة": 11,
               "ذي الحجة": 12, "ذو الحجة": 12}


def _hijri_days(t: dict) -> dict:
    """A Hijri month's `YYYY-MM` (the Gregorian month it starts in) as its Gregorian days."""
    m = re.fullmatch(r"(\d{4})-(\d\d)", t["value"] or "")
    month = next((n for name, n in sorted(HIJRI_MONTH.items(), key=lambda x: -len(x[0])) if name in t["text"]), None)
    if not m or month is None:
        return t
    from hijridate import Gregorian, Hijri
    y, mo = int(m.group(1)), int(m.group(2))
    h = Gregorian(y, mo, 15).to_hijri().year
    for hy in (h - 1, h, h + 1):
        start = Hijri(hy, month, 1).to_gregorian()
        if (start.year, start.month) == (y, mo):
            end = Hijri(hy + (month == 12), month % 12 + 1, 1).to_gregorian()
            last = dt.date(end.year, end.month, end.day) - dt.timedelta(days=1)
            return {**t, "value": f"{start.isoformat()}/{last.isoformat()}"}
    return t


def main() -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    for art in gold["articles"]:
        times = [_hijri_days(part) for t in art["times"] for part in _split(t)]
        taken = [(t["start"], t["end"]) for t in times]
        for m in MINUTE.finditer(art["body"]):
            if any(min(m.end(), b) > max(m.start(), a) for a, b in taken):
                continue
            n = int(m.group(1)) + int(m.group(2) or 0)
            times.append({"text": m.group(0), "start": m.start(), "end": m.end(), "value": f"PT{n}M",
                          "type": "duration", "consistent": True})
        art["times"] = sorted(times, key=lambda t: t["start"])
        for t in art["times"]:
            assert art["body"][t["start"]:t["end"]] == t["text"], (art["id"], t["text"])
    GOLD.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
