"""The recognizer's token rules (the "rules" pass, `Recognizer._pass_rules`): titled people, given names and the
parts of a name after them, compound given names, organizations and places opened by their head noun. Token by
token, the first rule that takes a token moves past what it took. A mixin of `recognize.Recognizer`, whose token
tests (`_is_title_head`, `_stop`, `_count`, `_is_given`…) and name bounds (`PersonBounds`) the rules ask."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lexicon import words as _words
from .national import nisba_of
from .person_bounds import AMBIGUOUS_GIVEN, DESCRIPTOR_NOUNS as _DESCRIPTOR_NOUNS, ORG_HEADS

if TYPE_CHECKING:
    from .recognize import _Found
    from .tokens import Tok

# The token rules of the "rules" pass, in order (TokenRules._rule_<name>)
RULES = ("titled", "compound", "given", "org_head", "loc_head")
_HIGHEST = frozenset({"اسمي"})                       # أسمى (the highest), also a woman's given name
_PRAISES = frozenset({"ايات", "عبارات", "معاني"})
# Facilities are named with their head noun ("مطار جنيف", "ملعب الشعب الدولي", "قصر الأمم"); so are
# institutions whose head is not among ORG_HEADS (the tagger's features use ORG_HEADS and LOC_HEADS as trained).
FACILITY_HEADS = _words("FACILITY_HEADS")
LOC_HEADS = _words("LOC_HEADS")
# Given names written with the article, common in the Maghreb ("المزارع الهادي القاسمي"); only right after a
# title, where a definite word cannot be an adjective of the title.
MORE_GIVEN = _words("MORE_GIVEN")
# adjectives that describe an institution without naming it ("المؤسسة العسكرية", "اللجنة المالية")
DESCRIPTIVE_ADJ = _words("DESCRIPTIVE_ADJ")
# words after an institution's complement that are not part of its name: nationality (handled apart) and
# participles that start a clause ("المديرية الوطنية للتحكيم التابعة لـ…", "جامعة الدول العربية الداعي إلى …")
AFTER_NAME = _words("AFTER_NAME")


def type_at(f: _Found, pos: int) -> str | None:
    """The type of the mention found at a text position, if any."""
    return next((e.type for _, e in f.found if e.start <= pos < e.end), None)


class TokenRules:
    """The "rules" pass and its rules, for `recognize.Recognizer`."""

    def _rule_start_word(self, text: str) -> bool:
        """Whether any rule of RULES can start at this word: each returns None at once unless the word is a title
        head (titled), عبد/أبو (compound), a given name (given), an organization head (org_head) or a place head
        (loc_head), and most words are none of these, so `_pass_rules` asks this once per word, not five rules
        per token."""
        bare = self.tokenizer.info(text)[1]
        return self._title_heads[text] or bare in ("عبد", "ابو") or bare in self.given or bare in ORG_HEADS \
            or bare in LOC_HEADS

    def _pass_rules(self, f: "_Found") -> None:
        """Titled people, given names, organization heads, place heads, token by token: the first rule that takes
        a token (RULES, in order) moves past what it took."""
        i, n, toks, starts = 0, len(f.toks), f.toks, self._rule_starts
        while i < n:
            if f.taken[i] or not starts[toks[i].text]:
                i += 1
                continue
            for rule in RULES:
                f.rule = "rules." + rule
                nxt = getattr(self, "_rule_" + rule)(f, i)
                if nxt is not None:
                    i = nxt
                    break
            else:
                i += 1

    # -- the rules of `_pass_rules`, token by token (RULES): each returns where to go on, or None ---------------
    def _rule_titled(self, f: "_Found", i: int) -> int | None:
        """A title head and the name after it ("وزير الخارجية الروسي فاديم كوزنيتسوف", "المشير حفتر"); a title
        with no name after it is passed over either way."""
        toks, taken, n = f.toks, f.taken, len(f.toks)
        if not self._is_title_head(toks[i]):
            return None
        j = i + 1
        while j < n and j - i <= 6 and not self._stop(toks[j]):
            if toks[j].boundary_before or (taken[j] and type_at(f, toks[j].start) != "LOC"):
                break
            if taken[j]:
                j += 1                                # "محافظ الحديدة السابق صخر الوجيه": a place in the title
                continue
            cand = toks[j]
            if cand.bare in f.owners:
                break                                 # "مدرب مارسيليا": the coach of a team, not a man's name
            if cand.norm in _HIGHEST and j + 1 < n and toks[j + 1].norm in _PRAISES:
                break                                 # "ورفع رئيس الديوان أسمى آيات التهاني": no Asma
            if cand.norm.startswith("ال") and cand.norm.endswith("ي") and self._count(cand.norm) < 5 \
                    and nisba_of(cand.text) is None and cand.bare not in self.gaz.vocab \
                    and not self._is_title_head(cand) and cand.bare not in MORE_GIVEN:
                f.add(j, j, "PER", None, "rule", i)     # "الانقلابي الورشفاني": a family name alone
                return j + 1
            if not cand.bare.startswith("ال") and not self._is_title_head(cand) and not self._is_given(cand) \
                    and cand.bare not in self.gaz.vocab and (self._count(cand.norm) >= 200
                                                              or (cand.cut and not cand.conj)
                                                              or self._verb_like(cand)
                                                              or self._conj_like(cand)):
                break                           # "المشير فريق الوساطة بقراره": no name after this title
            if self._is_given(cand) or cand.bare in MORE_GIVEN or (
                    not cand.bare.startswith("ال") and cand.bare not in ORG_HEADS
                    and not self._is_title_head(cand) and cand.bare not in _DESCRIPTOR_NOUNS
                    and self.gaz.lookup(cand.text) is None and not cand.conj
                    and not self._common_word(cand)):
                if self._noun_after_title(cand) and not self._is_given(cand) and cand.bare not in MORE_GIVEN:
                    break                             # "لعب الفريق مباراتين": no name after this title
                k = self._name_end(toks, j)
                span = self._trim_person(toks, j, k) if k is not None else None
                if span is not None and span[0] == j:
                    k = span[1]
                if span is not None and span[0] == j and (k > j or self._is_given(cand)) \
                        and not any(taken[j:k + 1]):
                    f.add(j, k, "PER", None, "rule", i)
                    return k + 1
                break
            j += 1
        return i + 1

    def _noun_after_title(self, t: Tok) -> bool:
        """A word after a title head that is the sentence's, not a name nobody listed ("لعب الفريق مباراتين",
        "الطبيب إبرا مضادة", "المهاجم مصابا", "ألعاب مائية"): a word of the sentence by the tests names are
        trimmed with, or a plural, dual or feminine adjective news prints."""
        n = t.norm
        return self._sentence_word_in_name(t) or (n.endswith(("ين", "يه", "ات")) and self._count(n) >= 20)

    def _rule_compound(self, f: "_Found", i: int) -> int | None:
        """A name opened by عبد or أبو with a definite word ("عبد الرحمن …", "أبو المجد …")."""
        toks, taken, n = f.toks, f.taken, len(f.toks)
        if toks[i].bare in ("عبد", "ابو") and i + 1 < n and not toks[i + 1].boundary_before \
                and toks[i + 1].bare.startswith("ال") and not taken[i + 1]:
            k = self._name_end(toks, i)
            if k is not None and k > i + 1 and not any(taken[i:k + 1]):
                f.add(i, k, "PER", None, "rule", self._title_before(toks, i, taken))
                return k + 1
        return None

    def _rule_given(self, f: "_Found", i: int) -> int | None:
        """A known given name and the parts of a name after it ("خليفة حفتر"); not when the next word is one news
        seldom uses in a name (data/seldom_names.txt: "نادر للغاية", "ممرات آمنة لعبور", "أمين المنطقة"), a
        preposition on a noun or a possessive ("آمنة للمحجبات", "جبر مصابنا") or a verb ("دخيل يروج").
        Many given names are words too, and a word after a word is no name."""
        toks, taken, n = f.toks, f.taken, len(f.toks)
        t = toks[i]
        if t.cut and t.norm[:1] == "ك" and len(t.norm) - len(t.bare) == 1:
            return None                               # "مهرجان كام", "فشل كلوي": "like" before a name is rare
        if self._is_given(t) and not (t.cut and self._count(t.norm) > self._count(t.bare)) and (
                t.bare not in AMBIGUOUS_GIVEN or (
                i + 1 < n and toks[i + 1].bare.startswith("ال") and not toks[i + 1].boundary_before)):
            k = self._name_end(toks, i)
            span = self._trim_person(toks, i, k) if k is not None and k > i else None
            if span is not None and span[1] > i and not any(taken[i:span[1] + 1]) \
                    and not self._common_word(toks[i + 1]) and toks[i + 1].norm not in self.seldom \
                    and not (span[1] == i + 1 and self._common_tail(toks[i + 1])) \
                    and not (self._plainly_of_the_sentence(toks[i + 1])
                             or (not toks[i + 1].conj and self._verb(toks[i + 1]))):
                f.add(i, span[1], "PER", None, "rule", self._title_before(toks, i, taken))
                return span[1] + 1
        return None

    def _rule_org_head(self, f: "_Found", i: int) -> int | None:
        """An organization's head noun and its definite complements ("وزارة الخارجية الروسية"); a ministry's
        coordinated parts ("وزارة البترول والثروة المعدنية") are `_head_phrases`' work."""
        toks, taken, n = f.toks, f.taken, len(f.toks)
        t = toks[i]
        if t.bare not in ORG_HEADS or i + 1 >= n or toks[i + 1].boundary_before:
            return None
        k = i
        while k + 1 < n and k - i < 7 and not toks[k + 1].boundary_before and not taken[k + 1] \
                and not toks[k + 1].conj:
            nxt = toks[k + 1]
            if t.bare.startswith("ال") and k == i and nxt.norm.startswith("ال") and (
                    not nxt.norm.endswith(("ي", "يه", "ا")) or (
                    nxt.bare in DESCRIPTIVE_ADJ and (k + 2 >= n or toks[k + 2].boundary_before
                                                       or not toks[k + 2].norm.startswith(("ال", "لل"))))) \
                    and not self.gaz.lookup(nxt.text):
                break                         # "وقررت اللجنة الإبقاء على", "المؤسسة العسكرية": descriptions
            if (nxt.norm.startswith(("ال", "لل")) and not self._stop(nxt) and nxt.norm not in AFTER_NAME) \
                    or self.gaz.lookup(nxt.text):
                k += 1
            else:
                break
        if k > i:
            f.add(i, k, "ORG", None, "rule")
            return k + 1
        return None

    def _rule_loc_head(self, f: "_Found", i: int) -> int | None:
        """A place named with its head noun ("بمنطقة الحامة", "منطقة الهلال النفطي", "مدينة مارث")."""
        toks, taken, n = f.toks, f.taken, len(f.toks)
        t = toks[i]
        if t.bare not in LOC_HEADS or t.bare in FACILITY_HEADS or i + 1 >= n or toks[i + 1].boundary_before \
                or taken[i + 1]:
            return None
        nxt = toks[i + 1]
        if not self._stop(nxt) and not nxt.conj and not self._verb_like(nxt) and nxt.norm[:1] not in ("ب", "ل") \
                and (nxt.bare in self.gaz.vocab or self._count(nxt.norm) < 300):
            k = i + 1
            if nxt.bare.startswith("ال") and i + 2 < n and not taken[i + 2] \
                    and toks[i + 2].norm.startswith("ال") and not toks[i + 2].boundary_before \
                    and not self._stop(toks[i + 2]):
                k = i + 2
            f.add(i + 1, k, "LOC", None, "rule")
            return k + 1
        return None
