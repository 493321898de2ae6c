"""Render the annotated stories into the demo corpus and its gold.

    python examples/demo_source/build.py            # writes examples/demo_corpus/
    python examples/demo_source/build.py --check    # fails if the committed corpus differs from a fresh build

Each outlet gets its native format and its own site chrome, the way a scraper would have saved its pages:
plain-text scrapes (menus, view counters, related links, comment forms, reader comments), HTML pages (meta
tags, JSON-LD, navigation, share bars, inline "read also" teasers, comment sections), one JSON Lines dump and
one WARC crawl. The chrome wording varies per page (seeded by the article id), so nothing is learned from a
single fixed template. The gold records, per article, everything the build knows for certain: the role of
every line of a text scrape, the clean body, comments, metadata, and the entity, quote and time spans with
offsets into the gold body; plus duplicate / wire-copy pairs and story / storyline membership.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import gzip
import hashlib
import html
import json
import random
import re
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from corpus_source import Article, parse_file  # noqa: E402

OUT = HERE.parent / "demo_corpus"
EASTERN = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

OUTLETS = {
    "الرائد أونلاين": {"slug": "alraed-online", "domain": "www.alraed-online.dz", "fmt": "text", "months": "maghreb"},
    "نبض الشام": {"slug": "nabd-alsham", "domain": "nabdalsham.net", "fmt": "text", "months": "levant"},
    "الوطن الحر": {"slug": "alwatan-alhurr", "domain": "alwatan-alhurr.ly", "fmt": "text", "months": "egypt"},
    "بوابة النيل": {"slug": "bawabat-alnil", "domain": "www.bawabat-alnil.com", "fmt": "html", "months": "egypt"},
    "دجلة 24": {"slug": "dijla24", "domain": "dijla24.iq", "fmt": "html", "months": "levant"},
    "الخليج الآن": {"slug": "alkhaleej-alaan", "domain": "www.alkhaleej-alaan.ae", "fmt": "jsonl", "months": "egypt"},
    "عرب ووتش": {"slug": "arabwatch", "domain": "www.arabwatch.co.uk", "fmt": "warc", "months": "pair"},
    "الأطلس بريس": {"slug": "atlaspress", "domain": "atlaspress.ma", "fmt": "warc", "months": "morocco"},
}
MONTHS = {
    "egypt": ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس",
              "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"],
    "levant": ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول",
               "تشرين الثاني", "كانون الأول"],
    "maghreb": ["جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت",
                "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"],
    "morocco": ["يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت",
                "شتنبر", "أكتوبر", "نونبر", "دجنبر"],
}
WEEKDAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]
SECTIONS = {"A": "سياسة", "B": "مجتمع", "C": "مجتمع", "D": "رياضة", "E": "صحة", "F": "اقتصاد", "G": "سياسة",
            "H": "تكنولوجيا", "I": "سياسة"}


@dataclass
class Rendered:
    path: str                      # relative to OUT
    raw: bytes                     # the document's own bytes (file, JSON line, or WARC payload)
    locator: str | None
    url: str | None
    lines: list[dict] | None       # gold line roles (text scrapes and JSON bodies)


@dataclass
class Item:
    art: Article
    story_file: str
    body: str = ""
    spans: list[dict] = field(default_factory=list)
    order: int = 0
    dateline: dict | None = None


# -- helpers ----------------------------------------------------------------------------------------------
def rng_for(art_id: str) -> random.Random:
    return random.Random(int(hashlib.sha1(art_id.encode()).hexdigest()[:12], 16))


def date_of(a: Article) -> dt.date:
    return dt.date.fromisoformat(a.meta["published"])


def time_of(a: Article, r: random.Random) -> str:
    return a.meta.get("time") or f"{r.randint(7, 22):02d}:{r.choice(['05', '12', '20', '31', '43', '50'])}"


def human_date(d: dt.date, family: str, with_weekday: bool = True) -> str:
    month = MONTHS["egypt" if family == "pair" else family][d.month - 1]
    if family == "pair":
        month = f"{MONTHS['egypt'][d.month - 1]}/{MONTHS['levant'][d.month - 1]}"
    s = f"{d.day} {month} {d.year}"
    return f"{WEEKDAYS[d.weekday()]} {s}" if with_weekday else s


def credits_list(a: Article) -> list[str]:
    """Credits as printed, split into agencies: "واس ووكالات" → ["واس", "وكالات"], "سبوتنيك + سبأ" → two."""
    raw = a.meta.get("credits", "").strip()
    if not raw:
        return []
    raw = re.sub(r"^(المصدر|مصدر)\s*[:：]\s*", "", raw)
    out = []
    for part in re.split(r"\s*[،,/+]\s*", raw):
        words = part.split()
        # "X وY": split at a conjunction only when what follows is itself an agency name
        for i in range(1, len(words)):
            if words[i].startswith("و") and " ".join([words[i][1:]] + words[i + 1:]) in WIRE_AGENCIES:
                out += [" ".join(words[:i]), " ".join([words[i][1:]] + words[i + 1:])]
                break
        else:
            out.append(part.strip())
    return [p for p in out if p]


def dateline_of(a: Article) -> dict | None:
    d = a.meta.get("dateline")
    if not d:
        return None
    place, _, agency = [x.strip() for x in d.partition("|")]
    return {"place": place or None, "agency": agency or None}


def story_group(story: str) -> str:
    return story[0]


def related_titles(a: Article, pool: list[Article], r: random.Random, n: int) -> list[str]:
    same = [x for x in pool if x.meta["outlet"] == a.meta["outlet"] and x.id != a.id and date_of(x) <= date_of(a)]
    other = [x for x in pool if x.id != a.id and date_of(x) <= date_of(a)]
    cands = same if len(same) >= n else other
    r.shuffle(cands := list(cands))
    return [x.meta["title"] for x in cands[:n]]


def article_number(a: Article) -> int:
    return 100000 + int(hashlib.sha1(a.id.encode()).hexdigest()[:6], 16) % 800000


# -- body and gold spans ----------------------------------------------------------------------------------
WIRE_AGENCIES = {"أ ف ب", "رويترز", "الأناضول", "سبوتنيك", "إنترفاكس", "أ ش أ", "واس", "وام", "قنا", "بترا",
                 "ريا نوفوستي", "سبأ", "وكالات", "فرانس برس"}
DATELINE_STYLE = {   # how each outlet prints its own dateline at the head of the article
    "الرائد أونلاين": "{place} - {agency}: ", "نبض الشام": "{place} - {agency}: ",
    "بوابة النيل": "{place} - {agency}: ",
    "دجلة 24": "{place} - {agency}: ", "الخليج الآن": "{place} - {agency}: ", "عرب ووتش": "{place} – {agency}: ",
    "الأطلس بريس": "{place} - {agency}: ",
}


INLINE_DATELINE = re.compile(r"^\s*(?P<place>[^\s():–\-]+(?:\s+[^\s():–\-]+){0,2})\s*(?:\((?P<a1>[^()]{1,30})\)\s*[-–]"
                             r"|[-–]\s*\(?(?P<a2>[^():–\-]{1,30}?)\)?\s*:)")


def printed_dateline(a: Article) -> tuple[str, dict | None]:
    """(prefix to print at the head of the body, the dateline the page shows). A dateline the writer typed
    inline wins; else the article's dateline is printed: in wire style for agencies, in house style otherwise,
    and on a line of its own at الوطن الحر."""
    first = a.paragraphs[0].text if a.paragraphs else ""
    m = INLINE_DATELINE.match(first)
    if m:
        return "", {"place": m.group("place"), "agency": (m.group("a1") or m.group("a2")).strip()}
    dl = dateline_of(a)
    if not dl or not dl["place"]:
        return "", None
    if a.meta["outlet"] == "الوطن الحر":
        return "", dl
    agency = dl["agency"] or a.meta["outlet"]
    if agency in WIRE_AGENCIES:
        return f"{dl['place']} ({agency}) - ", {"place": dl["place"], "agency": agency}
    return (DATELINE_STYLE[a.meta["outlet"]].format(place=dl["place"], agency=agency),
            {"place": dl["place"], "agency": agency})


def assemble(item: Item) -> None:
    """The gold body: paragraphs joined by newlines (the printed dateline included); spans in body offsets."""
    parts, spans, pos = [], [], 0
    prefix, item.dateline = printed_dateline(item.art)
    for k, p in enumerate(item.art.paragraphs):
        lead = prefix if k == 0 else ""
        parts.append(lead + p.text)
        for s in p.spans:
            d = {**s.attrs, "span": s.kind, "start": pos + len(lead) + s.start, "end": pos + len(lead) + s.end,
                 "text": s.text}
            if "title_start" in d:
                d["title_start"] += pos + len(lead)
            spans.append(d)
        pos += len(lead) + len(p.text) + 1
    item.body = "\n".join(parts)
    item.spans = spans


def gold_entities(item: Item) -> list[dict]:
    out = []
    for s in item.spans:
        if s["span"] != "entity":
            continue
        start = s.get("title_start", s["start"])
        title = s["titles"][0] if s.get("title_start") is not None else None
        out.append({"text": item.body[start:s["end"]], "start": start, "end": s["end"], "type": s["type"],
                    "name": s["text"], "name_start": s["start"], "title": title, "titles": s["titles"],
                    "canonical": s["canonical"]})
    return out


def gold_quotes(item: Item) -> list[dict]:
    return [{"speaker": s["speaker"], "kind": s["kind"], "content": s["text"], "start": s["start"], "end": s["end"],
             "via": s.get("via")} for s in item.spans if s["span"] == "quote"]


def gold_times(item: Item) -> list[dict]:
    return [{"text": s["text"], "start": s["start"], "end": s["end"], "value": s["value"], "type": s["type"],
             "consistent": s["consistent"]} for s in item.spans if s["span"] == "time"]


# -- plain-text scrapes -----------------------------------------------------------------------------------
class Lines:
    """Builds a text file line by line, remembering each line's role."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str | None]] = []

    def add(self, text: str, role: str | None) -> None:
        self.rows.append((text, role))

    def blank(self) -> None:
        self.rows.append(("", None))

    def render(self) -> tuple[str, list[dict]]:
        text = "\n".join(t for t, _ in self.rows)
        roles = [{"n": i + 1, "role": role} for i, (t, role) in enumerate(self.rows) if t.strip()]
        return text, roles


