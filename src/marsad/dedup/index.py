"""The incremental duplicate index: add documents, get back their exact, near and wire-copy pairs.

A new document queries what is already indexed through three keys (the hash of its whole normalized word
sequence, its MinHash LSH band keys, its containment samples), then is added. Candidates are verified on the
texts themselves (both shingle sets, exactly), so estimates only decide what gets looked at, never what is
reported. The index is in memory (`SegmentIndex`es); `persist.py` keeps it in the store between runs.

Documents are taken in order of publication (then id), each compared with those before it, and every count a
decision reads is the count up to that document: the pairs depend on the documents, not on their arrival.
The work per document is bounded: a key carried by MAX_POSTINGS documents stops being indexed, and at most
MAX_CANDIDATES candidates, the nearest, are verified (a cluster of thousands of near-identical texts would
otherwise make every member a candidate of every other).

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

from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable, Iterable

import numpy as np

from .frequency import Frequencies
from .minhash import band_keys, samples, signatures
from .segments import SegmentIndex
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
MIN_RUN_WORDS = 8             # a run of shared words shorter than this is a phrase, not a passage
MIN_PASSAGE_SHINGLES = 30     # fewer shared shingles cannot make a passage of MIN_PASSAGE_CHARS
MIN_SHARED_SAMPLES = 3        # candidates found through containment samples only: ~24 shared shingles ...
SAMPLE_SHARE = 0.3            # ... or this share of the shorter text's samples
COMMON = 10                   # a sample in this many documents is formula: not used to find candidates
MAX_POSTINGS = 50             # a key (sample, band, exact) carried by this many documents stops being indexed:
                              # boilerplate, or a cluster of near-identical texts that every lookup would return
MAX_CANDIDATES = 16           # candidates verified per document, the nearest first (SaudiNewsNet: up to 18,
                              # none of them past the 16th a pair)
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
class _Batch:
    """The documents of one batch that have words, in order: batch position p is the p-th of them."""
    keys: np.ndarray                  # index key per position
    prepared: list[Prepared]
    exact: np.ndarray                 # exact key per position
    bands: np.ndarray                 # (n, BANDS) band keys
    samples: np.ndarray               # containment samples, all positions concatenated
    sample_pos: np.ndarray            # the position of each sample
    sample_counts: np.ndarray         # samples per position

    @classmethod
    def of(cls, keys: list[int], prepared: list[Prepared]) -> "_Batch":
        band_keys_, smp = sketch(prepared)
        counts = np.array([len(x) for x in smp], dtype=np.int64)
        return cls(np.array(keys, dtype=np.int64), prepared,
                   np.array([_exact_key(p.shingled.exact) for p in prepared], dtype=np.int64), band_keys_,
                   np.concatenate(smp), np.repeat(np.arange(len(prepared)), counts), counts)

    def __len__(self) -> int:
        return len(self.keys)


@dataclass
class _Probe:
    """What one kind of key found for a batch: every match with an earlier document, and per query key how many
    documents carry it up to this one and whether this one is indexed under it."""
    entry: np.ndarray                 # per match: the query key it came from (index into the keys probed)
    doc: np.ndarray                   # per match: the earlier document carrying the key
    seen: np.ndarray                  # per query key: its carriers so far, this document included
    indexed: np.ndarray               # per query key: fewer than MAX_POSTINGS carriers before this document


def _probe(index: SegmentIndex, keys: np.ndarray, owner: np.ndarray, docs: np.ndarray) -> _Probe:
    """Matches of the batch's keys (`owner`: the batch position of each; `docs`: the document at each position)
    among the documents before each: those in the index, then the batch's earlier ones. Why not the whole batch
    at once: a document would then see later ones, and what is found would depend on where batches end. A key
    stops being indexed once MAX_POSTINGS documents carry it, so a lookup returns at most that many per key."""
    q, d, before = index.lookup(keys, with_counts=True)
    m = len(keys)
    order = np.lexsort((owner, keys))                 # the batch's carriers of each key, earliest first
    ordered = keys[order]
    first = np.ones(m, dtype=bool)
    first[1:] = ordered[1:] != ordered[:-1]
    start = np.empty(m, dtype=np.int64)
    start[order] = np.maximum.accumulate(np.where(first, np.arange(m), 0))
    rank = np.empty(m, dtype=np.int64)
    rank[order] = np.arange(m)
    rank -= start                                     # earlier carriers of the key within the batch
    room = np.maximum(MAX_POSTINGS - before, 0)       # the batch's first `room` carriers are indexed
    take = np.minimum(rank, room)
    qi = np.repeat(np.arange(m), take)
    offset = np.arange(len(qi)) - np.repeat(np.cumsum(take) - take, take)
    partner = order[start[qi] + offset]
    return _Probe(np.concatenate((q, qi)), np.concatenate((d, docs[owner[partner]])), before + rank + 1,
                  before + rank < MAX_POSTINGS)


def _counted(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (document, position) codes and how often each occurred."""
    return distinct_counts(codes) if len(codes) else (codes, np.zeros(0, dtype=np.int64))


