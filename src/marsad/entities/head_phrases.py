"""Names opened by a head noun, for `recognize.Recognizer`: facilities and events early ("مطار هواري بومدين",
"محادثات جنيف"), then ministries with their coordinated parts ("وزارة البترول والثروة المعدنية"), definite
institutions with a nationality or a complement with لـ ("الجيش الوطني الليبي", "المديرية العامة للحماية
المدنية") and heads that take a known name in ("مجلس جامعة الدول العربية"). `HeadPhrases` is a part of
`Recognizer`, which gives it `_stop` and `_count`."""

from __future__ import annotations

from ..arabic.normalize import normalize
from .lexicon import words as _words
from .national import nisba_of
from .person_bounds import ORG_HEADS
from .person_spans import _GENERIC_ADJ
from .token_rules import AFTER_NAME as _AFTER_NAME, FACILITY_HEADS
from .tokens import Tok as _Tok

EXTRA_ORG_HEADS = _words("EXTRA_ORG_HEADS")
# heads that take a known name into an institution's name ("مجلس جامعة الدول العربية", "مصرف ليبيا المركزي");
# other heads before a known name make no new name ("حكومة طرابلس", "قوات الجيش الوطني الليبي")
ABSORBING_HEADS = EXTRA_ORG_HEADS | {normalize(w) for w in "مجلس مصرف بنك معهد مركز".split()}
# events, agreements and laws named after a place or with definite words ("محادثات جنيف", "اتفاق القاهرة
# لتوزيع الإيرادات", "قانون الجرائم الإلكترونية", "دوري أبطال العرب")
MISC_HEADS = _words("MISC_HEADS")
_MINISTRY = normalize("وزارة")
_ABROAD = _words("ABROAD")
_BI_SHUUN = normalize("بشؤون")          # "الهيئة العامة للعناية بشؤون المسجد الحرام"
_COMPETITION_HEADS = _words("COMPETITION_HEADS")
_TALKS_HEADS = _words("TALKS_HEADS")
# plural bodies coordinated after a ministry: another party, not part of its name
_BODIES = _words("BODIES")
# definite institutions named by head, adjectives and a complement with لـ ("المديرية العامة للحماية المدنية")
INSTITUTION_HEADS = _words("INSTITUTION_HEADS")
_DEFINITE_HEADS = _words("DEFINITE_HEADS")


