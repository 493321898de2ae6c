"""Stories as events: same kind of happening in different places is two stories, one happening told by several
outlets is one; stories grow incrementally with stable ids; a repair says what it changed; storylines chain an
affair over months; the summary is attributed and not redundant; framing is measured per outlet."""

from __future__ import annotations

import json
from collections import Counter
from itertools import combinations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad import pipeline
from marsad.store.sqlite import SQLiteStore
from marsad.stories import inputs as story_inputs
from marsad.stories import stage
from marsad.stories.framing import distinctive_words, frames
from marsad.stories.profile import ArticleInput, profile
from marsad.stories.summary import summary
from marsad.stories.timeline import event_dates
from marsad.store.views import CorpusDoc, DayTime, StoredQuote

from .conftest import DEMO, SEEDS, stored

ACCIDENT = ("{place}: مصرع {n} أشخاص في حادث مروري على طريق {road}",
            "لقي {n} أشخاص مصرعهم وأصيب {hurt} آخرون في حادث تصادم بين مركبتين على طريق {road} في {place} "
            "مساء أمس، وباشرت فرق الهلال الأحمر نقل المصابين إلى مستشفى {place} العام، فيما فتحت الجهات "
            "المختصة تحقيقا في أسباب الحادث.\nوقال المتحدث باسم المرور في {place} إن السرعة الزائدة كانت وراء الحادث.")


SECOND_TAKE = ("حادث مروع على طريق {road} يودي بحياة {n} أشخاص",
               "توفي {n} أشخاص وأصيب {hurt} آخرون إثر اصطدام مركبتين على طريق {road} بمدينة {place} مساء أمس. "
               "وأوضح المتحدث باسم المرور في {place} أن فرق الإسعاف نقلت المصابين إلى المستشفى، وأن التحقيق جار.")


THIRD_TAKE = ("وفاة {n} وإصابة {hurt} في انقلاب مركبة بـ{place}",
              "انقلبت مركبة تقل عمالا على طريق {road} شمال {place} صباح اليوم، ما أدى إلى وفاة {n} منهم وإصابة "
              "{hurt} آخرين. وأفاد الدفاع المدني في {place} بأن فرقه انتشلت المصابين ونقلتهم إلى مستشفى الملك فهد.")
FOURTH_TAKE = ("تصادم مروع في {place}.. {n} قتلى",
               "شهد طريق {road} في {place} حادثا مروعا إثر تصادم شاحنة بسيارة عائلية، أسفر عن مقتل {n} من أفراد "
               "الأسرة. وقال شهود عيان إن الشاحنة انحرفت عن مسارها، فيما أغلقت دوريات أمن الطرق الموقع لساعات.")


def _accident(place: str, road: str, n: int, hurt: int, outlet: str, day: str, take=ACCIDENT):
    title, body = (t.format(place=place, road=road, n=n, hurt=hurt) for t in take)
    return pipeline.analyze(f"{title}\n\n{body}".encode(), source=f"{outlet}-{place}-{n}.txt", outlet=outlet,
                            published=day)


def _stories(store) -> list[set[str]]:
    return [set(s.articles) for s in store.stories(_no_filters(), limit=1000).items]


def _no_filters():
    from marsad.store.base import Filters
    return Filters()


def test_accidents_in_different_cities_are_different_stories_and_one_accident_is_one(tmp_path):
    docs = [_accident("الدمام", "الظهران", 3, 2, "اليوم", "2015-08-08"),
            _accident("الدمام", "الظهران", 3, 2, "عكاظ", "2015-08-08", SECOND_TAKE),
            _accident("جازان", "صبيا", 5, 4, "الرياض", "2015-08-08", THIRD_TAKE),
            _accident("تبوك", "المدينة المنورة", 2, 7, "المدينة", "2015-08-08", FOURTH_TAKE)]
    with SQLiteStore(tmp_path / "s.db") as store:
        stored(store, docs)
        stage.update(store)
        groups = _stories(store)
    ids = [d.id for d in docs]
    assert {ids[0], ids[1]} in groups                        # one accident, two outlets
    assert {ids[2]} in groups and {ids[3]} in groups          # same kind of happening elsewhere: apart


def test_stories_grow_incrementally_with_stable_ids_and_a_repair_finds_nothing_to_change(tmp_path):
    first = [_accident("الدمام", "الظهران", 3, 2, "اليوم", "2015-08-08")]
    later = [_accident("الدمام", "الظهران", 3, 2, "عكاظ", "2015-08-09", SECOND_TAKE),
             _accident("جازان", "صبيا", 5, 4, "الرياض", "2015-08-09", THIRD_TAKE)]
    with SQLiteStore(tmp_path / "s.db") as store:
        stored(store, first)
        stage.update(store)
        (before,) = store.stories(_no_filters()).items
        stored(store, later)
        timings: dict = {}
        stage.update(store, timings=timings)
        assert timings["articles"] == 2                        # only the new articles are placed
        after = {s.id: s for s in store.stories(_no_filters()).items}
        assert set(after[before.id].articles) == {first[0].id, later[0].id}
        changes = stage.repair(store)
        assert (changes.merged, changes.split, changes.moved) == ([], [], 0)


def test_a_repair_says_what_it_merged_and_moved(tmp_path):
    docs = [_accident("الدمام", "الظهران", 3, 2, "اليوم", "2015-08-08"),
            _accident("الدمام", "الظهران", 3, 2, "عكاظ", "2015-08-08", SECOND_TAKE)]
    with SQLiteStore(tmp_path / "s.db") as store:
        stored(store, docs)
        stage.update(store)
        with store.transaction():                              # a placement gone wrong: the copy on its own
            store._exec("UPDATE story_articles SET story_id = 's-wrong' WHERE doc_id = ?", (docs[1].id,))
        changes = stage.repair(store)
        assert changes.moved == 1 and len(changes.merged) == 1 and len(changes.merged[0]["from"]) == 2
        assert [set(g) for g in _stories(store)] == [{docs[0].id, docs[1].id}]


