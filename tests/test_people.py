"""People in Gulf and Arab news: name structure, linking by compatible parts, names inside other names.

Arabic sentences are written for these tests in the style of Saudi news (SPA) and wire copy."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from marsad import analyze
from marsad.clean.templates import strip_lines, tail_keys
from marsad.document import Line
from marsad.entities.linking import link
from marsad.entities.person_name import compatible, fuller, parse
from marsad.entities.roles import role_name
from marsad.pipeline import entity_id

ROOT = Path(__file__).resolve().parents[1]
SNN = ROOT.parent / "shared" / "data" / "saudinewsnet" / "articles.jsonl.gz"


def test_a_name_is_parsed_into_given_nasab_and_family():
    king = parse("سلمان بن عبد العزيز آل سعود")
    assert (king.given, king.nasab, king.family) == ("سلمان", (parse("عبدالعزيز").given,), "ال سعود")
    assert parse("سلمان بن عبدالعزيز") == parse("سلمان بن عبد العزيز")     # a compound written apart or not
    assert parse("علي عبدالله صالح").family == parse("صالح").given            # a middle name, no بن: a surname
    assert parse("زين العابدين بن علي").nasab == (parse("علي").given,)
    assert parse("الجبير").family_only and parse("بن علي").family_only
    assert parse("أبو بكر البغدادي").kunya is not None
    assert parse("فهد").given_only and parse("عبدالرحمن").given_only


def test_a_son_and_his_father_are_never_one_person():
    son, king = parse("محمد بن سلمان"), parse("سلمان بن عبدالعزيز")
    assert not compatible(son, king)
    assert fuller(son, parse("محمد بن سلمان بن عبدالعزيز آل سعود"))
    assert not fuller(parse("سلمان"), son)                  # "سلمان" is the son's father's name, not his
    assert compatible(parse("الفيصل"), parse("سعود الفيصل"))


def _people(text: str) -> list[tuple[str, str | None, str]]:
    return [(e.name, e.title, e.canonical) for e in analyze(text).entities if e.type == "PER"]


def test_a_bare_given_name_resolves_only_to_the_one_person_its_article_names():
    text = ("استقبل خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود في جدة اليوم الأمير محمد بن نايف "
            "والأمير محمد بن سلمان. وقال الملك سلمان إن المملكة ماضية في دعم اليمن. وأشار الأمير محمد إلى ذلك.")
    people = _people(text)
    assert any(p[0] == "سلمان بن عبدالعزيز آل سعود" and p[1].endswith("الملك") for p in people)
    titled = [p for p in people if p[0] == "سلمان"]
    assert titled and titled[0][1] == "الملك" and titled[0][2].startswith("سلمان بن عبد")
    # two princes named محمد in the article: "الأمير محمد" is either, so neither
    assert ("محمد", "الأمير", "محمد") in people


def test_a_father_named_in_a_chain_is_no_mention_of_his_own():
    people = _people("وأكد ولي ولي العهد الأمير محمد بن سلمان بن عبدالعزيز أن الخطة ماضية.")
    assert [p[0] for p in people] == ["محمد بن سلمان بن عبدالعزيز"]
    people = _people("واعتمد مدير الجامعة الدكتور جديع بن نهار القحطاني الخطة الجديدة.")
    assert [p[0] for p in people] == ["جديع بن نهار القحطاني"]


def test_names_inside_institutions_and_places_are_not_people():
    text = ("نظمت مدينة سلطان بن عبدالعزيز للخدمات الإنسانية حفلا في مطار الملك عبدالعزيز الدولي بالتعاون مع "
            "دارة الملك عبدالعزيز وجامعة الملك سعود.")
    assert _people(text) == []
    places = [e.name for e in analyze(text).entities if e.type in ("LOC", "ORG")]
    assert any(p.startswith("مطار الملك عبدالعزيز") for p in places)


def test_two_coordinated_people_are_two_mentions():
    names = [p[0] for p in _people("وغاب عن تدريبات ريال مدريد كل من بيبي وكريم بنزيمه بسبب الإصابة.")]
    assert "كريم بنزيمه" in names and not any(" و" in n for n in names)


def test_corpus_linking_never_joins_a_son_to_his_father_and_keeps_bare_given_names_unresolved():
    rows = [("a", "PER", "محمد بن سلمان بن عبدالعزيز آل سعود", 40), ("b", "PER", "محمد بن سلمان", 90),
            ("c", "PER", "سلمان", 30), ("d", "PER", "سلمان بن عبدالعزيز", 120), ("e", "PER", "عبدالعزيز", 25),
            ("f", "PER", "سيرغي لافروف", 10), ("g", "PER", "لافروف", 12), ("h", "PER", "فهد", 20),
            ("i", "PER", "الجبير", 7), ("j", "PER", "عادل الجبير", 9)]
    out = link(rows, entity_id)
    assert out["b"][0] == out["a"][0] != out["d"][0]          # the short form is the prince, not the King
    assert out["c"][0] is None and out["e"][0] is None and out["h"][0] is None
    assert out["g"][0] == out["f"][0] and out["i"][0] == out["j"][0]
    assert out["b"][1] == "محمد بن سلمان"                    # the most used full spelling names the entity


def test_linking_names_an_entity_by_its_first_counted_spelling_among_equals_and_counts_parts_once():
    """Linking picks a name's most common spelling without `Counter.most_common` now (`_top`): among equal counts
    the first counted still wins, as it did. A name's parts are counted when it is parsed; equality ignores it."""
    rows = [("a", "PER", "سيرجي لافروف", 5), ("b", "PER", "سيرغي لافروف", 5), ("c", "PER", "لافروف", 2)]
    out = link(rows, entity_id)
    assert out["a"] == out["b"] == out["c"] and out["a"][1] == "سيرجي لافروف"
    out = link(rows[1::-1] + rows[2:], entity_id)
    assert out["a"][1] == "سيرغي لافروف"
    p = parse("محمد بن سلمان بن عبدالعزيز")
    assert p.parts == 3 and parse("محمد").parts == 1 and p == type(p)(p.given, p.nasab, p.family, p.kunya, p.with_bin)


def test_an_outlets_tail_phrase_with_a_changing_title_is_cut_once_learned():
    body = ("أعلنت الشركة نتائجها للربع الثاني بارتفاع في الأرباح بلغ عشرة في المئة.\n"
            "وقال الرئيس التنفيذي إن النمو سيستمر. رابط الخبر بصحيفة الوئام: الشركة تعلن نتائجها")
    keys = dict(tail_keys(body.split("\n")[1]))
    boiler = frozenset(k for k, at in keys.items() if body.split("\n")[1][at:].startswith("رابط"))
    lines = [Line(1, "body", body.split("\n")[0]), Line(2, "body", body.split("\n")[1])]
    new_body, _, after = strip_lines(lines, body, boiler)
    assert new_body.endswith("إن النمو سيستمر.") and after[0].startswith("رابط الخبر")
    # a phrase that would take the article with it stays
    short = "رابط الخبر بصحيفة الوئام: الشركة تعلن نتائجها للربع الثاني"
    assert strip_lines([Line(1, "body", short)], short, frozenset(k for k, _ in tail_keys(short))) is None


@pytest.mark.skipif(not SNN.exists(), reason="SaudiNewsNet is read from ../shared/data")
def test_people_on_hand_annotated_saudi_news_do_not_drop(tmp_path):
    """benchmarks/people.py on the hand-annotated articles alone: floors a little under the measured figures."""
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "people.py"), "--context", "0", "--json",
                          "--work", str(tmp_path)], capture_output=True, text=True, check=True)
    report = json.loads(out.stdout)
    for part, floor in FLOOR_F1.items():
        assert report[part]["f1"] >= floor, (part, report[part]["f1"])
        assert report[part]["bcubed_f1"] >= FLOOR_BCUBED, (part, report[part]["bcubed_f1"])


# measured 2026-12-07 (ninth session, --context 0): tuning 0.945 (106 articles), seen_held_out 0.997 (44), fourth
# 0.968, fifth 0.936, eighth 0.947, ninth 0.954, tenth 0.964 (48 each), eleventh and twelfth 0.937 (96), fifteenth
# and sixteenth 0.934 (95), seventeenth and eighteenth 0.913 (96), held out 0.908 and 0.882 (96 each). Linking
# BCubed 0.961 to 1.0: the 191 articles of the new draws share people with the held-out parts, and a short name
# two people of the store could carry stays unlinked (a split), so held_out_2's fell from 0.983 to 0.961 with
# the code before them too (0.964)
# Tenth session (2026-12-07, --context 0): eighth 0.950, ninth 0.959, seventeenth and eighteenth 0.919, held out
# 0.917 and 0.888, both together 0.901 (the bar, 0.90: the floor is the bar itself, so a change that takes
# the held-out parts under it fails here), the others as above; linking 0.962 to 1.0
FLOOR_F1 = {"tuning": 0.925, "seen_held_out": 0.975, "fourth": 0.945, "fifth": 0.91, "eighth": 0.93, "ninth": 0.935,
            "tenth": 0.94, "eleventh_twelfth": 0.915, "fifteenth_sixteenth": 0.91, "seventeenth_eighteenth": 0.90,
            "held_out": 0.90, "held_out_2": 0.87, "held_out_all": 0.90}
FLOOR_BCUBED = 0.95


def test_a_title_alone_resolves_to_the_one_person_the_article_names_with_it():
    text = ("استقبل وزير الداخلية الأمير محمد بن نايف في الرياض اليوم ولي ولي العهد الأمير محمد بن سلمان. "
            "وأضاف وزير الداخلية أن الأمن مستتب. وأكد ولي ولي العهد ذلك. وقال وزير الخارجية الروسي إن موسكو ترحب.")
    refs = {e.name: e.canonical for e in analyze(text).entities if e.rule == "title_ref"}
    # no Russian minister named: his role is left open for corpus linking, dated with the article (none here)
    assert refs == {"وزير الداخلية": "محمد بن نايف", "ولي ولي العهد": "محمد بن سلمان",
                    "وزير الخارجية الروسي": role_name(("وزير", "الخارجيه", "الروسي"))}


