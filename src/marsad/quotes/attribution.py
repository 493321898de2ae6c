"""Who said what: direct and reported speech with speakers, in Arabic news conventions.

A statement is anchored on a reporting cue (قال، أكد، أضاف، مضيفا، بحسب …). The speaker is the entity named
right after the cue (verb-subject order: "وقال لافروف إن …"), else right before it ("لافروف قال …"), else a
descriptor the article used for a named person ("وزير الخارجية الروسي"), else an anonymous/collective source
("مصادر دبلوماسية"), else, for continuation cues ("وأضاف", "وتابع", "مضيفا"), the previous speaker. The
content is the quotation that follows (“…” «…» "…" ″…″) or the clause after إن/أن/":" up to the end of the
sentence or the next participial cue ("…، مضيفا أن …"). "نقلت وكالة إنترفاكس عن لافروف قوله" gives the
speaker Lavrov via Interfax.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..arabic.normalize import normalize, tolerant
from ..arabic.segment import WORD_RE, sentences
from ..document import Entity, Quote

_CUES = {
    "قال": "قال قالت يقول تقول قالوا قلن", "أكد": "أكد أكدت يؤكد تؤكد أكدوا مؤكدا مؤكدة مؤكدين",
    "أضاف": "أضاف أضافت يضيف تضيف مضيفا مضيفة", "أوضح": "أوضح أوضحت يوضح موضحا موضحة",
    "أشار": "أشار أشارت يشير تشير مشيرا مشيرة", "اعتبر": "اعتبر اعتبرت يعتبر معتبرا معتبرة",
    "أعلن": "أعلن أعلنت يعلن معلنا", "صرح": "صرح صرحت مصرحا", "شدد": "شدد شددت يشدد مشددا مشددة",
    "لفت": "لفت لفتت لافتا لافتة", "نفى": "نفى نفت ينفي نافيا", "حذر": "حذر حذرت يحذر محذرا محذرة",
    "دعا": "دعا دعت يدعو داعيا داعية", "كشف": "كشف كشفت يكشف كاشفا كاشفة", "ذكر": "ذكر ذكرت يذكر ذاكرا",
    "رأى": "رأى رأت يرى ترى", "تابع": "تابع تابعت متابعا متابعة", "أفاد": "أفاد أفادت يفيد",
    "أردف": "أردف أردفت مردفا", "أكمل": "أكمل أكملت", "أعرب": "أعرب أعربت معربا معربة",
    "اعترف": "اعترف اعترفت معترفا", "أقر": "أقر أقرت مقرا", "طالب": "طالب طالبت مطالبا مطالبة",
    "وصف": "وصف وصفت واصفا", "اتهم": "اتهم اتهمت متهما", "أبلغ": "أبلغ أبلغت", "نقل": "نقل نقلت",
    "استطرد": "استطرد مستطردا", "ختم": "ختم ختمت مختتما", "زعم": "زعم زعمت", "توقع": "توقع توقعت متوقعا",
    "جدد": "جدد جددت مجددا",
}
CUE_LEMMA: dict[str, str] = {}
for lemma, forms in _CUES.items():
    for f in forms.split():
        CUE_LEMMA[normalize(f)] = lemma
CONTINUATION = {normalize(w) for w in "أضاف أضافت مضيفا مضيفة تابع تابعت متابعا متابعة أردف أردفت مردفا أكمل أكملت استطرد مستطردا يضيف تضيف".split()}
PARTICIPLES = {normalize(w) for w in "مضيفا مضيفة مؤكدا مؤكدة مشيرا مشيرة موضحا موضحة معتبرا معتبرة متابعا متابعة لافتا لافتة مشددا مشددة محذرا محذرة داعيا داعية نافيا كاشفا معربا مردفا مستطردا مطالبا".split()}
ADVERBIAL = re.compile(r"(?<!\w)(?:و|ف)?(بحسب|حسب|وفقا ل|وفقاً ل|وفق|حسبما|نقلا عن|نقلاً عن|على حد تعبير|على حد قول)")
COMPLEMENT = re.compile(r"(?<!\w)(?:ب?أن|إن|ان|بأنه|بأنها|أنه|أنها|إنه|إنها|أنهم|إنهم|أن)[\u064b-\u065f\u0670]*(?!\w)|:")
COLLECTIVE = re.compile(
    r"(?<!\w)[وف]?(مصادر|مصدر|مسؤول|مسؤولون|مسؤولين|دبلوماسي|دبلوماسيون|دبلوماسيين|مراقبون|مراقبين|خبراء|خبير|"
    r"محللون|شهود|شاهد|سكان|ناشطون|متحدث|مصادرها|أوساط|جهات|تقارير|الوزارة|الحكومة|الرئاسة|السلطات)"
    r"((?:\s+(?!(?:إن|أن|أنه|إنه|إلى|في|من|على|عن|مع|لـ|أمس|اليوم|غدا|الاثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت|الأحد|قوله|قولها)(?!\w))[\u0621-\u064a]+){0,3})")
_NEXT_PARTICIPLE = re.compile(r"[،,]\s*(?:و)?(?:" + "|".join(tolerant(w) for w in sorted(PARTICIPLES, key=len, reverse=True))
                              + r")(?!\w)")
_ADV_GATE = re.compile("بحسب|حسب|وفق|نقلا|نقلاً|على حد")
OPEN_CLOSE = {"“": "”", "«": "»", '"': '"', "″": "″", "„": "“"}


@lru_cache(maxsize=131072)
def _cue_at(word: str) -> tuple[str, bool] | None:
    """(lemma, is_continuation) if the word is a reporting cue, with an optional و/ف in front."""
    n = normalize(word)
    for form in (n, n[1:] if n[:1] in "وف" else None):
        if form and form in CUE_LEMMA:
            return CUE_LEMMA[form], form in CONTINUATION
    return None


def attribute(body: str, entities: list[Entity], sents: list[tuple[int, int]] | None = None,
              words: list[tuple[int, int, str, str]] | None = None) -> list[Quote]:
    """Quotes in `body`, with speakers resolved against `entities` (offsets into the same body).
    `sents` and `words` are the pipeline's shared segmentation; computed here when not given."""
    quotes: list[Quote] = []
    people = [e for e in entities if e.type in ("PER", "ORG")]
    titles: dict[str, Entity] = {}
    for e in people:
        if e.title:
            titles.setdefault(normalize(e.title), e)
    last: dict = {"speaker": None, "entity": None, "text": None}

    if sents is None:
        sents = sentences(body)
    if words is None:
        words = [(m.start(), m.end(), m.group(0), "") for m in WORD_RE.finditer(body)]
    wi = 0
    for s_start, s_end in sents:
        sent = body[s_start:s_end]
        cues = []
        while wi < len(words) and words[wi][0] < s_start:
            wi += 1
        while wi < len(words) and words[wi][1] <= s_end:
            w = words[wi]
            c = _cue_at(w[2])
            if c:
                cues.append((w[0], w[1], c[0], c[1], w[2]))
            wi += 1
        adv = [(m.start() + s_start, m.end() + s_start, m.group(1)) for m in ADVERBIAL.finditer(sent)] \
            if _ADV_GATE.search(sent) else []
        spans = sorted([(c[0], "cue", c) for c in cues] + [(a[0], "adv", a) for a in adv])
        for idx, (pos, kind, item) in enumerate(spans):
            nxt_pos = spans[idx + 1][0] if idx + 1 < len(spans) else s_end
            if kind == "cue":
                q = _from_cue(body, item, s_start, s_end, nxt_pos, people, titles, last)
            else:
                q = _from_adverbial(body, item, s_end, people)
            if q is None:
                continue
            if any(not (q.end <= o.start or q.start >= o.end) for o in quotes):
                continue
            quotes.append(q)
            last = {"speaker": q.speaker, "entity": q.speaker_entity_id, "text": q.speaker_text}
    quotes.sort(key=lambda q: q.start)
    return quotes


