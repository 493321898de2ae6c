"""Per-document stages and their composition.

Each stage is a plain function `Document -> Document` that reads what earlier stages set and fills its own
fields; `process` runs them in order and turns an exception in one stage into a recorded error on the
document instead of a crash, so one odd page never stops a batch. Stages are pure functions of the
document (plus read-only resources loaded once per process), so any executor can run them and re-running
gives the same result.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import re
import signal
import threading
import time
import traceback
from collections.abc import Callable

from .arabic.hashes import body_hash
from .arabic.normalize import arabic_ratio, clean_display, normalize, safe_text
from .arabic.segment import index_line, index_terms, sentences, word_spans
from .clean import html_page, metadata, templates, text_page
from .config import alias_key
from .document import Document, ProcessingError
from .entities.names import entity_key
from .entities.national import dateline_country
from .entities.recognize import recognize, recognize_many
from .entities.roles import parse_role_name, role_name
from .quotes.attribution import attribute
from .readers.decode import DecodeError, decode
from .readers.sources import looks_like_html
from .timex.events import infer_published
from .timex.tagger import drop_inside, find_times

PIPELINE_VERSION = "0.1.0"
ANALYSED_CHARS = 600_000            # see `analysed`: ten times the longest articles we have seen
ANALYSED_WORDS = 100_000
MAX_LINES = 20_000                  # see `_unclassified`
STAGE_BUDGET_S = 20.0               # see `_budget`
ESSENTIAL = ("decode", "index")     # stages a document cannot be stored without: never cut short
HINT_TEXTS = ("title", "url", "outlet", "published", "id", "byline", "outlet_given")
Stage = Callable[[Document], Document]
_PERSIAN = re.compile("[پچژگکی]")
ARABIC_VARIETIES = {"arz", "ary", "apc", "acm", "afb", "ajp", "aeb", "acq", "ayl", "arq", "ars", "apd", "abv"}


class FatalInputError(Exception):
    """The input cannot become a document at all (not text). Recorded as an input error."""


def entity_id(etype: str, canonical: str) -> str:
    """Stable id of a canonical entity: the same name in its spelling variants (names.name_key: hamza, yaa,
    غ/ج/ق, long vowels of transliterated names) gets the same id."""
    return key_entity_id(etype, entity_key(etype, canonical))


def key_entity_id(etype: str, key: str) -> str:
    """The id of the entity whose names have this key (entities/relink.py finds names by it)."""
    return hashlib.sha1(f"{etype}|{key}".encode()).hexdigest()[:12]


# -- stages ---------------------------------------------------------------------------------------------
def decode_stage(doc: Document) -> Document:
    if "content" in doc.hints:          # JSON Lines: the text is already a string
        text, enc = doc.hints["content"], "utf-8"
    else:
        try:
            text, enc = decode(doc.raw, doc.hints.get("charset"))
        except DecodeError as exc:
            raise FatalInputError(str(exc)) from None
    # control characters and lone surrogates are never text (safe_text says why), removed once, here
    text = clean_display(safe_text(text.replace("\r\n", "\n").replace("\r", "\n")))
    if not text.strip():
        raise FatalInputError("empty document after decoding")
    doc.text, doc.encoding = text, enc
    for key in HINT_TEXTS:                  # metadata from the container is outside text too
        if isinstance(doc.hints.get(key), str):
            doc.hints[key] = safe_text(doc.hints[key])
    doc.url = doc.url or doc.hints.get("url")
    for warning in doc.hints.get("reader_warnings", ()):
        doc.errors.append(ProcessingError(doc.source, warning, kind="warning"))
    return doc


def _is_html(doc: Document) -> bool:
    return doc.format == "html" or bool(doc.hints.get("content_is_html"))


def _paragraphs(body: str) -> list[str]:
    return [p for p in body.split("\n") if p.strip()]


def _classify_text(doc: Document, given_title: str | None) -> text_page.PageLines:
    """The lines of a plain-text input. A JSON Lines record's text is mostly an article body already cut from
    its page (the title in its own field); a record without a title whose text carries site chrome (menus,
    headline, share buttons) is a whole scraped page, read as a .txt file is, its headline its title."""
    if doc.format != "jsonl":
        return text_page.classify(doc.text, given_title=given_title)
    if not given_title:
        lines = [ln.strip() for ln in doc.text.split("\n", 400)[:400] if ln.strip()]
        chrome = sum(map(text_page.is_chrome, lines))
        if chrome:
            page = text_page.classify(doc.text)
            if chrome >= 2 or page.title:
                return page
    return text_page.classify(doc.text, given_title=given_title, pre_extracted=True)


def clean_stage(doc: Document) -> Document:
    hints = doc.hints
    given_title = hints.get("title")
    before: list[str]
    after: list[str]
    meta: dict = {}
    if _is_html(doc):
        page = html_page.extract(doc.text)
        doc.title = given_title or page.title
        doc.body, doc.lines, doc.comments = page.body, page.lines, page.comments
        before, after, meta = page.before, page.after, page.meta
        tail = []
        doc.url = doc.url or meta.get("url")
        if meta.get("byline"):
            doc.byline = meta["byline"]
    elif doc.text.count("\n") > MAX_LINES:
        before, after, tail = [], [], []
        _unclassified(doc, given_title)
    else:
        page = _classify_text(doc, given_title)
        doc.title = given_title or page.title
        doc.body, doc.lines, doc.comments = page.body, page.lines, page.comments
        before = [ln.text for ln in page.before]
        after = [ln.text for ln in page.after]
        last_body = max((ln.n for ln in page.lines if ln.role == "body"), default=0)
        tail = [ln.text for ln in page.lines if ln.n > last_body and ln.role == "boilerplate"]
    body_paras = _paragraphs(doc.body)
    doc.dateline = metadata.find_dateline(body_paras[:2], before)

    # outlet: given > container metadata > page metadata > page text > URL host
    if hints.get("outlet_given"):
        doc.outlet, doc.outlet_source = hints["outlet_given"], "given"
    elif hints.get("outlet"):
        doc.outlet, doc.outlet_source = hints["outlet"], "meta"
    elif meta.get("site_name") or meta.get("publisher"):
        doc.outlet, doc.outlet_source = meta.get("site_name") or meta.get("publisher"), "meta"
    elif not doc.url and (site := html_page.title_site(meta)):
        doc.outlet, doc.outlet_source = site, "meta"
    else:
        found = metadata.find_outlet_in_text(before, after, doc.dateline)
        if found:
            doc.outlet, doc.outlet_source = found, "text"
        elif doc.url:
            doc.outlet, doc.outlet_source = metadata.outlet_from_url(doc.url), "url"
        else:
            # no name anywhere on the page: the boilerplate it shares with one known outlet says whose it is
            found = templates.installed().identify({templates.line_hash(ln.text) for ln in doc.lines
                                                    if ln.role == "boilerplate"})
            if found:
                doc.outlet, doc.outlet_source = found, "learned"

    names = hints.get("outlet_names")           # marsad.toml [outlets]: the name readers see for a code or host
    if names and doc.outlet and doc.outlet_source != "given":
        doc.outlet = names.get(alias_key(doc.outlet), doc.outlet)

    # the outlet's learned boilerplate (clean/templates.py), before credits and datelines are read off the body
    stripped = templates.strip_lines(doc.lines, doc.body, templates.installed().for_outlet(doc.outlet))
    if stripped is not None:
        doc.body, removed_before, removed_after = stripped
        before, after = before + removed_before, removed_after + after
        doc.hints["template_lines"] = len(removed_before) + len(removed_after)
        body_paras = _paragraphs(doc.body)
        doc.dateline = metadata.find_dateline(body_paras[:2], before)

    first = body_paras[0] if body_paras else ""
    lastp = body_paras[-1] if body_paras else None
    doc.credits = metadata.find_credits(after, lastp, doc.dateline)
    if lastp and len(lastp.split()) <= 6 and doc.credits and metadata.find_agencies_only(lastp):
        # a credit line like "(أ ف ب)" ends many bodies: it is metadata, not article text
        doc.body = "\n".join(body_paras[:-1])
        for ln in reversed(doc.lines):
            if ln.role == "body":
                ln.role = "boilerplate"
                break
    doc.byline = doc.byline or hints.get("byline") or meta.get("author_ld") or meta.get("author") \
        or metadata.find_byline(before, after, first, tail)

    # publication date: given > container metadata > page metadata > page text > URL
    published = None
    if hints.get("published_given"):
        published, source = hints["published_given"], "given"
    if published is None and hints.get("published") and not hints.get("published_crawled"):
        d = metadata.parse_meta_date(hints["published"])
        if d:
            published, source = d, "meta"
    if published is None:
        for k in ("published", "published_ld"):
            d = metadata.parse_meta_date(meta.get(k))
            if d:
                published, source = d, "meta"
                break
    if published is None:
        d = metadata.date_from_lines(before[-8:] + after[:3])
        if d:
            published, source = d, "text"
    if published is None:
        d = metadata.date_from_url(doc.url)
        if d:
            published, source = d, "url"
    if published is None and hints.get("published_crawled"):
        d = metadata.parse_meta_date(hints.get("published"))
        if d:
            published, source = d, "inferred"        # the contract's word for a date the page does not give
    if published is not None:
        doc.published, doc.published_source = published.isoformat(), source
    if not doc.body.strip():
        doc.errors.append(ProcessingError(doc.source, "no article text found (the page has no paragraph that reads "
                                                      "as an article)", kind="warning"))
    return doc


def _unclassified(doc: Document, given_title: str | None) -> None:
    """A text of more lines than any page (a log, a word list, a dump): its lines are not told apart as
    article and chrome, one by one (a million lines took 900 MB), the whole text is kept as the body."""
    doc.title = given_title
    doc.body = "\n".join(ln.strip() for ln in doc.text.split("\n") if ln.strip())
    doc.lines, doc.comments = [], []
    doc.errors.append(ProcessingError(doc.source, f"{doc.text.count(chr(10)) + 1:,} lines, more than any page "
                                                  f"({MAX_LINES:,}): kept whole as the body, without telling "
                                                  f"article from chrome", kind="warning"))


def language_stage(doc: Document) -> Document:
    sample = (doc.body or doc.text)[:2000]
    ratio = arabic_ratio(sample)
    if ratio >= 0.5 and len(_PERSIAN.findall(sample)) < 3:
        doc.lang = "ar"
        return doc
    import py3langid

    lang, _ = py3langid.classify(sample[:5000])
    if lang in ARABIC_VARIETIES:          # Egyptian, Moroccan … written Arabic: analysed like any Arabic text
        doc.hints["dialect"] = lang
        lang = "ar"
    doc.lang = lang
    if lang != "ar":
        doc.errors.append(ProcessingError(doc.source, f"not Arabic (detected language: {lang}); stored without "
                                                      f"Arabic analysis", kind="warning"))
    return doc


def analysed(doc: Document) -> str:
    """The part of the body the analysis stages read: all of it for any article (the longest news articles
    are tens of thousands of characters and words), the first ANALYSED_CHARS characters or ANALYSED_WORDS words
    of a text that is a book or a dump, so that its words, mentions, quotes and dates cost bounded time and
    memory. Offsets stay those of the body. The segment stage decides where the cut falls."""
    end = doc.hints.get("analysed_chars", ANALYSED_CHARS)
    return doc.body if len(doc.body) <= end else doc.body[:end]


def segment_stage(doc: Document) -> Document:
    """Words (with their matching form) and sentences of the body, computed once for every later stage."""
    doc.hints.pop("analysed_chars", None)         # decided again, here, on every run
    text = analysed(doc)
    words = word_spans(text)
    if len(words) > ANALYSED_WORDS:
        words = words[:ANALYSED_WORDS]
        text = text[:words[-1][1]]
    if len(text) < len(doc.body):
        doc.hints["analysed_chars"] = len(text)
        doc.errors.append(ProcessingError(doc.source, f"very long text ({len(doc.body):,} characters): analysed "
                                                      f"and indexed the first {len(text):,}", kind="warning"))
    doc.words = words
    doc.sentences = sentences(text)
    return doc


_DATELINE_HEAD = re.compile(r"[^\n]{1,80}?\s[-–—]\s")


def dateline_end(body: str, dateline) -> int:
    """End of a printed dateline that opens the body ("جنيف (أ ف ب) - ", "أوج – اسطنبول - "): its place and
    agency are metadata (`dateline`, `credits`), not mentions in the article."""
    if dateline is None:
        return 0
    m = _DATELINE_HEAD.match(body)
    if m is None:
        return 0
    head = normalize(m.group(0))
    parts = [normalize(p) for p in (dateline.place, dateline.agency) if p]
    if not parts or not any(p in head for p in parts):
        return 0
    end = m.end()
    if dateline.agency:                      # "لندن – عرب ووتش: …": the agency or outlet printed after the place
        rest = re.match(r"\s*([^:\n]{1,30}):", body[end:])
        if rest and normalize(rest.group(1)).strip() == normalize(dateline.agency):
            end += rest.end()
    return end


def _entity_input(doc: Document) -> tuple[str, list, dict[str, str] | None, str | None]:
    own = {doc.outlet: doc.outlet} if doc.outlet and doc.outlet.strip() else None
    return analysed(doc), doc.words, own, dateline_country(doc.dateline.place if doc.dateline else None)


def _set_entities(doc: Document, found: list) -> None:
    """Entities of the body less the places and agencies of the dateline that opens it; a reporter named before
    the dateline's dash ("حاتم النجيمي – الطائف") is a person of the article."""
    skip = dateline_end(doc.body, doc.dateline)
    doc.entities = [e for e in found if e.start >= skip or e.type == "PER"]
    month = doc.published[:7] if doc.published else None
    for e in doc.entities:
        role = parse_role_name(e.canonical) if e.rule == "title_ref" and e.canonical else None
        if role is not None and role[1] is None:
            e.canonical = role_name(role[0], month)  # an open role is dated: linking resolves it by the month
        e.entity_id = entity_id(e.type, e.canonical or e.name)


