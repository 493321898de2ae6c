"""Hand-annotated people in SaudiNewsNet as tagger training text: gold persons, the teacher's other entities.

    python training/news_gold.py TEACHER.npz [--parts tuning,fourth,...] [--extra training/people_news/gold.json]
                                 [--out training/out/news_gold.conll]

benchmarks/people/gold.json marks every person mention (name span, titles and proclitics excluded) in a few
hundred SaudiNewsNet articles. ANERcorp is wire text of 2007; the news Marsad reads is Gulf news whose names
(عبدالعزيز، آل سعود، بن نايف) and contexts it rarely shows, and silver text (training/silver.py) only repeats
what the teacher already knows. These articles are cut into sentences exactly as the recognizer cuts a body for
the tagger (`Recognizer._tagger_input`), a token overlapping an annotated name is tagged PER, and the places,
organizations and other names the teacher finds elsewhere are kept (they are not annotated; an annotation is
exhaustive for persons, so a teacher's person the annotators did not mark becomes O).

The held-out parts are never read here; `--parts` chooses among the rest (benchmarks/people.py PARTS).
`--extra` adds articles annotated only as training text (training/people_news: none of them is a benchmark
article or a copy of one).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from marsad.entities.named_after import NAMED_AFTER as _NAMED_AFTER, ROYAL as _ROYAL, bare_head as _bare  # noqa: E402
from marsad.entities.recognize import default_recognizer  # noqa: E402
from marsad.entities.tagger import NumpyTagger, bio_spans  # noqa: E402
from corpus import snn_records  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
GOLD = ROOT / "benchmarks" / "people" / "gold.json"


def contents(ids: set[str]) -> dict[str, str]:
    return {d["id"]: d["content"] for d in snn_records() if d["id"] in ids}


def person_tags(index: list[int], toks, mentions: list[dict]) -> list[str]:
    """B-/I-PER on the model tokens that overlap an annotated name, O elsewhere."""
    tags = ["O"] * len(index)
    for m in mentions:
        inside = [j for j, k in enumerate(index)
                  if k >= 0 and toks[k].start < m["end"] and toks[k].end > m["start"]]
        for n, j in enumerate(inside):
            tags[j] = "I-PER" if n else "B-PER"
    return tags


def _inside_named_after(toks: list[str], start: int) -> bool:
    """Does the span at `start` follow the head of an institution or place named after a person ("مركز الملك
    سلمان للإغاثة", "جامعة الملك سعود"), a royal title between them? Words are read as the recognizer's rule for
    such names reads them (`named_after.bare_head`: a conjunction or preposition peeled, the article kept)."""
    k = start - 1
    if k >= 0 and _bare(toks[k]) in _ROYAL:
        k -= 1
    return k >= 0 and _bare(toks[k]) in _NAMED_AFTER


def merged(people: list[str], teacher: list[str], toks: list[str]) -> list[str]:
    """The annotated persons over the teacher's non-person entities that do not touch them. The annotators mark
    no person inside an institution's name, but the recognizer finds such institutions from the tagger's person
    there ("مركز الملك سلمان" becomes the centre by the rule for names after a head): the teacher's person after
    such a head is kept, or a tagger taught by the news would forget those institutions."""
    out = list(people)
    for start, end, etype in bio_spans(teacher):
        if any(t != "O" for t in people[start:end]) or (etype == "PER" and not _inside_named_after(toks, start)):
            continue
        out[start] = f"B-{etype}"
        for j in range(start + 1, end):
            out[j] = f"I-{etype}"
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("teacher")
    ap.add_argument("--parts", default="tuning,seen_held_out,fourth,fifth,eighth,ninth,tenth,eleventh_twelfth")
    ap.add_argument("--extra", action="append", default=[], help="more annotated articles (gold.json's form)")
    ap.add_argument("--out", default=str(OUT / "news_gold.conll"))
    args = ap.parse_args()
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    parts = [p.strip() for p in args.parts.split(",") if p.strip()]
    if any(p.startswith("held_out") for p in parts):
        raise SystemExit("the held-out parts are never training text")
    ids = {i for p in parts for i in gold[p]}
    by_id = {a["id"]: a["mentions"] for a in gold["articles"] if a["id"] in ids}
    benchmark = {a["id"] for a in gold["articles"]}
    for path in args.extra:
        for a in json.loads(Path(path).read_text(encoding="utf-8"))["articles"]:
            if a["id"] in benchmark:
                raise SystemExit(f"{path}: {a['id']} is a benchmark article")
            by_id[a["id"]] = a["mentions"]
    ids = set(by_id)
    texts = contents(ids)
    rec = default_recognizer()
    sents, flags, people = [], [], []
    for aid in sorted(texts):
        text = texts[aid]
        toks, gaz = rec._prepare(text, None)
        s, index, f = rec._tagger_input(text, toks, gaz)
        sents += s
        flags += f
        people += [person_tags(ix, toks, by_id[aid]) for ix in index]
    teacher = NumpyTagger.load(args.teacher).tag_batch(sents, flags=flags)
    n_names = 0
    with open(args.out, "w", encoding="utf-8") as fh:
        for toks, ppl, tch in zip(sents, people, teacher):
            tags = merged(ppl, tch, toks)
            n_names += sum(t == "B-PER" for t in tags)
            fh.write("".join(f"{t}\t{g}\n" for t, g in zip(toks, tags)) + "\n")
    print(f"{len(texts)} articles of {', '.join(parts + args.extra)}: {len(sents):,} sentences, "
          f"{n_names:,} person names -> {args.out}")


if __name__ == "__main__":
    main()
