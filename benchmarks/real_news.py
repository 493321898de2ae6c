"""Who said what, and when, on real news (issue 25): statements and time expressions against hand-annotated
SaudiNewsNet articles (benchmarks/real_news/statements.json and times.json, drawn by real_news/sample.py).

    python benchmarks/real_news.py [--work /tmp/marsad-real-news] [--part tuning|held_out] [--errors] [--json]

The annotated articles are ingested into a fresh store through the whole pipeline (the record's date_extracted,
its crawl date, is the reference date, as the product takes it when a page gives none). Then, per part:
- statements: a gold statement is found when one system quote's content covers at least half of it (one system
  quote per gold statement, the largest overlap first); detection precision, recall, F1; speaker accuracy over
  the found ones (the speaker is right when it is the annotated speaker or one of the forms the article gives
  it, one name in two spellings, or with and without spaces between its parts, being one name, a collective
  source matching when one phrase starts with the other: demo_eval.same_speaker; any two phrases of two words
  or more when one starts the other or runs inside it, "تقرير مؤشرات الأداء" for "تقرير مؤشرات الأداء لقطاع
  الاتصالات", "نادي الاتفاق" for "إدارة نادي الاتفاق"; a person's shorter or longer name, "عبد اللطيف الزياني"
  for "عبداللطيف بن راشد الزياني", a foreign name transliterated with one letter apart), with the
  implicit speakers apart; content precision, over the found ones, the share of the system content's characters
  inside the gold content (a statement whose content takes in its speaker's title, "أكد فلان المدير الفني للفريق
  أنه …", is found and right-spoken but reads wrong), and how many start two words or more before the gold;
- times: a gold expression is found when a system expression overlaps it (one each); vague references
  (الآن، حاليا، مؤخرا) are left out of both sides; value accuracy over the found ones the annotation gives a
  value (a vague duration, "لسنوات", has none), exact TIMEX3 values (a midnight written as the next day's T00:00
  or the day's T24:00 being one value).
Offsets of the stored body are mapped back to the record's content by aligning the two texts.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import demo_eval  # noqa: E402
from people import build, offset_map, records  # noqa: E402

from marsad.arabic.normalize import normalize  # noqa: E402
from marsad.store import open_store  # noqa: E402

HERE = ROOT / "benchmarks" / "real_news"
PARTS = ["tuning", "held_out", "held_out_2", "held_out_3", "held_out_4", "held_out_5", "held_out_6", "held_out_7",
         "held_out_8", "held_out_9", "held_out_10", "held_out_11", "held_out_12",
         "held_out_13", "held_out_14", "held_out_15", "held_out_16", "held_out_17", "held_out_18", "held_out_19",
         "held_out_20", "held_out_21", "held_out_22"]


def system_output(db: Path, content: dict[str, str]) -> dict[str, dict]:
    """SaudiNewsNet id → its quotes and times, spans in content offsets."""
    store = open_store(str(db))
    out: dict[str, dict] = {}
    for doc in store.iter_documents(spans=True):
        if doc.source not in content:
            continue
        pos = offset_map(doc.body, content[doc.source])

        def span(s: int, e: int) -> tuple[int, int] | None:
            ks = [pos[k] for k in range(s, e) if pos[k] is not None]
            return (ks[0], ks[-1] + 1) if ks else None

        quotes = [(sp, q) for q in doc.quotes if (sp := span(q.start, q.end))]
        times = [(sp, t) for t in doc.times if (sp := span(t.start, t.end))]
        out[doc.source] = {"quotes": quotes, "times": times}
    store.close()
    return out


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def pair(gold: list[tuple[int, int]], system: list[tuple[int, int]], enough) -> dict[int, int]:
    """Gold index → system index, one to one, the largest overlaps first, each pair passing `enough`."""
    cands = sorted(((overlap(g, s), i, j) for i, g in enumerate(gold) for j, s in enumerate(system)
                    if enough(g, s)), reverse=True)
    taken_g, taken_s, out = set(), set(), {}
    for _, i, j in cands:
        if i not in taken_g and j not in taken_s:
            out[i] = j
            taken_g.add(i)
            taken_s.add(j)
    return out


def speaker_ok(system: str | None, g: dict) -> bool:
    forms = [f for f in [g.get("speaker"), *g.get("speaker_forms", [])] if f]
    entity = g.get("speaker_type") != "collective"
    if any(demo_eval.same_speaker(system, f, entity) for f in forms):
        return True
    if system and any(normalize(system).replace(" ", "") == normalize(f).replace(" ", "") for f in forms):
        return True          # one name with or without spaces between its parts ("شي جين بينغ" / "شي جينبينغ")
    words = _words(system or "")
    if len(words) >= 2 and any(_prefix(words, _words(f)) or _inside(words, _words(f)) or _inside(_words(f), words)
                               for f in forms):
        return True          # "تقرير مؤشرات الأداء" for "تقرير مؤشرات الأداء لقطاع الاتصالات …": the same, cut
    # a person's longer or shorter written name ("سعود بن عبدالله الحقباني" / "سعود الحقباني"), or a foreign
    # name transliterated with one letter apart ("أورسولا فون دير لاين" / "أورزولا فون دير لاين")
    return g.get("speaker_type") == "person" and len(words) >= 2 and any(
        _within(words, _words(f)) or _within(_words(f), words) or _one_letter_apart(words, _words(f)) for f in forms)


_TRANSLITERATED = {frozenset(p) for p in ("سز", "تط", "كق", "جغ", "دض", "سص")}


def _one_letter_apart(a: list[str], b: list[str]) -> bool:
    """Two names of the same words but one, where one letter of a foreign sound is written two ways (س/ز in
    "أورسولا/أورزولا", ت/ط, ك/ق, ج/غ): one name, not "محمد/أحمد"."""
    if len(a) != len(b):
        return False
    diff = [(x, y) for x, y in zip(a, b) if x != y]
    if len(diff) != 1 or len(diff[0][0]) != len(diff[0][1]) or len(diff[0][0]) < 4:
        return False
    letters = [frozenset((c, d)) for c, d in zip(*diff[0]) if c != d]
    return len(letters) == 1 and letters[0] in _TRANSLITERATED


def _words(name: str) -> list[str]:
    """A name's words in matching form, "عبد اللطيف" written as one ("عبداللطيف")."""
    return normalize(re.sub(r"(?<!\w)عبد\s+(?=ال)", "عبد", name)).split()


