"""The reporting cues and how each takes its content, read from data/quote_cues.tsv and data/quote_stance.txt.

A cue is found by its form ("أكدت", "مشيرا", "يرى"); its content usually opens with إن/أن, a colon or a quotation
mark, but much of Saudi and Gulf news reports speech with a noun or a preposition instead ("أعرب عن أمله في",
"أشاد بالجهود", "حذر من", "نفى وجود"): the third column says which of these each verb takes, so that a new verb
is a line of data, not a rule."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..arabic.normalize import normalize


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
    """The feminine and the plural of an active participle written in the accusative ("مشيدا"): "مشيدة",
    "مشيدين"; none for another form."""
    if form.startswith("م") and form.endswith("ا") and len(form) >= 4:
        return form[:-1] + "ة", form[:-1] + "ين"
    return ()


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
