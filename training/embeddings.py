"""Word vectors for the tagger, learned here from SaudiNewsNet (no embedding weights are downloadable).

fastText skip-gram with subwords over the normalized tokens (the tagger's `word_form`). Output:
training/out/vectors.bin (the fastText model, not shipped). The tagger keeps only the vectors of the words it
needs, see training/ner.py.

    python training/embeddings.py            # about 5 minutes on 2 cores
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import DATA, read_conll, sentences, snn_texts  # noqa: E402

from marsad.entities.tagger import word_form  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dim", type=int, default=100)
    ap.add_argument("--epoch", type=int, default=5)
    ap.add_argument("--limit", type=int, default=None, help="SaudiNewsNet articles to read")
    args = ap.parse_args()
    import fasttext

    OUT.mkdir(exist_ok=True)
    corpus = OUT / "corpus.txt"
    t0 = time.time()
    n = 0
    with corpus.open("w", encoding="utf-8") as fh:
        for text in snn_texts(args.limit):
            for sent in sentences(text):
                fh.write(" ".join(word_form(t) for t in sent) + "\n")
                n += len(sent)
        # the labeled training text is unlabeled text too (its tags are not used here)
        for toks, _ in read_conll(DATA / "anercorp" / "train.conll"):
            fh.write(" ".join(word_form(t) for t in toks) + "\n")
            n += len(toks)
    print(f"corpus: {n:,} tokens in {time.time() - t0:.0f}s", flush=True)
    t0 = time.time()
    model = fasttext.train_unsupervised(str(corpus), model="skipgram", dim=args.dim, epoch=args.epoch,
                                        minCount=2, minn=2, maxn=5, thread=2, ws=5, neg=5, verbose=1)
    model.save_model(str(OUT / "vectors.bin"))
    print(f"fastText: {len(model.words):,} words, {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
