"""Title-only references ("قال ولي العهد") that their article leaves open, resolved across the corpus to the man
the news names with that role in those weeks (entities/roles.py, entities/linking.RoleHolders)."""

from __future__ import annotations

from marsad import analyze
from marsad.corpus import rebuild
from marsad.entities.linking import link
from marsad.entities.roles import parse_role_name, role_name, title_roles
from marsad.pipeline import entity_id, make_document, process
from marsad.store import open_store
from marsad.store.base import Filters

from .conftest import stored

HEIR = ("ولي", "العهد")


def test_a_title_holds_the_roles_it_opens_with_and_not_a_role_it_governs():
    assert title_roles("ولي العهد صاحب السمو الملكي الأمير") == [HEIR]
    assert title_roles("ولي العهد نائب رئيس مجلس الوزراء الأمير") == [HEIR]
    assert title_roles("مستشار خادم الحرمين الشريفين الدكتور") == []          # the King's adviser
    assert title_roles("ولي العهد تحيات خادم الحرمين الشريفين الملك") == []    # the heir brought the King's greetings
    assert title_roles("ولي العهد آنذاك الأمير") == []                         # who held it once
    # a title cut after the deputy's word: "وولي ولي العهد الأمير محمد بن سلمان" is the deputy heir
    assert title_roles("ولي العهد الأمير", "العزيز، وولي ") == [("ولي", "ولي", "العهد")]
    assert title_roles("ولي العهد الأمير", "واستقبل ") == [HEIR]


def _rows(*names: tuple[str, str, int]) -> list[tuple[str, str, str, int]]:
    return [(local, "PER", canonical, n) for local, canonical, n in names]


def test_an_open_role_goes_to_the_man_who_held_it_that_month_and_no_one_else():
    rows = _rows(("mbn", "محمد بن نايف", 9), ("muqrin", "مقرن بن عبدالعزيز", 4),
                 ("aug", role_name(HEIR, "2015-08"), 5), ("feb", role_name(HEIR, "2015-02"), 3),
                 ("dec", role_name(HEIR, "2015-12"), 2), ("fm", role_name(("وزير", "الخارجيه"), "2015-08"), 2),
                 ("oct", role_name(HEIR, "2015-10"), 2), ("bahrain", "سلمان بن حمد آل خليفة", 3),
                 ("lavrov", "سيرغي لافروف", 3), ("jubeir", "عادل الجبير", 3))
    holders = [("محمد بن نايف", "ولي العهد الأمير", "", "2015-07", 3), ("محمد بن نايف", "ولي العهد", "", "2015-08", 2),
               ("مقرن بن عبدالعزيز", "ولي العهد الأمير", "", "2015-02", 3),
               ("مقرن بن عبدالعزيز", "ولي العهد آنذاك الأمير", "", "2015-08", 1),        # former: no evidence
               ("محمد بن نايف", "ولي العهد", "", "2015-10", 3),
               ("سلمان بن حمد آل خليفة", "ولي العهد", "", "2015-10", 3),
               ("عادل الجبير", "وزير الخارجية", "", "2015-08", 5),
               ("سيرغي لافروف", "وزير الخارجية", "", "2015-08", 3)]
    out = link(rows, entity_id, holders)
    assert out["aug"][0] == out["mbn"][0] and out["aug"][1] == "محمد بن نايف"
    assert out["feb"][0] == out["muqrin"][0]                  # the heir of February 2015 was Muqrin
    assert out["dec"][0] is None                              # no one named as the heir in Nov-Jan
    assert out["oct"][0] is None                              # two heirs named as much: which one?
    assert out["fm"][0] is None                               # a minister with no country is his article's
    assert out["mbn"][1] == "محمد بن نايف"                     # a role is no spelling of its holder's name


def test_role_names_are_told_from_names():
    assert parse_role_name(role_name(HEIR, "2015-08")) == (HEIR, "2015-08")
    assert parse_role_name(role_name(HEIR)) == (HEIR, None)
    assert parse_role_name("محمد بن نايف") is None


def _doc(text: str, day: str, outlet: str):
    return process(make_document(text.encode(), source=f"{outlet}-{day}.txt", published=day, outlet=outlet))


