"""Corpus-level entity linking: every mention of one person, place or organization gets one entity id.

Within an article the recognizer already joins a short mention to the full name seen earlier ("حفتر" after
"خليفة حفتر"). Across the corpus this module joins what one article cannot see:
- spelling variants: names with the same `name_key` (سيرغي/سيرجي لافروف, فائز/فايز السراج, كوزنتسوف/كوزنيتسوف)
  are one entity; the canonical spelling is the one the corpus uses most;
- a bare surname in an article that never gives the full name ("قال لافروف …"): joined to the one full name of
  that type whose last word has the same key, when the corpus has exactly one such name, or one that carries at
  least 80% of the mentions of all of them.
Ids are `entity_id(type, canonical)` of the linked entity, and keys fold the variants, so an entity keeps its id
whichever of its spellings becomes the most common.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable

from .names import entity_key, word_key


def link(rows: list[tuple[str, str, str, int]], entity_id: Callable[[str, str], str]) -> dict[str, tuple[str, str]]:
    """rows: (local entity id, type, local canonical, mentions). Returns local id -> (entity id, canonical)."""
    by_key: dict[tuple[str, str], Counter] = defaultdict(Counter)     # (type, key) -> canonical spellings
    local_key: dict[str, tuple[str, str]] = {}
    for eid, etype, canonical, n in rows:
        k = (etype, entity_key(etype, canonical))
        if not k[1]:
            continue
        by_key[k][canonical] += n
        local_key[eid] = k
    # full names by the key of their last word, to place bare surnames
    by_last: dict[tuple[str, str], list[tuple[int, tuple[str, str]]]] = defaultdict(list)
    for k, spellings in by_key.items():
        words = k[1].split()
        if len(words) > 1 and k[0] == "PER":
            by_last[(k[0], words[-1])].append((sum(spellings.values()), k))
    target: dict[tuple[str, str], tuple[str, str]] = {k: k for k in by_key}
    for k in by_key:
        words = k[1].split()
        if len(words) != 1 or k[0] != "PER":
            continue
        cands = sorted(by_last.get((k[0], word_key(words[0])), []), reverse=True)
        if not cands:
            continue
        total = sum(n for n, _ in cands)
        if len(cands) == 1 or cands[0][0] >= 0.8 * total:
            target[k] = cands[0][1]
    # canonical of each final entity: its most used full spelling
    merged: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for k, spellings in by_key.items():
        merged[target[k]].update(spellings)
    canon = {k: c.most_common(1)[0][0] for k, c in merged.items()}
    out = {}
    for eid, k in local_key.items():
        t = target[k]
        out[eid] = (entity_id(t[0], canon[t]), canon[t])
    return out
