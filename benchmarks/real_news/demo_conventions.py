"""Bring the demo corpus's annotation to issue 25's conventions (run once, 2026-12-07; kept for the record).

    python benchmarks/real_news/demo_conventions.py && python examples/demo_source/build.py

Edits the annotated stories (examples/demo_source/stories/*.txt), from which build.py writes the gold:
- times: a Hijri date "الموافق" a Gregorian one becomes two expressions (the Hijri part keeps the value, a part
  of the day included; the Gregorian part gets the day); a Hijri month valued as the Gregorian month it starts in
  becomes its Gregorian days (Umm al-Qura calendar: "رمضان 1445" is 2024-03-11/2024-04-09); every "الدقيقة N"
  of a match report becomes a duration from the kick-off (`PTNM`), where the writers had left match minutes out;
- quotes: the statements an independent reader judged genuine among those the new rules found and the gold did
  not hold (demo_review_2026-12-07.json: a reporting verb with a noun or preposition object, "رحبت روسيا
  بالقرار", "دعت الوزارة الأطراف إلى ضبط النفس") are annotated with the reader's speaker.
Running it again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STORIES = ROOT / "examples" / "demo_source" / "stories"
REVIEW = Path(__file__).resolve().parent / "demo_review_2026-12-07.json"
GOLD = ROOT / "examples" / "demo_corpus" / "gold.json"
TIME = re.compile(r"<t ([^<>|]+)\|([a-z]+)((?:\|[^<>]*)?)>([^<]*)</t>")
JOIN = re.compile(r"\s*[،,(]?\s*(?:الموافق|الموافقة|يوافق)\s*(?:لـ?\s*)?")
MINUTE = re.compile(r"الدقيقة\s+([0-9٠-٩]{1,3})(?:\s*\+\s*([0-9٠-٩]{1,2}))?")
TOKEN = re.compile(r"\[\[(.+?)\]\]|\{\{<?(.+?)\}\}|<q [^<>]+>|</q>|<t [^<>]+>|</t>")
HIJRI_MONTH = {"محرم": 1, "صفر": 2, "ربيع الأول": 3, "ربيع الآخر": 4, "ربيع الثاني": 4, "جمادى الأولى": 5,
               "جمادى الآخرة": 6, "رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10, "ذي القعدة": 11, "ذو القعدة": 11,
               "ذي الحجة": 12, "ذو الحجة": 12}


def _hijri_days(value: str, text: str) -> str:
    m = re.fullmatch(r"(\d{4})-(\d\d)", value)
    month = next((n for name, n in sorted(HIJRI_MONTH.items(), key=lambda x: -len(x[0])) if name in text), None)
    if not m or month is None:
        return value
    from hijridate import Gregorian, Hijri
    y, mo = int(m.group(1)), int(m.group(2))
    h = Gregorian(y, mo, 15).to_hijri().year
    for hy in (h - 1, h, h + 1):
        start = Hijri(hy, month, 1).to_gregorian()
        if (start.year, start.month) == (y, mo):
            nxt = Hijri(hy + (month == 12), month % 12 + 1, 1).to_gregorian()
            last = dt.date(nxt.year, nxt.month, nxt.day) - dt.timedelta(days=1)
            return f"{start.isoformat()}/{last.isoformat()}"
    return value


def _time(m: re.Match) -> str:
    value, kind, extra, text = m.groups()
    j = JOIN.search(text)
    if j:
        return (f"<t {value}|{kind}{extra}>{text[:j.start()]}</t>{text[j.start():j.end()]}"
                f"<t {value[:10]}|date>{text[j.end():]}</t>")
    return f"<t {_hijri_days(value, text)}|{kind}{extra}>{text}</t>"


def _minutes(line: str) -> str:
    inside = [(m.start(), m.end()) for m in TIME.finditer(line)]
    out, last = [], 0
    for m in MINUTE.finditer(line):
        if any(a <= m.start() < b for a, b in inside):
            continue
        n = int(m.group(1)) + int(m.group(2) or 0)
        out += [line[last:m.start()], f"<t PT{n}M|duration>{m.group(0)}</t>"]
        last = m.end()
    return "".join(out) + line[last:]


def _plain(line: str) -> tuple[str, list[tuple[int, int]]]:
    """The line without markup, and for each plain character the source span of the token it comes from (the
    token itself for a character of an entity or a title, the character elsewhere)."""
    plain, where, pos = [], [], 0
    for m in TOKEN.finditer(line):
        for k in range(pos, m.start()):
            plain.append(line[k])
            where.append((k, k + 1))
        surface = m.group(1).split("|")[0] if m.group(1) else (m.group(2) or "")
        for ch in surface:
            plain.append(ch)
            where.append((m.start(), m.end()))
        pos = m.end()
    for k in range(pos, len(line)):
        plain.append(line[k])
        where.append((k, k + 1))
    return "".join(plain), where


def _wrap(lines: list[str], content: str, speaker: str) -> bool:
    for i, line in enumerate(lines):
        plain, where = _plain(line)
        k = plain.find(content)
        if k < 0:
            continue
        a, b = where[k][0], where[k + len(content) - 1][1]
        if "<q " in line[a:b] or "</q>" in line[a:b] or line[:a].count("<q ") > line[:a].count("</q>"):
            return True                      # overlaps or sits in a statement already annotated: left as it is
        lines[i] = f"{line[:a]}<q {speaker}|indirect>{line[a:b]}</q>{line[b:]}"
        return True
    return False


def main() -> None:
    gold = {a["id"]: a for a in json.loads(GOLD.read_text(encoding="utf-8"))["articles"]}
    review = [r for r in json.loads(REVIEW.read_text(encoding="utf-8")) if r["statement"]]
    for path in sorted(STORIES.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        lines = [_minutes(TIME.sub(_time, ln)) if not ln.startswith(("#", "===")) else ln for ln in lines]
        story = path.stem
        for r in review:
            if gold[r["article"]]["story"] != story:
                continue
            if any(r["content"] in ln and f"|indirect>{r['content']}" in ln for ln in lines):
                continue
            if not _wrap(lines, r["content"], r["speaker"]):
                print("not found:", r["article"], r["content"][:40])
        path.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