def _lookup_counts(values: np.ndarray, keys: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """counts[keys == value] per value (keys sorted and distinct), 0 where absent."""
    if not len(keys):
        return np.zeros(len(values), dtype=np.int64)
    at = np.minimum(np.searchsorted(keys, values), len(keys) - 1)
    return np.where(keys[at] == values, counts[at], 0)


def _shared(batch: _Batch, exact: _Probe, bands: _Probe,
            samples: _Probe) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every (batch position, earlier document) that share a key, with whether they share the exact key, how many
    bands, and how many distinctive samples (formula samples, carried by COMMON documents, propose nothing)."""
    band_pos = np.repeat(np.arange(len(batch)), batch.bands.shape[1])
    rare = samples.seen[samples.entry] < COMMON
    ex_codes = distinct(exact.doc * _POS + exact.entry)
    band_codes, band_n = _counted(bands.doc * _POS + band_pos[bands.entry])
    sample_codes, sample_n = _counted(samples.doc[rare] * _POS + batch.sample_pos[samples.entry[rare]])
    codes = distinct(np.concatenate((ex_codes, band_codes, sample_codes)))
    return (codes % _POS, codes // _POS, _member(codes, ex_codes), _lookup_counts(codes, band_codes, band_n),
            _lookup_counts(codes, sample_codes, sample_n))


class Deduplicator:
    """The index (exact keys, LSH bands, containment samples, each a `SegmentIndex`) and the verification.

    Documents are taken in `orders` order (earlier publications first); each is compared with the documents
    before it only, and everything a decision reads (matches, sample counts, document frequencies) is what the
    documents up to it hold. So the pairs depend on the set of documents, not on their arrival or on batches,
    as long as each `add` brings documents that come after every one indexed (`persist.py` takes later ones back
    out when that is not so). The earlier document of a pair is `a`.

    `text_of(keys)` returns the texts of already indexed documents, for verification; it is only called for
    candidates that are not among the recently added documents kept in memory (copies arrive close in time)."""

    def __init__(self, text_of: Callable[[list[int]], dict[int, str]], recent: int = 4096):
        self.text_of = text_of
        self.exact = SegmentIndex()
        self.bands = SegmentIndex()
        self.samples = SegmentIndex()
        self.orders: dict[int, tuple] = {}
        self.df = Frequencies()                            # documents per shingle (hashed)
        self.sample_n: dict[int, int] = {}                 # containment samples per document
        self.recent: OrderedDict[int, Prepared] = OrderedDict()
        self.recent_size = recent
        self.compared = 0                                  # candidate pairs verified on their texts, in all

    def __len__(self) -> int:
        return len(self.orders)

    def nbytes(self) -> int:
        return self.exact.nbytes() + self.bands.nbytes() + self.samples.nbytes() + self.df.nbytes

    def frequency(self, hashes: np.ndarray) -> np.ndarray:
        return self.df(hashes)

    def add(self, items: list[tuple[int, str, tuple]], in_place: bool = False) -> list[Pair]:
        """items: (key, text, order), keys not indexed yet, in any order (they are taken in `order`). Returns the
        pairs they form with what was indexed before and with each other. `in_place`: documents that come before
        some indexed ones (a re-cleaned article put back, persist.py): the nearest MAX_CANDIDATES before them and
        the nearest MAX_CANDIDATES after them are verified, so that later copies do not crowd out the earlier
        documents a rebuild would compare it with."""
        keys = {item[0] for item in items}
        for index in (self.exact, self.bands, self.samples):
            if index.deleted and not keys.isdisjoint(index.deleted):
                index.compact()          # a document taken out comes back under its key: its old entries go first
        items = sorted(items, key=lambda item: item[2])
        pairs: list[Pair] = []
        for i in range(0, len(items), INDEX_BATCH):
            pairs.extend(self._add_batch(items[i:i + INDEX_BATCH], in_place))
        return pairs

    def remove(self, keys: Iterable[int]) -> None:
        keys = [k for k in keys if k in self.orders]
        for index in (self.exact, self.bands, self.samples):
            index.remove(keys)
        for k in keys:
            self.orders.pop(k, None)
            self.sample_n.pop(k, None)
            self.recent.pop(k, None)

    def take_back(self, items: list[tuple[int, str]]) -> None:
        """Undo the adding of these documents (key, the text they were added with): index entries, sample counts
        and document frequencies, as if they had never come. Why: a document that arrives earlier than some
        already indexed is put in its place by taking the later ones out and adding them again after it."""
        shingled = shingle_all([t for _, t in items])
        for (key, _), s in zip(items, shingled):
            if key in self.orders and s.words:
                self.df.change(s.hashes, -1)
        self.remove([k for k, _ in items])      # tombstones: lookups neither return nor count them

    def _remember(self, key: int, prepared: Prepared) -> None:
        self.recent[key] = prepared
        if len(self.recent) > self.recent_size:
            self.recent.popitem(last=False)

    def _add_batch(self, items: list[tuple[int, str, tuple]], in_place: bool = False) -> list[Pair]:
        prepared = [Prepared(s) for s in shingle_all([t for _, t, _ in items])]
        live = [j for j, p in enumerate(prepared) if p.shingled.words]
        if not live:
            return []
        batch = _Batch.of([items[j][0] for j in live], [prepared[j] for j in live])
        for j, n in zip(live, batch.sample_counts.tolist()):
            self.orders[items[j][0]] = items[j][2]
            self.sample_n[items[j][0]] = n
        band_pos = np.repeat(np.arange(len(batch)), batch.bands.shape[1])
        probes = (_probe(self.exact, batch.exact, np.arange(len(batch)), batch.keys),
                  _probe(self.bands, batch.bands.ravel(), band_pos, batch.keys),
                  _probe(self.samples, batch.samples, batch.sample_pos, batch.keys))
        pos, cand, same = self._candidates(batch, *probes, in_place=in_place)
        pairs = self._verify(batch, pos, cand, same)
        self._index(batch, *probes)
        for key, p in zip(batch.keys.tolist(), batch.prepared):
            self._remember(key, p)
        return pairs

    def _candidates(self, batch: _Batch, exact: _Probe, bands: _Probe, samples: _Probe,
                    in_place: bool = False) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(batch position, earlier document, same exact key) of the candidates worth verifying: at most
        MAX_CANDIDATES per document, the nearest first (same exact key, then the larger share of bands or samples
        in common, then the earlier document). Why a cap: in a cluster of thousands of near-identical texts every
        member is a candidate of every other; the nearest few are enough to place a document in it."""
        pos, cand, ex, nb, ns = _shared(batch, exact, bands, samples)
        mine = batch.sample_counts[pos]
        found, back = np.unique(cand, return_inverse=True)
        theirs = np.array([self.sample_n.get(c, -1) for c in found.tolist()], dtype=np.int64)[back.ravel()]
        shorter = np.minimum(mine, np.where(theirs < 0, mine, theirs))     # samples of the shorter text
        few = shorter < 4                                  # short texts: a band alone makes a candidate
        keep = ex | ((nb > 0) & (few | (ns >= 1))) | (ns >= MIN_SHARED_SAMPLES) \
            | ((ns >= 1) & (ns >= SAMPLE_SHARE * shorter))
        keep &= cand != batch.keys[pos]
        pos, cand, ex, nb, ns, shorter = pos[keep], cand[keep], ex[keep], nb[keep], ns[keep], shorter[keep]
        # nearness: the larger of the shares of bands (~ Jaccard) and of the shorter text's samples (~ containment)
        near = np.maximum(nb / batch.bands.shape[1], ns / np.maximum(shorter, 1))
        after = self._after(batch, pos, cand) if in_place else np.zeros(len(pos), dtype=bool)
        order = np.lexsort((self._rank(cand), -near, -ex.astype(np.int64), after, pos))
        pos, cand, ex, after = pos[order], cand[order], ex[order], after[order]
        first = np.ones(len(pos), dtype=bool)
        first[1:] = (pos[1:] != pos[:-1]) | (after[1:] != after[:-1])       # capped apart: before, after
        nth = np.arange(len(pos)) - np.maximum.accumulate(np.where(first, np.arange(len(pos)), 0))
        return pos[nth < MAX_CANDIDATES], cand[nth < MAX_CANDIDATES], ex[nth < MAX_CANDIDATES]

    def _after(self, batch: _Batch, pos: np.ndarray, cand: np.ndarray) -> np.ndarray:
        """Whether each candidate comes after its document (only a document put back in place has such)."""
        mine = [self.orders[k] for k in batch.keys.tolist()]
        return np.array([self.orders[c] > mine[p] for p, c in zip(pos.tolist(), cand.tolist())], dtype=bool)

    def recheck(self, pairs: list[tuple[int, int]]) -> list[Pair]:
        """Verify these pairs of indexed documents on their texts: a document put back in place and the later ones
        it was paired with before (their own nearest candidates chose it; its own query, capped, may not)."""
        texts = self._prepared(sorted({k for pair in pairs for k in pair}))
        out = []
        for x, y in pairs:
            if x in texts and y in texts and x in self.orders and y in self.orders:
                a, b = (x, y) if self.orders[x] <= self.orders[y] else (y, x)
                self.compared += 1
                pair = compare(a, b, texts[a], texts[b], True, self.df)
                if pair:
                    out.append(pair)
        return out

    def _rank(self, docs: np.ndarray) -> np.ndarray:
        """Each document's place in `orders` among these documents (ties among candidates go to the earlier)."""
        distinct_docs = sorted(set(docs.tolist()), key=lambda k: self.orders.get(k, ()))
        place = {k: i for i, k in enumerate(distinct_docs)}
        return np.array([place[k] for k in docs.tolist()], dtype=np.int64)

    def _verify(self, batch: _Batch, pos: np.ndarray, cand: np.ndarray, same: np.ndarray) -> list[Pair]:
        """Compare each candidate with its document on both texts, documents in order. The batch's shingles are
        counted up to each document before its comparisons, so the template test reads the frequencies as they
        are at that document wherever batches end."""
        texts = self._texts(batch, cand)
        counted = 0
        out = []
        for p, c, ex in zip(pos.tolist(), cand.tolist(), same.tolist()):
            if counted <= p:
                self._count(batch, counted, p + 1)
                counted = p + 1
            key = int(batch.keys[p])
            if c not in texts:
                continue
            self.compared += 1
            a, b = (c, key) if self.orders[c] <= self.orders[key] else (key, c)
            pair = compare(a, b, texts[a], texts[b], ex, self.df)
            if pair:
                out.append(pair)
        self._count(batch, counted, len(batch))
        return out

    def _count(self, batch: _Batch, start: int, end: int) -> None:
        """Count the shingles of the batch's documents start … end-1 in the document frequencies."""
        if start < end:
            self.df.change(np.concatenate([p.shingled.hashes for p in batch.prepared[start:end]]))

    def _texts(self, batch: _Batch, cand: np.ndarray) -> dict[int, Prepared]:
        """The batch's documents and the candidates', from memory when recent, else from `text_of`."""
        texts = {k: p for k, p in zip(batch.keys.tolist(), batch.prepared)}
        texts.update(self._prepared(sorted(set(cand.tolist()) - set(texts))))
        return texts

    def _prepared(self, keys: list[int]) -> dict[int, Prepared]:
        """Indexed documents' shingled texts: recent ones from memory, the others from `text_of`."""
        out = {k: self.recent[k] for k in keys if k in self.recent}
        missing = [k for k in keys if k not in out]
        if missing:
            found = self.text_of(missing)
            keys_found = [k for k in missing if k in found]
            out.update(zip(keys_found, (Prepared(s) for s in shingle_all([found[k] for k in keys_found]))))
        return out

    def _index(self, batch: _Batch, exact: _Probe, bands: _Probe, samples: _Probe) -> None:
        """Add the batch's keys, those not carried by MAX_POSTINGS earlier documents."""
        band_docs = np.repeat(batch.keys, batch.bands.shape[1])
        self.exact.add(batch.exact[exact.indexed], batch.keys[exact.indexed])
        self.bands.add(batch.bands.ravel()[bands.indexed], band_docs[bands.indexed])
        self.samples.add(batch.samples[samples.indexed], batch.keys[batch.sample_pos[samples.indexed]])


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
    padded = np.zeros(len(covered) + 2, dtype=np.int8)
    padded[1:-1] = covered
    edges = padded[1:] - padded[:-1]
    run_starts, run_ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    keep = (run_ends - run_starts) >= min(min_run, s.words)
    return int((s.ends[run_ends[keep] - 1] - s.starts[run_starts[keep]]).sum())


def runs(covered: np.ndarray) -> int:
    """Separate stretches of shared words: one or two for a dispatch with additions, many for an edited copy."""
    if not len(covered):
        return 0
    return int(covered[0]) + int(np.count_nonzero(covered[1:] > covered[:-1]))


def template(ua: np.ndarray, ub: np.ndarray, in_b: np.ndarray, frequency) -> tuple[bool, float]:
    """Whether two texts are two instances of one template rather than copies, and the formula share of
    what they share.

    Both share text that many other documents carry (a weather bulletin's sentences, an execution
    statement's fixed wording, a cable's honorifics), while what is specific to each (names, places,
    figures: their rarer shingles) is not shared. Copies of a popular dispatch share their specifics too."""
    fa, fb = frequency(ua), frequency(ub)
    shared_f = fa[in_b]
    formula = np.count_nonzero(shared_f >= FORMULA_DF) / len(shared_f) if len(shared_f) else 0.0
    if formula < FORMULA:
        return False, formula
    rare_a, rare_b = int(np.count_nonzero(fa < FORMULA_DF)), int(np.count_nonzero(fb < FORMULA_DF))
    rare_shared = len(shared_f) - int(np.count_nonzero(shared_f >= FORMULA_DF))
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
    n = int(np.count_nonzero(in_b))
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
    if chars and (low >= NEAR or (low >= EDITED and max(runs(cov if shorter is sa else coverage(sa, inter)),
                                                        runs(cov if shorter is sb else coverage(sb, inter)))
                                  >= EDIT_RUNS)):
        kind, score = "near", low
    elif (high >= CONTAIN and chars >= MIN_CONTAINED_CHARS) \
            or (high >= MIN_PASSAGE_SHARE and chars >= MIN_PASSAGE_CHARS):
        kind, score = "wire", high
    else:
        return None
    return Pair(a, b, kind, round(score, 4), chars, round(jaccard, 4), round(a_in_b, 4), round(b_in_a, 4),
                round(formula, 3))
