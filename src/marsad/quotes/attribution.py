"""Who said what: direct and reported speech with speakers, in Arabic news conventions.

A statement is anchored on a reporting cue (قال، أكد، أضاف، مضيفا، وصفته … بأنه، بحسب …) and its content is the
quotation that follows (“…” «…» "…" ″…″) or the clause after إن/أن/":" up to the end of the sentence or the next
participial cue ("…، مضيفا أن …"). The speaker is looked for in this order:

1. the subject after the cue (Arabic puts the verb first: "وقال مصدر دبلوماسي لوكالة فرانس برس إن"): the first
   person, organization, collective source ("مصادر مقربة من رئاسة الحكومة") or back-reference ("الصحيفة",
   "المصدر ذاته", "الوزير") between the cue and the content, skipping whoever is told or addressed
   ("لوكالة فرانس برس", "لـ«الوطن الحر»"), and reading a title alone ("وزير الخارجية الروسي") as the person the
   article gives that title;
2. for a participle ("مؤكدا", "مضيفة") or a verb with no subject ("وقالت لوكالة …"), the subject of the sentence:
   the speaker of an earlier statement in it, else its first person, organization or source;
3. the subject before the cue ("وكان المعهد … قد أعلن");
4. the previous speaker ("وأضاف", "وتابع" continue the last one).

Back-references resolve to the last entity of the article they fit: "الصحيفة" to the newspaper named last
("صحيفة لوتان"), "المنظمة" to "منظمة الصحة العالمية", "المصدر ذاته" to the last "مصدر …", "المفتي" to the person
titled mufti, "البيان" to whoever issued it. "نقلت وكالة إنترفاكس عن لافروف قوله" gives the speaker Lavrov via
Interfax; "بحسب"/"وفقا لـ" attribute a clause to a named source, never to "وفق نسب متفق عليها".

Where the words of a statement start and end, and the Quote they make, are in content.py; the objects of verbs
with no إن/أن in objects.py; subjects that name no entity in phrases.py; the speaker rules that read candidates,
titles and back-references in speakers.py; the attributions "بحسب"، "وفقا لـ"، "على حد تعبيره" in adverbial.py.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from ..arabic.normalize import normalize, normalize_word
from ..arabic.segment import OBJECT_ENDINGS, WORD_RE, sentences
from ..document import Entity, Quote
from ..entities.recognize import AMBIGUOUS_GIVEN
from ..entities.roles import parse_role_name
from ..spans import LastBefore, Spans
from .cues import (_CUE_FORMS, _PRONOUN_SUFFIXES, CONTINUATION, CUE_LEMMA, PARTICIPLES, _cue_at, _norm_set,  # noqa: F401
                   cue_gender)
from .words import (  # noqa: F401
    COLLECTIVE_HEADS, KIN_ONE, _SOURCE_STOP, _SOURCE_PREPS, _PREPOSITIONS, _CLITIC_PREPS, ISSUED, GIVEN, MEDIUM,
    ORG_ANAPHORA, PER_ANAPHORA, _OTHER, _KIN, _UN_ADJECTIVES, _INFERENCE, _PASSIVE, _HONORIFIC,
    _HONORIFIC_FITS, _KING_TITLES, _PRINCE_TITLES, _IT_IS, _CLAUSE_OPENERS, _DATA_NOUNS,
    _MEDIUM_OR_DATA, _HEADS_OR_MEDIUM, _MARK_WORDS, _NOMINATIVE, SINGULAR_SOURCES, _MASC_ORG_HEADS,
    _SELF, _FILLERS, _HAD, _TITLE_LINKS, PLATFORMS, FINDINGS, _CLOSING, STYLE_WORDS, verb_subject_head, _OF_BODY,
    _NEXT_ONES, _NOBODY)
from .content import (_AGAIN, COMPLEMENT, OPEN_CLOSE, _anchor, _at_most_words,  # noqa: F401 (_at_most_words: tests)
                      _content_after, _content_stop, _finish, _quote, _why)
from .scripture import scripture_speaker
from .phrases import (_NEWS, _TIME_FIRST, issuer_after, phrase_after, phrase_before,
                      quoted_name, unlike_subject)
from .objects import (_BETWEEN, _CLAUSE_VERB, _OBJECT_REACH, _RELATIVE, _present, clause_verb, subject_goes_on,  # noqa: F401
                      entity_at, object_anchor, past_apposition)
from .speakers import (_ONE_OF, _TITLE_STOP, _byline, _first_speaker, _is_title_word, _recent_person,
                       _source_anaphor, _title_chain, _title_chain_person, _title_speaker, _titled, _titled_person,
                       _unrecognized_name, entity_gender)
from .adverbial import _adverbials, _from_adverbial
from .stops import _OPENS_NOW, _TIME_CLAUSE, _stop_at


# a study or a survey speaks for itself, not for the one quoted before it ("وكشفت الدراسة أن", "وأظهر الاستطلاع")
_FINDINGS_MEDIA = _norm_set("الدراسة الاستطلاع المسح الاستبيان البحث")
# "يُقال عنهم": the passive, no one's statement
_IT_IS_SAID = _norm_set("يقال ويقال فيقال")
# "يذكر أن", "يشار إلى أن": impersonal, no statement of anyone
IMPERSONAL = _norm_set("يذكر يشار يعتقد يتوقع ويتوقع يرجح ويرجح يفترض ويفترض")
QUOTE_CHARS = "\"'“”«»″„"


_KIN_WOMEN = _norm_set("والدة زوجة أرملة")
# given names that are also common words: no name is assumed after a cue on their strength alone
_AMBIGUOUS_GIVEN = frozenset(AMBIGUOUS_GIVEN | _norm_set("آن"))


def _speaks_for_a_state(e: Entity) -> bool:
    """A country or a capital speaks for its government ("وأكدت موسكو أن", "لكن طهران ترى أن")."""
    return e.type == "LOC" and _is_state_name(e.canonical or e.name)


@lru_cache(maxsize=8192)
def _is_state_name(name: str) -> bool:
    from ..entities.gazetteer import load
    hit = load().lookup(name)
    return hit is not None and hit.type == "LOC" and hit.kind in ("country", "capital")


@dataclass
class _Cand:
    """A possible speaker between two offsets: an entity, a collective source or a back-reference."""
    start: int
    end: int
    kind: str                      # entity | collective | anaphor | medium
    entity: Entity | None = None
    phrase: str = ""
    head: str = ""
    addressed: bool = False        # told or talked about ("لرويترز", "مع الوزير"), not the speaker


def _org_head(e: Entity) -> str:
    """An organization's head noun, matching form, without ال ("وزارة الخدمة المدنية": "وزاره")."""
    first = normalize_word((e.name or e.text).split()[0])
    return first[2:] if first.startswith("ال") else first


@lru_cache(maxsize=65536)
def _platform(name: str) -> bool:
    return normalize(name) in PLATFORMS


# the word before a platform's name that makes it the company speaking ("وقالت فيسبوك إنها", "شركة تويتر")
_COMPANY_BEFORE = re.compile(r"(?:شركة|وقالت|قالت|وأعلنت|أعلنت|وأكدت|أكدت|وذكرت|ذكرت|وأوضحت|أوضحت)\s*[«\"“]?$")


def _led_by_preposition(e: Entity) -> bool:
    return _led(e.text, e.name or "", e.canonical or "")


@lru_cache(maxsize=131072)
def _led(text: str, name: str, canonical: str) -> bool:
    """A mention whose own span opens with a preposition the name does not have ("للورشفاني" for "الورشفاني",
    "لروسيا", "بالحكومة"): someone spoken of or to, not the speaker."""
    text, name = normalize(text), normalize(name)
    words = normalize(canonical).split()
    if text.startswith("لل") and "ال" + text[2:] in words or text[:1] in "لب" and text[1:] in words:
        return True                          # the recognizer kept the preposition in the name ("للورشفاني")
    if not name or text == name:
        return False
    if name.startswith("ال") and text.startswith("لل") and text[2:] == name[2:]:
        return True
    lead = text[:len(text) - len(name)] if text.endswith(name) else ""
    return lead.lstrip("وف") in ("ل", "لل", "ب", "لـ", "بـ")


def _title_key(toks: list[str]) -> tuple[str, ...]:
    """A title's first two space-separated words, or its only one: what `_Doc.titles_in` indexes it under."""
    return tuple(toks[:2])


