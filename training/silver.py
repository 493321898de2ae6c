"""Silver training data: SaudiNewsNet sentences tagged by an ensemble of taggers, kept where its members agree.

    python training/silver.py TEACHER.npz MEMBER.npz [MEMBER.npz ...]   # writes training/out/silver.conll

Self-training: the ensemble (training/ensemble.py) tags unlabeled news better than any one of its members, and
a sentence on which every member already finds the same tags as the ensemble is one it tags with confidence.
Those sentences teach the next tagger names and contexts the 125k labeled tokens of ANERcorp never show.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import sentences, snn_texts  # noqa: E402

from marsad.entities.flags import lexicon_flags  # noqa: E402
from marsad.entities.tagger import NumpyTagger, bio_spans  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("teacher")
    ap.add_argument("members", nargs="+")
    ap.add_argument("--articles", type=int, default=8000, help="SaudiNewsNet articles read (every k-th of all)")
    ap.add_argument("--plain-share", type=float, default=0.2,
                    help="share of agreed sentences without any entity that are kept")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out", default=str(OUT / "silver.conll"))
    args = ap.parse_args()
    rng = random.Random(args.seed)
    t0 = time.time()
    texts = list(snn_texts())
    step = max(1, len(texts) // args.articles)
    sents = [s for text in texts[::step][:args.articles] for s in sentences(text)]
    flags = [lexicon_flags(s) for s in sents]
    print(f"{len(sents):,} sentences, {sum(map(len, sents)):,} tokens ({time.time() - t0:.0f}s)", flush=True)
    teacher = NumpyTagger.load(args.teacher).tag_batch(sents, flags=flags)
    agree = [True] * len(sents)
    for path in args.members:
        for i, tags in enumerate(NumpyTagger.load(path).tag_batch(sents, flags=flags)):
            agree[i] = agree[i] and tags == teacher[i]
    kept = with_names = 0
    with open(args.out, "w", encoding="utf-8") as fh:
        for toks, tags, ok in zip(sents, teacher, agree):
            if not ok:
                continue
            has = bool(bio_spans(tags))
            if not has and rng.random() >= args.plain_share:
                continue
            kept += 1
            with_names += has
            fh.write("".join(f"{t}\t{g}\n" for t, g in zip(toks, tags)) + "\n")
    print(f"agreed on {sum(agree):,} of {len(sents):,} sentences; kept {kept:,} ({with_names:,} with names) "
          f"-> {args.out} ({time.time() - t0:.0f}s)")


if __name__ == "__main__":
    main()