def test_each_placement_says_why(tmp_path):
    docs = [_accident("الدمام", "الظهران", 3, 2, "اليوم", "2015-08-08"),
            _accident("الدمام", "الظهران", 3, 2, "عكاظ", "2015-08-08", SECOND_TAKE)]
    with SQLiteStore(tmp_path / "s.db") as store:
        stored(store, docs)
        stage.update(store)
        why = dict(store._run("SELECT doc_id, why FROM story_articles"))
    assert why[docs[0].id].startswith("opened")
    assert why[docs[1].id].startswith(("copy of", "same event"))


SEED_ARRIVALS = [(0, "2020-01-14"), (2, "2020-01-14"), (1, "2020-01-17"), (4, "2020-07-08"), (3, "2020-07-09")]


@pytest.fixture(scope="module")
def seed_stories(tmp_path_factory, cli):
    """The five seed pages ingested day by day, each with its publication date: the stories and the store."""
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    for k, day in SEED_ARRIVALS:
        cli("ingest", SEEDS[k], "--db", db, "--published", day, "--workers", "1")
    return json.loads(cli("stories", "--db", db, "--json").stdout), db


@pytest.mark.shared
def test_seed_pages_arriving_day_by_day_make_one_january_story_and_one_storyline(seed_stories, cli):
    """Issue: the 17 January page was split from the 14 January pages on the same talks, and the July statement
    did not join the January storyline."""
    found, db = seed_stories
    january = [s for s in found if s["first_seen"].startswith("2020-01")]
    assert len(january) == 1 and len(january[0]["articles"]) == 3
    assert january[0]["last_seen"] == "2020-01-17"
    lines = {s["storyline"] for s in found}
    assert len(lines) == 1 and None not in lines                # January and July: one storyline
    line = json.loads(cli("storyline", lines.pop(), "--db", db, "--json").stdout)
    assert [s["first_seen"][:7] for s in line["stories"]][0] == "2020-01"
    assert {s["first_seen"][:7] for s in line["stories"]} == {"2020-01", "2020-07"}
    haftar = [d for d in line["frames"]["descriptors"] if "حفتر" in d["canonical"]]
    assert len({d["outlet"] for d in haftar}) >= 2                # how each outlet calls him, measured


@pytest.mark.shared
@pytest.mark.xfail(strict=True, reason="known gap (2026-12-05): the affair model learned on three hand-grouped days "
                   "scores Lavrov's statement and the Turkish adviser's reply the next day 0.32 (threshold 0.6); "
                   "the model of 2026-12-03, which gathered half as much of each day's largest affair, folded them")
def test_the_two_july_seed_pages_are_one_story(seed_stories):
    """The two July pages, Lavrov's statement and a Turkish adviser's reaction to it, are one affair: one story."""
    found, _ = seed_stories
    july = [s for s in found if s["first_seen"].startswith("2020-07")]
    assert len(july) == 1 and len(july[0]["articles"]) == 2


def _pairwise(system: dict[str, str], gold: dict[str, str]) -> float:
    tp = fp = fn = 0
    for x, y in combinations(sorted(gold), 2):
        same_g, same_s = gold[x] == gold[y], x in system and y in system and system[x] == system[y]
        tp, fp, fn = tp + (same_g and same_s), fp + (same_s and not same_g), fn + (same_g and not same_s)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def test_demo_gold_stories_and_storylines_do_not_fall(demo_db, cli):
    """Floors under the figures measured when the affair fold became links checked on grown stories (2026-12-05:
    0.775 and 0.817; 0.818 and 0.846 with the earlier smallest-first fold, which did worse on the two days of real
    news it was not chosen on: 0.64 / 0.69 against 0.67 / 0.72; 0.60 and 0.69 when stories were single
    happenings). The demo's misses are single reactions from another country (Moscow on the Libyan talks, Morocco's
    aid to Tunisia) that the affair model, learned on Saudi news, scores under its threshold. The issue's bar asks
    0.95 of the stories: see the README."""
    gold = json.loads((DEMO / "gold.json").read_text(encoding="utf-8"))
    found = json.loads(cli("stories", "--db", demo_db, "--json", "--limit", "1000").stdout)
    story = {a: s["id"] for s in found for a in s["articles"]}
    line = {a: s["storyline"] or s["id"] for s in found for a in s["articles"]}
    assert _pairwise(story, {a["doc_id"]: a["story"] for a in gold["articles"]}) >= 0.77
    assert _pairwise(line, {a["doc_id"]: a["storyline"] for a in gold["articles"]}) >= 0.81


def _doc(i: str, outlet: str, title: str, body: str, published: str = "2020-01-14") -> CorpusDoc:
    return CorpusDoc(i, 0, title, body, None, published, outlet, "ar", [])


