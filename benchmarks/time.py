"""Time bar (issue "Time"): Marsad's tagger beside dateparser's `search_dates`, on the same texts, in one run.

    python benchmarks/time.py [--snn 400] [--rounds 5] [--errors FILE] [--no-seeds]

- Demo gold (examples/demo_corpus/gold.json): each gold article body with its gold publication date. An
  expression is detected when its span overlaps a gold span (one system span per gold span); normalization
  accuracy is the share of detected ones whose value is the gold value exactly (and, for Marsad, whose
  `consistent` flag agrees). dateparser returns a datetime, not a TIMEX value, so it is scored leniently: its
  datetime counts as right when it falls in the gold value at the gold value's own granularity (the day of a
  `YYYY-MM-DD…` value, the month of `YYYY-MM`, the year of `YYYY`, the week of `YYYY-Www`); durations, sets and
  intervals it cannot express. The end-to-end figure (through the whole pipeline, publication date read from
  the page) is `python benchmarks/demo_eval.py`.
- Wojood sample (../shared/data/wojood_sample, train+val+test): the DATE spans, detection recall (a gold span is
  found when a system expression overlaps it). Wojood annotates dates in history and biography text, tokenised
  with spaces ("20 / 9 / 1947", "سنة ( 1967 )"); no reference date is given, so only detection counts.
- Speed: words per second over the demo gold bodies and the first N SaudiNewsNet articles, one core, each tool
  warm (dateparser's first call loads its language data), best of R rounds each, the tools alternating;
  ratio = Marsad / dateparser.
- Seeds: every expression found in the five seed pages with its value, against the hand-checked list in
  benchmarks/seed_times.json (publication dates there: the January pages are of Tuesday 14 January 2020, as the
  issue states; the July pages are dated by Marsad's own inference or not at all).
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import gzip  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "src"))

from marsad.timex.tagger import find_times  # noqa: E402

warnings.filterwarnings("ignore")         # dateparser warns about pytz/tzlocal on some machines


def dateparser_times(text: str, published: dt.date | None) -> list[tuple[int, int, str, dt.datetime]]:
    """dateparser's search_dates on `text`, with spans found by locating each returned substring in order."""
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": dt.datetime(published.year, published.month, published.day)} if published else {}
    found = search_dates(text, languages=["ar"], settings=settings) or []
    out, pos = [], 0
    for sub, when in found:
        i = text.find(sub, pos)
        if i < 0:
            i = text.find(sub)
        if i < 0:
            continue
        out.append((i, i + len(sub), sub, when))
        pos = i + len(sub)
    return out


def lenient_ok(gold_value: str, when: dt.datetime) -> bool:
    """Whether a datetime falls within a TIMEX value at that value's granularity."""
    v = gold_value or ""
    if re.match(r"^\d{4}-\d{2}-\d{2}", v) and "/" not in v:
        return when.date().isoformat() == v[:10]
    if re.fullmatch(r"\d{4}-\d{2}", v):
        return f"{when.year}-{when.month:02d}" == v
    if re.fullmatch(r"\d{4}", v):
        return str(when.year) == v
    m = re.fullmatch(r"(\d{4})-W(\d\d)", v)
    if m:
        y, w, _ = when.date().isocalendar()
        return (y, w) == (int(m.group(1)), int(m.group(2)))
    return False


def score(pairs: list, errors: list | None = None) -> dict:
    """pairs: (article id, body, gold times, system spans as (start, end, text, value-or-datetime, ok-fn))."""
    tp = n_sys = n_gold = ok = 0
    for aid, body, gold, system in pairs:
        n_gold += len(gold)
        n_sys += len(system)
        used = set()
        for s, e, text, value, right in system:
            hit = next((i for i, g in enumerate(gold)
                        if i not in used and min(e, g["end"]) > max(s, g["start"])), None)
            if hit is None:
                if errors is not None:
                    errors.append(("false", aid, text, str(value), "", body[max(0, s - 40):e + 20]))
                continue
            used.add(hit)
            tp += 1
            good = right(gold[hit], value)
            ok += good
            if not good and errors is not None:
                errors.append(("value", aid, text, str(value), gold[hit]["value"], body[max(0, s - 40):e + 20]))
        if errors is not None:
            for i, g in enumerate(gold):
                if i not in used:
                    errors.append(("missed", aid, g["text"], "", g["value"],
                                   body[max(0, g["start"] - 40):g["end"] + 20]))
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "accuracy": ok / tp if tp else 0.0, "gold": n_gold, "system": n_sys}