def body_lines(L: Lines, item: Item, r: random.Random, teaser_pool: list[str], blank_between: bool,
               indent: str = "") -> None:
    paras = item.body.split("\n")
    teaser_at = r.randint(2, max(2, len(paras) - 2)) if len(paras) > 4 and teaser_pool and r.random() < 0.6 else None
    for i, p in enumerate(paras):
        if i == teaser_at:
            L.add(f"{r.choice(['اقرأ أيضا:', 'اقرأ أيضاً:', 'طالع أيضا:'])} {teaser_pool[0]}", "boilerplate")
            if blank_between:
                L.blank()
        L.add(indent + p, "body")
        if blank_between:
            L.blank()


def comments_block(L: Lines, a: Article, r: random.Random, style: str) -> list[dict]:
    gold = []
    if style == "raed":
        L.add(r.choice(["أضف تعليقك", "أضف تعليقاً", "شاركنا رأيك"]), "boilerplate")
        L.blank()
        L.add(r.choice(["جميع الخانات إجبارية، ولن يُنشر بريدك الإلكتروني. نرجو احترام ميثاق التعليق في الموقع.",
                        "كل الحقول مطلوبة ولن يظهر بريدك الإلكتروني للعموم. "
                        "يرجى الالتزام بآداب الحوار."]), "boilerplate")
        L.blank()
        if a.comments:
            L.add(r.choice(["التعليقات", "تعليقات القراء"]), "boilerplate")
            L.add(str(len(a.comments)), "boilerplate")
            for c in a.comments:
                L.add(f"  • {c['author']}", "comment")
                L.blank()
                L.add(f"    {c['text']}", "comment")
                L.blank()
                gold.append({"author": c["author"], "text": c["text"], "date": None})
    elif style == "watan":
        if a.comments:
            L.add(f"تعليقات ({len(a.comments)})", "boilerplate")
            L.blank()
            for c in a.comments:
                d = dt.datetime.strptime(c["date"], "%Y-%m-%d %H:%M")
                stamp = f"{d.day:02d}/{d.month:02d}/{d.year} {d:%H:%M}"
                L.add(f"{c['author']} | {stamp}", "comment")
                L.add(c["text"], "comment")
                L.blank()
                gold.append({"author": c["author"], "text": c["text"], "date": stamp})
        L.add(r.choice(["أضف تعليقاً", "اترك تعليقاً"]), "boilerplate")
        L.blank()
        L.add(r.choice(["بريدك الإلكتروني لن يظهر للعموم. الخانات المطلوبة مشار إليها بنجمة *",
                        "لن يتم نشر عنوان بريدك الإلكتروني. الخانات الإلزامية عليها علامة *"]), "boilerplate")
        L.blank()
    return gold


