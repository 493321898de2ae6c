"""Output identity of the per-document analysis: dump it once, compare after every speed change.

    python benchmarks/identity.py save  [--out /tmp/marsad_identity.json.gz] [--snn 3000]
    python benchmarks/identity.py check [--out /tmp/marsad_identity.json.gz] [--snn 3000]

Why: a change made for speed (a cache, a merged regex, a batched tagger) must leave every document's analysis
exactly as it was, and the quality benchmarks only see the few documents that have gold. This processes

- the demo corpus's inputs (examples/demo_corpus/articles, read as `marsad ingest` reads them:
  readers.sources.iter_inputs, executors.local._to_document),
- the five seed pages (../shared/data/seeds/*.txt) as plain-text documents and laid out as site HTML
  (benchmarks/speed.py `seed_pages`),
- the first `--snn` SaudiNewsNet records (../shared/data/saudinewsnet/articles.jsonl.gz),

through `pipeline.process_many` in batches of the local executor's size, and writes each document's analysis
(everything `Document` holds but the raw bytes and the decoded input: body, title, outlet, dates, lines,
entities with offsets, types, ids, canonical forms, sources and passes, quotes, times, sentences, words, errors
and the hints the store reads) to a JSON file outside the repository (the texts are not ours to copy). `check`
recomputes and compares, naming the first fields that differ.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import hashlib
import itertools
import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))
SHARED = ROOT.parent / "shared" / "data"
SNN = SHARED / "saudinewsnet" / "articles.jsonl.gz"
CORPUS = ROOT / "examples" / "demo_corpus" / "articles"
DEFAULT_OUT = Path("/tmp/marsad_identity.json.gz")
BATCH = 64                       # executors.local.BATCH: the tagger batches a worker's documents together
_LEFT_OUT = ("raw", "text")      # the input itself, not the analysis
_INPUT_HINTS = ("content",)


def inputs(snn: int) -> Iterator[tuple[str, object]]:
    """(name, Document) of every input checked, in a fixed order."""
    from speed import seed_pages

    from marsad import pipeline
    from marsad.executors.local import _to_document
    from marsad.readers.sources import RawInput, iter_inputs

    for item in iter_inputs([str(CORPUS)]):
        if isinstance(item, RawInput):
            yield f"demo:{item.source}:{item.locator}", _to_document(item)
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        yield f"seed-text:{path.name}", pipeline.make_document(path.read_bytes(), source=path.name, fmt="text")
    for name, html in seed_pages().items():
        yield f"seed-html:{name}", pipeline.make_document(html.encode(), source=name, fmt="html")
    records = (it for it in iter_inputs([str(SNN)]) if isinstance(it, RawInput))
    for item in itertools.islice(records, snn):
        yield f"snn:{item.locator}", _to_document(item)


def analysis(doc) -> dict:
    """Everything the pipeline computed for a document, JSON-ready."""
    out = {f.name: getattr(doc, f.name) for f in dataclasses.fields(doc) if f.name not in _LEFT_OUT}
    out["hints"] = {k: v for k, v in doc.hints.items() if k not in _INPUT_HINTS}
    return json.loads(json.dumps(_plain(out), default=str, ensure_ascii=False))


def _plain(x):
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return {f.name: _plain(getattr(x, f.name)) for f in dataclasses.fields(x)}
    if isinstance(x, dict):
        return {str(k): _plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple, set, frozenset)):
        return [_plain(v) for v in (sorted(x, key=str) if isinstance(x, (set, frozenset)) else x)]
    return x


def compute(snn: int) -> dict[str, dict]:
    from marsad import pipeline

    out: dict[str, dict] = {}
    items = iter(inputs(snn))
    while chunk := list(itertools.islice(items, BATCH)):
        for (name, _), result in zip(chunk, pipeline.process_many([d for _, d in chunk])):
            out[name] = {"fatal": str(result)} if isinstance(result, Exception) else analysis(result)
    return out


def differences(old: dict[str, dict], new: dict[str, dict], limit: int = 20) -> list[str]:
    """Readable differences: documents missing on either side, then the first differing fields."""
    out = [f"only in the saved dump: {k}" for k in old if k not in new]
    out += [f"only in this run: {k}" for k in new if k not in old]
    for name in old.keys() & new.keys():
        a, b = old[name], new[name]
        if a == b:
            continue
        for key in sorted(a.keys() | b.keys()):
            if a.get(key) != b.get(key):
                out.append(f"{name}: {key}: {_short(a.get(key))} -> {_short(b.get(key))}")
    return sorted(out)[:limit] if len(out) > limit else sorted(out)


def _short(x) -> str:
    s = json.dumps(x, ensure_ascii=False)
    return s if len(s) <= 300 else s[:300] + "…"


def digest(dump: dict[str, dict]) -> str:
    return hashlib.sha256(json.dumps(dump, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("action", choices=("save", "check"))
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--snn", type=int, default=3000, help="SaudiNewsNet records (the first ones)")
    ap.add_argument("--partial", action="store_true", help="check: compare only the documents of this run "
                    "(a quick check with a smaller --snn against a full dump)")
    args = ap.parse_args()
    new = compute(args.snn)
    if args.action == "save":
        with gzip.open(args.out, "wt", encoding="utf-8") as fh:
            json.dump(new, fh, ensure_ascii=False)
        print(f"saved {len(new)} documents to {args.out} (digest {digest(new)})")
        return 0
    with gzip.open(args.out, "rt", encoding="utf-8") as fh:
        old = json.load(fh)
    if args.partial:
        old = {k: v for k, v in old.items() if k in new}
    diff = differences(old, new)
    for line in diff:
        print(line)
    print(f"{len(new)} documents, digest {digest(new)}: " + ("IDENTICAL" if not diff else "DIFFERENT"))
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())
