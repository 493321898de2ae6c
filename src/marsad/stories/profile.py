"""What story matching knows about an article and about a story: sparse term weights, the people, bodies and
places named, the day the lead reports, the numbers it gives, who speaks. Stories keep a running sum of their
members' profiles, so a new article is compared with a story without reading the story's articles again.

A story's profile is stored as JSON with the story (`to_json`/`from_json`), trimmed to its heaviest entries so
that one story stays a few kilobytes however many articles it gathers. An article's profile is what a corpus pass
holds for each of its articles: its terms and letter 4-grams are interned (the same few thousand strings across
articles) and its vectors are arrays of doubles, not lists of float objects: half the memory, the same values.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from sys import intern
from operator import add, itemgetter, mul

from ..arabic.normalize import normalize_word
from ..arabic.segment import WORD_RE, WordMemo, index_terms, index_word
from .dense import embed
from .weights import idf

TOP_TERMS = 60           # an article's heaviest terms kept
TOP_GRAMS = 150          # an article's heaviest letter 4-grams kept
STORY_TERMS = 200        # a story's heaviest summed terms kept
STORY_KEYS = 40          # a story's entities, numbers, speakers and days kept, most frequent first
LEAD_CHARS = 600         # where numbers are read: the title and the start of the body
MIN_TERM_LEN = 3
NUMBER_RE = re.compile(r"(?<![\d.,])\d{2,}(?:[.,]\d+)?(?![\d.,])")
PLACE_TYPES = {"LOC", "GPE"}
ACTOR_TYPES = {"PER", "ORG"}


@dataclass
class ArticleInput:
    """An article as the stories stage reads it from the store."""
    id: str
    title: str
    body: str
    published: str | None
    outlet: str | None
    title_terms: str | None = None          # the search index's terms, when already computed
    body_terms: str | None = None
    entities: list[tuple[str, str]] = field(default_factory=list)     # (type, canonical name)
    speakers: list[str] = field(default_factory=list)
    event_day: str | None = None            # the day the lead reports (the time stage), ISO
    seq: int = 0


@dataclass
class ArticleProfile:
    id: str
    day: int | None                          # the event day, else the publication day (ordinal)
    published: int | None
    outlet: str | None
    terms: dict[str, float]                  # L2-normalized tf-idf over title (twice) and body
    title: dict[str, float]                  # L2-normalized tf-idf of the title alone
    lead: dict[str, float]                   # L2-normalized tf-idf of the title and the body's first sentences
    chars: dict[str, float]                  # L2-normalized letter 4-grams of the title and lead: مظاهرات ~ تظاهرات
    dense: Sequence[float]                   # unit mean word vector of the title and lead (stories/dense.py)
    title_dense: Sequence[float]             # the same of the title alone
    actors: dict[str, float]                 # people and bodies: key → idf-based weight
    places: dict[str, float]
    numbers: set[str]
    speakers: set[str]


def day_of(value: str | None) -> int | None:
    try:
        return dt.date.fromisoformat(value[:10]).toordinal() if value else None
    except ValueError:
        return None


def heaviest_first(item: tuple[str, float]) -> tuple[float, str]:
    """The order every top-k of a weight vector is taken in: heaviest first, ties by key (so the same vector keeps
    the same entries whatever order it was built in)."""
    return -item[1], item[0]


def top_items(weights: Mapping[str, float], k: int | None = None) -> list[tuple[str, float]]:
    """The k heaviest entries in `heaviest_first` order, what `sorted(items, key=heaviest_first)[:k]` gives, faster:
    sorted by weight in C (no Python call per entry), cut after the k-th heaviest weight (and any entry as heavy),
    and sorted again by `heaviest_first` only when weights tie. When k is far smaller than the vector, only the
    entries at least as heavy as the k-th heaviest weight are sorted. Every profile, story and candidate list
    takes a top-k, thousands of times a batch."""
    items: Iterable[tuple[str, float]] = weights.items()
    if k is not None and len(weights) > 4 * k:
        cut = heapq.nlargest(k, weights.values())[-1]
        items = [kv for kv in items if kv[1] >= cut]
    out = sorted(items, key=itemgetter(1), reverse=True)
    if k is not None and len(out) > k:
        end, last = k, out[k - 1][1]
        while end < len(out) and out[end][1] == last:
            end += 1
        del out[end:]
    if len(set(map(itemgetter(1), out))) < len(out):
        out.sort(key=heaviest_first)
    return out if k is None else out[:k]


def tfidf(terms: list[str], top: int | None = None) -> dict[str, float]:
    """Unit sublinear tf-idf of index terms (the heaviest `top` kept), over the shipped weights."""
    counts = Counter(filter(_WEIGHED.__getitem__, terms))
    # (1 + log(count)) * idf(term), each factor looked up in a memo and multiplied in C
    weights = dict(zip(counts, map(mul, map(_TF.__getitem__, counts.values()), map(_IDF.__getitem__, counts))))
    kept = top_items(weights, top)
    norm = math.sqrt(_squares([w for _, w in kept])) or 1.0
    return {intern(t): w / norm for t, w in kept}


def _weighed(term: str) -> bool:
    """Whether a term counts in a tf-idf vector: 3+ letters, not a number."""
    return len(term) >= MIN_TERM_LEN and not term.isdigit()


_WEIGHED = WordMemo(_weighed)       # asked for every word of every text: one dict lookup in C a word
_IDF = WordMemo(idf)                # idf is an lru_cache; a memo's lookup is one dict access in C (see WordMemo)
_TF = WordMemo(lambda count: 1 + math.log(count))      # a sublinear term frequency, by count


def entity_key(name: str) -> str:
    """A name's matching form, word by word, without peeling clitics: "ليبيا" stays "ليبيا" (as an index term
    its "ل" would go), "برلين" stays "برلين"."""
    return " ".join(normalize_word(w) for w in WORD_RE.findall(name))


@lru_cache(maxsize=262144)
def entity_weight(key: str) -> float:
    """A name weighs as its rarest word: "محمد بن سلمان" is as telling as "سلمان", not as "محمد"."""
    return max((idf(index_word(t)) for t in key.split()), default=0.0)


def profile(a: ArticleInput) -> ArticleProfile:
    title_terms = a.title_terms if a.title_terms is not None else index_terms(a.title or "")
    body_terms = a.body_terms if a.body_terms is not None else index_terms(a.body[:4000])
    actors: dict[str, float] = {}
    places: dict[str, float] = {}
    for type_, name in a.entities:
        key = entity_key(name)
        if key:
            (places if type_ in PLACE_TYPES else actors if type_ in ACTOR_TYPES else {})[key] = entity_weight(key)
    lead = f"{a.title or ''} {a.body[:LEAD_CHARS]}"
    numbers = {n for n in NUMBER_RE.findall(lead) if not 1900 <= _num(n) <= 2100}
    published = day_of(a.published)
    lead_terms = index_terms(lead).split()
    return ArticleProfile(a.id, day_of(a.event_day) or published, published, a.outlet,
                          tfidf((title_terms + " " + title_terms + " " + body_terms).split(), TOP_TERMS),
                          tfidf(title_terms.split(), TOP_TERMS), tfidf(lead_terms, TOP_TERMS),
                          _grams(lead_terms), array("d", embed(lead)), array("d", embed(a.title or "")), actors,
                          places, numbers,
                          {entity_key(s) for s in a.speakers if s})


def _grams(terms: list[str]) -> dict[str, float]:
    """Letter 4-grams of the words (with their edges), weighted by how rare their words are: two spellings of
    one root share most of them where they share no word."""
    weights: dict[str, float] = {}
    get = weights.get
    for t in terms:
        known = _WORD_GRAMS[t]
        if known is not None:
            w, grams = known
            for g in grams:
                weights[g] = get(g, 0.0) + w
    kept = top_items(weights, TOP_GRAMS)
    norm = math.sqrt(_squares([w for _, w in kept])) or 1.0
    return {intern(g): w / norm for g, w in kept}


def _word_grams(t: str) -> tuple[float, tuple[str, ...]] | None:
    """A word's weight and its letter 4-grams with its edges, in order; None for a word too short or a number."""
    if not _weighed(t):
        return None
    padded = f"_{t}_"
    return idf(t), tuple(padded[i:i + 4] for i in range(len(padded) - 3))


