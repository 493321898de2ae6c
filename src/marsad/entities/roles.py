"""Title-only references: "قال ولي العهد", "وأكد وزير الخارجية الروسي" name no one, but the article does, with
that title, elsewhere ("ولي العهد الأمير محمد بن نايف"). A role is a title that one person holds at a time
(خادم الحرمين الشريفين، ولي العهد، ولي ولي العهد، رئيس الوزراء، وزير + his ministry and its country, أمير منطقة
+ its region); a role the article gives exactly one of its people resolves to him there. A head of a body or a
minister named with no one in the article holding that title stays unresolved."""

from __future__ import annotations

from ..arabic.normalize import normalize
from ..arabic.segment import word_spans
from ..document import Entity
from .lexicon import given_and_title_heads

_N = normalize
_CUSTODIAN = (_N("خادم"), _N("الحرمين"), _N("الشريفين"))
_HEIR = (_N("ولي"), _N("العهد"))
_HEADS_OF = {_N("رئيس"): {_N(w) for w in ("الوزراء", "الحكومة", "الجمهورية")},
             _N("رئيسة"): {_N(w) for w in ("الوزراء", "الحكومة", "الجمهورية")}}
_MINISTER = {_N("وزير"), _N("وزيرة")}
_EMIR = _N("أمير")
_REGION = _N("منطقة")
_DEPUTY_OF = _N("نائب")


def _unit_at(words: list[str], i: int) -> int:
    """How many words from i form a role (0 when none starts there)."""
    w = words[i:i + 4]
    if tuple(w[:3]) == _CUSTODIAN:
        return 3
    if tuple(w[:2]) == _HEIR:
        return 2
    if w and w[0] in _HEADS_OF and len(w) > 1 and w[1] in _HEADS_OF[w[0]]:
        return 2
    heads = given_and_title_heads()[1]
    if w and w[0] in _MINISTER and len(w) > 1 and w[1].startswith("ال") and w[1] not in heads:
        return 3 if len(w) > 2 and w[2].startswith("ال") and w[2].endswith("ي") and w[2] not in heads else 2
    if w and w[0] == _EMIR and len(w) > 2 and w[1] == _REGION:
        return 3
    return 0


def roles(words: list[str]) -> list[tuple[int, int, tuple[str, ...]]]:
    """(first word, end word, role) of each role in a list of words in matching form; a deputy's role ("نائب
    خادم الحرمين الشريفين", "ولي ولي العهد") is his own, not his principal's."""
    out = []
    i = 0
    while i < len(words):
        k = _unit_at(words, i)
        if not k:
            i += 1
            continue
        start = i
        if i > 0 and (words[i - 1] == _DEPUTY_OF or (k == 2 and tuple(words[i:i + 2]) == _HEIR
                                                     and words[i - 1] == _HEIR[0])):
            start = i - 1
        out.append((start, i + k, tuple(words[start:i + k])))
        i += k
    return out


def title_references(text: str, ents: list[Entity]) -> list[Entity]:
    """Mentions for the roles the text names alone, resolved to the one person of the article named with that
    role in his title (`Entity.title` and `name` are the role as written; `rule` is "title_ref")."""
    holders: dict[tuple[str, ...], set[str]] = {}
    first_holder: dict[tuple[str, ...], Entity] = {}
    for e in ents:
        if e.type == "PER" and e.title:
            for _, _, role in roles(normalize(e.title).split()):
                holders.setdefault(role, set()).add(_N(e.canonical or e.name))
                first_holder.setdefault(role, e)
    if not holders:
        return []
    spans = sorted((e.start, e.end) for e in ents)
    words = word_spans(text)
    out = []
    for a, b, role in roles([w[3] for w in words]):
        if len(holders.get(role, ())) != 1:
            continue
        start, end = words[a][0], words[b - 1][1]
        if any(s < end and start < t for s, t in spans):
            continue                                  # the title of a named mention, or inside a name
        holder = first_holder[role]
        surface = text[start:end]
        out.append(Entity(text=surface, start=start, end=end, type="PER", name=surface, title=surface,
                          canonical=holder.canonical or holder.name, source="coref", rule="title_ref"))
    return out
