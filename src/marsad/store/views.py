"""What readers of the store get: typed records, each with `to_dict()` in the shape of CONTRACT.md.

The CLI's `--json`, the HTTP API and the Python API all print these, so a field added here appears on every
surface at once, and the contract's names are written in one place.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ..document import Comment, Dateline, Entity, Line, Quote, TimeExpr, short_repr, short_title


class View:
    """A record a listing returns; its JSON is its fields (classes whose contract shape differs say so)."""

    def to_dict(self) -> dict:
        return asdict(self)


def _entity_dict(e: Entity) -> dict:
    return {k: v for k, v in asdict(e).items() if k != "source"}


@dataclass(repr=False)
class StoredDocument:
    """A stored article with its analysis (the raw bytes stay in the store: `Store.raw_bytes`)."""

    id: str
    seq: int                      # ingestion order: earlier-stored documents have smaller numbers
    source: str | None
    format: str | None
    encoding: str | None
    outlet: str | None
    title: str | None
    url: str | None
    published: str | None
    published_source: str | None
    dateline: Dateline | None
    credits: list[str]
    byline: str | None
    lang: str | None
    body: str
    comments: list[Comment]
    lines: list[Line]
    errors: list[str]
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    spans: bool = True            # False when read without entities, quotes and times
    story: str | None = None      # the story it is in (set by the query layer's `article`)

    __repr__ = short_repr

    def to_dict(self) -> dict[str, Any]:
        d = {"id": self.id, "source": self.source, "outlet": self.outlet, "title": self.title, "url": self.url,
             "published": self.published, "published_source": self.published_source,
             "dateline": asdict(self.dateline) if self.dateline else None, "credits": list(self.credits),
             "byline": self.byline, "lang": self.lang, "body": self.body,
             "comments": [asdict(c) for c in self.comments],
             "lines": [{"n": ln.n, "role": ln.role} for ln in self.lines], "errors": list(self.errors),
             "format": self.format, "encoding": self.encoding}
        if self.story:
            d["story"] = self.story
        if self.spans:
            d["entities"] = [_entity_dict(e) for e in self.entities]
            d["quotes"] = [asdict(q) for q in self.quotes]
            d["times"] = [asdict(t) for t in self.times]
        return d


@dataclass
class ArticleRef(View):
    """An article as lists show it: enough to name it and link to it."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None


@dataclass(repr=False)
class Story:
    id: str
    title: str | None
    articles: list[str]
    outlets: list[str]
    first_seen: str | None
    last_seen: str | None
    storyline: str | None
    summary: list[dict]
    timeline: list[dict]
    framing: list[dict]
    wire: dict
    n_articles: int
    statements: list[dict] = field(default_factory=list)    # key statements, one per speaker
    frames: dict = field(default_factory=dict)              # the measured framing (stories/framing.py)

    def to_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "articles": list(self.articles), "outlets": list(self.outlets),
                "first_seen": self.first_seen, "last_seen": self.last_seen, "storyline": self.storyline,
                "summary": self.summary, "timeline": self.timeline, "framing": self.framing, "wire": self.wire,
                "n_articles": self.n_articles, "statements": self.statements, "frames": self.frames}

    def __repr__(self) -> str:
        """What a REPL shows: which story, when, how big; its summary and framing are fields (`to_dict()`)."""
        return (f"Story(id={self.id!r}, title={short_title(self.title)!r}, {self.first_seen} → {self.last_seen}, "
                f"{self.n_articles} articles, {len(self.outlets)} outlets)")


@dataclass(repr=False)
class Storyline(View):
    id: str
    title: str | None
    first_seen: str | None
    last_seen: str | None
    stories: int
    frames: dict = field(default_factory=dict)              # the measured framing over all its stories

    def __repr__(self) -> str:
        return (f"Storyline(id={self.id!r}, title={short_title(self.title)!r}, {self.first_seen} → {self.last_seen}, "
                f"{self.stories} stories)")


@dataclass
class EntityView(View):
    entity_id: str
    canonical: str
    type: str
    aliases: list[str]
    titles: list[str]
    mentions: int
    articles: int
    titles_by_outlet: dict[str, list[str]]


@dataclass
class QuoteView(View):
    article_id: str
    speaker: str | None
    speaker_entity_id: str | None
    speaker_text: str | None
    cue: str | None
    kind: str
    content: str
    start: int
    end: int
    via: str | None
    outlet: str | None
    published: str | None
    story: str | None = None      # the story of its article (set by the query layer), to go on to `marsad story`
    why: str | None = None        # the rule that chose the speaker


@dataclass
class DuplicatePair(View):
    a: str                         # the earlier article
    b: str
    kind: str                      # exact | near | wire
    score: float
    shared_chars: int
    jaccard: float | None = None
    a_in_b: float | None = None
    b_in_a: float | None = None
    a_outlet: str | None = None
    b_outlet: str | None = None


@dataclass
class Provenance(View):
    article_id: str
    originality: float
    agency: str | None
    sources: list[dict]
    paragraphs: list[dict]


@dataclass
class SearchHit(View):
    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str
    highlights: list[list[int]] = field(default_factory=list)   # [start, end) of each [term] in the snippet
    score: float = 0.0


@dataclass
class ErrorRecord(View):
    source: str
    locator: str
    message: str
    kind: str
    size: int | None
    raw_sha256: str | None
    raw_kept: int
    first_seen: str | None
    last_seen: str | None


@dataclass
class TemplateOutlet(View):
    outlet: str
    pages: int
    boilerplate_lines: int


@dataclass
class CoverageDay(View):
    day: str
    outlet: str | None
    articles: int


@dataclass
class OutletView(View):
    """An outlet as the outlets page shows it; `agencies` and `actors` are filled for one outlet's profile."""

    outlet: str | None
    articles: int
    first_seen: str | None
    last_seen: str | None
    original_share: float          # of its characters, the share not copied from an earlier article
    wire_articles: int             # articles mostly (over half) copied text
    agencies: dict[str, int] = field(default_factory=dict)
    actors: list[dict] = field(default_factory=list)


@dataclass(repr=False)
class Page:
    """One page of a listing: the items, and how many there are in all (for the API's pagination)."""

    items: list
    total: int
    limit: int
    offset: int

    def to_dict(self) -> dict:
        return {"items": [i.to_dict() for i in self.items], "total": self.total, "limit": self.limit,
                "offset": self.offset}

    def __repr__(self) -> str:
        shown = ", ".join(repr(i) for i in self.items[:3]) + (", …" if len(self.items) > 3 else "")
        first = self.offset + 1 if self.items else 0
        return f"Page({first}–{self.offset + len(self.items)} of {self.total}: [{shown}])"


# -- what the corpus stages read in one snapshot -------------------------------------------------------------
@dataclass
class CorpusDoc:
    id: str
    seq: int
    title: str | None
    body: str
    body_hash: str | None
    published: str | None
    outlet: str | None
    lang: str | None
    credits: list[str]
    dateline_agency: str | None = None


@dataclass
class MentionCount:
    """Mentions grouped by what an entity is called where: the input of the entity table."""

    entity_id: str
    type: str
    canonical: str
    name: str
    title: str | None
    outlet: str | None
    count: int


@dataclass
class StoredQuote:
    doc_id: str
    speaker: str | None
    speaker_entity_id: str | None
    content: str
    kind: str
    start: int


@dataclass
class PersonMention:
    doc_id: str
    entity_id: str
    canonical: str
    title: str | None
    descriptors: list[str]


@dataclass
class DayTime:
    doc_id: str
    start: int
    end: int
    text: str
    value: str
    type: str
