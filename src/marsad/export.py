"""Exports: JSON Lines carries every field of `analyze` plus `url`; CSV and Parquet are flat tables, one per
kind of record (documents, mentions, quotes, times, comments), joined on `doc_id`."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

DOC_COLUMNS = ["id", "source", "outlet", "title", "url", "published", "published_source", "dateline_place",
               "dateline_agency", "credits", "byline", "lang", "format", "encoding", "body", "n_entities",
               "n_quotes", "n_times", "n_comments", "errors"]
SPAN_TABLES = {
    "mentions": ["doc_id", "start", "end", "text", "type", "name", "title", "canonical", "entity_id"],
    "quotes": ["doc_id", "start", "end", "speaker", "speaker_entity_id", "speaker_text",
               "cue", "kind", "content", "via"],
    "times": ["doc_id", "start", "end", "text", "value", "type", "anchor", "consistent"],
    "comments": ["doc_id", "n", "author", "date", "text"],
}


def _flat(d: dict) -> dict:
    dl = d.get("dateline") or {}
    return {"id": d["id"], "source": d["source"], "outlet": d["outlet"], "title": d["title"], "url": d["url"],
            "published": d["published"], "published_source": d["published_source"], "dateline_place": dl.get("place"),
            "dateline_agency": dl.get("agency"), "credits": "; ".join(d["credits"]), "byline": d["byline"],
            "lang": d["lang"], "format": d["format"], "encoding": d["encoding"], "body": d["body"],
            "n_entities": len(d["entities"]), "n_quotes": len(d["quotes"]), "n_times": len(d["times"]),
            "n_comments": len(d["comments"]), "errors": "; ".join(d["errors"])}


def _spans(d: dict) -> dict[str, list[dict]]:
    return {
        "mentions": [{"doc_id": d["id"], **e} for e in d["entities"]],
        "quotes": [{"doc_id": d["id"], **q} for q in d["quotes"]],
        "times": [{"doc_id": d["id"], **t} for t in d["times"]],
        "comments": [{"doc_id": d["id"], "n": i + 1, **c} for i, c in enumerate(d["comments"])],
    }


def export(documents: Iterable, fmt: str, out: str | None,
           on_progress: Callable[[int], None] | None = None) -> list[str]:
    """documents: stored documents (store.views.StoredDocument), e.g. `marsad.open(db).documents()`."""
    tick = on_progress or (lambda n: None)
    if fmt == "jsonl":
        fh = open(out, "w", encoding="utf-8") if out else sys.stdout
        try:
            for d in (doc.to_dict() for doc in documents):
                d = {k: v for k, v in d.items() if k not in ("format", "encoding")}
                fh.write(json.dumps(d, ensure_ascii=False) + "\n")
                tick(1)
        finally:
            if out:
                fh.close()
        return [out or "<stdout>"]
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        files = {"documents": open(folder / "documents.csv", "w", encoding="utf-8", newline="")}
        writers = {"documents": csv.DictWriter(files["documents"], DOC_COLUMNS)}
        for name, cols in SPAN_TABLES.items():
            files[name] = open(folder / f"{name}.csv", "w", encoding="utf-8", newline="")
            writers[name] = csv.DictWriter(files[name], cols, extrasaction="ignore")
        try:
            for w in writers.values():
                w.writeheader()
            for d in (doc.to_dict() for doc in documents):
                writers["documents"].writerow(_flat(d))
                for name, rows in _spans(d).items():
                    writers[name].writerows(rows)
                tick(1)
        finally:
            for f in files.values():
                f.close()
        return [str(folder / f"{n}.csv") for n in files]
    import pyarrow as pa
    import pyarrow.parquet as pq

    tables: dict[str, list[dict]] = {"documents": [], **{n: [] for n in SPAN_TABLES}}
    for d in (doc.to_dict() for doc in documents):
        tables["documents"].append(_flat(d))
        for name, rows in _spans(d).items():
            tables[name].extend({c: r.get(c) for c in SPAN_TABLES[name]} for r in rows)
        tick(1)
    written = []
    for name, rows in tables.items():
        cols = DOC_COLUMNS if name == "documents" else SPAN_TABLES[name]
        table = (pa.Table.from_pylist(rows, schema=None) if rows
                 else pa.table({c: pa.array([], pa.string()) for c in cols}))
        path = folder / f"{name}.parquet"
        pq.write_table(table, path)
        written.append(str(path))
    return written