class _Doc:
    """One article's words, entities and what the attribution has seen so far."""

    def __init__(self, body: str, entities: list[Entity], words: list[tuple[int, int, str, str]]):
        self.body = body
        self.words = words
        self.norms = list(map(itemgetter(3), words))
        if words and not all(self.norms):
            self.norms = [w[3] or normalize(w[2]) for w in words]
        self.starts = [w[0] for w in words]
        self.people = sorted((e for e in entities if (e.type in ("PER", "ORG") or _speaks_for_a_state(e)) and
                              not (_platform(e.name or e.text) and not self._company_speaks(e))),
                             key=lambda e: e.start)
        self.ent_starts = [e.start for e in self.people]
        self.place_starts = sorted(e.start for e in entities if e.type == "LOC")
        # the words a candidate can start at (an entity's first word, a source head, a medium, a back-reference):
        # candidate search visits only these, the rest of a long window costs nothing
        # one scan of the words finds everything the attribution looks for by form
        hits = [k for k, n in enumerate(self.norms) if n in _SCANNED]
        marks = {k for k in hits if self.norms[k] in _MARK_WORDS}
        # a source only right after a verb ("ويقول آخر:", "ويقول صينيون كثيرون"), one of a group ("أحد أفراد …")
        marks.update(k for k, n in enumerate(self.norms)
                     if ((n[-3:] == "يون" or n in _NEXT_ONES) and k and verb_subject_head(n) and
                         _cue_at(words[k - 1][2]) is not None) or (n == "احد" and self._one_of(k)))
        self.cue_words = [k for k in hits if self.norms[k] in _CUE_FORMS or self.norms[k] in _BETWEEN]
        self.clause_words = [k for k in hits if words[k][2] in _CLAUSE_FIRST]
        for e in self.people:
            k = self.word_index(e.start)
            if k < len(words) and words[k][0] <= e.start:
                marks.add(k)
        self.marks = sorted(marks)
        self._clauses: list[tuple[int, int]] | None = None
        self.titles: dict[str, Entity] = {}
        for e in self.people:
            if e.title:
                self.titles.setdefault(normalize(e.title), e)
        self._title_index: dict[tuple[str, ...], list[int]] | None = None     # built by `titles_in`
        self._titles_listed: list[tuple[str, Entity]] = []
        self._by_id: dict[str, Entity] = {}
        for e in self.people:
            if e.entity_id:
                self._by_id.setdefault(e.entity_id, e)
        self.role_holder = _role_holders(body, self.people)
        self._named: LastBefore | None = None
        # the phrase of the last singular and the last plural source quoted so far ("مصدر …", "مصادر …")
        self._sources: dict[bool, str] = {}
        self.quoted = Spans()                  # contents attributed so far: no speaker is inside
        self._char_at: dict[str, list[int]] = {}      # places of each closing quotation mark, by `next_char`
        self.why: str | None = None            # the rule that found the speaker of the statement being built
        self._surnames: dict[str, list[Entity]] | None = None   # family name → people (`_known_name`)
        self._cuts: list[tuple[int, int]] | None = None         # where a next statement opens (`_next_participle`)
        self.spoke: Entity | None = None       # the person or body whose statement was attributed last

    def inside_quote(self, pos: int) -> bool:
        return self.quoted.covers(pos)

    def joined(self, j: int) -> bool:
        """Whether only spaces separate word j from the word before it (no punctuation, no quotation mark)."""
        return not self.body[self.words[j - 1][1]:self.words[j][0]].strip()

    def titles_in(self, between: str) -> list[tuple[str, Entity]]:
        """The titles t of `titles`, in its order, with " t " in `between` (a text with a space at each end).
        Such a title's first two words (its only word) are two consecutive (one) of the space-separated words of
        `between`, so only the titles indexed under those are tested, not every title of a long page."""
        if self._title_index is None:
            self._titles_listed = list(self.titles.items())
            self._title_index = {}
            for order, (t_norm, _) in enumerate(self._titles_listed):
                self._title_index.setdefault(_title_key(t_norm.split(" ")), []).append(order)
        toks = between.split(" ")
        keys = {(t,) for t in toks} | set(zip(toks, toks[1:]))
        orders = sorted({o for k in keys for o in self._title_index.get(k, ())})
        listed = self._titles_listed
        return [listed[o] for o in orders if f" {listed[o][0]} " in between]

    def next_char(self, ch: str, pos: int) -> int:
        """`body.find(ch, pos)` for a closing quotation mark, by bisection in the places of that mark, listed once:
        with a quotation left open, `find` would read the rest of the body again for every cue near it."""
        at = self._char_at.get(ch)
        if at is None:
            at = self._char_at[ch] = [m.start() for m in re.finditer(re.escape(ch), self.body)]
        i = bisect.bisect_left(at, pos)
        return at[i] if i < len(at) else -1

    def entity(self, entity_id: str | None) -> Entity | None:
        """The person or organization of the article with this id."""
        return self._by_id.get(entity_id) if entity_id else None

    def word_index(self, pos: int) -> int:
        """Index of the first word that ends after `pos`."""
        i = bisect.bisect_right(self.starts, pos) - 1
        if i < 0:
            return 0
        return i if self.words[i][1] > pos else i + 1

    def prev_word(self, pos: int) -> str:
        """The matching form of the word before offset `pos` (skipping quote marks and spaces)."""
        i = self.word_index(pos) - 1
        while i >= 0 and self.words[i][1] > pos:
            i -= 1
        return self.norms[i] if i >= 0 else ""

    def candidates(self, a: int, b: int) -> list[_Cand]:
        """Possible speakers wholly inside [a, b), in text order; none inside a statement already attributed (a
        name someone mentions is not who speaks next)."""
        return [c for c in self._candidates(a, b) if not self.inside_quote(c.start)]

    def _candidates(self, a: int, b: int) -> list[_Cand]:
        out: list[_Cand] = []
        lo = bisect.bisect_left(self.ent_starts, a)
        hi = bisect.bisect_left(self.ent_starts, b)
        taken_until = a
        marks = self.marks
        for mi in range(bisect.bisect_left(marks, self.word_index(a)), len(marks)):
            k = marks[mi]
            w_start, w_end, surface, _ = self.words[k]
            if w_end > b:
                break
            if w_start < taken_until:
                continue
            norm = self.norms[k]
            ei = bisect.bisect_left(self.ent_starts, w_start, lo, hi)
            if ei < hi and self.people[ei].start < w_end and self.people[ei].end <= b:
                e = self.people[ei]
                out.append(_Cand(e.start, e.end, "entity", entity=e,
                                 addressed=self._addressed(e.start, k) or _led_by_preposition(e)))
                taken_until = e.end
                continue
            bare = norm[1:] if norm[:1] in "وف" and len(norm) > 3 and norm[1:] in _HEADS_OR_MEDIUM else norm
            kin = bare in KIN_ONE and self._kin_speaks(k, bare, out)
            if bare in COLLECTIVE_HEADS or kin or verb_subject_head(bare) or bare == "احد" and self._one_of(k):
                end, phrase = self._source_phrase(k, b)
                if end < 0:                            # a title before a name: the name is the candidate
                    continue
                head = bare[2:] if bare.startswith("ال") else bare
                out.append(_Cand(w_start + (len(surface) - len(bare) if bare != norm else 0), end, "collective",
                                 phrase=phrase, head=head, addressed=self._addressed(w_start, k)))
                taken_until = end
            elif bare in MEDIUM:
                out.append(_Cand(w_start, w_end, "medium", head=bare))
            elif bare.startswith("ال") and (bare[2:] in ORG_ANAPHORA or bare[2:] in PER_ANAPHORA):
                end = w_end
                if k + 1 < len(self.words) and self.norms[k + 1] in _SELF:
                    end = self.words[k + 1][1]
                out.append(_Cand(w_start, end, "anaphor", head=bare[2:], addressed=self._addressed(w_start, k)))
                taken_until = end
        return out

    def _kin_speaks(self, k: int, bare: str, out: list[_Cand]) -> bool:
        """One of a family named by whose kin they are ("والدة الفتاة المختفية", "والد الشهيد") as a subject: a
        genitive follows (not "بلد شقيق"), it opens its clause or follows a reporting verb or a feminine verb it
        agrees with ("استهلت والدة الفتاة"), and it is neither the object after a verb's subject ("وعزى الرئيس
        والد الشهيد") nor the description of the man named right before it ("فهد السبيعي والد الشهيد")."""
        prev = out[-1] if out else None
        if prev is not None and prev.kind == "entity" and prev.entity.type == "PER" and \
                not self.body[prev.end:self.words[k][0]].strip():
            return False
        if k > 0 and self.joined(k) and _cue_at(self.words[k - 1][2]) is not None:
            return True                                # "وقال والده", "وقالت والدة الفتاة"
        if k + 1 >= len(self.words) or not self.joined(k + 1) or self.norms[k + 1][:1] in "وف":
            return False                               # no genitive after it: "بلد شقيق"، "شقيق وجار"
        if k == 0 or not self.joined(k) or self.norms[k] != bare:
            return True                                # after punctuation, or "ووالد الشهيد"
        before = normalize_word(self.words[k - 1][2])
        if bare in _KIN_WOMEN:
            return before.endswith("ت")                # "استهلت والدة الفتاة", not "التقى والدة الأسير"
        return not before.startswith("ال") and not before.endswith(("ه", "ها", "هم", "ت"))   # "استهل والد الشهيد",
        #                                                not "وعزى الرئيس والد الشهيد", "بعد لقائه والد الشهيد"

    def _addressed(self, start: int, k: int) -> bool:
        """Whether the phrase starting at `start` (in word k) is the object of a preposition, told or talked about:
        its own clitic ("لرويترز", "بالوزير"), a standalone "لـ" ("لـ«الوطن الحر»") or a preposition word
        before it ("مع الرئيس"). After a medium ("بلاغ لوزارة …", "بيان لـ…") the organization is its issuer."""
        w_start = self.words[k][0]
        if start > w_start:
            clitic = normalize(self.body[w_start:start]).replace("\u0640", "")
            if clitic.lstrip("وف") in ("ل", "لل"):
                return not self._after_medium(k)
            return clitic.lstrip("وف") in ("ب", "ك")
        prev = self.norms[k - 1] if k > 0 else ""
        if prev in ("ل", "لـ"):
            return not self._after_medium(k - 1)
        if prev in _CLAUSE_VERB and clause_verb(self, k - 1):
            return False                             # "فيما عبر أشقاء الشهيد": the verb عبّر, not "via"
        return prev in _PREPOSITIONS or prev in ("ب",)

    def _after_medium(self, k: int) -> bool:
        return k > 0 and self.norms[k - 1] in ISSUED

    def _source_phrase(self, k: int, b: int) -> tuple[int, str]:
        """End offset and text of a collective source starting at word k."""
        if self.norms[k].lstrip("وف") == "عدد" and not self._people_counted(k):
            return -1, ""                              # "عدد العمليات", "تشغيل عدد من الأغاني": a count, no source
        end = self.words[k][1]
        n_words = 1
        j = k + 1
        in_pp = 0
        while j < len(self.words) and self.words[j][1] <= b and n_words < 6:
            if not self.joined(j):
                break                                  # punctuation or a quote mark ends the phrase
            norm = self.norms[j]
            if norm in _SOURCE_STOP or _cue_at(self.words[j][2]) or (norm[:1] == "ي" and len(norm) >= 4) or \
                    COMPLEMENT.fullmatch(self.words[j][2]):
                break                                  # "طبيب يعمل في …": a verb opens a relative clause
            if self._person_starting_in(j) and self.norms[k].lstrip("وف") not in _KIN | KIN_ONE:
                return -1, ""                          # "خبير التحكيم مدحت القليوبي": the person speaks, but
                #                                        in "أشقاء الشهيد" the kin of the one named do
            if self._addressed_word(j):
                break
            if norm.removeprefix("ال") in _HUMAN_PLURALS and self.norms[j - 1] not in _SOURCE_PREPS and \
                    self.norms[k].lstrip("وف").removeprefix("ال") in ORG_ANAPHORA:
                break                                  # "حثت الحكومة الأهالي على": whom the body asks
            if self._entity_starting_in(j) and self.norms[j - 1] not in _SOURCE_PREPS and \
                    not self.norms[j].startswith(("ب", "ل")) and self.norms[j - 1] not in COLLECTIVE_HEADS and \
                    self.norms[j - 1] not in _OF_BODY:
                break                                  # "أبلغ مسؤول محلي وكالة فرانس برس": the one told
            if norm in _SOURCE_PREPS:
                if in_pp:
                    break
                in_pp = 1
            elif in_pp:
                in_pp += 1
                if in_pp > 4:
                    break
            end = self.words[j][1]
            n_words += 1
            j += 1
        text = self.body[self.words[k][0]:end]
        # a preposition left dangling at the end is not part of the source
        while text and normalize(text.split()[-1]) in _SOURCE_PREPS:
            text = " ".join(text.split()[:-1])
            end = self.words[k][0] + len(text)
        first = self.words[k][2]
        fn = normalize_word(first)
        words = text.split()
        if fn[:1] in "وف" and fn[1:] in COLLECTIVE_HEADS:
            words[0] = words[0][1:]
        while len(words) > 1 and normalize_word(words[-1]) in _OTHER:
            words.pop()                                # "دبلوماسي عربي آخر" is another Arab diplomat
            end = self.words[k][0] + len(" ".join(words))
        head = normalize_word(words[0])
        if head in _NOMINATIVE:
            words[0] = _NOMINATIVE[head]               # "غير أن مراقبين يرون": the source is مراقبون
        return end, " ".join(words)

    def _company_speaks(self, e: Entity) -> bool:
        """"وقالت فيسبوك إنها تستضيف", "وأعلنت شركة تويتر": the company behind a platform speaks as the verb's
        subject; "على صفحته على موقع فيسبوك" is where someone else spoke."""
        return _COMPANY_BEFORE.search(self.body, max(0, e.start - 12), e.start) is not None

    def _one_of(self, k: int) -> bool:
        """"أحد أفراد الشرطة", "أحد القياديين", "أحد مساعدي الجنرال": one of a group, who may speak; not "لا أحد
        يظن", "لم يبرهنهما أحد" (anyone)."""
        if k + 1 >= len(self.words) or not self.joined(k + 1) or k and self.norms[k - 1] in _NOBODY:
            return False
        n = self.norms[k + 1]
        return n.startswith("ال") or n.endswith(("ي", "ين", "ون", "اء")) or n in _OF_BODY or n in COLLECTIVE_HEADS

    def _people_counted(self, k: int) -> bool:
        """"عدد من المسؤولين", "عدد من الأهالي": a number of people, who may speak (a human plural after من)."""
        if k + 2 >= len(self.words) or self.norms[k + 1] != "من":
            return False
        n = self.norms[k + 2]
        bare = n[2:] if n.startswith("ال") else n
        return bare.endswith(("ين", "ون")) or bare in COLLECTIVE_HEADS or n in COLLECTIVE_HEADS or \
            bare in _HUMAN_PLURALS

    def _addressed_word(self, j: int) -> bool:
        """A word told something inside a source phrase: "لـ«الرائد أونلاين»", "لرويترز" ends the phrase."""
        surface = self.words[j][2]
        before = self.body[max(0, self.words[j][0] - 2):self.words[j][0]]
        return surface.startswith("لـ") or before.endswith(("لـ", "ل«", "ل“", 'ل"')) or \
            (surface.startswith("ل") and not surface.startswith("لل") and len(surface) > 3 and
             self._entity_starting_in(j))

    def _person_starting_in(self, j: int) -> bool:
        w_start, w_end = self.words[j][0], self.words[j][1]
        i = bisect.bisect_left(self.ent_starts, w_start)
        if i >= len(self.people) or self.people[i].start >= w_end or self.people[i].type != "PER":
            return False
        e = self.people[i]
        return bool(e.title) or len(e.name.split()) > 1

    def _entity_starting_in(self, j: int) -> bool:
        w_start, w_end = self.words[j][0], self.words[j][1]
        i = bisect.bisect_left(self.ent_starts, w_start)
        return i < len(self.people) and self.people[i].start < w_end

    def gender(self, c: _Cand) -> str | None:
        if c.kind == "entity":
            return entity_gender(c.entity)
        if c.kind == "anaphor":
            return "F" if c.head.endswith("ه") else "M"
        return None

    def resolve(self, c: _Cand, before: int) -> tuple[str, Entity | None, str] | None:
        """(speaker, entity, speaker_text) for a candidate; back-references to what was named before `before`."""
        if c.kind == "entity":
            e = self.role_holder.get(c.entity.entity_id or "", c.entity)   # "أمير منطقة عسير …، فيصل بن خالد"
            return e.canonical or e.name, e, c.entity.text
        if c.kind == "collective":
            return c.phrase, None, c.phrase
        text = self.body[c.start:c.end]
        if c.kind == "anaphor":
            if c.head in PER_ANAPHORA:
                k = self.word_index(c.start)
                adj = self.norms[k + 1] if k + 1 < len(self.words) and self.joined(k + 1) else ""
                e = None
                if _nisba(adj):
                    # "وصرح الرئيس الكيني" after "الرئيس الأمريكي باراك أوباما": the president so qualified, here
                    # or further on, else one the article leaves unnamed, not the last president named
                    key = ("title_adj", c.head, adj)
                    e = self.named_last(key, before) or next(
                        (p for p in self.people if p.start >= before and key in _named_keys(p, "")), None)
                # the last person before it whose title has the head as a word ("الوزير": "وزير الخارجية"), else
                # as a word's ending ("المستشار": "المستشار")
                e = e or self.named_last(("title", c.head), before) or self.named_last(("title_end", c.head), before)
                adjs = {x[2] for x in _named_keys(e, "") if x[0] == "title_adj" and x[1] == c.head} if e else set()
                if _nisba(adj) and adjs and adj not in adjs:
                    phrase = self.body[c.start:self.words[k + 1][1]]     # another nationality's: "الرئيس
                    return phrase, None, phrase                          # الكيني" is no "الرئيس الأمريكي"
                e = self.role_holder.get(e.entity_id or "", e) if e is not None else None
                return (e.canonical or e.name, e, text) if e is not None else None
            k = self.word_index(c.start)
            adj = self.norms[k + 1] if k + 1 < len(self.words) and self.joined(k + 1) else ""
            if adj in _UN_ADJECTIVES:
                # "المنظمة الدولية", "المنظمة الأممية": the United Nations or the UN body named last
                e = self.named_last(("un",), before, ("un", adj))
                if e is not None:
                    return e.canonical or e.name, e, text
            # the body of that kind that spoke last ("وأوضحت الوزارة" after the Civil Service ministry's statements,
            # though the Education ministry was named since), else the last one named: by its first word
            # ("منظمة الصحة"), or the word before it
            e = self.spoke if self.spoke is not None and self.spoke.type == "ORG" and \
                self.spoke.start < before and _org_head(self.spoke) == c.head else None
            e = e or self.named_last(("org", c.head), before)
            if e is not None:
                return e.canonical or e.name, e, text
            # "وأعلنت اللجنة المنظمة أن": no such organization named before; the phrase itself speaks
            j = k + 1
            while j < len(self.words) and j <= k + 2 and self.joined(j) and self.norms[j].startswith("ال") and \
                    self.norms[j] not in _SOURCE_STOP and not _cue_at(self.words[j][2]):
                j += 1
            phrase = self.body[c.start:self.words[j - 1][1]]
            return phrase, None, phrase
        return None

    def resolve_source(self, head: str, text: str) -> tuple[str, None, str] | None:
        """A definite source ("المصدر الدبلوماسي", "المصادر ذاتها") as the last source quoted with that head, or
        the last one as singular or as plural as it ("المصدر ذاته" after "دبلوماسي أوروبي": that diplomat)."""
        phrase = self._sources.get(head in SINGULAR_SOURCES)
        return (phrase, None, text) if phrase is not None else (text, None, text)

    def source_quoted(self, head: str, phrase: str) -> None:
        """A collective source ("مصدر دبلوماسي") was quoted: the next "المصدر ذاته" may be it. The last one with
        the same head is the last one of its number too, so one phrase per number is all there is to keep."""
        self._sources[head in SINGULAR_SOURCES] = phrase

    def named_last(self, key: tuple, before: int, other: tuple | None = None) -> Entity | None:
        """The last person or organization named before offset `before` with `key` (or `other`) in
        `_named_keys`."""
        if self._named is None:
            self._named = LastBefore()
            for i, e in enumerate(self.people):
                for k in _named_keys(e, self.prev_word(e.start) if e.type == "ORG" else ""):
                    self._named.add(k, i)
        bound = bisect.bisect_left(self.ent_starts, before)
        i = self._named.last(key, bound)
        if other is not None:
            j = self._named.last(other, bound)
            i = j if i is None or (j is not None and j > i) else i
        return self.people[i] if i is not None else None