def test_a_son_named_with_his_father_is_the_son():
    """The King's name inside his son's nasab is no mention of the King (the gazetteer knows the King)."""
    people = _people("ووصف صاحب السمو الملكي الأمير سلطان بن سلمان بن عبدالعزيز رئيس الهيئة العامة للسياحة "
                     "والتراث الوطني التسجيل بأنه مهم.")
    assert [p[0] for p in people] == ["سلطان بن سلمان بن عبدالعزيز"]


def test_a_citizen_sharing_the_kings_given_name_is_not_the_king():
    people = _people("استقبل خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز اليوم الوفد. "
                     "وقال المواطن سلمان الحربي إن المخطط بعيد عن الخدمات.")
    assert ("سلمان الحربي", "المواطن", "سلمان الحربي") in people


def test_a_name_never_runs_over_a_line_break():
    people = _people("استقبل خادم الحرمين الشريفين الملك سلمان بن\nعبدالعزيز آل سعود يرحب بالضيوف في جدة")
    assert all("\n" not in p[0] for p in people)


def test_names_written_without_bin_keep_their_fathers_and_a_wife_is_not_her_husband():
    people = _people("واستشهد العريف خالد محمد عبدالله الشحي في اليمن، وفاز سعود المولد، ومشاري طلال الزهراني "
                     "بالجائزة. وأكد رئيس الاتحاد أحمد عيد أن الفريق جاهز.")
    names = [p[0] for p in people]
    assert "خالد محمد عبدالله الشحي" in names and "مشاري طلال الزهراني" in names and "أحمد عيد" in names
    people = _people("وحضر الحفل الرئيس عبد الفتاح السيسي والسيدة انتصار السيسي.")
    assert ("انتصار السيسي", "السيدة", "انتصار السيسي") in people


def test_a_common_word_is_no_short_mention_and_a_chain_keeps_its_given_name():
    people = _people("وأكد رئيس الاتحاد أحمد عيد أن الفريق جاهز لمباراة عيد الفطر.")
    assert [p[0] for p in people] == ["أحمد عيد"]                    # "عيد الفطر" is the feast, not him
    people = _people("وحضر الحفل الأمير الوليد بن طلال بن عبدالعزيز وأعضاء المجلس.")
    assert [p[0] for p in people] == ["الوليد بن طلال بن عبدالعزيز"]


def test_the_next_phrase_is_no_part_of_a_name():
    people = _people("واستشهد العريف خالد محمد عبدالله الشحي والعريف فاهم سعيد في اليمن.")
    assert [p[:2] for p in people] == [("خالد محمد عبدالله الشحي", "العريف"), ("فاهم سعيد", "العريف")]


def test_a_foreign_name_that_starts_like_and_plus_a_word_stays_whole():
    """وليامسون is Williamson, not و + ليامسون: a word news seldom prints with or without the و is the name's
    (it was cut to "كريس", who then spoke for him); "ولي العهد" and "والعريف" still open the next phrase."""
    people = _people("وقال كريس وليامسون كبير الاقتصاديين في مؤسسة ماركيت إن نمو القطاع الصناعي تباطأ في يوليو.")
    assert [p[0] for p in people] == ["كريس وليامسون"]
    assert analyze("وقال كريس وليامسون كبير الاقتصاديين في مؤسسة ماركيت إن نمو القطاع الصناعي تباطأ.").quotes[
        0].speaker == "كريس وليامسون"
    assert [p[0] for p in _people("وسجل ثيو والكوت الهدف الثاني لأرسنال في الدقيقة 70.")] == ["ثيو والكوت"]
    people = _people("واستقبل الأمير محمد بن نايف ولي العهد نائب رئيس مجلس الوزراء وزير الداخلية السفير.")
    assert all(not p[0].endswith("ولي") for p in people)


# -- issue "People" round of 2026-12-04 (second session): each from a sentence pattern of the tuning errors --------
def test_a_family_name_news_uses_as_one_completes_a_bare_given_name():
    people = _people("وأوضح نائب رئيس الجمعية حسن الجاسر في تصريحه أمس أنه قبل ستة أشهر بدأ العمل.")
    assert [p[:2] for p in people] == [("حسن الجاسر", "نائب رئيس الجمعية")]
    assert ("نبيل بهوي", None) in [p[:2] for p in _people("وأفاد النادي بإرسال أوراق إيوانيس ونبيل بهوي اليوم.")]


def test_a_given_name_that_is_a_common_word_makes_no_name_with_a_common_word():
    assert _people("ويشترط في المتقدم أن يكون حسن السيرة والسلوك وألا يزيد المؤهل العلمي عن الثانوية.") == []
    assert _people("وقال اللاعب: أنا سعيد لبقائي في النادي.") == []
    assert _people("وأعرب عن شكره وتقديره لملك البحرين وملك الأردن على مشاعرهما.") == []


def test_a_king_s_name_followed_by_a_family_name_is_someone_else_and_his_family_name_is_found_alone():
    people = _people("استقبل المشرف العام على المركز الدكتور عبدالله بن عبدالعزيز الربيعة وفدا كويتيا. "
                     "وأكد الربيعة أن المركز يعمل.")
    assert people == [("عبدالله بن عبدالعزيز الربيعة", "الدكتور", "عبدالله بن عبدالعزيز الربيعة"),
                      ("الربيعة", None, "عبدالله بن عبدالعزيز الربيعة")]


def test_a_name_starts_where_the_name_starts():
    assert [p[0] for p in _people("وشارك في الحملة منصور الروقي، وسند الشريف، وتركي القرشي.")] == [
        "منصور الروقي", "سند الشريف", "تركي القرشي"]               # و is "and"
    assert [p[0] for p in _people("وسجل كايل ووكر لاعب توتنهام هدفا بالخطأ في مرماه.")] == ["كايل ووكر"]
    assert _people("ووصف الدكتور آل عمرو حادث التفجير بأنه عمل إجرامي.") == [("آل عمرو", "الدكتور", "آل عمرو")]
    assert [p[0] for p in _people("وشارك في اللقاء عبدالله الصقعبي ونبيل بهوي وعبدالإله يحيى عسيري.")] == [
        "عبدالله الصقعبي", "نبيل بهوي", "عبدالإله يحيى عسيري"]
    first = _people("وتعد هذه المرة الثانية للسيسي في المنطقة، بعد أن حضر الرئيس المصري عبد الفتاح السيسي.")[0]
    assert first[0] == "للسيسي" and first[2] == "عبد الفتاح السيسي"     # ل + السيسي: no cut keeps a name whole


def test_a_name_ends_before_the_words_of_the_sentence():
    assert _people("وتلقى الأمير محمد بن نايف بن عبدالعزيز اتصالا هاتفيا أمس.")[0][0] == "محمد بن نايف بن عبدالعزيز"
    assert _people("وحقق لاعب منتخب اليمن راشد نواف فوزهما على منتخب مصر.")[0][0] == "راشد نواف"
    names = [p[0] for p in _people("وضمت البعثة اللاعبين سعود إبراهيم المولد وأحمد المولد وحسن الشهري.")]
    assert names == ["سعود إبراهيم المولد", "أحمد المولد", "حسن الشهري"]      # أحمد المولد: another man


def test_a_title_before_a_foreign_name_and_a_medal_named_after_a_king():
    people = _people("وأعلن النادي أنه مدد عقد المدافع الفرنسي الشاب لوكاس هرنانديز موسمين. وبدأ لوكاس مسيرته صغيرا.")
    assert [p[0] for p in people] == ["لوكاس هرنانديز", "لوكاس"] and people[1][2] == "لوكاس هرنانديز"
    assert _people("وقلد الأمير المواطن بوسام الملك عبدالعزيز من الدرجة الثالثة.") == []


def test_a_chain_after_a_given_name_the_recognizer_left_out_starts_at_that_name():
    """Regression: a second `_WORD_BEFORE` pattern once shadowed the one this rule reads, and "بن عبدالعزيز" alone
    became an alias of the King in a 20,000-article store."""
    people = _people("وربما ما يجعلني متعشما هو أنه تربية الوالد مساعد بن عبدالعزيز رحمه الله وأسكنه فسيح جناته.")
    assert [p[0] for p in people] == ["مساعد بن عبدالعزيز"]


def test_a_name_in_quotation_marks_after_its_verb_and_a_name_after_a_descriptor():
    names = [p[0] for p in _people("وقالت “سانتاديفي” إنها اكتشفت المرض وهي في الثانية عشرة. وذكرت “سانتاديفي” أنها "
                                   "طالبت المنظمات بالتدخل.")]
    assert names == ["سانتاديفي", "سانتاديفي"]
    assert _people('وأضاف: "شهب البرشاويات تعتبر من أجمل الزخات".') == []      # what he said, not his name
    people = _people("وطالب الحزب بمحاسبة المتورطين بدماء المتظاهر منتظر الحلفي الذي قتل الشهر الماضي.")
    assert [p[:2] for p in people] == [("منتظر الحلفي", "المتظاهر")]


def test_players_listed_one_after_another_are_each_a_mention():
    text = ("وشهدت المباراة مشاركة موسى ورافينها ودخول عواجي والجيزاني وسياف في الشوط الثاني، "
            "وقال المدرب إن الفريق جاهز.")
    assert [p[0] for p in _people(text)] == ["موسى", "رافينها", "عواجي", "الجيزاني", "سياف"]


