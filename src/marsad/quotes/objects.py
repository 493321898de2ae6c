"""Where a statement with no إن/أن starts, and the words that are reporting verbs only where a clause starts.

Much of Saudi and Gulf news reports speech with a noun or a preposition after the verb ("أعرب عن أمله في",
"أشاد بالجهود", "حذر من", "مؤكدا أهمية"): `object_anchor` finds where that content starts, as
data/quote_cues.tsv says each verb takes it, past the verb's subject. And some words are reporting verbs only
where a clause starts ("وبيّن الزهراني أن" is "بين", between, elsewhere; "وطالب عدد من المواطنين بـ" is "طالب",
a student): `clause_verb` tells them apart from their context, which `cues.cue_at` does not see.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from ..arabic.normalize import normalize, normalize_word
from ..document import Entity
from ..entities.lexicon import title_words
from .content import _AGAIN, _GOD
from .cues import _cue_at, _norm_set, _PRONOUN_SUFFIXES, stance_nouns, takes
from .words import _CLOSING, COPULAS, ORG_ANAPHORA, PER_ANAPHORA, STYLE_WORDS, _is_title_word

if TYPE_CHECKING:
    from .attribution import _Doc

_RELATIVE = _norm_set("التي الذي الذين")
_OPENERS = _norm_set("""كما فيما بينما حيث ثم لكن لكنه لكنها وقد قد فقد كذلك جانبه جانبها جانبهم جهته جهتها جهتهم
بدوره بدورها بدورهم""")
# every form of those words, so an article's scan sees them (`_Doc.cue_words`)
_BETWEEN = _norm_set("بين وبين فبين طالب وطالب فطالب أبان وأبان فأبان عبر وعبر فعبر طلب وطلب فطلب")
# words that are reporting verbs only where a clause starts: "وبيّن الزهراني أن" (explained) is "بين" (between)
# elsewhere, "وطالب عدد من المواطنين بـ" (demanded) is "طالب" (a student)
_CLAUSE_VERB = {normalize(w): lemma for lemma, forms in (("بين", "بين وبين فبين"), ("طالب", "طالب وطالب فطالب"),
                                                          ("أبان", "أبان وأبان فأبان"), ("عبر", "عبر وعبر فعبر"),
                                                          ("طلب", "طلب وطلب فطلب"))
                for w in forms.split()}


def clause_verb(doc: _Doc, wi: int) -> tuple[str, bool, bool, bool] | None:
    """"وبيّن الزهراني أن", "وبين مدير المستشفى أن": the verb بيّن (explained), written with its shadda or
    opening a sentence or a clause with و; "بين" alone, or "X وبين Y", is the preposition. Not a form of
    `_cue_at`, which knows no context (every "بين" would stop a statement's content)."""
    lemma = _CLAUSE_VERB.get(doc.norms[wi])
    if lemma is None:
        return None
    w = doc.words[wi]
    before = doc.body[max(0, w[0] - 80):w[0]].rstrip()
    opens = not before or before[-1] in ".،,:؛\n" or normalize_word(before.split()[-1]) in _OPENERS
    if lemma == "عبر" and "\u0651" not in w[2] and \
            not re.match(r"[^:«“\"]{0,80}?(?<!\w)عن\s", doc.body[w[1]:w[1] + 90]):
        return None                          # "، عبر حسابه في تويتر: «…»": via, not "expressed … عن"
    if lemma == "طلب" and not re.match(r"(?:\s+[^\s.،,:؛]+){0,4}?\s+من(?:ه|ها|هم)?\s", doc.body[w[1]:w[1] + 80]):
        return None                          # "ثم طلب الاختلاء بمستشاريه": a request made, no one asked to do
    said_that = opens and doc.norms[wi] == "بين" and \
        re.match(r"(?:\s+[^\s.،,:؛و][^\s.،,:؛]*){1,4}?\s+(?:أن|أنه|أنها|أنهم|إن)\s", doc.body[w[1]:w[1] + 80])
    if (lemma in ("بين", "عبر") and "\u0651" in w[2]) or said_that or \
            (opens and (doc.norms[wi] not in ("بين", "ابان") or lemma == "طالب")):
        # "من جهته، بين راكان العنزي أنه": a subject then أن, no "و" of a second term ("بين الرياض وجدة")
        return (lemma, False, False, False)   # "وعبّر", "وأبان": verbs; "عبر حسابها" (via), "إبان" (during)
    return None


# how many words after the verb its object may start ("وأعرب سمو أمير المنطقة الأمير فيصل …، في تصريح له، عن",
# "أكد وزير التعليم الدكتور عزام الدخيل في بداية اجتماعه، اليوم، مع مديري التعليم في المملكة، على"),
# and the clitic-ب words that belong to a subject's title, not to the object ("مدير التعليم بمنطقة عسير")
_OBJECT_REACH = 16
_CLITIC_REACH = 14       # a stance noun or a clitic ب or ل that far is more often another clause's ("…، ضمن خطة
#                          لخفض فاتورة الدعم") than the object; only a governed preposition is looked for beyond
_TITLE_PLACES = _norm_set("""بمنطقة بالمنطقة بمحافظة بالمحافظة بمدينة بالمدينة بوزارة بالوزارة بجامعة بالجامعة بإدارة
بالإدارة بهيئة بالهيئة بالمملكة بمستشفى بالمستشفى بمجلس بالمجلس بشركة بالشركة بكلية بالكلية بمركز بالمركز بأمانة
بالأمانة ببلدية بالبلدية بن بنت باسم بالنيابة بالإنابة بالنادي بنادي بالاتحاد باتحاد بمكتب بالمكتب بقسم بالقسم
بمعهد بالمعهد بفرع بالفرع بمؤسسة بالمؤسسة بالرياض بجدة بمكة بالدمام""")
# words after a subject that do not open its object: a time, a preposition, a relative or a title's continuation
_NOT_OBJECT = _norm_set("""اليوم أمس غدا مساء صباح الليلة في من على عن إلى الى مع خلال عبر أمام لدى الذي التي الذين
أيضا كذلك بدوره بدورها رسميا مؤخرا قبل بعد منذ حتى أن إن الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت
الأحد""")
# verbal nouns that start with ب, objects though ب is also a preposition ("أعلنت الوزارة بلوغ", "بدء")
_B_NOUNS = _norm_set("بدء بلوغ بقاء بناء بحث بيع بذل بطلان بسط لجوء لزوم")
_SUBORDINATE = re.compile(r"(?<!\w)(?:قبل|بعد|دون|حتى|من|المنتظر|المقرر|المتوقع|المفترض|المرتقب)\s+(?:أن\s+)?$")
_STANCE_CLITICS = ("", "ال", "ب", "بال", "ل", "لل", "و", "وال")


def _stance_at(n: str) -> bool:
    """Whether a word (matching form) is a stance noun, with its clitics and a pronoun ending."""
    nouns = stance_nouns()
    for c in _STANCE_CLITICS:
        if not n.startswith(c):
            continue
        stem = n[len(c):]
        if stem in nouns or any(stem.endswith(x) and stem[:-len(x)] in nouns for x in _PRONOUN_SUFFIXES) or \
                (stem.endswith("ت") and stem[:-1] + "ه" in nouns) or \
                any(stem.endswith("ت" + x) and stem[:-len(x) - 1] + "ه" in nouns for x in _PRONOUN_SUFFIXES):
            return True
    return False


def object_anchor(doc: _Doc, cue, s_end: int) -> int | None:
    """Where the content of a cue with no complementizer starts: its object ("أعرب عن أمله في …", "أشاد
    بالجهود …", "حذر من …", "مؤكدا أهمية …"), as data/quote_cues.tsv says each verb takes it: the first governed
    preposition or stance noun within reach, past the verb's subject ("وأشاد مدير التعليم بمنطقة عسير بالجهود":
    not a ب of a title, not inside a name), or for a verb taking any noun the word right after its participle or
    after the person or body that is its subject. None within a time clause, a relative clause, an attribution
    ("وفق ما أعلنت") or a purpose ("لتكشف"), or before another reporting verb."""
    c_start, c_end, lemma, _, participle, _, suffixed = cue
    how = takes().get(lemma)
    if suffixed:
        return None                          # "ما أكدته مصادر دبلوماسية": its object is the pronoun
    if lemma == "بين" and not participle:
        return None                          # "وبين وعود … وشكاوى …": only "بيّن أن" is sure to be the verb
    if how is None or _SUBORDINATE.search(doc.body, max(0, c_start - 16), c_start) or \
            doc.prev_word(c_start) in _RELATIVE or doc.prev_word(c_start) == "ما" or normalize_word(cue[5])[:1] == "ل":
        # "قبل أن يعلن عن ركلة جزاء" (an act in a time clause), "الرئيس الذي دعا إلى الحوار" (a relative
        # clause says it of someone), "وفق ما أعلنت الوزارة" (an attribution names it), "لتكشف خبايا ماضيها"
        # (a purpose): no statement of its own
        return None
    if participle and not _opens_clause(doc, c_start, cue[5]):
        return None                          # "معلومات مؤكدة": an adjective, not "، مؤكدا أهمية"
    k0 = doc.word_index(c_end)
    words = doc.words
    subject_ended = None                     # the word after the subject's name: a noun object may start there
    if how.noun and not participle and k0 < len(words) and entity_at(doc, words[k0][0]) is None and \
            not _present(cue[5], lemma):
        subject_ended = _unnamed_subject_end(doc, k0)
        if subject_ended is None and _when_said(doc, k0) and normalize_word(cue[5])[:1] not in "وف":
            subject_ended = k0               # "وكانت مايكروسوفت قد أعلنت قبل عام اعتزامها": its subject before it
    if how.noun and k0 + 1 < len(words) and doc.norms[k0] in _TO_THEM and _opens_noun(doc, k0 + 1, "وبل"):
        return words[k0 + 1][0]               # "وتمنى لهم الشفاء العاجل": to whom, then what
    if how.noun and not participle and k0 + 1 < len(words) and doc.norms[k0] in _IN_IT and \
            _opens_noun(doc, k0 + 1, "و"):
        return words[k0 + 1][0]               # "أصدرت الوزارة بيانا أوضحت فيه تسجيل حالات": in it, its object
    for k in range(k0, min(len(words), k0 + _OBJECT_REACH)):
        w_start, n = words[k][0], doc.norms[k]
        if w_start >= s_end or (k > k0 and re.search(r"[.:؛!؟?]", doc.body[words[k - 1][1]:w_start]) and
                                not _initial_point(doc, k - 1)):
            return None                      # not the point of "د." (doctor) before a name
        if k == subject_ended and how.noun and not participle and (when := _when_said(doc, k)):
            subject_ended = k + when          # "وأعلن الاتحاد الكويتي أمس الاثنين تأجيل", "وأكدت الهيئة مجددا"
            continue                          # (before the cue test: "مجددا" is a participle too)
        if how.stance and _stance_at(n) and k - k0 < _CLITIC_REACH:
            return w_start                   # before the test below: "شكره" is a stance noun and a verb
        if k > k0 and _cue_at(words[k][2]) and n not in how.preps:
            return None                      # another reporting verb: its own statement
        ent = entity_at(doc, w_start)
        if ent is not None:
            if ent.type in ("PER", "ORG") and (subject_ended is None or subject_ended <= k):
                subject_ended = doc.word_index(ent.end)   # "أعلنت اللجنة العامة للانتخابات اكتمال استعداداتها"
            continue
        if k == subject_ended and how.noun and not participle and (n in _TITLE_PLACES or n in _IN) and \
                (past := _past_place(doc, k)) is not None:
            subject_ended = past                  # "الإدارة العامة للتعليم بمنطقة الجوف البدء": where it is
            continue
        if n in how.preps and k > k0 and _title_before(doc.norms[k - 1], n):
            continue                         # "وأكد المشرف على قاعة مهارة، يوسف الدهمشي، أنه": the title's "على"
        if n in how.preps and k + 1 < len(words) and (n != "من" or k > k0 or lemma == "طلب") and \
                doc.norms[k + 1] != "لسان":     # "وطلب من الراغبين": whom a request asks comes right after it
            return words[k + 1][0]           # not "على لسان ممثلها": the one who speaks for the subject
        clitic = next((c for c in ("ب", "ل") if c in how.preps and n.startswith(c) and (len(n) > 3 or n == "بما")),
                      None)
        if clitic and n not in _TITLE_PLACES and entity_at(doc, w_start + 1) is None and k - k0 < _CLITIC_REACH:
            return w_start + 1
        if how.noun and ((k == k0 and participle and n[:1] != "ب" and n != "في") or
                         (k == subject_ended and n not in _NOT_OBJECT and (n[:1] != "و" or n in _W_NOUNS) and
                          (not n.startswith(("ب", "ل")) or n in _B_NOUNS))):
            return w_start                   # "شاكرا الجميع", "نفى الوزير وجود": the verb's object
    return None


_IN = _norm_set("في فى")
_IN_IT = _norm_set("فيه فيها")
_TO_THEM = _norm_set("له لها لهم لهن لنا")
# verbal nouns that start with و, objects though و is also "and" ("أوضح الناطق وقوع حادث")
_W_NOUNS = _norm_set("وقوع وجود وصول وضع وفاة وقف ورود")
# when a statement was made, between its subject and its object ("أمس الاثنين", "قبل عام", "في وقت سابق")
_WHEN_SAID = _norm_set("""اليوم أمس امس غدا مساء صباح الليلة الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت
الأحد الماضي الجاري رسميا مجددا أيضا ايضا""")
_AGO = _norm_set("قبل منذ")
_UNITS = _norm_set("عام سنة شهر أسبوع يوم يومين أيام أسابيع أشهر شهور سنوات أعوام ساعات ساعة عامين شهرين")
_EARLIER = (_IN, _norm_set("وقت"), _norm_set("سابق لاحق"))


def _opens_noun(doc: _Doc, k: int, not_first: str) -> bool:
    """Word k, right after the word before it, can open a noun object: a word, no time or particle, and not
    opened by one of the letters `not_first` (و of a new clause, ب or ل of a preposition)."""
    n = doc.norms[k]
    return doc.joined(k) and n not in _NOT_OBJECT and n.isalpha() and n[:1] not in not_first


def _initial_point(doc: _Doc, k: int) -> bool:
    """Word k is one letter with a point after it: a title's initial ("د." doctor, "م." engineer)."""
    return len(doc.norms[k]) == 1 and doc.body[doc.words[k][1]:doc.words[k][1] + 1] == "."


_ACTING = _norm_set("بالإنابة بالنيابة بالوكالة")


def _past_place(doc: _Doc, k: int) -> int | None:
    """The word after a place that follows a subject at word k ("بمنطقة الجوف", "في أستراليا", "في المملكة
    العربية"): its name, and a nisba after a definite one; None when "في" opens no place the recognizer knows:
    a field in a title ("الخبير المغربي في علم الأوبئة يونس بنعلي"), an occasion ("في بداية اجتماعه")."""
    if doc.norms[k] in _ACTING:
        return k + 1                          # "القنصل السعودي العام بالإنابة في مدينة …": acting, no place
    if doc.norms[k] in _IN and k + 1 < len(doc.words):
        i = bisect.bisect_left(doc.place_starts, doc.words[k + 1][0])
        if i == len(doc.place_starts) or doc.place_starts[i] != doc.words[k + 1][0]:
            return None
    j = k + 2
    if j < len(doc.words) and doc.joined(j) and doc.norms[k + 1].startswith("ال") and \
            doc.norms[j].startswith("ال") and doc.norms[j].endswith(("يه", "ي")):
        j += 1
    return j


def _when_said(doc: _Doc, k: int) -> int:
    """How many words at k say when a statement was made, between its subject and its object ("أمس الاثنين",
    "في وقت سابق"): 0 when none."""
    norms = doc.norms
    if norms[k] in _WHEN_SAID:
        return 1
    if k + 1 < len(norms) and norms[k] in _AGO and norms[k + 1] in _UNITS and doc.joined(k + 1):
        return 2                               # "قد أعلنت قبل عام اعتزامها"
    if k + 2 < len(norms) and all(norms[k + i] in _EARLIER[i] for i in range(3)) and doc.joined(k + 1) and \
            doc.joined(k + 2):
        return 3
    return 0


_PEOPLE_PLURALS = _norm_set("أهالي اهالي سكان مسؤولو مسؤولي ممثلو موظفو أعضاء طلاب مشجعو رواد")
_NOT_MASDAR = _norm_set("ما من مما عما هذا هذه ذلك تلك هو هي هم كل بعض")


def _title_before(n: str, prep: str) -> bool:
    """A title whose complement a preposition opens ("المشرف على", "المسؤول عن", "المدير على"); "عن" only after
    one responsible for something, not "وأعرب المدرب عن سعادته"."""
    bare = n[2:] if n.startswith("ال") else n
    if prep == "عن":
        return bare in _RESPONSIBLE
    return bare in PER_ANAPHORA or bare in _TITLE_COMPLEMENTED


_TITLE_COMPLEMENTED = _norm_set("مسوول مسؤول مسئول مسؤولة مشرفة القائم القائمين وكيل")
_RESPONSIBLE = _norm_set("مسوول مسؤول مسئول مسؤولة مسؤولين مسؤولون متحدث متحدثة ناطق ناطقة")


def _present(surface: str, lemma: str) -> bool:
    """A present-tense form ("تقدّر", "يتوقع", "تتوقع"; not "توقعت"): an ongoing assessment, whose first noun is
    as often its object as its subject."""
    n = normalize_word(surface)
    n = n[1:] if n[:1] in "وف" and len(n) > 3 else n
    lem = normalize(lemma)
    return n[:1] == "ي" or (n[:1] == "ت" and (not lem.startswith("ت") or n.startswith("ت" + lem)))


def _unnamed_subject_end(doc: _Doc, k0: int) -> int | None:
    """Where a subject that names no entity ends, so that an indefinite noun after it is the verb's object:
    "أكدت المقاومة الشعبية في اليمن سقوط قتلى", "وأظهر مسح رسمي انخفاض": a definite noun and its definite
    adjectives, or an indefinite one with its nisba adjectives, and one place after "في". None when word k0 cannot
    open such a subject (an indefinite noun with a complement is more often the object: "وتعتبر توحيد المؤسسات")."""
    words, norms = doc.words, doc.norms
    n = norms[k0]
    if n in _NOT_OBJECT or not n.isalpha() or len(n) < 3 or n[:1] in "بلو" and not n.startswith("ال"):
        return None
    if n in STYLE_WORDS or n in PER_ANAPHORA:
        return None                          # "أكد سماحة مفتي عام المملكة … الشيخ فلان على": a titled person
    k = k0 + 1
    definite = n.startswith("ال")
    if not definite and k < len(words) and doc.joined(k) and norms[k].startswith("ال") and \
            norms[k] not in _NOT_OBJECT and (n.endswith("ات") or n in ORG_ANAPHORA or n in _PEOPLE_PLURALS):
        k += 1                               # "أعلنت مستشفيات المنطقة حالة استنفار", "وتوقعت أمانة الطائف كسر":
        definite = True                      # a body or a plural and its genitive
    elif not definite:
        if k >= len(words) or not doc.joined(k) or norms[k] in _NOT_OBJECT or not norms[k].endswith(("ي", "يه")):
            return None                      # "أكد موقف بلاده", "وتعتبر توحيد المؤسسات": the noun is the object
        k += 1
    while k < len(words) and k - k0 < 5 and doc.joined(k) and norms[k] not in _NOT_OBJECT and \
            (norms[k].startswith("ال") if definite else norms[k].endswith(("ي", "يه"))):
        k += 1                               # "الشعبية", "رسمي": its adjectives
    if k + 1 < len(words) and norms[k] == "في" and doc.joined(k) and doc.joined(k + 1) and \
            norms[k + 1].startswith("ال") and norms[k + 1] not in _NOT_OBJECT:
        k += 2                               # "في اليمن": where it is
    if k >= len(words) or not (doc.joined(k) or doc.body[words[k - 1][1]:words[k][0]].strip() in ("،", ",")) or \
            norms[k].startswith("ال") or norms[k] in _NOT_MASDAR:
        return None                          # "ووصف المواطنون ما قامت به الشركة": what they describe, no content;
    return k                                 # "أكدت المقاومة الشعبية في اليمن، سقوط قتلى": a comma may come first



def subject_goes_on(doc: _Doc, at: int, c_end: int) -> bool:
    """Whether the noun `object_anchor` took at `at` is not what was said: the named subject's title in apposition
    ("أكد صباح الزمهري مدير السجون بمنطقة المدينة المنورة، أن", "أوضح الدكتور مساعد الأحمد المشرف العام على
    البرنامج أن"), a body's nisba ("أعلن مانشستر يونايتد الإنجليزي اليوم أنه"), or God asked, after a subject or a
    participle ("وسأل فيصل بن بندر الله العلي القدير أن يعيده"، "سائلين المولى عز وجل أن"). With a complementizer
    after it, what he said starts at the أن; with none, after the comma that closes the title (`past_apposition`)."""
    k = doc.word_index(at)
    if k == 0 or doc.words[k][0] != at:
        return False
    n = doc.norms[k]
    if n in _GOD:
        return True                          # "سائلين الله العلي القدير أن", "داعيا المولى عز وجل أن"
    gap = doc.body[doc.words[k - 1][1]:at].strip()
    named = entity_at(doc, doc.words[k - 1][0])
    if named is None or named.start < c_end or gap not in ("", "،", ","):
        return False
    if named.type == "PER" and (_is_title_word(n) or n in title_words()):
        return True
    return n.startswith("ال") and n.endswith(("ي", "يه")) and not gap and len(n) > 4


def past_apposition(doc: _Doc, at: int, end: int) -> int:
    """Where the object starts after a title in apposition that a comma closes ("وأدان الملك عبد الله الثاني ملك
    المملكة الأردنية الهاشمية، التفجير", "وأشاد فلان مدير التعليم بمنطقة عسير، بالجهود"): the word after the
    comma when it can open one (a definite noun, with or without a clitic ب); `at` itself when no such comma follows
    within a few words (the title's end is then unknown: "سفير المملكة في مصر جهود")."""
    k = doc.word_index(at)
    for j in range(k + 1, min(len(doc.words), k + _TITLE_REACH)):
        if doc.words[j][0] >= end:
            break
        gap = doc.body[doc.words[j - 1][1]:doc.words[j][0]]
        if re.search(r"[.:؛!؟?«»“”\"]", gap):
            break
        if "،" in gap or "," in gap:
            n = doc.norms[j]
            clitic = 1 if n[:1] == "ب" and n[1:3] == "ال" else 0
            if not n[clitic:].startswith("ال") or n[clitic:] in _NOT_OBJECT:
                return at
            return doc.words[j][0] + clitic          # "بالجهود": the object after its ب
    return at


_TITLE_REACH = 10       # words a title in apposition runs to its comma ("المدير الفني لمنتخب سوريا الأول لكرة القدم،")


def _opens_clause(doc: _Doc, c_start: int, surface: str) -> bool:
    """A participle that opens its own clause: after a comma or a conjunction ("، مشيرا إلى", "ومؤكدا")."""
    n = normalize_word(surface)
    if (n[:1] == "و" and n[1:2] == "م") or n in _CLOSING:
        return True                          # "ومؤكدا", and the courtesies that close a statement anywhere
    if n.endswith("ا") and n[:1] == "م" and n not in _AGAIN and doc.prev_word(c_start) not in COPULAS:
        return True                          # "… بهذا الشأن معتبرا بيع التمثال": in the accusative, the speaker's
        #                                      circumstance (content.py cuts the statement before it there too);
        #                                      not "سيكون مطالبا بدفع تعويض" (will be required to pay)
    before = doc.body[max(0, c_start - 4):c_start].rstrip()
    return not before or before[-1] in "،,.:؛\n"


def entity_at(doc: _Doc, pos: int) -> Entity | None:
    i = bisect.bisect_right(doc.ent_starts, pos) - 1
    return doc.people[i] if i >= 0 and doc.people[i].start <= pos < doc.people[i].end else None