def _inside(a: list[str], b: list[str]) -> bool:
    """Phrase `a` (two words or more) runs, whole, inside phrase `b`: "نادي الاتفاق" in "إدارة نادي الاتفاق"."""
    n = len(a)
    return 2 <= n <= len(b) and any(b[i:i + n] == a for i in range(len(b) - n + 1))


def _prefix(a: list[str], b: list[str]) -> bool:
    """One phrase opens the other, both of two words or more."""
    n = min(len(a), len(b))
    return n >= 2 and a[:n] == b[:n]


def _within(short: list[str], long: list[str]) -> bool:
    """Every word of `short` in `long`, in order, first and last included."""
    if len(short) < 2 or short[0] != long[0] or short[-1] != long[-1]:
        return False
    k = 0
    for w in long:
        if k < len(short) and w == short[k]:
            k += 1
    return k == len(short)


def f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 3) if p + r else 0.0


def score_statements(arts: list[dict], system: dict, content: dict, errors: list) -> dict:
    n_gold = n_sys = n_found = right = implicit_n = implicit_right = 0
    inside = sys_chars = early = 0
    for art in arts:
        gold = art["statements"]
        sys_q = system.get(art["id"], {}).get("quotes", [])
        half = lambda g, s: overlap(g, s) * 2 >= g[1] - g[0]          # noqa: E731
        m = pair([(g["start"], g["end"]) for g in gold], [sp for sp, _ in sys_q], half)
        n_gold, n_sys, n_found = n_gold + len(gold), n_sys + len(sys_q), n_found + len(m)
        text = content[art["id"]]
        for i, g in enumerate(gold):
            if i not in m:
                errors.append(("missed", art["id"], g.get("cue"), g.get("speaker"), text[g["start"]:g["end"]][:90]))
                continue
            (s_start, s_end), q = sys_q[m[i]]
            inside += overlap((g["start"], g["end"]), (s_start, s_end))
            sys_chars += s_end - s_start
            if len(text[s_start:g["start"]].split()) >= 2:
                early += 1
                errors.append(("early", art["id"], q.cue, q.speaker, text[s_start:g["start"]][-90:]))
            if g.get("speaker") is None:
                continue
            ok = speaker_ok(q.speaker, g)
            right += ok
            if g.get("implicit"):
                implicit_n += 1
                implicit_right += ok
            if not ok:
                errors.append(("speaker", art["id"], g.get("cue"), f"gold {g['speaker']} | system {q.speaker} "
                               f"[{getattr(q, 'why', None) or q.speaker_text}]", text[g["start"]:g["end"]][:60]))
        for j, (sp, q) in enumerate(sys_q):
            if j not in m.values():
                errors.append(("extra", art["id"], q.cue, q.speaker, text[sp[0]:sp[1]][:90]))
    p, r = n_found / n_sys if n_sys else 0.0, n_found / n_gold if n_gold else 0.0
    with_speaker = sum(1 for a in arts for i, g in enumerate(a["statements"]) if g.get("speaker") is not None)
    return {"articles": len(arts), "gold": n_gold, "system": n_sys, "found": n_found, "precision": round(p, 3),
            "recall": round(r, 3), "f1": f1(p, r), "speaker_accuracy": round(right / max(1, n_found), 3),
            "annotated_speakers": with_speaker, "implicit": implicit_n,
            "implicit_accuracy": round(implicit_right / max(1, implicit_n), 3),
            "content_precision": round(inside / max(1, sys_chars), 3), "content_starts_early": early}


