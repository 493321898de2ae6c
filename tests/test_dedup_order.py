"""Duplicate pairs, their direction, provenance and stories depend on which documents are stored, not on the order
or the batches they arrived in (issue: 1,799 / 1,807 / 1,811 pairs for one input ingested in three orders)."""

from __future__ import annotations

import gzip
import json
import random
import uuid
from pathlib import Path

import pytest

from marsad.corpus import rebuild
from marsad.dedup import persist
from marsad.stories import stage
from marsad.store import is_postgres, open_store
from marsad.store.base import Filters

from .conftest import PG_URL, SNN, stored, with_schema
from .test_dedup import DISPATCH, LOCAL_INTRO, LOCAL_OUTRO, OTHER

NAMES = ["سعيد بن علي القحطاني", "ماجد بن حسن الشهري", "فهد بن عبدالله المطيري", "خالد بن سالم الدوسري",
         "تركي بن محمد العنزي", "ناصر بن فهد الغامدي", "بندر بن سعد الحربي"]
PLACES = ["الرياض", "جدة", "الدمام", "أبها", "تبوك", "حائل", "جازان"]
NOTICE = ("أعلنت المديرية العامة للدفاع المدني اليوم أن فرقها باشرت حريقا في مستودع بحي {place}، وتمكنت من السيطرة "
          "عليه قبل امتداده إلى المباني المجاورة دون تسجيل إصابات، وأوضح المتحدث الرسمي العقيد {name} أن الجهات "
          "المختصة باشرت التحقيق في أسباب الحريق، داعيا أصحاب المستودعات إلى الالتزام باشتراطات السلامة وتوفير "
          "وسائل الإطفاء اللازمة، ومؤكدا أن فرق الدفاع المدني تعمل على مدار الساعة لحماية الأرواح والممتلكات.")


def _texts() -> list[tuple[str, str | None, str]]:
    """(text, published, outlet): a dispatch with copies (two published the same day: the id decides which is
    first; one undated; one earlier than all), instances of one notice with a copy, and unrelated news."""
    paragraphs = DISPATCH.split("\n")
    edited = DISPATCH.replace("مساء الأحد", "مساء أمس الأحد").replace("واسعة", "كبيرة").replace("داعيا", "ودعا")
    docs = [(DISPATCH, "2024-03-01", "وكالة سبأ"), (LOCAL_INTRO + DISPATCH + LOCAL_OUTRO, "2024-03-01", "الموقع"),
            (edited, "2024-03-02", "عدن الغد"), (DISPATCH + "\nالمصدر: سبأ", None, "بوابة اليمن"),
            ("\n".join(paragraphs[:2]) + " ...المزيد", "2024-02-28", "نشرة"), (OTHER, "2024-03-02", "بوابة تونس")]
    for k, (name, place) in enumerate(zip(NAMES, PLACES)):
        docs.append((NOTICE.format(name=name, place=place), f"2024-03-0{k % 3 + 1}", f"صحيفة {k}"))
    docs.append(("الرياض (واس) - " + NOTICE.format(name=NAMES[-1], place=PLACES[-1]), "2024-03-01", "واس"))
    return docs


@pytest.fixture(scope="module")
def analyzed():
    from marsad.pipeline import analyze

    return [analyze(text, published=published, outlet=outlet, source=f"doc{i}")
            for i, (text, published, outlet) in enumerate(_texts())]


@pytest.fixture
def fresh(store_url, tmp_path):
    """Empty stores on the backend of `store_url`, as many as a test asks for (PostgreSQL: a schema each)."""
    schemas: list[str] = []

    def make(name: str):
        if not is_postgres(store_url):
            return open_store(str(tmp_path / f"{name}.db"))
        import psycopg

        schema = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        schemas.append(schema)
        return open_store(with_schema(PG_URL, schema))

    yield make
    if schemas:
        import psycopg

        with psycopg.connect(PG_URL, autocommit=True) as conn:
            for schema in schemas:
                conn.execute(f"DROP SCHEMA {schema} CASCADE")


