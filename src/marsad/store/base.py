"""The store interface: everything Marsad keeps, behind one small typed surface.

Two backends implement it: `sqlite.py` (one embedded file, the default) and `postgres.py` (the shared server
a newsroom runs). Everything above the store (the executors, the corpus stages, the query layer, the CLI,
the HTTP API) talks to this interface only, and gets dataclasses back (`views.py`), never rows. The store
itself imports only `document.py` and `arabic/`: it knows how to keep and find things, not how they are
computed; thresholds and rules stay with the stages that own them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass

from ..document import InputError
from .records import Record
from .search import Query
from .views import (ArticleRef, CorpusDoc, CoverageDay, DayTime, DuplicatePair, EntityView, ErrorRecord,
                    MentionCount, OutletView, Page, PersonMention, Provenance, Story, StoredDocument, StoredQuote,
                    Storyline)


class StoreError(RuntimeError):
    """A store that cannot be used as asked (missing, unreachable, of another schema); the message says why."""


class SchemaError(StoreError):
    pass


class MissingStore(StoreError, FileNotFoundError):
    pass


@dataclass
class StoredInput:
    """What a stored document was read from, to process it again from its raw bytes."""

    raw: bytes
    source: str
    format: str
    locator: str | None
    hints: dict
    published: str | None
    published_source: str | None
    outlet: str | None
    outlet_source: str | None


@dataclass
class DedupEntry:
    """A document as the duplicate index holds it: its own integer key (not a backend's row number), the body
    hash it was indexed with (a changed body is taken out and indexed again) and its place in time."""

    doc_id: str
    key: int
    body_hash: str | None
    sort_key: str
    seq: int


@dataclass
class DedupCandidate:
    doc_id: str
    seq: int
    body: str
    published: str | None
    body_hash: str | None


@dataclass
class Filters:
    """Filters every listing understands; None means no filter. Dates are ISO days, both ends included."""

    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    entity_ids: list[str] | None = None    # articles that mention one of these (search, quotes, articles)


class Store(ABC):
    url: str
    readonly: bool

    # -- lifecycle, transactions, locks --------------------------------------------------------------------
    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @abstractmethod
    def migrate(self) -> int:
        """Bring the schema to this Marsad's version (numbered migrations); returns the version."""

    @abstractmethod
    def transaction(self) -> AbstractContextManager:
        """One write transaction for the calls inside it (re-entrant: an inner one joins the outer)."""

    @abstractmethod
    def snapshot(self) -> AbstractContextManager:
        """One consistent read view for the reads inside it, while other processes keep writing."""

    @abstractmethod
    def corpus_lock(self) -> AbstractContextManager:
        """Held while the corpus stages run: two ingests never update the corpus views at the same time."""

    # -- runs and errors -----------------------------------------------------------------------------------
    @abstractmethod
    def start_run(self, command: str, args: dict) -> int: ...

    @abstractmethod
    def finish_run(self, run_id: int, *, added: int, skipped: int, failed: int, status: str) -> None: ...

    @abstractmethod
    def close_stale_runs(self, alive: Callable[[dict], bool]) -> int:
        """Runs still marked running whose process is gone (`alive(args)` is False: killed with -9, the
        machine lost power) are marked interrupted, with the documents and errors they stored counted.
        Returns how many."""

    @abstractmethod
    def add_errors(self, errors: Iterable[InputError | tuple[str, str, str | None, str]],
                   run_id: int | None = None) -> None:
        """Record failed inputs and notes, (source, message, locator, kind); idempotent per input and message."""

    @abstractmethod
    def errors(self, limit: int = 1000, offset: int = 0) -> list[ErrorRecord]: ...

    # -- documents in ---------------------------------------------------------------------------------------
    @abstractmethod
    def known_ids(self, ids: Iterable[str]) -> set[str]: ...

    @abstractmethod
    def add_records(self, records: list[Record], run_id: int | None = None,
                    failures: list[InputError] | None = None) -> list[str]:
        """Store new documents with their spans and search terms, their notes and the batch's failed inputs,
        all in one transaction. Documents already stored are skipped. Returns the ids that were new."""

    @abstractmethod
    def replace_records(self, records: list[Record], keep_indexed: bool = True) -> int:
        """Replace the analysis of stored documents (same id and raw bytes); returns how many were replaced. A
        changed body's indexed text is kept for the duplicate index (`dedup_retired`) unless `keep_indexed` is
        False (reprocessing everything: the index is rebuilt anyway)."""

    @abstractmethod
    def delete_documents(self, ids: list[str]) -> int: ...

    # -- documents out --------------------------------------------------------------------------------------
    @abstractmethod
    def document(self, doc_id: str) -> StoredDocument | None: ...

    @abstractmethod
    def iter_documents(self, spans: bool = True, outlet: str | None = None) -> Iterator[StoredDocument]:
        """Every stored document in ingestion order, read in batches."""

    @abstractmethod
    def document_ids(self, outlet: str | None = None) -> list[str]: ...

    @abstractmethod
    def articles(self, ids: list[str]) -> list[ArticleRef]:
        """Title, outlet and date of these articles, by publication date."""

    @abstractmethod
    def resolve_id(self, prefix: str) -> str | None:
        """The one document whose id starts so, or else whose source id (a JSON Lines record's id, a file path)
        or URL is `prefix`; None where none or several are."""

    @abstractmethod
    def raw_bytes(self, doc_id: str) -> bytes: ...

    @abstractmethod
    def stored_input(self, doc_id: str) -> StoredInput: ...

    @abstractmethod
    def count_documents(self) -> int: ...

    @abstractmethod
    def stats(self) -> dict[str, int]: ...

    # -- search ---------------------------------------------------------------------------------------------
    @abstractmethod
    def search(self, query: Query, filters: Filters | None = None, limit: int = 20,
               offset: int = 0) -> Page:
        """Articles matching the query, best first (BM25, the same figures on every backend): a Page of
        SearchHit."""

    # -- outlet templates -----------------------------------------------------------------------------------
    @abstractmethod
    def count_template_lines(self) -> set[str]:
        """Count the lines of documents stored since the last call per outlet (each article body once per
        outlet). Returns the outlets whose counts changed."""

    @abstractmethod
    def template_line_counts(self, floors: dict[str, int]) -> list[tuple[str, str, int, int, int]]:
        """(outlet, line hash, pages with it, its words, the outlet's pages) of the lines of these outlets seen on
        at least their floor of pages; ordered by outlet and hash."""

    @abstractmethod
    def template_outlets(self, outlet: str | None = None) -> list[tuple[str, int]]:
        """(outlet, pages counted), most pages first."""

    @abstractmethod
    def line_records(self, outlet: str | None, after: int = 0) -> Iterator[tuple[str, list]]:
        """(document id, its line records [n, role, hash, words]) of one outlet's documents, or of documents
        with no outlet when `outlet` is None; only those stored after the mark `after` when it is given."""

    @abstractmethod
    def templates_mark(self) -> int:
        """The last document the template counts have read."""

    @abstractmethod
    def reset_templates(self) -> None:
        """Forget the template counts and the corpus high-water marks (after reprocessing everything)."""

    @abstractmethod
    def corpus_dirty(self) -> bool:
        """Whether documents exist that the corpus views do not cover yet."""

    # -- the duplicate index ---------------------------------------------------------------------------------
    @abstractmethod
    def dedup_pending(self) -> tuple[list[DedupEntry], list[DedupCandidate]]:
        """(indexed entries whose document is gone or whose body changed, documents to index)."""

    @abstractmethod
    def dedup_outdated(self, version: bytes) -> bool:
        """Whether the index holds documents and was written by another version of it (it is then rebuilt)."""

    @abstractmethod
    def dedup_load(self) -> tuple[dict[str, bytes], list[DedupEntry]]:
        """The persisted index (named blobs) and every entry it holds (seq 0 when the document is gone)."""

    @abstractmethod
    def dedup_bodies(self, keys: list[int]) -> dict[int, str]: ...

    @abstractmethod
    def dedup_remove(self, doc_ids: list[str]) -> set[str]:
        """Take documents out of the index, with their pairs and provenance. Returns the documents that were
        paired with them (their provenance must be computed again)."""

    @abstractmethod
    def dedup_retired(self, doc_ids: list[str]) -> dict[str, tuple[str, str]]:
        """(body hash, body) the index holds of these documents, re-cleaned or deleted since it last ran, where
        the store kept it."""

    @abstractmethod
    def dedup_save(self, entries: list[DedupEntry], pairs: list[DuplicatePair], state: dict[str, bytes],
                   drop: list[str] | None = None) -> None:
        """Record newly indexed documents, their pairs and what changed in the index's state (named blobs written,
        `drop`: names no longer part of it); forget the retired texts."""

    @abstractmethod
    def earlier_related(self, doc_ids: list[str]) -> list[tuple[str, str]]:
        """(a, b) pairs whose later member b is one of these documents."""

    @abstractmethod
    def later_related(self, doc_ids: list[str]) -> list[tuple[str, str]]:
        """(a, b) pairs whose earlier member a is one of these documents."""

    @abstractmethod
    def provenance_inputs(self, doc_ids: list[str]) -> list[CorpusDoc]:
        """These documents with what provenance reads: body, outlet, credits, dateline agency, date, place in time."""

    @abstractmethod
    def put_provenance(self, doc_ids: list[str], rows: list[Provenance]) -> None:
        """Replace the provenance of these documents (those without a row have none)."""

    # -- what the corpus stages read (inside `snapshot()`) and write ----------------------------------------------
    @abstractmethod
    def max_seq(self) -> int: ...

    @abstractmethod
    def corpus_documents(self, upto: int, after: int = 0) -> list[CorpusDoc]:
        """Documents stored after ingestion number `after`, up to `upto`, in that order."""

    @abstractmethod
    def documents_by_id(self, doc_ids: list[str]) -> list[CorpusDoc]: ...

    @abstractmethod
    def search_terms(self, upto: int, lang: str = "ar", doc_ids: list[str] | None = None
                     ) -> dict[str, tuple[str, str]]:
        """document id → (title terms, body terms) of the search index (of the given documents only)."""

    @abstractmethod
    def all_duplicates(self, doc_ids: list[str] | None = None) -> list[DuplicatePair]:
        """Duplicate pairs (those with one of the given documents on either side)."""

    @abstractmethod
    def originality(self, doc_ids: list[str] | None = None) -> dict[str, tuple[float, str | None]]: ...

    @abstractmethod
    def mention_counts(self, entity_ids: list[str] | None = None, docs: tuple[int, int] | None = None,
                       doc_ids: list[str] | None = None) -> list[MentionCount]:
        """Mentions counted by entity, type, canonical, name, title and outlet: of these entities (or all), of
        the documents stored between two marks (`docs`: after the first, up to the second), or of these
        documents (`doc_ids`)."""

    @abstractmethod
    def entity_counts(self, entity_ids: list[str] | None = None, docs: tuple[int, int] | None = None,
                      doc_ids: list[str] | None = None) -> dict[str, tuple[int, int]]:
        """entity id → (mentions, articles), as `mention_counts` selects."""

    @abstractmethod
    def count_changes(self) -> tuple[list[MentionCount], dict[str, tuple[int, int]]]:
        """What documents analysed again or deleted since the entity table last ran took off its counts (negative):
        by the rows of `counted_mentions`, and entity id → (mentions, articles)."""

    @abstractmethod
    def redone_documents(self) -> list[str]:
        """Documents the entity table had counted that were analysed again since it last ran."""

    @abstractmethod
    def speaker_entities(self, docs: tuple[int, int], doc_ids: list[str]) -> set[str]:
        """The entities that speak in the documents stored between two marks and in these documents."""

    @abstractmethod
    def counted_mentions(self, entity_ids: list[str]) -> list[MentionCount]:
        """The counts the entity table was last written with (`write_entities`), for these entities."""

    @abstractmethod
    def entity_totals(self, entity_ids: list[str]) -> dict[str, tuple[int, int]]:
        """entity id → (mentions, articles) as the entity table holds them."""

    @abstractmethod
    def entities_mark(self) -> int:
        """The last document the entity table has counted."""

    @abstractmethod
    def stored_quotes(self, doc_ids: list[str] | None = None) -> list[StoredQuote]: ...

    @abstractmethod
    def person_mentions(self, doc_ids: list[str] | None = None) -> list[PersonMention]: ...

    @abstractmethod
    def entity_mentions(self, doc_ids: list[str]) -> list[tuple[str, str, str]]:
        """(document, type, corpus name) of the documents' linked mentions."""

    @abstractmethod
    def day_times(self, doc_ids: list[str] | None = None) -> list[DayTime]: ...

    # -- entity linking, incrementally (store/sql_links.py) ---------------------------------------------------
    @abstractmethod
    def local_names(self) -> list[tuple[str, str, str, int]]:
        """(local entity id, type, local canonical, mentions): the names the linked mentions had in their articles,
        counted."""

    @abstractmethod
    def pending_names(self, mark: int) -> list[tuple[str, str, str, int]]:
        """The same for mentions not linked yet, of documents stored up to `mark` (positive counts), and for
        linked mentions removed since the last run (negative counts)."""

    @abstractmethod
    def role_titles(self, months: list[str] | None = None) -> list[tuple[str, str, str, str, int]]:
        """(local canonical, title, the word before the title or "", month "YYYY-MM" or "", mentions) of the linked
        mentions of people named with a title that may hold a role ("ولي العهد الأمير"): what resolves the
        title-only references articles left open. `months`: of those months only."""

    @abstractmethod
    def role_months(self, canonicals: list[str]) -> set[str]:
        """The months `role_titles` counts these names in."""

    # where each linked name goes (`link_keys`, entities/relink.py): rows of store/sql_links.KEY_COLUMNS
    @abstractmethod
    def links_ready(self) -> bool:
        """Does the store keep where every linked name goes (so that linking can update from a batch)?"""

    @abstractmethod
    def link_keys(self, column: str, values) -> list[tuple]:
        """The rows of the names whose `column` (local_entity_id, direct, target or stem) is one of `values`."""

    @abstractmethod
    def near_link_keys(self, given: set[str], family: set[str]) -> list[tuple]:
        """The rows of the persons' names (roles aside) with one of these given names or family names, and of the
        one-word names that are one of these family names."""

    @abstractmethod
    def role_link_keys(self, months: list[str] | None) -> list[tuple]:
        """The rows of the roles left open, of these months and of none (all when `months` is None)."""

    @abstractmethod
    def name_rows(self, local_ids) -> list[tuple[str, str, str, int]]:
        """`local_names` of these local entities."""

    @abstractmethod
    def links_of(self, local_ids) -> dict[str, tuple[str | None, str]]:
        """`entity_links` of these local entities."""

    @abstractmethod
    def pending_role_titles(self, mark: int) -> list[tuple[str, str, str, str, int]]:
        """The same for mentions not linked yet, of documents stored up to `mark` (positive counts), and for
        linked mentions removed since the last run (negative counts)."""

    @abstractmethod
    def entity_links(self) -> dict[str, tuple[str | None, str]]:
        """local entity id → (corpus entity id, or None for a name left unresolved; canonical)."""

    @abstractmethod
    def commit_links(self, mark: int, pending: list[tuple[str, str, str, int]],
                     changed: dict[str, tuple[str | None, str]], gone: list[str], touched: set[str],
                     roles: list[tuple[str, str, str, str, int]] = (),
                     keys: tuple[list[tuple], list[str]] | None = None, all_keys: bool = False) -> int:
        """In one transaction: add the pending counts (of names, and of `roles`: `pending_role_titles`), store the
        links that changed (and drop the `gone` ones), move the mentions and speakers of changed links, link the
        pending mentions and speakers, and note the entities whose table row must be counted again (`touched`, and
        those the new mentions link to). `keys`: the `link_keys` rows to write and the names to drop from it
        (`all_keys`: every name's rows, and the table is ready); None empties the table (the next run links the
        whole store). Returns how many mentions carry another entity than their article gave them."""

    @abstractmethod
    def linked_mentions(self) -> int:
        """How many mentions carry another entity than their article gave them."""

    @abstractmethod
    def reset_links(self) -> None:
        """Every mention back to what its article said, nothing linked: the next run links the whole store."""

    @abstractmethod
    def touched_entities(self) -> list[str] | None:
        """Entities whose table row must be counted again; None when the whole table must be."""

    @abstractmethod
    def write_entities(self, entities: list[EntityView], only: list[str] | None = None,
                       counts: list[MentionCount] | None = None, mark: int | None = None) -> None:
        """The entity table, whole, or (`only`) the rows of these entities replaced by `entities`, with the counts
        they were made from; `mark`: the last document counted."""

    # -- stories, incrementally (store/sql_stories.py) -----------------------------------------------------------
    @abstractmethod
    def storyline(self, line_id: str) -> Storyline | None: ...

    @abstractmethod
    def story_counts(self) -> tuple[int, int]:
        """(stories, storylines)."""

    @abstractmethod
    def stories_version(self) -> str:
        """Changes whenever the stories are written."""

    @abstractmethod
    def story_mark(self) -> int:
        """The last ingestion number the stories have placed."""

    @abstractmethod
    def story_states(self, first_day: int, last_day: int, undated: bool = False) -> list:
        """The stories (StoredStoryState) whose event days reach into the range; those written with their lookup
        come with their profile's JSON text unparsed."""

    @abstractmethod
    def story_states_by_id(self, story_ids: list[str], days: tuple[int, int] | None = None) -> list:
        """These stories (StoredStoryState); with `days`, only the undated ones and those whose event days reach
        into that range."""

    @abstractmethod
    def story_lines_by_id(self, story_ids: list[str]) -> dict[str, str | None]:
        """Each of these stories' storyline (None: in none), without reading its profile."""

    @abstractmethod
    def stories_by_keys(self, keys: list[str], per_key: int = 50) -> list[str]:
        """Stories found by their central actors, however long ago."""

    @abstractmethod
    def stories_of_docs(self, doc_ids: list[str]) -> dict[str, str]: ...

    @abstractmethod
    def story_members(self, story_ids: list[str]) -> dict[str, list[str]]: ...

    @abstractmethod
    def storyline_profiles(self, line_ids: list[str]) -> dict[str, dict]: ...

    @abstractmethod
    def line_stories(self, line_id: str, limit: int = 200) -> list[str]: ...

    @abstractmethod
    def save_stories(self, changed: list, placements: list[tuple[str, str, str]], lines: list, mark: int, *,
                     replace: bool = False) -> None:
        """Writes what a stories run changed (StoryWrite), in one transaction."""

    @abstractmethod
    def stories(self, filters: Filters, entity_ids: list[str] | None = None, storyline: str | None = None,
                limit: int = 50, offset: int = 0) -> Page: ...

    @abstractmethod
    def story(self, story_id: str) -> Story | None: ...

    @abstractmethod
    def storylines(self, limit: int = 50, offset: int = 0) -> Page: ...

    @abstractmethod
    def entities(self, type_: str | None = None, entity_ids: list[str] | None = None, limit: int = 50,
                 offset: int = 0) -> Page: ...

    @abstractmethod
    def entities_version(self) -> str:
        """Changes whenever the entity table is written: readers may keep what they derived from it till then."""

    @abstractmethod
    def entity_names(self) -> list[tuple[str, str, list[str]]]:
        """(entity id, canonical, aliases) of every entity: what a name typed by a user is matched against."""

    @abstractmethod
    def quotes(self, filters: Filters, entity_ids: list[str] | None = None, speaker: str | None = None,
               story: str | None = None, limit: int = 50, offset: int = 0) -> Page: ...

    @abstractmethod
    def duplicates(self, kind: str | None = None, article: str | None = None, limit: int = 1000,
                   offset: int = 0) -> Page: ...

    @abstractmethod
    def provenance(self, doc_id: str) -> Provenance | None:
        """None when the article is not stored; an article that shares nothing is all its own."""

    # -- reads for the web pages ----------------------------------------------------------------------------
    @abstractmethod
    def list_articles(self, filters: Filters, entity_ids: list[str] | None = None, limit: int = 50,
                      offset: int = 0) -> Page:
        """Articles (ArticleRef), latest first."""

    @abstractmethod
    def coverage(self, filters: Filters, entity_ids: list[str] | None = None,
                 doc_ids: list[str] | None = None) -> list[CoverageDay]:
        """Dated articles per day and outlet."""

    @abstractmethod
    def related_entities(self, entity_ids: list[str], limit: int = 12) -> list[tuple[str, int]]:
        """(entity id, articles shared) of the entities most often in the same articles as these."""

    @abstractmethod
    def entity_stories(self, entity_ids: list[str], limit: int = 20) -> list[Story]:
        """The stories of an entity's latest articles (a bounded sample), latest first."""

    @abstractmethod
    def outlets(self, outlet: str | None = None) -> list[OutletView]: ...

    @abstractmethod
    def outlet_profile(self, outlet: str, actors: int = 12) -> OutletView | None: ...
