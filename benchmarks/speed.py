"""Speed of the whole per-document analysis against trafilatura's extraction alone (issue 22, speed part).

    python benchmarks/speed.py [--rounds 5] [--json]

The bar: the whole analysis (decode, clean, language, segment, entities, times, quotes, index: everything
`pipeline.process_many` does to a page) at least 0.5x the speed of `trafilatura.extract` (defaults) alone on
the same Arabic HTML pages, in the same run, on one core (BLAS limited to one thread, as in a worker).

Pages measured (49 with the current demo corpus):
- every HTML page of the demo corpus (examples/demo_corpus/articles: the .html files and the HTML records of its
  WARC files), decoded once, exactly as stored (benchmarks/clean.py `demo_html_pages`);
- the five seed pages (../shared/data/seeds/*.txt, real scraped pages kept as text) laid out as a news site
  serves them (`seed_pages`): a head with charset and title, a nav bar of three section links, the headline
  and the scraped lines as paragraphs inside <article>, a footer line. Nothing is added to lengthen a page:
  the scraped lines (their own chrome included) are the article's paragraphs, as the page was scraped.

Both systems get the same decoded HTML (Marsad its UTF-8 bytes, which its decode stage reads back). Rounds are
interleaved (trafilatura, then Marsad, then again) so that the drift of a shared machine hits both alike; the
median round of each is reported, with the ratio (trafilatura's time / Marsad's time: 1.0 is as fast).
One warm-up round comes first: models, gazetteer and lexicons are loaded once per worker, not per page. Later
rounds see the same pages again, so per-word caches are warm, as in a worker that has run for a while.

Per-stage shares: the same documents run stage by stage through `process_many` (a batched stage over the
whole batch), each stage's time summed over documents, medians over rounds.

Plain text: the first 500 SaudiNewsNet records (../shared/data/saudinewsnet/articles.jsonl.gz) as the reader
gives them (`executors.local._to_document`), in batches of the local executor's size, against nothing:
documents per second and stage shares. The warm-up round uses records 500-999, so the first timed round does
not meet its own words in the caches.
"""

from __future__ import annotations

import argparse
import html as H
import itertools
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))
SHARED = ROOT.parent / "shared" / "data"
SNN = SHARED / "saudinewsnet" / "articles.jsonl.gz"
SNN_DOCS = 500
BATCH = 64                      # executors.local.BATCH


def seed_pages() -> dict[str, str]:
    """file name → the seed page as site HTML: head, nav, the article (headline, then each scraped line as a
    paragraph), footer. The first scraped line is the site's section label, the second the headline."""
    out = {}
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
        title = H.escape(lines[1] if len(lines) > 1 else lines[0])
        body = "".join(f"<p>{H.escape(ln)}</p>\n" for ln in lines[2:])
        out[path.name] = (
            f"<html lang='ar' dir='rtl'><head><meta charset='utf-8'><title>{title}</title></head><body>"
            f"<nav><a href='/'>الرئيسية</a> <a href='/a'>سياسة</a> <a href='/b'>اقتصاد</a></nav>"
            f"<article><h1>{title}</h1>{body}</article><footer>جميع الحقوق محفوظة</footer></body></html>")
    return out


def html_pages() -> list[str]:
    """The measured pages: the demo corpus's HTML pages, then the seeds as site HTML."""
    from clean import demo_html_pages
    return list(demo_html_pages().values()) + list(seed_pages().values())


def snn_inputs(start: int, stop: int) -> list:
    from marsad.readers.sources import RawInput, iter_inputs
    records = (it for it in iter_inputs([str(SNN)]) if isinstance(it, RawInput))
    return list(itertools.islice(records, start, stop))


def _html_docs(raws: list[bytes]) -> list:
    from marsad import pipeline
    return [pipeline.make_document(r, fmt="html") for r in raws]


def _snn_docs(items: list) -> list:
    from marsad.executors.local import _to_document
    return [_to_document(it) for it in items]


