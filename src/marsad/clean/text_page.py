"""Line roles for plain-text scrapes: title, body, boilerplate, comment.

A scrape is a page flattened to lines: section labels and menus, the title (often twice), view counters, the
article, then "related articles", comment forms and reader comments. The article is found as the run of
prose lines (long, sentence-final punctuation) before the first end-of-article marker; the title is the
repeated headline or the headline-like line above the article; reader comments are what follows a comments
header, grouped by author lines. Pre-extracted text (JSON Lines bodies) skips the zone finding: every
non-chrome line is body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..arabic.normalize import arabic_ratio, normalize, normalize_pattern
from ..arabic.segment import index_terms
from ..document import Comment, Line
from .lexicon import is_chrome, is_comment_header, is_end_marker, key
from .metadata import AUTHOR_BOX_RE

TERMINAL = (".", "!", "؟", "?", ":", "”", "»", '"', ")", "…", "؛", "'")
BULLET = re.compile(r"^\s*[•·▪●◦\-\*]\s*")
DATE_LINE = re.compile(r"^\s*(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2})([ T,-]+\d{1,2}:\d{2}(:\d{2})?)?\s*$")
AUTHOR_DATE = re.compile(r"^(?P<author>[^|]{1,50}?)\s*[|–-]\s*"
                         r"(?P<date>\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?:\s+\d{1,2}:\d{2})?"
                         r"|\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2})?)$")
AGE = r"^(منذ|قبل) \S+( \S+)?$"          # "منذ ساعتين": when a comment was posted
COMMENT_META = re.compile(AGE + r"|^\d{1,2}:\d{2}$|^(رد|الرد|ابلاغ|اعجبني|اعجاب|\d+ اعجاب)$")


@dataclass
class PageLines:
    lines: list[Line]
    title: str | None
    body: str
    comments: list[Comment]
    before: list[Line]           # boilerplate above the article (dateline, byline, date lines live here)
    after: list[Line]            # boilerplate below the article (credits, initials, tags)


def _words(s: str) -> int:
    return len(s.split())


def is_prose(s: str) -> bool:
    """A line that reads as a paragraph of the article rather than a label, link or caption."""
    n = _words(s)
    if n < 6 or s.endswith(("…", "...", "..")):
        return False
    if arabic_ratio(s) < 0.5:
        return False
    if s.endswith((".", ".”", ".»", '."', ".)")) and n >= 6:
        return True
    if s.endswith(TERMINAL) and n >= 14:
        return True
    return n >= 25


def _headline_like(s: str) -> bool:
    n = _words(s)
    return 3 <= n <= 30 and not s.endswith(".") and arabic_ratio(s) >= 0.5 and not is_chrome(s)


INLINE_MARKERS = frozenset(key(m) for m in ("اقرأ أيضا", "إقرأ أيضا", "اقرأ أيضاً", "اقرأ كذلك", "اقرأ المزيد",
                                            "شاهد أيضا", "طالع أيضا", "اقرأ ايضا", "أقرأ أيضا"))


def _inline_teaser_end(items: list[tuple[int, str]], prose: list[bool], i: int, limit: int) -> int | None:
    """Where the article resumes after an "اقرأ أيضا" teaser placed inside it, or None when the marker opens the
    list of related links that ends the article.

    Egyptian and Gulf sites put "اقرأ أيضا" and one or two linked headlines between paragraphs; the article
    goes on with prose right after. A related-links list is followed by headlines and truncated teasers ("…"),
    not by paragraphs: two prose lines within the next few lines, the first of them at most two lines away,
    tell the two apart."""
    if key(items[i][1]) not in INLINE_MARKERS:
        return None
    window = range(i + 1, min(limit, i + 10))
    following = [j for j in window if prose[j]]
    if len(following) < 2 or following[0] - i > 3:
        return None
    if any(is_end_marker(items[j][1]) or is_comment_header(items[j][1]) for j in range(i + 1, following[1])):
        return None
    return following[0]


# openings of running text after a paragraph break; lines opening with the conjunction و are taken by _continues.
# Matched on the matching form, so written through normalize_pattern ("على صعيد" must meet "علي صعيد").
CONTINUATION = re.compile(normalize_pattern(
    r"^ف?(كان|كانت|قال|قالت|اضاف|اضافت|اكد|اكدت|اوضح|اوضحت|اشار|اشارت|تابع|تابعت|لفت|يذكر|يشار|تجدر|جاء|ياتي|"
    r"تاتي|في حين|كما|من جهته|من جهتها|من جانبه|من جانبها|في المقابل|في سياق|على صعيد|بدوره|بدورها|الى ذلك)\b"))


# words that begin with و without it being the conjunction: a headline may open with them ("وزير الخارجية …")
WAW_NOUNS = frozenset(normalize(w) for w in """وزير وزيرة وزارة وزراء وفد وفود وكالة وكالات وصول واشنطن وسط وفاة وفيات
ولاية ولايات ولي وحدة وحدات وقف وثيقة وادي وهران والي ورشة وظائف وباء ودائع وجهة وعد وعود وقفة ورقة وطن وطني وطنية
وجه وجود ورد وزن وضع وقت وقود وقائع واقع وفق وفقا وداعا ولادة وصية وكيل وكلاء واردات ورثة وعي وسائل وسيلة""".split())


def _continues(norm: str) -> bool:
    """A line in matching form that opens like running text: a conjunction ("وكانت …", "وتشمل …") or a
    transition ("كما …", "من جهته …")."""
    first = norm.split(" ", 1)[0]
    if first.startswith("و") and len(first) >= 3 and first not in WAW_NOUNS:
        return True
    return CONTINUATION.match(norm) is not None


def _continuation_end(items: list[tuple[int, str]], chrome: list[bool], end: int, limit: int) -> int:
    """Extend the article over closing paragraphs that lack final punctuation (common on Arabic sites) but
    plainly continue it: they open like a sentence of running text ("وكانت …", "كما …", "من جهته …"), which the
    headlines of related articles below an article do not."""
    j = end + 1
    while j < limit:
        text = items[j][1]
        if chrome[j] or is_end_marker(text) or is_comment_header(text):
            break
        if _words(text) >= 5 and arabic_ratio(text) >= 0.5 and not text.endswith(("…", "...")) \
                and _continues(normalize(text)):
            end = j
            j += 1
            continue
        break
    return end


def _terms(text: str) -> set[str]:
    return {t for t in index_terms(text).split() if len(t) >= 3 and not t.isdigit()}


def _best_headline(cands: list[int], items: list[tuple[int, str]], lead: list[str]) -> list[int]:
    """The title among headline-like lines above the article: the first one, unless a later one shares clearly
    more words with the lead paragraphs. A headline restates its lead; a news ticker, a "most read" teaser or
    a section slogan printed above it does not ("عاجل: …" above the real title)."""
    if len(cands) <= 1 or not lead:
        return cands[:1]
    lead_terms = _terms(" ".join(lead))
    scores = [len(_terms(items[i][1]) & lead_terms) for i in cands]
    best = max(range(len(cands)), key=lambda j: (scores[j], -j))
    return [cands[best]] if scores[best] >= 2 and scores[best] > scores[0] else cands[:1]


def classify(text: str, *, given_title: str | None = None, pre_extracted: bool = False) -> PageLines:
    raw_lines = text.split("\n")
    items = [(i + 1, ln.strip()) for i, ln in enumerate(raw_lines) if ln.strip()]
    n_items = len(items)
    roles = ["boilerplate"] * n_items
    chrome = [is_chrome(t) for _, t in items]
    keys = [key(t) for _, t in items]
    title_key = key(given_title) if given_title else None

    # Comment zone: the first comments header after the first prose line.
    prose = [False] * n_items if pre_extracted else [is_prose(t) for _, t in items]
    first_prose = next((i for i, p in enumerate(prose) if p), None)
    # A headline printed twice (breadcrumb title and article title) is the title even when it reads like prose
    # ("الحصيلة ترتفع … والشابي من قابس: «لن نترك أي عائلة دون مأوى»"): it must not open the article.
    while first_prose is not None and _headline_like(items[first_prose][1]) and keys[first_prose] and any(
            keys[j] == keys[first_prose] for j in range(first_prose + 1, min(n_items, first_prose + 15))):
        for j in range(first_prose, min(n_items, first_prose + 15)):
            if keys[j] == keys[first_prose]:
                prose[j] = False
        first_prose = next((i for i, p in enumerate(prose) if p), None)
    comment_start = None
    if not pre_extracted and first_prose is not None:
        for i in range(first_prose + 1, n_items):
            if is_comment_header(items[i][1]):
                comment_start = i
                break
    limit = comment_start if comment_start is not None else n_items

    if pre_extracted or first_prose is None:
        body_idx = [i for i in range(limit) if not chrome[i] and keys[i] != title_key]
        if not pre_extracted:
            # no prose at all (a short item, a caption-only page): keep the lines of 4+ words, or if there are
            # none, every line that is not chrome, rather than nothing
            longer = [i for i in body_idx if _words(items[i][1]) >= 4]
            body_idx = longer or body_idx
        start = body_idx[0] if body_idx else 0
        end = body_idx[-1] if body_idx else -1
    else:
        start = first_prose
        end = start
        teasers: set[int] = set()
        i = start
        while i < limit:
            if is_end_marker(items[i][1]) and i > start:
                resume = _inline_teaser_end(items, prose, i, limit)
                if resume is None:
                    break
                teasers.update(range(i, resume))     # "اقرأ أيضا" + a linked headline inside the article
                i = resume
                continue
            if prose[i]:
                end = i
            i += 1
        end = _continuation_end(items, chrome, end, limit)
        body_idx = [i for i in range(start, end + 1) if not chrome[i] and i not in teasers]

    for i in body_idx:
        roles[i] = "body"

    # Title: the given one, else a headline repeated on the page, else the first headline-like line above.
    title = None
    title_idx: list[int] = []
    if title_key:
        title_idx = [i for i in range(n_items) if keys[i] == title_key and roles[i] != "body"]
        title = given_title
    if not title_idx and not pre_extracted:
        seen: dict[str, list[int]] = {}
        for i in range(0, start):
            if _headline_like(items[i][1]):
                seen.setdefault(keys[i], []).append(i)
        repeated = [ix for ix in seen.values() if len(ix) > 1]
        if repeated:
            title_idx = repeated[0]
        else:
            cands = [i for i in range(0, start) if _headline_like(items[i][1]) and _words(items[i][1]) >= 4]
            if not cands:
                cands = [i for i in range(0, start) if _headline_like(items[i][1])]
            title_idx = _best_headline(cands, items, [items[i][1] for i in body_idx[:2]])
        if title_idx:
            title = items[title_idx[0]][1]
    for i in title_idx:
        roles[i] = "title"

    comments: list[Comment] = []
    if comment_start is not None:
        comments = _comments(items, comment_start, roles)

    lines = [Line(n, roles[i], t) for i, (n, t) in enumerate(items)]
    body_lines = [items[i][1] for i in range(n_items) if roles[i] == "body"]
    before = [lines[i] for i in range(0, start) if roles[i] == "boilerplate"]
    after = [lines[i] for i in range(end + 1, limit) if roles[i] == "boilerplate"]
    return PageLines(lines=lines, title=title, body="\n".join(body_lines),
                     comments=comments, before=before, after=after)


def _comments(items: list[tuple[int, str]], start: int, roles: list[str]) -> list[Comment]:
    """Reader comments after the comments header: author lines (short, often bulleted) each followed by text."""
    comments: list[Comment] = []
    current: Comment | None = None
    for i in range(start + 1, len(items)):
        raw = items[i][1]
        if is_end_marker(raw) and not is_comment_header(raw):
            break   # "شاهد أيضاً" after an empty comments box: the zone is over
        text = BULLET.sub("", raw).strip()
        if not text or re.fullmatch(r"\(?\d+\)?", text):
            continue
        norm = normalize(text)
        if is_chrome(raw) and not (current and current.text == ""):
            continue
        if COMMENT_META.match(norm) or AUTHOR_BOX_RE.match(text):   # "عن Houda Karmani": the writer's box
            continue
        roles[i] = "comment"
        if DATE_LINE.match(text) and current is not None:
            current.date = text
            continue
        headed = AUTHOR_DATE.match(text)
        if headed:                       # "ابن سوق الجمعة | 12/03/2024 20:02": an author line with its date
            current = Comment(author=headed.group("author").strip(), text="", date=headed.group("date").strip())
            comments.append(current)
            continue
        is_author = (BULLET.match(raw) is not None and _words(text) <= 6) or (
            _words(text) <= 4 and not text.endswith(TERMINAL) and (current is None or current.text))
        if is_author:
            author, date = _split_author(text)
            current = Comment(author=author, text="", date=date)
            comments.append(current)
        elif current is None:
            current = Comment(author=None, text=text)
            comments.append(current)
        else:
            current.text = f"{current.text}\n{text}" if current.text else text
    return [c for c in comments if c.text]


def _split_author(text: str) -> tuple[str, str | None]:
    m = re.search(r"\s*[|،,-]?\s*(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}.*|\d{4}-\d{2}-\d{2}.*)$", text)
    if m and m.start() > 0:
        return text[:m.start()].strip(" -|،,"), m.group(1).strip()
    return text, None
