"""The incremental duplicate index: add documents, get back their exact, near and wire-copy pairs.

A new document queries what is already indexed through three keys (the hash of its whole normalized word
sequence, its MinHash LSH band keys, its containment samples), then is added. Candidates are verified on the
texts themselves (both shingle sets, exactly), so estimates only decide what gets looked at, never what is
reported. The index is in memory (`SegmentIndex`es); `persist.py` keeps it in the store between runs.

Kinds, for a pair (a earlier than b):
- `exact`: the same normalized word sequence (spelling variants, diacritics, punctuation, spacing ignored);
- `near`: each holds at least NEAR of the other's shingles, or at least EDITED with the differences scattered
  over many places: the same article lightly edited;
- `wire`: one holds at least CONTAIN of the other (a dispatch with an added intro or outro, a truncated copy),
  or they share a passage of at least MIN_PASSAGE_CHARS that is a fifth of one of them (an agency text inside
  each outlet's own reporting).
Formula text (weather bulletins, protocol news, ministry statements built on one template) is told apart by
document frequencies: two articles whose shared text is mostly carried by many documents, while their own
specifics (rarer shingles) differ, are two instances of a template, not copies (`template`).
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from typing import Callable, Iterable

import numpy as np

from .minhash import band_keys, samples, signatures
from .segments import Segment, SegmentIndex
from .shingles import Shingled, shingle_texts

NEAR = 0.9                    # each holds this much of the other: the same article
EDITED = 0.55                 # ... or this much, with the differences scattered over EDIT_RUNS+ places
EDIT_RUNS = 4
CONTAIN = 0.5
MIN_CONTAINED_CHARS = 150     # a contained text must be at least a paragraph, not a shared stock phrase
MIN_PASSAGE_CHARS = 300       # shared passages (runs of shared words) that make two articles one wire text
MIN_PASSAGE_SHARE = 0.2       # ... and that are a fifth of one of the two articles at least
FORMULA = 0.5                 # shared text mostly carried by FORMULA_DF+ documents: maybe a template ...
FORMULA_DF = 5
MIN_SPECIFIC = 10             # ... when each has 10+ rarer shingles (its specifics)
SPECIFIC_SHARED = 0.3         # ... of which they share less than this: two instances, not copies
DF_SLOTS = 1 << 24            # hashed document-frequency counters (16 MB)
MIN_RUN_WORDS = 8             # a run of shared words shorter than this is a phrase, not a passage
MIN_PASSAGE_SHINGLES = 30     # fewer shared shingles cannot make a passage of MIN_PASSAGE_CHARS
MIN_SHARED_SAMPLES = 3        # candidates found through containment samples only: ~24 shared shingles ...
SAMPLE_SHARE = 0.3            # ... or this share of the shorter text's samples
COMMON = 10                   # a sample in this many documents is formula: not used to find candidates
MAX_POSTINGS = 50             # a sample carried by this many documents is boilerplate: it stops being indexed
BATCH = 64                    # texts shingled together (numpy calls amortized, arrays still in cache)
INDEX_BATCH = 512             # texts queried and added together (one binary search per segment per batch)
_POS = 1024                   # > INDEX_BATCH: packs (batch position, document) into one integer


@dataclass(frozen=True)
class Pair:
    a: int                    # the earlier document (index key)
    b: int
    kind: str
    score: float
    shared_chars: int
    jaccard: float
    a_in_b: float             # share of a's shingles found in b
    b_in_a: float
    formula: float = 0.0      # share of the shared shingles that many documents carry (template text)


@dataclass
class Prepared:
    """A shingled text; its distinct shingles (sorted) are computed when first compared."""
    shingled: Shingled
    _unique: np.ndarray | None = None

    @property
    def unique(self) -> np.ndarray:
        if self._unique is None:
            self._unique = distinct(self.shingled.hashes)
        return self._unique


def distinct(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values: np.unique without its hashing path, 10× faster on a few hundred integers."""
    return distinct_counts(values)[0]