def _whole(docs: list) -> float:
    """Seconds of the whole analysis of `docs`, in batches of a worker's size."""
    from marsad import pipeline
    t = time.perf_counter()
    for k in range(0, len(docs), BATCH):
        pipeline.process_many(docs[k:k + BATCH])
    return time.perf_counter() - t


def _by_stage(docs: list) -> dict[str, float]:
    """Seconds per stage: each stage over each batch through `process_many`, as the whole analysis runs it."""
    from marsad import pipeline
    from marsad.document import Document
    spent = dict.fromkeys((name for name, _ in pipeline.STAGES), 0.0)
    for k in range(0, len(docs), BATCH):
        live = docs[k:k + BATCH]
        for name, stage in pipeline.STAGES:
            t = time.perf_counter()
            live = [d for d in pipeline.process_many(live, [(name, stage)]) if isinstance(d, Document)]
            spent[name] += time.perf_counter() - t
    return spent


def _extract_all(pages: list[str]) -> float:
    import trafilatura
    t = time.perf_counter()
    for h in pages:
        trafilatura.extract(h)
    return time.perf_counter() - t


def _shares(rounds: list[dict[str, float]]) -> dict[str, float]:
    med = {k: statistics.median(r[k] for r in rounds) for k in rounds[0]}
    total = sum(med.values()) or 1.0
    return {k: v / total for k, v in med.items()}


def measure(rounds: int = 5) -> dict:
    """The figures of this benchmark as a dict (see the module docstring for what is measured):
    pages, trafilatura_docs_s, marsad_docs_s, ratio, stage_shares; snn_docs, snn_docs_s, snn_stage_shares."""
    import numpy  # noqa: F401 - loaded before threadpoolctl, or the limit has no BLAS to limit
    from threadpoolctl import threadpool_limits

    pages = html_pages()
    raws = [h.encode("utf-8") for h in pages]
    snn, snn_warm = snn_inputs(0, SNN_DOCS), snn_inputs(SNN_DOCS, 2 * SNN_DOCS)
    traf, mar, stages, snn_t, snn_stages = [], [], [], [], []
    with threadpool_limits(1):
        _extract_all(pages), _whole(_html_docs(raws)), _whole(_snn_docs(snn_warm))          # warm-up
        for _ in range(rounds):
            traf.append(_extract_all(pages))
            mar.append(_whole(_html_docs(raws)))
            stages.append(_by_stage(_html_docs(raws)))
            snn_t.append(_whole(_snn_docs(snn)))
            snn_stages.append(_by_stage(_snn_docs(snn)))
    t_traf, t_mar, t_snn = (statistics.median(x) for x in (traf, mar, snn_t))
    return {"pages": len(pages), "rounds": rounds, "trafilatura_docs_s": len(pages) / t_traf,
            "marsad_docs_s": len(pages) / t_mar, "ratio": t_traf / t_mar, "stage_shares": _shares(stages),
            "snn_docs": len(snn), "snn_docs_s": len(snn) / t_snn, "snn_stage_shares": _shares(snn_stages)}


def table(r: dict) -> str:
    rows = [f"{r['pages']} Arabic HTML pages (demo corpus + seeds as site HTML), one core, median of "
            f"{r['rounds']} interleaved rounds",
            f"  {'trafilatura.extract (extraction alone)':42} {r['trafilatura_docs_s']:8.1f} docs/s",
            f"  {'marsad whole analysis (process_many)':42} {r['marsad_docs_s']:8.1f} docs/s   "
            f"ratio {r['ratio']:.3f} (bar: 0.5)",
            "  stage shares: " + _share_line(r["stage_shares"]),
            f"{r['snn_docs']} SaudiNewsNet texts: {r['snn_docs_s']:.1f} docs/s",
            "  stage shares: " + _share_line(r["snn_stage_shares"])]
    return "\n".join(rows)


def _share_line(shares: dict[str, float]) -> str:
    return "  ".join(f"{k} {v:.0%}" for k, v in shares.items())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--json", action="store_true", help="also print the figures as JSON after the table")
    args = ap.parse_args()
    r = measure(args.rounds)
    print(table(r))
    if args.json:
        print(json.dumps(r, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