def render_raed(item: Item, pool: list[Article]) -> tuple[str, list[dict], list[dict]]:
    a, r = item.art, rng_for(item.art.id)
    L = Lines()
    if r.random() < 0.5:
        L.add("-- -- -- / -- -- --", "boilerplate")
    L.add(r.choice(["الرئيسية", "الرئيسية / " + SECTIONS[story_group(a.meta["story"])]]), "boilerplate")
    L.add(SECTIONS[story_group(a.meta["story"])] if r.random() < 0.5 else "دولي", "boilerplate")
    if a.meta.get("kicker"):
        L.add(a.meta["kicker"], "boilerplate")
    L.blank()
    L.add(a.meta["title"], "title")
    L.blank()
    L.add("الرائد أونلاين", "boilerplate")
    d = date_of(a)
    L.add(f"نُشر في: {d.day:02d} {MONTHS['maghreb'][d.month - 1]} {d.year} - {time_of(a, r)}", "boilerplate")
    L.add(f"  • {r.randint(800, 42000)}", "boilerplate")
    L.add(f"  • {len(a.comments)}", "boilerplate")
    L.add(a.meta["title"], "title")
    if a.meta.get("caption"):
        L.add(r.choice(["أرشيف", "صورة: أرشيف", "الصورة من الأرشيف"]), "boilerplate")
        L.add(a.meta["caption"], "boilerplate")
    L.blank()
    body_lines(L, item, r, related_titles(a, pool, r, 1), blank_between=True)
    if a.meta.get("byline"):
        L.add(a.meta["byline"], "boilerplate")
    L.blank()
    if a.meta.get("credits"):
        L.add(f"({a.meta['credits']})" if r.random() < 0.5 else a.meta["credits"], "boilerplate")
    comments = comments_block(L, a, r, "raed")
    L.add(r.choice(["مواضيع ذات صلة", "مقالات ذات صلة"]), "boilerplate")
    for t in related_titles(a, pool, r, 3):
        L.add(t, "boilerplate")
    L.add("جميع الحقوق محفوظة © الرائد أونلاين 2024", "boilerplate")
    text, roles = L.render()
    return text, roles, comments