def same_value(a: str | None, b: str | None) -> bool:
    """Exact TIMEX3 equality, after writing one span one way: a midnight as the next day's T00:00, a duration in
    its smallest unit (PT4H30M = PT270M), a half-year or a season as its months (2015-H2 = 2015-07/2015-12), an
    interval from a month's first day to a month's last as those months (2015-01-01/2015-06-30 = 2015-01/2015-06),
    a decade or a century as its years (194 = 1940/1949, 197/2015-07-27 = 1970/2015-07-27)."""
    if a == b:
        return True
    return bool(a and b) and _canonical(a) == _canonical(b)


_UNITS = {"Y": 525600, "M": 43200, "W": 10080, "D": 1440}
_TUNITS = {"H": 60, "M": 1, "S": 1 / 60}
_SPANS = {"H1": ("01", "06"), "H2": ("07", "12"), "SP": ("03", "05"), "SU": ("06", "08"), "FA": ("09", "11"),
          "Q1": ("01", "03"), "Q2": ("04", "06"), "Q3": ("07", "09"), "Q4": ("10", "12")}


def _canonical(v: str) -> str:
    v = _midnight(v)
    m = re.fullmatch(r"P((?:\d+[YMWD])*)(?:T((?:\d+[HMS])*))?", v)
    if m and (m.group(1) or m.group(2)):
        total = sum(int(n) * _UNITS[u] for n, u in re.findall(r"(\d+)([YMWD])", m.group(1) or ""))
        total += sum(int(n) * _TUNITS[u] for n, u in re.findall(r"(\d+)([HMS])", m.group(2) or ""))
        return f"P{total}min"
    m = re.fullmatch(r"(\d{4})-(H[12]|SP|SU|FA|Q[1-4])", v)
    if m:
        a, b = _SPANS[m.group(2)]
        return f"{m.group(1)}-{a}/{m.group(1)}-{b}"
    if re.fullmatch(r"\d{2,3}", v):
        v = f"{v}/{v}"                       # a decade (194) or a century (18): the years it spans
    if "/" in v:
        a, b = v.split("/", 1)
        a, b = _side(a, start=True), _side(b, start=False)
        return a if a == b else f"{a}/{b}"
    return v


def _side(v: str, start: bool) -> str:
    """One end of an interval in its coarsest exact form: a decade or century as its first or last year (197 →
    1970 or 1979), the first or last day of a month as the month (2015-01-01 → 2015-01, 2015-06-30 → 2015-06)."""
    if re.fullmatch(r"\d{2,3}", v):
        return v + ("0" if start else "9") * (4 - len(v))
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", v)
    if m:
        y, mo, d = (int(x) for x in m.groups())
        last = calendar.monthrange(y, mo)[1] if 1 <= mo <= 12 else 0
        if (start and d == 1) or (not start and d == last):
            return f"{m.group(1)}-{m.group(2)}"
    return v


def _midnight(v: str) -> str:
    m = re.fullmatch(r"(\d{4}-\d\d-\d\d)T24:00", v)
    if not m:
        return v
    return (dt.date.fromisoformat(m.group(1)) + dt.timedelta(days=1)).isoformat() + "T00:00"