def test_the_summary_says_a_fact_once_credited_to_the_first_outlet_that_ran_it():
    lead = "أعلنت وزارة الخارجية الروسية الثلاثاء أن خليفة حفتر غادر موسكو دون التوقيع على اتفاق وقف إطلاق النار."
    other = "وتجري الأمم المتحدة مباحثات حثيثة لإرسال بعثة لمراقبة وقف إطلاق النار المعلن في ليبيا منذ الأحد."
    docs = [_doc("a", "فرانس 24", "حفتر يغادر موسكو", f"{lead}\n{other}", "2020-01-14"),
            _doc("b", "الشروق", "حفتر يغادر", f"{lead}\nوكان حفتر قد طلب مهلة يومين لدراسة نص الاتفاق مع حلفائه.",
                 "2020-01-15"),
            _doc("c", "عربي 21", "مغادرة حفتر", lead, "2020-01-15")]
    out = summary(docs, [])
    texts = [s["text"] for s in out]
    assert texts.count(lead) == 1 and out[texts.index(lead)]["outlet"] == "فرانس 24"
    assert all(s["outlet"] for s in out) and len(out) >= 2


def test_framing_measures_scare_quotes_and_the_words_that_set_an_outlet_apart():
    hostile = ("تفاصيل الساعات الأخيرة قبل “هروب” الانقلابي حفتر من موسكو",
               "غادر الانقلابي حفتر موسكو فجرا في “هروب” مفاجئ، ووصف مراقبون الانقلابي بأنه رفض السلام مرة أخرى.")
    neutral = ("المشير حفتر يغادر موسكو", "غادر المشير خليفة حفتر موسكو دون التوقيع، وقال المشير إنه يحتاج وقتا.")
    docs = [_doc(f"h{i}", "الشروق", *hostile) for i in range(4)] + [_doc(f"n{i}", "فرانس 24", *neutral)
                                                                     for i in range(4)]
    measured = frames(docs, [], [], {"خليفة حفتر"})
    assert measured["scare_quotes"] == {"الشروق": {"هروب": 8}}
    words = {o: [w["word"] for w in ws] for o, ws in distinctive_words(docs).items()}
    assert "انقلابي" in words["الشروق"] and "مشير" in words["فرانس 24"]
    assert measured["coverage"]["الشروق"]["share"] == 0.5
    from marsad.arabic.segment import index_terms
    stored = {d.id: f"{index_terms(d.title)} {index_terms(d.body)}" for d in docs}     # as the search index holds
    assert frames(docs, [], [], {"خليفة حفتر"}, stored) == measured                   # them: the same framing


def test_scare_quotes_leave_out_names_and_pieces_of_statements():
    docs = [_doc("a", "أوج", "قال “أوج” إن", "وذكر في مداخلة عبر فضائية “التناصح”: “نحن مستعدون للحوار”.")]
    quotes = [StoredQuote("a", "ياسين أقطاي", None, "نحن مستعدون للحوار", "direct", 40)]
    assert frames(docs, [], quotes, {"التناصح"})["scare_quotes"] == {}


def test_a_lead_that_recalls_an_old_date_does_not_date_the_event():
    doc = _doc("a", "الاقتصادية", "الأسهم", "كان المؤشر قد بلغ في 19 يناير 2015 أعلى مستوياته.", "2015-08-09")
    old = DayTime("a", 23, 35, "19 يناير 2015", "2015-01-19", "date")
    assert event_dates([doc], [old]) == {}
    recent = DayTime("a", 23, 35, "أمس", "2015-08-08", "date")
    assert event_dates([doc], [recent]) == {"a": "2015-08-08"}


def test_an_article_profile_keeps_names_places_and_casualty_numbers_not_years():
    a = profile(ArticleInput("x", "مصرع 12 شخصا في جازان", "لقي 12 شخصا مصرعهم عام 2015 في جازان.", "2015-08-08",
                             "الرياض", entities=[("LOC", "جازان"), ("PER", "محمد بن نايف")]))
    assert a.numbers == {"12"} and "جازان" in a.places and a.actors


def test_a_long_story_keeps_its_latest_days_where_new_articles_find_it():
    """Review: trimming kept the 40 most frequent days, ties dropping the newest, so the next run no longer
    offered a long-running story to articles of its latest days."""
    from marsad.stories.profile import StoryProfile
    p = StoryProfile()
    for k in range(41):
        p.add(profile(ArticleInput(f"a{k}", "تقرير", "نص التقرير اليومي.", f"2015-07-{1 + k % 31:02d}"
                                   if k < 31 else f"2015-08-{k - 30:02d}", "الرياض")))
    days = StoryProfile.from_json(p.to_json()).days
    assert max(days) == max(p.days) and len(days) == 40


def test_deleting_an_article_takes_it_out_of_its_story(tmp_path):
    """Review: a deleted article's story stayed listed with no articles."""
    docs = [_accident("الدمام", "الظهران", 3, 2, "اليوم", "2015-08-08"),
            _accident("جازان", "صبيا", 5, 4, "الرياض", "2015-08-08", THIRD_TAKE)]
    with SQLiteStore(tmp_path / "s.db") as store:
        stored(store, docs)
        stage.update(store)
        store.delete_documents([docs[1].id])
        left = store.stories(_no_filters()).items
    assert [s.articles for s in left] == [[docs[0].id]] and left[0].n_articles == 1


def test_distinctive_words_with_one_word_to_an_outlet_do_not_divide_by_zero():
    docs = [_doc("a", "أ", "الظهران", "الظهران الظهران"), _doc("b", "ب", "في", "في من على")]
    assert distinctive_words(docs) is not None


BOMBING = ("مقتل 15 في تفجير انتحاري استهدف مسجد قوات الطوارئ في عسير",
           "قتل 15 شخصا وأصيب 9 آخرون في تفجير انتحاري استهدف مسجد مقر قوات الطوارئ الخاصة في أبها بمنطقة عسير "
           "ظهر اليوم أثناء صلاة الظهر، وأعلنت وزارة الداخلية أن الانتحاري فجر حزاما ناسفا داخل المسجد.\n"
           "وقال المتحدث الأمني لوزارة الداخلية إن الجهات الأمنية باشرت التحقيق في التفجير الإرهابي.")