def entities_stage(doc: Document) -> Document:
    if doc.lang != "ar":
        return doc
    _set_entities(doc, recognize(*_entity_input(doc)))
    return doc


def entities_stage_many(docs: list[Document]) -> list[Document]:
    """The entities stage over many documents at once (the tagger batches their sentences together)."""
    todo = [d for d in docs if d.lang == "ar"]
    for doc, found in zip(todo, recognize_many([_entity_input(d) for d in todo])):
        _set_entities(doc, found)
    return docs


def times_stage(doc: Document) -> Document:
    if doc.lang != "ar":
        return doc
    text = analysed(doc)
    if not doc.published:
        inferred = infer_published(text)          # a page without a date: from its dates and weekdays
        if inferred:
            doc.published, doc.published_source = inferred.isoformat(), "inferred"
    ref = dt.date.fromisoformat(doc.published) if doc.published else None
    people = [(e.start, e.end) for e in doc.entities if e.type == "PER"]
    # "يزيد الخميس" is an actor, not a Thursday: what lies inside a person's name is no time
    doc.times = drop_inside(find_times(text, ref), people)
    return doc


def quotes_stage(doc: Document) -> Document:
    if doc.lang != "ar":
        return doc
    doc.quotes = attribute(analysed(doc), doc.entities, doc.sentences, doc.words)
    return doc