def _entity_in(people: list[Entity], start: int, end: int) -> Entity | None:
    """The speaker named in a span: the first person, else the first organization
    ("المتحدث باسم الأمم المتحدة ستيفان دوجاريك" is Dujarric, not the UN)."""
    inside = [e for e in people if start <= e.start and e.end <= end]
    for e in inside:
        if e.type == "PER":
            return e
    return inside[0] if inside else None


def _entity_before(people: list[Entity], pos: int, floor: int) -> Entity | None:
    best = None
    for e in people:
        if floor <= e.start and e.end <= pos and (best is None or e.end > best.end):
            best = e
    return best


def _content_after(body: str, pos: int, s_end: int, stop: int) -> tuple[int, int, str] | None:
    """Content of a statement starting at `pos`: a quotation if one opens here, else the clause."""
    i = pos
    while i < s_end and body[i] in " \t،,:":
        i += 1
    if i < s_end and body[i] in OPEN_CLOSE:
        close = OPEN_CLOSE[body[i]]
        j = body.find(close, i + 1)
        if j == -1:
            j = s_end
        return i + 1, j, "direct"
    end = min(stop, s_end)
    while i < end and unicodedata.category(body[i]) == "Mn":
        i += 1                                   # diacritics of the complementizer ("إنَّ") are not content
    # a following participial cue ("، مضيفا أن") starts another statement; searched in the text itself
    m = _NEXT_PARTICIPLE.search(body, i, end)
    if m:
        end = m.start()
    while end > i and body[end - 1] in " \t.،,;؛":
        end -= 1
    if end - i < 8:
        return None
    return i, end, "indirect"