CONDEMNATION = ("{body} تدين التفجير الإرهابي الذي استهدف مسجد قوات الطوارئ في عسير",
                "أدانت {body} بشدة التفجير الإرهابي الذي استهدف مسجدا في مقر قوات الطوارئ الخاصة بمنطقة عسير، "
                "وأسفر عن مقتل وإصابة عدد من رجال الأمن أثناء أدائهم الصلاة، مؤكدة وقوفها مع المملكة في مواجهة "
                "الإرهاب. وقدمت {body} تعازيها لأسر الضحايا.")


def _text(title: str, text: str, outlet: str, day: str, **values):
    return pipeline.analyze(f"{title.format(**values)}\n\n{text.format(**values)}".encode(),
                            source=f"{outlet}-{title[:12]}-{day}.txt", outlet=outlet, published=day)


def test_condemnations_of_a_bombing_join_its_story_and_an_accident_elsewhere_does_not(tmp_path):
    """A story is a happening with its reactions: each condemnation is another happening (another body, other
    words) that placement opens a story for, and the affair fold puts it with the bombing."""
    docs = [_text(*BOMBING, outlet, "2015-08-07") for outlet in ("اليوم", "عكاظ", "الرياض", "الوطن")]
    docs += [_text(*CONDEMNATION, outlet, "2015-08-08", body=body)
             for outlet, body in (("سبق", "وزارة الخارجية البحرينية"), ("المدينة", "جامعة الدول العربية"))]
    docs.append(_accident("جازان", "صبيا", 5, 4, "الرياض", "2015-08-08", THIRD_TAKE))
    with SQLiteStore(tmp_path / "s.db") as store:
        stored(store, docs)
        stage.update(store)
        found = _stories(store)
        why = dict(store._run("SELECT doc_id, why FROM story_articles"))
    story = next(s for s in found if docs[0].id in s)
    assert {d.id for d in docs[:6]} <= story and docs[6].id not in story
    assert all(why[d.id] for d in docs)


@pytest.mark.parametrize("baseline, folds", [(9.0, True), (-9.0, False)])
def test_stories_opened_in_a_run_fold_into_a_larger_one_only_when_the_affair_model_says_so(baseline, folds):
    """Two accidents in one city on one day are two stories by placement; an affair model that always (never)
    says "one affair" folds the smaller into the larger (leaves them apart), and the placement says why."""
    from marsad.stories.affair import AffairModel
    from marsad.stories.assign import StoryBook, assign
    from marsad.stories.event import shipped_model
    docs = [_accident("الدمام", "الظهران", 3, 2, "اليوم", "2015-08-08"),
            _accident("الدمام", "الظهران", 3, 2, "عكاظ", "2015-08-08", SECOND_TAKE),
            _accident("الدمام", "الخبر", 7, 1, "الرياض", "2015-08-08", FOURTH_TAKE)]
    profiles = [profile(ArticleInput(d.id, d.title or "", d.body, d.published, d.outlet)) for d in docs]
    book = StoryBook([], shipped_model(), AffairModel(baseline, (((-1, 0.0, 0, 0, 0.0),),), 0.5))
    placed = assign(book, profiles, {}, {})
    stories = {p.story for p in placed}
    assert len(stories) == (1 if folds else 2)
    assert ("(one affair)" in placed[2].why) is folds


def test_the_affair_model_walks_its_trees_alike_one_row_or_many():
    from marsad.stories.affair import AFFAIR_FEATURES, AffairModel, shipped_affair_model
    model = shipped_affair_model()
    assert model is not None and model.trees
    again = AffairModel.from_json(json.loads(json.dumps(model.to_json())))
    rows = np.random.default_rng(0).random((30, len(AFFAIR_FEATURES)))
    many = again.scores(rows)
    assert all(abs(again.score(r) - p) < 1e-12 for r, p in zip(rows, many))
    assert 0.0 < many.min() and many.max() < 1.0


def test_a_place_spelled_several_ways_across_outlets_is_one_place_to_the_affair_fold():
    """SaudiNewsNet's outlets named the Abha mosque "مسجد قوات الطوارئ", "مسجد قوة الطوارئ الخاصة" and "مسجد
    الطوارئ": no one spelling was named by most articles of a story, so whole stories shared no place. The words
    of their places, weighted by rarity, are what they share; a mosque elsewhere shares little."""
    from marsad.stories.affair import _cosine
    from marsad.stories.profile import StoryProfile, entity_key

    def story(*places):
        s = StoryProfile()
        s.places.update(entity_key(p) for p in places)
        return s

    main = story("مسجد قوات الطوارئ", "مسجد قوات الطوارئ", "أبها", "مسجد قوات الطوارئ الخاصة")
    piece = story("مسجد قوة الطوارئ الخاصة", "أبها", "مسجد الطوارئ")
    other = story("المسجد الحرام", "مكة المكرمة")
    same, elsewhere = (_cosine(s.name_words("places"), main.name_words("places")) for s in (piece, other))
    assert same > 0.6 and elsewhere < 0.25


