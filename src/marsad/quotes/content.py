"""Where a statement's words start and end, and the quote they make: the content after a cue (a quotation, or
the clause after إن/أن/":" up to the sentence's next statement or a participle that opens one), and the `Quote`
with the rule that chose its speaker (`why`).

Split from attribution.py, which finds the cues and the speakers; these helpers read only the article (`_Doc`)
and its words, never a speaker rule.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from typing import TYPE_CHECKING

from ..arabic.normalize import normalize_word
from ..document import Quote
from ..entities.roles import parse_role_name
from .cues import PARTICIPLES, _cue_at, _norm_set, joined_by_and
from .words import _CLOSING, COLLECTIVE_HEADS, COPULAS

if TYPE_CHECKING:
    from .attribution import _Doc

# "انه": the hamza left out; "إننا", "إنني": the speaker's own "we" and "I"
COMPLEMENT = re.compile(r"(?<!\w)(?:ب?أن|إن|ان|بأنه|بأنها|بأنهم|أنه|أنها|إنه|إنها|أنهم|إنهم|أن|فإن|"
                        r"ب?ان(?:ه|ها|هم)|فان|ب?[أإا]ن(?:نا|ني|ي))[\u064b-\u065f\u0670]*(?!\w)|:")
# "بعد أن", "دون أن", "قبل أن": the complementizer of a time or manner clause, not of a statement
_BLOCKS_COMPLEMENT = _norm_set("بعد قبل دون منذ حتى كي لكي بمجرد ريثما لحين")
OPEN_CLOSE = {"“": "”", "«": "»", '"': '"', "″": "″", "„": "“"}
_OPEN_RE = re.compile("[" + re.escape("".join(OPEN_CLOSE)) + "]")


def _anchor(doc: _Doc, c_end: int, s_end: int) -> tuple[int, str] | None:
    """Where the content starts after a cue: a complementizer (not the "أن" of "بعد أن"), a colon or a quotation
    mark, whichever comes first within the window; with which kind."""
    body = doc.body
    window_end = min(s_end, c_end + 220)
    comp = None
    for m in COMPLEMENT.finditer(body, c_end, window_end):
        prev = body[max(c_end, m.start() - 12):m.start()].split()
        if m.group(0) != ":" and prev and normalize_word(prev[-1]) in _BLOCKS_COMPLEMENT:
            continue
        comp = m
        break
    m_open = _OPEN_RE.search(body, c_end, window_end)
    quote_open = m_open.start() if m_open else None
    if quote_open is not None:
        close = doc.next_char(OPEN_CLOSE[body[quote_open]], quote_open + 1)
        short = _at_most_words(body, quote_open + 1, close if close != -1 else s_end, 4)
        lead = body[c_end:quote_open]
        if comp is not None and quote_open < comp.start() and short:
            quote_open = None   # “خبر ترك”, “أوج”: a quoted name before إن/أن, not the statement
        elif comp is None and ((len(lead.split()) > 10 and (short or re.search(r"[،,.؛]", lead))) or
                               (short and not lead.rstrip().endswith(":"))):
            quote_open = None   # «ضاد» far after the cue, or a quoted name: no statement opens here
    if comp is None and quote_open is None:
        return None
    if quote_open is not None and (comp is None or quote_open < comp.start()):
        return quote_open, "quote"
    return comp.end(), "complement"


def _content_after(doc: _Doc, pos: int, s_end: int, stop: int) -> tuple[int, int, str] | None:
    """Content of a statement starting at `pos`: a quotation if one opens here, else the clause."""
    body = doc.body
    i = pos
    while i < s_end and body[i] in " \t،,:":
        i += 1
    if i < s_end and body[i] in OPEN_CLOSE:
        close = OPEN_CLOSE[body[i]]
        j = doc.next_char(close, i + 1)
        if j == -1:
            j = s_end
        after = body[j + 1:j + 3].strip()
        if not (_at_most_words(body, i + 1, j, 6) and j + 1 < s_end and after and after[0] not in ".،,؛:!؟…") \
                or _cue_follows(body, j + 1, s_end):
            return i + 1, j, "direct"
        # "لفت إلى أن “بعثة الأمم المتحدة للدعم في ليبيا” (تضم …) “تقوم …”": a quoted name opens the clause
    end = min(stop, s_end)
    while i < end and unicodedata.category(body[i]) == "Mn":
        i += 1                                   # diacritics of the complementizer ("إنَّ") are not content
    # a following participial cue ("، مضيفا أن") starts another statement
    cut = _next_participle(doc, i, end)
    if cut is not None:
        end = cut
    while end > i and body[end - 1] in " \t.،,;؛":
        end -= 1
    if end - i < 8:
        return None
    return i, end, "indirect"


def _cue_follows(body: str, k: int, s_end: int) -> bool:
    """A participle or a reporting verb after و right after a quotation's closing mark ("“كل هذا قد يكون موقتا”
    موضحا أن", "“…” وأضاف"): the quotation was a statement of its own, however short, not a name that opens the
    clause (as in "إن «إعلان القاهرة» كشف عن": the name is the subject of the verb after it)."""
    m = _NEXT_WORD.match(body, k, s_end)
    cue = _cue_at(m.group(1)) if m is not None else None
    # و that is a conjunction, not the verb's first letter ("“حزب الله” وجه رسالة", "وعد", "وصف")
    return cue is not None and (cue[2] or joined_by_and(m.group(1), cue[0]))


_NEXT_WORD = re.compile(r"\s*(\w+)")


def _next_participle(doc: _Doc, i: int, end: int) -> int | None:
    """Where the next statement opens inside [i, end): a participle after a comma ("، مضيفا أن", "، ومؤكدا"), or
    a courtesy that closes a statement after a mere space ("… لهذا العام متمنياً للجميع التوفيق"); a word
    lookup each, not a pattern of every participle tried at every space."""
    if doc._cuts is None:                      # every such place of the article, found once
        doc._cuts = []
        words, norms = doc.words, doc.norms
        for k in doc.cue_words:                 # every participle is a cue form: no need to read every word
            if k == 0:
                continue
            n = norms[k]
            participle = n in PARTICIPLES or (n[:1] == "و" and n[1:] in PARTICIPLES)
            if not participle and n not in _CLOSING:
                continue
            gap = doc.body[words[k - 1][1]:words[k][0]]
            comma = max(gap.rfind("،"), gap.rfind(","), gap.rfind("؛"))
            if participle and comma >= 0 and not gap[comma + 1:].strip():
                doc._cuts.append((words[k][0], words[k - 1][1] + comma))
            elif participle and not gap.strip() and n not in _AGAIN and (
                    _PARTICIPLE_OPENS.match(doc.body, words[k][1]) or
                    (n.endswith("ا") and n[:1] != "و" and norms[k - 1] not in COPULAS)):
                # "… فرديا مؤكدا أن البلدية", "… في المملكة معتبرا بيع التمثال": no comma; a masculine
                # participle in the accusative is the circumstance of the one who speaks, not an adjective (but
                # "ومعبرا" may be a noun, "a crossing")
                doc._cuts.append((words[k][0], words[k - 1][1]))
            elif n in _CLOSING and not gap.strip():
                doc._cuts.append((words[k][0], words[k - 1][1]))
    j = bisect.bisect_right(doc._cuts, (i, len(doc.body) + 1))
    if j < len(doc._cuts) and doc._cuts[j][0] < end:
        return doc._cuts[j][1]
    return None


# a participle that opens a statement with no comma before it: followed by its complementizer ("مؤكدا أن",
# "لافتا إلى أن", "محذرة من أنه"); not "مجددا", which is "again" ("أكد مجددا أن")
_PARTICIPLE_OPENS = re.compile(r"[\u064b-\u065f]*\s+(?:(?:إلى|الى|على|من)\s+)?(?:ب?أن|إن|ان)[\u064b-\u065f]*"
                               r"(?:ه|ها|هم)?(?!\w)")
_AGAIN = _norm_set("مجددا مجددة ومجددا")
_WORD_RUN = re.compile(r"\S+")


def _at_most_words(text: str, start: int, end: int, n: int) -> bool:
    """`len(text[start:end].split()) <= n` (`\\S` is what str.split does not split on), reading no further than
    the word after the n-th: a quotation whose closing mark is far away or missing is not copied whole for
    every cue that looks at it."""
    for count, _ in enumerate(_WORD_RUN.finditer(text, start, end), 1):
        if count > n:
            return False
    return True


def _content_stop(anchor: int, s_end: int, stops: list[int]) -> int:
    """Where a reported clause may end at the latest: where the sentence's next statement starts, else its end.
    A reporting verb inside the clause without a connector ("وأضاف أن المؤسسة أبلغت المشترين بأن …") is speech
    within the statement, not a new one."""
    return min((p for p in stops if p > anchor), default=s_end)


def _past_topic(doc: _Doc, anchor: int, s_end: int) -> int:
    """A content that opens with what the statement is about ("وأوضح المتحدث حول موضوع وقوف السيارات، أن …",
    "وأضاف بشأن الحادث أن …") starts after the complementizer that follows; `anchor` when none does."""
    k = doc.word_index(anchor)
    if k >= len(doc.words) or doc.words[k][0] > anchor + 1 or doc.norms[k] not in TOPIC:
        return anchor
    found = _anchor(doc, doc.words[k][1], s_end)
    return found[0] if found is not None and found[1] == "complement" else anchor


def _finish(doc: _Doc, speaker, lemma, anchor, s_end, stops, last_entity=None) -> Quote | None:
    anchor = _past_topic(doc, anchor, s_end)
    content = _content_after(doc, anchor, s_end, _content_stop(anchor, s_end, stops))
    if content is None:
        return None
    q = _quote(doc, speaker, lemma, content)
    if q.speaker_entity_id is None and last_entity:
        q.speaker_entity_id = last_entity
    return q


def _quote(doc: _Doc, speaker: tuple, cue: str, content: tuple[int, int, str], via: str | None = None) -> Quote:
    name, ent, speaker_text = speaker
    start, end, kind = content
    if ent is not None and name and parse_role_name(name) is not None:
        name = ent.name                     # a role its article left open: as written, until linking resolves it
    if name and name.startswith("لل") and len(name.split()[0]) > 4:
        name = "ا" + name[1:]               # "للمحكمة العليا" (a span that kept its ل): the court itself
    if ent is None and name:
        name = _trimmed_source(name)
        head = normalize_word(name.split()[0])
        head = head[2:] if head.startswith("ال") else head
        if head in COLLECTIVE_HEADS or "ال" + head in COLLECTIVE_HEADS:
            doc.source_quoted(head, name)
    why, doc.why = doc.why, None
    return Quote(speaker=name, speaker_entity_id=ent.entity_id if ent else None, speaker_text=speaker_text,
                 cue=cue, kind=kind, content=doc.body[start:end], start=start, end=end, via=via, why=why)


# a source phrase never ends in a preposition written as a word, nor in one letter (a title's initial, "د")
_DANGLING = _norm_set("إلى الى على في من عن مع عبر حين لدى")
_GOD = _norm_set("الله المولى")
# what a statement is about, between its speaker and its content: "وأكد الوزير بشأن الحادث أن", "حول موضوع …، أن"
TOPIC = _norm_set("حول بشأن بخصوص حيال إزاء")
_PRAISED = _norm_set("عز تعالى سبحانه العلي جل تبارك")      # God asked is praised: "الله عز وجل", "العلي القدير"


def _trimmed_source(name: str) -> str:
    """An unnamed source's phrase without what its span ran into: the statement's topic ("مدير الشرطة حول الحادث",
    "الوزير بشأن الحادث"), God asked and praised ("وسأل قائد المنطقة الجنوبية الله عز وجل أن": the commander), and a
    preposition or an initial left at its end ("دراسة طبية من", "مكتب محافظ اقليم ماردين في", "عميد القبول والتسجيل
    د"); the phrase as it was when nothing else would be left."""
    words = name.split()
    about = next((i for i, w in enumerate(words) if i and normalize_word(w) in TOPIC), None)
    if about is not None:
        words = words[:about]                # "الوزير بشأن الحادث": the minister
    god = next((i for i, w in enumerate(words[:-1]) if i and normalize_word(w) in _GOD and
                normalize_word(words[i + 1]) in _PRAISED), None)       # not "رام الله", "صلى الله عليه وسلم"
    if god is not None:
        words = words[:god]
    while len(words) > 1 and (normalize_word(words[-1]) in _DANGLING or len(words[-1]) == 1):
        words.pop()
    return " ".join(words) if len(words) < len(name.split()) else name


def _why(doc: _Doc, rule: str, speaker):
    """`speaker`, noting on the article which rule found it (a quote's `why`, so a wrong speaker can be traced)."""
    if speaker is not None:
        doc.why = rule
    return speaker
