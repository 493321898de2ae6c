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

import lxml.html
from lxml import etree

from ..document import Comment, Line
from .lexicon import is_chrome, key
from .metadata import BYLINE_RE

BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption", "dd", "dt", "td", "th",
              "pre", "caption", "summary", "address"}
CONTAINER_TAGS = {"div", "span", "section", "article", "aside", "header", "footer", "nav", "main", "a", "time",
                  "strong", "b", "em", "small", "label", "button", "form", "ul", "ol", "figure", "body"}
SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "iframe", "head", "select", "option", "textarea",
             "input"}
COMMENT_CONTAINER = re.compile(r"comment|disqus|respond|reactions|تعليق", re.I)
COMMENT_ITEM = re.compile(r"(^|[\s_-])(comment|comment-item|comment-body|single-comment|commentlist-item)($|[\s_-])", re.I)
AUTHOR_CLASS = re.compile(r"author|user|name|fn|commenter", re.I)
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
    return " ".join("".join(el.itertext()).split())


def _meta(tree) -> dict:
    out: dict = {}

    def first(*xpaths):
        for xp in xpaths:
            for v in tree.xpath(xp):
                v = " ".join(str(v).split())
                if v:
                    return v
        return None

    out["site_name"] = first("//meta[@property='og:site_name']/@content", "//meta[@name='application-name']/@content",
                             "//meta[@name='publisher']/@content")
    out["title"] = first("//meta[@property='og:title']/@content", "//meta[@name='twitter:title']/@content",
                         "//title/text()")
    out["published"] = first("//meta[@property='article:published_time']/@content",
                             "//meta[@name='pubdate']/@content", "//meta[@name='publish-date']/@content",
                             "//meta[@name='date']/@content", "//meta[@itemprop='datePublished']/@content",
                             "//time[@itemprop='datePublished']/@datetime", "//article//time/@datetime")
    out["author"] = first("//meta[@name='author']/@content", "//meta[@property='article:author']/@content")
    out["url"] = first("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content")
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
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


def _comment_nodes(tree) -> list:
    """Containers of reader comments (outermost only)."""
    nodes = []
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in SKIP_TAGS:
            continue
        attrs = f"{el.get('id', '')} {el.get('class', '')}"
        if COMMENT_CONTAINER.search(attrs) and not any(el in n.iterdescendants() for n in nodes):
            if el.tag != "form" and _text(el):
                nodes.append(el)
    return nodes


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


def _blocks(tree, comment_boxes: list) -> list[tuple[str, bool]]:
    """Text blocks in document order, each flagged when inside a comments container."""
    in_comments = set()
    for box in comment_boxes:
        in_comments.add(box)
        in_comments.update(box.iterdescendants())
    out: list[tuple[str, bool]] = []

    def walk(el):
        if not isinstance(el.tag, str) or el.tag in SKIP_TAGS:
            return
        if el.tag in BLOCK_TAGS:
            t = _text(el)
            if t:
                out.append((t, el in in_comments))
            return
        # a container with its own text (not only children's) is a block too
        own = (el.text or "").strip() + "".join((c.tail or "").strip() for c in el)
        if own and el.tag not in ("a", "strong", "b", "em", "span", "time", "small"):
            t = _text(el)
            if t:
                out.append((t, el in in_comments))
            return
        if el.tag in ("a", "span", "time", "small", "strong", "b", "em", "button", "label") and el.getparent() is not None \
                and el.getparent().tag in CONTAINER_TAGS and not any(
                    isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in el.iterdescendants()):
            t = _text(el)
            if t:
                out.append((t, el in in_comments))
            return
        for child in el:
            walk(child)

    body = tree.find("body")
    walk(body if body is not None else tree)
    return out


def extract(html: str, url: str | None = None) -> HtmlPage:
    from trafilatura import bare_extraction

    page = HtmlPage()
    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return page
    page.meta = _meta(tree)
    boxes = _comment_nodes(tree)
    page.comments = _read_comments(boxes)
    blocks = _blocks(tree, boxes)

    result = bare_extraction(html, url=url, include_comments=False, with_metadata=True, include_tables=False)
    title = (result.title if result is not None else None) or page.meta.get("headline") or page.meta.get("title")
    if title:
        h1 = tree.xpath("//h1")
        if h1 and _text(h1[0]) and key(_text(h1[0])) and key(_text(h1[0])) in key(title):
            title = _text(h1[0])
    page.title = title
    if result is not None:
        page.meta.setdefault("trafilatura_date", result.date)
        if result.author:
            page.meta.setdefault("author_tf", result.author)
        if result.sitename:
            page.meta.setdefault("sitename_tf", result.sitename)

    title_key = key(title) if title else None
    comment_keys = {key(t) for t, inside in blocks if inside}
    body_lines = []
    text = result.text if result is not None and result.text else ""
    for ln in text.split("\n"):
        ln = " ".join(ln.split())
        if not ln or is_chrome(ln):
            continue
        k = key(ln)
        if k == title_key or k in comment_keys:
            continue
        m = BYLINE_RE.match(ln)
        if m and len(ln.split()) <= 8:
            page.meta.setdefault("byline", m.group("name").strip())
            continue
        body_lines.append(ln)
    if not body_lines:
        # trafilatura found no article (a short page, unusual markup): fall back to the page's own text blocks,
        # the longer ones first, so that a document is never stored without the text it has
        blocks_text = [t for t, inside in blocks if not inside and not is_chrome(t) and key(t) != title_key]
        body_lines = [t for t in blocks_text if len(t.split()) >= 6] or blocks_text
    page.body = "\n".join(body_lines)

    body_keys = {key(b) for b in body_lines}
    first_body = last_body = None
    for i, (t, inside) in enumerate(blocks):
        role = "boilerplate"
        k = key(t)
        if inside:
            role = "comment"
        elif title_key and k == title_key:
            role = "title"
        elif k in body_keys:
            role = "body"
            first_body = i if first_body is None else first_body
            last_body = i
        page.lines.append(Line(i + 1, role, t))
    if first_body is not None:
        page.before = [t for t, _ in blocks[:first_body]]
        page.after = [t for t, inside in blocks[last_body + 1:] if not inside]
    return page
