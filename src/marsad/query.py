"""The query layer: every read of a stored corpus, with filters and pagination, in one place.

The CLI prints what this returns, the HTTP API serves it, and it is the Python API to a stored corpus:

    import marsad
    with marsad.open("news.db") as corpus:             # or "postgresql://user@host/news"
        for story in corpus.stories(since="2020-01-01", outlet="الجزيرة").items:
            print(story.title, story.outlets)
        corpus.quotes(entity="فايز السراج", limit=20)       # any spelling of the name
        corpus.search('"وقف إطلاق النار" ليبيا -تونس')

Listings return a `Page` (items, total, limit, offset); single reads return a dataclass or raise `NotFound`.
Arguments are checked here, with messages for a person (`ValueError`), so no surface has to repeat the checks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from .clean.templates import report
from .entities.names import name_key
from .store import open_store
from .store.base import Filters, Store
from .store.search import QuerySyntaxError, parse
from .store.views import (ArticleRef, DuplicatePair, EntityView, ErrorRecord, Page, Provenance, Story,
                          StoredDocument, TemplateOutlet)

KINDS = ("exact", "near", "wire")
TYPES = ("PER", "ORG", "LOC", "MISC")
MAX_LIMIT = 10_000


class NotFound(LookupError):
    """What was asked for is not in the store; the message says what."""


@dataclass
class StoryDetail:
    """One story with its articles in full (CONTRACT: `marsad story ID`)."""

    story: Story
    articles: list[ArticleRef]

    def to_dict(self) -> dict:
        return {**self.story.to_dict(), "articles": [a.to_dict() for a in self.articles]}


@dataclass
class EntityDetail:
    entity: EntityView
    stories: list[Story]
    quotes: int

    def to_dict(self) -> dict:
        return {**self.entity.to_dict(), "stories": [{"id": s.id, "title": s.title, "first_seen": s.first_seen,
                                                      "last_seen": s.last_seen} for s in self.stories],
                "quotes": self.quotes}


@dataclass
class Digest:
    stats: dict[str, int]
    stories: list[Story]
    people: list[EntityView] = field(default_factory=list)


def _day(value: str | dt.date | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ValueError(f"{name} expects a date as YYYY-MM-DD, got {value!r}") from None


def _paging(limit: int, offset: int) -> None:
    if not 0 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be between 0 and {MAX_LIMIT:,}, got {limit}")
    if offset < 0:
        raise ValueError(f"offset must be 0 or more, got {offset}")


class Corpus:
    """A stored corpus, read."""

    def __init__(self, store: Store):
        self.store = store

    @classmethod
    def open(cls, path_or_url: str, *, readonly: bool = True) -> "Corpus":
        return cls(open_store(path_or_url, readonly=readonly))

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Corpus":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- helpers -------------------------------------------------------------------------------------------
    def _filters(self, since, until, outlet) -> Filters:
        since, until = _day(since, "since"), _day(until, "until")
        if since and until and since > until:
            raise ValueError(f"since ({since}) is after until ({until})")
        return Filters(since, until, outlet or None)

    def entity_ids(self, name: str) -> list[str]:
        """Ids of the entities a name denotes, in any spelling the corpus gives them (or an entity id)."""
        key = name_key(name)
        ids = []
        for eid, canonical, aliases in self.store.entity_names():
            if name == eid or key == name_key(canonical) or key in {name_key(a) for a in aliases}:
                ids.append(eid)
        return ids

    def resolve(self, article_id: str) -> str:
        full = self.store.resolve_id(article_id)
        if full is None:
            raise NotFound(f"no single article with id starting {article_id!r}")
        return full

    # -- reads ---------------------------------------------------------------------------------------------
    def stats(self) -> dict[str, int]:
        return self.store.stats()

    def stories(self, *, since=None, until=None, outlet: str | None = None, entity: str | None = None,
                storyline: str | None = None, limit: int = 50, offset: int = 0) -> Page:
        _paging(limit, offset)
        ids = self.entity_ids(entity) if entity else None
        return self.store.stories(self._filters(since, until, outlet), ids, storyline, limit, offset)

    def story(self, story_id: str) -> StoryDetail:
        story = self.store.story(story_id)
        if story is None:
            raise NotFound(f"no story {story_id!r}")
        return StoryDetail(story, self.store.articles(story.articles))

    def storylines(self, *, limit: int = 50, offset: int = 0) -> Page:
        _paging(limit, offset)
        return self.store.storylines(limit, offset)

    def entities(self, *, type: str | None = None, name: str | None = None, limit: int = 50,  # noqa: A002
                 offset: int = 0) -> Page:
        _paging(limit, offset)
        if type is not None and type.upper() not in TYPES:
            raise ValueError(f"type must be one of {', '.join(TYPES)}, got {type!r}")
        ids = self.entity_ids(name) if name else None
        return self.store.entities(type.upper() if type else None, ids, limit, offset)

    def entity(self, id_or_name: str) -> EntityDetail:
        found = self.store.entities(None, self.entity_ids(id_or_name), 1, 0).items
        if not found:
            raise NotFound(f"no entity {id_or_name!r}")
        e = found[0]
        stories = self.store.stories(Filters(), [e.entity_id], None, 20, 0).items
        quotes = self.store.quotes(Filters(), [e.entity_id], None, None, 0, 0).total
        return EntityDetail(e, stories, quotes)

    def quotes(self, *, entity: str | None = None, outlet: str | None = None, since=None, until=None,
               story: str | None = None, limit: int = 50, offset: int = 0) -> Page:
        """Statements, earliest first; `entity` is a name in any spelling (or an entity id)."""
        _paging(limit, offset)
        ids = self.entity_ids(entity) if entity else None
        return self.store.quotes(self._filters(since, until, outlet), ids, entity, story, limit, offset)

    def duplicates(self, *, kind: str | None = None, article: str | None = None, limit: int = 1000,
                   offset: int = 0) -> Page:
        _paging(limit, offset)
        if kind is not None and kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
        return self.store.duplicates(kind, self.resolve(article) if article else None, limit, offset)

    def provenance(self, article_id: str) -> Provenance:
        full = self.resolve(article_id)
        found = self.store.provenance(full)
        if found is None:
            raise NotFound(f"no article {article_id!r}")
        return found

    def search(self, query: str, *, outlet: str | None = None, since=None, until=None, limit: int = 20,
               offset: int = 0) -> Page:
        """Raises QuerySyntaxError (a ValueError) with a message for a malformed query."""
        _paging(limit, offset)
        return self.store.search(parse(query), self._filters(since, until, outlet), limit, offset)

    def article(self, article_id: str) -> StoredDocument:
        doc = self.store.document(self.resolve(article_id))
        if doc is None:
            raise NotFound(f"no article {article_id!r}")
        return doc

    def raw(self, article_id: str) -> bytes:
        return self.store.raw_bytes(self.resolve(article_id))

    def documents(self, *, spans: bool = True, outlet: str | None = None) -> Iterator[StoredDocument]:
        return self.store.iter_documents(spans, outlet)

    def errors(self, *, limit: int = 1000, offset: int = 0) -> list[ErrorRecord]:
        _paging(limit, offset)
        return self.store.errors(limit, offset)

    def templates(self, outlet: str | None = None) -> list[TemplateOutlet]:
        return [TemplateOutlet(**r) for r in report(self.store, outlet)]

    def digest(self, stories: int = 8, people: int = 10) -> Digest:
        return Digest(self.stats(), self.store.stories(Filters(), None, None, stories, 0).items,
                      self.store.entities("PER", None, people, 0).items)


def open(path_or_url: str, *, readonly: bool = True) -> Corpus:  # noqa: A001 - marsad.open, as the contract names it
    """A stored corpus (SQLite file or postgresql:// URL) to read: `marsad.open("news.db").stories(...)`."""
    return Corpus.open(path_or_url, readonly=readonly)


__all__ = ["Corpus", "NotFound", "QuerySyntaxError", "StoryDetail", "EntityDetail", "Digest", "DuplicatePair",
           "open"]
