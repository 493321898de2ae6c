"""Main text, comments and metadata of HTML pages: trafilatura for the article, an Arabic layer on top.

trafilatura finds the article container well on most sites; what it lets through on Arabic pages (inline
"اقرأ أيضا: …" teasers, "كتب: …" bylines, share labels) is removed with the same lexicon as plain-text
scrapes. Reader comments are read from the DOM so each keeps its author and date. Every text block of the
page gets a role, which is what `lines` reports for HTML input.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree

from ..document import Comment, Line
from .lexicon import is_chrome, key
from .metadata import BYLINE_RE
from .text_page import AGE, DATE_LINE, INLINE_MARKERS, is_prose

BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption", "dd", "dt", "td", "th",
              "pre", "caption", "summary", "address"}
CONTAINER_TAGS = {"div", "span", "section", "article", "aside", "header", "footer", "nav", "main", "a", "time",
                  "strong", "b", "em", "small", "label", "button", "form", "ul", "ol", "figure", "body"}
INLINE_TAGS = {"a", "strong", "b", "em", "span", "time", "small"}
LEAF_TAGS = {"a", "span", "time", "small", "strong", "b", "em", "button", "label"}
SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "iframe", "head", "select", "option", "textarea",
             "input"}
COMMENT_CONTAINER = re.compile(r"comment|disqus|respond|reactions|تعليق", re.I)
COMMENT_ITEM = re.compile(r"(^|[\s_-])(comment|comment-item|comment-body|single-comment|commentlist-item)"
                          r"($|[\s_-])", re.I)
AUTHOR_CLASS = re.compile(r"author|user|name|fn|commenter", re.I)
COMMENT_DATE = re.compile(f"{DATE_LINE.pattern}|{AGE}")      # the date printed with a comment, as in text scrapes
DATE_CLASS = re.compile(r"date|time|published|ago", re.I)


@dataclass
class HtmlPage:
    title: str | None = None
    body: str = ""
    lines: list[Line] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    meta: dict = field(default_factory=dict)          # site_name, published, author, url, description …
    before: list[str] = field(default_factory=list)   # text blocks above the article
    after: list[str] = field(default_factory=list)    # text blocks below the article


def _text(el) -> str:
    # text_content() is one XPath string() in C: 2.5x faster than joining itertext(), same text
    return " ".join(el.text_content().split())


def _meta(tree) -> dict:
    """Page metadata from <meta>, <link rel=canonical>, <title>, <time> and JSON-LD, read in one pass over
    the head (an XPath per field would walk the whole tree a dozen times)."""
    out: dict = {}
    tags: dict[str, str] = {}
    for el in tree.iter("meta", "link", "title"):
        tag = el.tag
        if tag == "meta":
            name = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
            value = " ".join((el.get("content") or "").split())
            if name and value and name not in tags:
                tags[name] = value
        elif tag == "link":
            if (el.get("rel") or "").lower() == "canonical" and el.get("href") and "canonical" not in tags:
                tags["canonical"] = el.get("href").strip()
        elif tag == "title":
            if "html_title" not in out:
                out["html_title"] = " ".join((el.text or "").split()) or None

    def first(*names: str) -> str | None:
        return next((tags[n] for n in names if tags.get(n)), None)

    out["site_name"] = first("og:site_name", "application-name", "publisher")
    out["title"] = first("og:title", "twitter:title")
    published = first("article:published_time", "pubdate", "publish-date", "datepublished", "date", "dc.date",
                      "dc.date.issued", "og:published_time", "publication_date", "sailthru.date")
    if not published:
        for el in tree.iter("time"):
            if el.get("datetime") and (el.get("itemprop") == "datePublished" or any(
                    a.tag == "article" for a in el.iterancestors())):
                published = el.get("datetime").strip()
                break
    out["published"] = published
    out["author"] = first("author", "article:author")
    out["url"] = first("canonical", "og:url")
    for el in tree.iter("script"):
        if (el.get("type") or "").lower() != "application/ld+json" or not el.text:
            continue
        script = el.text
        try:
            data = json.loads(script)
        except (ValueError, TypeError):
            continue
        for obj in data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []:
            if not isinstance(obj, dict):
                continue
            if obj.get("datePublished") and not out.get("published_ld"):
                out["published_ld"] = str(obj["datePublished"])
            if obj.get("headline") and not out.get("headline"):
                out["headline"] = str(obj["headline"])
            pub = obj.get("publisher")
            if isinstance(pub, dict) and pub.get("name") and not out.get("publisher"):
                out["publisher"] = str(pub["name"])
            auth = obj.get("author")
            if isinstance(auth, list):
                auth = auth[0] if auth else None
            if isinstance(auth, dict) and auth.get("name") and not out.get("author_ld"):
                out["author_ld"] = str(auth["name"])
    return {k: v for k, v in out.items() if v}


def _attrs(el) -> str:
    return f"{el.get('id', '')} {el.get('class', '')}"


def _walk(tree) -> tuple[list[tuple[str, tuple[int, ...]]], list]:
    """Text blocks in document order, each with the candidate comment containers it sits in, and the containers.

    One recursive pass over the tree, not descending into a block once it is emitted. A container whose id or
    class says "comment" is only a candidate: wrappers such as `<div class="post has-comments">` hold the article
    too, and are ruled out later when they hold body text.
    """
    out: list[tuple[str, tuple[int, ...]]] = []
    boxes: list = []
    stack: list[int] = []
    search = COMMENT_CONTAINER.search

    def walk(el) -> None:
        tag = el.tag
        if not isinstance(tag, str) or tag in SKIP_TAGS:
            return
        box = None
        if tag != "form" and (el.get("class") or el.get("id")) and search(_attrs(el)):
            boxes.append(el)
            box = len(boxes) - 1
        block = tag in BLOCK_TAGS
        if not block and tag not in INLINE_TAGS:
            # a container with its own text (not only children's) is a block too
            block = bool((el.text or "").strip()) or any((c.tail or "").strip() for c in el)
        if not block and tag in LEAF_TAGS:
            parent = el.getparent()
            block = parent is not None and parent.tag in CONTAINER_TAGS and not any(
                isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in el.iterdescendants())
        if block:
            t = _text(el)
            if t:
                out.append((t, tuple(stack) + ((box,) if box is not None else ())))
            return
        if box is not None:
            stack.append(box)
        for child in el:
            walk(child)
        if box is not None:
            stack.pop()

    body = tree.find("body")
    walk(body if body is not None else tree)
    return out, boxes


def _read_comments(containers: list) -> list[Comment]:
    comments: list[Comment] = []
    for box in containers:
        items = [el for el in box.iterdescendants() if isinstance(el.tag, str)
                 and COMMENT_ITEM.search(el.get("class", "")) and el.tag not in ("form", "textarea")]
        items = [el for el in items if not any(a in items for a in el.iterancestors())]
        for it in items:
            author = date = None
            for el in it.iterdescendants():
                if not isinstance(el.tag, str):
                    continue
                cls = f"{el.get('class', '')} {el.get('itemprop', '')}"
                if author is None and AUTHOR_CLASS.search(cls):
                    author = _text(el) or None
                elif date is None and (el.tag == "time" or DATE_CLASS.search(cls)):
                    date = el.get("datetime") or _text(el) or None
            parts = []
            for el in it.iterdescendants():
                if isinstance(el.tag, str) and el.tag in ("p", "blockquote") or (
                        isinstance(el.tag, str) and re.search(r"text|content|body", el.get("class", ""))
                        and not AUTHOR_CLASS.search(el.get("class", ""))):
                    t = _text(el)
                    if t and t not in parts and not any(t in p for p in parts):
                        parts.append(t)
            text = "\n".join(parts).strip()
            if text:
                comments.append(Comment(author=author, text=text, date=date))
    return comments



def _title(tree, meta: dict) -> str | None:
    """The headline: the page's h1 when the metadata confirms it, else the metadata title without the site name."""
    h1 = next((t for t in (_text(e) for e in tree.iter("h1")) if t), None)
    candidates = [meta.get(k) for k in ("headline", "title", "html_title") if meta.get(k)]
    if h1 and key(h1) and any(key(h1) in key(c) for c in candidates):
        return h1
    for c in candidates:
        parts = _title_parts(c)
        if parts:
            return max(parts, key=len)
    return h1