def index_stage(doc: Document) -> Document:
    """Search terms and the body hash, from the shared words, computed where the work is parallel."""
    doc.hints["fts_title"] = index_terms(doc.title or "")
    doc.hints["fts_body"] = index_line([w[3] for w in doc.words])
    doc.hints["body_hash"] = body_hash(doc.body, doc.words)
    return doc


STAGES: list[tuple[str, Stage]] = [
    ("decode", decode_stage), ("clean", clean_stage), ("language", language_stage), ("segment", segment_stage),
    ("entities", entities_stage), ("times", times_stage), ("quotes", quotes_stage), ("index", index_stage),
]


class StageTimeout(BaseException):
    """A stage ran past its time budget on one document. A BaseException, so that a stage's own `except
    Exception` (or a library's) cannot swallow it and run on without a budget."""


@contextlib.contextmanager
def _budget(seconds: float | None):
    """Interrupt the block after `seconds` (SIGALRM; the regex engine checks for signals, so a pathological
    match is cut short too). Only in a main thread, where signals are delivered; elsewhere (a web server's
    worker thread) the block runs unbounded, as it did before budgets existed."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum, frame):
        raise StageTimeout(f"took longer than its budget of {seconds:g} s")

    outer, _ = signal.getitimer(signal.ITIMER_REAL)       # a caller's own timer (or an outer budget) is kept
    if outer and outer <= seconds:                        # and when it comes first, it is the one that fires
        yield
        return
    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:                        # re-armed with what is left of it (at once if it ran out meanwhile)
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started), 1e-3))


def _run_stage(doc: Document, name: str, stage: Stage, budget_s: float | None = STAGE_BUDGET_S) -> Document:
    """One stage on one document; a failure is recorded on the document (a bug in one stage must not lose
    the document), and so is a stage that runs past its budget: the document keeps what the earlier stages
    found and goes on to the next stage. Raises FatalInputError only when the input is not a document."""
    try:
        with _budget(None if name in ESSENTIAL else budget_s):
            return stage(doc)
    except FatalInputError:
        raise
    except StageTimeout as exc:
        doc.errors.append(ProcessingError(doc.source, f"stage {name} stopped: {exc}; stored without what it had "
                                                      f"not finished", kind="warning"))
        return doc
    except Exception as exc:  # noqa: BLE001
        tb = traceback.extract_tb(exc.__traceback__)[-1]
        doc.errors.append(ProcessingError(doc.source, f"stage {name} failed: {exc.__class__.__name__}: {exc} "
                                                      f"({tb.filename.rsplit('/', 1)[-1]}:{tb.lineno})"))
        if name == "decode":
            raise FatalInputError(doc.errors[-1].message) from None
        return doc


def process(doc: Document, stages: list[tuple[str, Stage]] = STAGES, budget_s: float | None = STAGE_BUDGET_S
            ) -> Document:
    """Run the stages; a failing stage is recorded on the document and the next stages still run.

    Raises FatalInputError only when the input is not a document at all (binary, undecodable, empty).
    """
    for name, stage in stages:
        doc = _run_stage(doc, name, stage, budget_s)
    return doc


BATCHED: dict[str, Callable[[list[Document]], list[Document]]] = {"entities": entities_stage_many}


def process_many(docs: list[Document], stages: list[tuple[str, Stage]] = STAGES,
                 budget_s: float | None = STAGE_BUDGET_S) -> list[Document | FatalInputError]:
    """`process` for a batch: each document's result, or the FatalInputError that rejected it. Stages with a
    batch form (`BATCHED`) run once over the whole batch; if that fails, they run document by document, so
    the failure is recorded on the document that caused it."""
    results: list[Document | FatalInputError] = list(docs)
    for name, stage in stages:
        live = [i for i, d in enumerate(results) if isinstance(d, Document)]
        batch = BATCHED.get(name)
        if batch is not None and len(live) > 1:
            try:
                with _budget(budget_s and budget_s * len(live)):
                    batch([results[i] for i in live])
                continue
            except (Exception, StageTimeout):  # noqa: BLE001 - retried per document below, where it is recorded
                pass
        for i in live:
            try:
                results[i] = _run_stage(results[i], name, stage, budget_s)
            except FatalInputError as exc:
                # a fresh exception, without traceback or context: their frames hold `results`, which would
                # hold them back, a cycle that keeps the whole input (up to the size limit) alive until the
                # collector comes, and workers run it rarely (measured: +20 MB per rejected 19 MB file)
                results[i] = FatalInputError(str(exc))
    return results


def make_document(raw: bytes, *, source: str = "<input>", fmt: str | None = None, hints: dict | None = None,
                  locator: str | None = None, published: str | dt.date | None = None,
                  outlet: str | None = None) -> Document:
    hints = dict(hints or {})
    if published:
        if isinstance(published, dt.datetime):
            published = published.date()
        hints["published_given"] = (published if isinstance(published, dt.date)
                                    else dt.date.fromisoformat(str(published)[:10]))
    if outlet:
        hints["outlet_given"] = outlet
    if fmt is None:
        fmt = "html" if looks_like_html(raw) else "text"
    return Document(raw=raw, source=source, format=fmt, locator=locator, hints=hints)


def analyze(text_or_bytes: str | bytes, *, published: str | dt.date | None = None,
            outlet: str | None = None, source: str = "<input>") -> Document:
    """Analyze one document without storing it (CONTRACT: `marsad.analyze`). Anything but text or bytes is a
    TypeError that says what was given, not a failure deep inside a stage."""
    if isinstance(text_or_bytes, (bytearray, memoryview)):
        text_or_bytes = bytes(text_or_bytes)
    if not isinstance(text_or_bytes, (str, bytes)):
        raise TypeError(f"marsad.analyze takes the text (str) or the raw bytes of one document, "
                        f"got {type(text_or_bytes).__name__}")
    raw = text_or_bytes.encode("utf-8") if isinstance(text_or_bytes, str) else text_or_bytes
    doc = make_document(raw, source=source, published=published, outlet=outlet)
    try:
        return process(doc)
    except FatalInputError as exc:
        doc.errors.append(ProcessingError(source, str(exc)))
        return doc