def _from_cue(body, cue, s_start, s_end, nxt_pos, people, titles, last) -> Quote | None:
    c_start, c_end, lemma, continuation, cue_text = cue
    window_end = min(s_end, c_end + 120)
    comp = COMPLEMENT.search(body, c_end, window_end)
    quote_open = next((k for k in range(c_end, window_end) if body[k] in OPEN_CLOSE), None)
    if comp is None and quote_open is None:
        return None
    if quote_open is not None and comp is not None and quote_open < comp.start():
        close = body.find(OPEN_CLOSE[body[quote_open]], quote_open + 1, window_end)
        if close != -1 and close < comp.start() and len(body[quote_open + 1:close].split()) <= 4:
            quote_open = None     # “خبر ترك”, “أوج”: a quoted name before إن/أن, not the statement
    anchor = comp.end() if comp is not None else quote_open
    if quote_open is not None and (comp is None or quote_open < comp.start()):
        anchor = quote_open
    if lemma == "نقل":   # "نقلت وكالة إنترفاكس عن لافروف قوله": the speaker is after عن
        m = re.search(r"(?<!\w)عن\s", body[c_end:anchor])
        via_ent = _entity_in(people, c_end, c_end + m.start()) if m else None
        speaker_ent = _entity_in(people, c_end + m.end(), anchor) if m else None
        if speaker_ent is None:
            return None
        content = _content_after(body, anchor, s_end, nxt_pos if nxt_pos > anchor else s_end)
        if content is None:
            return None
        return _quote(body, speaker_ent.canonical, speaker_ent, speaker_ent.text, lemma, content,
                      via=via_ent.canonical if via_ent else None)
    speaker_ent = _entity_in(people, c_end, anchor)
    speaker_text = speaker_ent.text if speaker_ent else None
    speaker = speaker_ent.canonical if speaker_ent else None
    if speaker is None:
        between = normalize(body[c_end:anchor])
        for t_norm, ent in titles.items():
            if t_norm and t_norm in between:
                speaker, speaker_ent, speaker_text = ent.canonical, ent, body[c_end:anchor].strip(" ،,:")
                break
    if speaker is None:
        m = COLLECTIVE.search(body[c_end:anchor])
        if m:
            speaker = (m.group(1) + m.group(2)).strip()
            speaker_text = speaker
    if speaker is None and not continuation:
        before = _entity_before(people, c_start, max(s_start, c_start - 60))
        if before is not None and not body[before.end:c_start].strip(" ،,"):
            speaker, speaker_ent, speaker_text = before.canonical, before, before.text
    if speaker is None and last.get("speaker"):
        speaker = last["speaker"]
        speaker_text = cue_text
        speaker_ent = None
        ent_id = last.get("entity")
    else:
        ent_id = speaker_ent.entity_id if speaker_ent else None
    if speaker is None:
        return None
    content = _content_after(body, anchor, s_end, nxt_pos if nxt_pos > anchor else s_end)
    if content is None:
        return None
    q = _quote(body, speaker, speaker_ent, speaker_text, lemma, content)
    if q.speaker_entity_id is None:
        q.speaker_entity_id = ent_id
    return q


def _from_adverbial(body, adv, s_end, people) -> Quote | None:
    a_start, a_end, marker = adv
    comma = body.find("،", a_end, s_end)
    if comma == -1:
        comma = body.find(",", a_end, s_end)
    if comma == -1 or comma - a_end > 80:
        return None
    ent = _entity_in(people, a_end, comma)
    speaker = ent.canonical if ent else body[a_end:comma].strip(" لـ")
    if not speaker:
        return None
    rest = comma + 1
    m = re.match(r"\s*(?:ف|و)?(?:إن|أن)(?:ه|ها)?\s", body[rest:s_end])
    if m:
        rest += m.end()
    content = _content_after(body, rest, s_end, s_end)
    if content is None:
        return None
    first_words = body[content[0]:content[1]].split()[:2]
    if any(_cue_at(w) for w in first_words):
        return None       # the sentence has its own reporting verb; that one attributes it
    return _quote(body, speaker, ent, body[a_end:comma].strip(), normalize(marker).strip(), content)


def _quote(body, speaker, ent, speaker_text, cue, content, via=None) -> Quote:
    start, end, kind = content
    return Quote(speaker=speaker, speaker_entity_id=ent.entity_id if ent else None, speaker_text=speaker_text,
                 cue=cue, kind=kind, content=body[start:end], start=start, end=end, via=via)