def render_nabd(item: Item, pool: list[Article]) -> tuple[str, list[dict], list[dict]]:
    a, r = item.art, rng_for(item.art.id)
    L = Lines()
    L.add("نبض الشام", "boilerplate")
    L.add(r.choice(["الرئيسية | سياسة | اقتصاد | رياضة | منوعات | صحة", "الرئيسية سياسة اقتصاد رياضة صحة تكنولوجيا"]),
          "boilerplate")
    L.add(r.choice(["عاجل", "آخر الأخبار", SECTIONS[story_group(a.meta["story"])]]), "boilerplate")
    L.blank()
    L.add(a.meta["title"], "title")
    d = date_of(a)
    L.add(f"{human_date(d, 'levant')} | {time_of(a, r)}", "boilerplate")
    if a.meta.get("caption"):
        L.add(a.meta["caption"], "boilerplate")
    L.blank()
    body_lines(L, item, r, [], blank_between=True)
    if a.meta.get("credits"):
        L.add(f"المصدر: {a.meta['credits']}" if not a.meta["credits"].startswith("المصدر") else a.meta["credits"],
              "boilerplate")
        L.blank()
    L.add("الوسوم", "boilerplate")
    tags = sorted({s["canonical"] for s in item.spans if s["span"] == "entity" and s["type"] in ("LOC", "ORG")})[:4]
    L.add("   ".join(tags) or "أخبار", "boilerplate")
    L.blank()
    L.add(r.choice(["مقالات ذات صلة", "قد يهمك أيضاً"]), "boilerplate")
    L.blank()
    for t in related_titles(a, pool, r, 3):
        L.add(t, "boilerplate")
        L.blank()
    L.add(r.choice(["زر الذهاب إلى الأعلى", "العودة إلى الأعلى"]), "boilerplate")
    L.add("© 2024 نبض الشام. جميع الحقوق محفوظة", "boilerplate")
    text, roles = L.render()
    return text, roles, []


def render_watan(item: Item, pool: list[Article]) -> tuple[str, list[dict], list[dict]]:
    a, r = item.art, rng_for(item.art.id)
    L = Lines()
    L.add(r.choice(["محلي", "ليبيا", "دولي", "أخبار"]), "boilerplate")
    L.blank()
    L.add(a.meta["title"], "title")
    L.blank()
    dl = dateline_of(a)
    if dl:
        L.add(f"{dl['agency']} – {dl['place']}", "boilerplate")
    d = date_of(a)
    if r.random() < 0.7:
        L.add(f"{d.year}/{d.month:02d}/{d.day:02d}", "boilerplate")
    body_lines(L, item, r, related_titles(a, pool, r, 1), blank_between=True)
    if a.meta.get("credits"):
        L.add(f"المصدر: {a.meta['credits']}", "boilerplate")
        L.blank()
    L.add(r.choice(["شارك هذا الخبر", "شارك"]), "boilerplate")
    L.add("فيسبوك   تويتر   واتساب   تيليجرام", "boilerplate")
    L.blank()
    L.add(r.choice(["أخبار ذات صلة", "مقالات ذات صلة"]), "boilerplate")
    for t in related_titles(a, pool, r, 2):
        L.add(t, "boilerplate")
    L.blank()
    comments = comments_block(L, a, r, "watan")
    L.add(r.choice(["العودة إلى أعلى الصفحة", "زر الذهاب إلى الأعلى"]), "boilerplate")
    L.add("إغلاق", "boilerplate")
    text, roles = L.render()
    return text, roles, comments


# -- HTML pages -------------------------------------------------------------------------------------------
def esc(s: str) -> str:
    return html.escape(s, quote=True)


def is_subhead(p: str) -> bool:
    return len(p.split()) <= 8 and p.rstrip().endswith(":")


def html_paragraphs(item: Item, r: random.Random, teaser: str | None, teaser_href: str, subhead_tag: str) -> str:
    paras = item.body.split("\n")
    at = r.randint(2, max(2, len(paras) - 2)) if teaser and len(paras) > 4 else None
    out = []
    for i, p in enumerate(paras):
        if i == at:
            out.append(f'<p class="read-also"><strong>اقرأ أيضا:</strong> '
                       f'<a href="{teaser_href}">{esc(teaser)}</a></p>')
        if is_subhead(p):
            out.append(f"<{subhead_tag}>{esc(p)}</{subhead_tag}>" if subhead_tag != "strong"
                       else f"<p><strong>{esc(p)}</strong></p>")
        else:
            out.append(f"<p>{esc(p)}</p>")
    return "\n".join(out)


def jsonld(a: Article, url: str, iso: str) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": a.meta["title"],
            "datePublished": iso, "mainEntityOfPage": url,
            "publisher": {"@type": "Organization", "name": a.meta["outlet"]}}
    if a.meta.get("byline"):
        data["author"] = {"@type": "Person", "name": re.sub(r"^(كتب|بقلم|إعداد)\s*[:：]\s*", "", a.meta["byline"])}
    return json.dumps(data, ensure_ascii=False)


