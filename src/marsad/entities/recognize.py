"""Entity mentions: the shipped gazetteer plus rules over Arabic news conventions.

This is the honest baseline the trained tagger (training/, issue "Entities") replaces or joins. It finds:
- gazetteer names (places, organizations, agencies, leaders) through clitics;
- people introduced by a title ("وزير الخارجية الروسي فاديم كوزنيتسوف", "العميد ميلاد الفرجاني") or by a
  known given name ("خليفة حفتر"), with the title kept apart from the name;
- organizations opened by a head noun ("وزارة الخارجية الروسية", "حكومة الوحدة الوطنية");
- later short mentions of a person ("الورشفاني", "ولافروف") linked to the full name seen earlier.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..arabic.normalize import normalize, normalize_word
from ..arabic.segment import WORD_RE, peel_proclitics, proclitic_forms, surface_cut
from ..document import Entity
from .gazetteer import Gazetteer, load

STOPWORDS = {normalize(w) for w in """
في من على إلى الى عن مع أن إن ان الذي التي الذين اللذين اللتين اللواتي قد لم لن لا ما ماذا هذا هذه هؤلاء ذلك تلك
كان كانت كانوا يكون تكون بعد قبل حتى منذ خلال عبر حول بين أمام وراء ضد لدى عند نحو أو أي كل بعض غير هو هي هم
هما نحن أنا أنت يوم اليوم أمس غدا عام العام شهر الشهر أسبوع الأسبوع سنة مساء صباح ليلة أيضا كما إذ إذا لكن لكنه
بل ثم حيث وفق وفقا بحسب حسب نقلا إثر اثر عقب أثناء بينما فيما بشأن إزاء جراء بسبب رغم وسط لدى عدة نحو قرابة حوالي
أكثر أقل أول ثاني الأول الثاني آخر الآخر جديد جديدة الجديد الجديدة مليون مليار ألف آلاف دولار دينار جنيه يورو
بالمئة المئة نسبة عدد ضمن مثل سواء فقط جدا دون بدون إلا الا لأن كي لكي ولا فلا ولم وقد فقد كذلك أيضاً هناك هنا
""".split()}
# Words that follow a titled subject as its predicate ("المشير مستعد لتوقيع", "الوزير يرفض …"): never a name.
PREDICATES = {normalize(w) for w in """
مستعد مستعدة مستعدا مستعدون ملزم ملتزم مطالب مضطر قادر عازم حريص مصمم جاهز موافق رافض غاضب متمسك راض مقتنع متفائل
متشائم مسؤول مسؤولة مسؤولا يعتزم يرفض يريد يسعى يواجه يتوجه يصل يزور يلتقي يستقبل يشارك يترأس يقود يدعو يطالب يؤيد
يعارض يتهم يحذر ينفي يعلن يؤكد يقول يرى يعتبر يأمل يتوقع يدرس يبحث يجري سيزور سيلتقي سيشارك سيتوجه ستزور كان كانت
بات باتت ظل ظلت أصبح أصبحت عاد عادت لا يزال مازال ما زال أيضا نفسه نفسها شخصيا بنفسه
""".split()}
CUE_WORDS = {normalize(w) for w in """
قال قالت يقول تقول قالوا أكد أكدت يؤكد تؤكد مؤكدا مؤكدة أضاف أضافت يضيف مضيفا مضيفة أوضح أوضحت موضحا موضحة
أشار أشارت مشيرا مشيرة اعتبر اعتبرت معتبرا أعلن أعلنت يعلن صرح صرحت شدد شددت مشددا مشددة لفت لفتت لافتا لافتة
نفى نفت نافيا حذر حذرت محذرا دعا دعت داعيا كشف كشفت كاشفا ذكر ذكرت رأى رأت تابع تابعت متابعا أفاد أفادت أردف
أردفت مردفا أكمل أكملت أعرب أعربت معربا وصف وصفت اتهم اتهمت طالب طالبت مطالبا أبدى أبدت يرى ترى وقع وقعت غادر
غادرت التقى استقبل زار يزور بحث تحدث تحدثت أجرى أجرت وصل وصلت عاد طلب طلبت رفض رفضت وافق وافقت قرر قررت
""".split()}
ORG_HEADS = {normalize(w) for w in """
وزارة حكومة مجلس جامعة منظمة وكالة حزب حركة نادي بنك مصرف شركة هيئة مؤسسة المؤسسة الجيش قوات اتحاد الاتحاد لجنة
اللجنة المحكمة محكمة البرلمان دار ديوان مكتب مركز معهد المعهد جمعية نقابة بعثة مفوضية المفوضية صندوق برنامج تحالف
جبهة تنظيم كتائب ميليشيا ميليشيات رابطة الرابطة مستشفى مجموعة المجموعة الحرس جهاز الديوان الهيئة الوكالة البنك المصرف
""".split()}
LOC_HEADS = {normalize(w) for w in "مدينة ولاية محافظة بلدة قرية منطقة إقليم جزيرة ميناء مطار مخيم حي ضاحية".split()}
NAME_LINKS = {normalize(w) for w in ["بن", "ابن", "بنت", "ولد", "ود", "آل", "أبو", "ابو", "أبي", "عبد", "عبدال", "أم"]}
SURNAME_SUFFIX = {normalize(w) for w in ["أوغلو", "اوغلو", "زاده", "الثاني", "الأول", "الثالث", "السادس", "الخامس"]}
AMBIGUOUS_GIVEN = {normalize(w) for w in "سعيد سالم كريم جميل عادل أمين منير رشيد حكيم نور هدى أمل وفاء إيمان نبيل رائد الرائد سامي كامل عزيز فريد شريف حميد مسعود ناصر منصور نصر صالح هادي سلطان أنور عماد بشير".split()}
QUOTE_MARKS = "“”«»\"″'‘’"
FAMILY_TITLES = {normalize(w) for w in ["السيد", "الشيخ", "الأمير"]}   # titles that are also family names


def _lines(name: str) -> list[str]:
    text = resources.files("marsad.data").joinpath(name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=1)
def _lexicons() -> tuple[frozenset, frozenset]:
    given = frozenset(normalize(w) for w in _lines("first_names.txt"))
    titles = [normalize(w) for w in _lines("titles.txt")]
    title_heads = frozenset(t.split()[0] for t in titles)
    return given, title_heads


_DESCRIPTOR_NOUNS = {normalize(w) for w in """
حكومة مجلس وزارة الخارجية الدفاع الداخلية باسم شؤون الشؤون الأمم بعثة الدولة دولة الوفاق الوحدة الوطنية الليبي
الليبية الروسي الروسية التركي التركية قوات القوات الجيش شرق غرب شمال جنوب العام العامة الأعلى الأسبق السابق السابقة
المتقاعد الأممي الأممية الدولي الدولية العربية العربي الحالي المكلف الخاص الخاصة الجديد الاتحاد المركزي
""".split()}


@dataclass(slots=True)
class _Tok:
    text: str
    start: int
    end: int
    norm: str               # normalized surface
    bare: str               # proclitics peeled when the rest is a known word or starts with the article
    cut: int                # surface characters of the peeled proclitics
    boundary_before: bool   # punctuation (other than quote marks) between this token and the previous
    conj: bool              # starts with the conjunction و/ف: a new noun phrase begins here
    gap: bool = False       # any non-space character (quote marks included) before this token


class Recognizer:
    def __init__(self, gazetteer: Gazetteer | None = None):
        self.gaz = gazetteer or load()
        self.given, self.title_heads = _lexicons()
        self._cache: dict[str, tuple[str, str, int, bool]] = {}
        self.known_words = frozenset(self.given | self.title_heads | self.gaz.vocab | ORG_HEADS | LOC_HEADS
                                     | STOPWORDS | CUE_WORDS | NAME_LINKS | _DESCRIPTOR_NOUNS)

    def _tokens(self, text: str, words: list[tuple[int, int, str, str]] | None = None) -> list[_Tok]:
        out: list[_Tok] = []
        prev_end = 0
        info = self._token_info
        if words is None:
            words = [(m.start(), m.end(), m.group(0), "") for m in WORD_RE.finditer(text)]
        for s, e, word, _ in words:
            if s - prev_end == 1 and text[prev_end] == " ":
                boundary = any_gap = False          # the common case: one space between words
            else:
                gap = text[prev_end:s]
                stripped = gap.strip()
                boundary = bool(stripped.strip(QUOTE_MARKS)) or "\n" in gap
                any_gap = bool(stripped)
            n, bare, cut, conj = info(word)
            out.append(_Tok(word, s, e, n, bare, cut, boundary, conj, any_gap))
            prev_end = e
        return out

    def _token_info(self, word: str) -> tuple[str, str, int, bool]:
        hit = self._cache.get(word)
        if hit is None:
            known = self.known_words.__contains__
            n = normalize_word(word)
            bare, cut = peel_proclitics(n, known)
            conj = n[:1] in ("و", "ف") and (cut > 0 or (not known(n) and known(n[1:])))
            hit = (n, bare, surface_cut(word, cut), conj)
            if len(self._cache) < 500_000:
                self._cache[word] = hit
        return hit

    def _is_given(self, t: _Tok) -> bool:
        return t.bare in self.given

    def _is_title_head(self, t: _Tok) -> bool:
        return t.bare in self.title_heads

    def _stop(self, t: _Tok) -> bool:
        return t.bare in STOPWORDS or t.norm in STOPWORDS or t.bare in CUE_WORDS or t.norm in CUE_WORDS \
            or t.norm in PREDICATES or not t.norm.isalpha()

    def _name_end(self, toks: list[_Tok], j: int) -> int | None:
        """Last token of a person's name that starts at token j (given name, then up to three name parts)."""
        n = len(toks)
        if j >= n or self._stop(toks[j]):
            return None
        k = j
        if toks[j].bare in NAME_LINKS and j + 1 < n and not toks[j + 1].boundary_before:
            k = j + 1                                   # عبد السلام, أبو بكر
        parts = 1
        while k + 1 < n and parts < 4 and not toks[k + 1].boundary_before and not toks[k + 1].conj:
            nxt = toks[k + 1]
            family_title = parts == 1 and nxt.bare in FAMILY_TITLES     # "منى السيد", "محمد الشيخ"
            if self._stop(nxt) or (self._is_title_head(nxt) and not family_title) or nxt.bare in ORG_HEADS:
                break
            if nxt.bare in NAME_LINKS and k + 2 < n and not toks[k + 2].boundary_before:
                k += 2                                  # بن سلمان, ود الحاج
                parts += 1
                continue
            definite = nxt.bare.startswith("ال")
            if definite and self.gaz.lookup(nxt.text) is not None:
                break                                   # "حفتر الليبي"? no: a place/org after the name
            if parts == 1 or definite or nxt.bare in SURNAME_SUFFIX:
                if parts >= 2 and not (definite or nxt.bare in SURNAME_SUFFIX):
                    break
                k += 1
                parts += 1
                continue
            break
        return k

    def _title_before(self, toks: list[_Tok], i: int, taken: list[bool]) -> int | None:
        """First token of a title that ends right before token i ("وزير الخارجية الروسي" before a name)."""
        if toks[i].conj:
            return None          # "وعقيلة صالح": a new phrase; the words before describe someone else
        best = None
        j = i - 1
        while j >= 0 and i - j <= 6 and not taken[j]:
            if toks[j + 1].boundary_before:
                break
            t = toks[j]
            if self._stop(t) and not self._is_title_head(t):
                break
            if self._is_title_head(t):
                best = j
            if t.conj:
                break
            j -= 1
        return best

    def find(self, text: str, words: list[tuple[int, int, str, str]] | None = None) -> list[Entity]:
        """Entity mentions in `text`; `words` is the shared tokenization when the pipeline has one."""
        toks = self._tokens(text, words)
        if not toks:
            return []
        n = len(toks)
        taken = [False] * n
        found: list[tuple[int, Entity]] = []

        def add(first: int, last: int, etype: str, canonical: str | None, source: str,
                title_first: int | None = None, name_start: int | None = None) -> None:
            if any(taken[first:last + 1]):
                return
            if name_start is None:
                name_start = toks[first].start + toks[first].cut
            name = text[name_start:toks[last].end]
            title = None
            start = name_start
            if title_first is not None and title_first < first and not any(taken[title_first:first]):
                t_start = toks[title_first].start + toks[title_first].cut
                title_text = text[t_start:toks[first].start].strip(" \t،," + QUOTE_MARKS)
                if title_text:
                    title = title_text
                    if not text[toks[first - 1].end:name_start].strip():
                        start = t_start                   # "المشير خليفة حفتر": the title is in the mention
                for x in range(title_first, first):
                    taken[x] = True
            for x in range(first, last + 1):
                taken[x] = True
            found.append((first, Entity(text=text[start:toks[last].end], start=start, end=toks[last].end, type=etype,
                                        name=name, title=title, canonical=canonical or name, source=source)))

        # 1. the gazetteer (on the same tokens)
        for m in self.gaz.find(text, [(t.start, t.end, t.text, t.norm, t.gap and i > 0)
                                      for i, t in enumerate(toks)]):
            tf = self._title_before(toks, m.first_token, taken) if m.entry.type == "PER" else None
            add(m.first_token, m.last_token, m.entry.type, m.entry.canonical, "gazetteer", tf, m.start)

        # 2. rules: titled people, given names, organization heads, place heads
        i = 0
        while i < n:
            t = toks[i]
            if taken[i]:
                i += 1
                continue
            if self._is_title_head(t):
                j = i + 1
                while j < n and j - i <= 6 and not taken[j] and not self._stop(toks[j]):
                    if toks[j].boundary_before:
                        break
                    cand = toks[j]
                    if self._is_given(cand) or (not cand.bare.startswith("ال") and cand.bare not in ORG_HEADS
                                                and not self._is_title_head(cand) and cand.bare not in _DESCRIPTOR_NOUNS
                                                and self.gaz.lookup(cand.text) is None and not cand.conj):
                        k = self._name_end(toks, j)
                        if k is not None and (k > j or self._is_given(cand)) and not any(taken[j:k + 1]):
                            add(j, k, "PER", None, "rule", i)
                            i = k
                        break
                    j += 1
                i += 1
                continue
            if t.bare in ("عبد", "ابو") and i + 1 < n and not toks[i + 1].boundary_before \
                    and toks[i + 1].bare.startswith("ال") and not taken[i + 1]:
                k = self._name_end(toks, i)
                if k is not None and k > i + 1 and not any(taken[i:k + 1]):
                    add(i, k, "PER", None, "rule", self._title_before(toks, i, taken))
                    i = k + 1
                    continue
            if self._is_given(t) and (t.bare not in AMBIGUOUS_GIVEN or (
                    i + 1 < n and toks[i + 1].bare.startswith("ال") and not toks[i + 1].boundary_before)):
                k = self._name_end(toks, i)
                if k is not None and k > i and not any(taken[i:k + 1]):
                    add(i, k, "PER", None, "rule", self._title_before(toks, i, taken))
                    i = k + 1
                    continue
            if t.bare in ORG_HEADS and i + 1 < n and not toks[i + 1].boundary_before:
                k = i
                while k + 1 < n and k - i < 5 and not toks[k + 1].boundary_before and not taken[k + 1] \
                        and not toks[k + 1].conj:
                    nxt = toks[k + 1]
                    if (nxt.norm.startswith(("ال", "لل")) and not self._stop(nxt)) or self.gaz.lookup(nxt.text):
                        k += 1
                    else:
                        break
                if k > i:
                    add(i, k, "ORG", None, "rule")
                    i = k + 1
                    continue
            if t.bare in LOC_HEADS and i + 1 < n and not toks[i + 1].boundary_before and not taken[i + 1]:
                nxt = toks[i + 1]
                if not self._stop(nxt) and not nxt.bare.startswith("ال"):
                    add(i + 1, i + 1, "LOC", None, "rule")
                    i += 2
                    continue
            i += 1

        # 3. short mentions of people named in full earlier ("الورشفاني" after "عبد السلام الورشفاني")
        surnames: dict[str, Entity] = {}
        for first, e in sorted(found, key=lambda x: x[1].start):
            if e.type == "PER" and len(e.name.split()) > 1:
                last_norm = normalize(e.name.split()[-1])
                surnames.setdefault(last_norm, e)
        if surnames:
            for i, t in enumerate(toks):
                if taken[i]:
                    continue
                for form, cut in _forms(t.norm):
                    full = surnames.get(form)
                    if full is not None and full.start < t.start:
                        add(i, i, "PER", full.canonical, "coref", self._title_before(toks, i, taken),
                            t.start + surface_cut(t.text, cut))
                        break
        return [e for _, e in sorted(found, key=lambda x: x[1].start)]


@lru_cache(maxsize=262144)
def _forms(norm: str) -> tuple[tuple[str, int], ...]:
    return tuple(proclitic_forms(norm))


@lru_cache(maxsize=1)
def default_recognizer() -> Recognizer:
    return Recognizer()


def recognize(text: str, words: list[tuple[int, int, str, str]] | None = None) -> list[Entity]:
    return default_recognizer().find(text, words)


def tag_tokens(tokens: list[str]) -> list[str]:
    """BIO tags for one tokenized sentence (CONTRACT: `marsad.tag_tokens`). Titles are outside the name."""
    text = ""
    spans = []
    for tok in tokens:
        if text:
            text += " "
        spans.append((len(text), len(text) + len(tok)))
        text += tok
    tags = ["O"] * len(tokens)
    for e in recognize(text):
        name_start = e.end - len(e.name)
        inside = [i for i, (s, en) in enumerate(spans) if s < e.end and en > name_start]
        for k, i in enumerate(inside):
            tags[i] = ("B-" if k == 0 else "I-") + e.type
    return tags
