"""Parser and validator for the demo corpus sources (``source/*.txt``).

The demo corpus is written by hand as annotated prose, one file per story (``stories/*.txt``). Writing the
annotations inline, next to the words they describe, is what keeps the gold exact: offsets are computed here,
never typed by a person. ``build.py`` renders the parsed articles into each outlet's native format (plain-text
scrape, HTML, JSON Lines, WARC) and writes ``gold.json``.

Run ``python corpus_source.py stories/A1.txt`` to check a file; it prints every problem with its line number.

Markup (see WRITING.md for the full guide):
    [[surface|TYPE]]  or  [[surface|TYPE|canonical]]       entity mention (PER, ORG, LOC, MISC)
    {{title}}                                              title/descriptor of the NEXT entity
    {{<title}}                                             title/descriptor of the PREVIOUS entity (apposition)
    <q SPEAKER|KIND>content</q>  (optional |via=AGENCY)   quote; KIND direct|indirect
    <t VALUE|TYPE>surface</t>    (optional |c=false)      time expression; TYPE date|time|duration|set
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ENTITY_TYPES = {"PER", "ORG", "LOC", "MISC"}
TIME_TYPES = {"date", "time", "duration", "set"}
QUOTE_KINDS = {"direct", "indirect"}
ARTICLE_KEYS = {
    "outlet", "published", "story", "storyline", "title", "byline", "dateline", "credits", "copy",
    "kicker", "caption", "time", "slug", "lang",
}
DISPATCH_KEYS = {"agency", "date", "dateline"}
OUTLETS = {
    "الرائد أونلاين", "نبض الشام", "الوطن الحر", "بوابة النيل", "دجلة 24", "الخليج الآن", "عرب ووتش",
    "الأطلس بريس",
}
WEEKDAYS = {
    "الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الاربعاء": 2, "الخميس": 3, "الجمعة": 4,
    "السبت": 5, "الأحد": 6, "الاحد": 6,
}
HIJRI_MONTHS = {
    "محرم": 1, "صفر": 2, "ربيع الأول": 3, "ربيع الآخر": 4, "ربيع الثاني": 4, "جمادى الأولى": 5,
    "جمادى الآخرة": 6, "جمادى الثانية": 6, "رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10,
    "ذو القعدة": 11, "ذي القعدة": 11, "ذو الحجة": 12, "ذي الحجة": 12,
}
EASTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

_DATE = r"\d{4}(?:-\d{2}(?:-\d{2})?)?|\d{4}-W\d{2}|\d{4}-Q[1-4]"
_TIME = r"\d{4}-\d{2}-\d{2}T(?:\d{2}:\d{2}Z?|MO|AF|EV|NI)"
TIME_VALUE_RE = {
    # a named span of days is a date too: a Hijri month as its Gregorian days (issue 25)
    "date": re.compile(rf"^(?:{_DATE}|\d{{4}}-\d\d-\d\d/\d{{4}}-\d\d-\d\d)$"),
    "time": re.compile(rf"^(?:{_TIME})$"),
    "duration": re.compile(rf"^(?:P(?:\d+[YMWD])+(?:T\d+[HMS])?|PT\d+[HMS]|(?:{_DATE})/(?:{_DATE}))$"),
    "set": re.compile(r"^(?:XXXX-WXX-[1-7]|P1[DWMY]|XXXX-XX-XX)$"),
}
TOKEN_RE = re.compile(r"\[\[(.+?)\]\]|\{\{(<?)(.+?)\}\}|<q ([^<>]+)>|</q>|<t ([^<>]+)>|</t>")
FORBIDDEN = set("[]{}<>|")


@dataclass
class Span:
    kind: str                      # entity | quote | time
    start: int
    end: int
    text: str
    attrs: dict = field(default_factory=dict)


@dataclass
class Paragraph:
    text: str
    spans: list[Span]


@dataclass
class Dispatch:
    id: str
    meta: dict
    paragraphs: list[Paragraph]
    line: int


@dataclass
class Article:
    id: str
    meta: dict
    body_lines: list[tuple[int, str]]          # raw source lines of the body section (parsed later)
    comments: list[dict]
    line: int
    paragraphs: list[Paragraph] = field(default_factory=list)
    wire_parts: list[tuple[int, str]] = field(default_factory=list)  # (paragraph index, dispatch id)


@dataclass
class StoryFile:
    path: Path
    cast: dict[str, dict]
    dispatches: dict[str, Dispatch]
    articles: list[Article]
    errors: list[str]
    warnings: list[str]


def parse_markup(raw: str, where: str, errors: list[str]) -> Paragraph:
    """Turn one annotated paragraph into plain text plus spans with offsets into that text."""
    out: list[str] = []
    pos = 0
    length = 0
    spans: list[Span] = []
    entities: list[Span] = []
    titles: list[tuple[int, int, str, bool]] = []  # start, end, text, attaches_backwards
    open_q: tuple[int, dict] | None = None
    open_t: tuple[int, dict] | None = None
    for m in TOKEN_RE.finditer(raw):
        plain = raw[pos:m.start()]
        out.append(plain)
        length += len(plain)
        pos = m.end()
        tok = m.group(0)
        if m.group(1) is not None:
            parts = m.group(1).split("|")
            if len(parts) not in (2, 3):
                errors.append(f"{where}: entity needs [[surface|TYPE]] or [[surface|TYPE|canonical]]: {tok}")
                continue
            surface, etype = parts[0], parts[1].strip()
            canonical = parts[2].strip() if len(parts) == 3 else surface.strip()
            if etype not in ENTITY_TYPES:
                errors.append(f"{where}: unknown entity type {etype!r} in {tok}")
            if surface != surface.strip() or not surface:
                errors.append(f"{where}: entity surface has leading/trailing spaces: {tok}")
            span = Span("entity", length, length + len(surface), surface,
                        {"type": etype, "canonical": canonical, "titles": []})
            out.append(surface)
            length += len(surface)
            spans.append(span)
            entities.append(span)
        elif m.group(3) is not None:
            backwards = m.group(2) == "<"
            title = m.group(3)
            if title != title.strip() or not title:
                errors.append(f"{where}: title has leading/trailing spaces: {tok}")
            titles.append((length, length + len(title), title, backwards))
            out.append(title)
            length += len(title)
        elif tok.startswith("<q "):
            if open_q is not None:
                errors.append(f"{where}: nested or unclosed <q>")
            parts = m.group(4).split("|")
            attrs = {"speaker": parts[0].strip(), "kind": parts[1].strip() if len(parts) > 1 else ""}
            for extra in parts[2:]:
                key, _, value = extra.partition("=")
                attrs[key.strip()] = value.strip()
            if attrs["kind"] not in QUOTE_KINDS:
                errors.append(f"{where}: quote kind must be direct or indirect: {tok}")
            if not attrs["speaker"]:
                errors.append(f"{where}: quote without speaker: {tok}")
            open_q = (length, attrs)
        elif tok == "</q>":
            if open_q is None:
                errors.append(f"{where}: </q> without <q>")
                continue
            start, attrs = open_q
            spans.append(Span("quote", start, length, "", attrs))
            open_q = None
        elif tok.startswith("<t "):
            if open_t is not None:
                errors.append(f"{where}: nested or unclosed <t>")
            parts = m.group(5).split("|")
            attrs = {"value": parts[0].strip(), "type": parts[1].strip() if len(parts) > 1 else "",
                     "consistent": True}
            for extra in parts[2:]:
                key, _, value = extra.partition("=")
                if key.strip() == "c":
                    attrs["consistent"] = value.strip().lower() != "false"
            open_t = (length, attrs)
        elif tok == "</t>":
            if open_t is None:
                errors.append(f"{where}: </t> without <t>")
                continue
            start, attrs = open_t
            spans.append(Span("time", start, length, "", attrs))
            open_t = None
    tail = raw[pos:]
    out.append(tail)
    text = "".join(out)
    if open_q is not None:
        errors.append(f"{where}: <q> not closed")
    if open_t is not None:
        errors.append(f"{where}: <t> not closed")
    bad = FORBIDDEN.intersection(text)
    if bad:
        errors.append(f"{where}: stray markup characters {''.join(sorted(bad))} left in text: {text[:80]}…")
    for span in spans:
        span.text = text[span.start:span.end]
        if span.kind == "quote":
            core = span.text.strip()
            if not core:
                errors.append(f"{where}: empty quote")
            elif core != span.text:
                errors.append(f"{where}: quote content has leading/trailing spaces: «{span.text[:40]}»")
            if span.attrs.get("kind") == "direct" and span.text[:1] in "“«\"″":
                errors.append(f"{where}: put the quotation marks OUTSIDE <q>…</q>: «{span.text[:40]}»")
        if span.kind == "time":
            _check_time(span, where, errors)
    _attach_titles(text, titles, entities, where, errors)
    spans.sort(key=lambda s: (s.start, -s.end))
    return Paragraph(text, spans)


def _attach_titles(text: str, titles, entities: list[Span], where: str, errors: list[str]) -> None:
    for start, end, title, backwards in titles:
        if backwards:
            prev = [e for e in entities if e.end <= start]
            target = prev[-1] if prev else None
            gap = text[target.end:start] if target else None
        else:
            nxt = [e for e in entities if e.start >= end]
            target = nxt[0] if nxt else None
            gap = text[end:target.start] if target else None
        if target is None or gap is None or len(gap) > 4 or re.search(r"\w", gap):
            errors.append(f"{where}: title {{{{{title}}}}} is not next to an entity (gap {gap!r})")
            continue
        target.attrs["titles"].append(title)
        if not backwards and gap.strip() == "":
            target.attrs["title_start"] = start


def _check_time(span: Span, where: str, errors: list[str]) -> None:
    value, ttype = span.attrs["value"], span.attrs["type"]
    if ttype not in TIME_TYPES:
        errors.append(f"{where}: time type must be one of {sorted(TIME_TYPES)}: {span.text}")
        return
    if not TIME_VALUE_RE[ttype].match(value):
        errors.append(f"{where}: time value {value!r} does not fit type {ttype} ({span.text})")
        return
    full = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value)
    if full and ttype in ("date", "time"):
        try:
            day = dt.date(int(full.group(1)), int(full.group(2)), int(full.group(3)))
        except ValueError:
            errors.append(f"{where}: impossible date {value}")
            return
        hits = [(m.start(), wd) for name, wd in WEEKDAYS.items()
                for m in re.finditer(rf"(?<!\w)[وفب]?{name}(?!\w)", span.text)]
        named = [wd for _, wd in sorted(hits)]   # the first weekday in the text is the one the date names
        if named and named[0] != day.weekday() and span.attrs["consistent"]:
            errors.append(f"{where}: weekday in «{span.text}» does not match {value} "
                          f"(that date is weekday {day.weekday()}, 0=Monday); fix it or mark |c=false")
        if named and named[0] == day.weekday() and not span.attrs["consistent"]:
            errors.append(f"{where}: «{span.text}» is marked c=false but the weekday matches {value}")
        _check_hijri(span, day, where, errors)


def _check_hijri(span: Span, day: dt.date, where: str, errors: list[str]) -> None:
    text = span.text.translate(EASTERN_DIGITS)
    for name, month in HIJRI_MONTHS.items():
        m = re.search(rf"(\d{{1,2}})\s+{name}\s+(\d{{4}})", text)
        if m:
            try:
                from hijridate import Hijri
            except ImportError:  # the check is a convenience for writers; the build does not need it
                return
            greg = Hijri(int(m.group(2)), month, int(m.group(1))).to_gregorian()
            if dt.date(greg.year, greg.month, greg.day) != day:
                errors.append(f"{where}: Hijri «{m.group(0)}» is {greg.isoformat()} (Umm al-Qura), "
                              f"not {day.isoformat()}")
            return


def _parse_meta(line: str) -> tuple[str, str] | None:
    m = re.match(r"^([a-z_]+):\s*(.*)$", line)
    return (m.group(1), m.group(2).strip()) if m else None


def parse_file(path: Path) -> StoryFile:
    errors: list[str] = []
    warnings: list[str] = []
    cast: dict[str, dict] = {}
    dispatches: dict[str, Dispatch] = {}
    articles: list[Article] = []
    lines = path.read_text(encoding="utf-8").split("\n")
    block = None  # ("cast"|"dispatch"|"article", obj)
    section = "meta"
    for n, line in enumerate(lines, 1):
        where = f"{path.name}:{n}"
        if line.startswith("#"):
            continue
        head = re.match(r"^=== (cast|dispatch|article)(?: (\S+))?\s*$", line)
        if head:
            kind, ident = head.group(1), head.group(2)
            section = "meta"
            if kind == "cast":
                block = ("cast", None)
            elif not ident:
                errors.append(f"{where}: {kind} needs an id")
                block = None
            elif kind == "dispatch":
                if ident in dispatches:
                    errors.append(f"{where}: duplicate dispatch id {ident}")
                obj = Dispatch(ident, {}, [], n)
                obj.meta["_body"] = []
                dispatches[ident] = obj
                block = ("dispatch", obj)
            else:
                if any(a.id == ident for a in articles):
                    errors.append(f"{where}: duplicate article id {ident}")
                obj = Article(ident, {}, [], [], n)
                articles.append(obj)
                block = ("article", obj)
            continue
        if block is None:
            if line.strip():
                errors.append(f"{where}: text outside any block")
            continue
        kind, obj = block
        if line.startswith("--- "):
            section = line[4:].strip()
            allowed = {"dispatch": {"body"}, "article": {"body", "comments"}, "cast": set()}[kind]
            if section not in allowed:
                errors.append(f"{where}: unknown section {section!r} for {kind}")
            continue
        if kind == "cast":
            if line.strip():
                parts = [p.strip() for p in line.split("|")]
                if len(parts) < 2 or parts[1] not in ENTITY_TYPES:
                    errors.append(f"{where}: cast line must be 'canonical | TYPE | note'")
                else:
                    cast[parts[0]] = {"type": parts[1], "note": parts[2] if len(parts) > 2 else ""}
            continue
        if section == "meta":
            if not line.strip():
                continue
            kv = _parse_meta(line)
            keys = ARTICLE_KEYS if kind == "article" else DISPATCH_KEYS
            if not kv or kv[0] not in keys:
                errors.append(f"{where}: expected 'key: value' with key in {sorted(keys)}")
                continue
            obj.meta[kv[0]] = kv[1]
        elif section == "body":
            if kind == "dispatch":
                obj.meta["_body"].append((n, line))
            else:
                obj.body_lines.append((n, line))
        elif section == "comments":
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|", 2)]
            if len(parts) != 3:
                errors.append(f"{where}: comment must be 'author | YYYY-MM-DD HH:MM | text'")
                continue
            obj.comments.append({"author": parts[0], "date": parts[1], "text": parts[2]})
    for d in dispatches.values():
        d.paragraphs = [parse_markup(text, f"{path.name}:{n}", errors) for n, text in _paragraphs(d.meta.pop("_body"))]
        if not d.paragraphs:
            errors.append(f"{path.name}:{d.line}: dispatch {d.id} has no body")
        for key in ("agency", "date"):
            if key not in d.meta:
                errors.append(f"{path.name}:{d.line}: dispatch {d.id} lacks '{key}:'")
    for a in articles:
        _finish_article(a, path, dispatches, errors)
    _check_consistency(path, cast, dispatches, articles, errors, warnings)
    return StoryFile(path, cast, dispatches, articles, errors, warnings)


def _paragraphs(numbered: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Paragraphs are single source lines; blank lines separate them and are otherwise ignored."""
    return [(n, text.strip()) for n, text in numbered if text.strip()]