def test_a_statement_of_the_heir_named_by_his_role_alone_is_his_across_the_corpus(store_url):
    docs = [_doc("استقبل ولي العهد صاحب السمو الملكي الأمير محمد بن نايف بن عبدالعزيز في مكتبه بجدة اليوم "
                 "وزير الدفاع الفرنسي، وبحث معه العلاقات الثنائية.", "2015-08-02", "spa"),
            _doc("رعى ولي العهد الأمير محمد بن نايف حفل تخريج الدفعة الجديدة من طلاب كلية الملك فهد الأمنية.",
                 "2015-08-05", "spa"),
            _doc("وصل ولي العهد الأمير محمد بن نايف إلى الطائف مساء أمس في زيارة رسمية.", "2015-08-06", "okaz"),
            _doc("وقال ولي العهد في كلمته إن المملكة ماضية في حربها على الإرهاب.", "2015-08-09", "okaz"),
            _doc("وقال ولي العهد في كلمته إن المملكة ماضية في تطوير التعليم.", "2011-03-09", "okaz")]
    with open_store(store_url) as store:
        stored(store, docs)
        rebuild(store)
        heir = next(e for e in store.entities(type_="PER").items if e.canonical.startswith("محمد بن نايف"))
        said = {q.content: q for q in store.quotes(Filters(), limit=20).items}
    recent = next(q for c, q in said.items() if "الإرهاب" in c)
    old = next(q for c, q in said.items() if "التعليم" in c)
    assert recent.speaker_entity_id == heir.entity_id and recent.speaker == "محمد بن نايف"
    assert old.speaker_entity_id is None and old.speaker == "ولي العهد"    # 2011: no heir named then


def test_a_role_right_before_or_after_a_named_man_is_his_title_not_a_reference():
    text = ("قال وزير الشباب والرياضة عماد الكعبي إن الفوز رسالة. وفي أول تعليق له، قال المهندس شريف الجمال، "
            "وزير البترول والثروة المعدنية، إن القرار لم يكن سهلا. وأضاف وزير البترول أن الدعم مستمر.")
    refs = [(e.name, e.canonical) for e in analyze(text).entities if e.rule == "title_ref"]
    assert refs == [("وزير البترول", "شريف الجمال")]      # the apposition made him the article's oil minister


def test_an_organization_with_and_without_its_only_countrys_adjective_is_one():
    rows = [("a", "ORG", "حكومة الوفاق الوطني", 8), ("b", "ORG", "حكومة الوفاق الوطني الليبية", 2),
            ("c", "ORG", "وزارة الخارجية", 5), ("d", "ORG", "وزارة الخارجية الروسية", 4),
            ("e", "ORG", "المجلس الأعلى للدولة", 3), ("f", "ORG", "المجلس الأعلى للدولة الليبي", 1),
            ("g", "ORG", "المجلس الأعلى للدولة التونسي", 1)]
    out = link(rows, entity_id)
    assert out["a"] == out["b"] and out["a"][1] == "حكومة الوفاق الوطني"
    assert out["c"][0] != out["d"][0]                  # "the foreign ministry" is every country's
    assert len({out[k][0] for k in "efg"}) == 3        # a name two countries have stays apart


def test_a_nationality_adjective_is_no_organization_and_an_institution_sits_where_it_convenes():
    ents = analyze("توافق تركي-إيطالي: ذكرت وزارة الدفاع التركية أن الوزيرين بحثا الأزمة. وقال لافروف إنه تحدث "
                   "مع رئيس مجلس النواب المنعقد في طبرق عقيلة صالح.").entities
    orgs = {e.canonical for e in ents if e.type == "ORG"}
    assert "إيطالي" not in orgs and "تركي" not in orgs
    assert "مجلس النواب الليبي" in orgs                 # Tobruk's, not Turkey's though the text is Turkish news


def test_a_titles_head_alone_is_the_one_man_of_the_article_with_that_title():
    text = ("قال المهندس شريف الجمال، وزير البترول والثروة المعدنية، إن القرار لم يكن سهلا. وأضاف الوزير أن الدعم "
            "مستمر. وقال الرئيس التنفيذي للشركة إن الأرباح ارتفعت. وأكد المدرب الصربي دراغان أن الفريق جاهز، "
            "وقال المدرب إن المباراة صعبة.")
    refs = [(e.name, e.canonical) for e in analyze(text).entities if e.rule == "title_ref"]
    assert refs == [("الوزير", "شريف الجمال"), ("المدرب", "دراغان")]    # no chief executive is named
    two = analyze("واجتمع وزير الطاقة خالد الفالح مع وزير الخارجية عادل الجبير في الرياض. وقال الوزير إن "
                  "المباحثات مثمرة.").entities
    assert not [e for e in two if e.rule == "title_ref"]                   # two ministers: which one?