def render_nil(item: Item, pool: list[Article], url: str) -> tuple[str, list[dict]]:
    a, r = item.art, rng_for(item.art.id)
    d = date_of(a)
    t = time_of(a, r)
    iso = f"{d.isoformat()}T{t}:00+02:00"
    rel = related_titles(a, pool, r, 5)
    comments_html, gold_c = "", []
    if a.comments:
        items = []
        for c in a.comments:
            cd = dt.datetime.strptime(c["date"], "%Y-%m-%d %H:%M")
            items.append(f'<div class="comment"><div class="comment-meta">'
                         f'<span class="comment-author">{esc(c["author"])}</span>'
                         f'<time datetime="{cd.isoformat()}">{cd:%d/%m/%Y %H:%M}</time></div>'
                         f'<p class="comment-text">{esc(c["text"])}</p><a class="reply" href="#">رد</a></div>')
            gold_c.append({"author": c["author"], "text": c["text"], "date": cd.isoformat()})
        comments_html = (f'<section id="comments" class="comments"><h3>التعليقات ({len(a.comments)})</h3>'
                         + "".join(items) + "</section>")
    caption = (f'<figure class="main-image"><img src="/images/{article_number(a)}.jpg" alt="">'
               f'<figcaption>{esc(a.meta["caption"])}</figcaption></figure>') if a.meta.get("caption") else ""
    byline = f'<p class="writer">{esc(a.meta["byline"])}</p>' if a.meta.get("byline") else ""
    credit = f'<p class="source">المصدر: {esc(a.meta["credits"])}</p>' if a.meta.get("credits") else ""
    page = f"""<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<title>{esc(a.meta['title'])} - بوابة النيل</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:site_name" content="بوابة النيل">
<meta property="og:title" content="{esc(a.meta['title'])}">
<meta property="og:type" content="article">
<meta property="og:url" content="{url}">
<meta property="article:published_time" content="{iso}">
<link rel="canonical" href="{url}">
<link rel="stylesheet" href="/static/css/main.css">
<script type="application/ld+json">{jsonld(a, url, iso)}</script>
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments);}}</script>
</head>
<body>
<header class="site-header">
<div class="top-bar"><span class="today">{human_date(d, 'egypt')}</span> <a href="/login">تسجيل الدخول</a></div>
<a class="logo" href="/"><img src="/static/logo.png" alt="بوابة النيل"></a>
<nav class="main-nav"><ul><li><a href="/">الرئيسية</a></li><li><a href="/news">أخبار</a></li>\
<li><a href="/politics">سياسة</a></li>
<li><a href="/economy">اقتصاد</a></li><li><a href="/sports">رياضة</a></li>\
<li><a href="/arab">عربى ودولى</a></li><li><a href="/video">فيديو</a></li></ul></nav>
<div class="breaking"><span>عاجل</span> <a href="#">{esc(rel[0] if rel else a.meta['title'])}</a></div>
</header>
<main>
<div class="breadcrumb"><a href="/">الرئيسية</a> » <a href="/arab">عربى ودولى</a> » \
<span>{esc(SECTIONS[story_group(a.meta['story'])])}</span></div>
<article class="article-page">
<h1 class="article-title">{esc(a.meta['title'])}</h1>
{byline}
<div class="article-date"><time datetime="{iso}">{human_date(d, 'egypt')} {t}</time></div>
<div class="share"><a href="#">فيسبوك</a> <a href="#">تويتر</a> <a href="#">واتساب</a> <a href="#">نسخ الرابط</a></div>
{caption}
<div class="article-body">
{html_paragraphs(item, r, rel[1] if len(rel) > 1 else None, "/news/" + str(article_number(a) - 7), "h3")}
{credit}
</div>
<div class="tags"><span>الكلمات المفتاحية:</span> {' '.join(f'<a href="/tag/{i}">{esc(x)}</a>' for i, x in enumerate(
    sorted({s['canonical'] for s in item.spans if s['span'] == 'entity' and s['type'] == 'LOC'})[:4]))}</div>
</article>
{comments_html}
<aside class="most-read"><h2>الأكثر قراءة</h2><ul>\
{''.join(f'<li><a href="/news/{article_number(a) - 3 - i}">{esc(x)}</a></li>'
         for i, x in enumerate(rel[2:5]))}</ul></aside>
</main>
<footer><p>جميع الحقوق محفوظة لبوابة النيل © 2024</p>\
<a href="/privacy">سياسة الخصوصية</a> <a href="/contact">اتصل بنا</a></footer>
</body>
</html>
"""
    return page, gold_c