def _finish_article(a: Article, path: Path, dispatches: dict[str, Dispatch], errors: list[str]) -> None:
    where = f"{path.name}:{a.line}"
    for key in ("outlet", "published", "story", "storyline", "title"):
        if key not in a.meta:
            errors.append(f"{where}: article {a.id} lacks '{key}:'")
    if a.meta.get("outlet") and a.meta["outlet"] not in OUTLETS:
        errors.append(f"{where}: unknown outlet {a.meta['outlet']!r}; use one of {sorted(OUTLETS)}")
    try:
        dt.date.fromisoformat(a.meta.get("published", ""))
    except ValueError:
        errors.append(f"{where}: published must be YYYY-MM-DD")
    for n, text in _paragraphs(a.body_lines):
        wire = re.match(r"^@wire (\S+)(?: (\d+)-(\d+))?$", text)
        if wire:
            d = dispatches.get(wire.group(1))
            if d is None:
                errors.append(f"{path.name}:{n}: unknown dispatch {wire.group(1)}")
                continue
            lo = int(wire.group(2) or 1)
            hi = int(wire.group(3) or len(d.paragraphs))
            if not 1 <= lo <= hi <= len(d.paragraphs):
                errors.append(f"{path.name}:{n}: range {lo}-{hi} outside dispatch {d.id} (1-{len(d.paragraphs)})")
                continue
            for p in d.paragraphs[lo - 1:hi]:
                a.wire_parts.append((len(a.paragraphs), d.id))
                a.paragraphs.append(p)
            continue
        a.paragraphs.append(parse_markup(text, f"{path.name}:{n}", errors))
    if not a.paragraphs:
        errors.append(f"{where}: article {a.id} has no body")
    copy = a.meta.get("copy")
    if copy and not re.match(r"^(exact|near) \S+$", copy):
        errors.append(f"{where}: copy must be 'exact ARTICLE_ID' or 'near ARTICLE_ID'")


