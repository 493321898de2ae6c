"""Arabic text handling: matching form, digits, invisible marks, sentences, clitics, search terms."""

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.arabic.normalize import arabic_ratio, clean_display, normalize, normalize_digits
from marsad.arabic.segment import PROCLITICS, index_terms, paragraphs, peel_proclitics, sentences, strip_clitics


def test_spelling_variants_of_one_name_share_a_matching_form():
    assert normalize("فائز السراج") == normalize("فايز السراج")
    assert normalize("رؤوف") == normalize("رءوف".replace("ء", "ؤ"))
    assert normalize("الإمارات") == normalize("الامارات") == normalize("الأمارات")
    assert normalize("مستشفى") == normalize("مستشفي")
    assert normalize("المدرسة") == normalize("المدرسه")
    assert normalize("ڤاديم") == normalize("فاديم")


def test_diacritics_tatweel_and_case_are_ignored():
    assert normalize("مُحَمَّـــد") == normalize("محمد")
    assert normalize("Reuters") == normalize("REUTERS")


def test_eastern_arabic_and_persian_digits_become_ascii_without_moving_offsets():
    text = "الخميس ١٥ فبراير ٢٠٢٤ و۱۲"
    out = normalize_digits(text)
    assert out == "الخميس 15 فبراير 2024 و12"
    assert len(out) == len(text)


def test_invisible_marks_are_removed_for_display_but_letters_are_kept():
    text = "\u200fطرابلس\u200e \u202bاليوم\u202c\ufeff"
    assert clean_display(text) == "طرابلس اليوم"
    assert clean_display("ﻻ ﺍﻟﺴﻼﻡ") == "لا السلام"   # legacy presentation forms unfolded


def test_arabic_ratio_tells_arabic_from_latin_text():
    assert arabic_ratio("غادر المشير جنيف صباح الثلاثاء") == 1.0
    assert arabic_ratio("The talks in Geneva ended without a deal") == 0.0
    assert 0.3 < arabic_ratio("قال Lindgren إن talks انتهت") < 0.7


def test_sentences_do_not_end_inside_quotations_or_decimals():
    text = "وقال: «سنواصل جهودنا. الحوار يحتاج إلى وقت» ثم غادر. وارتفع السعر إلى 13.75 جنيه. هل انتهى؟ لا."
    got = [text[s:e] for s, e in sentences(text)]
    assert got == ["وقال: «سنواصل جهودنا. الحوار يحتاج إلى وقت» ثم غادر.", "وارتفع السعر إلى 13.75 جنيه.",
                   "هل انتهى؟", "لا."]


def test_a_titles_initial_does_not_end_a_sentence_but_a_hijri_year_does():
    text = ("وأوضح العميد د. محمد الفريدان أن البوابة فتحت. وقال أ.د. علي السالم إنها تكفي. وتنتهي المهلة في "
            "12/10/1436ه. وبدأ التسجيل.")
    got = [text[s:e] for s, e in sentences(text)]
    assert got == ["وأوضح العميد د. محمد الفريدان أن البوابة فتحت.", "وقال أ.د. علي السالم إنها تكفي.",
                   "وتنتهي المهلة في 12/10/1436ه.", "وبدأ التسجيل."]


def test_latin_initials_spelled_in_two_letters_do_not_end_a_sentence():
    """"إي.إل. دوكتورو" (E.L. Doctorow): the statement about him was cut at "إل." and read as a fragment."""
    text = "وقالت دار النشر إن الروائي إي.إل. دوكتورو توفي عن 84 عاما. وكان قد كتب روايات شهيرة عن نيويورك."
    got = [text[s:e] for s, e in sentences(text)]
    assert got == ["وقالت دار النشر إن الروائي إي.إل. دوكتورو توفي عن 84 عاما.", "وكان قد كتب روايات شهيرة عن نيويورك."]


def test_the_first_sentences_are_those_of_the_whole_body():
    """A story's views read an article's lead only (`limit`): the same spans the whole body's segmentation starts
    with, across paragraphs and quotations, and fewer when the body has fewer."""
    text = ("أوج – اسطنبول\nوقال: «سنواصل جهودنا. الحوار يحتاج إلى وقت» ثم غادر. وارتفع السعر إلى 13.75 جنيه.\n"
            "هل انتهى؟ لا.\n\nوأضاف أن الاجتماع المقبل سيعقد في جنيف")
    whole = sentences(text)
    assert len(whole) == 6
    for k in range(1, 8):
        assert sentences(text, limit=k) == whole[:k]
    assert sentences(text, 10, limit=2) == sentences(text, 10)[:2]


def test_paragraph_spans_point_into_the_text():
    text = "الفقرة الأولى.\n\n  الفقرة الثانية.\n"
    assert [text[s:e] for s, e in paragraphs(text)] == ["الفقرة الأولى.", "الفقرة الثانية."]


def test_clitics_are_peeled_only_when_the_rest_is_a_known_word_or_follows_the_article():
    known = {"موسكو", "لافروف", "وزير"}.__contains__
    assert peel_proclitics("وموسكو", known) == ("موسكو", 1)
    assert peel_proclitics("وبموسكو", known) == ("موسكو", 2)
    assert peel_proclitics("لافروف", known) == ("لافروف", 0)      # the ل belongs to the name
    assert peel_proclitics("وزير", known) == ("وزير", 0)          # so does the و
    assert peel_proclitics("والسراج", known) == ("السراج", 1)
    assert peel_proclitics("للامم", known) == ("الامم", 0)        # fused ل+ال is written as one word
    assert strip_clitics("بالعاصمة") == "عاصمة"


@settings(max_examples=500, deadline=None)
@given(st.text("وفبلكالسمدر", max_size=8))
def test_a_word_loses_the_first_proclitic_cluster_that_leaves_three_letters(word):
    """Every word of every text and query goes through strip_clitics: trying only the clusters that open with the
    word's first letter must peel what trying all of them in order (longest first) peeled."""
    first = next((p for p in PROCLITICS if word.startswith(p) and len(word) - len(p) >= 3), "")
    assert strip_clitics(word) == word[len(first):]


@settings(max_examples=400, deadline=None)
@given(st.text("اب .؟!«»\"\n٣3", max_size=120), st.integers(1, 4))
def test_the_first_sentences_are_the_first_of_all_the_sentences(text, k):
    """A story's summary and timeline read an article's first sentences: stopping there must give what splitting
    the whole text gives, quotes and paragraphs included."""
    assert sentences(text, limit=k) == sentences(text)[:k]


def test_search_terms_meet_across_variants_and_clitics():
    assert index_terms("فايز السراج") == index_terms("فائز السراج")
    assert index_terms("والسراج") == index_terms("السراج")
    assert index_terms("بموسكو") == index_terms("موسكو")