def render_dijla(item: Item, pool: list[Article], url: str) -> tuple[str, list[dict]]:
    a, r = item.art, rng_for(item.art.id)
    d = date_of(a)
    t = time_of(a, r)
    iso = f"{d.isoformat()}T{t}:00+03:00"
    rel = related_titles(a, pool, r, 4)
    months = f"{MONTHS['levant'][d.month - 1]}/{MONTHS['egypt'][d.month - 1]}"
    credit = f'<p class="post-source">المصدر: {esc(a.meta["credits"])}</p>' if a.meta.get("credits") else ""
    page = f"""<!doctype html>
<html dir="rtl" lang="ar-IQ">
<head>
<meta charset="UTF-8">
<title>{esc(a.meta['title'])} | دجلة 24</title>
<meta name="description" content="{esc(item.body.split(chr(10))[0][:150])}">
<meta property="og:site_name" content="دجلة 24">
<meta property="og:url" content="{url}">
<meta property="article:published_time" content="{iso}">
<link rel="canonical" href="{url}">
</head>
<body class="single-post">
<div id="cookie-notice">يستخدم هذا الموقع ملفات تعريف الارتباط (الكوكيز) لتحسين تجربتك. <button>موافق</button></div>
<div class="header"><div class="logo"><a href="/">دجلة 24</a></div>
<ul class="menu"><li><a href="/">الرئيسية</a></li><li><a href="/iraq">العراق</a></li>\
<li><a href="/world">عربي ودولي</a></li>
<li><a href="/sport">رياضة</a></li><li><a href="/economy">اقتصاد</a></li></ul>
<div class="ticker">آخر الأخبار: {esc(rel[0] if rel else '')}</div></div>
<div class="container"><div class="content">
<article class="post">
<div class="post-cat"><a href="/world">{esc(SECTIONS[story_group(a.meta['story'])])}</a></div>
<h1 class="entry-title">{esc(a.meta['title'])}</h1>
<div class="post-meta"><span class="date">{d.day} {months} {d.year}</span> \
<span class="views">{r.randint(150, 9000)} مشاهدة</span></div>
<div class="entry-content">
{html_paragraphs(item, r, None, '', 'strong')}
{credit}
</div>
<div class="post-share">شارك: <a href="#">فيسبوك</a> <a href="#">إكس</a> <a href="#">تيليغرام</a></div>
</article>
<div class="newsletter"><h4>النشرة البريدية</h4><p>اشترك في نشرتنا البريدية ليصلك كل جديد.</p>\
<form><input type="email"><button>اشترك</button></form></div>
<div class="related"><h3>أخبار ذات صلة</h3>\
{''.join(f'<div class="item"><a href="/news/{article_number(a) + i}">{esc(x)}</a></div>'
         for i, x in enumerate(rel[1:4]))}</div>
</div></div>
<div class="footer">© 2024 دجلة 24 - جميع الحقوق محفوظة</div>
</body>
</html>
"""
    return page, []


def render_warc_page(item: Item, pool: list[Article], url: str) -> str:
    a, r = item.art, rng_for(item.art.id)
    d = date_of(a)
    t = time_of(a, r)
    iso = f"{d.isoformat()}T{t}:00+00:00"
    rel = related_titles(a, pool, r, 3)
    outlet = a.meta["outlet"]
    if outlet == "عرب ووتش":
        byline = f'<div class="author">{esc(a.meta.get("byline") or "عرب ووتش")}</div>'
        credit = f'<p class="credit">({esc(a.meta["credits"])})</p>' if a.meta.get("credits") else ""
        return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{esc(a.meta['title'])} | عرب ووتش</title>
<meta property="og:site_name" content="عرب ووتش"><meta property="og:title" content="{esc(a.meta['title'])}">
<meta name="pubdate" content="{iso}"><link rel="canonical" href="{url}">
<script type="application/ld+json">{jsonld(a, url, iso)}</script>
</head><body>
<header><a href="/" class="brand">عرب ووتش</a>\
<nav><a href="/">الرئيسية</a> <a href="/news">أخبار</a> <a href="/analysis">تحليلات</a> \
<a href="/opinion">رأي</a> <a href="/english">English</a></nav></header>
<main class="story">
<p class="kicker">{esc(a.meta.get('kicker') or SECTIONS[story_group(a.meta['story'])])}</p>
<h1>{esc(a.meta['title'])}</h1>
{byline}<time datetime="{iso}">{human_date(d, 'pair')}</time>
<section class="story-body">
{html_paragraphs(item, r, rel[0] if rel else None, '/news/' + str(article_number(a) + 11), 'h2')}
{credit}
</section>
<aside class="read-more"><h3>اقرأ أيضاً</h3><ul>\
{''.join(f'<li><a href="/news/{article_number(a) - i}">{esc(x)}</a></li>'
         for i, x in enumerate(rel[1:]))}</ul></aside>
</main>
<footer>عرب ووتش - لندن. جميع الحقوق محفوظة 2024 · <a href="/newsletter">اشترك في النشرة</a></footer>
</body></html>
"""
    credit = f'<div class="source">المصدر: {esc(a.meta["credits"])}</div>' if a.meta.get("credits") else ""
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{esc(a.meta['title'])} - الأطلس بريس</title>
<meta property="og:site_name" content="الأطلس بريس"><meta property="article:published_time" content="{iso}">
<link rel="canonical" href="{url}">
</head><body>
<div class="topnav"><a href="/">الرئيسية</a> | <a href="/maroc">مغربيات</a> | <a href="/monde">دوليات</a> | \
<a href="/sport">رياضة</a> | <a href="/eco">اقتصاد</a></div>
<div class="page"><div class="post-title"><h1>{esc(a.meta['title'])}</h1></div>
<div class="post-info">الأطلس بريس - <span class="post-date">{human_date(d, 'morocco')}</span> - {t}</div>
<div class="post-content">
{html_paragraphs(item, r, None, '', 'strong')}
{credit}
</div>
<div class="share-box">شارك المقال <a href="#">فيسبوك</a> <a href="#">تويتر</a> <a href="#">واتساب</a></div>
<div class="related-posts"><h4>مقالات مشابهة</h4>\
{''.join(f'<p><a href="/{article_number(a) + i}.html">{esc(x)}</a></p>' for i, x in enumerate(rel))}</div>
</div>
<div class="footer">الأطلس بريس © 2024 - جميع الحقوق محفوظة</div>
</body></html>
"""


