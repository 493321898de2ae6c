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
import difflib
import threading
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field

from .arabic.normalize import normalize
from .clean.templates import report
from .entities.names import name_key
from .store import open_store, redact
from .store.base import Filters, Store
from .store.search import QuerySyntaxError, parse
from .store.views import (ArticleRef, CoverageDay, DuplicatePair, EntityView, ErrorRecord, OutletView, Page,
                          Provenance, Story, StoredDocument, Storyline, TemplateOutlet)

KINDS = ("exact", "near", "wire")
TYPES = ("PER", "ORG", "LOC", "MISC")
MAX_LIMIT = 10_000
MEMOS = 2_048
LINE_STORIES = 200
LINE_ARTICLES = 500


class NotFound(LookupError):
    """What was asked for is not in the store; the message says what."""


@dataclass(repr=False)
class StoryDetail:
    """One story with its articles in full (CONTRACT: `marsad story ID`)."""

    story: Story
    articles: list[ArticleRef]

    def to_dict(self) -> dict:
        return {**self.story.to_dict(), "articles": [a.to_dict() for a in self.articles]}

    def __repr__(self) -> str:
        return f"StoryDetail({self.story!r}, articles=[{len(self.articles)} ArticleRef])"


@dataclass(repr=False)
class StorylineDetail:
    """One storyline: its stories in time order and the framing over them."""

    storyline: Storyline
    stories: list[Story]

    def to_dict(self) -> dict:
        return {**self.storyline.to_dict(), "stories": [
            {k: v for k, v in s.to_dict().items() if k in ("id", "title", "first_seen", "last_seen", "outlets",
                                                          "n_articles", "articles")} for s in self.stories]}

    def __repr__(self) -> str:
        return f"StorylineDetail({self.storyline!r}, stories=[{len(self.stories)} Story])"


@dataclass
class EntityDetail:
    entity: EntityView
    stories: list[Story]
    quotes: int

    def to_dict(self) -> dict:
        return {**self.entity.to_dict(), "stories": [{"id": s.id, "title": s.title, "first_seen": s.first_seen,
                                                      "last_seen": s.last_seen} for s in self.stories],
                "quotes": self.quotes}


