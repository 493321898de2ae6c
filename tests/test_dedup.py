"""Duplicates, wire copies and provenance on realistic (invented) Arabic news text."""

from __future__ import annotations

import json

import numpy as np
import pytest

from marsad.dedup.components import Components
from marsad.dedup.index import Deduplicator, Prepared, shingle_all
from marsad.dedup.minhash import K, signatures
from marsad.dedup.provenance import Article, provenance
from marsad.dedup.segments import SegmentIndex
from marsad.dedup.shingles import shingle_texts

DISPATCH = (
    "أعلنت وزارة الصحة في الجمهورية اليمنية، مساء الأحد، ارتفاع عدد الإصابات المؤكدة بحمى الضنك في محافظة "
    "الحديدة إلى ألف ومئتي حالة منذ مطلع الشهر الجاري، بينها سبع وفيات.\n"
    "وقال المتحدث باسم الوزارة الدكتور سالم باعوضة في مؤتمر صحفي إن فرق الرش الميداني بدأت حملة واسعة تشمل "
    "أحياء المدينة القديمة والمناطق الساحلية، مشيرا إلى أن المستشفيات الحكومية استقبلت خلال الأسبوع الماضي "
    "أكثر من ثلاثمئة مريض.\n"
    "وأضاف باعوضة أن منظمة الصحة العالمية وعدت بإرسال شحنة من المحاليل الوريدية وأجهزة الفحص السريع خلال "
    "الأيام المقبلة، داعيا السكان إلى التخلص من المياه الراكدة واستخدام الناموسيات.\n"
    "وتشهد المحافظة منذ أسابيع ارتفاعا في درجات الحرارة والرطوبة، وهو ما يرى فيه الأطباء بيئة مواتية لانتشار "
    "البعوض الناقل للمرض."
)
LOCAL_INTRO = ("خاص – تعيش أحياء الحديدة القديمة حالة من القلق، إذ يروي سكان التقاهم مراسلنا أن المراكز الصحية "
               "القريبة مكتظة بالمرضى منذ أيام، وأن أسعار الأدوية ارتفعت في الصيدليات الخاصة بشكل لافت.\n")
LOCAL_OUTRO = ("\nوفي اتصال مع الموقع، طالب عضو المجلس المحلي للمدينة عبد الرحمن الأهدل السلطات بفتح مراكز علاج "
               "مؤقتة في المدارس، مؤكدا أن الطاقة الاستيعابية للمستشفيات لم تعد كافية لاستقبال الحالات الجديدة.")
OTHER = ("افتتح وزير النقل التونسي صباح الاثنين الخط الجديد للقطار السريع بين العاصمة ومدينة سوسة، في رحلة "
         "تجريبية شارك فيها عدد من النواب والصحفيين. وقال الوزير إن المشروع يختصر زمن الرحلة إلى ساعة واحدة، "
         "وإن الحكومة تعتزم مد الخط إلى صفاقس بحلول نهاية العام المقبل، بكلفة تقارب ثلاثمئة مليون دينار.")


def _add(texts: list[str]):
    dedup = Deduplicator(lambda keys: {k: texts[k] for k in keys})
    pairs = dedup.add([(i, t, (i,)) for i, t in enumerate(texts)])
    return {(p.a, p.b): p for p in pairs}, dedup


def test_shingles_fold_spelling_variants_and_do_not_depend_on_the_batch():
    a = "قال فائز السراج إنّ الحكومةَ مستعدة للحوار مع جميع الأطراف الليبية دون شروط مسبقة"
    b = "قال فايز السراج إن الحكومة مستعدة للحوار مع جميع الاطراف الليبيه دون شروط مسبقه!"
    sa, sb = shingle_texts([a, b])
    assert np.array_equal(sa.hashes, sb.hashes) and sa.exact == sb.exact
    alone = shingle_texts([b])[0]
    assert np.array_equal(alone.hashes, sb.hashes)
    assert [a[s:e] for s, e in zip(sa.starts, sa.ends)][:3] == ["قال", "فائز", "السراج"]
    assert shingle_texts([""])[0].words == 0 and len(shingle_texts(["خبر"])[0].hashes) == 1


