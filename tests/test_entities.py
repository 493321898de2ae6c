"""Entities: the trained tagger, name keys for spelling variants, titles kept apart, corpus-level linking.

Arabic sentences here are written for these tests (invented, in the style of news wires)."""

from __future__ import annotations

import json

import marsad
from marsad.entities.linking import link
from marsad.entities.names import name_key
from marsad.entities.recognize import recognize
from marsad.entities.tagger import bio_spans, default_tagger
from marsad.pipeline import entity_id


def test_spelling_variants_of_a_name_share_one_key():
    same = [("سيرغي لافروف", "سيرجي لافروف"), ("فائز السراج", "فايز السراج"), ("كوزنتسوف", "كوزنيتسوف"),
            ("أنطونيو غوتيريش", "انطونيو جوتيريش"), ("أردوغان", "أردوجان"), ("ميركل", "ميركيل"),
            ("خليفة حفتر", "خليفه حفتر")]
    for a, b in same:
        assert name_key(a) == name_key(b), (a, b)
    # Arabic given names that differ by a long vowel or by ق/ج are different names
    for a, b in [("محمود عباس", "محمد عباس"), ("سليمان", "سلمان"), ("قاسم", "جاسم"), ("حسين", "حسن")]:
        assert name_key(a) != name_key(b), (a, b)


def test_bio_spans_follow_conlleval():
    assert bio_spans(["B-PER", "I-PER", "O", "I-LOC", "B-ORG", "I-PER"]) == \
        [(0, 2, "PER"), (3, 4, "LOC"), (4, 5, "ORG"), (5, 6, "PER")]


def test_the_trained_tagger_finds_names_it_never_saw_in_context():
    tags = marsad.tag_tokens("وقال رئيس الوزراء الكندي جاستن ترودو في برلين إن حكومته ستدعم الخطة .".split())
    assert tags[4:6] == ["B-PER", "I-PER"]
    assert tags[7] == "B-LOC"
    # batches give the same tags as single sentences
    sents = [s.split() for s in ["التقى الرئيس التونسي قيس سعيد وفدا من صندوق النقد الدولي .",
                                 "وصل وزير الخارجية إلى بغداد ."]]
    assert default_tagger().tag_batch(sents) == [marsad.tag_tokens(s) for s in sents]


def test_titles_stay_apart_and_clitics_are_peeled_from_unknown_names():
    text = ("أعلن وزير الطاقة الجزائري محمد عرقاب أن الإنتاج سيرتفع. وأضاف عرقاب أن الاتفاق قائم، "
            "والتقى وعرقاب بنظيره في الجزائر العاصمة.")
    ents = recognize(text)
    full = [e for e in ents if e.name == "محمد عرقاب"]
    assert full and full[0].type == "PER" and full[0].title == "وزير الطاقة الجزائري"
    assert full[0].text == "وزير الطاقة الجزائري محمد عرقاب"
    short = [e for e in ents if e.name == "عرقاب"]
    assert len(short) == 2 and all(e.canonical == "محمد عرقاب" for e in short)


def test_an_organization_inside_a_title_is_part_of_the_title():
    text = "وقال رئيس حكومة الوحدة الوطنية عبد الحميد الدبيبة إن الانتخابات ستجرى في موعدها."
    ents = recognize(text)
    per = [e for e in ents if e.type == "PER"]
    assert per and per[0].name == "عبد الحميد الدبيبة" and per[0].title == "رئيس حكومة الوحدة الوطنية"
    assert not [e for e in ents if e.type == "ORG" and "الوحدة" in e.name]


def test_corpus_linking_joins_variants_and_bare_surnames():
    rows = [("a", "PER", "سيرغي لافروف", 5), ("b", "PER", "سيرجي لافروف", 2), ("c", "PER", "لافروف", 4),
            ("d", "PER", "جون سميث", 2), ("e", "PER", "آدم سميث", 2), ("f", "PER", "سميث", 3),
            ("g", "LOC", "موسكو", 7)]
    m = link(rows, entity_id)
    assert m["a"] == m["b"] == m["c"] == (entity_id("PER", "سيرغي لافروف"), "سيرغي لافروف")
    assert m["f"][1] == "سميث"                 # two full names end in it: ambiguous, left alone
    assert m["g"] == (entity_id("LOC", "موسكو"), "موسكو")
    assert entity_id("PER", "سيرجي لافروف") == entity_id("PER", "سيرغي لافروف")


