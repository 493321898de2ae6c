"""Long texts: the time and quote stages do work in proportion to the text, not to its square.

A 5 MB text (many articles pasted into one) once took minutes in these stages because every expression or
cue looked again at everything found before it. Timings are not asserted (they depend on the machine);
instead the tests count the lines of `timex` and `quotes` code run (a property of the code alone) on a text
and on the same text repeated, and check the helpers that replaced the scans against the plain scans.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from marsad.arabic.segment import sentences, word_spans
from marsad.document import Entity, TimeExpr
from marsad.pipeline import analyze
from marsad.quotes.attribution import _at_most_words, _Doc, attribute
from marsad.spans import LastBefore, Spans
from marsad.timex.tagger import SentenceBounds, drop_inside, find_times

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "examples" / "demo_corpus" / "articles" / "alkhaleej-alaan.jsonl"
TRACED = ("/marsad/timex/", "/marsad/quotes/")
# repeating the text 4 times does 4 times the work when the work is linear; a quadratic stage does ~8 times
LINEAR_SLACK = 1.25


def _steps(fn: Callable[[], object]) -> int:
    """How many lines of timex and quotes code `fn()` runs (loop iterations included): a measure of work that
    does not depend on the machine or its load."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def calls(frame, event, arg):
        return local if any(part in frame.f_code.co_filename for part in TRACED) else None

    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        fn()
    finally:
        sys.settrace(previous)
    return count


@lru_cache(maxsize=1)
def _article_block() -> tuple[str, tuple[Entity, ...]]:
    """The fictional demo articles of one outlet as one body (about 24,000 characters), with its entities."""
    lines = ARTICLES.read_text(encoding="utf-8").splitlines()
    text = "\n\n".join(json.loads(line)["text"] for line in lines)
    doc = analyze(text, published="2024-02-10")
    assert doc.entities and doc.quotes and doc.times
    return doc.body + "\n\n", tuple(doc.entities)


def _repeated(copies: int) -> tuple[str, list[Entity], list[tuple[int, int]], list]:
    """The block `copies` times over: body, entities moved to each copy, sentences and words."""
    block, entities = _article_block()
    body = block * copies
    moved = [dataclasses.replace(e, start=e.start + i * len(block), end=e.end + i * len(block))
             for i in range(copies) for e in entities]
    return body, moved, sentences(body), word_spans(body)


def _ratio(work: Callable[[int], Callable[[], object]], small: int = 2, large: int = 8) -> float:
    """Steps of `work(large)()` over steps of `work(small)()`: `work(copies)` prepares the input outside the
    count and returns what to count."""
    return _steps(work(large)) / _steps(work(small))


def test_finding_times_in_a_text_four_times_as_long_is_four_times_the_work():
    def work(copies: int) -> Callable[[], object]:
        body = _repeated(copies)[0]
        # with a publication date, and without one (then every day comes from the context)
        return lambda: (find_times(body, dt.date(2024, 2, 10)), find_times(body, None))
    assert _ratio(work) <= 4 * LINEAR_SLACK


def test_attributing_quotes_in_a_text_four_times_as_long_is_four_times_the_work():
    def work(copies: int) -> Callable[[], object]:
        args = _repeated(copies)
        return lambda: attribute(*args)
    assert _ratio(work) <= 4 * LINEAR_SLACK


def test_every_copy_after_the_first_gets_the_same_quotes_and_times():
    """Speakers and dates come from what the text says before them: every copy after the first has the same
    text before it, so it gets the same ones (the last, hundreds of mentions on, as well as the second)."""
    block = _article_block()[0]
    body, entities, sents, words = _repeated(4)
    quotes = attribute(body, entities, sents, words)
    per_copy = [[(q.start - i * len(block), q.end - i * len(block), q.speaker, q.content) for q in quotes
                 if i * len(block) <= q.start < (i + 1) * len(block)] for i in range(4)]
    assert per_copy[1] and per_copy[1] == per_copy[2] == per_copy[3]
    times = find_times(body, dt.date(2024, 2, 10))
    per_copy_t = [[(t.start - i * len(block), t.value, t.type) for t in times
                   if i * len(block) <= t.start < (i + 1) * len(block)] for i in range(4)]
    assert per_copy_t[1] and per_copy_t[1] == per_copy_t[2] == per_copy_t[3]