def distinct_counts(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct values and how often each occurs (np.unique(..., return_counts=True), by sorting)."""
    s = np.sort(values)
    if not len(s):
        return s, np.zeros(0, dtype=np.int64)
    first = np.empty(len(s), dtype=bool)
    first[0] = True
    np.not_equal(s[1:], s[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    return s[starts], np.diff(np.append(starts, len(s)))


def shingle_all(texts: list[str]) -> list[Shingled]:
    out: list[Shingled] = []
    for i in range(0, len(texts), BATCH):
        out.extend(shingle_texts(texts[i:i + BATCH]))
    return out


def _exact_key(digest: bytes) -> int:
    return int.from_bytes(digest[:8], "little", signed=True)


@dataclass
class Candidates:
    """What the index returned for one new document, before verification."""
    exact: set = field(default_factory=set)
    bands: set = field(default_factory=set)
    shared: Counter = field(default_factory=Counter)     # distinctive samples in common, per candidate


class Deduplicator:
    """The index (exact keys, LSH bands, containment samples, each a `SegmentIndex`) and the verification.

    `text_of(keys)` returns the texts of already indexed documents, for verification; it is only called for
    candidates that are not among the recently added documents kept in memory (copies arrive close in time).
    `orders` sorts documents (earlier publications first) and decides which member of a pair is `a`."""

    def __init__(self, text_of: Callable[[list[int]], dict[int, str]], recent: int = 4096):
        self.text_of = text_of
        self.exact = SegmentIndex()
        self.bands = SegmentIndex()
        self.samples = SegmentIndex()
        self.orders: dict[int, tuple] = {}
        self.df = np.zeros(DF_SLOTS, dtype=np.uint8)      # documents per shingle (hashed, saturating at 255)
        self.sample_n: dict[int, int] = {}                 # containment samples per document
        self.recent: OrderedDict[int, Prepared] = OrderedDict()
        self.recent_size = recent

    def __len__(self) -> int:
        return len(self.orders)

    def nbytes(self) -> int:
        return self.exact.nbytes() + self.bands.nbytes() + self.samples.nbytes() + self.df.nbytes

    def _count(self, shingled: list[Shingled]) -> None:
        """Add the batch's shingles to the document frequencies (a repeated phrase inside one text counts
        more than once: rare, and only ever towards "formula")."""
        u, c = distinct_counts((np.concatenate([s.hashes for s in shingled])
                                & np.uint64(DF_SLOTS - 1)).astype(np.int64))
        self.df[u] = np.minimum(self.df[u].astype(np.int64) + c, 255).astype(np.uint8)

    def frequency(self, hashes: np.ndarray) -> np.ndarray:
        return self.df[(hashes & np.uint64(DF_SLOTS - 1)).astype(np.int64)]

    def add(self, items: list[tuple[int, str, tuple]]) -> list[Pair]:
        """items: (key, text, order), keys not indexed yet. Returns the pairs they form with what was indexed
        before and with each other."""
        pairs: list[Pair] = []
        back = {k for k, _, _ in items} & (self.exact.deleted | self.bands.deleted | self.samples.deleted)
        if back:                                           # re-indexed after a removal: drop the old entries first
            for index in (self.exact, self.bands, self.samples):
                index.compact()
        for i in range(0, len(items), INDEX_BATCH):
            pairs.extend(self._add_batch(items[i:i + INDEX_BATCH]))
        return pairs

    def remove(self, keys: Iterable[int]) -> None:
        keys = [k for k in keys if k in self.orders]
        for index in (self.exact, self.bands, self.samples):
            index.remove(keys)
        for k in keys:
            self.orders.pop(k, None)
            self.sample_n.pop(k, None)
            self.recent.pop(k, None)

    def _remember(self, key: int, prepared: Prepared) -> None:
        self.recent[key] = prepared
        if len(self.recent) > self.recent_size:
            self.recent.popitem(last=False)

    def _add_batch(self, items: list[tuple[int, str, tuple]]) -> list[Pair]:
        prepared = [Prepared(s) for s in shingle_all([t for _, t, _ in items])]
        live = [j for j, p in enumerate(prepared) if p.shingled.words]
        if not live:
            return []
        band_keys_, smp = sketch([prepared[j] for j in live])
        doc = np.array([items[j][0] for j in live], dtype=np.int64)
        n = len(live)
        exact = np.array([_exact_key(prepared[j].shingled.exact) for j in live], dtype=np.int64)
        bands = band_keys_.ravel()
        band_pos = np.repeat(np.arange(n), band_keys_.shape[1])
        sample_counts = np.array([len(x) for x in smp])
        samples_ = np.concatenate(smp)
        sample_pos = np.repeat(np.arange(n), sample_counts)

        def hits(index: SegmentIndex, keys: np.ndarray, pos: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            """(batch position, document) for every match in the index and among the batch itself."""
            q, d = index.lookup(keys)
            q2, d2 = SegmentIndex([Segment.build(keys, doc[pos])]).lookup(keys)
            return np.concatenate((pos[q], pos[q2])), np.concatenate((d, d2))

        def grouped(pos: np.ndarray, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            """Distinct (position, document) pairs with how often each occurred."""
            code, count = distinct_counts(docs * _POS + pos)
            return code % _POS, code // _POS, count

        found = [Candidates() for _ in range(n)]
        for slot, (pos, docs) in (("exact", hits(self.exact, exact, np.arange(n))),
                                  ("bands", hits(self.bands, bands, band_pos))):
            for p_, c, _ in zip(*(x.tolist() for x in grouped(pos, docs))):
                getattr(found[p_], slot).add(c)
        q, d, df_before = self.samples.lookup(samples_, with_counts=True)
        q2, d2, df_within = SegmentIndex([Segment.build(samples_, doc[sample_pos])]).lookup(samples_, with_counts=True)
        df = df_before + df_within
        q, d = np.concatenate((q, q2)), np.concatenate((d, d2))
        distinct = df[q] < COMMON                          # formula samples do not propose candidates
        for p_, c, m in zip(*(x.tolist() for x in grouped(sample_pos[q][distinct], d[distinct]))):
            found[p_].shared[c] = m

        self._count([prepared[j].shingled for j in live])
        self.exact.add(exact, doc)
        self.bands.add(bands, doc[band_pos])
        keep = df_before < MAX_POSTINGS                    # formula stops being indexed once it is everywhere
        self.samples.add(samples_[keep], doc[sample_pos[keep]])

        todo: list[tuple[int, int, bool]] = []            # (new key, candidate, same exact hash)
        seen = set()
        for i, j in enumerate(live):
            key = items[j][0]
            self.orders[key] = items[j][2]
            self.sample_n[key] = int(sample_counts[i])
            self._remember(key, prepared[j])
            f = found[i]
            few = sample_counts[i] < 4
            cands = set(f.exact)
            cands.update(c for c in f.bands if few or f.shared.get(c, 0) >= 1)
            mine_n = sample_counts[i]
            cands.update(c for c, m in f.shared.items()
                         if m >= MIN_SHARED_SAMPLES or m >= SAMPLE_SHARE * min(mine_n, self.sample_n.get(c, mine_n))
                         or (few and m >= 1))
            cands.discard(key)
            for c in cands:
                pair = (min(key, c), max(key, c))
                if pair not in seen:
                    seen.add(pair)
                    todo.append((key, c, c in f.exact))
        if not todo:
            return []
        mine = {items[j][0]: prepared[j] for j in live}
        missing = set()
        for _, c, _ in todo:
            if c not in mine:
                if c in self.recent:
                    mine[c] = self.recent[c]
                else:
                    missing.add(c)
        if missing:
            texts = self.text_of(sorted(missing))
            found_keys = [k for k in sorted(missing) if k in texts]
            mine.update(zip(found_keys, (Prepared(s) for s in shingle_all([texts[k] for k in found_keys]))))
        out = []
        for x, y, same in todo:
            if x not in mine or y not in mine:
                continue
            a, b = (x, y) if self.orders[x] <= self.orders[y] else (y, x)
            pair = compare(a, b, mine[a], mine[b], same, self.frequency)
            if pair:
                out.append(pair)
        return out


def sketch(batch: list[Prepared]) -> tuple[np.ndarray, list[np.ndarray]]:
    """Band keys (n, BANDS) and containment samples of a batch of prepared texts."""
    sig = signatures([p.unique for p in batch])
    return band_keys(sig), [samples(p.unique) for p in batch]


def coverage(s: Shingled, shared: np.ndarray) -> np.ndarray:
    """Words of `s` covered by shingles that are in `shared` (a sorted array)."""
    hit = _member(s.hashes, shared)
    covered = np.zeros(s.words, dtype=bool)
    span = s.words - len(s.hashes) + 1                     # SHINGLE, or all the words of a shorter text
    for k in range(span):
        covered[k:k + len(hit)] |= hit
    return covered


def _member(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """values ∈ sorted_set, elementwise (a binary search: cheaper than np.isin for these sizes)."""
    if not len(sorted_set):
        return np.zeros(len(values), dtype=bool)
    pos = np.searchsorted(sorted_set, values)
    pos[pos == len(sorted_set)] = 0
    return sorted_set[pos] == values


def passage_chars(s: Shingled, covered: np.ndarray, min_run: int = MIN_RUN_WORDS) -> int:
    """Characters of `s` in runs of at least `min_run` covered words (the whole text when it is shorter)."""
    if not covered.any():
        return 0
    edges = np.diff(np.concatenate(([0], covered.astype(np.int8), [0])))
    run_starts, run_ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    keep = (run_ends - run_starts) >= min(min_run, s.words)
    return int((s.ends[run_ends[keep] - 1] - s.starts[run_starts[keep]]).sum())


def runs(covered: np.ndarray) -> int:
    """Separate stretches of shared words: one or two for a dispatch with additions, many for an edited copy."""
    return int((np.diff(covered.astype(np.int8), prepend=0) == 1).sum())


def template(ua: np.ndarray, ub: np.ndarray, in_b: np.ndarray, frequency) -> tuple[bool, float]:
    """Whether two texts are two instances of one template rather than copies, and the formula share of
    what they share.

    Both share text that many other documents carry (a weather bulletin's sentences, an execution
    statement's fixed wording, a cable's honorifics), while what is specific to each (names, places,
    figures: their rarer shingles) is not shared. Copies of a popular dispatch share their specifics too."""
    fa, fb = frequency(ua), frequency(ub)
    shared_f = fa[in_b]
    formula = float((shared_f >= FORMULA_DF).mean()) if len(shared_f) else 0.0
    if formula < FORMULA:
        return False, formula
    rare_a, rare_b = int((fa < FORMULA_DF).sum()), int((fb < FORMULA_DF).sum())
    rare_shared = int((shared_f < FORMULA_DF).sum())
    fewest = min(rare_a, rare_b)
    return fewest >= MIN_SPECIFIC and rare_shared < SPECIFIC_SHARED * fewest, formula


def compare(a: int, b: int, pa: Prepared, pb: Prepared, same_exact: bool, frequency=None) -> Pair | None:
    """The verified relation of two documents, or None when they do not share enough text."""
    sa, sb = pa.shingled, pb.shingled
    if same_exact and sa.exact and sa.exact == sb.exact:
        chars = int(sa.ends[-1] - sa.starts[0]) if sa.words else 0
        return Pair(a, b, "exact", 1.0, chars, 1.0, 1.0, 1.0)
    ua, ub = pa.unique, pb.unique
    if not len(ua) or not len(ub):
        return None
    in_b = _member(ua, ub)
    n = int(in_b.sum())
    a_in_b, b_in_a = n / len(ua), n / len(ub)
    if n < MIN_PASSAGE_SHINGLES and max(a_in_b, b_in_a) < CONTAIN:
        return None                                        # cannot reach either bar: skip the word coverage
    formula = 0.0
    if frequency is not None:
        is_template, formula = template(ua, ub, in_b, frequency)
        if is_template:
            return None
    inter = ua[in_b]
    shorter = sa if sa.words <= sb.words else sb             # the shared passages, measured in the shorter text
    cov = coverage(shorter, inter)
    chars = passage_chars(shorter, cov)
    jaccard = n / (len(ua) + len(ub) - n)
    low, high = min(a_in_b, b_in_a), max(a_in_b, b_in_a)
    if chars and (low >= NEAR or (low >= EDITED and max(runs(coverage(sa, inter)), runs(coverage(sb, inter)))
                                  >= EDIT_RUNS)):
        kind, score = "near", low
    elif (high >= CONTAIN and chars >= MIN_CONTAINED_CHARS) \
            or (high >= MIN_PASSAGE_SHARE and chars >= MIN_PASSAGE_CHARS):
        kind, score = "wire", high
    else:
        return None
    return Pair(a, b, kind, round(score, 4), chars, round(jaccard, 4), round(a_in_b, 4), round(b_in_a, 4),
                round(formula, 3))