def _book_of(sizes: dict[str, int], stored_ids: set[str] = frozenset(), always: bool = True):
    """A StoryBook of stories named by `sizes` (that many identical accident articles each), those in `stored_ids`
    from an earlier run, and an affair model that says "one affair" always (or never) of two whole stories."""
    from marsad.stories.affair import AffairModel
    from marsad.stories.assign import StoryBook, StoryState
    from marsad.stories.event import shipped_model
    from marsad.stories.profile import StoryProfile
    doc = _accident("الدمام", "الظهران", 3, 2, "اليوم", "2015-08-08")
    a = profile(ArticleInput(doc.id, doc.title or "", doc.body, doc.published, doc.outlet))
    states = []
    for sid, n in sizes.items():
        p = StoryProfile()
        for _ in range(n):
            p.add(a)
        states.append(StoryState(sid, p, new=sid not in stored_ids))
    model = AffairModel(9.0 if always else -9.0, (((-1, 0.0, 0, 0, 0.0),),), 0.6)
    return StoryBook(states, shipped_model()), model


def _links(monkeypatch, links):
    from marsad.stories import assign as assign_module
    monkeypatch.setattr(assign_module.StoryBook, "_affair_links", lambda self, model: links)


def test_affair_links_chain_pieces_that_no_single_story_gathers(monkeypatch):
    """A bombing's pieces (a funeral, a condemnation, the bomber named) are each close to one or two others, not
    to one main story: links a-b and b-c make one story of the three, under the largest new story's id."""
    from marsad.stories.assign import final_story
    book, model = _book_of({"a": 1, "b": 2, "c": 4})
    _links(monkeypatch, [(0.95, "a", "b"), (0.93, "b", "c")])
    folded = book.fold_affairs(model)
    assert {final_story(folded, s) for s in "abc"} == {"c"} and set(book.stories) == {"c"}
    assert book.stories["c"].profile.n == 7


def test_a_new_story_linked_to_two_earlier_stories_never_merges_them(monkeypatch):
    """Stories of earlier runs keep their ids and articles until a repair: a new story joins the one it is most
    strongly linked to, and the other earlier story stays as it was."""
    book, model = _book_of({"old1": 4, "old2": 5, "new": 1}, stored_ids={"old1", "old2"})
    _links(monkeypatch, [(0.97, "new", "old1"), (0.95, "new", "old2")])
    assert book.fold_affairs(model) == {"new": "old1"}
    assert book.stories["old1"].profile.n == 5 and book.stories["old2"].profile.n == 5


def test_a_weak_link_between_stories_that_keep_their_ids_is_taken_as_scored(monkeypatch):
    """Only a link from a story already folded into another is checked on the grown stories: a first weak link
    joins as the model scored it, even if the model would say otherwise of the two whole stories."""
    book, model = _book_of({"a": 1, "b": 2}, always=False)
    _links(monkeypatch, [(0.7, "a", "b")])
    assert book.fold_affairs(model) == {"a": "b"}


@pytest.mark.parametrize("score, always, joined", [(0.7, False, False), (0.7, True, True), (0.95, False, True)])
def test_a_weak_link_from_a_folded_story_holds_only_if_the_grown_stories_are_one_affair(monkeypatch, score,
                                                                                         always, joined):
    """A chain of links can lead from one accident to another: a link under VERIFY_BELOW whose story was already
    folded into another is checked on the stories as they are now; a strong link is taken as it is."""
    from marsad.stories.assign import final_story
    book, model = _book_of({"a": 1, "b": 2, "c": 4}, always=always)
    _links(monkeypatch, [(0.99, "a", "b"), (score, "a", "c")])
    folded = book.fold_affairs(model)
    assert final_story(folded, "a") == ("c" if joined else "b") and ("b" in folded) is joined


def test_affair_links_are_scored_once_each_the_smaller_story_as_the_one_that_folds(demo_db, monkeypatch):
    """Each pair of a new story and a candidate is scored once, whichever of the two found the other (the model
    sees as many rows as there are distinct pairs), with the smaller story as the folding one (the way the model
    learned its pairs); the links come strongest first."""
    from dataclasses import replace

    from marsad.store import open_store
    from marsad.stories import assign as assign_module
    from marsad.stories.affair import shipped_affair_model
    from marsad.stories.event import shipped_model

    with open_store(demo_db) as store:
        inputs = story_inputs.read(store, store.corpus_documents(store.max_seq()))
    book = assign_module.StoryBook([], shipped_model())
    assign_module.assign(book, [profile(a) for a in inputs.articles], assign_module.copies(inputs.pairs), {})
    model = shipped_affair_model()
    rows = []
    scores = type(model).scores
    monkeypatch.setattr(type(model), "scores", lambda self, X: rows.append(len(X)) or scores(self, X))
    links = book._affair_links(model)
    scored = sum(rows)
    model_all = replace(model, threshold=0.0)
    every = book._affair_links(model_all)
    assert links and scored == len({frozenset((a, b)) for _, a, b in every}) == len(every)
    assert all(p >= model.threshold for p, _, _ in links) and [p for p, _, _ in links] == sorted(
        (p for p, _, _ in links), reverse=True)
    assert all((book.stories[a].profile.n, a) <= (book.stories[b].profile.n, b) for _, a, b in links)


def test_a_storys_profile_does_not_depend_on_the_processs_string_hashing():
    """A story keeps the STORY_KEYS speakers and numbers its articles give most; ties among them were kept in the
    order a Python set yields its strings, which changes with every process (PYTHONHASHSEED): the same store gave
    two sets of stories on two runs (a repair of 5,000 SaudiNewsNet articles: 1,139 profiles and two placements
    differed). Two processes with different seeds now write the same profile."""
    import os
    import subprocess
    import sys

    code = ("import json\n"
            "from marsad.stories.profile import ArticleInput, StoryProfile, profile\n"
            "s = StoryProfile()\n"
            "for k in range(3):\n"
            "    speakers = [f'المتحدث رقم {i} {j}' for i in range(30) for j in ('أ', 'ب')]\n"
            "    body = 'أعلنت الوزارة ' + ' '.join(str(100 + 7 * i + k) for i in range(60))\n"
            "    s.add(profile(ArticleInput(f'a{k}', 'خبر', body, '2024-03-01', 'واس', speakers=speakers)))\n"
            "print(json.dumps(s.to_json(), ensure_ascii=False, sort_keys=True))\n")
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(outs) == 1
    kept = json.loads(outs.pop())
    assert len(kept["speakers"]) == 40 and len(kept["numbers"]) == 40