def _role_holders(body: str, people: list[Entity]) -> dict[str, Entity]:
    """Title-only references the recognizer left open whose chain of titles ends at the person it names ("أكد أمير
    منطقة عسير رئيس مجلس التنمية السياحية بالمنطقة، فيصل بن خالد بن عبدالعزيز، أهمية"): the reference's id → that
    person, so that this and every later "أمير منطقة عسير" of the article is his. The chain is `_title_chain`'s,
    on one line, its first part opening with a title too."""
    out: dict[str, Entity] = {}
    for i, e in enumerate(people):
        if e.type != "PER" or not e.entity_id or e.entity_id in out or parse_role_name(e.canonical or "") is None:
            continue
        person = next((p for p in people[i + 1:i + 4] if p.type == "PER" and
                       parse_role_name(p.canonical or "") is None), None)
        if person is None or person.start - e.end > 200:
            continue
        between = body[e.end:person.start]
        parts = _title_chain(between) if "\n" not in between else None
        if parts is None or (parts[0] and not _is_title_word(normalize_word(parts[0].split()[0]))):
            continue                          # the reference's own title opens the chain, and no line break
        out[e.entity_id] = person
    return out


# adjectives after a title that are no nationality ("الرئيس التنفيذي" is still "a president … executive")
_NOT_NISBA = _norm_set("""الحالي السابق الأسبق الفخري الشرفي المكلف""")


def _nisba(w: str) -> bool:
    """A definite adjective of relation after a title ("الكيني", "التنفيذي", "الإقليمي"): it says which one."""
    return len(w) >= 5 and w.startswith("ال") and w.endswith(("ي", "يه")) and w not in _NOT_NISBA


def _named_keys(e: Entity, prev: str) -> set[tuple]:
    """What a back-reference may find an entity by: ("title", w) for a word of a person's title in
    PER_ANAPHORA and ("title_end", h) for such a word that ends a title word; ("titled",) for a person with a
    title; ("un",) for an organization of the United Nations and ("un", adj) for its adjective ("الدولية");
    ("org", h) for an organization's first word without ال, or the word before it ("صحيفة «لوتان»")."""
    keys: set[tuple] = set()
    if e.type == "PER" and e.title:
        keys.add(("titled",))
        title = normalize(e.title).split()
        kind = "king" if any(w in _KING_TITLES for w in title) else \
            "prince" if any(w in _PRINCE_TITLES for w in title) else "official"
        keys.add(("titled", kind))
        for j, w in enumerate(title):
            heads = {w[i:] for i in range(len(w)) if w[i:] in PER_ANAPHORA}
            if w in PER_ANAPHORA:
                keys.add(("title", w))
            keys.update(("title_end", h) for h in heads)
            # "للرئيس الكيني": (رئيس, الكيني); "وزير الخارجية الروسي": (وزير, الخارجيه), (وزير, الروسي)
            keys.update(("title_adj", h, a) for h in heads for a in title[j + 1:] if _nisba(a))
    elif e.type == "ORG":
        name = normalize(e.name) if e.name else ""
        if "الامم المتحده" in name:
            keys.add(("un",))
        keys.update(("un", w) for w in name.split() if w in _UN_ADJECTIVES)
        first = name.split()[0] if name.split() else ""
        keys.add(("org", first[2:] if first.startswith("ال") else first))
        keys.add(("org", prev.removeprefix("ال")))
    return keys