def test_a_role_printed_before_a_name_resolves_the_role_alone_later():
    """The recognizer cuts "خادم الحرمين الشريفين الملك" to the title "الملك"; the role before it still counts."""
    people = _people("استقبل خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود في جدة أمس الأمير محمد بن نايف. "
                     "وأكد خادم الحرمين الشريفين أن المملكة ماضية في دعم اليمن.")
    assert people[-1] == ("خادم الحرمين الشريفين", "خادم الحرمين الشريفين", "سلمان بن عبدالعزيز آل سعود")
    assert len(people) == 3                                   # the role before his name is his title, no mention
    people = _people("وهنأ ولي العهد صاحب السمو الملكي الأمير محمد بن نايف بن عبدالعزيز الفائزين. "
                     "وقال ولي العهد إن الجائزة تكريم للعلماء.")
    assert [p[0] for p in people] == ["محمد بن نايف بن عبدالعزيز", "ولي العهد"]      # الفائزين: the winners
    assert people[1][2] == "محمد بن نايف بن عبدالعزيز"
    people = _people("وصل الرئيس المصري عبد الفتاح السيسي إلى الإسماعيلية صباح اليوم. "
                     "وقال الرئيس المصري إن القناة هدية مصر للعالم.")
    assert people[-1][2] == "عبد الفتاح السيسي"


def test_a_word_with_the_preposition_ka_is_no_given_name():
    assert _people("وقال رئيس مهرجان كام السينمائي الدولي إن الدورة المقبلة ستكون أكبر.") == []     # كام: no "أم"
    assert _people("وتعاني منذ أكثر من عام ونصف بفشل كلوي مزمن، وظلت تعاني الغسيل.") == []          # كلوي: renal


def _names(text: str) -> list[str]:
    return [e.name for e in analyze(text).entities if e.type == "PER"]


def test_a_learned_family_name_completes_a_given_name_that_is_also_a_word():
    """سالم (safe) and a frequent family name: still a man (third session's tuning draws; sentences written
    for the test)."""
    names = _names("وغاب عن المباراة النهائية سالم الدوسري بسبب الإصابة، فيما شارك وعبدالله عطيف في التدريبات.")
    assert "سالم الدوسري" in names and "عبدالله عطيف" in names
    assert "عمر الجاسر" in _names("وأوضح الأستاذ عمر الجاسر مدير الجمعية أن البرنامج يبدأ غدا.")


def test_a_family_name_is_not_followed_by_a_word_of_the_sentence():
    names = _names("وطلب المدرب من اللاعبين محمد عيد وخالد الراهب النزول إلى أرض الملعب.")
    assert "خالد الراهب" in names and not any("النزول" in n for n in names)
    assert "عمر" not in " ".join(_names("توفي العازف الشهير عن عمر يناهز مئة عام."))     # age, a verb


def test_the_given_name_the_tagger_left_out_is_taken_in():
    names = _names("وقالت مديرة الأكاديمية السعودية بواشنطن، فريدة تركستاني إن الطلاب عادوا.")
    assert "فريدة تركستاني" in names


def test_nationalities_and_the_nouns_they_describe_are_no_people():
    text = ("وقال مصدر روسي مطلع إن المحادثات ستستأنف. وتعادل الهلال مع مازيمبي الكونغولي في البطولة، "
            "وأنجزت القناة بأياد مصرية وخبرات مصرية.")
    assert _names(text) == []
    assert "أحمد المصري" in _names("وأكد اللاعب أحمد المصري جاهزيته للمباراة.")     # a family name


def test_credits_of_a_song_name_their_writer_and_composer_apart():
    names = _names('وضم الألبوم أغنية "ندامة" من كلمات ساري وألحان أحمد الهرمي، وأغنية "الليل" من ألحان بدر '
                   'الزوادي.')
    assert "أحمد الهرمي" in names and "بدر الزوادي" in names
    assert not any(n.startswith(("ألحان", "وألحان")) or "وألحان" in n for n in names)


def test_a_preposition_and_a_noun_end_a_name():
    names = _names("وتفاوضت الإدارة مع المدرب السابق البرتغالي بيريرا للعودة ولكنه لم يقدم ردا.")
    assert "بيريرا" in names


def test_a_place_inside_a_title_does_not_hide_the_name_after_it():
    names = _names("ورفض محافظ الحديدة السابق صخر الوجيه مزاعم الانقلابيين. وأضاف الوجيه أن السفن وصلت.")
    assert names.count("الوجيه") == 1 and "صخر الوجيه" in names


def test_a_reporter_named_before_the_dateline_is_a_person_of_the_article():
    """A JSON record's body that opens with "reporter – place" (SaudiNewsNet's outlets print it so): the
    dateline's words are metadata, but the reporter is a person of the article."""
    from marsad.document import Dateline, Document
    from marsad.entities.recognize import recognize
    from marsad.pipeline import _set_entities
    body = "حاتم النجيمي – الطائف\nتنظم جمعية الثقافة والفنون بالطائف معرضا للصور يفتتح مساء اليوم."
    doc = Document(raw=body.encode(), source="t", format="jsonl", lang="ar", body=body,
                   dateline=Dateline(place="الطائف", agency="حاتم النجيمي"))     # as the cleaner reads it
    _set_entities(doc, recognize(body))
    entities = doc.entities
    assert [e.name for e in entities if e.type == "PER"] == ["حاتم النجيمي"]


def test_accusatives_numbers_and_common_nouns_are_no_people():
    text = ("لكن الفريق الأوفر جهداً وسخاءً فاز باللقب، وقتل التنظيم بينهم ستون مدنيا. وبحث الجانبان فرص التعاون "
            "في مجال الطاقة، كما تم استعراض فرص التعاون في الصناعة وتقنيات الفضاء.")
    assert _names(text) == []


def test_a_given_name_a_word_and_a_family_name_are_one_gulf_name():
    assert "خالد قرار الحربي" in _names("وحضر قائد قوات الطوارئ اللواء خالد قرار الحربي الحفل أمس.")


def test_a_leader_named_by_his_forces_is_a_mention_of_him():
    names = _names("وتفرض قوات الأسد حصارا على المدينة، فيما قصفت مليشيات الحوثي وصالح أحياء سكنية في تعز.")
    assert names == ["الأسد", "صالح"]
    assert _names("وحصلت الشركة على نصيب الأسد من العقود، وأعلنت جماعة الحوثي موقفها.") == []


def test_words_before_a_name_that_no_name_starts_with_are_left_out():
    assert "عيسى الحكمي" in _names("والتقى خلال زيارته مدير تعليم جازان عيسى الحكمي ومدير تعليم صبيا.")
    names = _names('وقال المدرب "سيتدرب دومي هذا الأسبوع"، فيما وجه دي ماريا خطابا لمشجعي النادي.')
    assert "دومي" in names and "دي ماريا" in names


def test_distribution_and_gods_partisans_name_no_one():
    """Regressions from the demo corpus: "توزيع" is no credit title, "أنصار الله" no forces of a man."""
    assert _names("وطالب بآلية لتوزيع عائدات النفط بين الأقاليم في الجنوب.") == []
    assert _names("وتسيطر جماعة أنصار الله على صنعاء منذ العام الماضي.") == []


def test_two_full_names_joined_by_and_are_two_people():
    """The tagger took two players for one name (a real page of the tuning draws); the span is split."""
    from marsad.document import Entity
    from marsad.entities.person_spans import _split_coordinated
    text = "على غرار بنجامان بافار وسيهرو غيراسي (19 عاما لكل منهما)"
    name = "بنجامان بافار وسيهرو غيراسي"
    start = text.index(name)
    e = Entity(text=name, start=start, end=start + len(name), type="PER", name=name, canonical=name)
    assert [p.name for p in _split_coordinated(text, e)] == ["بنجامان بافار", "سيهرو غيراسي"]


def test_a_rare_given_name_alone_after_the_full_name_is_the_same_man():
    names = _names('وأشاد رئيس البعثة بتال العتيبي بالفريق. وأضاف: "نحن فخورون"، ثم قال بتال إن الفوز مستحق.')
    assert names.count("بتال") == 1 and "بتال العتيبي" in names


def test_the_team_or_company_a_role_belongs_to_is_no_person():
    text = ("وقال متحدث باسم يوروتانيل إن الحركة عادت. وفتحت يوروتانيل تحقيقا. وقدم مدرب مارسيليا استقالته، "
            "وغادر مارسيليا أمس.")
    assert not any(n.startswith(("يوروتانيل", "مارسيليا")) for n in _names(text))


def test_a_noun_with_a_possessive_and_a_plural_nisba_are_no_people():
    assert _names("اكتب رأيك كشفت مصادر. ويتحدث برلمانيون عن وثائق تؤكد ذلك.") == []


def test_a_foreign_first_name_opens_a_name_nobody_listed():
    names = _names("وحل لاعب الوسط الإيطالي تياغو موتا محل زميله، فيما أسس لاري بيدج الشركة عام 1998.")
    assert "تياغو موتا" in names and "لاري بيدج" in names


def test_the_telegram_a_king_sends_is_no_family_name():
    text = ("بعث خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز برقية تهنئة للرئيس الحسن واتارا. كما بعث ولي العهد "
            "الأمير محمد بن نايف بن عبدالعزيز برقية تهنئة مماثلة.")
    names = _names(text)
    assert "سلمان بن عبدالعزيز" in names and not any("برقية" in n for n in names)


def test_the_reporter_who_opens_the_article_is_taken_whole():
    """A JSON record's body as SaudiNewsNet's outlets print it (the recognizer on the body)."""
    from marsad.entities.recognize import recognize

    def people(body: str) -> list[str]:
        return [e.name for e in recognize(body) if e.type == "PER"]
    assert "لجين الأحمدي" in people("لجين الأحمدي – عين اليوم\nقام مدير عام الشؤون الصحية بمنطقة المدينة المنورة "
                                    "بجولة على المستشفيات.")
    assert people("وزارة الداخلية – الرياض\nأعلنت الوزارة القبض على المطلوبين.") == []