def _check_consistency(path, cast, dispatches, articles, errors, warnings) -> None:
    ids = {a.id for a in articles}
    global_cast = load_global_cast(path.parent)
    known = {**global_cast, **cast}
    for a in articles:
        copy = a.meta.get("copy")
        if copy:
            target = copy.split()[1]
            if target not in ids:
                warnings.append(f"{path.name}:{a.line}: copy target {target} is not in this file")
        for p in a.paragraphs:
            for s in p.spans:
                if s.kind == "entity" and s.attrs["type"] == "PER" and s.attrs["canonical"] not in known:
                    errors.append(f"{path.name}:{a.line}: person {s.attrs['canonical']!r} ({a.id}) is not in the "
                                  f"cast; add it to '=== cast' or fix the canonical name")
                if s.kind == "quote" and s.attrs["speaker"] not in known:
                    entity_canon = {x.attrs["canonical"] for q in a.paragraphs for x in q.spans if x.kind == "entity"}
                    if s.attrs["speaker"] not in entity_canon:
                        warnings.append(f"{path.name}: quote speaker {s.attrs['speaker']!r} in {a.id} is neither in "
                                        f"the cast nor an entity of the article (fine for anonymous sources)")


def load_global_cast(source_dir: Path) -> dict[str, dict]:
    cast: dict[str, dict] = {}
    f = source_dir / "cast.txt"
    if f.exists():
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                parts = [p.strip() for p in line.split("|")]
                if len(parts) >= 2:
                    cast[parts[0]] = {"type": parts[1], "note": parts[2] if len(parts) > 2 else ""}
    return cast


def main(argv: list[str]) -> int:
    status = 0
    for arg in argv:
        if Path(arg).name == "cast.txt":
            continue
        sf = parse_file(Path(arg))
        words = sum(len(p.text.split()) for a in sf.articles for p in a.paragraphs)
        counts = {k: sum(1 for a in sf.articles for p in a.paragraphs for s in p.spans if s.kind == k)
                  for k in ("entity", "quote", "time")}
        print(f"{arg}: {len(sf.articles)} articles, {len(sf.dispatches)} dispatches, {words} words, "
              f"{counts['entity']} entities, {counts['quote']} quotes, {counts['time']} times")
        for w in sf.warnings:
            print("  warning:", w)
        for e in sf.errors:
            print("  ERROR:", e)
        status |= bool(sf.errors)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
