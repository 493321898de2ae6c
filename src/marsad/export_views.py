"""Exports of one view of a stored corpus (articles, stories, entities, quotes, duplicates), filtered as the
list commands filter, to one file: JSON Lines (the view's JSON, one record a line), CSV (flat columns; UTF-8
with a byte-order mark by default so that spreadsheet programs read Arabic as Arabic) or Parquet.

The whole-corpus export (`export.py`: every document with its spans, one table per kind) stays as it is; this
is what an analyst hands on: "the statements of this person", "the articles of this story".
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .export import SEP, ExportError, _flat, _written, text_for_null, write_parquet
from .timex.reading import in_words

VIEWS = ("articles", "stories", "entities", "quotes", "duplicates")
PAGE = 1000


def _pages(fetch: Callable[[int, int], object]) -> Iterator:
    offset = 0
    while True:
        page = fetch(PAGE, offset)
        yield from page.items
        offset += PAGE
        if offset >= page.total or not page.items:
            return


def _join(values: Iterable) -> str:
    return SEP.join(str(v) for v in values if v not in (None, ""))


def _article_row(doc) -> dict:
    d = doc.to_dict()
    row = _flat(d)
    row["published_reading"] = in_words(d["published"][:10], "date") if d.get("published") else None
    row["people"] = _join(dict.fromkeys(e["canonical"] or e["name"] for e in d["entities"] if e["type"] == "PER"))
    row["speakers"] = _join(dict.fromkeys(q["speaker"] for q in d["quotes"] if q["speaker"]))
    return row


def _story_row(s) -> dict:
    d = s.to_dict()
    return {"id": d["id"], "title": d["title"], "first_seen": d["first_seen"], "last_seen": d["last_seen"],
            "n_articles": d["n_articles"], "outlets": _join(d["outlets"]), "storyline": d["storyline"],
            "agencies": _join(f"{a} ×{n}" for a, n in (d["wire"].get("agencies") or {}).items()),
            "summary": "\n".join(f"{q.get('outlet') or '?'}: {q['text']}" for q in d["summary"]),
            "statements": "\n".join(f"{q.get('speaker') or '?'} ({q.get('outlet') or '?'}): {q['text']}"
                                    for q in d["statements"]),
            "articles": SEP.join(d["articles"])}


def _entity_row(e) -> dict:
    d = e.to_dict()
    by_outlet = _join(f"{o or '?'}: {'، '.join(t)}" for o, t in d["titles_by_outlet"].items())
    return {**{k: d[k] for k in ("entity_id", "canonical", "type", "mentions", "articles")},
            "aliases": _join(d["aliases"]), "titles": _join(d["titles"]), "titles_by_outlet": by_outlet}


FILTERS = {"articles": {"outlet", "since", "until", "entity", "story"},
           "stories": {"outlet", "since", "until", "entity", "story"},
           "entities": {"type", "entity"}, "quotes": {"outlet", "since", "until", "entity", "story"},
           "duplicates": {"kind", "article"}}


def rows(corpus, view: str, filters: dict) -> Iterator[tuple[dict, dict]]:
    """(JSON record, flat row) of each item of the view; `filters` as the view's list command takes them.
    Raises ValueError for an unknown view or a filter the view does not take, before anything is read."""
    if view not in VIEWS:
        raise ValueError(f"view must be one of {', '.join(VIEWS)}, got {view!r}")
    f = {k: v for k, v in filters.items() if v not in (None, "")}
    wrong = sorted(set(f) - FILTERS[view])
    if wrong:
        raise ValueError(f"the {view} view takes {', '.join('--' + x for x in sorted(FILTERS[view]))}; "
                         f"not {', '.join('--' + x for x in wrong)}")
    return _rows(corpus, view, f)


def _rows(corpus, view: str, f: dict) -> Iterator[tuple[dict, dict]]:
    story = f.pop("story", None)
    if view == "articles":
        ids = corpus.story(story).story.articles if story else \
            (a.id for a in _pages(lambda n, o: corpus.articles(limit=n, offset=o, **f)))
        for doc_id in ids:
            doc = corpus.article(doc_id)
            yield doc.to_dict(), _article_row(doc)
    elif view == "stories":
        found = [corpus.story(story).story] if story else _pages(lambda n, o: corpus.stories(limit=n, offset=o, **f))
        for s in found:
            yield s.to_dict(), _story_row(s)
    elif view == "entities":
        name = f.pop("entity", None)
        for e in _pages(lambda n, o: corpus.entities(limit=n, offset=o, name=name, **f)):
            yield e.to_dict(), _entity_row(e)
    elif view == "quotes":
        for q in _pages(lambda n, o: corpus.quotes(limit=n, offset=o, story=story, **f)):
            d = q.to_dict()
            yield d, d
    elif view == "duplicates":
        for p in _pages(lambda n, o: corpus.duplicates(limit=n, offset=o, **f)):
            d = p.to_dict()
            yield d, d


def write(records: Iterable[tuple[dict, dict]], fmt: str, out: str | None, *, bom: bool = True,
          tick: Callable[[int], None] = lambda n: None) -> str:
    """Write the records; returns where. JSON Lines and CSV go to standard output when `out` is None."""
    if fmt == "parquet":
        if not out:
            raise ExportError("parquet goes to a file: give one with --out")
        return _parquet(records, Path(out), tick)
    if out and Path(out).is_dir():
        raise ExportError(f"{out} is a folder: a view goes to one file (e.g. {Path(out) / ('view.' + fmt)})")
    if out:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        with _written(Path(out), newline="" if fmt == "csv" else None) as fh:
            _text(records, fmt, fh, bom, tick)
        return out
    _text(records, fmt, sys.stdout, bom and not sys.stdout.isatty(), tick)
    return "<stdout>"


def _text(records, fmt: str, fh, bom: bool, tick) -> None:
    if fmt == "jsonl":
        for record, _ in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            tick(1)
        return
    if bom:
        fh.write("\ufeff")
    writer = None
    for _, row in records:
        if writer is None:
            writer = csv.DictWriter(fh, list(row), extrasaction="ignore")
            writer.writeheader()
        writer.writerow({k: _spreadsheet_safe(_cell(v)) if bom else _cell(v) for k, v in row.items()})
        tick(1)


def _spreadsheet_safe(value):
    """A cell a spreadsheet would run as a formula (=, +, -, @ first: a byline "- 60 مشكلة" shows #NAME?) is
    kept as text by a leading apostrophe, as OWASP advises for CSV meant for spreadsheets."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _cell(value):
    if isinstance(value, (list, tuple)):
        return _join(value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _parquet(records, path: Path, tick) -> str:
    import pyarrow as pa

    table_rows = []
    for _, row in records:
        table_rows.append({k: _cell(v) for k, v in row.items()})
        tick(1)
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_parquet(text_for_null(pa.Table.from_pylist(table_rows)) if table_rows else pa.table({}), path)