def test_a_name_after_a_rank_and_its_grade_keeps_the_given_names_nobody_listed():
    names = _names("وأعلنت القيادة العامة استشهاد العريف أول جمعة جوهر جمعة الحمادي أثناء أداء الواجب.")
    assert "جمعة جوهر جمعة الحمادي" in names
    # فاهم is no ف + أهم after a rank and its grade (fourth session)
    names = _names("وشيع أمس الشهيد العريف أول فاهم سعيد أحمد الحبسي من القوات المسلحة.")
    assert names == ["فاهم سعيد أحمد الحبسي"]


def test_a_word_news_seldom_uses_in_a_name_is_no_person():
    """data/seldom_names.txt (training/seldom_names.py): words the first 20,000 SaudiNewsNet records use often and
    almost never inside a name. A quotation after its verb, a given name's company and the tagger each took one
    for a name (fourth session's tuning parts; sentences written for the test)."""
    assert _names('وأعلنت المنظمة أنها تلقت تعهدات من دول عدة. وتابعت "نثق في وصول عشرات ملايين الدولارات '
                  'خلال الأسابيع المقبلة".') == []
    assert _names('وذكرت الشرطة أن السائق اتهم "بالتسبب في حادث مروري" وأحيل إلى النيابة.') == []
    names = _names("وقال الطبيب خالد المليص إن سارة وعمرها 12 عاما نقلت إلى المستشفى بعد سقوطها من اللعبة.")
    assert names == ["خالد المليص", "سارة"]
    assert _names("وأكد الأمين العام للحزب الديموقراطي حشد صلاح الصيادي أن الحوار هو الطريق الوحيد.") == \
        ["صلاح الصيادي"]


def test_a_seldom_word_the_article_printed_in_a_full_name_stays_his_name():
    """الجمال (beauty) is seldom a name in the news, but after "محمد الجمال" it is his (the demo corpus)."""
    names = _names("وقال المهندس محمد الجمال إن المشروع سينتهي قريبا. وأضاف الجمال أن التكلفة ارتفعت.")
    assert names == ["محمد الجمال", "الجمال"]


def test_a_given_name_that_is_a_word_before_a_word_news_seldom_names_is_no_person():
    """نادر (rare), آمنة (safe), أمين (secretary), أم (mother) are given names too; the word after them is one the
    news seldom uses in a name (fourth session's tuning parts and the demo gold; sentences written for the test)."""
    assert _names("وقال المتحدث إن الدخول غير القانوني إلى النفق أمر نادر للغاية، وإن الشرطة تحقق في الحادث.") == []
    assert _names("ويطالب القرار بفتح ممرات آمنة لعبور القوافل الإنسانية إلى المدن المحاصرة.") == []
    assert _names("وحضر اللقاء أمين المنطقة الشرقية بالإنابة المهندس جمال الملحم.") == ["جمال الملحم"]
    assert _names("وقد يلجأ إليها كل أب أو أم لديهم ابن يمر بهذه الحالة.") == []


def test_the_next_item_of_a_list_of_people_is_a_person_though_its_given_name_is_a_word():
    """حسن (good) and مساعد (assistant) are given names and words; after a person and و they are the next item of
    a list of people (fourth session's tuning parts; sentences written for the test)."""
    names = _names("وعاد إلى الرياض حسين عبدالغني وحسن الراهب ومحمد عيد ووليد العنزي بعد انتهاء المعسكر.")
    assert names == ["حسين عبدالغني", "حسن الراهب", "محمد عيد", "وليد العنزي"]
    names = _names("وشارك في العمل أحمد إسحاق، وتركي القرشي، ومساعد الأحمري من قسم النظافة.")
    assert names == ["أحمد إسحاق", "تركي القرشي", "مساعد الأحمري"]


def test_two_single_words_a_given_name_opened_and_joined_by_and_are_no_people():
    """آمنة (safe) is a woman's name; "آمنة ومحفزة" (safe and motivating) were split into two people (fourth
    session's tuning parts; sentence written for the test). A name and a word news seldom names stay a name."""
    assert _names("وتقوم الأكاديمية بتوفير بيئة تعليمية آمنة ومحفزة للطلاب والطالبات.") == []
    assert _names("وقال الطبيب إن سارة وعمرها 12 عاما نقلت إلى المستشفى.") == ["سارة"]


def test_foreign_names_that_start_like_a_verb_are_names():
    """تسيبراس and تشونغ start as present-tense verbs do, but news prints no other person of them (يسيبراس):
    no verb (session of 2026-12-05, tuning parts; sentences written for the test)."""
    names = _names("وقال رئيس الوزراء اليوناني ألكسيس تسيبراس إن الاتفاق سيوقع قريبا.")
    assert "ألكسيس تسيبراس" in names
    assert _names("وقالت الوزيرة إن الحكومة تنتظر ردا من البنك.") == []


def test_a_name_ends_before_a_relative_pronoun_a_title_and_a_nationality():
    names = _names("وأعيد الكمان إلى بنات عازف الكمان الشهير رومان توتنبيرج اللائي ورثنه عن أبيهن.")
    assert "رومان توتنبيرج" in names
    names = _names("وقال الشيخ سلطان بن منيف شيخ شمل قبائل يام إن الاعتداء لن يمر.")
    assert "سلطان بن منيف" in names and not any("شيخ" in n for n in names)
    names = _names("وفي الدقيقة 57 زج المدرب رينار بالعاجي جونيور تالو بدلا من زميله.")
    assert "رينار" in names and "جونيور تالو" in names


def test_a_title_word_alone_after_a_chain_and_a_compound_family_name_are_the_family_name():
    names = _names("وتفقد رئيس المجلس البلدي المهندس محمد بن عبدالرحمن المخرج، الحديقة العامة أمس.")
    assert "محمد بن عبدالرحمن المخرج" in names
    assert "مبارك العبد الكريم" in _names("وزار اللاعبون قائد الفريق السابق مبارك العبد الكريم في المستشفى.")


def test_a_definite_head_has_no_name_after_it_and_a_vocative_is_no_name():
    names = _names("وأوضحت نائب الأمين العام للصندوق هناء الزهير أن نسبة الوعي ارتفعت.")
    assert names == ["هناء الزهير"]
    assert _names("سؤالان سهلان يا دكتور، وأتمنى أن أقرأ الإجابة عليهما.") == []


def test_the_next_name_of_a_list_after_and_starts_after_and():
    names = _names("وتعاقد النادي مع المدافع الجديد الكسندر ميتروفيتش وايوزي باريرا.")
    assert names == ["الكسندر ميتروفيتش", "ايوزي باريرا"]
    assert _names("ويضم الفريق الجديد المهاجمين جوزيف كاتونا وايوزي سالينا.") == ["جوزيف كاتونا", "ايوزي سالينا"]


def test_common_arab_given_names_are_known_as_given_names():
    """عدنان، بسام، هناء were on no list (session of 2026-12-05): alone a man's is many people's name, and a
    woman's name after her title is a name though the tagger misses it."""
    from marsad.entities.names import is_given_name, word_key

    assert all(is_given_name(word_key(w)) for w in ("عدنان", "بسام", "إدريس", "يونس", "جمعة"))
    assert _names("وقالت الطالبة هناء إنها سعيدة بالجائزة.") == ["هناء"]


def test_a_quotation_after_its_verb_that_goes_on_is_no_name():
    """The quoted-speaker rule took the first word of any quotation after a verb ("" is in every string),
    eleventh and twelfth draws; sentence written for the test."""
    text = "وأضاف “صاحت الشرطة قائلة لها ألقي حقيبتك” وتابع “حذرتها الشرطة مرة أخرى”."
    assert _names(text) == []
    assert "سانتاديفي" in _names("وقالت “سانتاديفي” إنها ستعود إلى بلادها.")


def test_a_surname_particle_and_the_word_after_it_are_the_surname():
    names = _names("وأكد لاعب الوسط الهولندي نايجل دي يونج أنه سيبقى مع الفريق. وقال دي يونج إن الموسم صعب.")
    assert "نايجل دي يونج" in names and "دي يونج" in names and "دي" not in names


def test_a_title_a_future_verb_or_a_dual_verb_after_a_name_is_no_part_of_it():
    names = _names("وتلقى برقية من الملك عبدالله الثاني بن الحسين ملك المملكة الأردنية الهاشمية.")
    assert "عبدالله الثاني بن الحسين" in names
    names = _names("وقال الأمير خالد بن سعد وستشاهدون النتائج قريبا.")
    assert "خالد بن سعد" in names
    assert "أحمد طارق" in _names("وفي الصورة الطفلان أحمد طارق يصارعان الموج على الشاطئ.")


def test_an_announcement_does_not_run_into_the_title_of_the_man_who_made_it():
    names = _names("وأثار إعلان النائب الديمقراطي إليوت أنجل رفضه للاتفاق جدلا واسعا.")
    assert "إليوت أنجل" in names


def test_a_particle_name_spelled_another_way_is_the_same_man_in_the_article():
    """"دي مستورا" after "ستافان دي ميستورا" (okaz, July 2015): parse takes the particle for a given name."""
    text = ("وصل المبعوث الأممي فرانك دي ميلوسترا إلى دمشق أمس. وربطت مصادر بين زيارة دي ملوسترا وما يجري "
            "من تطورات.")
    people = {e.name: e.canonical for e in analyze(text).entities if e.type == "PER"}
    assert people.get("دي ملوسترا") == "فرانك دي ميلوسترا", people
    text = ("التقى وزير الخارجية المبعوث الأممي ستيفان دي ميستورا في دمشق. وقال دي ميستورا إن اللقاء كان مثمرا. "
            "وتندرج الزيارة في سياق جولة لدي ميستورا في المنطقة شملت مصر.")
    people = [(e.name, e.canonical) for e in analyze(text).entities if e.type == "PER"]
    assert ("ميستورا", "ستافان دي ميستورا") in people, people       # "دي ميستورا" is a short name, no given name


