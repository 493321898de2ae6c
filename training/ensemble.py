"""Join taggers trained with different seeds over the same vocabulary into one model file (an ensemble).

    python training/ensemble.py OUT.npz A.npz B.npz [...]
    python training/ensemble.py --split MODEL.npz PREFIX      # each member alone: PREFIX0.npz, PREFIX1.npz, ...

The members must share the vocabulary, the word vectors and the characters (training/vocab.py's output, the
same for every run of training/ner.py); their own weights are stored under "m{k}_" prefixes and the tagger
averages their emissions and transitions (marsad.entities.tagger.NumpyTagger).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from marsad.entities.tagger import MEMBER_KEYS, SHARED_KEYS, NumpyTagger, member_arrays  # noqa: E402


def join(paths: list[Path]) -> dict[str, np.ndarray]:
    files = []
    for p in paths:
        with np.load(p) as z:
            files.append({k: z[k] for k in z.files})
    first = files[0]
    out = {k: first[k] for k in SHARED_KEYS}
    members = [m for f in files for m in member_arrays(f)]
    for f, p in zip(files[1:], paths[1:]):
        for k in SHARED_KEYS:
            if not np.array_equal(f[k], first[k]):
                raise SystemExit(f"{p}: {k} differs from {paths[0]}'s; members must share the vocabulary")
    for i, m in enumerate(members):
        for k in MEMBER_KEYS:
            out[("" if i == 0 else f"m{i}_") + k] = m[k]
    out["members"] = np.array([len(members)])
    return out


def split(path: Path, prefix: str) -> None:
    """Each member of a model file as a file of its own (what `training/ner.py --init` reads)."""
    with np.load(path) as z:
        a = {k: z[k] for k in z.files}
    for i, m in enumerate(member_arrays(a)):
        out = Path(f"{prefix}{i}.npz")
        np.savez_compressed(out, **{k: a[k] for k in SHARED_KEYS}, **m)
        NumpyTagger.load(out)
        print(f"member {i} -> {out}")


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--split":
        return split(Path(sys.argv[2]), sys.argv[3])
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    out, paths = Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]]
    arrays = join(paths)
    np.savez_compressed(out, **arrays)
    NumpyTagger.load(out)
    print(f"{out}: {len(paths)} files, {int(arrays['members'][0])} members, {out.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
