"""Duplicates and wire copies from shared sentences: the baseline the MinHash/provenance work builds on.

Exact duplicates share the hash of their normalized body (bodies of 200+ characters: shorter ones are
briefs and captions that coincide without being copies). Everything else is found through sentence
fingerprints: every sentence of 8+ words is hashed in matching form; two articles that share sentences share
text, and how much of each they share says what they are:
- `near`: both are (almost) entirely the shared text (≥ 90% each way): a copy with light edits;
- `wire`: one contains most of the other, or they share a block of agency text with their own additions.
Fingerprints carried by very many documents (site boilerplate that slipped through cleaning) are ignored.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from ..arabic.segment import sentences, word_spans

MIN_WORDS = 8
MAX_DOCS_PER_FINGERPRINT = 50
NEAR = 0.9
CONTAIN = 0.5
MIN_SHARED_CHARS = 300


@dataclass(frozen=True)
class DocText:
    id: str
    body: str
    body_hash: str | None
    published: str | None
    order: int


def fingerprints_of(words: list[tuple[int, int, str, str]], sents: list[tuple[int, int]]) -> dict[int, int]:
    """{sentence hash: sentence length} for the sentences long enough to be evidence of copying.

    A sentence is the matching forms of its words joined by spaces (so spelling variants, diacritics and
    punctuation do not hide a copy); the hash is the first 8 bytes of blake2b as a signed 64-bit integer,
    stable across processes and runs, so fingerprints can be stored."""
    out: dict[int, int] = {}
    i, n = 0, len(words)
    for s, e in sents:
        while i < n and words[i][0] < s:
            i += 1
        j = i
        while j < n and words[j][1] <= e:
            j += 1
        if j - i >= MIN_WORDS:
            key = " ".join(w[3] for w in words[i:j])
            h = int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little", signed=True)
            out.setdefault(h, e - s)
        i = j
    return out


def fingerprints(body: str) -> dict[int, int]:
    return fingerprints_of(word_spans(body), sentences(body))


def pack(prints: dict[int, int]) -> bytes:
    hashes = np.fromiter(prints.keys(), dtype="<i8", count=len(prints))
    lengths = np.fromiter(prints.values(), dtype="<i4", count=len(prints))
    return hashes.tobytes() + lengths.tobytes()


def unpack(n: int, packed: bytes) -> dict[int, int]:
    hashes = np.frombuffer(packed, dtype="<i8", count=n)
    lengths = np.frombuffer(packed, dtype="<i4", count=n, offset=8 * n)
    return dict(zip(hashes.tolist(), lengths.tolist()))


def find_duplicates(docs: list[DocText], prints: dict[str, dict[int, int]] | None = None
                    ) -> list[tuple[str, str, str, float, int]]:
    """(a, b, kind, score, shared_chars) with a the earlier article. `prints` are stored fingerprints by doc
    id; documents without them are fingerprinted here."""
    docs = sorted(docs, key=lambda d: (d.published or "9999", d.order))
    rank = {d.id: i for i, d in enumerate(docs)}
    pairs: dict[tuple[str, str], tuple[str, float, int]] = {}

    by_hash: dict[str, list[DocText]] = defaultdict(list)
    for d in docs:
        if d.body_hash and len(d.body) >= 200:
            by_hash[d.body_hash].append(d)
    for group in by_hash.values():
        if len(group) < 2:
            continue
        first = group[0]
        for other in group[1:]:                       # a star, not all pairs: n-1 links say the same thing
            pairs[(first.id, other.id)] = ("exact", 1.0, len(first.body))

    prints = dict(prints or {})
    for d in docs:
        if d.id not in prints:
            prints[d.id] = fingerprints(d.body)
    index: dict[int, list[str]] = defaultdict(list)
    for d in docs:
        for h in prints[d.id]:
            index[h].append(d.id)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for h, ids in index.items():
        if len(ids) < 2 or len(ids) > MAX_DOCS_PER_FINGERPRINT:
            continue
        ids = sorted(set(ids), key=rank.__getitem__)
        for i, a in enumerate(ids):
            length = prints[a][h]
            for b in ids[i + 1:]:
                shared[(a, b)] += length
    total = {d.id: max(1, sum(prints[d.id].values())) for d in docs}
    for (a, b), chars in shared.items():
        if (a, b) in pairs:
            continue
        ra, rb = chars / total[a], chars / total[b]
        if ra >= NEAR and rb >= NEAR:
            kind, score = "near", min(ra, rb)
        elif max(ra, rb) >= CONTAIN or chars >= MIN_SHARED_CHARS:
            kind, score = "wire", max(ra, rb)
        else:
            continue
        pairs[(a, b)] = (kind, round(min(score, 1.0), 4), chars)
    return [(a, b, k, s, c) for (a, b), (k, s, c) in sorted(pairs.items(), key=lambda x: (rank[x[0][0]], rank[x[0][1]]))]
