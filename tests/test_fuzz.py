"""Fuzzing the readers, the per-document pipeline and the store with the corpus stages (Hypothesis).

Inputs are generated (any bytes, any text: controls, lone surrogates, diacritics, markup) and mutated from real
ones (the demo corpus here; benchmarks/fuzz.py adds SaudiNewsNet and runs many more examples). The properties:
a reader only yields inputs and errors, and reads no more than its limit; the pipeline never raises but
for an input that is not a document, and whatever it keeps is storable text with spans inside the body; the
store takes every analysed document and the corpus stages survive any of them.

MARSAD_FUZZ_EXAMPLES scales the number of examples (default: a small budget for the test command).
"""

from __future__ import annotations

import gzip
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.document import Document
from marsad.pipeline import PIPELINE_VERSION, FatalInputError, make_document, process
from marsad.readers.sources import InputError, RawInput, iter_inputs
from marsad.store.records import to_record

ROOT = Path(__file__).resolve().parents[1]
SCALE = int(os.environ.get("MARSAD_FUZZ_EXAMPLES", "0")) or None
REAL = os.environ.get("MARSAD_FUZZ_REAL")          # a .jsonl[.gz] of real records to mutate (benchmarks/fuzz.py)


def budget(n: int, share: float = 1.0):
    """n examples in the test command, the same ones on every run (a red CI must mean a change broke
    something); `share` of MARSAD_FUZZ_EXAMPLES, drawn afresh, when that is set (benchmarks/fuzz.py)."""
    return settings(max_examples=max(1, int(SCALE * share)) if SCALE else n, deadline=None, database=None,
                    derandomize=not SCALE,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@lru_cache(maxsize=1)
def real_inputs() -> tuple[bytes, ...]:
    """Real inputs to mutate: the demo corpus's files and JSON Lines records, and more when REAL is set."""
    found = []
    for path in sorted((ROOT / "examples" / "demo_corpus" / "articles").rglob("*")):
        if path.suffix in (".txt", ".html"):
            found.append(path.read_bytes())
        elif path.suffix == ".jsonl":
            found.extend(line for line in path.read_bytes().splitlines() if line.strip())
    if REAL:
        with (gzip.open(REAL, "rb") if REAL.endswith(".gz") else open(REAL, "rb")) as fh:
            found.extend(line.rstrip(b"\n") for _, line in zip(range(3000), fh))
    return tuple(found)


ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
HOSTILE_CHARS = st.one_of(
    ARABIC, ARABIC, ARABIC, st.sampled_from(" \n\t.,،؛؟!:«»\"'()-–—/…0123456789٠١٢٣٤٥٦٧٨٩<>&;"),
    st.characters(max_codepoint=0x1F),                        # controls, NUL included
    st.characters(categories=["Cs"]),                         # lone surrogates (a JSON "\ud800")
    st.characters(min_codepoint=0x200B, max_codepoint=0x206F),  # zero-width and bidi marks
    st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF),  # presentation forms, BOM
    st.characters(),
)
TEXTS = st.text(HOSTILE_CHARS, max_size=3000)


@st.composite
def mutated(draw) -> bytes:
    """A real input with a few random edits: bytes flipped, cut, repeated, or foreign bytes put in."""
    data = bytearray(draw(st.sampled_from(real_inputs())))
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        op = draw(st.sampled_from(["flip", "cut", "insert", "repeat", "truncate"]))
        if op == "flip":
            data[at] ^= draw(st.integers(1, 255))
        elif op == "cut":
            del data[at:at + draw(st.integers(1, 200))]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=40))
        elif op == "repeat":
            data[at:at] = data[at:at + draw(st.integers(1, 300))] * draw(st.integers(2, 20))
        else:
            del data[at:]
    return bytes(data)


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | TEXTS,
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                      max_size=4), max_leaves=12)


@st.composite
def json_lines(draw) -> bytes:
    lines = []
    for _ in range(draw(st.integers(1, 5))):
        record = draw(st.dictionaries(st.sampled_from(["id", "title", "text", "html", "url", "site", "date",
                                                       "author", "other"]), JSON_VALUES, max_size=6))
        line = json.dumps(record)
        if draw(st.booleans()):
            line = line.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
        lines.append(line)
    return "\n".join(lines).encode("utf-8", "surrogatepass")


FILE_BYTES = st.one_of(st.binary(max_size=3000), mutated(), json_lines(),
                       TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass")))
NAMES = st.sampled_from(["a.txt", "a.html", "a.jsonl", "a.jsonl.gz", "a.warc", "a.warc.gz", "a.bin", "a.txt.gz"])


@given(FILE_BYTES, NAMES, st.booleans())
@budget(150)
def test_readers_yield_inputs_or_errors_and_never_more_than_the_limit(data, name, compress):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(gzip.compress(data) if name.endswith(".gz") and compress else data)
        items = list(iter_inputs([path], max_bytes=64 * 1024))
    for item in items:
        assert isinstance(item, (RawInput, InputError))
        if isinstance(item, RawInput):
            assert len(item.raw) <= 64 * 1024
            content = item.hints.get("content")
            assert content is None or isinstance(content, str)
            for key in ("title", "url", "outlet", "published", "id", "byline"):
                assert item.hints.get(key) is None or isinstance(item.hints[key], str)
        else:
            assert item.message and "\n" not in item.message


def _storable(text: str | None) -> None:
    if text:
        text.encode("utf-8")                                 # no lone surrogate
        assert "\x00" not in text


def check_document(doc: Document) -> None:
    for text in (doc.title, doc.body, doc.outlet, doc.byline, doc.source, doc.url):
        _storable(text)
    n = len(doc.body)
    for span in (*doc.entities, *doc.quotes, *doc.times):
        assert 0 <= span.start <= span.end <= n
    record = to_record(doc, PIPELINE_VERSION)
    json.dumps(doc.to_dict(), ensure_ascii=False).encode("utf-8")
    assert record.id == doc.id


def analysed(raw: bytes, fmt: str | None = None, hints: dict | None = None) -> Document | None:
    doc = make_document(raw, source="fuzz", fmt=fmt, hints=hints)
    try:
        return process(doc)
    except FatalInputError:
        return None


@given(st.one_of(TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass")), mutated(), st.binary(max_size=2000)))
@budget(80)
def test_the_pipeline_keeps_any_input_storable_or_rejects_it(raw):
    doc = analysed(raw)
    if doc is not None:
        check_document(doc)
        assert not any(e.message.startswith("stage ") and "failed" in e.message for e in doc.errors), doc.errors


@given(TEXTS, st.one_of(st.none(), TEXTS))
@budget(60)
def test_json_lines_content_of_any_text_is_analysed_safely(content, title):
    if not content.strip():
        return
    hints = {"content": content, "content_is_html": False, "title": title}
    doc = analysed(b"{}", fmt="jsonl", hints=hints)
    if doc is not None:
        check_document(doc)


@given(st.lists(st.one_of(mutated(), TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass"))), min_size=2,
                max_size=8))
@budget(8, share=0.1)
def test_the_store_and_every_corpus_stage_take_whatever_the_pipeline_kept(raws):
    from marsad.corpus import rebuild
    from marsad.store import open_store

    docs = [d for d in (analysed(r) for r in raws) if d is not None]
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "fuzz.db"), readonly=False)
        try:
            store.add_records([to_record(d, PIPELINE_VERSION) for d in docs])
            rebuild(store)
            assert store.count_documents() == len({d.id for d in docs})
        finally:
            store.close()
