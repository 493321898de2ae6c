"""The one data model every stage reads and extends.

A `Document` starts as raw bytes with source information (readers), gains decoded text (decode), a clean body
and metadata (clean), then spans (entities, quotes, times). Every span offset is a character offset into
`Document.body`, end exclusive, so stages never copy the body and any span can be shown in context. The raw
bytes are kept unchanged so a document can always be processed again by a newer pipeline.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any


def content_id(raw: bytes) -> str:
    """Stable identity of an input: the same bytes are the same document, wherever they came from."""
    return hashlib.sha256(raw).hexdigest()[:20]


@dataclass
class Line:
    """Role of one line of a plain-text input (or one text block of an HTML page)."""

    n: int                 # 1-based line number in the decoded input (block number for HTML)
    role: str              # title | body | boilerplate | comment
    text: str = ""


@dataclass
class Comment:
    author: str | None
    text: str
    date: str | None = None


@dataclass
class Dateline:
    place: str | None
    agency: str | None


@dataclass
class Entity:
    text: str              # surface as in the body, title included when it precedes the name
    start: int
    end: int
    type: str              # PER | ORG | LOC | MISC
    name: str              # the name without title or clitic
    title: str | None = None
    canonical: str | None = None
    entity_id: str | None = None
    source: str = "rule"   # which recognizer found it (gazetteer, rule, model, coref)
    # appositions after the name that describe the person ("الرجل القوي في شرق ليبيا", "المتحدث باسم …"):
    # what the framing table needs beside the title before the name; names inside them are not mentions
    descriptors: list[str] = field(default_factory=list)
    rule: str | None = None  # the recognizer's pass that found it (recognize.PASSES), for tracing a wrong one


@dataclass
class Quote:
    speaker: str | None
    speaker_entity_id: str | None
    speaker_text: str | None   # the words that point at the speaker ("وأضاف", "لافروف", "مصادر")
    cue: str | None            # the reporting verb or marker, lemma-like ("قال", "أكد", "بحسب")
    kind: str                  # direct | indirect
    content: str
    start: int
    end: int
    via: str | None = None     # agency in an attribution chain ("نقلت وكالة إنترفاكس عن …")
    why: str | None = None     # the rule that chose the speaker ("subject after the verb", "previous speaker …")


@dataclass
class TimeExpr:
    text: str
    start: int
    end: int
    value: str | None
    type: str                  # date | time | duration | set
    anchor: str                # published | absolute | none
    consistent: bool | None = True


@dataclass
class ProcessingError:
    """One problem with one input. Stored, summarized, and never fatal to a batch."""

    source: str
    message: str
    kind: str = "error"        # error | warning
    locator: str | None = None


@dataclass
class InputError:
    """An input that could not become a document (unreadable file, invalid JSON line, worker crash): recorded
    with its bytes when small, so nothing ingested is ever lost without a trace."""

    source: str
    message: str
    locator: str | None = None
    raw: bytes | None = None
    size: int | None = None


def short_title(title: str | None, width: int = 60) -> str | None:
    """A title as a one-line repr shows it: at most `width` characters, the cut marked with "…"."""
    return title if title is None or len(title) <= width else title[: width - 1] + "…"


def short_repr(doc: Any) -> str:
    """What a REPL shows of an article: who, when, what, and how much was found, never its raw bytes or a
    35,000-character body (the fields are all there: `doc.body`, `doc.entities`, `doc.to_dict()`)."""
    counts = ", ".join(f"{len(getattr(doc, k))} {k}" for k in ("entities", "quotes", "times", "errors"))
    return (f"{type(doc).__name__}(id={doc.id!r}, outlet={doc.outlet!r}, published={doc.published!r}, "
            f"title={short_title(doc.title)!r}, body={len(doc.body):,} chars, {counts})")


@dataclass(repr=False)
class Document:
    raw: bytes
    source: str
    format: str                             # text | html | jsonl | warc
    id: str = ""
    locator: str | None = None              # line number in a JSONL file, record offset in a WARC …
    url: str | None = None
    encoding: str | None = None
    text: str = ""                          # decoded input (for HTML: the markup)
    lang: str | None = None
    outlet: str | None = None
    outlet_source: str | None = None
    title: str | None = None
    published: str | None = None
    published_source: str | None = None
    byline: str | None = None
    dateline: Dateline | None = None
    credits: list[str] = field(default_factory=list)
    body: str = ""
    comments: list[Comment] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    errors: list[ProcessingError] = field(default_factory=list)
    hints: dict[str, Any] = field(default_factory=dict)   # metadata given by the container (JSONL fields, HTTP headers)
    # Set by the segment stage and read by later stages; working data, not part of the output.
    # words: start, end, surface, matching form
    words: list[tuple[int, int, str, str]] = field(default_factory=list, repr=False)
    sentences: list[tuple[int, int]] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_id(self.raw)

    __repr__ = short_repr

    def to_dict(self) -> dict[str, Any]:
        """The contract shape (CONTRACT.md), plus a few documented extensions."""
        return {
            "id": self.id,
            "source": self.source,
            "outlet": self.outlet,
            "title": self.title,
            "url": self.url,
            "published": self.published,
            "published_source": self.published_source,
            "dateline": asdict(self.dateline) if self.dateline else None,
            "credits": list(self.credits),
            "byline": self.byline,
            "lang": self.lang,
            "body": self.body,
            "comments": [asdict(c) for c in self.comments],
            "lines": [{"n": ln.n, "role": ln.role} for ln in self.lines],
            "entities": [
                {k: v for k, v in asdict(e).items() if k != "source"} for e in self.entities
            ],
            "quotes": [asdict(q) for q in self.quotes],
            "times": [asdict(t) for t in self.times],
            "errors": [e.message for e in self.errors],
        }