def test_entities_json_links_articles_that_spell_the_name_differently(tmp_path):
    from typer.testing import CliRunner

    from marsad.cli import app
    docs = [
        {"id": "1", "url": "https://a.example/1", "site": "أ", "date": "2024-03-01", "title": "محادثات في موسكو",
         "text": "قال وزير الخارجية الروسي سيرغي لافروف إن المحادثات مع أنقرة مستمرة. وأضاف لافروف أن موسكو "
                 "تنتظر الرد التركي قبل نهاية الأسبوع المقبل، مشيرا إلى أن الوفدين سيلتقيان مجددا."},
        {"id": "2", "url": "https://b.example/2", "site": "ب", "date": "2024-03-02", "title": "لافروف يحذر",
         "text": "حذر سيرجي لافروف من تصعيد جديد في المنطقة، وقال رئيس الدبلوماسية الروسية إن بلاده لن تقبل "
                 "بأي تدخل خارجي في الأزمة، مؤكدا أن الحل سياسي."},
        {"id": "3", "url": "https://c.example/3", "site": "ج", "date": "2024-03-03", "title": "تصريحات جديدة",
         "text": "جدد لافروف دعوته إلى الحوار بين الأطراف، معتبرا أن الوقت ما زال متاحا للتوصل إلى اتفاق "
                 "ينهي الأزمة في المنطقة بشكل نهائي."},
    ]
    src = tmp_path / "dump.jsonl"
    src.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs), encoding="utf-8")
    db = str(tmp_path / "m.db")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(src), "--db", db]).exit_code == 0
    out = runner.invoke(app, ["entities", "--db", db, "--json", "--type", "PER"])
    ents = json.loads(out.stdout)
    lav = [e for e in ents if "لافروف" in e["canonical"]]
    assert len(lav) == 1, lav
    assert lav[0]["articles"] == 3 and lav[0]["canonical"] in ("سيرغي لافروف", "سيرجي لافروف")
    assert {"سيرجي لافروف", "لافروف"} <= set(lav[0]["aliases"]) | {lav[0]["canonical"]}
    assert "وزير الخارجية الروسي" in lav[0]["titles"] and lav[0]["titles_by_outlet"]


def _found(text: str) -> set[tuple[str, str]]:
    return {(e.name, e.type) for e in recognize(text)}


def test_institutions_named_by_head_adjectives_and_complement():
    found = _found("وقالت المديرية العامة للحماية المدنية إن المعهد الوطني للرصد الجوي حذر من أمطار غزيرة، فيما "
                   "أعلن الجهاز المركزي للتعبئة العامة والإحصاء أرقامه. ولا يضمن الاتفاق حصة المؤسسة العسكرية.")
    assert {("المديرية العامة للحماية المدنية", "ORG"), ("المعهد الوطني للرصد الجوي", "ORG"),
            ("الجهاز المركزي للتعبئة العامة والإحصاء", "ORG")} <= found
    assert not any(name.startswith("المؤسسة") for name, _ in found)


def test_a_ministry_stops_where_another_body_is_coordinated():
    found = _found("بالتنسيق مع وزارة الصحة والسكان والهلال الأحمر المصري والسلطات المحلية، ووفق ما أعلنته "
                   "وزارة التجارة وترقية الصادرات.")
    assert {("وزارة الصحة والسكان", "ORG"), ("الهلال الأحمر المصري", "ORG"),
            ("وزارة التجارة وترقية الصادرات", "ORG")} <= found


def test_clubs_in_sports_news_and_their_repeats():
    text = ("وتوج فريق نسور الرافدين العراقي بلقب البطولة إثر فوزه في المباراة النهائية على نظيره أهلي الصحراء "
            "الجزائري بركلات الترجيح. وسجل لاعبو نسور الرافدين ركلاتهم الخمس، بينما أهدر لاعب أهلي الصحراء "
            "الركلة الأخيرة. وقال الحارس المصري إن الفريق قدم مباراة كبيرة.")
    ents = recognize(text)
    clubs = [e.name for e in ents if e.type == "ORG"]
    assert clubs.count("نسور الرافدين") == 2 and clubs.count("أهلي الصحراء") == 2
    assert not any("الحارس" in e.name for e in ents)


