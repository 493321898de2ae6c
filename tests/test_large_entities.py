"""Long texts: the entities stage does work in proportion to the text, not to its square.

A 1 MB text (many articles pasted into one) spent most of its entity time in scans that looked, for every mention,
at every person, organization, span or earlier name of the whole text. Timings are not asserted (they depend on
the machine); instead a test counts the lines of the mention-level code run (a property of the code alone) on a
text and on the same text repeated, and the helpers that replaced the scans are checked against the scans.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import random
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

import pytest
from marsad.arabic.normalize import normalize
from marsad.document import Entity
from marsad.entities import recognize as rec
from marsad.entities.names import name_key
from marsad.entities.recognize import _NamesSeen, _Tok
from marsad.entities.person_name import compatible, fuller, parse
from marsad.entities.resolve import _first_before, _link_short_names, _strip_al, _subsequence
from marsad.spans import Covering, FirstBefore, joined_pairs

try:
    from threadpoolctl import threadpool_limits
except ImportError:                                   # the counts do not depend on it; only the wall time does
    threadpool_limits = None


@pytest.fixture(autouse=True, scope="module")
def _one_blas_thread():
    """The tagger's small matrix products on one BLAS thread, as the pipeline's workers run them: on a busy
    machine a second thread only spins (the results are the same)."""
    if threadpool_limits is None:
        yield
        return
    import numpy  # noqa: F401 - BLAS must be loaded for threadpoolctl to find and limit it

    with threadpool_limits(1):
        yield

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "examples" / "demo_corpus" / "articles" / "alkhaleej-alaan.jsonl"
# the code that handles mentions one by one (and the helpers it asks): where the scans over all mentions were
MENTION_CODE = ("_repeat_names", "_appositions", "_other_given_name", "resolve_in_document", "_link_short_names",
                "_first_before", "_People", "_Orgs", "_NamesSeen", "FirstBefore", "Covering", "joined_pairs")
COPIES = 8
# 8 copies cost 8 times one copy when the work is linear; the scans made it 15 times on this text
LINEAR_SLACK = 1.25


@lru_cache(maxsize=1)
def _block() -> str:
    """Four of the fictional demo articles as one body (about 7,800 characters)."""
    lines = ARTICLES.read_text(encoding="utf-8").splitlines()[:4]
    return "\n\n".join(json.loads(line)["text"] for line in lines) + "\n\n"


def _work(fn: Callable[[], object]) -> tuple[int, int]:
    """(lines of mention-level code run, calls of any entities code) while `fn()` runs: measures of work that do
    not depend on the machine or its load. Only the mention-level code is traced line by line, which keeps the
    count cheap."""
    lines = calls = 0

    def local(frame, event, arg):
        nonlocal lines
        if event == "line":
            lines += 1
        return local

    def on_call(frame, event, arg):
        nonlocal calls
        code = frame.f_code
        if "/marsad/entities/" not in code.co_filename:
            return None
        calls += 1
        return local if any(part in code.co_qualname for part in MENTION_CODE) else None

    previous = sys.gettrace()
    sys.settrace(on_call)
    try:
        fn()
    finally:
        sys.settrace(previous)
    return lines, calls


def test_recognizing_a_text_eight_times_as_long_is_eight_times_the_work():
    block = _block()
    rec.recognize(block)                          # caches warm before either count
    lines_1, calls_1 = _work(lambda: rec.recognize(block))
    lines_n, calls_n = _work(lambda: rec.recognize(block * COPIES))
    assert lines_1 > 1000 and calls_1 > 1000
    assert lines_n / lines_1 <= COPIES * LINEAR_SLACK
    assert calls_n / calls_1 <= COPIES * LINEAR_SLACK


def test_every_copy_after_the_first_gets_the_same_entities():
    """Links go to the full name mentioned first before a mention: every copy after the first has the same
    text before it, so it gets the same entities (the last copy as well as the second)."""
    block = _block()
    ents = rec.recognize(block * 3)
    per_copy = [[(e.start - i * len(block), e.end - i * len(block), e.type, e.name, e.canonical, e.title, e.source)
                 for e in ents if i * len(block) <= e.start < (i + 1) * len(block)] for i in range(3)]
    assert per_copy[1] and per_copy[1] == per_copy[2]


# -- the helpers that replaced the scans, against the scans -------------------------------------------------
def test_first_before_is_the_scan_also_unsorted_and_after_moves():
    rng = random.Random(3)
    for _ in range(300):
        items = [SimpleNamespace(start=rng.randint(0, 40)) for _ in range(rng.randint(0, 20))]
        index = FirstBefore(items)
        for _ in range(5):
            for pos in range(-1, 43):
                assert index.find(pos) is _first_before(SimpleNamespace(start=pos), items)
            if items:
                i = rng.randrange(len(items))
                items[i].start = rng.randint(0, 40)
                index.moved(i)


def test_joined_pairs_are_the_tokens_a_span_of_the_type_joins_to_the_next():
    rng = random.Random(5)
    for _ in range(300):
        spans = []
        for _ in range(rng.randint(0, 10)):
            a = rng.randint(0, 30)
            spans.append((a, a + rng.randint(0, 5), rng.choice(("PER", "ORG"))))
        pairs = joined_pairs(spans, "PER")
        for f in range(1, 40):
            assert (f - 1 in pairs) == any(t == "PER" and a <= f - 1 and f <= b for a, b, t in spans)


def test_covering_is_any_span_holding_the_whole_mention():
    rng = random.Random(11)
    for _ in range(300):
        spans = []
        for _ in range(rng.randint(0, 8)):
            a = rng.randint(0, 60)
            spans.append((a, a + rng.randint(0, 20)))
        inside = Covering(spans)
        for _ in range(40):
            s = rng.randint(0, 80)
            e = s + rng.randint(0, 10)
            assert inside.covers(s, e) == any(a <= s and e <= b for a, b in spans)


def _plain_longest(mentions: list, form: str, toks: list[_Tok], taken: list[bool], i: int):
    """The scan `_NamesSeen.longest` replaced: every mention of every name starting with `form`."""
    hit = None
    for words, e in mentions:
        if words[0] != form:
            continue
        last = i + len(words) - 1
        if last < len(toks) and not any(taken[i:last + 1]) and all(
                toks[i + j].norm == w and not toks[i + j].boundary_before for j, w in enumerate(words[1:], 1)):
            if hit is None or len(words) > len(hit[0]):
                hit = (words, e)
    return hit


def test_longest_repeated_name_is_the_scan_over_every_mention():
    rng = random.Random(13)
    vocab = ("أ", "ب", "ج", "د")
    for _ in range(200):
        toks = [_Tok(w, 2 * k, 2 * k + 1, w, w, 0, rng.random() < 0.15, False)
                for k, w in enumerate(rng.choice(vocab) for _ in range(rng.randint(1, 25)))]
        taken = [rng.random() < 0.2 for _ in toks]
        mentions = [(tuple(rng.choice(vocab) for _ in range(rng.randint(1, 4))), object())
                    for _ in range(rng.randint(0, 30))]
        named = _NamesSeen()
        for words, e in mentions:
            named.add(words, e)
        for i in range(len(toks)):
            if taken[i]:
                continue
            for form in vocab:
                assert named.longest(form, toks, taken, i) == _plain_longest(mentions, form, toks, taken, i)


def _plain_fits(q, p) -> bool:
    """Does the short name q stand for the full name p (the rules of `_People.resolve`, one pair at a time)?"""
    if q.parts >= 2:
        return fuller(q, p)
    if q.family is not None and q.family.startswith("بن "):
        return p.family == q.family or (p.with_bin and p.nasab[:1] == (q.family.split()[-1],))
    if q.family is not None:
        return p.family == q.family
    return p.family == q.given


def _plain_one(cands: list[Entity]) -> Entity | None:
    parsed = [parse(c.name) for c in cands]
    if any(not compatible(a, b) for a in parsed for b in parsed):
        return None
    return max(cands, key=lambda c: (parse(c.name).parts, -c.start)) if cands else None


def _plain_person(e: Entity, people: list[Entity]) -> Entity | None:
    q = parse(e.name)
    found = _plain_one([p for p in people if _plain_fits(q, parse(p.name))])
    if found is None and q.parts == 1 and q.given is not None and q.family is None \
            and not any(parse(p.name).family == q.given for p in people):
        found = _plain_one([p for p in people if parse(p.name).given == q.given])
    return found


def _plain_link(text: str, out: list[Entity]) -> None:
    """The scans `_link_short_names` replaced: for every mention, every person or organization of the text."""
    people = [e for e in out if e.type == "PER" and parse(e.name).parts > 1]
    orgs = [(e, [_strip_al(w) for w in normalize(e.name).split()]) for e in out if e.type == "ORG"]
    for e in out:
        if e.source == "gazetteer" or normalize(e.canonical) != normalize(e.name):
            continue
        key = name_key(e.name).split()
        if e.type == "ORG" and len(key) == 2 and e.source != "gazetteer":
            full = _plain_one([p for p in people if parse(p.name).family == key[1]])
            if full is not None:
                cut = e.name.index(" ")
                e.name = e.name[cut:].lstrip()
                e.start = e.end - len(e.name)
                e.text = text[e.start:e.end]
                e.type, e.canonical, key = "PER", full.canonical, key[1:]
                continue
        if e.type == "PER" or len(key) == 1:
            full = _plain_person(e, people) if e.type == "PER" else \
                _plain_one([p for p in people if parse(p.name).family == key[0]])
            if full is not None:
                e.type = "PER"
                e.canonical = full.canonical
                continue
        if e.type == "ORG":
            words = [_strip_al(w) for w in normalize(e.name).split()]
            full = None
            for ws in (words, [normalize("وزارة")] + words):
                cands = [o for o, ow in orgs if len(ow) > len(ws) and ow[0] == ws[0] and _subsequence(ws, ow)]
                full = _first_before(e, cands)
                if full is not None or words[0] == normalize("وزارة"):
                    break
            if full is not None:
                e.canonical = full.canonical


def _mention(name: str, etype: str, start: int, source: str = "tagger", canonical: str | None = None) -> Entity:
    return Entity(text=name, start=start, end=start + len(name), type=etype, name=name,
                  canonical=canonical or name, source=source)


def _same_links(text: str, ents: list[Entity]) -> list[dict]:
    plain, indexed = copy.deepcopy(ents), copy.deepcopy(ents)
    _plain_link(text, plain)
    _link_short_names(text, indexed)
    assert [dataclasses.asdict(e) for e in indexed] == [dataclasses.asdict(e) for e in plain]
    return [dataclasses.asdict(e) for e in indexed]


PEOPLE = ("عبد السلام الورشفاني", "خليفة حفتر", "فائق الهوني", "محمد بن عمارة", "سيرغي لافروف", "سيرجي لافروف")
SHORT = ("الورشفاني", "حفتر", "الهوني", "بن عمارة", "عمارة", "لافروف")
ORGS = ("وزارة المالية", "وزارة المالية المصرية", "وزارة الخارجية", "وزارة الخارجية الروسية", "المصرف المركزي",
        "مصرف ليبيا المركزي", "ميليشيات الورشفاني", "ميليشيات حفتر", "ميليشيات", "قوات حفتر", "حكومة الوحدة الوطنية",
        "حكومة الوحدة")


def test_linking_short_names_is_the_scan_over_every_person_and_organization():
    rng = random.Random(17)
    text = "ن" * 2000
    mutated = 0
    for _ in range(300):
        ents = []
        for _ in range(rng.randint(1, 40)):
            kind = rng.random()
            start = rng.randint(0, 1500)                 # unsorted, some equal: the scan's order is the list's
            if kind < 0.3:
                ents.append(_mention(rng.choice(PEOPLE), "PER", start, rng.choice(("tagger", "rule", "gazetteer"))))
            elif kind < 0.5:
                ents.append(_mention(rng.choice(SHORT), rng.choice(("PER", "LOC", "ORG", "MISC")), start))
            else:
                canonical = "غيرها" if rng.random() < 0.1 else None
                ents.append(_mention(rng.choice(ORGS), "ORG", start, rng.choice(("tagger", "rule", "repeat")),
                                     canonical))
        before = [e.type for e in ents]
        after = _same_links(text, ents)
        mutated += sum(b == "ORG" and a["type"] == "PER" and " " not in a["name"] for b, a in zip(before, after))
    assert mutated > 10                               # the path where an organization's start moves was taken


def test_an_organization_that_became_a_person_is_searched_at_its_new_start():
    """"ميليشيات الورشفاني" becomes the person الورشفاني, whose mention starts later: a search built before the
    change must see the new start (else the second "ميليشيات" links to it as a name mentioned before it)."""
    ents = [_mention("ميليشيات", "ORG", 100), _mention("ميليشيات حفتر", "ORG", 300),
            _mention("ميليشيات الورشفاني", "ORG", 50), _mention("ميليشيات", "ORG", 55),
            _mention("خليفة الورشفاني", "PER", 400)]
    after = _same_links("ن" * 1000, ents)
    assert after[2]["type"] == "PER" and after[2]["start"] == 59
    assert after[0]["canonical"] == "ميليشيات الورشفاني" and after[3]["canonical"] == "ميليشيات حفتر"


def test_linking_the_demo_articles_is_the_scan(monkeypatch):
    """The mentions `find` hands to `resolve_in_document` for real articles, pasted together twice."""
    seen: list[tuple[str, list[Entity]]] = []
    resolve = rec.resolve_in_document

    def spy(text, ents, home=None, count=lambda _: 0):
        seen.append((text, copy.deepcopy(ents)))
        return resolve(text, ents, home, count)

    monkeypatch.setattr(rec, "resolve_in_document", spy)
    rec.recognize(_block() * 2)
    text, ents = seen[-1]
    ents = [e for e in ents if normalize(e.name).split()]
    assert len(ents) > 100
    _same_links(text, ents)
