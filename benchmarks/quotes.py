"""Quotes bar (issue "Quotes"): demo gold detection, speakers and content; the seed pages' statements; speed.

    python benchmarks/quotes.py [--snn 1000] [--errors FILE] [--no-seeds]

- Demo gold (examples/demo_corpus, ingested afresh): a quote is detected when its content covers at least half
  of a gold quote's content; speaker accuracy counts the detected ones whose speaker is the gold speaker (one
  name in two spellings is one speaker; a collective source matches when one phrase starts with the other, see
  demo_eval.same_speaker), with the exact-string figure and the implicit speakers ("وأضاف", "مضيفا") apart.
- Seeds: every statement found in the five seed pages, for reading (`--no-seeds` skips them).
- Speed: the quotes stage alone (marsad.quotes.attribution.attribute, entities and segmentation already done by
  the pipeline), on one core, over the demo corpus and the first N SaudiNewsNet articles; best of 5 rounds of at
  least half a second each, caches warm.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import demo_eval  # noqa: E402

from marsad.pipeline import make_document, process_many  # noqa: E402
from marsad.readers.sources import RawInput, iter_inputs  # noqa: E402
from marsad.quotes.attribution import attribute  # noqa: E402

DATA = ROOT.parent / "shared" / "data"


def analysed(raws: list) -> list:
    """Documents through the whole pipeline (the quotes stage needs entities and segmentation); `raws` are
    (bytes, format) pairs or the readers' RawInputs."""
    docs = []
    for i in range(0, len(raws), 100):
        made = [make_document(r.raw, source=r.source, fmt=r.format, hints=r.hints, locator=r.locator)
                if isinstance(r, RawInput) else make_document(r[0], fmt=r[1]) for r in raws[i:i + 100]]
        docs += [d for d in process_many(made) if hasattr(d, "body") and d.body]
    return docs


def speed(docs: list, rounds: int = 5, min_seconds: float = 0.5) -> float:
    """Articles per second of the quotes stage alone: the best of `rounds` rounds, each repeating the articles
    until it lasts `min_seconds` (a short round on a shared machine measures its neighbours, not the code)."""
    for d in docs:                                  # warm the word caches: steady state is what a batch sees
        attribute(d.body, d.entities, d.sentences, d.words)
    best = 0.0
    for _ in range(rounds):
        n, t0 = 0, time.perf_counter()
        while True:
            for d in docs:
                attribute(d.body, d.entities, d.sentences, d.words)
            n += len(docs)
            elapsed = time.perf_counter() - t0
            if elapsed >= min_seconds:
                break
        best = max(best, n / elapsed)
    return best


def demo_docs() -> list:
    gold = json.loads((demo_eval.CORPUS / "gold.json").read_text(encoding="utf-8"))
    return analysed([(a["body"].encode("utf-8"), "text") for a in gold["articles"]])


def snn_docs(n: int) -> list:
    """The first n SaudiNewsNet articles, read the way `marsad ingest` reads them (the body from "content")."""
    raws = []
    for r in iter_inputs([DATA / "saudinewsnet" / "articles.jsonl.gz"]):
        if len(raws) >= n:
            break
        if isinstance(r, RawInput):
            raws.append(r)
    return analysed(raws)


def seeds() -> None:
    """Every statement in the seed pages, as found: speaker (the words that name them), cue, kind, content."""
    for path in sorted((DATA / "seeds").glob("*.txt")):
        doc = process_many([make_document(path.read_bytes(), source=path.name)])[0]
        print(f"\n{path.name} · {doc.outlet} · {len(doc.quotes)} statements")
        for q in doc.quotes:
            via = f" via {q.via}" if q.via else ""
            content = q.content if len(q.content) <= 110 else q.content[:107] + "…"
            print(f"- {q.speaker}{via} ({q.speaker_text} · {q.cue} · {q.kind}): {content}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--snn", type=int, default=1000, help="SaudiNewsNet articles timed")
    ap.add_argument("--errors", help="write the demo gold's quote errors (missed, false, speaker) to this TSV")
    ap.add_argument("--no-seeds", action="store_true")
    args = ap.parse_args()
    with demo_eval.ingested([demo_eval.CORPUS], "marsad-quotes-") as db:
        res = demo_eval.evaluate(db)["quotes"]
    if args.errors:
        Path(args.errors).write_text("\n".join("\t".join(map(str, e)) for e in sorted(demo_eval.QUOTE_ERRORS))
                                     + "\n", encoding="utf-8")
    print("Demo gold (examples/demo_corpus)\n")
    print("| measure | value | bar |")
    print("|---|---:|---:|")
    print(f"| detection F1 (content overlap ≥ 50%) | **{res['f1']:.3f}** (P {res['precision']:.3f}, "
          f"R {res['recall']:.3f}) | 0.90 |")
    print(f"| speaker accuracy | **{res['speaker_accuracy']:.3f}** | 0.90 |")
    print(f"| … implicit speakers ({res['implicit_speakers']} quotes) | {res['implicit_accuracy']:.3f} | |")
    print(f"| … the speaker's name string exactly the gold's | {res['speaker_exact']:.3f} | |")
    print(f"| mean content overlap | **{res['mean_overlap']:.3f}** | 0.90 |")
    demo = demo_docs()
    snn = snn_docs(args.snn) if args.snn else []
    print("\nSpeed of the quotes stage alone, one core (best of 5 rounds of ≥ 0.5 s, caches warm)\n")
    print("| articles | quotes found | articles/s | bar |")
    print("|---|---:|---:|---:|")
    for name, docs in (("demo corpus", demo), (f"SaudiNewsNet, first {len(snn):,}", snn)):
        if docs:
            n_quotes = sum(len(attribute(d.body, d.entities, d.sentences, d.words)) for d in docs)
            print(f"| {name} ({len(docs):,}) | {n_quotes:,} | **{speed(docs):,.0f}** | 1,000 |")
    if not args.no_seeds:
        print("\nSeeds: every statement found")
        seeds()


if __name__ == "__main__":
    main()