def test_ashton_carter_is_not_catherine_ashton_and_a_nationality_cut_from_a_phrase_is_no_one():
    """The gazetteer gave Catherine Ashton the bare "آشتون": every US defense secretary Ashton Carter of 2015 was
    her (80 mentions in the first 20,000 SaudiNewsNet records). Tidying cut "فرنسي بأن" to a person "فرنسي",
    whom the article then linked to Hollande; a list of players keeps "مغربي" (a family name there)."""
    carter = _people("وقال وزير الدفاع الأمريكي آشتون كارتر إن الولايات المتحدة ستدعم حلفاءها.")
    assert [p[0] for p in carter] == ["آشتون كارتر"]
    call = _people("جرى اتصال هاتفي بين الرئيسين الفرنسي فرنسوا هولاند والإيراني حسن روحاني وعن «تمنٍ» فرنسي بأن "
                   "«تلعب إيران دورا إيجابيا».")
    assert "فرنسي" not in [p[0] for p in call]
    team = _people("وشارك عبدالرحمن الخيبري ومغربي والدوسري وعبدالعزيز البيشي في المباراة.")
    assert "مغربي" in [p[0] for p in team]


def test_a_family_name_is_found_alone_or_after_one_clitic_only():
    """Where an article uses a family name alone (family_mentions): as a word of its own or after و ف ل ب, never
    inside a longer word; the same places the pattern `(?<![letter])[وفلب]?(name)(?![letter])` finds."""
    import re

    from marsad.entities.person_spans import _LETTER, _standing_alone

    text = ("التقى المهندس محمد المخرج بالوفد، وقال المخرج إن «المخرجين» كثر. وللمخرج رأي، فالمخرج والمخرجة "
            "حاضران؛ وبالمخرج ختم. المخرج")
    found = list(_standing_alone(text, "المخرج"))
    # "وللمخرج" writes ل + ال without its alef, "وبالمخرج" has two clitics, "المخرجين" is another word
    assert [text[i - 1:i + 6] for i in found] == [" المخرج", " المخرج", "فالمخرج", " المخرج"]
    for word in ("المخرج", "ب", "و", "المخرجة", "رأي"):
        pattern = rf"(?<![{_LETTER}])[وفلب]?({re.escape(word)})(?![{_LETTER}])"
        assert list(_standing_alone(text, word)) == [m.start(1) for m in re.finditer(pattern, text)]


def test_the_taggers_annotated_news_is_none_of_the_people_benchmarks_articles():
    """training/people_news is training text for the tagger: an article of the people benchmark in it would make
    the benchmark measure what the tagger was taught. Spans are ordered, disjoint and non-empty."""
    bench = json.loads((ROOT / "benchmarks" / "people" / "gold.json").read_text(encoding="utf-8"))
    news = json.loads((ROOT / "training" / "people_news" / "gold.json").read_text(encoding="utf-8"))
    drawn = json.loads((ROOT / "training" / "people_news" / "sample.json").read_text(encoding="utf-8"))["ids"]
    ids = [a["id"] for a in news["articles"]]
    assert len(ids) == len(set(ids)) >= 1000 and set(ids) <= set(drawn)
    assert not set(ids) & {a["id"] for a in bench["articles"]}
    for a in news["articles"]:
        spans = [(m["start"], m["end"]) for m in a["mentions"]]
        assert all(s < e for s, e in spans) and all(e <= s2 for (_, e), (s2, _) in zip(spans, spans[1:]))