# -- the helpers that replaced the scans, against the scans -------------------------------------------------
def test_drop_inside_keeps_what_no_span_contains():
    rng = random.Random(7)
    for _ in range(200):
        spans = [(a, a + rng.randint(0, 15)) for a in (rng.randint(0, 100) for _ in range(rng.randint(0, 12)))]
        times = [TimeExpr(text="", start=a, end=a + rng.randint(1, 10), value=None, type="date", anchor="none")
                 for a in sorted(rng.randint(0, 100) for _ in range(rng.randint(0, 12)))]
        plain = [t for t in times if not any(s <= t.start and t.end <= e for s, e in spans)]
        assert drop_inside(times, spans) == plain


def test_sentence_bounds_are_the_stops_and_line_breaks_around_an_offset():
    for text in ("أمس. وقال؟ اليوم\nغدا! بعد غد. " * 3 + "الخميس", "\nبلا توقف", "بلا توقف"):
        stops = [i for i, ch in enumerate(text) if ch in ".!?؟\n"]
        bounds = SentenceBounds(text)
        for pos in range(len(text) + 1):
            lo = max((x for x in stops if x < pos), default=-1)
            hi = min((x for x in stops if x >= pos), default=len(text))
            assert bounds.around(pos) == (lo, hi), pos
            assert bounds.paragraph_start(pos) == text.rfind("\n", 0, pos)
            assert bounds.in_last_paragraph(pos) == (text.find("\n", pos) == -1)


def test_closing_marks_and_word_counts_are_those_of_find_and_split():
    body = "قال «إن الوضع ” صعب» وأضاف \"نعم\u3000لا\xa0ربما\x1cأبدا\" و«مفتوحة بلا إغلاق\u200bهنا"
    doc = _Doc(body, [], word_spans(body))
    for ch in "»”\"“":
        for pos in range(len(body) + 2):
            assert doc.next_char(ch, pos) == body.find(ch, pos)
    for a in range(len(body) + 1):
        for b in range(max(0, a - 1), len(body) + 1):         # an end before the start too: no words
            for n in (0, 1, 4, 6):
                assert _at_most_words(body, a, b, n) == (len(body[a:b].split()) <= n), (a, b, n)


def test_spans_answer_as_the_list_of_spans_does():
    rng = random.Random(11)
    for _ in range(100):
        spans, kept = Spans(), []
        for _ in range(30):
            a = rng.randint(0, 200)
            b = a + rng.choice((0, 1, rng.randint(2, 40)))      # empty spans too: they still block a longer one
            free = not any(a < e and s < b for s, e in kept)
            assert spans.overlaps(a, b) == (not free)
            assert spans.add_if_free(a, b) == free
            if free:
                kept.append((a, b))
            pos = rng.randint(0, 240)
            assert spans.covers(pos) == any(s <= pos < e for s, e in kept)
        assert sorted(spans) == sorted(kept) and len(spans) == len(kept)


def test_last_before_is_the_last_item_with_the_key_below_the_bound():
    rng = random.Random(3)
    keys = [{rng.choice("abc") for _ in range(rng.randint(0, 2))} for _ in range(300)]
    index = LastBefore()
    for i, ks in enumerate(keys):
        for k in ks:
            index.add(k, i)
            index.add(k, i)                      # the same item twice is kept once
    for bound in range(0, 302, 7):
        for k in "abcd":
            plain = next((i for i in range(min(bound, len(keys)) - 1, -1, -1) if k in keys[i]), None)
            assert index.last(k, bound) == plain