def test_what_most_of_a_story_names_is_asked_again_after_the_story_grows():
    """The places and people most of a story's articles name are kept between comparisons (every article compared
    with the story asks); an article that joins must change them: two accidents in جازان, then two in نجران."""
    from marsad.stories.event import FEATURES, features
    from marsad.stories.profile import StoryProfile

    def article(i: str, city: str):
        return profile(ArticleInput(i, f"حادث سير في {city}", f"وقع حادث سير في {city} صباح اليوم.", "2015-08-08",
                                    "الرياض", entities=[("LOC", city), ("PER", f"مدير مرور {city}")]))

    s = StoryProfile()
    for i in ("a", "b"):
        s.add(article(i, "جازان"))
    before = features(article("c", "نجران"), s)
    assert s.frequent("places") == {"جازان"}
    for i in ("c", "d", "e"):
        s.add(article(i, "نجران"))
    assert s.frequent("places") == {"نجران"} and s.usual_actor_weights()[0].keys() == {"مدير مرور نجران"}
    after = features(article("f", "نجران"), s)
    conflict = FEATURES.index("places_conflict")
    assert before[conflict] == 1.0 and after[conflict] == 0.0


@pytest.mark.parametrize("enabled", [True, False])
def test_the_stories_stage_gives_the_cycle_collector_back_as_it_found_it(enabled):
    """Placement runs with the collector paused (millions of small objects, none in a cycle); after it, even after
    an error, the collector is on again exactly when it was on before."""
    import gc

    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        with pytest.raises(RuntimeError):
            with stage._collector_paused():
                assert not gc.isenabled()
                raise RuntimeError("a bad batch")
        assert gc.isenabled() is enabled and not gc.get_freeze_count()
    finally:
        (gc.enable if was else gc.disable)()


def test_the_stories_stage_leaves_what_the_process_froze_frozen():
    """A server may freeze its objects before it forks; the stage's pause must not thaw them."""
    import gc

    keep = [{"frozen": True} for _ in range(10)]
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with stage._collector_paused():
            made = [{"made": i} for i in range(1000)]
        assert gc.get_freeze_count() == frozen and keep and made
    finally:
        gc.unfreeze()


def test_the_heaviest_keys_of_a_vector_come_in_the_order_a_full_sort_gives():
    """The index looks stories up by their heaviest words and keeps the best candidates with a partial sort; ties
    in weight go by key, as the full sort they replace did, so placements do not change."""
    import heapq
    import random

    from marsad.stories.profile import heaviest_first

    rng = random.Random(3)
    vector = {f"كلمة{i}": rng.choice([0.1, 0.2, 0.25, 0.5]) for i in range(300)}
    full = sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))
    for k in (1, 12, 30, 299, 400):
        assert heapq.nsmallest(k, vector.items(), key=heaviest_first) == full[:k]


EID = ("{body} تقيم حفل معايدة لمنسوبيها",
       "أقامت {body} حفل معايدة لمنسوبيها بمناسبة عيد الفطر المبارك في مقرها بالرياض، بحضور {head} الذي نقل "
       "للحضور تهنئة القيادة، وتبادل المسؤولون والموظفون التهاني بهذه المناسبة السعيدة.")


def _eid_story(body: str, head: str, n: int = 2, also: tuple[str, ...] = ()):
    """A story of `n` articles on one body's Eid reception, naming its head (and `also`, in its last article)."""
    from marsad.stories.profile import StoryProfile
    p = StoryProfile()
    for k in range(n):
        title, text = (t.format(body=body, head=head) for t in EID)
        names = [("ORG", body), ("PER", head)] + [("ORG", x) for x in also if k == n - 1]
        p.add(profile(ArticleInput(f"{body}-{k}", title, text, "2015-07-23", "واس", entities=names)))
    return p


def test_two_bodies_eid_receptions_are_stories_of_other_actors_and_a_reaction_naming_one_is_not():
    """Same kind, other actors: each ministry's Eid reception is its own affair; a story that names the other's
    body somewhere (a condemnation names what it condemns) may still be one affair with it."""
    from marsad.stories.assign import other_affair_actors
    interior = _eid_story("وزارة الداخلية", "وكيل وزارة الداخلية أحمد السالم")
    health = _eid_story("وزارة الصحة", "خالد الفالح", n=3)
    assert other_affair_actors(interior, health) and other_affair_actors(health, interior)
    naming = _eid_story("وزارة الصحة", "خالد الفالح", also=("وزارة الداخلية",))
    assert not other_affair_actors(interior, naming) and not other_affair_actors(naming, interior)
    assert not other_affair_actors(interior, _eid_story("وزارة الداخلية", "وكيل وزارة الداخلية أحمد السالم"))