def _title_parts(title: str) -> list[str]:
    return [p.strip() for p in re.split(r"\s+[|–—-]\s+|\s+::\s+|\s+»\s+", title) if p.strip()]


def title_site(meta: dict) -> str | None:
    """The site name a page's <title> carries after its headline ("… - الشروق أونلاين"): a signature of the
    outlet for saved pages without og:site_name and without a URL."""
    for k in ("html_title", "title"):
        parts = _title_parts(meta.get(k) or "")
        if len(parts) == 2:
            short = min(parts, key=len)
            if len(short.split()) <= 4 and len(max(parts, key=len).split()) >= 3:
                return short
    return None


@lru_cache(maxsize=1)
def _options():
    """trafilatura's settings, built once (building them per page cost 5% of the stage on short pages); they
    are documented as safe to share. Links are not kept, so the page URL plays no part in the extraction."""
    from trafilatura.settings import Extractor

    return Extractor(output_format="python", fast=True, comments=False, tables=False, with_metadata=False)


PARSER_DEPTH = 255          # libxml2 drops whatever lies deeper than 256 elements, without an error
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)[^<>]*>")     # [^<>]: a "<" without its ">" ends the try at once
_BLOCKS = frozenset("div section article main aside header footer nav table tbody thead tr td th ul ol li "
                    "blockquote dl dt dd figure figcaption form center fieldset details summary".split())