@pytest.mark.shared
def test_the_taggers_annotated_news_holds_no_copy_of_a_benchmark_article():
    """SaudiNewsNet runs one wire story in several outlets: a copy of a measured article in the training text
    would teach the tagger that article. The draw leaves out any article sharing a run of eight words with a
    benchmark article in a tenth of its runs or more; checked here again on the texts."""
    sys.path.insert(0, str(ROOT / "training"))
    from people_news_sample import SHARE, runs

    bench = {a["id"] for a in json.loads((ROOT / "benchmarks" / "people" / "gold.json").read_text())["articles"]}
    news = {a["id"] for a in json.loads((ROOT / "training" / "people_news" / "gold.json").read_text())["articles"]}
    texts = {}
    with gzip.open(SNN, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["id"] in bench or d["id"] in news:
                texts[d["id"]] = d["content"]
    seen = set().union(*(runs(texts[i]) for i in bench))
    for i in news:
        mine = runs(texts[i])
        assert len(mine & seen) < SHARE * len(mine), i


def test_a_common_noun_before_the_family_name_of_a_man_named_in_full_is_his_not_a_second_person():
    """"ويأتي نداء الحيدري" (al-Haidari's appeal) after "عبد الرقيب الحيدري": the tagger trained on news read
    نداء as a given name and the article had two Haidaris (demo corpus; the storyline lost the article). A given
    name and the next item of a list stay people."""
    text = ("وقال وزير الصحة عبد الرقيب الحيدري إن الوباء ينتشر. ويأتي نداء الحيدري بعدما أفادت منظمة الصحة. "
            "وشارك محمد الحيدري وأمل الحيدري في اللقاء.")
    assert _names(text) == ["عبد الرقيب الحيدري", "الحيدري", "محمد الحيدري", "أمل الحيدري"]
    kunya = "وكتب أحمد أبو دهمان رواية الحزام. وهو أسلوب مناقض لحزام أبي دهمان الذي حفظ للقرية ذاكرتها."
    assert _names(kunya) == ["أحمد أبو دهمان", "أبي دهمان"]          # fourth draw: a kunya is no noun
    brothers = "وقال حامد البلوي المدير التنفيذي إن الفريق جاهز. ويصل منصور البلوي المشرف العام غدا."
    assert _names(brothers) == ["حامد البلوي", "منصور البلوي"]      # منصور is a word too: still a name
    coach = "وقال مدربه الهولندي لويس جال إنه لا يعرف. وذكر الموقع أن فان جال أعلم لاعبيه بذلك."
    assert "فان جال" in _names(coach)


def test_a_sudanese_family_name_with_wad_is_one_part_and_its_short_form_links():
    """"عثمان ود الحاج" then "ومضى ود الحاج" (demo corpus): ود (son of) opens the family name, as آل does; it was
    read as a father's name, so the short form fitted no one and stood apart."""
    full, short = parse("عثمان ود الحاج"), parse("ود الحاج")
    assert full.family == short.family == "ود الحاج" and full.given == "عثمان" and not full.nasab
    assert compatible(short, full) and fuller(short, full)
    assert parse("داود الحاج").given == "داود" and parse("داود الحاج").family == "الحاج"
    assert not compatible(parse("محمد ود الحاج"), full)


def test_a_known_persons_title_does_not_reach_back_over_a_name_the_tagger_found():
    """"الرئيس الفرنسي فرنسوا هولاند ونظيره الروسي فلاديمير بوتين" (SaudiNewsNet, read in the top 50 of the first
    20,000 records): the gazetteer's Putin took the six words before him as his title, Hollande in them."""
    text = "توصل الرئيس الفرنسي فرنسوا هولاند ونظيره الروسي فلاديمير بوتين إلى اتفاق في قضية سفينتي ميسترال."
    people = [(e.name, e.title) for e in analyze(text).entities if e.type == "PER"]
    assert ("فرنسوا هولاند", "الرئيس الفرنسي") in people
    assert dict(people)["فلاديمير بوتين"] in (None, "ونظيره الروسي", "نظيره الروسي")


def test_a_short_name_with_a_fused_preposition_links_to_the_full_name_of_its_article():
    """"ووفقا للعتيبي" and "منح التقدم للأهلي": ل + ال fused on a name the tagger found whole (a news-taught tagger
    does) links to the full name printed before, as "العتيبي" and "الأهلي" would (demo H-2, D2-3)."""
    from marsad.document import Entity
    from marsad.entities.resolve import resolve_in_document

    text = ("وقالت الدكتورة ريم العتيبي إن النموذج جديد. ووفقا للعتيبي، فإن النموذج تفوق. ويخوض أهلي الصحراء "
            "النهائي، وكان حمادوش قد منح التقدم للأهلي في الدقيقة 34.")

    def ent(name: str, etype: str) -> Entity:
        start = text.index(name)
        return Entity(name, start, start + len(name), etype, name, canonical=name, source="tagger")

    ents = [ent("ريم العتيبي", "PER"), ent("للعتيبي", "PER"), ent("أهلي الصحراء", "ORG"), ent("للأهلي", "ORG")]
    out = {e.name: e.canonical for e in resolve_in_document(text, ents)}
    assert out["للعتيبي"] == "ريم العتيبي" and out["للأهلي"] == "أهلي الصحراء"


def test_an_institution_named_after_a_king_is_kept_whole_whatever_the_tagger_made_of_it():
    """"جامعة الملك فيصل" cut at the title ("جامعة الملك", the tagger's), the King alone, or nothing found: the
    institution is the text's, complements included; "عن" before a head is "by" only before طريق; "طريق الملك
    بطول …" names no one (read in SaudiNewsNet past the first 20,000; benchmarks/named_after.py)."""
    from marsad.document import Entity
    from marsad.entities.named_after import royal_institutions

    text = ("صدرت عن جامعة الملك فيصل بالأحساء دراسة جديدة، ونقل المصاب إلى مدينة الملك عبد العزيز الطبية "
            "بالحرس الوطني، ويمتد طريق الملك بطول 58 كيلومترا.")
    cut = text.index("جامعة الملك")
    ents = [Entity("جامعة الملك", cut, cut + len("جامعة الملك"), "ORG", "جامعة الملك")]
    names = [(e.name, e.type) for e in royal_institutions(text, ents)]
    assert names == [("جامعة الملك فيصل", "ORG"), ("مدينة الملك عبد العزيز الطبية", "LOC")]
    whole = [Entity("جامعة الملك فيصل بالأحساء", cut, cut + 25, "ORG", "جامعة الملك فيصل بالأحساء")]
    out = royal_institutions(text, whole)
    assert out[0] is whole[0] and [e.name for e in out[1:]] == ["مدينة الملك عبد العزيز الطبية"]
    people = {e.name for e in analyze(text).entities if e.type == "PER"}
    assert not people & {"فيصل", "عبد العزيز", "الملك فيصل"}
    mosque = "شهد جامع الملك الشهيد فيصل بن عبدالعزيز في أبها أمس تشييع الجندي."     # an epithet between
    assert [(e.name, e.type) for e in analyze(mosque).entities][:1] == [("جامع الملك الشهيد فيصل بن عبدالعزيز", "LOC")]


def test_a_name_run_on_from_the_king_of_an_institution_is_the_next_man_alone():
    """"مدير الشراكة الطبية في جامعة الملك سعود عبد الله الصقعبي": the tagger's "سعود عبد الله الصقعبي" is the
    university's King and its manager; the manager is "عبد الله الصقعبي", the university whole."""
    from marsad.document import Entity
    from marsad.entities.named_after import royal_institutions

    text = "وأكد مدير الشراكة الطبية في جامعة الملك سعود عبد الله الصقعبي أن صحة المريض مستقرة."
    uni, man = text.index("جامعة"), text.index("سعود")
    end = text.index(" أن")
    ents = [Entity("جامعة الملك سعود", uni, man + 4, "ORG", "جامعة الملك سعود", canonical="جامعة الملك سعود"),
            Entity(text[man:end], man, end, "PER", text[man:end], canonical=text[man:end])]
    assert [(e.name, e.type, e.canonical) for e in royal_institutions(text, ents)] == [
        ("جامعة الملك سعود", "ORG", "جامعة الملك سعود"), ("عبد الله الصقعبي", "PER", "عبد الله الصقعبي")]


def test_banks_indices_and_clubs_the_gazetteer_knows_are_no_people():
    """Foreign two-word names of markets and sport read like a man's name to the tagger ("داو جونز", "ميريل لينش",
    "غولدمان ساكس", "توتنهام هوتسبير"): the gazetteer's body wins; a player named after a club stays a man."""
    text = ("وصعد مؤشر داو جونز الصناعي 241 نقطة، وقال غولدمان ساكس إن الأسعار سترتفع، فيما أوضح ميريل لينش أن "
            "المستثمرين سحبوا أموالهم. وانتقل اللاعب من توتنهام هوتسبير إلى روبين كازان، وسجل ميلان باروش هدفين.")
    ents = {e.name: e.type for e in analyze(text).entities}
    assert ents["غولدمان ساكس"] == "ORG" and ents["ميريل لينش"] == "ORG" and ents["توتنهام هوتسبير"] == "ORG"
    assert not any(t == "PER" and "جونز" in n for n, t in ents.items())
    assert ents.get("ميلان باروش") == "PER"


def test_a_family_name_that_is_a_word_too_is_the_man_where_he_speaks():
    """"وبين عيد أن …" after "سعد عيد": between a verb of saying and أن, عيد (a feast) is the man; "عيد الأضحى"
    stays a feast."""
    text = ("أكد مدرب المنتخب سعد عيد جاهزية اللاعبين للمباراة. وبين عيد أن الفريق استعد جيدا، وتمنى عيد أن تخرج "
            "المباراة بصورة جيدة. وقال إن عيد الأضحى قريب.")
    people = [(e.name, e.canonical) for e in analyze(text).entities if e.type == "PER"]
    assert people == [("سعد عيد", "سعد عيد"), ("عيد", "سعد عيد"), ("عيد", "سعد عيد")]


def test_what_is_left_of_a_run_on_name_after_an_institution_must_be_a_name():
    """"لمستشفى الملك عبدالله ببيشة": the tagger's "عبدالله ببيشة" cut after the hospital leaves a place with its
    preposition, no one; "الدكتورعبدالله" printed glued is a title and a man, no complement of the centre's name
    (both read in SaudiNewsNet articles of the people benchmark's tuning parts)."""
    from marsad.document import Entity
    from marsad.entities.named_after import royal_institutions

    text = "ونقلت الطفلة لمستشفى الملك عبدالله ببيشة وهي بحالة مستقرة."
    man = text.index("عبدالله")
    end = text.index(" وهي")
    out = royal_institutions(text, [Entity(text[man:end], man, end, "PER", text[man:end])])
    assert [(e.name, e.type) for e in out] == [("مستشفى الملك عبدالله", "ORG")]
    text = "وأوضح مركز الملك سلمان للإغاثة والأعمال الإنسانية الدكتورعبدالله بن عبدالعزيز الربيعة أن المركز مستمر."
    assert [e.name for e in royal_institutions(text, [])] == ["مركز الملك سلمان للإغاثة والأعمال الإنسانية"]
    people = [(e.name, e.title) for e in analyze(text).entities if e.type == "PER"]
    assert people == [("عبدالله بن عبدالعزيز الربيعة", "الدكتور")]          # the glued title is his title


def test_a_lone_given_name_links_to_the_articles_full_name_only_when_it_can_be_his():
    """Read in the top 50 of the first 20,000 records: Dr. عبدالله الربيعة took "الملك عبد الله" (the late King)
    and "عبدالله" of "المسؤول الأمني في المطار عبدالله قائد،" (a family name that is a word too, cut by the
    recognizer) as aliases. A royal title needs a royal's name (a chain, a house or a royal title); a lone given
    name with one more word before a comma is a man whose family name was lost."""
    from marsad.document import Entity
    from marsad.entities.resolve import resolve_in_document

    text = ("وشارك الدكتور عبدالله الربيعة في اللقاء. وقال المسؤول الأمني في المطار عبدالله قائد، إن الصواريخ سقطت. "
            "وأمر الملك عبد الله بعلاجه. وأكد عبدالله أن المركز مستمر. وزار الأمير سلمان بن عبدالعزيز، أمس، الجرحى "
            "وقال الأمير سلمان إن المملكة معهم.")

    def ent(name: str, title: str | None, nth: int = 0) -> Entity:
        start = text.index(name)
        for _ in range(nth):
            start = text.index(name, start + 1)
        t0 = start - len(title) - 1 if title else start
        return Entity(text[t0:start + len(name)], t0, start + len(name), "PER", name, title=title, canonical=name)

    ents = [ent("عبدالله الربيعة", "الدكتور"), ent("عبدالله", None, 1), ent("عبد الله", "الملك"),
            ent("عبدالله", None, 2), ent("سلمان بن عبدالعزيز", "الأمير"), ent("سلمان", "الأمير", 1)]
    out = [e.canonical for e in resolve_in_document(text, ents)]
    assert out == ["عبدالله الربيعة", "عبدالله", "عبد الله", "عبدالله الربيعة", "سلمان بن عبدالعزيز",
                   "سلمان بن عبدالعزيز"]


def test_a_nationality_after_a_role_and_a_common_word_after_and_are_no_people():
    """"ابتكر مهندس ياباني وسيلة نقل" (a Japanese engineer invented a means of transport) and "أمام الفريق
    الأوزبكي": the news-taught tagger read both as names (tuning parts of the people benchmark). A list of people
    keeps a family name that is a nationality too ("الخيبري ومغربي")."""
    assert _names("ابتكر مهندس ياباني وسيلة نقل محمولة صغيرة بالقدر الذي يسمح بحملها.") == []
    assert _names("وخسر المنتخب مباراة واحدة أمام الفريق الأوزبكي 0/3.") == []
    assert _names("وشارك الخيبري ومغربي والدوسري في المباراة.")[:2] == ["الخيبري", "مغربي"]


def test_a_person_the_gazetteer_knows_is_never_taken_for_a_common_phrase():
    """"قال علي خامنئي إن …": علي is "on" too and خامنئي a word news prints often, so the filter of phrases like
    "علي المصابة" (on the patient) dropped the Supreme Leader from 46 of the 128 articles of the first 20,000
    records that name him (found reading the top 50: his count fell when the tagger changed)."""
    assert _names("قال علي خامنئي إن الاتفاق لن يغير سياسة بلاده.") == ["علي خامنئي"]
    assert _names("وكان مرشد الجمهورية الإيرانية علي خامنئي قد قال في وقت سابق إن الاتفاق لن يغير شيئا.") == [
        "علي خامنئي"]


def test_a_glued_title_is_looked_for_only_as_long_as_titles_are():
    """A hostile 200,000-letter word is no title and a given name: looked at for the length of a title only
    (the scan over every cut was quadratic). The glued pair is still read."""
    from marsad.entities.named_after import glued_title_cut

    assert glued_title_cut("الدكتورعبدالله") == len("الدكتور")
    assert glued_title_cut("ال" + "ب" * 200_000) == 0


def test_a_person_the_gazetteer_knows_keeps_his_whole_name():
    """"علي أكبر ولايتي": ولايتي ("my state") is a word news prints often, and the trim of a common word after a
    name cut the adviser to "علي أكبر" in the six articles of the first 20,000 records that name him."""
    assert _names("وقال علي أكبر ولايتي إن إيران لن تتراجع عن الاتفاق.") == ["علي أكبر ولايتي"]


def test_british_nationalities_before_a_name_are_no_part_of_it():
    """"الويلزي غاريث بيل", "الإنجليزي هاري كين" (sports news): the adjective describes the player."""
    assert _names("وتألق الويلزي غاريث بيل في المباراة، وسجل الإنجليزي هاري كين هدفا.") == ["غاريث بيل", "هاري كين"]


def test_a_family_name_that_is_a_word_ends_a_nasab_chain_the_tagger_read_whole():
    """"حمد بن سعد العمر" (age), "محمد بن عبدالرحمن المخرج" (director): the definite word after a chain is the
    family name, however often news prints it as a word (ninth session's fifteenth draw); an adjective of the
    institution named after him is not ("جمعية الأمير فهد بن سلمان الخيرية")."""
    assert "حمد بن سعد العمر" in _names("أوضح ذلك الأستاذ حمد بن سعد العمر المتحدث الرسمي لوزارة الشؤون البلدية.")
    assert "محمد بن عبدالرحمن المخرج" in _names("وتفقد أمين الطائف المهندس محمد بن عبدالرحمن المخرج المشروع.")
    assert "فهد بن سلمان الخيرية" not in _names("وزار الوفد جمعية الأمير فهد بن سلمان الخيرية لرعاية مرضى الفشل.")


def test_a_title_word_that_is_a_given_name_opens_the_name_before_a_family_name():
    """"مساعد" is "assistant" and Musaed: before a family name it is his given name ("مساعد الزويهري", seven
    training articles and two of the benchmark's); before a noun it stays a title."""
    assert "مساعد الزويهري" in _names("وتحرك رئيس الأهلي الجديد مساعد الزويهري لإقناع اللاعب بالبقاء.")
    assert not any(n.startswith("مساعد") for n in _names("وقال مساعد وزير الخارجية إن المحادثات مستمرة."))


def test_a_name_we_know_is_never_cut_by_the_words_news_seldom_uses_in_names():
    """"بان" (appeared) is on the learned list of words seldom inside a name: the Secretary-General was "كي مون"
    in every article of the training text that names him."""
    assert "بان كي مون" in _names("ودعا الأمين العام للأمم المتحدة بان كي مون إلى وقف إطلاق النار.")


def test_a_family_or_a_tribe_is_no_one():
    """"عائلة دوابشة", "أسرة اليزيدي", "بني الحارث" are a family and a tribe (the guide's "جماعة الحوثي"); "عائلة
    عمر" (Mullah Omar's family) names him, and the family's members stay people."""
    text = "وأكدت عائلة دوابشة وفاة سعد دوابشة متأثرا بجروحه. واحتفلت أسرة اليزيدي بزواج ابنها في مكة."
    assert _names(text) == ["سعد دوابشة"]
    assert _names("وكرمت مدرسة المريفق في بني الحارث الطلاب المتفوقين.") == []
    assert "عمر" in _names("وقال المتحدث إن عائلة عمر أكدت أن الزعيم توفي.")


def test_words_of_the_sentence_after_a_name_end_it():
    """Ordinals, a party's leader, a participle, a preposition with a possessive (fifteenth draw): "وشبل عبدالله
    شبل سادسا", "عصام سلطان القيادي بحزب الوسط", "مرسي المنتمي لجماعة الإخوان", "توني آبوت بتشديدها"; a rare
    given name takes no preposition on a noun for its family ("روتها مريم لوسائل الإعلام")."""
    assert "شبل عبدالله شبل" in _names("وحل يوسف الشهري خامسا، وشبل عبدالله شبل سادسا، وعامر اليزيدي سابعا.")
    assert "عصام سلطان" in _names("وأحيل للمحاكمة عدد من بينهم عصام سلطان القيادي بحزب الوسط.")
    assert "توني آبوت" in _names("وهي السياسة التي قام رئيس الوزراء المحافظ توني آبوت بتشديدها ودافع عنها.")
    assert "مريم لوسائل" not in _names("ووفقا للقصة التي روتها مريم لوسائل الإعلام، بادر أحد الحاضرين.")


def test_mullah_is_a_title_before_a_known_name_and_a_family_name_after_a_chain():
    """"الملا عمر": the guide marks عمر, the title apart; "أحمد بن إبراهيم الملا" (a Bahraini MP, fourth draw) keeps
    it as his family name."""
    people = _people("قال مسؤول إن زعيم حركة طالبان الملا عمر لم يمت في باكستان.")
    assert any(p[0] == "عمر" and p[1].endswith("الملا") for p in people if p[1])
    assert "أحمد بن إبراهيم الملا" in _names("وقال رئيس مجلس النواب البحريني أحمد بن إبراهيم الملا إن التفجير إرهابي.")


def test_two_words_joined_by_and_are_one_name_unless_the_text_says_two():
    """"هيفاء وهبي", "توم ونليس": the news-trained tagger reads one name and the rule that split every two-word
    name at و split it (six training articles); a dual before them, a list or a possessive still makes two."""
    assert "هيفاء وهبي" in _names("ونشرت الفنانة اللبنانية هيفاء وهبي صورة جديدة لها.")
    assert _names("وشهدت المباراة مشاركة موسى ورافينها في الشوط الثاني.") == ["موسى", "رافينها"]
    two = _names("وغاب عن الفريق الظهيرين دوجلاس وخوردي ألبا للإصابة.")
    assert "دوجلاس" in two and any(n.startswith("خوردي") for n in two)


def test_a_given_name_glued_to_a_preposition_letter_keeps_it():
    """"الدكتورة لبنى" (fifteenth draw) was "بنى" after the ل was taken for "to"; "بيرام ولد الداه" (a
    Mauritanian chain with ولد) lost its ب; "لحسان بن ثابت" is still "to Hassan"."""
    assert _names("وحثت الدكتورة لبنى إبراهيم العسوم الطالبات على الحضور.")[0].startswith("لبنى")
    assert "حسان بن ثابت" in [n.split(" رضي")[0] for n in _names("وقفة لحسان بن ثابت في شعره.")]


def test_no_name_in_stock_phrases_and_coordinated_nationalities():
    """"هذا الحكم قابل للطعن" (open to appeal), "لجنة طب وجراحة العيون", "فرنسي واوكراني" (fifteenth draw)."""
    assert _names("وقضت المحكمة بسجنه ثلاث سنوات، وهذا الحكم قابل للطعن.") == []
    assert _names("وأوضح رئيس لجنة طب وجراحة العيون بالجمعية أن العيادة تستقبل المرضى.") == []
    assert _names("وكان بين الرهائن ثلاثة جنوب أفريقيين وفرنسي واوكراني.") == []


def test_a_group_named_after_a_man_and_a_people_in_the_plural_are_no_person():
    """"لجماعة أبو سياف" (seventeenth draw), "شبكة حقاني" (training text): a group, as the guide's "جماعة
    الحوثي"; "وجماعة أحمد جبريل" names the man. "طيارين روس" (Russian pilots; the issue's "دبلوماسيين روس")."""
    text = "وقتل جنديان في هجوم لجماعة أبو سياف جنوبي الفلبين."
    assert _names(text) == [] and "أبو سياف" in [e.name for e in analyze(text).entities if e.type == "ORG"]
    assert _names('وأعلن مصدر أمني عن وجود "طيارين روس" ضمن قوة الأمم المتحدة.') == []


def test_and_with_a_preposition_after_a_chain_is_no_family_name():
    """"الملك سلمان بن عبدالعزيز ولصاحب السمو الملكي": "ولصاحب" (and to His Highness) is on the learned list of
    name parts, and the King's name ran on into it (found re-reading the top 50 of 20,000 records: three articles
    lost him)."""
    text = "وعبر عن شكره لمقام خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز ولصاحب السمو الملكي الأمير محمد بن نايف."
    assert "سلمان بن عبدالعزيز" in _names(text)


def test_a_known_name_does_not_reach_back_over_a_word_news_seldom_names_with():
    """"وجماعة علي عبدالله صالح", "-آنذاك نوري المالكي": since a name we know is no longer cut by the seldom-words
    list, the given-name-before repair must not take such a word into it (re-reading the top 50)."""
    assert "علي عبدالله صالح" in _names("وصلت قوافل للنازحين من الجماعات الحوثية وجماعة علي عبدالله صالح إلى المدينة.")
    assert "نوري المالكي" in _names("وقيل إن رئيس الوزراء العراقي -آنذاك نوري المالكي الموالي لإيران- دبر ذلك.")


def test_a_deposed_leader_and_a_byline_without_spaces_are_people():
    """"قوات المخلوع صالح" (the deposed Saleh: a title, 21 training mentions lost); "بدر الجبل- سبق- تبوك:" (Sabq's
    byline with no space before the dash, and its tatweel: "بـدر الجـبل")."""
    assert "صالح" in _names("وأكد أن مليشيات الحوثي وقوات المخلوع صالح الموالية لها هاجمت المدينة.")
    assert _names(" بدر الجبل- سبق- تبوك: لقي شاب مصرعه أمس في حادث مروري.") == ["بدر الجبل"]
    assert _names(" بـدر الجـبل –سبق –تيماء: يلاحق مواطن ابنه.") == ["بـدر الجـبل"]


def test_a_foreign_company_is_no_person():
    """"دراجون أويل", "إليوت أدفيزرز" then "إليوت" alone, "شركة إينوك" then "إينوك" in quotation marks after a verb
    of saying (a new annotated article: 22 mentions of companies as people)."""
    text = ('وأعلنت شركة إينوك أن عرضها للاستحواذ على "دراجون أويل" نهائي. وكانت "إليوت أدفيزرز" قد اعترضت. '
            'وأضافت "إليوت" أن بوسع الشركة زيادة الإنتاج. وذكرت "إينوك" أن الصفقة تمت.')
    assert _names(text) == []


def test_an_adjective_is_no_short_name_and_a_tribe_word_no_name():
    """"العمل العربي المشترك" after "نبيل العربي": the nisba agrees with the noun before it; "الدكتور العربي" is
    him. "مركزي بني حرير وبني عدوان" gave "بني" as a short name all through the article."""
    names = _names("وقال الأمين العام الدكتور نبيل العربي إن العمل العربي المشترك ضرورة. وأكد الدكتور العربي ذلك.")
    assert names.count("العربي") == 1
    text = "برعاية رئيس مركزي بني حرير وبني عدوان محمد بن معيض الفايز. وكلمة رئيس مركز بني حرير محمد الفايز."
    assert "بني" not in _names(text)


def test_a_given_name_that_is_a_word_opens_a_three_part_name():
    """"عيد علي الزبيدي" (a feast), "بدر محمد باسلمه" (a full moon), "صباح خالد الصباح" (morning): given, father,
    family; "مساعد الزويهري" (assistant) before a family nisba the tagger took alone; "نقيب" stays a rank."""
    assert "عيد علي الزبيدي" in _names("واسى وكيل محافظ القنفذة عيد علي الزبيدي أسرة الشهيد.")
    assert "بدر محمد باسلمه" in _names("وقال بدر محمد باسلمه للصحافيين في المطار إنه متفائل.")
    assert "صباح خالد الصباح" in _names("والتقى الوزير صباح خالد الصباح وزير خارجية إيران.")
    assert "مساعد الزويهري" in _names("ورشح لمنصب رئاسة النادي الأهلي مساعد الزويهري في تشكيل مجلس الإدارة.")
    assert "عبدالإله الجابري" in _names("وأوضح المتحدث باسم شرطة المدينة المكلف نقيب عبدالإله الجابري أن الجهات.")


def test_institutions_named_after_people_with_more_heads():
    """"بمركزي محمد بن نايف للمناصحة", "شركة عبداللطيف جميل", "توسعة الملك فهد", "باب الملك عبدالعزيز": no person
    inside; "مجموعة mbc وليد البراهيم": the group is mbc, he is its owner."""
    assert _names("تخريج 63 مستفيدا من مركزي محمد بن نايف للمناصحة بالرياض وجدة.") == []
    assert _names("ويقام المعرض داخل توسعة الملك فهد وبرعاية شركة عبداللطيف جميل.") == []
    assert _names("ودخل المصلون من باب الملك عبدالعزيز.") == []
    assert "وليد البراهيم" in _names("وحضر الحفل مالك مجموعة mbc وليد البراهيم.")


def test_in_favour_of_is_no_repeat_of_a_one_word_name():
    """"لصالح التحالف" (in favour of the coalition) after "المخلوع صالح": no mention of Saleh."""
    names = _names("ودعا المخلوع صالح لعودة الأطراف. وتقدمت القوات في عدن لصالح التحالف العربي.")
    assert names == ["صالح"]


def test_a_regnal_ordinal_is_part_of_the_name_and_a_future_verb_ends_it():
    """"أليكسي الثاني", "فيصل الأول": an ordinal after a lone given name is his (after a chain it is the sentence's,
    "عبدالعزيز الأول" stays cut by the rule for words after a chain); "حمد الزامل سيعرف أنه": a future verb whose
    present news prints ends a name (new annotated articles); "بابيس سيسيه" keeps his family name."""
    assert "أليكسي الثاني" in _names("وقال البطريرك الروسي الراحل أليكسي الثاني إن الكنيسة باقية.")
    assert "حمد الزامل" in _names("وبالطبع الذي يعرف الشيخ حمد الزامل سيعرف أنه لم يكن من الشياب.")
    assert "بابيس سيسيه" in _names("وسجل المهاجم بابيس سيسيه هدفا في الدقيقة العاشرة.")


def test_a_horse_in_race_results_is_no_person():
    """"على الجواد "الكسندر"", "الفرس "هيفاء"" (race results in a new annotated article): the riders are people."""
    text = 'وتوج الفارس فادي حكمي على الجواد "الكسندر" بالشوط الثالث، وعبدالله بهران على الفرس "هيفاء" ثالثا.'
    assert _names(text) == ["فادي حكمي", "عبدالله بهران"]


def test_a_foreign_name_that_starts_like_a_proclitic_keeps_its_letter():
    """"فالكاو" (news prints it 98 times, "الكاو" never), "بالوتيلي", "فالون": no ف or ب to peel; women's names in
    ل ("لمى", "ليان") and "لخضر بن خلاف" keep theirs (new annotated articles); "بالعتيبي" is still ب + the name."""
    names = _names("وانضم فالكاو إلى زملائه، ولم يسجل بالوتيلي أي أهداف. وقدمت الطفلة لمى القحطاني كلمة.")
    assert names == ["فالكاو", "بالوتيلي", "لمى القحطاني"]
    assert "لخضر بن خلاف" in _names("وصرح لخضر بن خلاف القيادي في حزب جبهة العدالة للصحفيين.")
    assert "العتيبي" in _names("والتقى الوزير محمد العتيبي بالصحفيين، وأشاد المدرب بالعتيبي.")


def test_a_nom_de_guerre_keeps_its_nisba_and_a_brigadier_is_a_title():
    """"أبو حمزة الفرنسي", "أبو قتادة التونسي" (a kunya and a nationality nisba: the tagger stopped at the kunya);
    "البريغادير جنرال روي الكابيتس" (the rank spelled with غ)."""
    names = _names("وقتل القيادي أبو عمر الكردي والقياديان أبو حمزة الفرنسي وأبو قتادة التونسي في الغارة.")
    assert names == ["أبو عمر الكردي", "أبو حمزة الفرنسي", "أبو قتادة التونسي"]
    assert "روي الكابيتس" in _names("وقال البريغادير جنرال روي الكابيتس أمس إن خطر الإرهاب قائم.")


def test_a_plural_participle_and_a_disease_are_no_names():
    """"أسماء المقبولين" (the names of the admitted: أسماء is a woman's name too) gave "المقبولين" as a short name
    all through the article; "مرض باركنسون" is a disease, "بسبب مرض عبدالله الزوري" a man's illness."""
    assert _names("ونشرت الجامعة أسماء المقبولين والمقبولات. ويراجع المقبولين مكتب القبول غدا.") == []
    assert _names("وأوضح الباحثون أن مرض باركنسون يعطل خلايا الدماغ.") == []
    assert "عبدالله الزوري" in _names("وغاب عن التشكيل الأساسي بسبب مرض عبدالله الزوري.")


def test_starring_is_no_championship_and_a_tournament_named_after_a_man_is():
    """"الفيلم بطولة آدم ساندلر وكيفن جيمس" (starring; "وكيفن" is and + Kevin, not a word before the name);
    "تمت تسميتها ببطولة إبراهيم علام" (a tournament named after him); "فلاديمير بوتين القائد الروسي" is no club
    "X الY + nationality" (new annotated articles)."""
    names = _names("والفيلم بطولة آدم ساندلر وكيفن جيمس وجوش جاد وإخراج كريس كولومبوس.")
    assert names == ["آدم ساندلر", "كيفن جيمس", "جوش جاد", "كريس كولومبوس"]
    assert _names("واختتمت الدورة الودية التي تمت تسميتها ببطولة إبراهيم علام.") == []
    assert "فلاديمير بوتين" in _names("وكثيرا ما يصرح فلاديمير بوتين القائد الروسي بضرورة التحول.")


def test_a_given_name_that_is_a_word_before_a_definite_word_news_prints_less_often_is_a_man():
    """"وسجل هدف النصر حسن الراهب" (الراهب: a monk, and a footballer's family name; training text): a definite word
    news prints less than 100 times is as often a family name (the threshold was 30); after a verb particle or a
    preposition the pair is still the sentence's ("وألا يزيد المؤهل", "ما يزيد الفائض", "وفي صالح الشاعرة");
    "أسماء المرشحات" names no one."""
    assert "حسن الراهب" in _names("وسجل هدف النصر حسن الراهب في الدقيقة 35، وبذلك تقدم الفريق.")
    assert _names("ويشترط أن يكون ملما بالقراءة والكتابة، وألا يزيد المؤهل العلمي عن الكفاءة المتوسطة.") == []
    assert _names("وحقيقة فإن الأمسية مهمة وفي صالح الشاعرة رغم الفوضى.") == []
    assert _names("ومن المفترض الإعلان عن أسماء المرشحات الأسبوع المقبل.") == []


def test_an_institution_after_a_preposition_with_a_diacritic_keeps_its_first_letter():
    """"بمركزيْ محمد بن نايف للمناصحة" was stored as "ركزيْ ..." (the head's start counted without its sukun;
    re-reading the top 50 of 20,000 records)."""
    orgs = [e.name for e in analyze("تخريج 63 مستفيدا بمركزيْ محمد بن نايف للمناصحة بالرياض.").entities
            if e.type == "ORG"]
    assert orgs == ["مركزيْ محمد بن نايف للمناصحة"]


def test_the_other_word_of_a_foreign_name_the_tagger_read_half_of():
    """"بختيار دوغان" after his title and "كيت مدينا" before hers: a word news seldom prints, between a title and
    the word the tagger took, is the rest of the name (the speaker was "دوغان", "كيت")."""
    text = ("وأكد المسؤول الاعلامي للجناح العسكري لحزب العمال الكردستاني بختيار دوغان قصف الطائرات التركية لمواقع "
            "الحزب.")
    assert [p[0] for p in _people(text)] == ["بختيار دوغان"]
    assert [p[0] for p in _people("وأضافت كيت مدينا المتحدثة باسم الشركة أن الأرباح سترتفع هذا العام.")] == \
        ["كيت مدينا"]


def test_review_of_the_seventh_session_name_rules():
    """A foreign surname news never printed keeps its و + ال letters (Walsh, not "و" and a man named "الش"); a
    participle of manner after a name is how he spoke, not his surname; "والدته" is his mother."""
    assert [p[0] for p in _people("وقال الكابتن ماثيو والش قائد الطائرة إن الركاب بخير.")] == ["ماثيو والش"]
    assert [p[0] for p in _people("وقال بارزاني متحديا رئيس الوزراء العبادي إن الاستفتاء قائم.")][0] == "بارزاني"
    assert all("والدته" not in p[0] for p in _people("وقال الطفل يوسف والدته كانت تعمل ممرضة في المستشفى."))