def test_minhash_estimates_jaccard_and_is_identical_for_identical_sets():
    rng = np.random.default_rng(7)
    base = rng.integers(0, 2**63, 400, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    other = np.concatenate([base[:300], rng.integers(0, 2**63, 100, dtype=np.uint64)])
    sig = signatures([base, base.copy(), other])
    assert (sig[0] == sig[1]).all() and sig.shape == (3, K)
    true = 300 / 500
    assert abs((sig[0] == sig[2]).mean() - true) < 0.15


def test_exact_near_and_wire_pairs():
    edited = (DISPATCH.replace("مساء الأحد", "مساء أمس الأحد").replace("واسعة", "كبيرة")
              .replace("خلال الأسبوع الماضي", "في الأسبوع الماضي").replace("داعيا", "ودعا"))
    texts = [DISPATCH, DISPATCH.replace("،", ",").replace("ى", "ي"), edited, LOCAL_INTRO + DISPATCH + LOCAL_OUTRO,
             OTHER]
    pairs, _ = _add(texts)
    assert pairs[(0, 1)].kind == "exact"
    assert pairs[(0, 2)].kind == "near"
    assert pairs[(0, 3)].kind == "wire" and pairs[(0, 3)].a_in_b > 0.95 and pairs[(0, 3)].b_in_a < 0.8
    assert not any(4 in k for k in pairs)


def test_a_truncated_copy_is_contained():
    first_two = "\n".join(DISPATCH.split("\n")[:2])
    pairs, _ = _add([DISPATCH, first_two + " ...المزيد"])
    assert pairs[(0, 1)].kind == "wire" and pairs[(0, 1)].b_in_a > 0.9


def test_the_earlier_publication_is_a_whatever_the_order_of_arrival():
    texts = [LOCAL_INTRO + DISPATCH, DISPATCH]
    dedup = Deduplicator(lambda keys: {k: texts[k] for k in keys})
    pairs = dedup.add([(0, texts[0], ("2024-03-02", 0)), (1, texts[1], ("2024-03-01", 1))])
    assert [(p.a, p.b) for p in pairs] == [(1, 0)]


def test_template_instances_are_not_copies_but_a_copy_of_one_instance_is():
    names = ["سعيد بن علي القحطاني", "ماجد بن حسن الشهري", "فهد بن عبدالله المطيري", "خالد بن سالم الدوسري",
             "تركي بن محمد العنزي", "ناصر بن فهد الغامدي", "بندر بن سعد الحربي", "عادل بن يوسف الزهراني"]
    places = ["الرياض", "جدة", "الدمام", "أبها", "تبوك", "حائل", "جازان", "نجران"]
    crimes = ["تهريب كميات كبيرة من الأقراص المخدرة عبر منفذ حدودي", "قتل مواطن طعنا إثر خلاف على أرض زراعية",
              "السطو المسلح على محل للصرافة وإصابة حارسه", "ترويج مادة الحشيش المخدر في أحد الأحياء السكنية",
              "اختطاف طفل ومساومة أسرته على فدية مالية كبيرة", "قتل زوجته خنقا ثم إحراق منزلها لإخفاء الجريمة",
              "تهريب أسلحة وذخائر داخل شاحنة لنقل الخضار", "الاعتداء على رجل أمن أثناء تأدية عمله بسلاح أبيض"]
    template = ("أصدرت وزارة الداخلية اليوم بيانا بشأن تنفيذ حكم القتل تعزيرا في الجاني {name} لإقدامه على {crime}. "
                "وقد تمكنت الجهات الأمنية من القبض على الجاني وأسفر التحقيق معه عن توجيه الاتهام إليه بارتكاب "
                "جريمته، وبإحالته إلى المحكمة الجزائية صدر بحقه صك شرعي يقضي بثبوت ما نسب إليه والحكم عليه "
                "بالقتل تعزيرا، وأيد الحكم من محكمة الاستئناف ومن المحكمة العليا. وقد تم تنفيذ حكم القتل "
                "بالجاني يوم الثلاثاء في مدينة {place}. ووزارة الداخلية إذ تعلن ذلك لتؤكد للجميع حرص حكومة "
                "المملكة على استتباب الأمن وتحقيق العدل وتنفيذ أحكام الله في كل من يتعدى على الآمنين.")
    texts = [template.format(name=n, crime=c, place=p) for n, c, p in zip(names, crimes, places)]
    texts.append("الرياض (واس) - " + texts[-1])       # another outlet runs the last statement
    pairs, _ = _add(texts)
    assert (7, 8) in pairs
    assert not [k for k in pairs if k[1] < 8 and k[0] >= 5], "later instances of the template paired as copies"


def test_segment_index_lookup_merge_delete_and_bytes_roundtrip():
    from marsad.dedup.persist import _pack, _unpack

    idx = SegmentIndex()
    for batch in range(6):
        keys = np.arange(batch * 10, batch * 10 + 10, dtype=np.int64)
        idx.add(keys, keys + 1000)
    idx.add(np.array([5, 5], dtype=np.int64), np.array([2000, 2001], dtype=np.int64))
    assert len(idx.segments) < 7
    q, d = idx.lookup(np.array([5, 59, 999], dtype=np.int64))
    assert sorted(zip(q.tolist(), d.tolist())) == [(0, 1005), (0, 2000), (0, 2001), (1, 1059)]
    idx.remove([2000])
    assert sorted(idx.lookup(np.array([5], dtype=np.int64))[1].tolist()) == [1005, 2001]
    rows, _ = _pack("bands", idx)
    back = _unpack("bands", rows)
    assert sorted(back.lookup(np.array([5], dtype=np.int64))[1].tolist()) == [1005, 2001]
    back.compact()
    assert len(back.segments) == 1 and back.lookup(np.array([5], dtype=np.int64), with_counts=True)[2].tolist() == [2]


def test_a_stored_index_is_written_again_only_where_a_batch_changed_it():
    """A segment never changes once built: storing the index after a batch writes the batch's segment (and what
    it merged with) and the list of segments, not the segments stored before. An index an older Marsad stored
    whole in one row reads the same."""
    import io

    from marsad.dedup.persist import _pack, _unpack

    idx = SegmentIndex()
    idx.add(np.arange(100, dtype=np.int64), np.arange(100, dtype=np.int64) // 4)
    idx.add(np.arange(500, 520, dtype=np.int64), np.full(20, 30, dtype=np.int64))
    stored, names = _pack("bands", idx)
    assert len(idx.segments) == 2 and set(stored) == set(names) == {"bands", *(s.name for s in idx.segments)}
    again = _unpack("bands", stored)
    again.add(np.arange(600, 615, dtype=np.int64), np.full(15, 31, dtype=np.int64))     # merges with the 20
    written, names = _pack("bands", again)
    big = idx.segments[0].name
    assert big in names and big not in written and len(written) == 2                  # the merged one, the list
    stored.update(written)
    assert again.lookup(np.array([3, 510, 610], dtype=np.int64))[1].tolist() == \
        _unpack("bands", stored).lookup(np.array([3, 510, 610], dtype=np.int64))[1].tolist() == [0, 30, 31]

    buf = io.BytesIO()                           # the whole index in one row: k0, d0, k1, d1, …, deleted
    np.savez(buf, k0=idx.segments[0].keys, d0=idx.segments[0].docs, k1=idx.segments[1].keys,
             d1=idx.segments[1].docs, deleted=np.array([30], dtype=np.int64))
    old = _unpack("bands", {"bands": buf.getvalue()})
    assert old.lookup(np.array([3, 510], dtype=np.int64))[1].tolist() == [0]
    assert all(s.name is None for s in old.segments)                  # stored one by one when next written


def test_a_new_segment_is_held_once_while_it_is_packed_and_stored_keys_then_documents():
    """Packing a new segment made three copies of it (two `tobytes` and their join) beside its arrays: a merge of
    a 100,000-article index is tens of MB. Its row is now one buffer that the segment's arrays are views of; the
    bytes, and so the row's name, are what they were."""
    import hashlib

    from marsad.dedup.persist import _pack, _unpack

    idx = SegmentIndex()
    keys, docs = np.array([9, 3, 7], dtype=np.int64), np.array([1, 2, 3], dtype=np.int64)
    idx.add(keys, docs)
    seg = idx.segments[0]
    expected = seg.keys.astype("<i8").tobytes() + seg.docs.astype("<i8").tobytes()
    rows, _ = _pack("bands", idx)
    assert bytes(rows[seg.name]) == expected
    assert seg.name == f"bands/{hashlib.blake2b(expected, digest_size=8).hexdigest()}"
    assert seg.keys.base is not None and seg.keys.base is seg.docs.base       # one buffer
    assert seg.keys.tolist() == [3, 7, 9] and seg.docs.tolist() == [2, 3, 1]
    assert _unpack("bands", {k: bytes(v) for k, v in rows.items()}).lookup(np.array([7], dtype=np.int64))[1].tolist() \
        == [3]


def test_paragraph_provenance_originality_and_agency():
    copy = LOCAL_INTRO + DISPATCH + LOCAL_OUTRO
    src, art = shingle_all([DISPATCH, copy])
    source = Article("src", DISPATCH, Prepared(src), "سبأ نت", ("سبأ",))
    p = provenance(Article("copy", copy, Prepared(art), "الموقع"), [source])
    paras = p["paragraphs"]
    assert paras[0]["source"] is None and paras[-1]["source"] is None
    assert all(x["source"] == "src" for x in paras[1:-1])
    assert 0.2 < p["originality"] < 0.5
    assert p["agency"] == "سبأ" and p["sources"][0]["paragraphs"] == [1, 2, 3, 4]


@pytest.fixture()
def wire_corpus(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    rows = [
        {"id": "1", "site": "وكالة سبأ", "date": "2024-03-01", "title": "ارتفاع إصابات حمى الضنك في الحديدة",
         "text": DISPATCH},
        {"id": "2", "site": "الموقع", "date": "2024-03-02", "title": "الحديدة: الضنك يملأ المستشفيات",
         "text": LOCAL_INTRO + DISPATCH + LOCAL_OUTRO},
        {"id": "3", "site": "بوابة تونس", "date": "2024-03-02", "title": "قطار سريع بين تونس وسوسة", "text": OTHER},
    ]
    (d / "a.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows[:2]), encoding="utf-8")
    return d, rows


def test_store_index_is_incremental_and_handles_deletions(wire_corpus, store_url):
    from marsad.corpus import rebuild
    from marsad.dedup import persist
    from marsad.executors.local import run
    from marsad.readers.sources import iter_inputs
    from marsad.store import open_store

    d, rows = wire_corpus
    store = open_store(store_url)
    run(iter_inputs([str(d / "a.jsonl")]), store=store, workers=1)
    rebuild(store)
    pairs = store.duplicates().items
    assert len(pairs) == 1 and pairs[0].kind == "wire"
    later = pairs[0].b
    prov = store.provenance(later)
    assert prov.sources[0]["article_id"] == pairs[0].a and 0 < prov.originality < 1
    assert persist.update(store)["indexed"] == 0                     # nothing new: nothing re-hashed

    (d / "b.jsonl").write_text(json.dumps(rows[2], ensure_ascii=False) + "\n" + json.dumps(
        {**rows[0], "id": "4", "site": "عدن الغد", "text": DISPATCH + "\nالمصدر: سبأ"}, ensure_ascii=False),
        encoding="utf-8")
    run(iter_inputs([str(d / "b.jsonl")]), store=store, workers=1)
    counts = persist.update(store)
    assert counts["indexed"] == 2 and counts["pairs"] == 2            # the new copy meets both earlier articles
    assert len(store.dedup_load()[1]) == 4

    first = pairs[0].a
    store.delete_documents([first])
    persist.update(store)
    left = store.duplicates().items
    assert left and all(first not in (p.a, p.b) for p in left)
    assert all(s["article_id"] != first for s in store.provenance(later).sources)
    store.close()


@pytest.mark.shared
def test_saudinewsnet_exact_groups_and_same_lead_wire_copies_are_found():
    """The first 6,000 articles: every exact group is joined by exact pairs, and the cross-outlet groups that
    share their first 300 characters (the dataset's silver wire copies) are connected by reported pairs."""
    import gzip
    import re
    import unicodedata

    from tests.conftest import SNN

    with gzip.open(SNN, "rt", encoding="utf-8") as fh:
        arts = [json.loads(line) for _, line in zip(range(6000), fh)]
    pairs, _ = _add([a["content"] for a in arts])
    linked, exact = Components(range(len(arts))), Components(range(len(arts)))
    for (a, b), p in pairs.items():
        linked.union(a, b)
        if p.kind == "exact":
            exact.union(a, b)
    groups: dict[str, list[int]] = {}
    for i, a in enumerate(arts):
        norm = re.sub(r"\s+", " ", re.sub("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]", "",
                                          unicodedata.normalize("NFC", a["content"]))).strip()
        if norm:
            groups.setdefault(norm, []).append(i)
    exact_groups = [g for g in groups.values() if len(g) > 1]
    assert exact_groups and all(len({exact.find(i) for i in g}) == 1 for g in exact_groups)

    index = {a["id"]: i for i, a in enumerate(arts)}
    silver = [json.loads(line) for line in (SNN.parent / "near_duplicates_prefix300.jsonl").open(encoding="utf-8")]
    cross = [[index[i] for i in g["ids"]] for g in silver if g["cross_outlet"] and all(i in index for i in g["ids"])]
    found = sum(len({linked.find(i) for i in g}) == 1 for g in cross)
    assert len(cross) > 50 and found / len(cross) >= 0.95
