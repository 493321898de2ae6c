"""Where a person's name begins and ends among the words around it: the part of the recognizer that asks of a
run of tokens whether it is a name ("خليفة حفتر"), where the name ends ("بن عمارة يهدي", "فوزهما", "اتصالا
هاتفيا"), which title stands before it ("وزير الخارجية الروسي فاديم كوزنيتسوف") and what a tagger's person span
keeps. `PersonBounds` is a part of `recognize.Recognizer`, which gives it the lexicons (`given`, `gaz`) and the
word tests it shares with the other passes (`_stop`, `_is_title_head`, `_is_given`, `_count`)."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..arabic.normalize import normalize
from ..arabic.segment import PRONOUN_ENDINGS
from .lexicon import homograph_given, name_parts, nationality_forms, words
from .names import is_given_name, word_key
from .person_name import CHAIN, KUNYA
from .tokens import Tok as _Tok

ORG_HEADS = words("ORG_HEADS")
NAME_LINKS = words("NAME_LINKS")
SURNAME_SUFFIX = words("SURNAME_SUFFIX")
NAME_PARTICLES = words("NAME_PARTICLES")
AMBIGUOUS_GIVEN = words("AMBIGUOUS_GIVEN")
FAMILY_TITLES = words("FAMILY_TITLES")   # titles that are also family names
DESCRIPTOR_NOUNS = words("DESCRIPTOR_NOUNS")
_RANK_GRADES = words("RANK_GRADES")
_NISBA_NAME = re.compile(r"ال\w{3,}ي")
_NOT_AFTER_CHAIN = frozenset(words("NOT_FAMILY_AFTER_CHAIN"))
_PEOPLES = frozenset(words("NATIONALITY_PLURALS"))
NO_PREPOSITION = {normalize(w) for w in ("لأن", "لو", "لم", "لن", "قد")}   # "بلان", "بلو": a name, no ب + لأن
_TITLE_LINKS = {normalize("لدى")}     # "سفير مصر لدى تونس"
_T_MASDAR = re.compile(r"ت\wا\w\w|ت\w\wي\w")     # تعاون، تركيب: verbal nouns of the verbs of ت forms
# a definite plural participle ("المقبولين", "المواطنون", "المرشحات"): one word of the 23,882 annotated training
# mentions is so ("هيثم المناميين"), against the many phrases it ends ("أسماء المقبولين": the names of the admitted)
PLURAL_PARTICIPLE = re.compile(r"الم\w{3,}(?:ين|ون|ات)")


def possessive_noun(word: str, count: Callable[[str], int]) -> bool:
    """A noun with a possessive ending whose stem news prints often ("فوزهما": their win; "عمرها": her age):
    a word of the sentence, no part of a name."""
    return any(word.endswith(x) and count(word[:-len(x)]) >= 50 for x in PRONOUN_ENDINGS)
_MASDAR = re.compile(r"ال(?:ا\w\wا\w|ت\w\wي\w|ا\wت\wا\w|ان\w\wا\w|است\w\wا\w|ت\wا\w\w)")


def _masdar(norm: str) -> bool:
    """A definite verbal noun (الإغلاق، التأخير، الانسحاب، الاستقرار، التعاون): an object after a name, never a
    family name (those end in ي or take no such pattern)."""
    return _MASDAR.fullmatch(norm) is not None


# an accusative participle of manner after a name ("وقال بارزاني متحديا", "متوعدا", "مستنكرا", "منددا"): how he
# spoke, no second word of his name
_MANNER = re.compile(r"(?:مت|مست|من)\w{2,}ا")


class PersonBounds:
    """The person-span tests of `Recognizer` (see the module's docstring)."""

    def _is_father(self, t: _Tok) -> bool:
        """A father's or grandfather's name inside a name written without بن ("خالد محمد عبدالله الشحي"): any
        Arabic given name we know, a wider list than the one that opens a name."""
        return t.bare in self.given or (not t.bare.startswith("ال") and is_given_name(word_key(t.bare)))

    def _family_ahead(self, toks: list[_Tok], k: int) -> bool:
        """Does a family name (a definite word) end the chain of given names that goes on at token k?"""
        n = len(toks)
        while k < n and not toks[k].boundary_before and not toks[k].conj and self._is_father(toks[k]):
            k += 1
        return k < n and not toks[k].boundary_before and toks[k].bare.startswith("ال") and not self._stop(toks[k])

    def _verb_like(self, t: _Tok) -> bool:
        """Derived verb forms ("يتساءل", "تستعد", "ينتظر"), frequent present-tense verbs and their duals and plurals
        ("يصارعان"): no name starts so."""
        n = t.norm
        if self._is_given(t) or t.bare in self.gaz.vocab:
            return False
        if n[:1] in ("ي", "ت") and len(n) >= 6 and n.endswith(("ان", "ون")) and self._count(n[:-2]) > 0:
            return True                               # "يصارعان": two of them wrestle
        return (n.startswith(("يت", "تت", "يست", "تست", "ين", "تن")) and len(n) > 4 or (
            n[:1] in ("ي", "ت") and self._count(n) >= 30)) and (self._conjugated(n) or _T_MASDAR.fullmatch(n))

    def _conjugated(self, n: str) -> bool:
        """A present-tense verb is printed with its other persons too (تنتظر: ينتظر، ننتظر، انتظر); a foreign name
        that starts the same way has no such forms ("تسيبراس", "ينجلوك", "تشونغ")."""
        return max(self._count(p + n[1:]) for p in "يتنا" if p != n[0]) >= 3

    def _conj_like(self, t: _Tok) -> bool:
        """"وأعوانه": و on a word that is more common without it."""
        n = t.norm
        return n[:1] in ("و", "ف") and len(n) > 3 and not self._is_given(t) and self._count(n[1:]) > self._count(n)

    def _common_tail(self, t: _Tok) -> bool:
        """A definite common noun after a word that can be a given name makes a phrase, not a name ("فائق
        الأداء", "حسن التنظيم"); family names with the article are nisbas (الدسوقي) or names we know."""
        return t.norm.startswith("ال") and not t.norm.endswith("ي") and t.bare not in self.gaz.vocab \
            and not self._is_given(t) and self._count(t.norm) >= 150 and t.bare not in name_parts()

    def _family_word(self, t: _Tok) -> bool:
        """A definite word that can be a family name: a nisba, a learned family name, a name we know or a rare word
        ("الدوسري", "الربيعة", "الفيصل"); not a word of the sentence ("النزول")."""
        return t.bare.endswith("ي") or t.bare in name_parts() or t.bare in self.gaz.vocab or self._count(t.norm) < 30

    def _to_the_noun(self, norm: str) -> bool:
        """"للعودة", "للفارس": the preposition ل fused with the article of a noun news prints often; no part of a
        name."""
        return norm.startswith("لل") and self._count("ا" + norm[1:]) >= 50

    def _name_end(self, toks: list[_Tok], j: int) -> int | None:
        """Last token of a person's name that starts at token j (given name, then up to three name parts)."""
        n = len(toks)
        if j >= n or self._stop(toks[j]):
            return None
        k = j
        if toks[j].bare in NAME_LINKS and j + 1 < n and not toks[j + 1].boundary_before:
            if self._stop(toks[j + 1]):
                return None                             # "أم لا": "or not", no kunya
            k = j + 1                                   # عبد السلام, أبو بكر
        parts = 1
        while k + 1 < n and parts < 4 and not toks[k + 1].boundary_before and not toks[k + 1].conj \
                and not toks[k + 1].gap:                # "آم زونتاج" الألمانية": a quote mark ends a name
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
            if definite and parts >= 2 and toks[k].bare.startswith("ال") and not self._family_word(nxt):
                break                                   # "حسن الراهب النزول": the family name ends it
            if parts >= 2 and k + 2 < n and self._ancestor_then_family(nxt, toks[k + 2]):
                k += 2                                  # "مشعل علي مغرم العسيري": a grandfather nobody listed
                parts += 2
                continue
            if parts == 1 or definite or nxt.bare in SURNAME_SUFFIX or (self._is_father(nxt) and self._family_ahead(
                    toks, k + 2)):
                if parts >= 2 and not (definite or nxt.bare in SURNAME_SUFFIX or self._is_father(nxt)):
                    break
                k += 1
                parts += 1
                continue
            break
        return k

    def _ancestor_then_family(self, t: _Tok, family: _Tok) -> bool:
        """A rare undefined word, then a nisba family name: inside a name of four parts, a grandfather's name."""
        return not t.conj and not t.cut and not t.bare.startswith("ال") and self._count(t.norm) < 100 \
            and not self._stop(t) and not self._is_title_head(t) and not self._verb_like(t) \
            and not family.boundary_before and not family.conj and family.bare.startswith("ال") \
            and (family.bare.endswith("ي") or family.bare in name_parts()) and not self._stop(family) \
            and family.norm not in nationality_forms()

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
            if self._stop(t) and not self._is_title_head(t) and t.bare not in _TITLE_LINKS:
                break
            if self._is_title_head(t):
                best = j
            if t.conj:
                break
            j -= 1
        return best

    def _trim_person(self, toks: list[_Tok], first: int, last: int, titled: bool = False) -> tuple[int, int] | None:
        """A person span from the tagger, checked against what names look like: no word with a preposition
        attached inside it ("شاهد لرويترز", "كريم عبد الحميد ببرنامج"), no verb or stopword at its end
        ("بن عمارة يهدي"), no possessive ("وأعوانه ابتزاز"), no common noun phrase ("دول الجوار"); a given
        name alone takes the family name after it ("أمين بلقاسمي"). After a title, a given name is a name even when
        it is a word too ("الأمير سلطان"), and the definite word after it his family name ("رئيس البعثة ابراهيم
        العيد"). None when nothing of a name is left."""
        if first < last and toks[last].bare in _PEOPLES and not self._is_given(toks[first]):
            return None                               # "طيارين روس": Russian pilots, no one's name
        strong_given = self._is_given(toks[first]) and self._count(toks[first].norm) < 1000   # "فراس العدوان"

        def not_a_name_end(k: int) -> bool:
            return self._ends_no_name(toks, first, last, k, strong_given, titled)

        for k in range(first + 1, last + 1):
            if not_a_name_end(k) and not self._stop(toks[k]):
                last = k - 1                          # a common word inside ends the name before it
                break
        while last > first and not_a_name_end(last):
            last -= 1
        head = toks[first]
        if self._verb(head) or (head.conj and head.text.endswith("ه") and len(head.norm) > 4
                                and not self._is_given(head)):
            return None                               # يتساءل عما، وأعوانه ابتزاز
        hn = head.norm
        if hn[:1] in ("ب", "ل") and not hn.startswith(("ال", "لل")) and not self._is_given(head) and \
                self._count(hn[1:]) >= (max(50, 3 * self._count(hn)) if hn[1:2] == "و" else 50) \
                and hn[1:] not in self.gaz.vocab and not (first < last and toks[first + 1].bare in CHAIN):
            return None       # "الناطق الإعلامي بقيادة حرس الحدود": a preposition; not "لوكاس" (ل + وكاس, "and cup")
        if first == last:
            return self._one_word_person(toks, first, titled, not_a_name_end)
        if last == first + 1 and not titled and self._common_tail(toks[last]) and (
                not self._is_given(head) or head.norm in homograph_given()):
            return None                               # دول الجوار، فائق الأداء، حسن التنظيم (not "عثمان العمر")
        return first, last

    def _known_in_name(self, t: _Tok) -> bool:
        """A word the lexicons know as part of a name: a given name, a gazetteer word, a surname suffix, a name
        link, a learned name part that is no verb ("سالم الدوسري"; not "عمر يناهز")."""
        return self._is_given(t) or t.bare in self.gaz.vocab or t.bare in SURNAME_SUFFIX or t.bare in NAME_LINKS \
            or (t.bare in name_parts() and not self._verb_like(t))

    def _verb(self, t: _Tok) -> bool:
        return not self._known_in_name(t) and self._verb_like(t)

    def _ends_no_name(self, toks: list[_Tok], first: int, last: int, k: int, strong_given: bool,
                      titled: bool) -> bool:
        """Is token k, inside or at the end of the span first..last, a word no name ends with (`_trim_person`)?"""
        t = toks[k]
        n = t.norm
        if n in NAME_PARTICLES:
            return k == last                          # "نايجل دي يونج": a particle is its surname's, never the end
        if k > first and toks[k - 1].norm in NAME_PARTICLES:
            return False
        if k > first and PLURAL_PARTICIPLE.fullmatch(t.bare):
            return True                               # "أسماء المقبولين": the names of the admitted
        if k > first and t.bare in _NOT_AFTER_CHAIN and not (
                k == last == first + 1 and t.bare in SURNAME_SUFFIX and not toks[first].text.startswith("ال")):
            return True                               # "عبدالعزيز برقية": the telegram he sent (not "أليكسي الثاني")
        if self._family_after_chain(toks, first, last, k):
            return False
        if t.cut and n[:1] in ("ب", "ل") and not n.startswith(("ال", "لل")) and not self._is_given(t) \
                and t.bare not in NO_PREPOSITION:
            return True                               # "شاهد لرويترز": a known name with a preposition on it
        if k > first + 1 and self._is_title_head(t) and toks[k - 1].bare not in NAME_LINKS and not (
                k == last and t.bare in FAMILY_TITLES and n.startswith("ال")):
            return True                               # "سلطان بن منيف شيخ شمل قبائل جشم": his title after his name
                                                      # (not "أحمد بن إبراهيم الملا": a family name)
        if self._known_in_name(t) or (k > first and toks[k - 1].bare in NAME_LINKS):
            return False
        if k > first and self._is_father(t) and not t.conj and self._is_given(toks[first]):
            return False                              # "أحمد عيد": a father's name, however common the word
        if k == first + 1 and titled and self._is_given(toks[first]) and n.startswith("ال") \
                and n not in nationality_forms() and not t.conj:
            return False                              # "الظهير الدولي عيد الصغير"
        if k == first + 1 and strong_given:
            return (toks[first].bare in AMBIGUOUS_GIVEN and self._count(n) >= 300 and t.bare not in FAMILY_TITLES) \
                or self._plainly_of_the_sentence(t)
        if k > first and self._sentence_word_in_name(t):
            return True
        if n[:1] in ("ب", "ل") and not n.startswith(("ال", "لل")) and self._count(n[1:]) >= 50 \
                and self._count(n) >= 20:
            return True                               # لرويترز، ببرنامج، لعبور، لضغط
        return self._stop(t) or self._verb(t)

    def _family_after_chain(self, toks: list[_Tok], first: int, last: int, k: int) -> bool:
        """"حمد بن سعد العمر", "محمد بن عبدالرحمن المخرج": the definite word that ends a nasab chain the tagger
        read whole, after a given name, is the family name, however often news prints it as a word (age,
        director); not a title ("بن عبدالعزيز الرئيس"), a nationality or a feminine adjective."""
        t = toks[k]
        if k != last or k < first + 3 or not t.norm.startswith("ال") or t.norm.endswith("يه") or t.conj or t.cut \
                or t.bare in self.title_heads or t.norm in nationality_forms():
            return False                              # "فهد بن سلمان الخيرية": an adjective of his charity
        if toks[k - 2].bare in CHAIN:
            return True
        return k >= first + 4 and toks[k - 3].bare in CHAIN and toks[k - 2].bare == "عبد"    # "بن عبد الرحمن"

    def _plainly_of_the_sentence(self, t: _Tok) -> bool:
        """A word after a given name that no family name can be, however rare the given name ("مريم لوسائل
        الإعلام", "معاذ للقلعة", "خليفة لبلاتر"): a preposition on a noun news prints, or a noun with a
        possessive; not "لوران بلان" (ب + لأن, a particle). Verbs and accusatives are guessed from the letters,
        which foreign names share ("خوان ماتا"), so they stay out."""
        n = t.norm
        if n[:1] == "و":
            return False                              # و + a word: the split of two people reads it
        return (n[:1] in ("ب", "ل") and not n.startswith(("ال", "لل")) and self._count(n) >= 20
                and self._count(n[1:]) >= max(50, 3 * self._count(n)) and not self._stop_word(n[1:])) \
            or self._to_the_noun(n) \
            or possessive_noun(n, self._count)

    def _sentence_word_in_name(self, t: _Tok) -> bool:
        """A word after the first of a name that is the sentence's: a common word, a verbal noun, an accusative,
        a quote mark before it, a future verb, a noun with a possessive, an adverbial participle, ل + a noun."""
        n = t.norm
        if self._count(n) >= 500 or self._common_tail(t) or _masdar(n):
            return True                               # "شرعنة إغلاق الموانئ", "فائق الهوني الخطوة/الإغلاق"
        if n.endswith("ا") and n[-2:-1] not in ("ا", "ي", "و") and self._count(n[:-1]) >= 100 \
                and not self._is_given(t):
            return True                               # "بن عبدالعزيز اتصالا هاتفيا": a noun in the accusative
        if t.gap or (n[:1] in "وف" and self._future_verb(n)):
            return True                               # "آم زونتاج" الألمانية": a quote ends it; "خالد بن سعد وستشاهدون"
        if len(n) > 5 and n.startswith(("سي", "ست", "سن")) and any(
                n.endswith(x) and self._count(n[1:-len(x)]) > 0 for x in ("ه", "ها", "هم")):
            return True                               # "لبيد بن ربيعة سيجسدها": a future verb with its object
        if len(n) >= 5 and n.startswith(("سي", "ست", "سن")) and self._count(n[1:]) >= 20 \
                and not self._is_given(t) and t.bare not in self.gaz.vocab:
            return True                               # "حمد الزامل سيعرف": a future verb (يعرف is news)
        if possessive_noun(n, self._count):
            return True                               # "راشد نواف فوزهما": their win, a noun with a pronoun
        if n[:1] in ("ب", "ل") and possessive_noun(n[1:], self._count):
            return True                               # "توني آبوت بتشديدها": by tightening them
        if n[:1] == "م" and n.endswith("ا") and len(n) >= 5:
            return True                               # "عثمان ود الحاج متحفظا": an adverbial participle
        return self._to_the_noun(n)                   # "بيريرا للعودة": to return, a preposition and a noun

    def _one_word_person(self, toks: list[_Tok], first: int, titled: bool,
                         not_a_name_end: Callable[[int], bool]) -> tuple[int, int] | None:
        """`_trim_person` of a single word: a given name takes the family name after it, or stands alone unless
        it is a word too (and no title precedes it); another word is refused when it is frequent and news seldom
        names with it."""
        head = toks[first]
        nxt = toks[first + 1] if first + 1 < len(toks) else None
        if self._is_given(head):
            k = self._name_end(toks, first)
            if k is not None and k > first and nxt is not None and (
                    self._bil_family(nxt)                                                # رؤوف بالحاج
                    or not not_a_name_end(first + 1) and (
                        (self._is_father(nxt) and not nxt.conj)                          # خالد علي، أحمد عيد
                        or (nxt.norm.startswith("ال") and nxt.norm.endswith("ي")) or (
                            self._count(nxt.norm) < 5 and nxt.norm[:1] not in ("و", "ف", "ك")
                            and (nxt.norm[:1] not in ("ب", "ل") or self._count(nxt.norm[1:]) < 20)))):
                return first, first + 1
            return None if head.bare in AMBIGUOUS_GIVEN and not titled else (first, first)
        if self._count(head.norm) >= 300 and head.bare not in self.gaz.vocab and (
                head.norm in self.seldom or self._is_father(head)):
            return None
        if nxt is not None and not nxt.boundary_before and self._count(head.norm) < 50 and self._bil_family(nxt):
            return first, first + 1                   # "رؤوف بالحاج"
        return first, first

    def _person_span(self, toks: list[_Tok], first: int, last: int, taken: list[bool],
                     owners: frozenset[str]) -> tuple[int, int, int | None] | None:
        """A tagger's person span made what names look like: titles and words no name starts with taken off,
        a noun or a team alone refused, trimmed (`_trim_person`), the rest of a Gulf name, the given name left
        out and the given names after a rank taken in; with the first token of its title, if any."""
        while first <= last and (self._is_title_head(toks[first]) or toks[first].bare in DESCRIPTOR_NOUNS or (
                first < last and self._before_the_name(toks[first], toks[first + 1]))) \
                and not self._given_title_word(toks, first, last) and not self._opens_three_parts(toks, first, last) \
                and not self._given_after_title(toks, first, last, taken):
            first += 1              # a title the tagger took into the name; "بأن دي ميستورا", "يا دكتور"
        if first > last:
            return None
        if first == last and (self._common_noun(toks[first]) or toks[first].bare in owners):
            return None                               # "فرص التعاون": a noun; "مارسيليا" after "مدرب مارسيليا"
        span = self._trim_person(toks, first, last, self._title_before(toks, first, taken) is not None)
        if span is None:
            return None
        first, last = span
        last = self._kunya_nisba(toks, first, self._name_goes_on(toks, first, last, taken), taken)
        if first > 0 and not toks[first].boundary_before and not toks[first].conj \
                and not taken[first - 1] and not self._is_given(toks[first]) and not self._stop(toks[first - 1]) \
                and ((self._is_given(toks[first - 1]) and toks[first - 1].bare not in AMBIGUOUS_GIVEN)
                     or self._homograph_before_family(toks, first, last)):
            first -= 1                                # "فريدة تركستاني": the given name the tagger left out
        tf = self._title_before(toks, first, taken)
        if first == last:
            first, last, tf = self._foreign_pair(toks, first, tf, taken)
        if tf is not None:
            while first - 1 > tf and last - first < 2 and not self._is_given(toks[first]) \
                    and self._bare_name_word(toks[first - 1]) \
                    and not self._before_the_name(toks[first - 1], toks[first]):
                first -= 1                            # "رئيس الوزراء اليوناني ألكسيس تسيبراس": his given name
            tf = self._title_before(toks, first, taken)
        return self._after_rank(toks, first, taken), last, tf

    def _foreign_pair(self, toks: list[_Tok], i: int, tf: int | None, taken: list[bool]) -> tuple[int, int, int | None]:
        """A name of two words news seldom prints, of which the tagger read one: the word before it when a title
        ends right before that word ("… لحزب العمال الكردستاني بختيار دوغان"), the word after it when a title
        follows ("وأضافت كيت مدينا المتحدثة باسم الشركة"). A seldom word is no word of the sentence: printed in
        fewer than 30 articles of the news counts, with no article, clitic or conjunction, no verb, stopword,
        title or known name."""
        def seldom(k: int) -> bool:
            if not 0 <= k < len(toks):
                return False
            t = toks[k]
            return not taken[k] and not t.conj and not t.cut and len(t.norm) >= 3 and not t.norm.startswith("ال") \
                and self._count(t.norm) < 30 and not self._stop(t) and not self._verb_like(t) \
                and not self._is_title_head(t) and t.bare not in self.gaz.vocab and not t.norm.isdigit() \
                and not _MANNER.fullmatch(t.norm)
        if tf is None and i > 0 and not toks[i].boundary_before and seldom(i - 1):
            before = self._title_before(toks, i - 1, taken)
            if before is not None:
                return i - 1, i, before
        k = i + 1
        if k + 1 < len(toks) and not toks[k].boundary_before and seldom(k) and self._is_title_head(toks[k + 1]) \
                and not toks[k + 1].conj:
            return i, k, tf
        return i, i, tf

    def _given_title_word(self, toks: list[_Tok], first: int, last: int) -> bool:
        """"مساعد الزويهري", "مساعد غيث الحبيشي": a title head that is a given name too ("assistant", Musaed)
        opens the name the tagger read when a family name or a given name follows it, where a title takes a
        noun ("مساعد المدير", "مساعد وزير"); not before a name we know ("مساعد أوباما": his aide)."""
        if first >= last or not is_given_name(word_key(toks[first].norm)):
            return False
        nxt = toks[first + 1]
        if nxt.conj or self._is_title_head(nxt) or nxt.bare in self.gaz.vocab:
            return False
        return self._is_given(nxt) or nxt.bare in name_parts() or bool(_NISBA_NAME.fullmatch(nxt.bare))

    def _kunya_nisba(self, toks: list[_Tok], first: int, last: int, taken: list[bool]) -> int:
        """"أبو حمزة الفرنسي", "أبو قتادة التونسي": a nom de guerre is a kunya and a nisba, which the tagger leaves
        out when the nisba is a nationality too; a kunya of two words takes a definite nisba right after it."""
        k = last + 1
        if last != first + 1 or toks[first].bare not in KUNYA or k >= len(toks) or taken[k]:
            return last
        t = toks[k]
        if t.boundary_before or t.conj or t.cut or not t.bare.startswith("ال") or not t.bare.endswith("ي") \
                or self._stop(t) or self._is_title_head(t):
            return last
        return k

    def _given_after_title(self, toks: list[_Tok], first: int, last: int, taken: list[bool]) -> bool:
        """"اللواء فضل حسن": right after a title, a given name that is a common word too (grace) opens the name
        the tagger read."""
        return first < last and not toks[first].conj and not self._is_title_head(toks[first]) \
            and is_given_name(word_key(toks[first].norm)) \
            and self._is_given(toks[first + 1]) and self._title_before(toks, first, taken) is not None

    def _homograph_before_family(self, toks: list[_Tok], first: int, last: int) -> bool:
        """"الأهلي مساعد الزويهري": the tagger took the family name alone, and the word before it is a given name
        that is a word too (assistant); before a definite nisba it is his given name."""
        prev, t = toks[first - 1], toks[first]
        return first == last and t.bare.startswith("ال") and t.bare.endswith("ي") and not prev.conj \
            and not prev.cut and is_given_name(word_key(prev.norm)) and not self._verb_like(prev)

    def _opens_three_parts(self, toks: list[_Tok], first: int, last: int) -> bool:
        """"عيد علي الزبيدي", "بدر محمد باسلمه", "صباح خالد الصباح": a given name that is a common word too (a feast,
        a full moon, morning) opens the name when a given name and a family name follow it in the tagger's span:
        given, father, family is how such names are written; a word of the sentence seldom stands there."""
        t = toks[first]                               # a stopword too: "صباح خالد الصباح" (morning)
        if last - first < 2 or t.conj or t.cut or not is_given_name(word_key(t.norm)) or self._verb_like(t) \
                or self._is_title_head(t):
            return False
        nxt, family = toks[first + 1], toks[first + 2]
        return self._is_given(nxt) and not nxt.conj and not family.conj \
            and (family.bare.startswith("ال") or family.bare in name_parts() or family.bare in CHAIN
                 or bool(_NISBA_NAME.fullmatch(family.bare)) or self._bare_name_word(family))

    def _name_goes_on(self, toks: list[_Tok], first: int, last: int, taken: list[bool]) -> int:
        """Where a given name the tagger took alone ends: a word then a family name after it make a Gulf name of
        three parts ("اللواء خالد قرار الحربي")."""
        n = len(toks)
        if last != first or last + 2 >= n or not self._is_given(toks[first]):
            return last
        nxt, after = toks[last + 1], toks[last + 2]
        if nxt.boundary_before or nxt.conj or nxt.cut or taken[last + 1] or self._stop(nxt) \
                or self._is_title_head(nxt) or self._verb_like(nxt) or nxt.bare in ORG_HEADS \
                or nxt.bare.startswith("ال"):
            return last
        if after.boundary_before or after.conj or taken[last + 2] or not after.bare.startswith("ال") \
                or not (after.bare in name_parts() or (_NISBA_NAME.fullmatch(after.bare) and after.text[-1] == "ي")):
            return last
        return last + 2

    def _before_the_name(self, t: _Tok, nxt: _Tok) -> bool:
        """A word the tagger took in front of a name that no name starts with: a stopword (not "دي" of "دي ماريا",
        not "آنا"), a future verb ("سيتدرب دومي"), a preposition on a noun ("للفارس الشربتلي"); before a given
        name, a frequent word, a verb, a place or a word after "and" ("حشد صلاح الصيادي", "جازان عيسى الحكمي",
        "العريف أول جمعة", "وميلان باولو مالديني")."""
        n = t.norm
        if self._to_the_noun(n):
            return True                               # before name_parts: "الفارس" is a family name too
        if (len(n) <= 2 and not self._stop(t)) or self._is_given(t) or t.bare in NAME_LINKS or t.bare in name_parts():
            return False
        if (self._stop(t) and t.text[0] != "آ") or self._future_verb(n):
            return True
        if not self._is_given(nxt) or (n[:1] in "وف" and n[1:] in self.given):
            return False                              # "وكيفن جيمس": and + Kevin, his given name
        entry = self.gaz.lookup(t.text)
        return self._count(n) >= 300 or self._verb_like(t) or (entry is not None and entry.type != "PER") \
            or (n[:1] in "وف" and not self._is_father(t))       # "أسطورة إيطاليا وميلان باولو مالديني"

    def _future_verb(self, n: str) -> bool:
        """A verb in the future, with "and" or not ("سيتدرب", "وستشاهدون"): no name starts or goes on so."""
        if n[:1] in "وف" and n[1:2] == "س":
            n = n[1:]
        if len(n) < 5 or n[0] != "س" or n[1] not in "يتن":
            return False
        rest = n[1:]
        stems = [rest] + [rest[:-len(x)] for x in ("ون", "ان", "ين", "ها", "هم", "ه") if rest.endswith(x)]
        return n[2] in "تس" or any(self._count(p + w[1:]) > 0 for w in stems for p in "يت")

    def _after_rank(self, toks: list[_Tok], first: int, taken: list[bool]) -> int:
        """Where a name starts after a rank and its grade ("العريف أول جمعة جوهر جمعة الحمادي"): the words
        between the grade and the tagger's name are given names nobody listed, part of it."""
        for p in range(max(2, first - 3), first):
            if toks[p - 1].bare in _RANK_GRADES and self._is_title_head(toks[p - 2]) and not any(taken[p:first]) \
                    and all(self._is_given(t) or self._bare_name_word(t, after_rank=True) for t in toks[p:first]) \
                    and not any(t.boundary_before for t in toks[p:first + 1]):
                return p
        return first

    def _bil_family(self, t: _Tok) -> bool:
        """A Maghreb family name written with بال or بل ("رؤوف بالحاج"), a word news rarely prints; not a
        nationality with the preposition ب ("وزج رينار بالعاجي": with the Ivorian)."""
        return t.norm.startswith(("بال", "بل")) and self._count(t.norm) < 10 and t.norm[1:] not in nationality_forms()

    def _common_noun(self, t: _Tok) -> bool:
        """A definite word, no nisba, that news prints hundreds of times and that no list knows as a person or a
        family name ("التعاون", "النصر", "العيد"): alone, the tagger's person is that noun."""
        if not t.bare.startswith("ال") or t.bare.endswith("ي") or self._count(t.norm) < 300:
            return False
        entry = self.gaz.lookup(t.text)
        return (entry is None or entry.type != "PER") and t.bare not in name_parts() and not self._is_given(t)

    def _bare_name_word(self, t: _Tok, after_rank: bool = False) -> bool:
        """A word that can only be part of a name the lexicons do not know ("ألكسيس"): rare, undefined,
        no title, head, verb or word of the sentence, no clitic. Right after a rank and its grade a first letter
        that could be a proclitic is the name's own ("العريف أول فاهم": not ف + أهم)."""
        n = t.norm
        article = t.bare.startswith("ال") and t.text[:2] not in ("أل", "إل")    # "ألكسيس": no article has a hamza
        return not t.cut and not t.conj and not article and self._count(n) < 200 \
            and not (not after_rank and n[:1] in "بلوفك" and self._count(n[1:]) >= 50) \
            and not self._stop(t) and not self._is_title_head(t) and t.bare not in ORG_HEADS \
            and t.bare not in DESCRIPTOR_NOUNS and not self._verb_like(t) and self.gaz.lookup(t.text) is None