def test_a_description_after_a_name_is_kept_with_the_person():
    ents = recognize("وغادر عبد السلام الورشفاني، الرجل القوي في شرق ليبيا، جنيف صباح الثلاثاء. وقال العقيد معز "
                     "التريكي، المتحدث باسم الحماية المدنية، إن فرق الإنقاذ انتشلت جثتين.")
    people = {e.name: e for e in ents if e.type == "PER"}
    assert people["عبد السلام الورشفاني"].descriptors == ["الرجل القوي في شرق ليبيا"]
    assert people["معز التريكي"].title == "العقيد"
    assert people["معز التريكي"].descriptors == ["المتحدث باسم الحماية المدنية"]
    # places and bodies named inside a description are part of it, as inside a title
    assert {e.name for e in ents if e.type != "PER"} == {"جنيف"}


def test_quoted_names_after_what_they_name_and_newspapers_after_their_head():
    found = _found("أطلقت الجامعة النموذج اللغوي «ضاد»، في مداخلة مع برنامج \"مساء القاهرة\" على قناة \"المشهد\". "
                   "وكشفت صحيفة لوتان السويسرية تفاصيل الاتفاق، وفق ما أوردته لوتان.")
    assert {("ضاد", "MISC"), ("مساء القاهرة", "MISC"), ("المشهد", "ORG"), ("لوتان", "ORG")} <= found
    assert ("القاهرة", "LOC") not in found


def test_tagger_person_spans_stop_at_verbs_prepositions_and_common_words():
    found = _found("وقال شاهد لرويترز في قابس إن السيول جرفت السيارات. ونزح ملايين إلى دول الجوار. وقال "
                   "وزير المالية رؤوف بالحاج إن الحكومة ستعوض المتضررين، وأكد الوزير فراس العدوان أن القانون نافذ.")
    assert ("رويترز", "ORG") in found and ("رؤوف بالحاج", "PER") in found and ("فراس العدوان", "PER") in found
    assert not any(t == "PER" and ("شاهد" in n or "الجوار" in n) for n, t in found)


_SENTS = [s.split() for s in ["وقال وزير الخارجية الروسي سيرغي لافروف في موسكو إن المحادثات مع أنقرة مستمرة .",
                              "واستقبل الرئيس التونسي قيس سعيد في قرطاج وفدا من صندوق النقد الدولي ."]]


def _shipped_arrays() -> dict:
    from importlib import resources

    import numpy as np
    with resources.files("marsad.models").joinpath("ner.npz").open("rb") as fh, np.load(fh) as z:
        return {k: z[k] for k in z.files}


def test_an_ensemble_averages_the_emissions_and_transitions_of_its_members():
    import numpy as np

    from marsad.entities.tagger import MEMBER_KEYS, SHARED_KEYS, NumpyTagger, member_arrays
    a = _shipped_arrays()
    members = member_arrays(a)
    shared = {k: a[k] for k in SHARED_KEYS}
    singles = [NumpyTagger({**shared, **{k: m[k] for k in MEMBER_KEYS}}) for m in members]
    whole = NumpyTagger(a)
    assert whole.n_members == len(members) >= 2
    em, lengths = whole._emissions(_SENTS)
    parts = [t._emissions(_SENTS)[0] for t in singles]
    mask = np.arange(em.shape[1])[None, :] < lengths[:, None]
    assert np.allclose(em[mask], np.mean(parts, axis=0)[mask], atol=1e-4)
    assert np.allclose(whole.trans, np.mean([t.trans for t in singles], axis=0))
    # members differ (different seeds), so the average is not any one of them
    assert not np.allclose(parts[0][mask], parts[1][mask], atol=1e-2)


def test_the_character_cnn_computed_by_lookups_equals_the_convolution():
    """The tagger sums per-character filter tables instead of convolving windows of embeddings: same numbers."""
    import numpy as np

    from marsad.entities.tagger import default_tagger, member_arrays, word_form
    tagger = default_tagger()
    forms = [word_form(w) for w in ["لافروف", "وبموسكو", "كوزنيتسوف", "و", "2024", "IBM", "ڤاديم"]]
    got = tagger._char_features(forms)
    ids = tagger.feat.char_ids(forms)
    for k, m in enumerate(member_arrays(_shipped_arrays())):
        emb, w, b = m["char_emb"], m["conv_w"], m["conv_b"]               # w: (filters, dim, width)
        x = emb[ids]                                                      # (forms, length, dim)
        pad = w.shape[2] // 2
        xp = np.pad(x, ((0, 0), (pad, pad), (0, 0)))
        y = np.stack([np.einsum("uld,fd->ulf", xp[:, j:j + ids.shape[1]], w[:, :, j])
                      for j in range(w.shape[2])]).sum(0)
        y = y + b
        y[ids == 0] = -1e4
        ref = np.tanh(y.max(axis=1))
        n = ref.shape[1]
        assert np.allclose(got[:, k * n:(k + 1) * n], ref, atol=1e-5)


