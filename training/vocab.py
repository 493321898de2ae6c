"""The tagger's word vocabulary and its frozen vectors, built once from the fastText model and shared by the
language model (training/lm.py) and the tagger (training/ner.py), which must index words identically.

    python training/vocab.py           # after embeddings.py: writes training/out/vocab.npz
    python training/vocab.py --from-model src/marsad/models/ner.npz   # the shipped model's own vocabulary

`--from-model` reads the vocabulary back from a model file (its words, counts, characters and its int8 word
vectors scaled back), so that a shipped model's members can be trained on without the fastText model, which is
not committed and which a second run does not rebuild bit for bit.
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


def from_model(path: Path) -> dict[str, np.ndarray]:
    """A model file's vocabulary in `build`'s form: row 0 of the vectors is the padding row, as there."""
    with np.load(path) as z:
        a = {k: z[k] for k in ("vocab", "vocab_counts", "chars", "word_vectors_q", "word_vectors_scale")}
    words = a["vocab"].tobytes().decode().split("\n")
    vectors = a["word_vectors_q"].astype(np.float32) * a["word_vectors_scale"].astype(np.float32)[:, None]
    return {"words": np.array(words, dtype=object), "counts": a["vocab_counts"], "vectors": vectors,
            "chars": np.array(list(a["chars"].tobytes().decode("utf-32-le")), dtype=object)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--vectors", default=str(OUT / "vectors.bin"))
    ap.add_argument("--vocab", type=int, default=60000, help="most frequent corpus words kept with vectors")
    ap.add_argument("--from-model", default="", help="take the vocabulary of this model file instead")
    args = ap.parse_args()
    v = from_model(Path(args.from_model)) if args.from_model else build(Path(args.vectors), args.vocab)
    OUT.mkdir(exist_ok=True)
    np.savez(OUT / "vocab.npz", **v)
    print(f"vocabulary {len(v['words']):,} words, {len(v['chars'])} characters -> {OUT / 'vocab.npz'}")


if __name__ == "__main__":
    main()
