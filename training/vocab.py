"""The tagger's word vocabulary and its frozen vectors, built once from the fastText model and shared by the
language model (training/lm.py) and the tagger (training/ner.py), which must index words identically.

    python training/vocab.py           # after embeddings.py: writes training/out/vocab.npz
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import DATA, read_conll  # noqa: E402

from marsad.entities.tagger import word_form  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"


def build(vectors_path: Path, vocab_size: int) -> dict[str, np.ndarray]:
    """The most frequent SaudiNewsNet words plus every ANERcorp training form, with their vectors scaled to
    unit norm on average, and the characters seen at least twice in the training file."""
    import fasttext
    ft = fasttext.load_model(str(vectors_path))
    words, freqs = ft.get_words(include_freq=True)
    counts = dict(zip(words, (int(f) for f in freqs)))
    keep = list(words[:vocab_size])
    train_all = read_conll(DATA / "anercorp" / "train.conll")
    keep_set = set(keep)
    keep += sorted({word_form(t) for toks, _ in train_all for t in toks} - keep_set)
    vectors = np.stack([np.zeros(ft.get_dimension(), dtype=np.float32)] +
                       [ft.get_word_vector(w) for w in keep]).astype(np.float32)
    vectors /= max(1e-6, float(np.linalg.norm(vectors, axis=1).mean()))
    char_counts = Counter(c for toks, _ in train_all for t in toks for c in word_form(t))
    chars = [c for c, n in char_counts.most_common() if n >= 2]
    return {"words": np.array(keep, dtype=object), "counts": np.array([counts.get(w, 0) for w in keep]),
            "vectors": vectors, "chars": np.array(chars, dtype=object)}


def load(path: Path = OUT / "vocab.npz") -> dict[str, np.ndarray]:
    with np.load(path, allow_pickle=True) as z:
        return {k: z[k] for k in z.files}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--vectors", default=str(OUT / "vectors.bin"))
    ap.add_argument("--vocab", type=int, default=60000, help="most frequent corpus words kept with vectors")
    args = ap.parse_args()
    v = build(Path(args.vectors), args.vocab)
    np.savez(OUT / "vocab.npz", **v)
    print(f"vocabulary {len(v['words']):,} words, {len(v['chars'])} characters -> {OUT / 'vocab.npz'}")


if __name__ == "__main__":
    main()