def test_institutions_keep_their_full_name_and_take_the_country_they_are_placed_in():
    ents = recognize("وأعربت وزارة الشؤون الخارجية والجالية الوطنية بالخارج عن قلقها.")
    assert [e.text for e in ents] == ["وزارة الشؤون الخارجية والجالية الوطنية بالخارج"]
    after = recognize("أعلن ديوان الإفتاء في تونس أن يوم الاثنين أول أيام رمضان.")
    assert [(e.text, e.canonical) for e in after if e.type == "ORG"] == [("ديوان الإفتاء", "ديوان الإفتاء التونسي")]
    before = recognize("وفي دمشق، أعلنت وزارة الأوقاف أن الاثنين أول أيام الشهر.")
    assert [(e.text, e.canonical) for e in before if e.type == "ORG"] == [("وزارة الأوقاف", "وزارة الأوقاف السورية")]


def test_a_person_span_ends_before_a_verbal_noun_and_a_nationality_alone_is_nobody():
    ents = recognize("وقال رئيس الوزراء محمد شياع السوداني الإغلاق سيستمر حتى نهاية الأسبوع.")
    assert [(e.name, e.type) for e in ents if e.type == "PER"] == [("محمد شياع السوداني", "PER")]
    assert [e for e in recognize("ورد الجزائري متحفظا على القرار.") if e.type == "PER"] == []


def test_a_known_family_name_after_another_given_name_is_another_person():
    other = recognize("وقال المتحدث باسم الشرطة يوهانس شولتس إن التحقيقات مستمرة.")
    assert [e.canonical for e in other if e.type == "PER"] == ["يوهانس شولتس"]
    known = recognize("وقال المستشار الألماني أولاف شولتس إن برلين تدعم الحوار. وأضاف شولتس أن الحل سياسي.")
    assert [e.canonical for e in known if e.type == "PER"] == ["أولاف شولتس", "أولاف شولتس"]


def test_a_weekday_after_an_organization_is_not_part_of_its_name():
    ents = recognize("وأعلنت وزارة الخارجية الروسية الثلاثاء أن الوفد غادر موسكو.")
    assert [e.text for e in ents if e.type == "ORG"] == ["وزارة الخارجية الروسية"]


def test_a_preposition_on_a_common_noun_starts_no_name():
    text = ("وقال الناطق الإعلامي بقيادة حرس الحدود بمنطقة تبوك العميد البحري عبدالله بن حمد الغرير إن الفرق "
            "أنقذت طفلا. وأكدت وزارة التعليم الآن أنها تنتظر اكتمال الإجراءات.")
    ents = recognize(text)
    assert [e.name for e in ents if e.type == "PER"] == ["عبدالله بن حمد الغرير"]
    assert "وزارة التعليم" in [e.text for e in ents if e.type == "ORG"]


def test_or_not_is_no_kunya():
    assert recognize("ولا نعرف هل سيحضر أم لا.") == []
    assert [e.text for e in recognize("وقالت أم عبدالعزيز إن الطبق قديم.")] == ["أم عبدالعزيز"]


def test_a_particle_after_a_title_word_is_no_name():
    """"إلى الأمام فإن نجاحها": الأمام folds to الإمام (a title) and فإن to the given name فان."""
    assert recognize("تمثل خطوة إلى الأمام فإن نجاحها لا يعتبر مضمونا.") == []


def test_a_body_or_place_does_not_end_in_the_verbs_preposition():
    text = "وأشار الجيش إلى أن عناصر من حزب العمال نصبوا كمينا للقافلة العسكرية."
    names = [(e.text, e.type) for e in recognize(text)]
    assert ("الجيش", "ORG") in names and not any(t.endswith("إلى") for t, _ in names)


def test_the_highest_praise_after_a_title_is_no_woman_named_asma():
    text = "ورفع رئيس الديوان أسمى آيات التهاني والتبريكات لمقام خادم الحرمين الشريفين بمناسبة العيد."
    assert not any(e.type == "PER" and "أسمى" in e.text for e in recognize(text))
