"""Where a name starts inside its first word: the proclitics a word carries ("وكوزنيتسوف": and + the name) against
the names that begin with the same letters ("فراس", "لبنى", "كايل", "فالكاو"). `NameStart` is a part of
`recognize.Recognizer`, which gives it the lexicons (`given`) and the corpus word counts (`word_counts`)."""

from __future__ import annotations

from ..arabic.segment import surface_cut
from .tokens import Tok as _Tok


class NameStart:
    """The proclitic tests of `Recognizer` (see the module's docstring)."""

    def _clitic_cut(self, t: _Tok, doc_norms: set[str]) -> int:
        """Surface characters of a proclitic on a name the lexicons do not know ("وكوزنيتسوف"): peeled when the
        bare form stands alone elsewhere in the text, or the whole word is rare in our corpus while the bare
        form is common. Names that begin with these letters (فراس، وليد، بشار، لطيفة) are common words
        themselves, so they keep their first letter."""
        from .tagger import strip_candidates

        counts = self.word_counts
        whole = counts.get(t.norm, 0)
        if t.norm in self.given:
            return 0
        for cand in strip_candidates(t.norm):
            if not t.norm.endswith(cand):
                continue                            # للأمم: a fused ل+ال stays in the name
            if len(t.norm) - len(cand) == 1 and t.norm[0] == "ك":
                continue                            # "كايل ووكر": "like" before a name is rare, names in ك common
            bare = counts.get(cand, 0)
            if cand in doc_norms or (whole < 5 and bare >= 20) or (t.norm[0] == "و" and len(t.norm) - len(cand) == 1
                                                                   and bare >= 20 and bare >= 2 * whole):
                return surface_cut(t.text, len(t.norm) - len(cand))   # وسند، وشجاع: "and" before a name
        return 0

    def _person_cut(self, t: _Tok, cut: int) -> int:
        """Where a person's name starts in its first word: not after a ك the tokenizer peeled because the rest
        is some known word ("كايل ووكر" is Kyle, not "like Ile"), nor after a ل or ب of a word that is a given
        name whole or of a foreign name news never prints without it, nor after a و + ك/ب/ل when what follows و
        is a given name or starts with ك ("and like" before a name is rare)."""
        if cut == 1 and t.norm[:1] == "ك" and not self._is_given(t):
            return 0
        if cut == 1 and t.norm[:1] in ("ل", "ب") and t.norm in self.given:
            return 0                                  # "الدكتورة لبنى": a given name whole, not ل + بنى
        if cut >= 2 and t.norm[:1] in "وف" and (t.norm[1:] in self.given or (cut == 2 and t.norm[:2] == "وك")):
            return surface_cut(t.text, 1)             # "وكريم بنزيمه", "وكيفن جيمس": and + the name
        if cut == 1 and t.norm[:1] in "فب" and self._foreign_whole(t.norm):
            return 0                                  # "فالكاو", "بالوتيلي": not ف + "الكاو"
        return cut

    def _foreign_whole(self, norm: str) -> bool:
        """A word news prints whole at least twice as often as without its first letter, which no news prints
        alone: a foreign name that starts with ف or ب ("فالكاو" 98 times, "الكاو" never)."""
        whole, rest = self.word_counts.get(norm, 0), self.word_counts.get(norm[1:], 0)
        return whole >= 5 and whole >= 2 * rest and rest < 20
