"""MinHash signatures, LSH band keys and containment samples for many documents at once.

The signatures are one-permutation MinHash (Li, Owen & Zhang 2012) with optimal densification (Shrivastava
2017): each shingle is hashed once, its top bits pick one of K bins and the next 32 bits are its value; a bin
keeps its smallest value. Two sets agree on a bin with probability equal to their Jaccard similarity, like
K-permutation MinHash, but the cost is one hash per shingle instead of K (128× less arithmetic), which is
what lets plain numpy outrun rensa's Rust K-permutation code. Empty bins (short texts) borrow the value of
the first non-empty bin along a probe sequence that depends only on the bin, so equal sets still collide.

Containment ("B holds most of A") is invisible to Jaccard when B is much longer, so every document also
contributes a content-defined sample of its shingles (those whose hash is ≡ 0 mod SAMPLE_EVERY): two texts
that share n shingles share about n/SAMPLE_EVERY samples whatever else they contain.
"""

from __future__ import annotations

import numpy as np

from .shingles import _mix

K = 128                       # bins (signature length)
BANDS, ROWS = 32, 4           # LSH: candidates at Jaccard ≈ 0.4 and up
                              # (P = 1 - (1 - J**4)**32: 0.56 at 0.4, 0.87 at 0.5)
SAMPLE_EVERY = 8              # one shingle in 8 is a containment sample: a shared 40-word block is missed 0.6% of times
EMPTY = np.uint64(1 << 32)    # above every 32-bit value
_PROBES = 24                  # densification probes before falling back to the next non-empty bin


def _probe_table() -> np.ndarray:
    """donor[j, t]: the bin that empty bin j asks at attempt t, the same for every document."""
    j = np.arange(K, dtype=np.uint64)[:, None]
    t = np.arange(1, _PROBES + 1, dtype=np.uint64)[None, :]
    with np.errstate(over="ignore"):
        x = j * np.uint64(0x9E3779B97F4A7C15) + t * np.uint64(0xC2B2AE3D27D4EB4F)
    return (_mix(x) % np.uint64(K)).astype(np.intp)


_DONORS = _probe_table()


def signatures(shingle_sets: list[np.ndarray]) -> np.ndarray:
    """(n, K) uint64 signatures; a row of EMPTY for a text without shingles."""
    n = len(shingle_sets)
    sig = np.full(n * K, EMPTY, dtype=np.uint64)
    if n == 0:
        return sig.reshape(0, K)
    lengths = np.fromiter((len(s) for s in shingle_sets), dtype=np.intp, count=n)
    if lengths.sum():
        h = np.concatenate(shingle_sets)
        doc = np.repeat(np.arange(n, dtype=np.uint64), lengths)
        slot = doc * np.uint64(K) + (h >> np.uint64(57))             # top 7 bits: the bin (K = 128)
        value = (h >> np.uint64(25)) & np.uint64(0xFFFFFFFF)         # the next 32 bits: the value
        np.minimum.at(sig, slot.astype(np.intp), value)
    sig = sig.reshape(n, K)
    _densify(sig, lengths > 0)
    return sig


def _densify(sig: np.ndarray, nonempty: np.ndarray) -> None:
    original = sig.copy()
    empty = (sig == EMPTY) & nonempty[:, None]
    rows, cols = np.nonzero(empty)
    for t in range(_PROBES):
        if not len(rows):
            return
        got = original[rows, _DONORS[cols, t]]
        ok = got != EMPTY
        sig[rows[ok], cols[ok]] = got[ok]
        rows, cols = rows[~ok], cols[~ok]
    # texts of a few shingles: the next non-empty bin to the right, circularly (one binary search per text)
    for r in np.unique(rows).tolist():
        full = np.flatnonzero(original[r] != EMPTY)
        mine = cols[rows == r]
        sig[r, mine] = original[r, full[np.searchsorted(full, mine) % len(full)]]


def band_keys(sig: np.ndarray) -> np.ndarray:
    """(n, BANDS) int64 keys, one per band; the band number is mixed in so bands never share keys."""
    n = sig.shape[0]
    bands = sig.reshape(n, BANDS, ROWS)
    with np.errstate(over="ignore"):
        acc = np.arange(BANDS, dtype=np.uint64)[None, :] * np.uint64(0xD6E8FEB86659FD93)
        for r in range(ROWS):
            acc = _mix(acc * np.uint64(0x100000001B3) + bands[:, :, r])
    return acc.view(np.int64)


def samples(distinct: np.ndarray) -> np.ndarray:
    """The document's containment samples: its distinct shingle hashes ≡ 0 mod SAMPLE_EVERY, as int64."""
    return distinct[(distinct & np.uint64(SAMPLE_EVERY - 1)) == 0].view(np.int64)