def demo_articles() -> list[dict]:
    gold = json.loads((ROOT / "examples" / "demo_corpus" / "gold.json").read_text(encoding="utf-8"))
    return [a for a in gold["articles"] if a["body"]]


def demo_bar(arts: list[dict], errors: list | None) -> tuple[dict, dict]:
    ours, theirs = [], []
    for a in arts:
        P = dt.date.fromisoformat(a["published"][:10]) if a["published"] else None
        ours.append((a["id"], a["body"], a["times"],
                     [(t.start, t.end, t.text, (t.value, t.consistent),
                       lambda g, v: v[0] == g["value"] and v[1] == g["consistent"]) for t in find_times(a["body"], P)]))
        theirs.append((a["id"], a["body"], a["times"],
                       [(s, e, sub, when, lambda g, v: lenient_ok(g["value"], v))
                        for s, e, sub, when in dateparser_times(a["body"], P)]))
    return score(ours, errors), score(theirs)


def wojood_segments() -> list[tuple[str, list[tuple[int, int]]]]:
    """Wojood segments as space-joined text with the character spans of their (outermost) DATE entities."""
    out = []
    for part in ("train", "val", "test"):
        path = DATA / "wojood_sample" / f"{part}.txt"
        if not path.exists():
            continue
        toks: list[tuple[str, list[str]]] = []
        for line in path.read_text(encoding="utf-8").splitlines() + [""]:
            if line.strip():
                w, *tags = line.split(" ")
                toks.append((w, tags))
                continue
            if not toks:
                continue
            text, spans, cur = "", [], None
            for w, tags in toks:
                start = len(text) + (1 if text else 0)
                text = f"{text} {w}" if text else w
                if "B-DATE" in tags:
                    if cur:
                        spans.append(cur)
                    cur = [start, len(text)]
                elif "I-DATE" in tags and cur:
                    cur[1] = len(text)
                elif cur:
                    spans.append(cur)
                    cur = None
            if cur:
                spans.append(cur)
            out.append((text, [tuple(s) for s in spans]))
            toks = []
    return out


def wojood_bar() -> tuple[float, float, int]:
    segs = wojood_segments()
    gold = sum(len(s) for _, s in segs)
    ours = theirs = 0
    for text, spans in segs:
        if not spans:
            continue
        mine = [(t.start, t.end) for t in find_times(text, None)]
        dp = [(s, e) for s, e, _, _ in dateparser_times(text, None)]
        ours += sum(any(min(b, e) > max(a, s) for s, e in mine) for a, b in spans)
        theirs += sum(any(min(b, e) > max(a, s) for s, e in dp) for a, b in spans)
    return ours / gold if gold else 0.0, theirs / gold if gold else 0.0, gold


def snn_texts(n: int) -> list[tuple[str, dt.date | None]]:
    out = []
    path = DATA / "saudinewsnet" / "articles.jsonl.gz"
    if not path.exists() or n <= 0:
        return out
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            d = (r.get("date_extracted") or "")[:10]
            try:
                P = dt.date.fromisoformat(d)
            except ValueError:
                P = None
            if r.get("content"):
                out.append((r["content"], P))
            if len(out) >= n:
                break
    return out


