"""The reporting cues and how each takes its content, read from data/quote_cues.tsv and data/quote_stance.txt.

A cue is found by its form ("أكدت", "مشيرا", "يرى"); its content usually opens with إن/أن, a colon or a quotation
mark, but much of Saudi and Gulf news reports speech with a noun or a preposition instead ("أعرب عن أمله في",
"أشاد بالجهود", "حذر من", "نفى وجود"): the third column says which of these each verb takes, so that a new verb
is a line of data, not a rule."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..arabic.normalize import normalize, normalize_word


@dataclass(frozen=True)
class Takes:
    """How a verb takes its content without a complementizer."""

    preps: frozenset[str]          # governed prepositions, standalone ("عن", "إلى") or clitic ("ب", "ل")
    stance: bool                   # a stance noun ("أمله", "ضرورة")
    noun: bool                     # any noun after the subject ("نفى وجود", "أعلنت السلطات تنفيذ")

    @property
    def any(self) -> bool:
        return bool(self.preps or self.stance or self.noun)


def _rows() -> list[list[str]]:
    text = resources.files("marsad.data").joinpath("quote_cues.tsv").read_text(encoding="utf-8")
    return [ln.split("\t") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=1)
def cue_lemmas() -> dict[str, str]:
    """Every cue form, in matching form → its lemma; a participle's feminine and plural are derived from its
    masculine ("مشيدا" → "مشيدة", "مشيدين")."""
    out: dict[str, str] = {}
    for row in _rows():
        for form in row[1].split():
            for f in (form, *participle_forms(form)):
                out.setdefault(normalize(f), row[0])
    return out


def participle_forms(form: str) -> tuple[str, ...]:
    """The feminine and the plural of an active participle written in the accusative ("مشيدا": "مشيدة",
    "مشيدين"; "شاكرا": "شاكرة", "شاكرين"; "متمنيا": "متمنية", "متمنين"); none for another form."""
    if not form.endswith("ا") or len(form) < 5 or not (form.startswith("م") or form[1] == "ا"):
        return ()                            # "مشيدا", "شاكرا", "قائلا"; not a verb ("دعا")
    if form.endswith("يا"):
        return form[:-1] + "ة", form[:-2] + "ين"       # "متمنيا": "متمنية", "متمنين"
    return form[:-1] + "ة", form[:-1] + "ين"


@lru_cache(maxsize=1)
def takes() -> dict[str, Takes]:
    """Lemma → how it takes its content with no complementizer (lemmas that need one are left out)."""
    out: dict[str, Takes] = {}
    for row in _rows():
        marks = row[2].split() if len(row) > 2 else []
        t = Takes(frozenset(normalize(m) for m in marks if m not in "~*"), "~" in marks, "*" in marks)
        if t.any:
            out.setdefault(row[0], t)
    return out


@lru_cache(maxsize=1)
def stance_nouns() -> frozenset[str]:
    text = resources.files("marsad.data").joinpath("quote_stance.txt").read_text(encoding="utf-8")
    return frozenset(normalize(w) for ln in text.splitlines() if not ln.startswith("#") for w in ln.split())


def norm_set(words: str) -> frozenset[str]:
    """Space-separated words in matching form."""
    return frozenset(normalize(w) for w in words.split())


_norm_set = norm_set

CUE_LEMMA: dict[str, str] = cue_lemmas()
CONTINUATION = _norm_set("أضاف أضافت مضيفا مضيفة تابع تابعت متابعا متابعة أردف أردفت مردفا أكمل أكملت استطرد مستطردا "
                         "يضيف تضيف")
# participles whose feminine and plural are derived (cues.participle_forms), beside those written out below
_DERIVED_FROM = "مشيدا مثمنا متمنيا شاكرا معبرا مطالبا مبديا منوها مؤكدا مشيرا موضحا محذرا داعيا لافتا مشددا"
PARTICIPLES = _norm_set("""مضيفا مضيفة مضيفين مؤكدا مؤكدة مؤكدين مشيرا مشيرة مشيرين موضحا موضحة معتبرا معتبرة
معتبرين متابعا متابعة لافتا لافتة مشددا مشددة محذرا محذرة داعيا داعية نافيا نافية كاشفا كاشفة معربا معربة
مردفا مستطردا مطالبا مطالبة قائلا قائلة قائلين واصفا واصفة مرجحا مرجحة مستدركا مستدركة مبينا مبينة مبرزا مبرزة
مبديا مبدية منبها منبهة منوها منوهة مستبعدا مستبعدة متعهدا مهددا مشيدا مشيدة متسائلا معلنا معلنة مجددا مجددة
متوقعا متوقعة متهما متهمة زاعما مختتما مصرحا مصرحة ذاكرا مفيدا مقرا معترفا مقدرا
عازيا واعدا مثنيا مثنية مثمنا مثمنة معبرا معبرة شاكرا شاكرة متمنيا متمنية سائلا منددا منتقدا منتقدة مقترحا مقترحة
موصيا متطرقا مقدما رافعا""") | frozenset(normalize(f) for w in _DERIVED_FROM.split() for f in participle_forms(w))
# every masculine participle's feminine and plural ("معربا": "معربة", "معربين"), as cue_lemmas knows them
PARTICIPLES = PARTICIPLES | frozenset(f for w in PARTICIPLES for f in participle_forms(w) if f in CUE_LEMMA)
_PRONOUN_SUFFIXES = ("هما", "هم", "ها", "ه")

_NOT_CUES = frozenset(normalize(w) for w in "رؤية لرؤية برؤية ورؤية الرؤية رؤيته رؤيتها".split())


@lru_cache(maxsize=131072)
def _cue_at(word: str) -> tuple[str, bool, bool, bool] | None:
    """(lemma, is_continuation, is_participle, has_object_pronoun) if the word is a reporting cue, with an optional
    و/ف (or ل before a present verb: "ليزعم") in front, an object pronoun after ("وصفته", "أبلغها") or the plural
    ending ("ذكروا")."""
    n = normalize_word(word)
    if n in _NOT_CUES:
        return None                          # "لرؤية" (to see) is no "روى" with a pronoun
    stems = [(n, False)]
    if n[:1] in "وفل" and len(n) > 3:
        stems.append((n[1:], False))
    for s, _ in list(stems):
        for suf in _PRONOUN_SUFFIXES:
            if s.endswith(suf) and len(s) - len(suf) >= 3:
                stems.append((s[:-len(suf)], True))
        if s.endswith("وا") and len(s) >= 5 and (not s.startswith("ت") or CUE_LEMMA.get(s[:-2]) and
                                                  normalize(CUE_LEMMA[s[:-2]]) == s[:-2]):
            stems.append((s[:-2], False))    # "ذكروا", "توقعوا"; "تقولوا" speaks to the reader (a present form)
    for form, suffixed in stems:
        lemma = CUE_LEMMA.get(form)
        if lemma:
            return lemma, form in CONTINUATION, form in PARTICIPLES, suffixed
    return None


# every form `_cue_at` can accept, so the scan of an article's words is one set lookup per word
_CUE_FORMS = frozenset(p + f + x for f in CUE_LEMMA for p in ("", "و", "ف", "ل")
                       for x in ("", "وا") + _PRONOUN_SUFFIXES)



@lru_cache(maxsize=65536)
def joined_by_and(word: str, lemma: str) -> bool:
    """Whether a cue form opens with a conjunction و/ف ("وأضاف", "ووصف", "فقال"), not with the first letter of its
    verb's root ("وجه", "وعد", "وصفت"): the form's first letter is the lemma's only when the root's, unless doubled."""
    n, lemma = normalize_word(word), normalize_word(lemma)
    return n[:1] in "وف" and not (lemma[:1] == n[:1] and n[1:2] != n[:1])


def cue_gender(word: str) -> str | None:
    """"F" for a feminine reporting verb or participle ("قالت", "تؤكد", "مضيفة"), "M" for a masculine one
    ("قال", "يؤكد", "مضيفا"), None when the form does not say (plurals, "أكد" with an object pronoun)."""
    n = normalize_word(word)
    if n[:1] in "وفل" and len(n) > 3 and n[1:] in CUE_LEMMA:
        n = n[1:]
    if n not in CUE_LEMMA:
        return None
    if n in PARTICIPLES:
        return "F" if n.endswith("ه") else "M" if n.endswith("ا") else None
    if n.endswith("ت") and n[:-1] in CUE_LEMMA:
        return "F"
    if n.startswith("ت") and "ي" + n[1:] in CUE_LEMMA:
        return "F"
    if n.startswith("ي") or n + "ت" in CUE_LEMMA:
        return "M"
    return None