def attribute(body: str, entities: list[Entity], sents: list[tuple[int, int]] | None = None,
              words: list[tuple[int, int, str, str]] | None = None) -> list[Quote]:
    """Quotes in `body`, with speakers resolved against `entities` (offsets into the same body).
    `sents` and `words` are the pipeline's shared segmentation; computed here when not given."""
    if sents is None:
        sents = sentences(body)
    if words is None:
        words = [(m.start(), m.end(), m.group(0), "") for m in WORD_RE.finditer(body)]
    doc = _Doc(body, entities, words)
    quotes: list[Quote] = []
    last: dict = {"speaker": None, "entity": None, "pos": -1}
    inner: list[tuple] = []
    all_cues = [(wi, c) for wi, c in ((wi, _cue_at(words[wi][2]) or clause_verb(doc, wi)) for wi in doc.cue_words) if c]
    cue_starts = [words[wi][0] for wi, _ in all_cues]
    all_adv = _adverbials(body)
    for s_start, s_end in sents:
        cues = []
        for ci in range(bisect.bisect_left(cue_starts, s_start), len(all_cues)):
            wi, c = all_cues[ci]
            w = words[wi]
            if w[1] > s_end:
                break
            if doc.norms[wi] in IMPERSONAL and wi + 1 < len(words) and COMPLEMENT.fullmatch(words[wi + 1][2] or "") \
                    or doc.norms[wi] in _IT_IS_SAID:
                continue                     # "يذكر أن", "يُقال عنهم": no one speaks
            if wi > 0 and doc.norms[wi - 1] in _WHEN:
                continue                     # "عندما دعا الرئيس الزعماء لتوقيع …": a time clause, no statement
            if wi > 0 and not c[2] and doc.norms[wi - 1] in _MASDAR_BEFORE and \
                    not body[words[wi - 1][1]:w[0]].strip():
                continue                     # "حول وصف رئيس الحكومة": a verbal noun after a preposition
            if doc.norms[wi] == "متابعه" and body[w[1]:w[1] + 3].lstrip().startswith(":") and \
                    re.search(r"(?:^|[-–\n])\s*$", body[max(0, w[0] - 3):w[0]]):
                continue                     # "أيمن حسن- سبق- متابعة:": a byline's follow-up, no speech
            if c[3] and c[0] in _ACT_WHEN_SUFFIXED:
                continue                     # "أبرزها" (the foremost of them), "الخطة التي أقرها" (approved)
            if c[0] == "أبرز" and wi > 0 and doc.norms[wi - 1] in ("من", "ومن"):
                continue                     # "ومن أبرز ملامح النظام": the foremost, no verb
            if c[0] == "اتهم" and _PASSIVE.match(w[2]):
                continue                     # "يُتهم بأنه": the passive (the active is يَتَّهم), no one speaks
            if wi > 0 and not body[words[wi - 1][1]:w[0]].strip() and (
                    doc.norms[wi - 1] in _INFERENCE and not (wi > 1 and doc.norms[wi - 2] in _MASDAR_BEFORE) or
                    (doc.norms[wi - 1] == "ما" and wi > 1 and doc.norms[wi - 2] in _IT_IS)):
                continue                     # "وهذا يشير إلى أن", "وهو ما يؤكد أن": a reasoning, no statement;
                #                              but "إلى ذلك أعرب", "بعد ذلك قال": meanwhile, then
            if doc.norms[wi] in _AGAIN and _OPENS_NOW.match(body, w[1]):
                continue                     # "وأكد الوزير مجددا أن": again, not "مجددا دعمه" (renewing)
            cues.append((w[0], w[1], c[0], c[1], c[2], w[2], c[3]))
        adv = _in_sentence(all_adv, s_start, s_end)
        if not cues and not adv:
            continue
        spans = sorted([(c[0], "cue", c) for c in cues] + [(a[0], "adv", a) for a in adv])
        stops = [p for p in (_stop_at(doc, pos, kind, item, s_start, s_end) for pos, kind, item in spans)
                 if p is not None]
        for idx, (pos, kind, item) in enumerate(spans):
            if doc.quoted.covers(pos):
                if kind == "cue" and not item[4]:
                    inner.append(item)       # a statement inside another's: split out after the others
                continue                     # a cue inside a quotation already attributed
            if kind == "cue":
                barrier = next((p for p, k, it in spans[idx + 1:] if k == "cue" and not it[6] and not (
                    (doc.prev_word(p) in _RELATIVE or _TIME_CLAUSE.search(body, max(s_start, p - 12), p))
                    and not COMPLEMENT.search(body, it[1], it[1] + 14))), s_end)
                # "الورقة التي دعت لإنشاء الصندوق": a verb in a relative clause with no statement of its own; "وقالت
                # دولي بارتون بعد أن علمت بوفاة أندرسون “…”": one in a time clause
                q = _from_cue(doc, item, s_start, s_end, stops, last, barrier)
            else:
                q = _from_adverbial(doc, item, s_start, s_end, stops, last)
            if q is None and kind == "cue" and not item[4]:
                last = _named_subject(doc, item, s_start) or last   # "نفى متحدث باسم الوزارة …، وقال": the
                continue                                             # one who spoke, though nothing was quoted
            if q is None or not doc.quoted.add_if_free(q.start, q.end):
                continue                     # none, or overlapping one already attributed
            quotes.append(q)
            doc.spoke = doc.entity(q.speaker_entity_id) or doc.spoke
            gender = _speaker_gender(doc, q)
            if gender is None and kind == "cue" and doc.entity(q.speaker_entity_id) is None:
                gender = cue_gender(item[5])         # "أظهرت الإحصائيات أن …، مشيرًا": not the statistics
            last = {"speaker": q.speaker, "entity": q.speaker_entity_id, "pos": q.start, "end": q.end,
                    "sentence": s_start, "gender": gender}
    quotes += [q for q in (_nested(doc, cue, quotes) for cue in inner) if q is not None]
    quotes.sort(key=lambda q: q.start)
    return quotes


def _named_subject(doc: _Doc, cue, s_start: int) -> dict | None:
    """The subject named right after a reporting verb that gave no statement: who speaks next ("وأضاف")."""
    c_end = cue[1]
    k = doc.word_index(c_end)
    cands = [c for c in doc.candidates(c_end, min(len(doc.body), c_end + 120)) if c.kind in ("entity", "collective")]
    if not cands or cands[0].addressed or doc.word_index(cands[0].start) > k + 1:
        r = _title_speaker(doc, k, min(len(doc.body), c_end + 120)) if k < len(doc.words) and \
            _is_title_word(doc.norms[k]) else None       # "ثم تحدث مدير الدورة مطالبا": the title speaks
        if r is not None and r[1] is None and cue[3]:
            return None                      # "وتابع رئيس الدبلوماسية الجزائرية قائلا": the one speaking goes on
    else:
        r = doc.resolve(cands[0], c_end)
    if r is None:
        return None
    name, ent = r[0], r[1]
    if ent is not None and name and parse_role_name(name) is not None:
        name = ent.name                      # a role its article left open, as _quote writes it
    return {"speaker": name, "entity": ent.entity_id if ent else None, "pos": cue[0], "end": cue[1],
            "sentence": s_start, "gender": entity_gender(ent) if ent else None}


def _nested(doc: _Doc, cue, quotes: list[Quote]) -> Quote | None:
    """"قال المتحدث إن الوزير أكد أن …": the minister's statement inside the spokesman's, with its own speaker,
    when a verb inside a statement names its subject right after it (a name or a source, not a pronoun) and
    opens its content with إن/أن, a colon or a quotation."""
    c_start, c_end, lemma, _, _, _, _ = cue
    outer = next((q for q in quotes if q.start <= c_start < q.end), None)
    if outer is None or lemma in ("جاء", "نقل") or lemma in _OBJECT_ONLY:
        return None
    k = doc.word_index(c_end)
    j = bisect.bisect_left(doc.marks, k)
    adjacent = j < len(doc.marks) and doc.marks[j] <= k + 1      # a name or a source may start right after it
    head = doc.body[outer.start:c_start]
    right_before = _subject_right_before(doc, cue, outer)
    if not adjacent and not right_before and (len(head.split()) > 9 or re.search(r"[،,.:؛]", head)):
        return None                          # no subject named after the verb nor opening the clause: cheap no
    found = _anchor(doc, c_end, outer.end)
    if found is None:
        return None
    after = [c for c in doc._candidates(c_end, min(found[0], c_end + 120))
             if c.kind in ("entity", "collective") and not c.addressed]
    if after and doc.word_index(after[0].start) <= k + 1:
        subject = after[0]                   # "إن الوزير أكد أن" is SVO, "وأكد الوزير أن" VSO
    elif right_before is not None and len(doc.body[c_end:found[0]].split()) <= 3:
        subject = right_before               # its content opens at once ("يرون أن", "تشير إلى أن")
    else:
        # the reported clause's own subject, at its start ("إن وزير الخارجية فيصل المقداد أكد")
        if len(head.split()) > 9 or re.search(r"[،,.:؛]", head):
            return None                      # "أكد أن": a pronoun subject, the outer speaker's own words
        before = [c for c in doc._candidates(outer.start, c_start) if c.kind in ("entity", "collective")
                  and not c.addressed and not doc.body[c.end:c_start].strip()]
        if not before or len(doc.body[outer.start:before[-1].start].split()) > 4:
            return None
        subject = before[-1]
    speaker = doc.resolve(subject, found[0])
    content = _content_after(doc, found[0], outer.end, outer.end) if speaker else None
    if content is None or content[1] - content[0] < 12:
        return None
    doc.why = "subject of a statement inside another's"
    return _quote(doc, speaker, lemma, content)


def _subject_right_before(doc: _Doc, cue, outer: Quote) -> _Cand | None:
    """"…، وآخرون يرون أن", "غير أن مراقبين يرون أن": the subject right before a verb inside another's statement;
    not for a verb joined by و (the outer speaker's), a relative clause ("التي أكد") or the subject of another verb
    ("نقلته وكالة الأنباء قال فيه")."""
    c_start = cue[0]
    if normalize_word(cue[5])[:1] in "وف":
        return None
    near = [c for c in doc._candidates(max(outer.start, c_start - 80), c_start)
            if c.kind in ("entity", "collective") and not c.addressed and not doc.body[c.end:c_start].strip()]
    if not near:
        return None
    c = near[-1]
    if normalize_word(doc.body[c.start:c.end].split()[-1]) in _RELATIVE_PRONOUNS or \
            _cue_at(doc.prev_word(c.start)) is not None:
        return None
    return c


