"""Title-only references: "قال ولي العهد", "وأكد وزير الخارجية الروسي" name no one, but the article does, with
that title, elsewhere ("ولي العهد الأمير محمد بن نايف"). A role is a title that one person holds at a time
(خادم الحرمين الشريفين، ولي العهد، ولي ولي العهد، رئيس الوزراء، وزير + his ministry and its country, أمير منطقة
+ its region); a role the article gives exactly one of its people resolves to him there. A role the article gives
no one is left open with its month, and corpus linking gives it to the man the corpus names with that role in
those weeks when one man dominates (entities/linking.py): "ولي ولي العهد" in 2015 is محمد بن سلمان, "خادم
الحرمين الشريفين" عبدالله بن عبدالعزيز until January 2015 and سلمان after; a role no one dominates, and a minister
with no country ("وزير النقل": his article's country's, `corpus_wide`), stay open."""

from __future__ import annotations

import re

from ..arabic.normalize import normalize
from ..arabic.segment import word_spans
from ..document import Entity
from .lexicon import given_and_title_heads
from .national import _BY_NISBA, nisba_of

_N = normalize
_CUSTODIAN = (_N("خادم"), _N("الحرمين"), _N("الشريفين"))
_HEIR = (_N("ولي"), _N("العهد"))
_HIS_HEIR = (_N("ولي"), _N("عهده"))                 # "ولي عهده": the King's, in a text about the King
_PRESIDENT = {_N("رئيس"), _N("الرئيس")}
# what stands between a role and the name of the man who holds it ("خادم الحرمين الشريفين الملك سلمان",
# "ولي العهد صاحب السمو الملكي الأمير محمد بن نايف")
_BETWEEN = {_N(w) for w in "الملك الأمير الشيخ السلطان صاحب السمو الملكي سمو معالي فخامة الدكتور الفريق".split()}
_HEADS_OF = {_N("رئيس"): {_N(w) for w in ("الوزراء", "الحكومة", "الجمهورية")},
             _N("رئيسة"): {_N(w) for w in ("الوزراء", "الحكومة", "الجمهورية")}}
_MINISTER = {_N("وزير"), _N("وزيرة")}
# a title's head alone ("قال الوزير") → the head as titles write it ("وزير البترول")
_BARE_HEADS = {_N(w): _N(w).removeprefix("ال") for w in
               "الوزير الوزيرة المدرب اللاعب الرئيس السفير المحافظ الكاتب المتحدث الأمين".split()}
_HEADS = set(_BARE_HEADS.values())
_FORMER = {_N(w) for w in "آنذاك حينها حينذاك السابق الأسبق الراحل المغفور الفقيد".split()}
_GOVERNING = {_N(w) for w in "سفير سفيرة وكيل أمين ديوان مكتب مبعوث ممثل موفد مندوب".split()}
_EMIR = _N("أمير")
_REGION = _N("منطقة")
_DEPUTY_OF = _N("نائب")
_FIRST_WORDS = {_CUSTODIAN[0], _HEIR[0], _EMIR, *_PRESIDENT, *_HEADS_OF, *_MINISTER}   # where a role can start


def _unit_at(words: list[str], i: int) -> int:
    """How many words from i form a role (0 when none starts there)."""
    w = words[i:i + 4]
    if tuple(w[:3]) == _CUSTODIAN:
        return 3
    if tuple(w[:2]) in (_HEIR, _HIS_HEIR, _CUSTODIAN[:2]):
        return 2                                      # "خادم الحرمين" is the custodian too
    if w and w[0] in _PRESIDENT and len(w) > 1 and nisba_of(w[1]) is not None:
        return 2                                      # "الرئيس المصري", "رئيس الوزراء" below
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
        k = _unit_at(words, i) if words[i] in _FIRST_WORDS else 0
        if not k:
            i += 1
            continue
        start = i
        before = _deputy(words[i - 1]) if i > 0 else None
        if before == _DEPUTY_OF or (k == 2 and tuple(words[i:i + 2]) in (_HEIR, _HIS_HEIR) and before == _HEIR[0]):
            start = i - 1                             # "نائب …", "ولي ولي العهد", and with و: "وولي ولي العهد"
        out.append((start, i + k, _key((before or "",) * (start < i) + tuple(words[i:i + k]))))
        i += k
    return out


def _deputy(word: str) -> str | None:
    """نائب or ولي, with or without و, before a role: its holder's deputy or heir."""
    for w in (word, word[1:] if word[:1] == "و" else None):
        if w in (_DEPUTY_OF, _HEIR[0]):
            return w
    return None