def score_times(arts: list[dict], system: dict, content: dict, errors: list) -> dict:
    n_gold = n_sys = n_found = right = valued = 0
    for art in arts:
        vague = [(g["start"], g["end"]) for g in art["times"] if g.get("vague")]
        gold = [g for g in art["times"] if not g.get("vague")]
        sys_t = [(sp, t) for sp, t in system.get(art["id"], {}).get("times", [])
                 if not any(overlap(sp, v) for v in vague)]
        m = pair([(g["start"], g["end"]) for g in gold], [sp for sp, _ in sys_t], lambda g, s: overlap(g, s) > 0)
        n_gold, n_sys, n_found = n_gold + len(gold), n_sys + len(sys_t), n_found + len(m)
        text = content[art["id"]]
        for i, g in enumerate(gold):
            span = text[g["start"]:g["end"]]
            if i not in m:
                errors.append(("missed", art["id"], span, g["value"], _context(text, g["start"], g["end"])))
                continue
            t = sys_t[m[i]][1]
            if g["value"] is None:
                continue                 # a vague duration the annotation leaves without a value: detection only
            valued += 1
            if same_value(t.value, g["value"]):
                right += 1
            else:
                errors.append(("value", art["id"], f"{span} → {t.text}", f"gold {g['value']} system {t.value}",
                               _context(text, g["start"], g["end"])))
        for j, (sp, t) in enumerate(sys_t):
            if j not in m.values():
                errors.append(("extra", art["id"], t.text, t.value, _context(text, *sp)))
    p, r = n_found / n_sys if n_sys else 0.0, n_found / n_gold if n_gold else 0.0
    return {"articles": len(arts), "gold": n_gold, "system": n_sys, "found": n_found, "precision": round(p, 3),
            "recall": round(r, 3), "f1": f1(p, r), "value_accuracy": round(right / max(1, valued), 3),
            "valued": valued}


def _context(text: str, s: int, e: int, n: int = 40) -> str:
    return (text[max(0, s - n):s] + "[" + text[s:e] + "]" + text[e:e + n]).replace("\n", " ")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", default="/tmp/marsad-real-news")
    ap.add_argument("--part", choices=PARTS, action="append")
    ap.add_argument("--errors", action="store_true", help="list the errors of the parts scored")
    ap.add_argument("--reuse", action="store_true", help="score the store of the last run again")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    statements = json.loads((HERE / "statements.json").read_text(encoding="utf-8"))["articles"]
    times = json.loads((HERE / "times.json").read_text(encoding="utf-8"))["articles"]
    ids = {a["id"] for a in statements} | {a["id"] for a in times}
    recs = records(ids, 0)
    db = Path(args.work) / "people.db"
    if not args.reuse:
        db = build(Path(args.work), recs)
    content = {d["id"]: d["content"] for d in recs}
    system = system_output(db, content)
    report, errors = {}, {}
    parts = sorted({a["part"] for a in statements} | {a["part"] for a in times}, key=PARTS.index)
    for part in args.part or parts:
        errors[part] = {"statements": [], "times": []}
        report[part] = {
            "statements": score_statements([a for a in statements if a["part"] == part], system, content,
                                           errors[part]["statements"]),
            "times": score_times([a for a in times if a["part"] == part], system, content, errors[part]["times"])}
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return
    for part, r in report.items():
        s, t = r["statements"], r["times"]
        print(f"{part}: statements {s['articles']} articles, {s['gold']} gold, {s['system']} found by Marsad, "
              f"{s['found']} matched: P {s['precision']} R {s['recall']} F1 {s['f1']}; speaker "
              f"{s['speaker_accuracy']} (implicit {s['implicit']}: {s['implicit_accuracy']}); content precision "
              f"{s['content_precision']}, {s['content_starts_early']} starting two words or more early")
        print(f"{part}: times {t['articles']} articles, {t['gold']} gold (vague aside), {t['system']} found, "
              f"{t['found']} matched: P {t['precision']} R {t['recall']} F1 {t['f1']}; value {t['value_accuracy']}")
        if args.errors:
            for kind in ("statements", "times"):
                counts = Counter(e[0] for e in errors[part][kind])
                print(f"  {kind} errors: {dict(counts)}")
                for e in sorted(errors[part][kind], key=lambda e: [str(x) for x in e]):
                    print("   ", " | ".join(str(x) for x in e))


if __name__ == "__main__":
    main()