def _in_sentence(adverbials: list[tuple[int, int, str]], s_start: int, s_end: int) -> list[tuple[int, int, str]]:
    """The adverbial attributions (sorted by start) that start at or after `s_start` and end by `s_end`; from
    the first of the sentence on, not a copy of all that follow it (one per sentence is quadratic)."""
    out = []
    for i in range(bisect.bisect_left(adverbials, (s_start,)), len(adverbials)):
        a = adverbials[i]
        if a[1] <= s_end:
            out.append(a)
        elif a[0] >= s_end:
            break
    return out


_MASDAR_BEFORE = _norm_set("حول عن على في من إلى الى بعد قبل منذ خلال عبر بشأن لدى")
_WHEN = _norm_set("عندما وعندما حينما وحينما لما ولما كلما وكلما ريثما")
# reporting through someone: the verb, and the preposition after which the one quoted comes ("عن", "عنه")
_CHAINS = {"نقل": re.compile(r"(?<!\w)عن(?P<pronoun>ه|ها|هم)?\s"),
           "نسب": re.compile(r"(?<!\w)(?:إلى|الى|ل)(?P<pronoun>يه|يها)?\s"),
           "علم": re.compile(r"(?<!\w)من(?P<pronoun>ه)?\s")}
# verbs that are no speech with an object pronoun
_ACT_WHEN_SUFFIXED = frozenset({"أبرز", "أقر", "نسب", "ذكر", "قدر"})
# verbs that report speech only with a stance noun ("قدم شكره", "رفع تهنئته"): "قدم أن" is no statement
_OBJECT_ONLY = frozenset({"قدم", "رفع"})


# verbs whose first noun may be whom they address ("يدعو الدول الأعضاء إلى", "طالب الحكومة بـ")
_ADDRESSING = frozenset({"دعا", "طالب", "حذر", "اتهم", "أبلغ", "وصف", "شكر", "هدد", "نبه", "ناشد", "طلب", "أهاب", "حث",
                         "نصح", "سأل", "أوصى", "طمأن"})
_NOT_SUBJECT = _norm_set("""اليوم الأمس الليلة الآن الأسبوع الشهر العام السنة الصباح المساء الذي التي الذين اللذين
الى الإثنين الأربعاء الخميس الجمعة السبت الأحد الثلاثاء""")


_IN_IT = re.compile(r"\s*(?:فيه|فيها|خلاله|خلالها)(?!\w)")
_SENT_FROM = re.compile(r"(?:اتصال|رسال|برقي|كلم|خطاب|مكالم)\w*[^.؟!:]{0,60}?(?<!\w)من\s+")


def _sender(doc: _Doc, s_start: int, c_start: int, c_end: int) -> tuple[str, Entity | None, str] | None:
    """"تلقى … اتصالا هاتفيا من الملك حمد بن عيسى آل خليفة ملك مملكة البحرين أعرب فيه عن": the one the call,
    letter or speech ("فيه", "خلالها") came from, not the country after his title."""
    if not _IN_IT.match(doc.body, c_end):
        return None
    m = None
    for m in _SENT_FROM.finditer(doc.body, max(s_start, c_start - 300), c_start):
        pass
    if m is None:
        return None
    person = next((c for c in doc.candidates(m.end(), c_start) if c.kind == "entity" and c.entity.type == "PER"),
                  None)
    return doc.resolve(person, c_start) if person is not None else None


_IN_SPEECH = re.compile(r"\s*(?:من\s+)?(?:فيه|فيها|خلاله|خلالها)(?!\w)")
_SPEECHES = _norm_set("""كلمة كلمته كلمتها كلمات بيان بيانا بياناً تصريح تصريحات تصريحا خطاب خطابا رسالة برقية تغريدة
مقال مقالا حديث حديثا حديثًا أبيات محاضرة خطبة قصيدة""")


def _speech_giver(doc: _Doc, s_start: int, c_start: int, c_end: int) -> tuple[str, Entity | None, str] | None:
    """"وألقى الدكتور محمد العيسى الملحق الثقافي … كلمة أثنى فيها", "بدأت بكلمة لمدير فنون أبها أحمد السروي، أكد
    من خلالها", "تصريحات توني بلير … التي حذر من خلالها", "مما جعل الأهلي يصدر بيانا يستنكر فيه": the one who
    gave the speech, statement or letter the verb speaks in: named right after it (its owner, or after ل), or else
    the subject of the verb that gave it (ألقى، أصدر …) or of the clause."""
    if not _IN_SPEECH.match(doc.body, c_end):
        return None
    v = doc.word_index(c_start)
    k = next((j for j in range(v - 1, max(-1, v - 25), -1) if doc.words[j][0] >= s_start and
              _bare_speech(doc.norms[j])), None)
    if k is None:
        return None
    after = doc.candidates(doc.words[k][1], c_start)
    if after and normalize_word(doc.words[k + 1][2])[:1] == "ل" and doc.word_index(after[0].start) <= k + 5:
        return doc.resolve(after[0], c_start)                # "بكلمة لمدير فنون أبها أحمد السروي"
    if after and doc.word_index(after[0].start) <= k + 3 and doc.joined(k + 1) and \
            not re.search(r"[،,.:؛]", doc.body[doc.words[k][1]:after[0].start]):
        return _first_speaker(doc, after, c_start)           # its owner: "كلمة مدير الإدارة …، المهندس فهد"
    start = max(_clause_start(doc, s_start, doc.words[k][0]), doc.words[max(0, k - 10)][0])
    gave = next((j for j in range(k - 1, max(-1, k - 20), -1) if doc.words[j][0] >= s_start and
                 _gives_speech(doc.norms[j])), None)
    if gave is not None:                 # "وألقى الدكتور محمد العيسى الملحق الثقافي في سفارة … كلمة"
        start = doc.words[gave][1]
    return _first_speaker(doc, doc.candidates(start, doc.words[k][0]), c_start)


_GIVE = _norm_set("ألقى أصدر أصدرت وجه وجهت بعث بعثت أرسل أرسلت نشر نشرت بث بثت ألقت")


def _gives_speech(n: str) -> bool:
    """A past verb that gives a speech, a statement or a letter, with its و or ف ("وألقى", "فأصدرت"); a present
    one ("جعل الأهلي يصدر بيانا") comes after its subject."""
    return _in_with_clitic(n, _GIVE, "وف")


def _bare_speech(n: str) -> bool:
    """A speech, statement or letter, with a clitic ب or و on it ("بكلمة", "وبيان")."""
    return _in_with_clitic(n, _SPEECHES, "بو")


def _in_with_clitic(n: str, forms: frozenset[str], clitics: str) -> bool:
    """Whether a word is one of `forms`, bare or after one of the one-letter `clitics`."""
    return n in forms or n[:1] in clitics and n[1:] in forms


_SIGNED = _norm_set("الموقع الموقعة الممهور الممهورة")
_SIGNED_BY = _norm_set("باسم من بتوقيع")


def _signed_by(doc: _Doc, k: int, anchor: int) -> tuple[str, Entity | None, str] | None:
    """"وأضاف البيان الموقع باسم راجيش ميهتا المدير العام للشركة، أن": the one who signed the statement, not
    "الموقع" (a website elsewhere)."""
    if k + 3 >= len(doc.words) or doc.norms[k] not in ISSUED or doc.norms[k + 1] not in _SIGNED or \
            doc.norms[k + 2] not in _SIGNED_BY:
        return None
    named = _first_speaker(doc, doc.candidates(doc.words[k + 2][1], anchor), anchor)
    if named is not None:
        return named
    end = k + 3                              # a name the recognizer missed, up to its title or a comma
    while end < min(len(doc.words), k + 7) and doc.words[end][1] <= anchor and \
            (end == k + 3 or doc.joined(end)) and not doc.norms[end].startswith("ال"):
        end += 1
    phrase = doc.body[doc.words[k + 3][0]:doc.words[end - 1][1]] if end > k + 3 else ""
    return (phrase, None, phrase) if phrase else None


def _report_first(doc: _Doc, k: int, anchor: int) -> tuple[str, None, str] | None:
    """"أظهر تقرير صحفي نشر في ألمانيا أن": an indefinite report right after the verb speaks, not what follows;
    but "بيانات المنظمة", "تقديرات مكتب الأمم المتحدة" name who issued them, and they speak."""
    words = doc.words
    if k >= len(words) or words[k][1] > anchor or doc.norms[k] not in ISSUED or doc.norms[k].startswith("ال"):
        return None
    for j in range(k + 1, min(k + 4, len(words))):
        n = doc.norms[j]
        if words[j][0] >= anchor:
            break
        if entity_at(doc, words[j][0]) is not None or (n.startswith("ال") and n[2:] in ORG_ANAPHORA) or \
                n[:1] in "بل" and n[1:3] == "ال" and n[3:] in ORG_ANAPHORA:
            return None                      # "بيانات الجهاز المركزي …": the issuer named, who speaks
    return issuer_after(doc, k, anchor) or _indefinite_subject(doc, k, anchor)


def _indefinite_subject(doc: _Doc, k: int, anchor: int) -> tuple[str, None, str] | None:
    """The phrase an indefinite head opens ("تقرير إخباري", "جمعية حقوق المواطن في إسرائيل"): up to five
    words, ending at punctuation, a preposition of the one told, a verb or the content."""
    words, end = doc.words, k
    while end + 1 < len(words) and end - k < 4 and words[end + 1][1] <= anchor and doc.joined(end + 1) and \
            doc.norms[end + 1] not in _SOURCE_STOP and not _cue_at(words[end + 1][2]) and \
            not COMPLEMENT.fullmatch(words[end + 1][2]) and not doc.norms[end + 1].startswith(("ل", "ب")):
        end += 1
    phrase = doc.body[words[k][0]:words[end][1]]
    return phrase, None, phrase


def _bare_subject(doc: _Doc, k: int, anchor: int) -> tuple[str, None, str] | None:
    """"وتشير المعلومات المتوافرة إلى أن", "وقالت الشرطة إن": a definite noun right after the verb that names no
    entity is still its subject, an unnamed source, not the speaker of the sentence before."""
    words, norms = doc.words, doc.norms
    if k >= len(words) or words[k][1] > anchor:
        return None
    n = norms[k]
    if not n.startswith("ال") or len(n) < 5 or n in _NOT_SUBJECT or _is_title_word(n) or _cue_at(words[k][2]):
        return None
    if not (n.endswith(("ات", "ون", "ين")) or n in _DATA_NOUNS or
            (n.endswith("ه") and cue_gender(words[k - 1][2] if k else "") == "F")):
        return None                          # "وأشار البطل السعودي": a man the article named before
    end = k
    while end + 1 < len(words) and end - k < 2 and words[end + 1][1] <= anchor and norms[end + 1].startswith("ال") \
            and norms[end + 1] not in _NOT_SUBJECT and not doc.body[words[end][1]:words[end + 1][0]].strip():
        end += 1
    issuer = issuer_after(doc, end - 1, anchor) if end > k and norms[end] in ("الصادر", "الصادره") else None
    if issuer is not None:
        return issuer                        # "وتشير الأرقام الصادرة عن الهيئة الملكية": the body that issued them
    phrase = doc.body[words[k][0]:words[end][1]]
    return phrase, None, phrase