# -- containers -------------------------------------------------------------------------------------------
def warc_record(rtype: str, uri: str | None, block: bytes, date: str, extra: dict | None = None) -> bytes:
    rid = uuid.UUID(hashlib.md5((rtype + (uri or "") + date).encode()).hexdigest())
    headers = {"WARC-Type": rtype, "WARC-Record-ID": f"<urn:uuid:{rid}>", "WARC-Date": date}
    if uri:
        headers["WARC-Target-URI"] = uri
    headers.update(extra or {})
    headers["Content-Length"] = str(len(block))
    head = "WARC/1.0\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    return gzip.compress(head.encode() + block + b"\r\n\r\n", mtime=0)


def http_response(body: bytes, ctype: str) -> bytes:
    return (f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n"
            f"Server: nginx\r\n\r\n").encode() + body


# -- main -------------------------------------------------------------------------------------------------
def url_for(a: Article) -> str:
    o = OUTLETS[a.meta["outlet"]]
    d = date_of(a)
    n = article_number(a)
    return {
        "bawabat-alnil": f"https://{o['domain']}/news/{n}",
        "dijla24": f"https://{o['domain']}/{d.year}/{d.month:02d}/{d.day:02d}/{n}/",
        "alkhaleej-alaan": f"https://{o['domain']}/news/{d.isoformat()}-1.{n}",
        "arabwatch": f"https://{o['domain']}/{d.year}/{d.month:02d}/{d.day:02d}/news-{n}",
        "atlaspress": f"https://{o['domain']}/{n}.html",
    }.get(o["slug"], f"https://{o['domain']}/article/{n}")


# The same article captured twice by a crawler (a second URL, a re-scrape with other page chrome): exact duplicates
# of a kind every monitoring corpus has. (original id, id of the second capture)
SECOND_CAPTURES = [("F-1", "F-1-r"), ("D1-1", "D1-1-r")]


