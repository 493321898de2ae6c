"""Where a statement ends because another starts: a reporting verb after a comma or a clause connector, a verb
joined by و that names its subject or takes its object at once, an attribution that names a source; and where it
does not (a time clause after قبل أن, the answer of a condition, a verb that is the content's own).

Split from attribution.py (2026-12-08), which calls `_stop_at` once per cue of a sentence; these rules read the
article (`_Doc`), the cue lexicon and the title words, and never choose a speaker.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..arabic.normalize import normalize_word
from .adverbial import _adverbial_source
from .cues import joined_by_and
from .objects import _present, entity_at, object_anchor
from .phrases import _HUMAN as _HUMAN_HEADS
from .speakers import _is_title_word
from .words import ORG_ANAPHORA

if TYPE_CHECKING:
    from .attribution import _Doc


# a new statement starts at a reporting verb after a comma ("…، وقال إن") or a clause connector ("فيما رأى
# مراقبون أن", "قبل أن يضيف:", "لكنه نبّه إلى أن"); a verb with an object pronoun refers back ("في بيان نقلته
# وكالة …") and starts nothing
_CONNECTOR = re.compile(r"(?:[،,؛]\s*|(?<!\w)(?:فيما|بينما|في حين|حين|غير أن(?:ه|ها|هم)?|لكن|لكنه|لكنها|لكنهم|"
                        r"إلا أن(?:ه|ها|هم)?|قبل أن|كما|ثم|"
                        r"ومن جهته|ومن جهتها|من جهته|من جهتها|بدوره|بدورها|إذ|حيث)\s+)$")
# content opening within three words of the verb ("قبل أن يعلن الوزير أن"): a statement of its own
_OPENS_SOON = re.compile(r"(?:\s+[^\s،,.:؛«»“”\"]+){0,3}?\s*"
                         r"(?::|[“«\"]|(?:إن|أن|بأن|ان)[\u064b-\u065f]*(?:ه|ها|هم)?(?!\w))")
# a condition or a time clause still open before a comma: what follows the comma answers it (not "في حين",
# "whereas", which opens a contrast)
_CONDITION = re.compile(r"(?<!\w)(?:لو|إذا|اذا|عندما|بعدما|حينما|لما|كلما|بعد أن|قبل أن|منذ أن)\s[^،,.؛]*$")
# a time clause's opening: a verb after it tells what happened, no statement of its own ("بعد أن علمت بوفاته")
_TIME_CLAUSE = re.compile(r"(?<!\w)(?:بعد|قبل|منذ) أن\s+$|(?<!\w)(?:عندما|بعدما|حينما|لما)\s+$")
# what right after a cue opens its content at once: a colon, a quotation mark, or إن/أن
_OPENS_NOW = re.compile(r"\s*(?::|[“«\"]|(?:إن|أن|بأن)[\u064b-\u065f]*(?:ه|ها|هم)?(?!\w))")
# what follows a verb with an object pronoun that says something of it ("ووصفها بأنها", "واعتبره بمثابة")
_DESCRIBES = re.compile(r"\s*(?:بأن|بأنه|بأنها|بأنهم|ب|أن|أنه|أنها|إن|إنه|إنها)[\u064b-\u065f]*(?:\s|«|\")")


def _object_now(doc: _Doc, cue, s_end: int) -> bool:
    """"… بالمملكة وأشاد بما قدمه الصندوق", "… وتوجهت إلى أعضاء الكونغرس": a verb joined by و whose object
    starts right after it is a new statement of the same speaker, though no comma comes before it."""
    if not joined_by_and(cue[5], cue[2]):
        return False                         # "وعدوا بمساهمات": the و of وعد, not "and"
    at = object_anchor(doc, cue, s_end)
    return at is not None and len(doc.body[cue[1]:at].split()) <= 1 and doc.word_index(at) <= doc.word_index(cue[1]) + 1


def _stop_at(doc: _Doc, pos: int, kind: str, item, s_start: int, s_end: int) -> int | None:
    """Where a statement before this cue or attribution must end, because a new one starts here; None when the
    cue belongs to the statement before it."""
    body = doc.body
    if kind == "adv":
        return pos if _adverbial_source(doc, item) else None   # "…، وفقا للوزارة": not "يأتي وفقا للإمكانات"
    prefixed = normalize_word(item[5])[:1] in "وف"
    if item[6]:
        if normalize_word(item[5])[:1] == "و" and _DESCRIBES.match(body, item[1]) and \
                re.search(r"[،,]\s*$", body[max(s_start, pos - 4):pos]):
            return pos                                  # "…، ووصفها بأنها امتداد": the same speaker, again
        return None
    m = _CONNECTOR.search(body, max(s_start, pos - 16), pos)
    if m and m.group(0).strip() == "قبل أن" and not _OPENS_SOON.match(body, item[1]):
        return None                                     # "…، قبل أن يعلن الأطباء وفاتها": what happened next
    if m and (m.group(0).strip(" \t،,؛") != "" or prefixed):
        return m.start()                                # "…، وقال إن" starts a statement
    if m and _names_its_subject(doc, item) and not _CONDITION.search(body, max(s_start, m.start() - 80), m.start()):
        return m.start()                                # "في حين قال سكان إن …، أشار المرصد إلى أن": another's
    #                                                     ("…، قال إنه" with no subject named is one's own verb;
    #                                                     "لو رفضت إسرائيل المقترح، أعلنت مصر": the answer)
    if prefixed and (_OPENS_NOW.match(body, item[1]) or _names_its_subject(doc, item) or _object_now(doc, item, s_end)):
        return pos             # "… الإنسانية وقال : تشرفت", "… الاحتمالات ووصف الخبير العسكري موقف": no comma
    return None


def _names_its_subject(doc: _Doc, cue) -> bool:
    """A past reporting verb with و whose subject follows it at once, a name or a titled or definite person or
    body ("ووصف الخبير العسكري", "وأكد وزير الخارجية"): a sentence of its own inside a run-on paragraph, not a
    verb of the content before it ("أن الوزارة ستعمل وتعلن")."""
    if _present(cue[5], cue[2]):
        return False
    k = doc.word_index(cue[1])
    if k >= len(doc.words) or not doc.joined(k):
        return False
    n = doc.norms[k]
    bare = n[2:] if n.startswith("ال") else n
    return entity_at(doc, doc.words[k][0]) is not None or _is_title_word(n) or \
        (n.startswith("ال") and (bare in ORG_ANAPHORA or n in _HUMAN_HEADS))