def _key(role: tuple[str, ...]) -> tuple[str, ...]:
    """One key for the spellings of a role: "ولي عهده" is "ولي العهد", "خادم الحرمين" "خادم الحرمين الشريفين",
    "رئيس" with or without the article."""
    role = tuple(_HEIR[1] if w == _HIS_HEIR[1] else w for w in role)
    if role[-2:] == _CUSTODIAN[:2]:
        role = role + (_CUSTODIAN[2],)
    return tuple(_N("رئيس") if w == _N("الرئيس") else w for w in role)


def _held_roles(text: str, e: Entity) -> list[tuple[str, ...]]:
    """The roles a person mention is given: in its title, or right before it with only honorifics and royal
    titles between ("خادم الحرمين الشريفين الملك سلمان", whose title the recognizer cut to "الملك")."""
    found = title_roles(e.title)
    name_start = e.end - len(e.name)
    chunk = text[max(0, name_start - 80):name_start]
    chunk = chunk[max(chunk.rfind(c) for c in ".،,؛:\n()«»\"") + 1:]
    ws = normalize(chunk).split()
    for a, b, role in roles(ws):
        if all(w in _BETWEEN for w in ws[b:]) and not (a and _governs(ws[a - 1])) and role not in found:
            found.append(role)
    after = _APPOSITION.match(text, e.end)            # "شريف الجمال، وزير البترول والثروة المعدنية، …"
    if after:
        found += [role for a, _, role in roles(normalize(after.group(1)).split()[:4]) if a == 0 and role not in found]
    return found


_APPOSITION = re.compile(r"\s*[،,]\s*([^،,.؛:\n]{3,60})")


def _governs(word: str) -> bool:
    """A title the role after it belongs to ("مستشار خادم الحرمين الشريفين الدكتور سعد الشثري", "سفير خادم
    الحرمين الشريفين لدى اليمن محمد آل جابر"): the name after them is the adviser's, the ambassador's."""
    return word in _GOVERNING or word in given_and_title_heads()[1]


def _before_its_holder(words: list[tuple], b: int, starts: set[int]) -> bool:
    """Is the role that ends before word b the title of the name right after it ("خادم الحرمين الشريفين الملك
    سلمان"), with only honorifics and royal titles between?"""
    while b < len(words) and words[b][0] not in starts and words[b][3] in _BETWEEN:
        b += 1
    return b < len(words) and words[b][0] in starts


def _name_follows(text: str, end: int, starts: set[int], words: int = 4) -> bool:
    """Does a person's name start within a few words after a role, in the same clause? Then the role is the
    first words of his title ("وزير الشباب والرياضة عماد الكعبي"), not a reference to someone the article
    leaves unnamed."""
    after = text[end:end + 80]
    for k in sorted(s - end for s in starts if end <= s < end + 80):
        gap = after[:k]
        return len(gap.split()) <= words and not any(c in gap for c in ".،,؛:\n()«»\"“”")
    return False


ROLE_MARK = " @"             # between a role and its month in the name of a reference no article resolved


def role_name(role: tuple[str, ...], month: str | None = None) -> str:
    """The local name of a title-only reference its article leaves open: the role, and the month of the article
    (corpus linking resolves it to the man the corpus names with that role then, entities/linking.py)."""
    return " ".join(role) + ROLE_MARK + (month or "")


def corpus_wide(role: tuple[str, ...]) -> bool:
    """Can the corpus tell who holds this role in a month? The King's, the heirs' and a region's emir's roles are
    one man's in the news at a time, and so is a role whose country it names ("وزير الخارجية المصري"); a minister,
    a prime minister or a president with no country ("وزير النقل") is his article's country's, which the corpus
    does not know: in Saudi news the Yemeni minister of transport is named with his title more often than the
    Saudi one."""
    if role[-1] in _BY_NISBA:
        return True
    head = role[1] if role[0] == _DEPUTY_OF and len(role) > 1 else role[0]
    return head not in _MINISTER and head not in _PRESIDENT and head not in _HEADS_OF


def parse_role_name(name: str) -> tuple[tuple[str, ...], str | None] | None:
    """(role, month or None) of a `role_name`, None for any other name."""
    role, mark, month = name.rpartition(ROLE_MARK)
    if not mark or not role:
        return None
    return tuple(role.split()), month or None


def title_roles(title: str | None, before: str = "") -> list[tuple[str, ...]]:
    """The roles a title gives the name after it: those of the chain of roles and honorifics the title opens with
    ("ولي العهد نائب رئيس مجلس الوزراء …" holds ولي العهد; "مستشار خادم الحرمين الشريفين الدكتور" is the
    King's adviser, not the King), none when another role follows outside the chain ("ولي العهد تحيات خادم
    الحرمين الشريفين الملك سلمان"). `before`: the text before the title, whose last word may be the deputy's
    word a title was cut after ("وولي" + "ولي العهد الأمير")."""
    ws = normalize(title).split() if title else []
    if _FORMER & set(ws):
        return []                                     # "ولي العهد آنذاك الأمير مقرن": who held it once
    last = normalize(before).split()[-1:] if before[-1:].isspace() else []
    if ws and last and _deputy(last[0]) is not None:
        ws = [last[0], *ws]
    out, at = [], 0
    for a, b, role in roles(ws):
        while at < a and ws[at] in _BETWEEN:
            at += 1
        if a != at:
            break
        out.append(role)
        at = b
    if all(w in _BETWEEN for w in ws[at:]):
        return out
    return [] if any(a >= at for a, _, _ in roles(ws)) else out