_OBJECT_PREPOSITIONS = _norm_set("عن على إلى الى من في")


def _after_preposition(doc: _Doc, at: int) -> bool:
    """Whether the object at `at` follows a preposition written as a word ("أعرب خادم الحرمين الشريفين عن شكره"):
    the verb's own, after its subject; not a clitic ب inside a title's complement ("في مدينة بنارس")."""
    return at > 0 and not doc.body[at - 1].isalpha() and doc.prev_word(at) in _OBJECT_PREPOSITIONS


def _from_cue(doc: _Doc, cue, s_start, s_end, stops, last, barrier: int) -> Quote | None:
    body = doc.body
    c_start, c_end, lemma, continuation, participle, cue_text, _ = cue
    k1 = doc.word_index(c_end)
    if k1 < len(doc.words) and doc.norms[k1] in FINDINGS:
        return None                          # "كشف الفحص الطبي عن إصابته": a finding, no one's statement
    found = None if lemma in _OBJECT_ONLY else _anchor(doc, c_end, min(s_end, barrier))
    at = object_anchor(doc, cue, min(s_end, barrier)) if found is None or found[1] == "complement" else None
    if at is not None and not participle:
        named = _title_chain_person(doc, doc.candidates(c_end, min(s_end, barrier, c_end + 300)), c_end)
        if named is not None and at < named.end and (not _after_preposition(doc, at) or (
                found is not None and found[1] == "complement" and len(body[named.end:found[0]].split()) <= 2)):
            # "أشاد الأمين العام للجامعة السلفية في مدينة بنارس … عبدالله …، بما", "أكد عضو رئاسة الهيئة الوطنية
            # للرقابة على تنفيذ مخرجات الحوار صلاح باتيس أن": the object past him; but in "أعرب خادم الحرمين
            # الشريفين عن شكره … للملك حمد" the verb's own عن comes first
            at = object_anchor(doc, (c_start, named.end) + cue[2:], min(s_end, barrier))
    if at is not None and subject_goes_on(doc, at, c_end):
        # a title, a nisba or God asked after the subject is not what was said: the content starts at the
        # complementizer, or after the comma that closes the title ("فلان ملك الأردن، التفجير")
        at = None if found is not None else past_apposition(doc, at, min(s_end, barrier))
    if at is not None and (found is None or len(body[at:found[0]].split()) > 3):
        found = (at, "object")               # "عبر أشقاء الشهيد عن فخرهم …، وبإذن الله أنه": the object first
    if found is None or (found[1] != "quote" and doc.word_index(c_end) < len(doc.words) and
                         doc.norms[doc.word_index(c_end)] == "ذلك"):
        return _said_before(doc, cue, s_start, s_end) if not participle else None
    anchor, kind = found
    if lemma == "جاء":      # "وجاء في بيان صادر عن المحكمة:": only the text of a statement is introduced so
        return _text_issued(doc, cue, anchor, s_start, s_end, stops, last)
    if lemma in _CHAINS:
        return _through_chain(doc, cue, anchor, s_end, stops, last)

    after = doc.candidates(c_end, anchor)
    first = doc.word_index(c_end)
    if first + 1 < len(doc.words) and doc.norms[first] in ISSUED and doc.norms[first].startswith("ال") and \
            doc.norms[first + 1] in _RELATIVE:
        # "كشف الاستبيان الذي شمل 3,800 موظف": who it covered does not speak; "وأظهرت الدراسة التي أجرتها
        # مؤسسة «ميديا أناليسيس»": who made it does
        made = first + 2 < len(doc.words) and doc.norms[first + 2].endswith(("ها", "ه")) and \
            doc.norms[first + 2][:1] in "انتي"
        after = [c for c in after if made and doc.word_index(c.start) <= first + 4 and c.kind != "medium"][:1]
    speaker = None
    if lemma in _ADDRESSING:
        # "أبلغ أحد مساعدي الجنرال المتقاعد الفريق الأممي بأن": a long source phrase may run into whom it told
        after = [c for c in after if c.kind != "collective" or c.head not in _ONE_OF or len(c.phrase.split()) <= 3]
    if participle:
        after = [c for c in after if c.kind == "medium"]   # "مطالبا الأمم المتحدة بأن": whom it asks
    else:
        speaker = _why(doc, "the caller or sender (اتصالا من … أعرب فيه)", _sender(doc, s_start, c_start, c_end)) or \
            _why(doc, "who gave the speech (ألقى كلمة أكد فيها)", _speech_giver(doc, s_start, c_start, c_end)) or \
            _why(doc, "subject before the verb (قد + verb)", _subject_before(doc, s_start, c_start, had_only=True)) or \
            _why(doc, "noun phrase between كان and its verb", _was_phrase(doc, s_start, c_start))
        if speaker is not None and speaker[1] is not None and speaker[1].type in ("ORG", "LOC"):
            # "وكانت منظمة الصحة العالمية قد أكدت، على لسان ممثلها ماركوس هوفمان، أن": its spokesperson
            tongue = re.search(r"على\s+لسان", body[c_end:anchor])
            if tongue:
                person = next((c for c in after if c.start >= c_end + tongue.end() and c.kind == "entity"
                               and c.entity.type == "PER"), None)
                if person is not None:
                    speaker = _why(doc, "spokesperson (على لسان)", doc.resolve(person, anchor))
    if speaker is None and not participle and normalize_word(cue_text)[:1] in "يت" and cue_text[:1] in "يت":
        # "القرار، الذي صدر بالإجماع، يطالب الجيش السوداني بـ", "الوزارة تؤكد أن": a present verb after its
        # subject; the noun after it is whom it addresses
        speaker = _why(doc, "subject before a present verb", _subject_before(doc, s_start, c_start))
    speaker = speaker or _why(doc, "source named before (المصدر ذاته)", _source_anaphor(doc, c_end, anchor)) or \
        (None if participle else (
            _why(doc, "scripture (قال الله تعالى)", scripture_speaker(doc.words, doc.norms, first, anchor)) or
            _why(doc, "the one who signed the statement (البيان الموقع باسم)", _signed_by(doc, first, anchor)) or
            _why(doc, "unnamed report or body after the verb", _report_first(doc, first, anchor)) or
            _why(doc, "a name in quotation marks after a role", quoted_name(doc, c_end, anchor)) or
            _why(doc, "person after a long title", _titled_person(doc, after, c_end, anchor)) or
            _why(doc, "subject after the verb", _first_speaker(doc, after, anchor, c_end)) or
            _why(doc, "title after the verb", _by_title(doc, c_end, anchor)) or
            _why(doc, "title phrase after the verb", _title_speaker(doc, doc.word_index(c_end), anchor)) or
            _why(doc, "name after the verb", _name_speaker(doc, doc.word_index(c_end), anchor))))
    if speaker is None and not participle and first < len(doc.words) and doc.norms[first] in _HONORIFIC:
        honored = _honored(doc, first, c_start, last)
        if honored is not None:
            return _finish(doc, honored, lemma, anchor, s_end, stops)
    if speaker is None and not participle and first < len(doc.words) and doc.norms[first] in ISSUED and \
            doc.norms[first].startswith("ال"):
        if last.get("speaker") and not (doc.norms[first] in _FINDINGS_MEDIA and first + 1 < len(doc.words) and
                                        COMPLEMENT.fullmatch(doc.words[first + 1][2])):
            speaker = (last["speaker"], None, cue_text)      # "وأضاف البيان أن": whoever issued it
            doc.why = "the issuer of the statement (البيان)"
            return _finish(doc, speaker, lemma, anchor, s_end, stops, last_entity=last.get("entity"))
        speaker = (doc.words[first][2], None, doc.words[first][2])   # "كشف الاستبيان أن": the survey
        doc.why = "the medium itself (الاستبيان)"
    if speaker is None and not participle and first < len(doc.words) and doc.words[first][1] <= anchor and \
            (doc.norms[first] in ISSUED or doc.norms[first] in ORG_ANAPHORA):
        # "ذكر تقرير إخباري أن", "ولفتت جمعية حقوق المواطن إلى": an unnamed report or body speaks for itself
        speaker = _why(doc, "unnamed report or body after the verb", _indefinite_subject(doc, first, anchor))
    if speaker is None and not participle and not continuation and lemma not in _ADDRESSING:
        speaker = _why(doc, "unnamed subject after the verb", _bare_subject(doc, first, anchor))
    if speaker is None and not participle and lemma not in _ADDRESSING:
        speaker = _why(doc, "noun phrase after the verb, before its content",
                       phrase_after(doc, first, anchor, kind == "object", _person_spoke_last(doc, last)))
    if speaker is None:
        speaker = _why(doc, "subject before the verb", _subject_before(doc, s_start, c_start))
    if speaker is None and not participle:
        speaker = _why(doc, "noun phrase between a complementizer and the verb", phrase_before(doc, s_start, c_start))
    if speaker is None and (participle or not continuation):
        speaker, carried = _clause_speaker(doc, cue, s_start, last, anchor)
        if carried:
            return _finish(doc, speaker, lemma, anchor, s_end, stops, last_entity=last.get("entity"))
    if speaker is None and not participle and last.get("speaker") and \
            last.get("gender") not in (None, cue_gender(cue_text) or last.get("gender")):
        speaker = _why(doc, "subject after the verb (its gender is not who spoke last's)",
                       unlike_subject(doc, first, anchor))
    if speaker is None and last.get("speaker"):
        doc.why = "previous speaker (continuation)"
        return _finish(doc, (last["speaker"], None, cue_text), lemma, anchor, s_end, stops,
                       last_entity=last.get("entity"))
    if speaker is None and not participle and first < len(doc.words) and doc.words[first][1] <= anchor:
        n = doc.norms[first]
        if n.startswith("ال") and n[2:] in PER_ANAPHORA:
            speaker = (doc.words[first][2], None, doc.words[first][2])   # "وقال الرئيس إن", no one named
            doc.why = "a title no one in the article bears"
    if speaker is None:
        return None
    return _finish(doc, speaker, lemma, anchor, s_end, stops)


