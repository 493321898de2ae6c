"""An analyzed document as the store keeps it, whatever the backend.

`to_record` runs where the pipeline runs (in the worker processes), so the single writer of an ingest only
inserts: JSON is encoded, the raw bytes compressed, the search terms counted there. A `Record` says nothing of
SQLite or PostgreSQL; each backend maps its fields to its own tables. Spans travel as tuples in the column
order named below (cheap to send between processes; a document carries hundreds of them).
"""

from __future__ import annotations

import json
import zlib
from dataclasses import asdict, dataclass, field

from ..arabic.hashes import body_hash, line_hash, tail_keys
from ..arabic.segment import index_terms
from ..document import Document

MENTION_COLUMNS = ("start", "end", "text", "type", "name", "title", "canonical", "entity_id", "source",
                   "descriptors")
QUOTE_COLUMNS = ("start", "end", "speaker", "speaker_entity_id", "speaker_text", "cue", "kind", "content", "via",
                 "why")
TIME_COLUMNS = ("start", "end", "text", "value", "type", "anchor", "consistent")
# the columns of `documents` a record fills, in the order of Record.row()
DOC_COLUMNS = ("id", "source", "format", "locator", "url", "encoding", "lang", "outlet", "outlet_source", "title",
               "published", "published_source", "byline", "dateline_place", "dateline_agency", "credits", "body",
               "body_hash", "comments", "lines", "errors", "hints", "n_chars", "pipeline_version", "n_terms")
_HIDDEN_HINTS = ("content", "fts_title", "fts_body", "body_hash")
MAX_OUTLET = 200              # characters: an outlet "name" longer than this is not a name (and is indexed)


@dataclass
class Record:
    """One document with its analysis, encoded for storage (JSON text, compressed bytes, span tuples)."""

    id: str
    fields: dict                 # DOC_COLUMNS → value
    raw_codec: str               # 'zlib' or 'none': the stored bytes decode to the input exactly
    raw_size: int
    raw_bytes: bytes
    mentions: list[tuple] = field(default_factory=list)       # MENTION_COLUMNS
    quotes: list[tuple] = field(default_factory=list)         # QUOTE_COLUMNS
    times: list[tuple] = field(default_factory=list)          # TIME_COLUMNS
    fts_title: str = ""          # search terms (arabic.segment.index_terms) of the title and of the body
    fts_body: str = ""
    notes: list[tuple[str, str, str | None, str]] = field(default_factory=list)   # (source, message, locator, kind)

    def row(self) -> tuple:
        return tuple(self.fields[c] for c in DOC_COLUMNS)


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _line_rows(lines: list) -> list[list]:
    rows = [[ln.n, ln.role, line_hash(ln.text), len(ln.text.split())] for ln in lines]
    last = next((i for i in range(len(lines) - 1, -1, -1) if lines[i].role == "body" and lines[i].text), None)
    if last is not None:
        rows[last].append(sorted({k for k, _ in tail_keys(lines[last].text)}))
    return rows


def _fields(d: Document, pipeline_version: str, n_terms: int) -> dict:
    return {
        "id": d.id, "source": d.source, "format": d.format, "locator": d.locator, "url": d.url,
        "encoding": d.encoding, "lang": d.lang, "outlet": d.outlet[:MAX_OUTLET] if d.outlet else d.outlet,
        "outlet_source": d.outlet_source,
        "title": d.title, "published": d.published, "published_source": d.published_source, "byline": d.byline,
        "dateline_place": d.dateline.place if d.dateline else None,
        "dateline_agency": d.dateline.agency if d.dateline else None,
        "credits": _json(d.credits), "body": d.body,
        "body_hash": d.hints["body_hash"] if "body_hash" in d.hints else body_hash(d.body),
        "comments": _json([asdict(c) for c in d.comments]),
        # each line as [n, role, hash of its matching form, words]: what outlet templates are learned from; the
        # last body line also with the keys of its tail phrases (clean/templates.py)
        "lines": json.dumps(_line_rows(d.lines)),
        "errors": _json([asdict(e) for e in d.errors]),
        "hints": json.dumps({k: v for k, v in d.hints.items()
                             if k not in _HIDDEN_HINTS and isinstance(v, (str, int, float, bool))},
                            ensure_ascii=False, default=str),
        "n_chars": len(d.body), "pipeline_version": pipeline_version, "n_terms": n_terms,
    }


def to_record(d: Document, pipeline_version: str) -> Record:
    if "fts_body" in d.hints:        # computed by the pipeline's index stage
        fts_title, fts_body = d.hints["fts_title"], d.hints["fts_body"]
    else:
        fts_title, fts_body = index_terms(d.title or ""), index_terms(d.body)
    fts_title, fts_body = " ".join(fts_title.split()), " ".join(fts_body.split())   # no empty terms
    n_terms = len(fts_title.split()) + len(fts_body.split())
    packed = zlib.compress(d.raw, 1)
    codec, data = ("zlib", packed) if len(packed) < len(d.raw) else ("none", d.raw)
    return Record(
        d.id, _fields(d, pipeline_version, n_terms), codec, len(d.raw), data,
        [(e.start, e.end, e.text, e.type, e.name, e.title, e.canonical, e.entity_id, e.source,
          _json(e.descriptors) if e.descriptors else None) for e in d.entities],
        [(q.start, q.end, q.speaker, q.speaker_entity_id, q.speaker_text, q.cue, q.kind, q.content, q.via, q.why)
         for q in d.quotes],
        [(t.start, t.end, t.text, t.value, t.type, t.anchor, None if t.consistent is None else int(t.consistent))
         for t in d.times],
        fts_title, fts_body,
        [(d.source, e.message, d.locator, e.kind) for e in d.errors])


def unpack_raw(codec: str, data: bytes) -> bytes:
    return zlib.decompress(data) if codec == "zlib" else bytes(data)