@dataclass(repr=False)
class Digest:
    stats: dict[str, int]
    stories: list[Story]
    people: list[EntityView] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"stats": dict(self.stats), "stories": [s.to_dict() for s in self.stories],
                "people": [e.to_dict() for e in self.people]}

    def __repr__(self) -> str:
        return (f"Digest({self.stats.get('documents', 0):,} articles, {len(self.stories)} stories, "
                f"people={[e.canonical for e in self.people]})")


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
        self._names: tuple[str, dict[str, list[str]]] | None = None
        self._memos: OrderedDict[tuple, tuple[tuple, object]] = OrderedDict()
        self._memo_lock = threading.Lock()

    @classmethod
    def open(cls, path_or_url: str, *, readonly: bool = True) -> "Corpus":
        return cls(open_store(path_or_url, readonly=readonly))

    def close(self) -> None:
        self.store.close()

    def __repr__(self) -> str:
        s = self.stats()
        return (f"Corpus({redact(getattr(self.store, 'url', '?'))}: {s['documents']:,} articles, "
                f"{s['outlets']:,} outlets, {s['stories']:,} stories, {s['entities']:,} entities)")

    def __enter__(self) -> "Corpus":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- helpers -------------------------------------------------------------------------------------------
    def _filters(self, since, until, outlet, entity: str | None = None) -> Filters:
        since, until = _day(since, "since"), _day(until, "until")
        if since and until and since > until:
            raise ValueError(f"since ({since}) is after until ({until})")
        return Filters(since, until, self.outlet_name(outlet) if outlet else None,
                       self._known_entity(entity) if entity else None)

    def _known_entity(self, name: str) -> list[str]:
        """The ids an entity filter means; a name the corpus does not know is NotFound, not an empty listing."""
        ids = self.entity_ids(name)
        if not ids:
            raise NotFound(f"no entity {name!r} in this store (`marsad entities --name` lists spellings)")
        return ids

    def outlet_name(self, outlet: str) -> str:
        """The stored name an outlet filter means: as written, or the one name it is in matching form and any
        letter case ("بوابه النيل" is بوابة النيل, "AAWSAT" is aawsat). An outlet the store does not have is a
        ValueError that lists those it has, never a silent empty listing."""
        names = [o.outlet for o in self.outlets() if o.outlet]
        if outlet in names:
            return outlet
        keys = {n: _outlet_key(n) for n in names}
        wanted = _outlet_key(outlet)
        found = [n for n, k in keys.items() if k == wanted]
        if len(found) == 1:
            return found[0]
        near = difflib.get_close_matches(wanted, list(keys.values()), 3, 0.6)
        if near:
            close = [n for n, k in keys.items() if k in near]
            raise ValueError(f"no outlet {outlet!r} in this store; did you mean {' or '.join(close)}?")
        shown = "، ".join(names[:20]) + (f" … ({len(names)} in all: `marsad outlets`)" if len(names) > 20 else "")
        raise ValueError(f"no outlet {outlet!r} in this store; its outlets are: {shown or 'none'}")

    def remember(self, key: tuple, compute):
        """A read over much of the store (corpus counts, an entity's stories, coverage and company; a surface's own
        costly derivations), kept until a document is added or the corpus views are written again, for the MEMOS
        most recently used: a server answers the second visit of a page from memory, and never from a corpus
        that has changed since."""
        version = (self.store.max_seq(), self.store.entities_version(), self.store.stories_version())
        with self._memo_lock:
            hit = self._memos.get(key)
            if hit is not None and hit[0] == version:
                self._memos.move_to_end(key)
                return hit[1]
        value = compute()                    # outside the lock: two threads may compute it once each, no harm
        with self._memo_lock:
            self._memos[key] = (version, value)
            while len(self._memos) > MEMOS:
                self._memos.popitem(last=False)
        return value

    def _name_index(self) -> dict[str, list[str]]:
        """Name key (and entity id) → entity ids, kept until the entity table is written again: a server answers
        every page naming an entity without reading the whole table."""
        version = self.store.entities_version()
        if self._names is None or self._names[0] != version:
            index: dict[str, list[str]] = {}
            for eid, canonical, aliases in self.store.entity_names():
                for key in {eid, name_key(canonical), *(name_key(a) for a in aliases)}:
                    index.setdefault(key, []).append(eid)
            self._names = (version, index)
        return self._names[1]

    def entity_ids(self, name: str) -> list[str]:
        """Ids of the entities a name denotes, in any spelling the corpus gives them (or an entity id). A family
        name alone ("كوزنتسوف") that no article wrote alone means the one person of that family the corpus
        has; where it has several, the message names them (a filter must not mix two people silently)."""
        index = self._name_index()
        found = list(dict.fromkeys(index.get(name, []) + index.get(name_key(name), [])))
        if len(found) > 1 and len(name.split()) == 1 and name not in found:
            self._ambiguous(name, found)         # "سلمان": the King and ليلى سلمان are not one speaker
        if found or len(name.split()) != 1:
            return found
        family = self._family_index().get(name_key(name), {})
        if family:                       # people only: "الأوسط" ends الشرق الأوسط, and no one is called so
            people = self.store.entities("PER", list(family), len(family), 0).items
            family = {e.entity_id: e.canonical for e in people}
        if len(family) > 1:
            self._ambiguous(name, list(family))
        return list(family)

    def _ambiguous(self, name: str, ids: list[str]) -> None:
        """One word that names several entities is refused with their names and ids, never mixed silently."""
        named = self.store.entities(None, ids, len(ids), 0).items
        shown = "، ".join(f"{e.canonical} ({e.entity_id})" for e in named[:8])
        raise ValueError(f"{name!r} names {len(named)} entities here: {shown}; give the full name or the id")

    def _family_index(self) -> dict[str, dict[str, str]]:
        """Last name key → {entity id: canonical} of the corpus's names of two words or more."""
        def compute():
            index: dict[str, dict[str, str]] = {}
            for eid, canonical, aliases in self.store.entity_names():
                for full in {canonical, *aliases}:
                    words = full.split()
                    if len(words) >= 2:
                        index.setdefault(name_key(words[-1]), {})[eid] = canonical
            return index
        return self.remember(("families",), compute)

    def resolve(self, article_id: str) -> str:
        full = self.store.resolve_id(article_id)
        if full is None:
            raise NotFound(f"no single article with id starting {article_id!r} (a prefix must be long enough to "
                           f"name one), nor with that source id or URL")
        return full

    # -- reads ---------------------------------------------------------------------------------------------
    def stats(self) -> dict[str, int]:
        return dict(self.remember(("stats",), self.store.stats))

    def stories(self, *, since=None, until=None, outlet: str | None = None, entity: str | None = None,
                storyline: str | None = None, limit: int = 50, offset: int = 0) -> Page:
        _paging(limit, offset)
        ids = self._known_entity(entity) if entity else None
        return self.store.stories(self._filters(since, until, outlet), ids, storyline, limit, offset)

    def story(self, story_id: str) -> StoryDetail:
        story = self.store.story(story_id)
        if story is None:
            raise NotFound(f"no story {story_id!r}")
        return StoryDetail(story, self.store.articles(story.articles))

    def storylines(self, *, limit: int = 50, offset: int = 0) -> Page:
        _paging(limit, offset)
        return self.store.storylines(limit, offset)

    def storyline(self, line_id: str) -> StorylineDetail:
        """A storyline with its stories (the most recent LINE_STORIES) and its framing measured over their
        articles (the most recent LINE_ARTICLES)."""
        line = self.store.storyline(line_id)
        if line is None:
            raise NotFound(f"no storyline {line_id!r}")
        return self.remember(("storyline", line_id), lambda: self._storyline(line))

    def _storyline(self, line: Storyline) -> StorylineDetail:
        from .stories import inputs as story_inputs
        from .stories.framing import frames

        stories = [self.store.story(i) for i in self.store.line_stories(line.id, LINE_STORIES)]
        stories = sorted((s for s in stories if s), key=lambda s: (s.first_seen or "", s.id))
        docs = [d for s in reversed(stories) for d in s.articles][:LINE_ARTICLES]
        data = story_inputs.read(self.store, self.store.documents_by_id(docs))
        line.frames = frames(data.docs, data.people, data.quotes, {n for a in data.articles for _, n in a.entities})
        return StorylineDetail(line, stories)

    def entities(self, *, type: str | None = None, name: str | None = None, limit: int = 50,  # noqa: A002
                 offset: int = 0) -> Page:
        _paging(limit, offset)
        if type is not None and type.upper() not in TYPES:
            raise ValueError(f"type must be one of {', '.join(TYPES)}, got {type!r}")
        ids = self.entity_ids(name) if name else None
        return self.store.entities(type.upper() if type else None, ids, limit, offset)

    def entity(self, id_or_name: str) -> EntityDetail:
        return self.remember(("entity", id_or_name), lambda: self._entity(id_or_name))

    def _entity(self, id_or_name: str) -> EntityDetail:
        found = self.store.entities(None, self.entity_ids(id_or_name), 1, 0).items
        if not found:
            raise NotFound(f"no entity {id_or_name!r}")
        e = found[0]
        stories = self.store.entity_stories([e.entity_id], 20)
        quotes = self.store.quotes(Filters(), [e.entity_id], None, None, 0, 0).total
        return EntityDetail(e, stories, quotes)

    def quotes(self, *, entity: str | None = None, outlet: str | None = None, since=None, until=None,
               story: str | None = None, limit: int = 50, offset: int = 0) -> Page:
        """Statements, earliest first; `entity` is a name in any spelling (or an entity id)."""
        _paging(limit, offset)
        ids = self.entity_ids(entity) if entity else None
        page = self.store.quotes(self._filters(since, until, outlet), ids, entity, story, limit, offset)
        if entity and not ids and not page.total and not self.store.quotes(Filters(), None, entity, None, 1, 0).total:
            raise NotFound(f"no entity or speaker {entity!r} in this store (`marsad entities --name` lists spellings)")
        stories = self.store.stories_of_docs(list({q.article_id for q in page.items}))
        for q in page.items:
            q.story = stories.get(q.article_id)
        return page

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

    def search(self, query: str, *, outlet: str | None = None, since=None, until=None, entity: str | None = None,
               limit: int = 20, offset: int = 0) -> Page:
        """Raises QuerySyntaxError (a ValueError) with a message for a malformed query; `entity` keeps the
        articles that mention it (a name in any spelling, or an entity id)."""
        _paging(limit, offset)
        return self.store.search(parse(query), self._filters(since, until, outlet, entity), limit, offset)

    def articles(self, *, outlet: str | None = None, since=None, until=None, entity: str | None = None,
                 limit: int = 50, offset: int = 0) -> Page:
        """Articles (ArticleRef), latest first."""
        _paging(limit, offset)
        f = self._filters(since, until, outlet, entity)
        return self.store.list_articles(f, f.entity_ids, limit, offset)

    def latest_day(self) -> str | None:
        """The publication day of the latest dated article: where "the latest stories" end."""
        def compute():
            latest = self.store.list_articles(Filters(), None, 1, 0).items
            return latest[0].published[:10] if latest and latest[0].published else None
        return self.remember(("latest_day",), compute)

    def coverage(self, *, outlet: str | None = None, since=None, until=None, entity: str | None = None,
                 story: str | None = None) -> list[CoverageDay]:
        """Dated articles per day and outlet: of the corpus, of an entity or of one story."""
        f = self._filters(since, until, outlet, entity)
        docs = self.story(story).story.articles if story else None
        ids = None if f.entity_ids is None else tuple(f.entity_ids)
        return self.remember(("coverage", f.since, f.until, f.outlet, ids, story),
                          lambda: self.store.coverage(f, f.entity_ids, docs))

    def related(self, entity: str, limit: int = 12) -> list[tuple[EntityView, int]]:
        """The entities most often named in the same articles as this one, with the articles they share."""
        def compute():
            pairs = self.store.related_entities(self.entity_ids(entity), limit)
            found = {e.entity_id: e for e in self.store.entities(None, [eid for eid, _ in pairs], limit, 0).items}
            return [(found[eid], n) for eid, n in pairs if eid in found]
        return self.remember(("related", entity, limit), compute)

    def outlets(self) -> list[OutletView]:
        return list(self.remember(("outlets",), self.store.outlets))

    def outlet(self, name: str) -> OutletView:
        found = self.store.outlet_profile(name)
        if found is None:
            raise NotFound(f"no outlet {name!r}")
        found.agencies = {k: v for k, v in found.agencies.items() if k != name}
        return found

    def article(self, article_id: str) -> StoredDocument:
        doc = self.store.document(self.resolve(article_id))
        if doc is None:
            raise NotFound(f"no article {article_id!r}")
        doc.story = self.store.stories_of_docs([doc.id]).get(doc.id)
        return doc

    def raw(self, article_id: str) -> bytes:
        try:
            return self.store.raw_bytes(self.resolve(article_id))
        except KeyError:
            raise NotFound(f"no raw bytes for article {article_id!r}") from None

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


def _outlet_key(name: str) -> str:
    return " ".join(normalize(name).casefold().split())


def open(path_or_url: str, *, readonly: bool = True) -> Corpus:  # noqa: A001 - marsad.open, as the contract names it
    """A stored corpus (SQLite file or postgresql:// URL) to read: `marsad.open("news.db").stories(...)`."""
    return Corpus.open(path_or_url, readonly=readonly)


__all__ = ["Corpus", "NotFound", "QuerySyntaxError", "StoryDetail", "EntityDetail", "Digest", "DuplicatePair",
           "open"]