def _text_issued(doc: _Doc, cue, anchor: int, s_start: int, s_end: int, stops, last) -> Quote | None:
    """"وجاء في بيان صادر عن المحكمة:", "كما جاء في المسودة أن", "جاء فيها:": the issuer of the text that
    "جاء" introduces, or the text itself when no one is named, or whoever was named last."""
    body = doc.body
    c_start, c_end, lemma, _, _, cue_text, _ = cue
    lead = body[c_end:anchor]
    doc_m = re.match(r"\s*(?:في|ب)\s*(\S*(?:بيان|البيان|بلاغ|تقرير|رسالة|نص|مسودة|وثيقة)\S*)", lead)
    if not doc_m and \
            not (re.match(r"\s*فيها?\s*$", lead) and re.search(r"(?:بيان|بلاغ|تقرير|رسالة|تدوينة|تغريدة)",
                                                           body[max(s_start, c_start - 150):c_start])):
        return None       # "رسالة على حسابه …، جاء فيها:" also introduces its text
    issuer = re.search(r"(?<!\w)(?:عن|ل|لـ)\s*", lead)
    cands = doc.candidates(c_end + issuer.end(), anchor) if issuer else []
    speaker = next((r for r in (doc.resolve(c, anchor) for c in cands if c.kind != "medium") if r), None)
    if speaker is None and doc_m and re.search(r"(?:مسودة|وثيقة|نص)", doc_m.group(1)) and \
            re.fullmatch(r"\s*(?:في|ب)\s*\S+\s*(?:ال\S+\s*)?(?:أن|إن|:)?\s*", lead):
        phrase = body[c_end:anchor].strip(" :").removeprefix("في").removeprefix("ب").strip()
        phrase = re.sub(r"\s*(?:أن|إن)$", "", phrase)
        speaker = (phrase, None, phrase)  # "كما جاء في المسودة أن": the draft says it, no one is named
    if speaker is None and not last.get("speaker"):
        # "وأصدرت الوزارة بيانا … وجاء في البيان:": whoever was named last before it issued it
        before = [c for c in doc.candidates(max(0, c_start - 300), c_start)
                  if not c.addressed and c.kind != "medium"]
        speaker = next((r for r in (doc.resolve(c, c_start) for c in reversed(before)) if r), None)
        if speaker is None:
            return None
    if speaker is None:
        speaker = (last["speaker"], None, cue_text)
    doc.why = "issuer of the text it introduces (جاء في بيان)"
    return _finish(doc, speaker, lemma, anchor, s_end, stops, last_entity=last.get("entity"))


def _through_chain(doc: _Doc, cue, anchor: int, s_end: int, stops, last) -> Quote | None:
    """"نقلت وكالة إنترفاكس عن لافروف قوله", "ونسبت إيكونومست إلى محللين قولهم", "وعلمت «الوطن» من مصادر
    مطلعة أن": the one quoted after عن/إلى/من speaks, via the agency or paper."""
    body = doc.body
    c_end, lemma = cue[1], cue[2]
    m = _CHAINS[lemma].search(body[c_end:anchor])
    if not m:
        return None
    via_c = [c for c in doc.candidates(c_end, c_end + m.start()) if c.kind == "entity"]
    spoken = None
    if m.group("pronoun") and last.get("speaker"):            # "نقل التلفزيون عنه قوله": the one named last
        spoken = (last["speaker"], doc.entity(last.get("entity")), m.group(0).strip())
    spoken = spoken or _source_anaphor(doc, c_end + m.end(), anchor)
    if spoken is None:
        cands = doc.candidates(c_end + m.end(), anchor)
        for c in cands:
            if c.addressed and normalize_word(doc.prev_word(c.start)) in ("عن", "من", "الي", "ل"):
                c.addressed = False               # "عن الناطق …", "من مصادر مطلعة": the one quoted
        # "عن الخبير في … الذي أسسه الكرملين، كيريل سيميونوف، قوله": the person right before قوله
        said = re.search(r"(?<!\w)قول(?:ه|ها|هم|هما)(?!\w)", body[c_end + m.end():anchor])
        if said:
            at = c_end + m.end() + said.start()
            named = [c for c in cands if c.kind == "entity" and c.entity.type == "PER" and
                     not body[c.end:at].strip(" ،,")]
            if named:
                spoken = doc.resolve(named[-1], anchor)
        spoken = spoken or _first_speaker(doc, cands, anchor)
    if spoken is None:
        return None
    content = _content_after(doc, anchor, s_end, _content_stop(anchor, s_end, stops))
    if content is None:
        return None
    doc.why = "the one quoted through an agency (نقلت … عن)"
    return _quote(doc, spoken, lemma, content, via=via_c[0].entity.canonical if via_c else None)


def _clause_speaker(doc: _Doc, cue, s_start: int, last, anchor: int) -> tuple[tuple | None, bool]:
    """"ورحب ليندغرين بالاتفاق، واصفا إياه …", "ووقف عادل الحامي … وقال بمرارة", "…، إذ احتج المدرب جواو فيريرا
    على القرار، معتبرا …": the subject of the clause, which starts at the sentence or at its last connector; a
    statement earlier in the clause gives its speaker ("وقال X إن …، مضيفا أن …"), and so does a topic before
    the verb. Returns the speaker and whether it is the previous statement's speaker carried on."""
    body = doc.body
    c_start, participle, cue_text = cue[0], cue[4], cue[5]
    clause = _clause_start(doc, s_start, c_start)
    one = doc.entity(last.get("entity"))
    plural = normalize_word(cue_text).endswith(("ين", "وا")) and one is not None and one.type == "PER"
    if last.get("sentence") == s_start and last.get("pos", -1) >= clause and last.get("speaker") and \
            last.get("gender") in (None, cue_gender(cue_text)) and not plural:
        doc.why = "speaker of the clause's earlier statement"
        return (last["speaker"], None, cue_text), True
    gender = cue_gender(cue_text)
    if _TOPIC.match(body, clause, c_start) and last.get("speaker") and last.get("gender") in (None, gender):
        # "وحول تفوق القنوات الخاصة على القناة الإخبارية، قال:": what is asked about does not speak
        doc.why = "previous speaker (a topic before the verb)"
        return (last["speaker"], None, cue_text), True
    speaker = _why(doc, "subject of the clause",
                   _first_speaker(doc, _no_place(doc, doc.candidates(clause, c_start), c_start), c_start,
                                  gender=gender))
    if speaker is None and clause > s_start:
        speaker = _why(doc, "subject of the sentence",
                       _first_speaker(doc, _no_place(doc, doc.candidates(s_start, c_start), c_start), c_start,
                                      gender=gender))
    if speaker is None and not participle and cue[2] not in _ADDRESSING and normalize_word(cue_text)[:1] not in "يت":
        # "كما عبر المرضى عن شكرهم", "وتقول مراكز بحوث إن": a noun phrase between the verb and its content; not
        # "في خطوة تؤكد ثقل الدور", a present verb describing the noun before it
        speaker = _why(doc, "noun phrase right after the verb", unlike_subject(doc, doc.word_index(cue[1]), anchor))
    if speaker is None and not participle:
        speaker = _why(doc, "person named last", _recent_person(doc, c_start, last.get("pos", -1)))
    return speaker, False


def _honored(doc: _Doc, first: int, c_start: int, last) -> tuple[str, Entity, str] | None:
    """"وقال سموه", "وأكد معاليه": the person who spoke last, or else the dignitary of the honorific's kind named
    last (a prince for سموه, a king for جلالته, an official for the others)."""
    ent = doc.entity(last.get("entity"))
    if ent is not None and ent.type == "PER":
        doc.why = "honorific: the person who spoke last"
        return last["speaker"], ent, doc.words[first][2]
    fits = _HONORIFIC_FITS.get(doc.norms[first], "official")
    person = doc.named_last(("titled", fits), c_start)
    if person is None:
        return None
    doc.why = "honorific: the dignitary named last"
    return person.canonical or person.name, person, doc.words[first][2]


def _no_place(doc: _Doc, cands: list[_Cand], c_start: int) -> list[_Cand]:
    """Candidates for the subject of a clause, less the places named inside it ("… في الرياض، سائلا الله"): a
    city or a country speaks as a state only as the verb's own subject, right before it ("والرياض تؤكد"); less
    a byline's reporter ("بدر الجبل- سبق- تيماء:") and a credit right before a verb with و ("«واس» وأكد")."""
    joined_w = doc.body[c_start:c_start + 1] == "و"          # not "أما X فقال", whose X speaks
    return [c for c in cands if not (c.kind == "entity" and c.entity.type == "LOC" and
                                     doc.body[c.end:c_start].strip(" ،,")) and
            not _byline(doc, c.end) and
            not (joined_w and not doc.body[c.end:c_start].strip(" «»\"“”.()"))]


_HUMAN_PLURALS = _norm_set("""أهالي اهالي أطباء خبراء علماء شباب أعضاء طلاب طلبة نواب وزراء سفراء قادة مشايخ
أئمة خطباء شهود رجال نساء أشخاص أسر عائلات جماهير مشجعي زوار معارف أصدقاء زملاء جيران أقارب أبناء""")
_CLAUSE_ONE = frozenset("فيما بينما لكن إذ حيث بدوره بدورها".split())
_CLAUSE_TWO = frozenset(tuple(p.split()) for p in ("في حين", "غير أن", "إلا أن", "في المقابل", "من جهته", "من جهتها",
                                                   "من جانبه", "من جانبها"))
_CLAUSE_FIRST = _CLAUSE_ONE | {a for a, _ in _CLAUSE_TWO}
_SCANNED = _MARK_WORDS | _CUE_FORMS | _BETWEEN | {normalize(w) for w in _CLAUSE_FIRST}


# a topic phrase before a subjectless verb ("وعن معسكر الفريق، أوضح", "وردا على سؤال حول …، قال")
_TOPIC = re.compile(r"\s*[وف]?(?:حول|عن|بشأن|بخصوص|فيما يتعلق|فيما يخص|ردا على|رداً على|تعليقا على|تعليقاً على"
                    r"|في ما يتعلق|في رده|في ردها|في معرض رده|في معرض ردها|في تعليقه|في تعليقها)(?!\w)"
                    r"[^،,.:؛]*[،,]?\s*$")


def _clauses(doc: _Doc) -> list[tuple[int, int]]:
    """(start, end) of every clause connector in the article, in order."""
    words = doc.words
    out = []
    for k in doc.clause_words:
        if words[k][2] in _CLAUSE_ONE:
            out.append((words[k][0], words[k][1]))
        elif k + 1 < len(words) and (words[k][2], words[k + 1][2]) in _CLAUSE_TWO and doc.joined(k + 1):
            out.append((words[k][0], words[k + 1][1]))
    return out