_WORD_GRAMS = WordMemo(_word_grams)      # a lead's words are the news's words: each word's grams cut once


def _num(text: str) -> float:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return 0.0


@dataclass
class StoryProfile:
    """The running sum of a story's members."""
    n: int = 0
    terms: dict[str, float] = field(default_factory=dict)
    title: dict[str, float] = field(default_factory=dict)
    lead: dict[str, float] = field(default_factory=dict)
    chars: dict[str, float] = field(default_factory=dict)
    dense: Sequence[float] = field(default_factory=list)   # sum of the members' unit vectors
    title_dense: Sequence[float] = field(default_factory=list)
    actors: Counter = field(default_factory=Counter)
    places: Counter = field(default_factory=Counter)
    numbers: Counter = field(default_factory=Counter)
    speakers: Counter = field(default_factory=Counter)
    days: Counter = field(default_factory=Counter)          # event day ordinal → articles
    outlets: Counter = field(default_factory=Counter)
    _norms: dict | None = field(default=None, repr=False, compare=False)
    _tops: dict | None = field(default=None, repr=False, compare=False)

    def norms(self) -> dict[str, float]:
        """The norms of the summed vectors, computed once until the profile changes (every comparison needs them)."""
        if self._norms is None:
            self._norms = {name: math.sqrt(_squares(getattr(self, name).values()))
                           for name in ("terms", "title", "lead", "chars")}
            for name in ("dense", "title_dense"):
                self._norms[name] = math.sqrt(_squares(getattr(self, name)))
        return self._norms

    def top(self, name: str, k: int) -> set[str]:
        """The k heaviest keys of a summed vector ("terms", "title"...), computed once until the profile changes
        (a large story is compared with many smaller ones)."""
        return self._memo((name, k), lambda: set(_heaviest(getattr(self, name), k)))

    def name_words(self, name: str) -> dict[str, float]:
        """The words of the names the story counts ("places", "actors"), each weighted by its articles and its
        rarity, as a unit vector: one place is written many ways across a story's outlets ("مسجد قوات الطوارئ",
        "مسجد قوة الطوارئ الخاصة", "مسجد الطوارئ") and its rarest words are what they share. Computed once until
        the profile changes."""
        def words() -> dict[str, float]:
            weights: dict[str, float] = {}
            for key, count in getattr(self, name).items():
                for word in key.split():
                    weights[word] = weights.get(word, 0.0) + count * idf(index_word(word))
            return _unit(weights)

        return self._memo((name, "words"), words)

    def frequent(self, name: str) -> set[str]:
        """What at least half the story's articles name ("actors", "places"), computed once until the profile
        changes (every comparison with the story asks)."""
        return self._memo((name, "frequent"), lambda: frequent(getattr(self, name), self.n))

    def usual_actor_weights(self) -> tuple[dict[str, float], float]:
        """The weight of each actor most of the story's articles name, and their sum, computed once until the
        profile changes."""
        def weights() -> tuple[dict[str, float], float]:
            weight = {k: entity_weight(k) for k in self.frequent("actors")}
            return weight, sum(weight.values())

        return self._memo(("actors", "usual weights"), weights)

    def terms_norm(self) -> float:
        """The length of the summed term vector (a storyline is compared with many stories before it changes)."""
        return self._memo(("terms", "norm"), lambda: math.sqrt(_squares(self.terms.values())))

    def _memo(self, key: tuple, compute):
        """What `compute` returns, kept under `key` until the profile changes."""
        if self._tops is None:
            self._tops = {}
        if key not in self._tops:
            self._tops[key] = compute()
        return self._tops[key]

    def add(self, a: ArticleProfile) -> None:
        self._norms = self._tops = None
        self.n += 1
        for mine, theirs in ((self.terms, a.terms), (self.title, a.title), (self.lead, a.lead), (self.chars, a.chars)):
            for t, w in theirs.items():
                mine[t] = mine.get(t, 0.0) + w
        self.dense = _add(self.dense, a.dense)
        self.title_dense = _add(self.title_dense, a.title_dense)
        self.actors.update(a.actors.keys())
        self.places.update(a.places.keys())
        # sets: counted in sorted order, so that ties among counts (which `trim` keeps) do not follow the
        # process's string hashing (two runs on one store gave two sets of stories)
        self.numbers.update(sorted(a.numbers))
        self.speakers.update(sorted(a.speakers))
        if a.day is not None:
            self.days[a.day] += 1
        if a.outlet:
            self.outlets[a.outlet] += 1
        if len(self.terms) > 2 * STORY_TERMS or len(self.chars) > 2 * STORY_TERMS:
            self.trim()

    def merge(self, other: StoryProfile) -> None:
        """Adds another profile's members (a story joining a storyline)."""
        self._norms = self._tops = None
        self.n += other.n
        for mine, theirs in ((self.terms, other.terms), (self.title, other.title), (self.lead, other.lead),
                             (self.chars, other.chars)):
            for t, w in theirs.items():
                mine[t] = mine.get(t, 0.0) + w
        for name in ("actors", "places", "numbers", "speakers", "days", "outlets"):
            getattr(self, name).update(getattr(other, name))
        self.dense = _add(self.dense, other.dense)
        self.title_dense = _add(self.title_dense, other.title_dense)
        self.trim()

    def as_article(self, sid: str) -> ArticleProfile:
        """The story seen as one article (its centroid, what most of its articles name), to compare two stories
        with the article-to-story model."""
        days = sorted(self.days)
        places = frequent(self.places, self.n)
        return ArticleProfile(sid, days[-1] if days else None, days[-1] if days else None, None,
                              _unit(self.terms), _unit(self.title), _unit(self.lead), _unit(self.chars),
                              _unit_list(self.dense), _unit_list(self.title_dense),
                              {k: entity_weight(k) for k in frequent(self.actors, self.n)},
                              {k: entity_weight(k) for k in self.places if k in places},    # in counted order
                              frequent(self.numbers, self.n), frequent(self.speakers, self.n))

    def copy(self) -> StoryProfile:
        return StoryProfile.from_json(self.to_json())

    def trim(self) -> None:
        self._norms = self._tops = None
        self.terms = _heaviest(self.terms, STORY_TERMS)
        self.title = _heaviest(self.title, STORY_TERMS // 2)
        self.lead = _heaviest(self.lead, STORY_TERMS)
        self.chars = _heaviest(self.chars, STORY_TERMS)
        for name in ("actors", "places", "numbers", "speakers", "outlets"):
            setattr(self, name, Counter(dict(getattr(self, name).most_common(STORY_KEYS))))
        self.days = Counter(dict(sorted(self.days.items())[-STORY_KEYS:]))     # the latest: where it is found

    def central(self, k: int = 3) -> list[str]:
        """The story's central actors: the people and bodies most of its articles name."""
        return [key for key, c in self.actors.most_common(k) if c * 3 >= self.n or c >= 2]

    def to_json(self) -> dict:
        self.trim()
        return {"n": self.n, "terms": _rounded(self.terms), "title": _rounded(self.title),
                "lead": _rounded(self.lead), "chars": _rounded(self.chars), "dense": [round(x, 4) for x in self.dense],
                "title_dense": [round(x, 4) for x in self.title_dense],
                "actors": dict(self.actors), "places": dict(self.places), "numbers": dict(self.numbers),
                "speakers": dict(self.speakers), "days": {str(d): c for d, c in self.days.items()},
                "outlets": dict(self.outlets)}

    @classmethod
    def from_json(cls, data: dict) -> StoryProfile:
        """The profile of a stored story. Its words, letter 4-grams and names are interned (the articles' own
        are), and its vectors are arrays of doubles: a batch parses the profiles of thousands of stories of its
        days, which spell the same few thousand words again, and each parsed profile took 51 KB as the parser
        made it, 29 KB so (8,000 stories of a pass over 5,000 articles: 412 → 232 MB). Same keys, same values. The
        interning costs about 0.07 ms a story (0.4 ms an article of a batch over 10,000 stored articles)."""
        counts = {name: Counter(_interned(data.get(name, {}))) for name in ("actors", "places", "numbers",
                                                                              "speakers", "outlets")}
        return cls(data.get("n", 0), _interned(data.get("terms", {})), _interned(data.get("title", {})),
                   _interned(data.get("lead", {})), _interned(data.get("chars", {})),
                   array("d", data.get("dense", [])), array("d", data.get("title_dense", [])),
                   days=Counter({int(d): c for d, c in data.get("days", {}).items()}), **counts)


def dot(a: dict[str, float], b: dict[str, float]) -> float:
    """The dot product of two sparse vectors, summed over the keys both hold in a's order. The keys are picked in
    C (`filter` with b's membership test) and only they are multiplied: two news texts share a tenth of their terms,
    and this is twice as fast as multiplying every key of a by b's value or 0; the same products added in the same
    order (a key only a holds added 0.0)."""
    keys = list(filter(b.__contains__, a))
    return sum(map(mul, map(a.__getitem__, keys), map(b.__getitem__, keys)), 0.0)


def _interned(values: dict) -> dict:
    """The same mapping with its keys interned (one string object for each word across profiles)."""
    return dict(zip(map(intern, values), values.values()))


def _squares(values) -> float:
    """The sum of the squares, multiplied and added in C (a generator's Python frame per entry cost more than the
    arithmetic): the same products added in the same order."""
    values = values if isinstance(values, (list, array)) else list(values)
    return sum(map(mul, values, values))


def frequent(counts, n: int) -> set[str]:
    """What at least half a story's articles name (all of it for a one-article story)."""
    return {k for k, c in counts.items() if 2 * c >= n}


def _unit(v: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(_squares(v.values())) or 1.0
    return {t: w / norm for t, w in v.items()}


def _unit_list(v: Sequence[float]) -> array:
    norm = math.sqrt(_squares(v)) or 1.0
    return array("d", [x / norm for x in v])


def _add(a: Sequence[float], b: Sequence[float]) -> Sequence[float]:
    """The sum of two vectors, as an array of doubles (a list held a float object for each entry)."""
    if not b:
        return a
    return array("d", map(add, a, b)) if a else array("d", b)


def _heaviest(weights: dict[str, float], k: int) -> dict[str, float]:
    return dict(top_items(weights, k))


def _rounded(weights: dict[str, float]) -> dict[str, float]:
    return {t: round(w, 4) for t, w in weights.items()}