@pytest.mark.parametrize("rule, joined", [(True, False), (False, True)])
def test_a_strong_affair_link_never_joins_stories_of_other_actors(monkeypatch, rule, joined):
    """The affair model, learned on days one bombing filled, scored ministries' Eid receptions one affair (0.63 to
    0.93 on 23 July 2015): whatever the score, stories of other actors stay apart."""
    from marsad.stories import assign as assign_module
    from marsad.stories.affair import AffairModel
    from marsad.stories.assign import StoryBook, StoryState
    from marsad.stories.event import shipped_model
    monkeypatch.setattr(assign_module, "OTHER_AFFAIR_ACTORS", rule)
    states = [StoryState("interior", _eid_story("وزارة الداخلية", "وكيل وزارة الداخلية أحمد السالم"), new=True),
              StoryState("health", _eid_story("وزارة الصحة", "خالد الفالح", n=3), new=True)]
    book = StoryBook(states, shipped_model())
    _links(monkeypatch, [(0.93, "interior", "health")])
    folded = book.fold_affairs(AffairModel(9.0, (((-1, 0.0, 0, 0, 0.0),),), 0.6))
    assert (folded == {"interior": "health"}) is joined


def test_a_text_printed_again_months_later_is_placed_alike_by_a_run_and_by_a_repair(tmp_path):
    """A run holds only the stories of its batch's days, a repair every story: the copy rule read the original's
    story whenever the book held it, so a repair put a text printed again 405 days later with its original
    (5,000 such copies over a 10,000-article store: 5,693 stories after a repair, 8,801 incrementally), and a run
    did so only when the same batch held articles of the original's days. Now a copy joins its partner's story
    within a month (a print paper's late run of a release, two leads dated apart), and a run reads that story."""
    from marsad.corpus import STAGES

    def printed(outlet: str, day: str, credit: str):
        title, body = (t.format(place="الدمام", road="الظهران", n=3, hurt=2) for t in ACCIDENT)
        return pipeline.analyze(f"{title}\n\n{credit}\n{body}".encode(), source=f"{outlet}.txt", outlet=outlet,
                                published=day)

    original = printed("اليوم", "2015-08-08", "الدمام - واس")
    again = printed("عكاظ", "2016-09-16", "عكاظ - الدمام")
    soon = printed("الرياض", "2015-08-09", "الرياض - الدمام")
    late = printed("المدينة", "2015-08-21", "المدينة - الدمام")           # 13 days on, alone in its batch
    duplicates = next(s for s in STAGES if s.name == "duplicates")
    with SQLiteStore(tmp_path / "s.db") as store:
        for batch in ([original], [again, soon], [late]):
            stored(store, batch)
            duplicates.run(store, False)
            stage.update(store)
        incremental = sorted(map(sorted, _stories(store)))
        why = dict(store._run("SELECT doc_id, why FROM story_articles"))
        stage.repair(store)
        assert sorted(map(sorted, _stories(store))) == incremental
    assert incremental == sorted([sorted([original.id, soon.id, late.id]), [again.id]])
    assert why[soon.id].startswith("copy of") and why[late.id].startswith("copy of")
    assert why[again.id].startswith("opened")


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text("ابتثجحد", min_size=1, max_size=4),
                       st.sampled_from([0.25, 0.5, 1.0]) | st.floats(0.0, 1.0), max_size=200),
       st.one_of(st.none(), st.integers(1, 80)),
       st.dictionaries(st.text("ابتثجحد", min_size=1, max_size=4), st.floats(0.0, 1.0), max_size=300))
def test_the_fast_top_k_and_dot_product_give_what_the_plain_ones_gave(weights, k, other):
    """Placement ranks and compares thousands of sparse vectors a batch: the faster top-k and dot product must
    give the same entries in the same order (ties by key) and the same float, bit for bit, or stories change."""
    from operator import mul
    from marsad.stories.profile import dot, heaviest_first, top_items
    assert top_items(weights, k) == sorted(weights.items(), key=heaviest_first)[:k]
    assert dot(weights, other) == sum(map(mul, weights.values(), (other.get(t, 0.0) for t in weights)))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(-1.0, 1.0), min_size=1, max_size=100).flatmap(
    lambda a: st.tuples(st.just(a), st.lists(st.floats(-3.0, 3.0), min_size=len(a), max_size=len(a)))))
def test_the_dense_cosine_over_arrays_is_the_plain_sum_of_products(vectors):
    """Placement takes two dense cosines a comparison: over arrays of doubles numpy multiplies and adds (in
    another order than Python's sum, so to the last bits only); lists still take the plain sum."""
    from array import array
    from operator import mul
    from marsad.stories.dense import cosine
    a, b = vectors
    plain = sum(map(mul, a, b)) / 2.0
    assert cosine(array("d", a), array("d", b), 2.0) == pytest.approx(plain, rel=1e-12, abs=1e-12)
    assert cosine(a, b, 2.0) == plain and cosine(array("d"), array("d", b)) == 0.0