def speed(texts: list[tuple[str, dt.date | None]], rounds: int) -> tuple[float, float, int]:
    """Words per second of each tool over `texts`: best of `rounds` each, the two alternating."""
    words = sum(len(t.split()) for t, _ in texts)
    for t, P in texts[:3]:
        find_times(t, P)
        dateparser_times(t, P)

    def best(fn, n):
        b = float("inf")
        for _ in range(n):
            t0 = time.perf_counter()
            for text, P in texts:
                fn(text, P)
            b = min(b, time.perf_counter() - t0)
        return words / b

    mine = theirs = 0.0
    for _ in range(rounds):            # alternate, so a slow spell of the machine hits both
        mine = max(mine, best(find_times, 1))
        theirs = max(theirs, best(dateparser_times, 1))
    return mine, theirs, words


def seeds_report() -> tuple[int, int, list[str]]:
    """(expected, right, exceptions) for the seed pages, printing every expression found."""
    from marsad import analyze

    spec = json.loads((ROOT / "benchmarks" / "seed_times.json").read_text(encoding="utf-8"))
    expected = right = 0
    exceptions: list[str] = []
    for name, page in spec.items():
        path = next((DATA / "seeds").glob(f"{name}_*.txt"))
        doc = analyze(path.read_bytes(), source=path.name, published=page.get("published"))
        print(f"\n{path.name} · published {doc.published} ({doc.published_source})")
        got = {}
        for t in doc.times:
            got.setdefault(t.text, []).append(t.value)
            mark = "" if consistent_ok(t) else "  (weekday disagrees)"
            print(f"  {t.text:34} {t.value or '—':22} {t.type}{mark}")
        for text, value in page["expect"]:
            expected += 1
            vals = got.get(text, [])
            if value in vals:
                right += 1
                vals.remove(value)
            else:
                exceptions.append(f"{name}: «{text}» expected {value}, found {vals or 'nothing'}")
        for text, vals in got.items():
            for v in vals:
                exceptions.append(f"{name}: «{text}» = {v} is not in the expected list")
        for note in page.get("notes", []):
            exceptions.append(f"{name}: {note}")
    return expected, right, exceptions


def consistent_ok(t) -> bool:
    return t.consistent is not False


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--snn", type=int, default=400, help="SaudiNewsNet articles in the speed run")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--errors", help="write Marsad's demo errors (missed, false, value) to this TSV file")
    ap.add_argument("--no-seeds", action="store_true")
    args = ap.parse_args()

    arts = demo_articles()
    errors: list = []
    ours, theirs = demo_bar(arts, errors)
    w_ours, w_theirs, w_gold = wojood_bar()
    print(f"demo gold: {len(arts)} articles, {ours['gold']} time expressions\n")
    print(f"{'measure':44} {'Marsad':>8} {'dateparser':>11}")
    for label, key in (("detection precision", "precision"), ("detection recall", "recall"),
                       ("detection F1 (bar ≥ 0.90)", "f1"), ("normalization accuracy (bar ≥ 0.95)", "accuracy")):
        print(f"{label:44} {ours[key]:8.3f} {theirs[key]:11.3f}")
    print(f"{'Wojood DATE spans found (recall, ' + str(w_gold) + ' spans)':44} {w_ours:8.3f} {w_theirs:11.3f}")

    demo_texts = [(a["body"], dt.date.fromisoformat(a["published"][:10]) if a["published"] else None) for a in arts]
    print(f"\nspeed (words/s, one core, best of {args.rounds} alternating rounds each)")
    print(f"{'corpus':28} {'words':>8} {'Marsad':>10} {'dateparser':>11} {'ratio':>7}")
    for label, texts in (("demo gold bodies", demo_texts), (f"SaudiNewsNet first {args.snn}", snn_texts(args.snn))):
        if not texts:
            continue
        mine, theirs_s, words = speed(texts, args.rounds)
        print(f"{label:28} {words:8d} {mine:10.0f} {theirs_s:11.0f} {mine / theirs_s:6.1f}x")

    if args.errors:
        Path(args.errors).write_text("\n".join("\t".join(map(str, e)) for e in errors) + "\n", encoding="utf-8")
    if not args.no_seeds:
        expected, right, exceptions = seeds_report()
        print(f"\nseeds: {right}/{expected} expected expressions found with the expected value")
        for x in exceptions:
            print(f"  exception: {x}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