_KEPT = frozenset("html head body title meta link script style noscript p br h1 h2 h3 h4 h5 h6 img".split())


def _parse(html: str):
    """The page's tree; a fragment ("<p>…</p>", as JSON Lines dumps carry) gets the page around it that
    trafilatura's loader wants (it returns None for a fragment)."""
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None and "<" in html:
        tree = load_html(f"<html><body>{html}</body></html>")
    return tree


# an element PARSER_DEPTH levels down from the root (the root is level 1), found by libxml2 in C: a Python walk
# over every element's start and end events cost 20x more
_AT_PARSER_DEPTH = etree.XPath("boolean(" + "/".join(["self::*"] + ["*"] * (PARSER_DEPTH - 1)) + ")")


def _too_deep(tree) -> bool:
    """Whether the parser reached its depth limit, so that part of the page (often all of the article, in
    markup nested hundreds deep by a broken generator or on purpose) was silently left out."""
    return bool(_AT_PARSER_DEPTH(tree))


def _flat_tag(m: re.Match) -> str:
    name = m.group(2).lower()
    if name in _KEPT:
        return m.group(0)
    if name in _BLOCKS:
        return "</p>" if m.group(1) else "<p>"      # paragraphs never nest: the parser closes each one
    return ""                                       # inline wrappers (span, b, font, a …): their text stays


def flatten(html: str) -> str:
    """The page with its nesting taken out: block containers become paragraphs, inline wrappers go, text and
    the head stay. Used only for a page too deep for the parser; the classes that tell chrome from article are
    lost with it, so the article is found by the text-block fallback as on any page without markup hints."""
    return _TAG.sub(_flat_tag, html)