def test_an_article_is_compared_with_the_stories_sharing_most_index_weight_with_it():
    """The stories an article is compared with are those of its days whose shared heaviest words, people, bodies
    and places weigh most (a word its weight, a name 0.5, a place 0.3), heaviest first."""
    import random
    from array import array
    from marsad.stories.assign import StoryBook, StoryState, _article_keys
    from marsad.stories.event import shipped_model
    from marsad.stories.profile import ArticleProfile, StoryProfile

    def article(i: str, day: int, words: dict, actors: list, places: list) -> ArticleProfile:
        return ArticleProfile(i, day, day, None, words, {}, {}, {}, array("d"), array("d"),
                              {a: 5.0 for a in actors}, {p: 5.0 for p in places}, set(), set())

    rng = random.Random(7)
    words = {f"كلمة{k}": rng.random() for k in range(20)}
    actors = [f"وزارة {k}" for k in range(6)]
    places = ["الرياض", "جدة", "السعودية", "مكة المكرمة", "الطائف", "أبها"]
    states = []
    for k in range(60):
        mine = dict(rng.sample(sorted(words.items()), rng.randint(0, 8)))
        p = StoryProfile()
        p.add(article(f"a{k}", 735800 + rng.choice([0, 1, 2, 9]), mine, rng.sample(actors, rng.randint(0, 4)),
                      rng.sample(places, rng.randint(0, 5))))
        states.append(StoryState(f"s-{k:02d}", p))
    book = StoryBook(states, shipped_model())
    a = article("new", 735801, words, actors, places)
    near = {s.id for s in states if any(abs(d - a.day) <= 4 for d in s.profile.days)}
    weight = Counter()
    for key, w in _article_keys(a):
        for sid in book.postings.get(key, ()):
            weight[sid] += w
    found = [s.id for s in book.candidates(a, 10)]
    rest = [weight[sid] for sid in near - set(found)]
    assert len(found) == 10 and set(found) <= near
    assert min(weight[sid] for sid in found) >= max(rest) - 1e-9
    assert all(weight[x] >= weight[y] - 1e-9 for x, y in zip(found, found[1:]))


def test_a_story_read_back_is_filed_by_its_lookup_and_parsed_only_when_read(tmp_path):
    """A run reads the stories of its batch's days with their lookup (index keys and days) and parses a profile
    only when the story is compared: the book must file such a story exactly as it files the parsed one."""
    import orjson
    from marsad.stories.assign import StoryBook, StoryState
    from marsad.stories.event import shipped_model
    from marsad.stories.profile import StoryProfile
    docs = [_accident("الدمام", "الظهران", 3, 2, "اليوم", "2015-08-08"),
            _accident("جازان", "صبيا", 5, 4, "الرياض", "2015-08-08", THIRD_TAKE),
            _accident("تبوك", "المدينة المنورة", 2, 7, "المدينة", "2015-08-09", FOURTH_TAKE)]
    with SQLiteStore(tmp_path / "s.db") as store:
        stored(store, docs)
        stage.update(store)
        read = store.story_states(0, 10**7)
    assert len(read) == 3 and all(s.profile is None and s.raw and s.lookup for s in read)
    lazy = [StoryState.stored(s.id, s.raw, s.lookup, None) for s in read]
    parsed = [StoryState(s.id, StoryProfile.from_json(orjson.loads(s.raw))) for s in read]
    books = [StoryBook(states, shipped_model()) for states in (lazy, parsed)]
    assert books[0].postings == books[1].postings and books[0].by_day == books[1].by_day
    assert all(s._raw is not None for s in lazy)                  # filed without parsing
    assert [set(s.actor_names()) for s in lazy] == [set(s.profile.actors) for s in parsed]
    other = profile(ArticleInput("x", "هيئة الأرصاد تتوقع أمطارا على جازان", "توقعت هيئة الأرصاد أمطارا غزيرة.",
                                 "2015-08-08", "اليوم", entities=[("ORG", "هيئة الأرصاد وحماية البيئة")]))
    assert books[0]._best(other, lazy, {}) == (None, books[0].model.threshold)
    assert all(s._raw is not None for s in lazy if s.actor_names())       # refused as other actors, unparsed
    assert [s.profile.to_json() for s in lazy] == [s.profile.to_json() for s in parsed]


def test_a_stored_storys_profile_is_read_back_with_shared_words_and_the_same_values(tmp_path):
    """A batch parses the profiles of thousands of stories of its days: their words are interned (one string for
    each word across profiles) and their vectors are arrays of doubles, and every comparison reads what the plain
    parse gave, bit for bit."""
    import sys
    from array import array
    import orjson
    from marsad.stories.event import features
    from marsad.stories.profile import StoryProfile, profile
    docs = [_accident("الدمام", "الظهران", 3, 2, "اليوم", "2015-08-08"),
            _accident("جازان", "صبيا", 5, 4, "الرياض", "2015-08-08", THIRD_TAKE)]
    with SQLiteStore(tmp_path / "s.db") as store:
        stored(store, docs)
        stage.update(store)
        data = [orjson.loads(s.raw) for s in store.story_states(0, 10**7)]
        article = profile(story_inputs.read(store, store.corpus_documents(store.max_seq())).articles[0])
    for d in data:
        read = StoryProfile.from_json(d)
        plain = StoryProfile(d["n"], dict(d["terms"]), dict(d["title"]), dict(d["lead"]), dict(d["chars"]),
                             array("d", d["dense"]), array("d", d["title_dense"]), Counter(d["actors"]),
                             Counter(d["places"]),
                             Counter(d["numbers"]), Counter(d["speakers"]),
                             Counter({int(k): v for k, v in d["days"].items()}), Counter(d["outlets"]))
        assert all(k is sys.intern(k) for name in ("terms", "title", "lead", "chars") for k in getattr(read, name))
        assert isinstance(read.dense, array) and list(read.dense) == d["dense"]
        assert read.to_json() == plain.to_json() == d
        assert features(article, read).tolist() == features(article, plain).tolist()


def test_the_per_word_caches_the_profiles_filled_are_let_go_before_placement(tmp_path):
    """Each word's vector row, weight and letter 4-grams are remembered while the batch's profiles are made and
    not read again: a pass over 5,000 articles held 60 MB of them beside the stories of its days."""
    from marsad.stories import dense
    from marsad.stories import profile as story_profile
    with SQLiteStore(tmp_path / "s.db") as store:
        stored(store, [_accident("الدمام", "الظهران", 3, 2, "اليوم", "2015-08-08")])
        run = stage.assignment(store)
    assert run.placements and not dense._KNOWN and not story_profile._WORD_GRAMS