def title_references(text: str, ents: list[Entity]) -> list[Entity]:
    """Mentions for the roles the text names alone: resolved to the one person of the article named with that
    role in his title, else left open (canonical `role_name(role)`, which the entities stage dates and corpus
    linking resolves or leaves without an entity). `Entity.title` and `name` are the role as written; `rule` is
    "title_ref"."""
    holders: dict[tuple[str, ...], set[str]] = {}
    first_holder: dict[tuple[str, ...], Entity] = {}
    for e in ents:
        if e.type == "PER" and e.rule != "title_ref":
            for role in _held_roles(text, e):
                holders.setdefault(role, set()).add(_N(e.canonical or e.name))
                first_holder.setdefault(role, e)
    spans = sorted((e.start, e.end) for e in ents)
    starts = {e.end - len(e.name) for e in ents if e.type == "PER"} | {e.start for e in ents if e.type == "PER"}
    ends = {e.end for e in ents if e.type == "PER"}
    words = word_spans(text)
    out = []
    for a, b, role in roles([w[3] for w in words]):
        if len(holders.get(role, ())) > 1:
            continue                                  # two men of the article hold it: which one is meant?
        start, end = words[a][0], words[b - 1][1]
        if any(s < end and start < t for s, t in spans) or _before_its_holder(words, b, starts):
            continue                                  # the title of a named mention, or inside a name
        if any(0 <= start - t <= 3 and text[t:start].strip() in ("", "،", ",") for t in ends):
            continue                                  # "شريف الجمال، وزير البترول": an apposition, his already
        holder = first_holder.get(role)
        if holder is None and _name_follows(text, end, starts):
            continue                                  # "وزير الشباب والرياضة عماد الكعبي": his cut title
        surface = text[start:end]
        canonical = role_name(role) if holder is None else holder.canonical or holder.name
        out.append(Entity(text=surface, start=start, end=end, type="PER", name=surface, title=surface,
                          canonical=canonical, source="coref", rule="title_ref"))
    return out + _bare_titles(text, ents, words, spans, starts)


def _bare_titles(text: str, ents: list[Entity], words: list[tuple], spans: list[tuple[int, int]],
                 starts: set[int]) -> list[Entity]:
    """"وقال الوزير", "وأكد المدرب": a title's head alone refers to the one man of the article whose title (or
    apposition) has that head ("المهندس شريف الجمال، وزير البترول" … "قال الوزير"); with two such men, or none,
    it names no one. A head followed by a definite word ("الرئيس التنفيذي", "الوزير المفوض") or by a name is a
    longer title, not a reference."""
    holders: dict[str, dict[str, Entity]] = {}
    for e in ents:
        if e.type == "PER" and e.rule != "title_ref":
            for head in _title_heads(text, e):
                holders.setdefault(head, {}).setdefault(_N(e.canonical or e.name), e)
    out = []
    for k, (start, end, _, norm) in enumerate(words):
        cut = 1 if norm[:1] in "وف" and norm[1:] in _BARE_HEADS else 0
        head = _BARE_HEADS.get(norm[cut:])
        who = holders.get(head, {}) if head else {}
        if len(who) != 1:
            continue
        start += cut
        nxt = words[k + 1][3] if k + 1 < len(words) else ""
        if nxt.startswith("ال") and not text[end:words[k + 1][0]].strip() or any(s < end and start < t
                                                                                   for s, t in spans):
            continue
        if _name_follows(text, end, starts):
            continue
        holder = next(iter(who.values()))
        surface = text[start:end]
        out.append(Entity(text=surface, start=start, end=end, type="PER", name=surface, title=surface,
                          canonical=holder.canonical or holder.name, source="coref", rule="title_ref"))
    return out


def _title_heads(text: str, e: Entity) -> set[str]:
    """The head words of a person's title and of his apposition ("وزير" of "وزير البترول والثروة المعدنية")."""
    heads = {w.removeprefix("ال") for w in normalize(e.title or "").split() if w.removeprefix("ال") in _HEADS}
    after = _APPOSITION.match(text, e.end)
    if after:
        first = normalize(after.group(1)).split()[:1]
        heads |= {w.removeprefix("ال") for w in first if w.removeprefix("ال") in _HEADS}
    return heads
