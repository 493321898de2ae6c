"""Cleaning and metadata: quality and speed of Marsad's extractor against trafilatura and resiliparse.

    python benchmarks/clean.py [--rounds 3] [--seeds] [--json]

One run, same inputs, printed side by side:

1. Demo gold (examples/demo_corpus/gold.json), through `marsad ingest` as a user runs it: line-role accuracy,
   body character F1, comments, comment text leaked into bodies, metadata accuracy.
2. The demo corpus's HTML pages (files and WARC records), the Arabic case: body character F1 against the gold
   body, Marsad's HTML stage next to trafilatura and resiliparse on the same bytes.
3. ../shared/data/article_extraction_benchmark (181 English pages) scored with benchmarks/extraction_score.py,
   an implementation of the benchmark's own metric (checked against its published trafilatura figures, also
   printed): Marsad, trafilatura defaults (`extract`), trafilatura fast mode, resiliparse main content.
4. Speed on those 181 pages (and on the demo's Arabic pages): documents/s of each system on the same decoded HTML,
   rounds interleaved so that the machine's drift hits every system alike; the median round is reported, with
   the ratio to trafilatura.
   Marsad's figure is the whole HTML stage (body, title, comments, metadata, a role per block), not the body
   alone; the "clean stage" row adds decoding the bytes, datelines, credits, bylines, outlet and date, and the
   outlet templates: everything the pipeline does to a page before language and entities.

--seeds prints every line of the five seed pages with its role, for reading them line by line.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))
SHARED = ROOT.parent / "shared" / "data"
AEB = SHARED / "article_extraction_benchmark"
CORPUS = ROOT / "examples" / "demo_corpus"

from demo_eval import char_f1, evaluate, ingested  # noqa: E402
from extraction_score import load_predictions, score  # noqa: E402

from marsad.clean import html_page  # noqa: E402


def systems() -> dict:
    import trafilatura
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    from marsad import pipeline

    def clean_stage(h: str) -> str:
        doc = pipeline.make_document(h.encode("utf-8"), fmt="html")
        return pipeline.clean_stage(pipeline.decode_stage(doc)).body

    return {
        "marsad": lambda h: html_page.extract(h).body,
        "marsad clean stage (+decode, metadata)": clean_stage,
        "trafilatura (defaults)": lambda h: trafilatura.extract(h) or "",
        "trafilatura (fast)": lambda h: trafilatura.extract(h, fast=True) or "",
        "resiliparse (main content)": lambda h: extract_plain_text(
            HTMLTree.parse(h), main_content=True, alt_texts=False, links=False, list_bullets=False) or "",
    }


def demo_html_pages() -> dict[str, str]:
    """content id → decoded HTML of every HTML page of the demo corpus (files and WARC records)."""
    from marsad.document import content_id
    from marsad.readers.decode import decode
    from marsad.readers.sources import RawInput, iter_inputs

    pages = {}
    for item in iter_inputs([str(CORPUS / "articles")]):
        if not isinstance(item, RawInput):
            continue
        if item.format == "html" or (item.format == "warc" and item.hints.get("content_is_html")):
            text, _ = decode(item.raw, item.hints.get("charset"))
            pages[content_id(item.raw)] = text
    return pages


def timed(fn, pages: list[str]) -> float:
    t = time.perf_counter()
    for h in pages:
        fn(h)
    return len(pages) / (time.perf_counter() - t)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seeds", action="store_true", help="print the seed pages' lines with their roles")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    out: dict = {}
    syst = systems()

    # 1. demo gold through the product
    with ingested([CORPUS], "marsad-clean-", check=False) as db:
        res = evaluate(db)
    out["demo"] = {"line_roles": res["line_roles"]["accuracy"], "body_char_f1": res["body_char_f1"],
                   "comments_f1": res["comments"]["f1"],
                   "comment_text_in_bodies": res["comments"]["comment_text_in_bodies"],
                   "metadata": res["metadata"]}

    # 2. Arabic HTML pages of the demo corpus, each system on the same bytes
    gold = {g["doc_id"]: g for g in json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))["articles"]}
    ar_pages = {k: v for k, v in demo_html_pages().items() if k in gold}
    out["demo_html"] = {"pages": len(ar_pages)}
    for name, fn in syst.items():
        f1s = [char_f1(fn(h), gold[k]["body"]) for k, h in ar_pages.items()]
        out["demo_html"][name] = sum(f1s) / len(f1s) if f1s else 0.0

    # 3. English extraction benchmark, its own metric
    truth = load_predictions(json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8")))
    pages = {k: gzip.open(AEB / "html" / f"{k}.html.gz").read().decode("utf-8") for k in truth}
    ref = score(truth, load_predictions(json.loads((AEB / "output" / "trafilatura.json").read_text())))
    out["aeb_reference_trafilatura_2_0_0"] = ref
    out["aeb"] = {}
    for name, fn in syst.items():
        out["aeb"][name] = score(truth, {k: fn(h) for k, h in pages.items()}, bootstrap=200)

    # 4. speed on the same 181 pages, rounds interleaved
    html_list = list(pages.values())
    ar_list = list(ar_pages.values())
    rates: dict[str, list[float]] = {name: [] for name in syst}
    rates_ar: dict[str, list[float]] = {name: [] for name in syst}
    for _ in range(args.rounds):
        for name, fn in syst.items():
            rates[name].append(timed(fn, html_list))
            rates_ar[name].append(timed(fn, ar_list))
    out["speed_docs_per_s"] = {name: statistics.median(r) for name, r in rates.items()}
    out["speed_docs_per_s_arabic_demo"] = {name: statistics.median(r) for name, r in rates_ar.items()}

    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    d = out["demo"]
    print("1. demo gold (marsad ingest of examples/demo_corpus)\n")
    print(f"   {'line-role accuracy (text scrapes, JSON bodies)':52} {d['line_roles']:.4f}   bar ≥ 0.98")
    print(f"   {'body character F1':52} {d['body_char_f1']:.4f}   bar ≥ 0.97")
    print(f"   {'comments F1 (exact text)':52} {d['comments_f1']:.3f}")
    print(f"   {'comment texts leaked into bodies':52} {d['comment_text_in_bodies']}        bar = 0")
    print("   metadata accuracy: " + ", ".join(f"{k} {v:.3f}" for k, v in d["metadata"].items()))
    print(f"\n2. Arabic HTML pages of the demo corpus ({out['demo_html']['pages']} pages): body character F1, speed\n")
    base_ar = out["speed_docs_per_s_arabic_demo"]["trafilatura (defaults)"]
    for name in syst:
        rate = out["speed_docs_per_s_arabic_demo"][name]
        print(f"   {name:38} {out['demo_html'][name]:.4f}   {rate:8.1f} docs/s  {rate / base_ar:6.2f} × trafilatura")
    print("\n3. article_extraction_benchmark (181 English pages), its metric; speed on the same pages\n")
    r = out["aeb_reference_trafilatura_2_0_0"]
    print(f"   scorer check: output/trafilatura.json scores F1 {r['f1']:.3f} P {r['precision']:.3f} "
          f"R {r['recall']:.3f} acc {r['accuracy']:.3f} (published: 0.958 / 0.938 / 0.978 / 0.293)\n")
    base = out["speed_docs_per_s"]["trafilatura (defaults)"]
    print(f"   {'system':38} {'F1':>12} {'precision':>10} {'recall':>8} {'accuracy':>9} {'docs/s':>8} "
          f"{'× trafilatura':>14}")
    for name in syst:
        s = out["aeb"][name]
        rate = out["speed_docs_per_s"][name]
        print(f"   {name:38} {s['f1']:.3f} ±{s['f1_std']:.3f} {s['precision']:>10.3f} {s['recall']:>8.3f} "
              f"{s['accuracy']:>9.3f} {rate:>8.1f} {rate / base:>14.2f}")
    print(f"\n   speed: median of {args.rounds} interleaved rounds, one core, same decoded HTML for every system")

    if args.seeds:
        from marsad.pipeline import analyze

        for path in sorted((SHARED / "seeds").glob("*.txt")):
            doc = analyze(path.read_bytes(), source=path.name)
            print(f"\n== {path.name}: outlet {doc.outlet} · title {doc.title!r} · dateline {doc.dateline} · "
                  f"credits {doc.credits} · byline {doc.byline} · published {doc.published}")
            for ln in doc.lines:
                print(f"   {ln.n:3} {ln.role:11} {ln.text[:110]}")
            for c in doc.comments:
                print(f"   comment: {c.author!r} {c.date!r}: {c.text[:80]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