def _clause_start(doc: _Doc, s_start: int, c_start: int) -> int:
    """Where the clause of a participle or a subjectless verb starts: after the sentence's last connector before
    it ("فيما", "إذ", "من جانبه"), else at the sentence's start."""
    if doc._clauses is None:
        doc._clauses = _clauses(doc)
    pos = s_start
    clauses = doc._clauses
    for i in range(bisect.bisect_left(clauses, (s_start, -1)), len(clauses)):
        a, b = clauses[i]
        if b > c_start:
            break
        if not doc.inside_quote(a):
            pos = b
    return pos


def _person_spoke_last(doc: _Doc, last: dict) -> bool:
    """Whether the last statement's speaker is a person (by its entity, or by name where none was linked)."""
    one = doc.entity(last.get("entity"))
    if one is not None:
        return one.type == "PER"
    return bool(last.get("speaker")) and any(last["speaker"] in (e.canonical, e.name) for e in doc.people)


def _speaker_gender(doc: _Doc, q: Quote) -> str | None:
    ent = doc.entity(q.speaker_entity_id)
    return entity_gender(ent) if ent is not None else None


def _by_title(doc: _Doc, c_end: int, anchor: int) -> tuple[str, Entity, str] | None:
    """"وقال وزير الخارجية الروسي إن": the person the article gives that title."""
    between = " " + normalize(doc.body[c_end:anchor]) + " "
    for t_norm, ent in doc.titles_in(between):
        if len(t_norm) >= 3:
            said = COMPLEMENT.sub("", doc.body[c_end:anchor]).strip(" ،,:")    # "رئيس الوزراء", not "… ان"
            return ent.canonical or ent.name, ent, said
    return None


def _name_speaker(doc: _Doc, k: int, limit: int) -> tuple[str, None, str] | None:
    """A name right after the cue that the recognizer missed: one that starts with a given name ("إذ قال منجي
    العيادي، أب لخمسة أطفال:"), one in quotation marks ("قال «مكتب أخبار سوريا» إن"), or a rare word
    right before the complementizer ("وشدد توز على أنه"، "قال الوسلاتي إن")."""
    if k >= len(doc.words) or doc.words[k][1] > limit:
        return None
    lead = doc.body[doc.words[k - 1][1] if k else 0:doc.words[k][0]]
    opener = lead.strip()[-1:] if lead.strip() else ""
    if opener in OPEN_CLOSE:
        close = doc.body.find(OPEN_CLOSE[opener], doc.words[k][0], limit)
        name = doc.body[doc.words[k][0]:close].strip() if close != -1 else ""
        if name and len(name.split()) <= 4 and COMPLEMENT.match(doc.body[close + 1:limit].lstrip()):
            return name, None, name
        return None
    if doc.norms[k] in _AMBIGUOUS_GIVEN:
        return None
    e = _unrecognized_name(doc, k, limit)
    if e is not None:
        name = doc.body[doc.words[k][0]:doc.words[e][1]]
        return name, None, name
    n = doc.norms[k]
    if k + 1 < len(doc.words) and _word_count(n) < 20 and len(n) >= 3 and n.isalpha() and \
            not n.endswith(OBJECT_ENDINGS) and \
            n not in _TITLE_STOP and not _cue_at(doc.words[k][2]) and n not in PER_ANAPHORA and doc.joined(k + 1):
        if COMPLEMENT.fullmatch(doc.words[k + 1][2]) or (doc.norms[k + 1] in ("علي", "الي") and k + 2 < len(doc.words)
                                                          and COMPLEMENT.fullmatch(doc.words[k + 2][2])):
            name = doc.words[k][2]
            return name, None, name
    return None


@lru_cache(maxsize=1)
def _vocabulary_counts() -> dict[str, int]:
    """How often each word occurs in SaudiNewsNet (the tagger's vocabulary counts): a word news rarely uses,
    right after a reporting verb and before إن, is a name the recognizer missed."""
    from ..entities.tagger import default_tagger
    return default_tagger().feat.counts


def _word_count(norm: str) -> int:
    return _vocabulary_counts().get(norm, 0)


def _subject_before(doc: _Doc, s_start: int, c_start: int, had_only: bool = False
                    ) -> tuple[str, Entity | None, str] | None:
    """The subject right before the cue ("وكان المعهد القومي … قد أعلن", "لافروف قال", "… التي أعلنت"): a
    candidate with only fillers (قد، كان، بدوره، الذي …), punctuation or an apposition between it and the cue;
    `had_only`: only the "كان … قد" order, which wins over any name after the verb."""
    n = doc.norms[doc.word_index(c_start)] if doc.word_index(c_start) < len(doc.words) else ""
    if n[:1] in "وف" and _cue_at(n[1:]) is not None:
        return None                  # "«واس» وأكد أن": a verb joined by و has no subject before it
    cands = [c for c in doc.candidates(max(s_start, c_start - 200), c_start) if c.kind != "medium"]
    for c in reversed(cands):
        gap = doc.body[c.end:c_start]
        if ":" in gap:
            break                    # "واس - ابها: أعلنت": a dateline or a heading, not the subject
        words = [normalize_word(w) for w in WORD_RE.findall(gap)]
        if c.addressed and not (words and words[-1] in _RELATIVE_PRONOUNS):
            continue                 # but "لقاء مع مدير قسم الإنارة تركي الضفيان والذي بيّن": who he is
        if had_only and not (words and words[-1] in _HAD and all(w in _FILLERS for w in words)) and \
                not (not words and _WAS_BEFORE.search(doc.body, max(s_start, c.start - 80), c.start)):
            return None              # "وكان المعهد … قد أعلن"; "وكان الرئيس السيسي أكد", "وكان وزير الداخلية
            #                          الفرنسي «برنار كازنوف» صرح": the subject between كان and its verb
        opens = not doc.body[s_start:c.start].strip() or doc.prev_word(c.start) in _CLAUSE_OPENERS
        # "X، رئيس اللجنة، قال": an apposition between commas; not "باشر X الموقع، واطمأن …، متمنياً", a clause
        apposition = re.fullmatch(r"\s*[،,](?!\s*و)[^،,.:]{0,120}[،,]\s*", gap)
        if (all(w in _FILLERS for w in words) and (words or opens or not re.search(r"[،,]", gap))) or apposition:
            prev = doc.prev_word(c.start)
            if _cue_at(prev) is not None and not any(w in _RELATIVE for w in words):
                return None            # "نقلته وكالة … قال فيه": the agency is the subject of نقلته; but in
                #                        "ذكرت «ذي دايلي مايل» التي رأت أن" the paper says both
            r = _titled_before(doc, c, cands, c_start) or doc.resolve(c, c_start)
            if r is not None:
                return r
        break
    return None


_WAS_PHRASE = re.compile(r"(?:^|[.،,؛:\n]\s*|(?<=\s))[وف]?كان(?:ت)?\s+((?:[^\s.،,؛:«»\"“”()]+\s+){1,6}?)(?:قد\s+)?$")


def _was_phrase(doc: _Doc, s_start: int, c_start: int) -> tuple[str, None, str] | None:
    """"وكانت المقاومة الشعبية قد أكدت", "وكانت أنباء أمس تشير إلى", "وكان اللاعب الغاني تساءل": a noun phrase
    between كان and its verb that names no one the recognizer knows is still the verb's subject, not the one who
    spoke last (a named one is `_subject_before`'s)."""
    m = _WAS_PHRASE.search(doc.body, max(s_start, c_start - 120), c_start)
    if m is None:
        return None
    cands = doc.candidates(m.start(1), c_start)
    if cands and (len(cands) > 1 or cands[0].kind != "anaphor" or cands[0].start != m.start(1)):
        return None
    if cands:                                # "وكان اللاعب الغاني تساءل": the player named before
        return doc.resolve(cands[0], c_start)
    words = m.group(1).split()
    norms = [normalize_word(w) for w in words]
    while norms and (norms[-1] in _NOT_SUBJECT or norms[-1] in _TIME_FIRST or norms[-1] == "امس"):
        words.pop(), norms.pop()             # "أنباء أمس": the day it was said
    if not norms or not (norms[0].startswith("ال") or norms[0] in COLLECTIVE_HEADS or norms[0] in ISSUED or
                         norms[0] in _NEWS) or \
            any(n in _SOURCE_STOP or _cue_at(w) is not None for n, w in zip(norms, words)) or \
            norms[0][2:] in _NOT_SUBJECT or norms[0] in _NOT_SUBJECT:
        return None
    phrase = " ".join(words)
    return phrase, None, phrase


_RELATIVE_PRONOUNS = _RELATIVE | {"و" + w for w in _RELATIVE}     # "الذي", "والذي" …


# "وكان" opening a clause, then at most a title of six words before the subject's name
_WAS_BEFORE = re.compile(r"(?:^|[.،,؛:\n]\s*|(?<=\s))[وف]?كان(?:ت)?\s+(?:[^\s.،,؛:]+\s+){0,6}[«\"“]?$")


def _titled_before(doc: _Doc, c: _Cand, cands: list[_Cand], c_start: int) -> tuple[str, Entity, str] | None:
    """"كان جيمس بولارد رئيس بنك سانت لويس الاحتياطي توقع": the body before the verb completes the title of a
    person named right before that title, who is the subject."""
    if c.kind != "entity" or c.entity.type != "ORG":
        return None
    j = _titled(doc, doc.word_index(c.start))
    if j is None:
        return None
    t = doc.words[j][0]
    person = next((p for p in reversed(cands) if p.kind == "entity" and p.entity.type == "PER" and p.end <= t and
                   not doc.body[p.end:t].strip(" ،,")), None)
    return doc.resolve(person, c_start) if person is not None else None


def _said_before(doc: _Doc, cue, s_start: int, s_end: int) -> Quote | None:
    """"أوضح ذلك أمين العاصمة المقدسة الدكتور أسامة البار": "ذلك" is what the paragraph before says (its last
    sentence when it is long), and the one named after it said it."""
    c_start, c_end, lemma = cue[0], cue[1], cue[2]
    k = doc.word_index(c_end)
    if k >= len(doc.words) or doc.norms[k] != "ذلك" or doc.body[s_start:c_start].strip(" \t«»\"“”."):
        return None
    body = doc.body
    end = s_start
    while end > 0 and body[end - 1] in " \t\n.":
        end -= 1
    start = body.rfind("\n", 0, end) + 1       # the paragraph before: "ذلك" is all of it
    if end - start > 800:
        start = body.rfind(".", 0, end) + 1
    while start < end and body[start] in " \t":
        start += 1
    if len(body[start:end].split()) < 6:
        return None
    after = doc.candidates(doc.words[k][1], min(s_end, doc.words[k][1] + 160))
    speaker = _why(doc, "the one named after ذلك, of the sentence before (أوضح ذلك …)",
                   _titled_person(doc, after, doc.words[k][1], s_end) or _first_speaker(doc, after, s_end))
    if speaker is None:
        return None
    return _quote(doc, speaker, lemma, (start, end, "indirect"))


