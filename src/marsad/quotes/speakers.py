"""Who a statement's speaker is, once the words around its cue are read: the first candidate after the verb that
speaks (not one told or addressed), a person at the end of a chain of titles, a title resolved to the person the
article gives it, a back-reference ("المصدر ذاته"), the person named last, and a name the recognizer missed that
starts with a given name; and the gender of an entity, which the verbs and participles after it must agree with.

Split from attribution.py (which finds cues and chooses among these rules in order) so that the adverbial
attributions (adverbial.py) read the same speakers without importing the whole of it.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ..arabic.normalize import normalize, normalize_word
from ..document import Entity
from ..entities.lexicon import female_given, given_and_title_heads
from .cues import _cue_at, _norm_set
from .words import (_MASC_ORG_HEADS, _SOURCE_STOP, _TITLE_LINKS, ORG_ANAPHORA, PER_ANAPHORA, STYLE_WORDS,
                    _is_title_word)
from .content import COMPLEMENT

if TYPE_CHECKING:
    from .attribution import _Cand, _Doc


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    """Given names (the recognizer's list and the women's names): a name in a title phrase the recognizer missed."""
    return given_and_title_heads()[0] | female_given()


def entity_gender(e: Entity) -> str | None:
    """The grammatical gender a speaker takes: an organization by its head noun ("وزارة", "المنظمة" feminine,
    "مجلس", "المكتب" masculine), a person by a feminine title ("المتحدثة", "الوزيرة") or a woman's given name;
    None when nothing says (a name without a title is not assumed to be a man's)."""
    if e.type == "ORG":
        first = normalize_word(e.name.split()[0]) if e.name else ""
        first = first[2:] if first.startswith("ال") else first
        if first in ORG_ANAPHORA or first in _MASC_ORG_HEADS:
            return "F" if first.endswith("ه") else "M"
        return None
    head = ""
    if e.title:
        head = normalize_word(e.title.split()[0])
        head = head[2:] if head.startswith("ال") else head
        if head.endswith("ه") and head[:-1] in PER_ANAPHORA:
            return "F"
    given = normalize_word(e.name.split()[0]) if e.name else ""
    if given in female_given():
        return "F"
    if head in PER_ANAPHORA:
        return "M"                   # "الوزير خالد العلي"; a woman's name under a masculine title stays a woman
    return None


def _first_speaker(doc: _Doc, cands: list[_Cand], before: int, cue_end: int | None = None, gender: str | None = None
                   ) -> tuple[str, Entity | None, str] | None:
    """The first candidate that speaks, resolved: not one addressed, not the subject of another reporting verb
    ("في بيان نقلته وكالة …"); an organization gives way to the person who speaks for it ("منظمة الصحة العالمية
    على لسان ممثلها ماركوس هوفمان", "رئيس وزراء حكومة الوحدة الوطنية فائق الهوني")."""
    live = [c for c in cands if not c.addressed and c.kind != "medium"]
    if gender:              # "…، مضيفة أن": a feminine subject, not the man named first
        live = [c for c in live if doc.gender(c) in (None, gender)]
    if cue_end is not None:
        live = [c for c in live if not (doc.word_index(c.start) > 0
                                        and doc.words[doc.word_index(c.start) - 1][0] >= cue_end
                                        and _cue_at(doc.words[doc.word_index(c.start) - 1][2]))]
    # a country or a capital speaks only as the verb's subject ("وأكدت موسكو أن"), not when named further on
    # ("قال «مكتب أخبار سوريا» إن"); in a clause it comes after every other candidate
    state = [c for c in live if c.kind == "entity" and c.entity.type == "LOC"]
    if state:
        if cue_end is not None:
            first_word = doc.word_index(cue_end)
            live = [c for c in live if c not in state or doc.word_index(c.start) == first_word]
        else:
            live = [c for c in live if c not in state] + state
    for i, c in enumerate(live):
        r = doc.resolve(c, before)
        if r is None:
            continue
        if (c.kind == "entity" and c.entity.type in ("ORG", "LOC")) or c.kind == "anaphor":
            people = [x for x in live[i + 1:] if x.kind == "entity" and x.entity.type == "PER"]
            # a named person before a title alone ("على لسان وزير الشؤون الخارجية …، كمال بلخضر")
            person = next((x for x in people if x.entity.name != x.entity.title), people[0] if people else None)
            k = _titled(doc, doc.word_index(c.start))
            if person is not None:
                between = normalize(doc.body[c.end:person.start])
                titled = k is not None and len(between.split()) <= 5 and \
                    (not re.search(r"[،,.:؛]", between) or between.strip() in ("،", ","))   # "…، سيرجي لافروف،"
                if "علي لسان" in between or titled:
                    return doc.resolve(person, before)
            elif k is not None:
                return _title_speaker(doc, k, before) or r   # "وأكد وزير الخارجية المصري أن": the minister
        return r
    return None


def _titled_person(doc: _Doc, after: list[_Cand], c_end: int, anchor: int) -> tuple[str, Entity, str] | None:
    """"وقال المتحدث الإعلامي للجنة الانتخابية بمحافظة جدة … سعود التويم لـ«المدينة» إن": a title right after
    the verb, however long its complement (organizations and places inside it), ends at the person it names."""
    c = _title_chain_person(doc, after, c_end)
    return doc.resolve(c, anchor) if c is not None else None


def _title_chain_person(doc: _Doc, after: list[_Cand], c_end: int) -> _Cand | None:
    """The person a title right after the verb ends at (`_titled_person`), as a candidate: where the subject
    ends, so that the content is looked for after it, not in the title's complement ("وأشاد الأمين العام للجامعة
    السلفية في مدينة بنارس بالهند عبدالله سعود بن عبدالوحيد، بما قدم": not the ب of "بنارس")."""
    k = doc.word_index(c_end)
    while k + 1 < len(doc.words) and doc.norms[k] in _STYLES and doc.joined(k + 1):
        k += 1                               # "أكد سماحة مفتي عام المملكة … الشيخ عبدالعزيز آل الشيخ": a style
    if k >= len(doc.words) or not (_is_title_word(doc.norms[k]) or doc.norms[k] in _ONE_OF):
        return None                          # "وقال أحد شركاء الشركة المنظمة أحمد رضوان": one of them, named
    for c in after:
        if _title_chain(doc.body[c_end:c.start]) is None:
            return None                      # titles between commas: "…، رئيس الوفد …، حسام الصالح"
        if c.kind == "entity" and c.entity.type == "PER" and not c.addressed:
            return c
    return None


def _title_chain(between: str) -> list[str] | None:
    """The comma-separated parts of the text between a title and the person it ends at, when it can be a chain of
    titles: no sentence or quotation mark, three parts at most, 24 words at most, each part after the first
    opening with a title ("رئيس مجلس التنمية السياحية بالمنطقة، "); None otherwise."""
    parts = re.split(r"\s*[،,]\s*", between.strip())
    if re.search(r"[.:؛«»\"“”]", between) or len(parts) > 3 or len(between.split()) > 24 or \
            any(not _is_title_word(normalize_word(p.split()[0])) for p in parts[1:] if p):
        return None
    return parts


_STYLES = STYLE_WORDS | _norm_set("السمو الملكي")
_ONE_OF = _norm_set("أحد إحدى احد شريك مؤسس صاحب مالك ممثل مندوب")
_TITLE_TAILS = _norm_set("العام العامة التنفيذي التنفيذية الرسمي الرسمية الأعلى الأول الأولى المساعد الدائم")


def _titled(doc: _Doc, k: int) -> int | None:
    """Index of the title word whose complement the organization at word k is ("وزير خارجية …", "المتحدث باسم
    …", "الأمين العام للجامعة العربية …", "المتحدث الرسمي لهيئة الهلال الأحمر …", "مدير البرامج في قناة «…»"):
    the person named after it speaks, not the organization. None when no title is within four words before."""
    j = k - 1
    while j >= 0 and k - j <= 4:
        if doc.body[doc.words[j][1]:doc.words[j + 1][0]].strip(" «»“”\"") or _cue_at(doc.words[j][2]):
            return None                       # punctuation or the reporting verb: no title before it
        n = doc.norms[j]
        if _is_title_word(n):
            return j
        if n in _TITLE_LINKS:                 # "باسم": the title is the word before it ("المتحدث باسم")
            return j - 1 if j > 0 and doc.norms[j - 1] not in _TITLE_LINKS else j
        j -= 1
    return None


def _source_anaphor(doc: _Doc, c_end: int, anchor: int) -> tuple[str, None, str] | None:
    """"وأضاف المصدر ذاته", "وبحسب المصادر": the source of that kind quoted last."""
    for m in re.finditer(r"(?<!\w)[وف]?ال(مصدر|مصادر)(?!\w)", doc.body[c_end:anchor]):
        return doc.resolve_source(normalize(m.group(1)), m.group(0).lstrip("وف"))
    return None


def _byline(doc: _Doc, end: int) -> bool:
    """A name that a dash follows is a byline's reporter ("بدر الجبل- سبق- تيماء:"), who speaks in no statement."""
    return doc.body[end:end + 3].lstrip().startswith(("-", "–"))


def _recent_person(doc: _Doc, c_start: int, after: int) -> tuple[str, Entity, str] | None:
    """"وقالت لوكالة فرانس برس “…”" after a sentence about someone: the person named last, when named after the
    last statement and not long before."""
    i = bisect.bisect_left(doc.ent_starts, c_start) - 1
    while i >= 0 and doc.people[i].start > max(after, c_start - 400):
        e = doc.people[i]
        if e.type == "PER" and not doc.inside_quote(e.start) and not _byline(doc, e.end):
            return e.canonical or e.name, e, e.text
        i -= 1
    return None


_TITLE_STOP = _SOURCE_STOP | _norm_set("في خلال من مع أمام لدى عقب بعد قبل")
_TITLE_LINKS_OR_TAILS = _TITLE_LINKS | _TITLE_TAILS


def _unrecognized_name(doc: _Doc, g: int, limit: int) -> int | None:
    """Index of the last word of a person's name that starts with the given name at word g and that the
    recognizer missed ("منجي العيادي"، "علي مقبول الزيلعي"): the given name and the words after it up to
    punctuation, a preposition or a verb, three at most. None when word g starts no name."""
    if doc.norms[g] not in _given_names() or (doc.norms[g] == "علي" and doc.words[g][2].endswith("ى")) or \
            g + 1 >= len(doc.words) or doc.words[g + 1][1] > limit or not doc.joined(g + 1):
        return None
    nxt = doc.norms[g + 1]
    if nxt in _TITLE_STOP or nxt[:1] == "ل" or _cue_at(doc.words[g + 1][2]) or \
            COMPLEMENT.fullmatch(doc.words[g + 1][2]):
        return None
    e = g + 1
    while e + 1 < len(doc.words) and e - g < 3 and doc.words[e + 1][1] <= limit and doc.joined(e + 1) and \
            doc.norms[e + 1] not in _TITLE_STOP and doc.norms[e + 1][:1] != "ل" and \
            not _cue_at(doc.words[e + 1][2]) and not COMPLEMENT.fullmatch(doc.words[e + 1][2]) and \
            doc.norms[e + 1] not in PER_ANAPHORA:
        e += 1
    return e


def _title_speaker(doc: _Doc, k: int, limit: int) -> tuple[str, Entity | None, str] | None:
    """"وقال رئيس الوزراء إن", "وأكد المتحدث باسم الجيش أن": a title with no name after the cue is the person
    the article names with that title, else an unnamed official kept as the title ("رئيس الوزراء")."""
    if k >= len(doc.words) or doc.words[k][1] > limit:
        return None
    if not _is_title_word(doc.norms[k]):
        return None
    end = doc.words[k][1]
    j = k + 1
    while j < len(doc.words) and doc.words[j][1] <= limit and j - k < 7:
        if not doc.joined(j) or doc.norms[j] in _TITLE_STOP or _cue_at(doc.words[j][2]) or (
                doc.norms[j][:1] == "ل" and j > k + 1 and doc.norms[j - 1] not in _TITLE_LINKS_OR_TAILS):
            break
        end = doc.words[j][1]
        j += 1
    # a given name the recognizer missed, in or shortly after the title ("الخبيرة الاقتصادية منى السيد، …",
    # "الخبير في اقتصاديات النفط صفاء الجبوري لـ…"): the person is named, from the given name on
    g = k + 1
    while g < len(doc.words) and doc.words[g][1] <= limit and g - k < 9 and \
            doc.joined(g) and not _cue_at(doc.words[g][2]) and \
            doc.norms[g] not in _SOURCE_STOP:
        e = _unrecognized_name(doc, g, limit)
        if e is not None:
            return doc.body[doc.words[g][0]:doc.words[e][1]], None, doc.body[doc.words[k][0]:doc.words[e][1]]
        g += 1
    phrase = doc.body[doc.words[k][0]:end]
    key = normalize(phrase)
    if len(key.split()) == 1 and key.startswith("ال"):
        return None                  # "وأضاف الوزير": a back-reference, resolved by who spoke or was named last
    for t_norm, ent in doc.titles.items():
        if t_norm and (t_norm == key or (len(key.split()) > 1 and (key in t_norm or t_norm in key))):
            return ent.canonical or ent.name, ent, phrase
    return phrase, None, phrase