def extract(html: str) -> HtmlPage:
    """The article of an HTML page, its comments, metadata and a role for every text block.

    The page is parsed once; trafilatura runs on that tree in its fast mode (no readability/jusText
    fallbacks, no htmldate): our own layer recovers what the fallbacks buy and is cheaper (see
    benchmarks/clean.py for both quality and speed against trafilatura's defaults).
    """
    from trafilatura import bare_extraction

    page = HtmlPage()
    try:
        tree = _parse(html)
        if tree is not None and _too_deep(tree):
            tree = _parse(flatten(html))
    except (etree.ParserError, ValueError, TypeError):
        tree = None
    if tree is None:
        return page
    page.meta = _meta(tree)
    blocks, boxes = _walk(tree)
    page.title = title = _title(tree, page.meta)
    try:
        result = bare_extraction(tree, options=_options())
    except (etree.ParserError, ValueError, TypeError):
        result = None

    title_key = key(title) if title else None
    body_lines = []
    text = result.text if result is not None and result.text else ""
    after_marker = 0
    for ln in text.split("\n"):
        ln = " ".join(ln.split())
        if not ln:
            continue
        if key(ln) in INLINE_MARKERS:
            after_marker = 2         # "اقرأ أيضا" on its own line: the linked headlines after it are not article
            continue
        if after_marker and not is_prose(ln):
            after_marker -= 1
            continue
        after_marker = 0
        if is_chrome(ln):
            continue
        if key(ln) == title_key:
            continue
        m = BYLINE_RE.match(ln)
        if m and len(ln.split()) <= 8:
            page.meta.setdefault("byline", m.group("name").strip())
            continue
        body_lines.append(ln)

    # a candidate comment container that holds article text is a wrapper, not a comment section
    body_keys = {key(b) for b in body_lines}
    wrappers = {i for t, stack in blocks if stack and key(t) in body_keys for i in stack}
    valid = [i for i in range(len(boxes)) if i not in wrappers]
    valid_set = set(valid)
    in_comments = [bool(valid_set.intersection(stack)) for _, stack in blocks]
    valid_boxes = {boxes[i] for i in valid}
    outer = [boxes[i] for i in valid if not any(a in valid_boxes for a in boxes[i].iterancestors())]
    page.comments = _read_comments([b for b in outer if _text(b)])
    comment_keys = {key(t) for (t, _), inside in zip(blocks, in_comments) if inside}
    # inside a comment section, the comments themselves (author, date, text) are "comment"; its header, counter
    # and form ("أضف تعليقك", "لن يتم نشر بريدك") are boilerplate, as in plain-text scrapes
    comment_blob = "\n".join(" ".join(key(x) for x in (c.author or "", c.date or "", *c.text.split("\n")) if x)
                             for c in page.comments)
    if comment_keys:
        body_lines = [b for b in body_lines if key(b) not in comment_keys]

    if not body_lines:
        # trafilatura found no article (a short page, unusual markup): fall back to the page's own text blocks,
        # the longer ones first, so that a document is never stored without the text it has
        blocks_text = [t for (t, _), inside in zip(blocks, in_comments)
                       if not inside and not is_chrome(t) and key(t) != title_key]
        body_lines = [t for t in blocks_text if len(t.split()) >= 6] or blocks_text
    page.body = "\n".join(body_lines)

    body_keys = {key(b) for b in body_lines}
    # a key is never longer than its text: blocks shorter than every body and title key are boilerplate
    # without keying them (most of a page's blocks are short menu and link texts, and key's cache is bounded)
    min_len = min((len(k) for k in body_keys | {title_key} if k), default=0)
    first_body = last_body = None
    for i, ((t, _), inside) in enumerate(zip(blocks, in_comments)):
        role = "boilerplate"
        if inside:
            k = key(t)
            if (k and k in comment_blob and not is_chrome(t)) or (page.comments and COMMENT_DATE.match(t)):
                role = "comment"
        elif len(t) >= min_len:
            k = key(t)
            if title_key and k == title_key:
                role = "title"
            elif k in body_keys:
                role = "body"
                first_body = i if first_body is None else first_body
                last_body = i
        page.lines.append(Line(i + 1, role, t))
    if first_body is not None:
        page.before = [t for t, _ in blocks[:first_body]]
        page.after = [t for (t, _), inside in zip(blocks[last_body + 1:], in_comments[last_body + 1:]) if not inside]
    return page
