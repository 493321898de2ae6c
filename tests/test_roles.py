"""Title-only references ("قال ولي العهد") that their article leaves open, resolved across the corpus to the man
the news names with that role in those weeks (entities/roles.py, entities/linking.RoleHolders)."""

from __future__ import annotations

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
                 ("lavrov", "سيرغي لافروف", 3), ("jubeir", "عادل الجبير", 3))
    holders = [("محمد بن نايف", "ولي العهد الأمير", "", "2015-07", 3), ("محمد بن نايف", "ولي العهد", "", "2015-08", 2),
               ("مقرن بن عبدالعزيز", "ولي العهد الأمير", "", "2015-02", 3),
               ("مقرن بن عبدالعزيز", "ولي العهد آنذاك الأمير", "", "2015-08", 1),        # former: no evidence
               ("عادل الجبير", "وزير الخارجية", "", "2015-08", 3),
               ("سيرغي لافروف", "وزير الخارجية", "", "2015-08", 3)]
    out = link(rows, entity_id, holders)
    assert out["aug"][0] == out["mbn"][0] and out["aug"][1] == "محمد بن نايف"
    assert out["feb"][0] == out["muqrin"][0]                  # the heir of February 2015 was Muqrin
    assert out["dec"][0] is None                              # no one named as the heir in Nov-Jan
    assert out["fm"][0] is None                               # two foreign ministers: the role stays open
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