class HeadPhrases:
    """The head-noun passes of `Recognizer` (`_pass_heads_early`, `_pass_heads_late`)."""

    def _head_phrases(self, toks: list[_Tok], taken: list[bool], gaz: list, add, early: bool) -> None:
        """Names opened by a head noun. Early: facilities (LOC, head included) and events, agreements and laws
        (MISC). Late: ministries with their coordinated parts, definite institutions with a nationality
        ("الحكومة اليمنية", "الجيش الوطني الليبي"), institutions that take a known name in."""
        n = len(toks)
        gaz_tokens = {x for m in gaz for x in range(m.first_token, m.last_token + 1)}
        gaz_places = {m.first_token for m in gaz if m.entry.type == "LOC"}
        for i, t in enumerate(toks):
            if taken[i]:
                continue
            b = t.bare
            if early:
                if b in MISC_HEADS and i + 1 < n and (i + 1 in gaz_places or (
                        b not in _TALKS_HEADS and toks[i + 1].norm.startswith("ال")) or (
                        b in _COMPETITION_HEADS and i + 2 < n and not self._stop(toks[i + 1])
                        and not toks[i + 1].boundary_before and not toks[i + 2].boundary_before
                        and toks[i + 2].norm.startswith(("ال", "لل")))):   # "دوري أبطال العرب للأندية"
                    k = self._phrase_end(toks, i, taken, gaz_tokens, facility=True)
                    if k > i:
                        add(i, k, "MISC", None, "rule")
                elif b in FACILITY_HEADS:
                    k = self._phrase_end(toks, i, taken, gaz_tokens, facility=True)
                    if k > i:
                        add(i, k, "LOC", None, "rule")
                continue
            if b == _MINISTRY:                            # "وزارة البترول والثروة المعدنية"
                k = i
                while k + 1 < n and k - i < 7 and not taken[k + 1] and not toks[k + 1].boundary_before:
                    nxt = toks[k + 1]
                    if nxt.norm.startswith("ال") and not nxt.conj and not self._stop(nxt):
                        k += 1
                    elif k > i and nxt.norm.startswith("وال") and not self._new_institution(toks, k + 1, gaz_tokens):
                        k += 1
                    elif k > i and nxt.norm[:1] == "و" and len(nxt.norm) > 3 and not nxt.norm.startswith("وال") \
                            and k + 2 < n and toks[k + 2].norm.startswith("ال") and not toks[k + 2].boundary_before \
                            and not self._stop(nxt) and not self._new_institution(toks, k + 1, gaz_tokens):
                        k += 2                            # "وزارة التجارة وترقية الصادرات"
                    elif k > i and nxt.norm in _ABROAD:
                        k += 1                            # "… والجالية الوطنية بالخارج", "… المقيمين بالخارج"
                        break
                    else:
                        break
                if k > i:
                    add(i, k, "ORG", None, "rule")
            elif b in _DEFINITE_HEADS:
                k = i
                while k + 1 < n and k - i < 3 and not taken[k + 1] and not toks[k + 1].boundary_before \
                        and not toks[k + 1].conj and toks[k + 1].norm.startswith("ال") \
                        and toks[k + 1].norm.endswith(("يه", "ي")) and toks[k + 1].norm not in _GENERIC_ADJ:
                    k += 1
                if k > i:
                    add(i, k, "ORG", None, "rule")
            elif b in INSTITUTION_HEADS:
                k = self._institution_end(toks, i, taken)
                if k > i:
                    add(i, k, "ORG", None, "rule")
            elif b in ABSORBING_HEADS:
                k = self._phrase_end(toks, i, taken, gaz_tokens, False)
                if k > i and any(x in gaz_tokens for x in range(i + 1, k + 1)):
                    add(i, k, "ORG", None, "rule")

    def _new_institution(self, toks: list[_Tok], k: int, gaz_tokens: set[int]) -> bool:
        """Whether the coordinated word at k opens another body ("والهلال الأحمر", "والسلطات المحلية") rather
        than continuing a ministry's name ("والثروة المعدنية")."""
        b = toks[k].bare
        return b in ORG_HEADS or b in INSTITUTION_HEADS or b in _DEFINITE_HEADS or b in _BODIES \
            or k in gaz_tokens or ("ال" + b) in ORG_HEADS

    def _institution_end(self, toks: list[_Tok], i: int, taken: list[bool]) -> int:
        """Last token of a definite institution's name ("المديرية العامة للحماية المدنية", "المعهد الوطني
        للرصد الجوي", "المجلس الأعلى لتنظيم الإعلام"): the head, its adjectives, then a complement with لـ and
        the definite words after it. Without a complement the phrase is a description ("المؤسسة العسكرية"),
        unless a nationality ends it ("الجيش الجزائري" is handled with the other definite heads)."""
        n = len(toks)

        def free(k: int) -> bool:
            return k < n and not taken[k] and not toks[k].boundary_before and not toks[k].conj

        k = i
        while free(k + 1) and k - i < 3 and toks[k + 1].norm.startswith("ال") and not self._stop(toks[k + 1]) \
                and toks[k + 1].bare not in ORG_HEADS:
            k += 1
        if k == i or not free(k + 1):
            return i
        comp = toks[k + 1]
        if not (comp.norm.startswith("لل") or (comp.norm[:1] == "ل" and comp.norm != comp.bare
                                                and free(k + 2) and toks[k + 2].norm.startswith("ال"))):
            return i
        k += 1
        while k + 1 < n and k - i < 10 and not taken[k + 1] and not toks[k + 1].boundary_before and (
                (toks[k + 1].norm.startswith(("ال", "لل")) and not toks[k + 1].conj)
                or (toks[k + 1].norm.startswith("وال") and toks[k + 1].bare not in ORG_HEADS)
                or toks[k + 1].norm == _BI_SHUUN) \
                and not self._stop(toks[k + 1]) and toks[k + 1].bare not in _AFTER_NAME \
                and nisba_of(toks[k + 1].text) is None:
            k += 1
        return k

    def _phrase_end(self, toks: list[_Tok], i: int, taken: list[bool], gaz_tokens: set[int], facility: bool) -> int:
        """Last token of a name opened by the head noun at i: known names and definite words, up to five;
        a word with a preposition attached ("بالدوحة") ends it, "لل…" continues it ("جامعة الخليج للتقنية")."""
        n = len(toks)
        k = i
        while k + 1 < n and k - i < 5 and not taken[k + 1] and not toks[k + 1].boundary_before \
                and not toks[k + 1].conj:
            nxt = toks[k + 1]
            if nxt.norm[:1] in ("ب", "ك") and nxt.norm != nxt.bare:
                break
            if nxt.bare in _AFTER_NAME or self._is_title_head(nxt) or (k > i + 1 and nisba_of(nxt.text) is not None
                                           and any(toks[x].norm.startswith("لل") for x in range(i + 1, k + 1))):
                break                       # "جامعة الخليج للتقنية الإماراتية"; "إعلان السيناتور …": a person's title
            if facility and k > i and nxt.norm[:1] == "ل" and not nxt.norm.startswith("لل") and k + 2 < n \
                    and toks[k + 2].norm.startswith("ال") and not toks[k + 2].boundary_before:
                k += 2                                      # "اتفاق القاهرة لتوزيع الإيرادات"
                continue
            if k + 1 in gaz_tokens or (nxt.norm.startswith(("ال", "لل")) and not self._stop(nxt)) \
                    or (facility and k == i and not self._stop(nxt)) \
                    or (facility and self._count(nxt.norm) < 30 and not self._stop(nxt)
                        and nxt.norm[:1] not in ("و", "ب", "ل", "ف", "ك")):   # "مطار هواري بومدين الدولي"
                k += 1
            else:
                break
        return k