def _arrive(store, docs, runs: int) -> list[dict]:
    """Store the documents in `runs` ingests, each followed by the corpus stages (as `marsad ingest` does)."""
    size = -(-len(docs) // runs)
    counts = []
    for i in range(0, len(docs), size):
        stored(store, docs[i:i + size])
        counts.append(persist.update(store))
        rebuild(store)
    return counts


def _views(store, ids: list[str]) -> dict:
    """What the corpus says about the documents: pairs (with direction and measures), provenance, stories. Stories
    are placed as articles arrive, so they are compared after the periodic repair, which places every article
    again in time order; their ids stay those the arrival gave them (a repair keeps ids), so only their articles
    and views are compared."""
    pairs = [(p.a, p.b, p.kind, p.score, p.shared_chars, p.jaccard, p.a_in_b, p.b_in_a)
             for p in store.duplicates(limit=10_000).items]
    prov = {i: store.provenance(i) for i in sorted(ids)}
    stage.repair(store)
    stories = sorted((s.articles, json.dumps(s.wire, sort_keys=True), json.dumps(s.framing, sort_keys=True))
                     for s in store.stories(Filters(), limit=1000).items)
    return {"pairs": pairs, "provenance": prov, "stories": stories}


def test_pairs_provenance_and_stories_do_not_depend_on_arrival_order(analyzed, fresh):
    ids = [d.id for d in analyzed]
    shuffled = analyzed[:]
    random.Random(3).shuffle(shuffled)
    seen, counts = [], []
    for name, docs, runs in (("all", analyzed, 1), ("reversed", analyzed[::-1], 3), ("shuffled", shuffled, 5)):
        store = fresh(name)
        counts.append(_arrive(store, docs, runs))
        seen.append(_views(store, ids))
        store.close()
    assert seen[0]["pairs"] and any(p[2] == "wire" for p in seen[0]["pairs"])
    assert seen[1] == seen[0] and seen[2] == seen[0]
    assert sum(c["reindexed"] for c in counts[1]) > 0        # earlier documents came later: later ones went back


def test_the_same_day_copy_is_ordered_by_id_and_the_earlier_date_is_the_source(analyzed, fresh):
    store = fresh("one")
    _arrive(store, analyzed[::-1], 2)
    dispatch, local, truncated = analyzed[0].id, analyzed[1].id, analyzed[4].id
    pairs = {frozenset((p.a, p.b)): p for p in store.duplicates(limit=1000).items}
    same_day = pairs[frozenset((dispatch, local))]
    assert (same_day.a, same_day.b) == tuple(sorted((dispatch, local)))
    assert pairs[frozenset((truncated, dispatch))].a == truncated
    store.close()


def test_an_index_written_before_the_order_fix_is_rebuilt_once(analyzed, fresh):
    store = fresh("old")
    _arrive(store, analyzed, 1)
    before = _views(store, [d.id for d in analyzed])
    with store.transaction():
        store._exec("DELETE FROM dedup_state WHERE name = 'version'")     # as an older Marsad left it
    counts = persist.update(store)
    assert counts["rebuilt"] == 1 and counts["indexed"] == 0 and counts["pairs"] == 0
    assert persist.update(store)["rebuilt"] == 0
    rebuild(store)
    assert _views(store, [d.id for d in analyzed]) == before
    store.close()


def _article(text: str, published: str | None, outlet: str, source: str):
    """A stored document without the analysis stages (only the body, date and outlet matter to duplicates)."""
    from marsad.document import Document

    return Document(raw=f"{source}\n{text}".encode(), source=source, format="text", lang="ar", outlet=outlet,
                    published=published, title=text[:60], body=text)


@pytest.mark.shared
def test_saudinewsnet_with_injected_copies_gives_one_set_of_pairs_in_three_orders(tmp_path):
    """A few hundred real articles (silver duplicate groups and others) and near-copies made from them, some
    published the same day or undated, stored in three orders with different batch boundaries."""
    with gzip.open(SNN, "rt", encoding="utf-8") as fh:
        arts = [json.loads(line) for _, line in zip(range(4000), fh)]
    by_id = {a["id"]: a for a in arts if a["content"].strip()}
    silver = Path(SNN).parent / "near_duplicates_prefix300.jsonl"
    groups = [json.loads(line) for line in silver.open(encoding="utf-8")]
    chosen = [by_id[i] for g in groups for i in g["ids"] if i in by_id][:250]
    rng = random.Random(11)
    taken = {a["id"] for a in chosen}
    chosen += rng.sample([a for a in by_id.values() if a["id"] not in taken], 100)
    docs = [_article(a["content"], a["date_extracted"][:10], a["source"], a["id"]) for a in chosen]
    for k, a in enumerate(rng.sample(chosen, 80)):
        text = ("الرياض (واس) - " + a["content"]) if k % 2 else a["content"][: len(a["content"]) * 2 // 3] + " ..."
        docs.append(_article(text, None if k % 3 == 0 else a["date_extracted"][:10], f"نسخة {k % 4}", f"copy{k}"))
    results = []
    for name, order, runs in (("a", docs, 1), ("b", docs[::-1], 4), ("c", rng.sample(docs, len(docs)), 7)):
        store = open_store(str(tmp_path / f"{name}.db"))
        size = -(-len(order) // runs)
        for i in range(0, len(order), size):
            stored(store, order[i:i + size])
            persist.update(store)
        results.append([(p.a, p.b, p.kind, p.score) for p in store.duplicates(limit=10_000).items])
        store.close()
    assert len(results[0]) > 100
    assert results[1] == results[0] and results[2] == results[0]