def build() -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    items: list[Item] = []
    cast_errors = []
    for path in sorted((HERE / "stories").glob("*.txt")):
        if path.name == "cast.txt":
            continue
        sf = parse_file(path)
        if sf.errors:
            cast_errors.extend(sf.errors)
        for a in sf.articles:
            items.append(Item(a, path.name))
    if cast_errors:
        raise SystemExit("story files have errors:\n" + "\n".join(cast_errors[:20]))
    by_id = {it.art.id: it for it in items}
    for original, again in SECOND_CAPTURES:
        art = by_id[original].art
        items.append(Item(dataclasses.replace(art, id=again, meta={**art.meta, "copy": f"exact {original}"},
                                              comments=[]), by_id[original].story_file))
    items.sort(key=lambda it: (it.art.meta["published"], it.art.id))
    for i, it in enumerate(items):
        it.order = i
        assemble(it)
    pool = [it.art for it in items]

    gold_articles = []
    jsonl_lines: list[bytes] = []
    warc_parts: list[bytes] = [warc_record("warcinfo", None, b"software: marsad demo build\r\n"
                                           b"format: WARC File Format 1.0\r\n",
                                           "2024-03-21T00:00:00Z", {"Content-Type": "application/warc-fields"})]
    cp1256_done = bom_done = False
    for it in items:
        a = it.art
        o = OUTLETS[a.meta["outlet"]]
        url = url_for(a)
        comments: list[dict] = []
        lines = None
        fmt = o["fmt"]
        locator = None
        if fmt == "text":
            render = {"alraed-online": render_raed, "nabd-alsham": render_nabd,
                      "alwatan-alhurr": render_watan}[o["slug"]]
            text, lines, comments = render(it, pool)
            raw = text.encode("utf-8")
            # a few scrapes arrive in the encodings old Arabic sites still serve
            if o["slug"] == "alraed-online" and not cp1256_done:
                try:
                    raw = text.encode("cp1256")
                    cp1256_done = True
                except UnicodeEncodeError:
                    pass
            elif o["slug"] == "nabd-alsham" and not bom_done:
                raw = b"\xef\xbb\xbf" + raw
                bom_done = True
            rel = f"articles/{o['slug']}/{article_number(a)}.txt"
            files[rel] = raw
            url_out = None
        elif fmt == "html":
            page, comments = (render_nil if o["slug"] == "bawabat-alnil" else render_dijla)(it, pool, url)
            raw = page.encode("utf-8")
            rel = f"articles/{o['slug']}/{article_number(a)}.html"
            files[rel] = raw
            url_out = url
        elif fmt == "jsonl":
            r = rng_for(a.id)
            body_rows = it.body.split("\n")
            extra_tail = []
            if a.meta.get("credits"):
                extra_tail.append(f"({a.meta['credits']})")
            if r.random() < 0.4:
                extra_tail.append(r.choice(["لمتابعة آخر الأخبار تابعونا على قناتنا في تيليجرام",
                                            "تابعوا الخليج الآن على منصة إكس وفيسبوك"]))
            text = "\n\n".join(body_rows + extra_tail)
            lines = []
            n = 0
            for row in text.split("\n"):
                n += 1
                if row.strip():
                    lines.append({"n": n, "role": "body" if row in body_rows else "boilerplate"})
            d = date_of(a)
            record = {"id": f"khaleej-{article_number(a)}", "url": url, "title": a.meta["title"],
                      "site": a.meta["outlet"],
                      "date": f"{d.isoformat()}T{time_of(a, r)}:00+04:00", "author": a.meta.get("byline"), "text": text}
            raw = json.dumps(record, ensure_ascii=False).encode("utf-8")
            jsonl_lines.append(raw)
            rel = "articles/alkhaleej-alaan.jsonl"
            locator = f"line {len(jsonl_lines)}"
            url_out = url
        else:
            page = render_warc_page(it, pool, url)
            raw = page.encode("utf-8")
            d = date_of(a)
            stamp = f"{d.isoformat()}T{time_of(a, rng_for(a.id + 'c'))}:00Z"
            warc_parts.append(warc_record("request", url, f"GET {url} HTTP/1.1\r\nHost: {o['domain']}\r\n\r\n".encode(),
                                          stamp, {"Content-Type": "application/http; msgtype=request"}))
            warc_parts.append(warc_record("response", url, http_response(raw, "text/html; charset=utf-8"), stamp,
                                          {"Content-Type": "application/http; msgtype=response"}))
            if len(warc_parts) % 7 == 0:   # crawls carry more than articles: images and styles are not documents
                img = hashlib.sha256(url.encode()).digest() * 40
                warc_parts.append(warc_record("response", url.rsplit("/", 1)[0] + "/cover.jpg",
                                              http_response(b"\xff\xd8\xff\xe0" + img, "image/jpeg"), stamp,
                                              {"Content-Type": "application/http; msgtype=response"}))
            rel = "articles/crawl-2024.warc.gz"
            locator = url
            url_out = url
        gold_articles.append({
            "id": a.id, "doc_id": hashlib.sha256(raw).hexdigest()[:20], "file": rel, "locator": locator,
            "format": fmt, "outlet": a.meta["outlet"], "url": url_out, "title": a.meta["title"],
            "published": a.meta["published"], "byline": a.meta.get("byline"), "dateline": it.dateline,
            "credits": credits_list(a), "story": a.meta["story"], "storyline": a.meta["storyline"],
            "body": it.body, "lines": lines, "comments": comments,
            "entities": gold_entities(it), "quotes": gold_quotes(it), "times": gold_times(it),
            "wire": sorted({d for _, d in a.wire_parts}), "copy": a.meta.get("copy"),
        })
    if jsonl_lines:
        files["articles/alkhaleej-alaan.jsonl"] = b"\n".join(jsonl_lines) + b"\n"
    files["articles/crawl-2024.warc.gz"] = b"".join(warc_parts)

    gold = {"version": 1, "description": "Gold annotations of the Marsad demo corpus; offsets are into `body`.",
            "articles": gold_articles, "duplicates": duplicate_pairs(gold_articles),
            "stories": group(gold_articles, "story"), "storylines": group(gold_articles, "storyline")}
    files["gold.json"] = (json.dumps(gold, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    return files


def duplicate_pairs(arts: list[dict]) -> list[dict]:
    """Exact (same body), near (declared light edits), wire (shared agency dispatch) pairs; a is the earlier."""
    pairs = {}
    order = {a["id"]: i for i, a in enumerate(arts)}
    by_id = {a["id"]: a for a in arts}
    for i, a in enumerate(arts):
        for b in arts[i + 1:]:
            kind = None
            if a["body"] == b["body"]:
                kind = "exact"
            elif set(a["wire"]) & set(b["wire"]):
                kind = "wire"
            if kind:
                pairs[(a["id"], b["id"])] = kind
    for a in arts:
        if a["copy"] and a["copy"].startswith("near "):
            other = by_id[a["copy"].split()[1]]
            x, y = sorted([a["id"], other["id"]], key=order.__getitem__)
            if pairs.get((x, y)) != "exact":
                pairs[(x, y)] = "near"
    return [{"a": x, "b": y, "kind": k, "a_doc": by_id[x]["doc_id"], "b_doc": by_id[y]["doc_id"]}
            for (x, y), k in sorted(pairs.items(), key=lambda p: (order[p[0][0]], order[p[0][1]]))]


def group(arts: list[dict], key: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for a in arts:
        out.setdefault(a[key], []).append(a["id"])
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="compare a fresh build with the committed corpus")
    args = ap.parse_args()
    files = build()
    if args.check:
        bad = [p for p, data in files.items() if not (OUT / p).exists() or (OUT / p).read_bytes() != data]
        extra = [str(p.relative_to(OUT)) for p in (OUT / "articles").rglob("*") if p.is_file()
                 and str(p.relative_to(OUT)) not in files]
        if bad or extra:
            print("demo corpus is out of date:", *bad, *extra, sep="\n  ")
            return 1
        print(f"demo corpus up to date ({len(files)} files)")
        return 0
    for p in (OUT / "articles").rglob("*") if (OUT / "articles").exists() else []:
        if p.is_file() and str(p.relative_to(OUT)) not in files:
            p.unlink()
    for rel, data in files.items():
        path = OUT / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    gold = json.loads(files["gold.json"])
    print(f"wrote {len(files)} files: {len(gold['articles'])} articles, {len(gold['duplicates'])} duplicate pairs, "
          f"{len(gold['stories'])} stories, {len(gold['storylines'])} storylines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
