"""Adverbial attributions: "بحسب"، "وفقا لـ"، "طبقا لـ"، "نقلا عن"، "على حد تعبيره". The source before the clause
("وبحسب الوزارة، …"), after it ("…، وفق ما أعلنت وزارة الخارجية الروسية") or in its speaker's own words ("«…»، على
حد تعبيره"); the source named by an entity, a back-reference, a source phrase, a title or the issuer of a statement.

Split from attribution.py, which finds these markers in each sentence beside the reporting verbs.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from ..arabic.normalize import normalize, normalize_word
from ..document import Entity, Quote
from .cues import _cue_at
from .words import COLLECTIVE_HEADS, ISSUED, ORG_ANAPHORA, PER_ANAPHORA, _MEDIUM_OR_DATA
from .content import OPEN_CLOSE, _content_after, _content_stop, _quote
from .phrases import source_phrase
from .objects import _RELATIVE, entity_at
from .speakers import _recent_person, _source_anaphor, _title_speaker, entity_gender

if TYPE_CHECKING:
    from .attribution import _Doc


ADVERBIAL = re.compile(r"(?<!\w)(?=[وفبحنعط])(?:و|ف)?(بحسب|حسب|(?:وفق|طبق)(?:ا|اً|ًا) لـ?|وفق|حسبما|نقلا عن|نقلاً عن|"
                       r"على حد)")
# "على حد تعبيره", "بحسب قولها": the statement before is the words of the one spoken of last
_OWN_WORDS = re.compile(r"\s*(?:تعبير|قول|وصف)(ه|ها|هم|هما)(?!\w)")
_ADV_GATE = re.compile("بحسب|حسب|وفق|طبق|نقلا|نقلاً|على حد")
_CLOSERS = {"”": "“", "»": "«", '"': '"', "″": "″"}


def _adverbials(body: str) -> list[tuple[int, int, str]]:
    """(start, end, marker) of every adverbial attribution ("بحسب", "وفقا لـ", "نقلا عن"): the full pattern is
    tried only where the cheap gate finds its key word."""
    out: list[tuple[int, int, str]] = []
    last_end = -1
    for g in _ADV_GATE.finditer(body):
        for p in range(max(0, g.start() - 2), g.start() + 1):
            m = ADVERBIAL.match(body, p)
            if m and m.start() >= last_end:
                out.append((m.start(), m.end(), m.group(1)))
                last_end = m.end()
                break
    return out


def _from_adverbial(doc: _Doc, adv, s_start, s_end, stops, last) -> Quote | None:
    body = doc.body
    a_start, a_end, marker = adv
    own = _OWN_WORDS.match(body, a_end)
    if own:
        return _own_words(doc, adv, own, s_start, last)
    if normalize(marker) == normalize("على حد"):
        return None
    comma = body.find("،", a_end, s_end)
    if comma == -1:
        comma = body.find(",", a_end, s_end)
    fa = _FA_INNA.search(body, a_end, min(s_end, a_end + 160))
    if fa is not None and (comma == -1 or fa.start() < comma):
        comma = fa.start()                   # "ووفقا للناطق … بدر السحيباني فإن الجاني …": فإن ends the source
    if _closes_a_clause(doc, adv, s_start) and (fa is None or comma < fa.start()):
        # "… من أسفله بحسب صحيفة دايلي ميل البريطانية، ولحسن الحظ": the words before it are the statement
        return _trailing_adverbial(doc, adv, s_start, comma if comma != -1 else s_end)
    if comma == -1 and fa is None:
        comma = _source_end(doc, a_end, s_end)  # "فبحسب منظمة الصحة العالمية توجد عوائق": no comma after it
    if comma == -1 or comma - a_end > 120 or (comma - a_end > 80 and fa is None):
        return _trailing_adverbial(doc, adv, s_start, s_end)
    k0 = doc.word_index(a_end)
    # "ووفقاً للناطق …": the marker ends inside the word whose entity it starts ("للناطق … بدر السحيباني")
    cands = doc.candidates(max(a_start, doc.words[k0][0]) if k0 < len(doc.words) else a_end, comma)
    speaker = _source_anaphor(doc, a_end, comma)
    if speaker is None:
        # the source opens the phrase ("بحسب مصادر"، "وفقا لوزارة"، "بحسب بيان لوزارة"، "حسبما أعلنت الوزارة"),
        # not deep in it ("وفقاً لشروط ومعايير تحددها اللجنة": no one is quoted)
        k = doc.word_index(a_end)
        while k < len(doc.words) and (doc.norms[k] == "ما" or _cue_at(doc.words[k][2]) or
                                      doc.norms[k].lstrip("ل") in _MEDIUM_OR_DATA or doc.norms[k] in _MEDIUM_OR_DATA or
                                      _issued_by(doc, k)):
            k += 1
            if k + 1 < len(doc.words) and doc.norms[k] in _RELATIVE:
                k += 2              # "بحسب المعطيات التي نشرتها الجامعة": the one who published them
        reach = k + 1
        if k < len(doc.words) and (doc.norms[k] in PER_ANAPHORA or doc.norms[k][2:] in PER_ANAPHORA):
            reach = k + 8           # "بحسب ما أعلنه وزير الاقتصاد الرقمي والريادة الأردني فراس العدوان"
        for c in cands:
            if c.kind == "medium" or doc.word_index(c.start) < k and _issued_by(doc, doc.word_index(c.start)):
                continue                     # "تقرير صحفي صادر عن": "صحفي" describes the report
            if doc.word_index(c.start) > reach:
                break
            speaker = doc.resolve(c, a_start)
            if speaker is not None:
                break
    if speaker is None:
        speaker = _known_name(doc, doc.word_index(a_end), comma)
    if speaker is None:
        k = _past_verb(doc, doc.word_index(a_end))
        if _issued_back(doc, k) and last.get("speaker"):
            # "وبحسب البيان، فإن": the statement of the one who spoke last, its issuer
            speaker = (last["speaker"], doc.entity(last.get("entity")), doc.words[k][2])
        else:
            speaker = source_phrase(doc, k, comma)
    if speaker is None:
        return None          # "وفق نسب متفق عليها", "وفق الحسابات الفلكية": no one is quoted
    if body[a_end - 1] == "ل" and speaker[0].startswith("ل") and not speaker[0].startswith("لل") and \
            body.startswith(speaker[0].split()[0], a_end - 1):
        speaker = (speaker[0][1:], None, speaker[2])   # "ووفقاً لمرسومين رئاسيين": the marker's ل is not theirs
    rest = comma + 1
    m = re.match(r"\s*(?:ف|و)?(?:إن|أن|ان|قد)(?:ه|ها)?\s", body[rest:s_end])
    if m:
        rest += m.end()
    content = _content_after(doc, rest, s_end, _content_stop(rest, s_end, stops))
    if content is None:
        return None
    first_words = body[content[0]:content[1]].split()[:2]
    if any(_cue_at(w) for w in first_words):
        return None       # the sentence has its own reporting verb; that one attributes it
    doc.why = "source of an attribution before the clause (بحسب …،)"
    return _quote(doc, (speaker[0], speaker[1], body[a_end:comma].strip()), normalize(marker).strip(), content)


def _closes_a_clause(doc: _Doc, adv, s_start: int) -> bool:
    """An attribution in the middle of a sentence, after four words or more with no comma before it and no و:
    it closes the clause before it ("… من أسفله بحسب صحيفة دايلي ميل، ولحسن الحظ …")."""
    a_start, _, marker = adv
    before = doc.body[s_start:a_start]
    if marker[:1] in "وف" or doc.body[a_start:a_start + 1] in "وف" or not before.strip():
        return False
    tail = before.rstrip()
    return len(before.split()) >= 4 and tail[-1:] not in "،,:؛(«\"“-–"


def _source_end(doc: _Doc, a_end: int, s_end: int) -> int:
    """Where a source named right after an opening attribution ends, when no comma follows it ("فبحسب منظمة
    الصحة العالمية توجد عوائق"): the end of the entity there, with a clause of four words or more after it; -1
    otherwise."""
    k = doc.word_index(a_end)
    if k + 1 < len(doc.words) and doc.norms[k].lstrip("ل") in _MEDIUM_OR_DATA and doc.joined(k + 1):
        k += 1                               # "ووفقا لإحصاءات رويترز قتل 29 جنديا": whose figures
        a_end = doc.words[k][0]
    ent = entity_at(doc, doc.words[k][0]) if k < len(doc.words) else None
    if ent is None or ent.type not in ("ORG", "PER") or ent.start > a_end + 2:
        return -1
    return ent.end if len(doc.body[ent.end:s_end].split()) >= 4 else -1


def _issued_back(doc: _Doc, k: int) -> bool:
    """"وبحسب البيان": the statement or report named before, whose issuer other rules find, not a source named
    by the phrase itself."""
    if k >= len(doc.words):
        return False
    n = doc.norms[k]
    n = "ال" + n[2:] if n.startswith("لل") else n
    return n.startswith("ال") and n in ISSUED


def _past_verb(doc: _Doc, k: int) -> int:
    """Word k, or the word after "ما" and a reporting verb there ("بحسب ما ذكرت الصحيفة")."""
    if k < len(doc.words) and doc.norms[k] == "ما":
        k += 1
    if k < len(doc.words) and _cue_at(doc.words[k][2]):
        k += 1
    return k


def _before_marker(doc: _Doc, s_start: int, a_start: int) -> tuple[int, int, str] | None:
    """The statement an attribution at `a_start` closes: the quotation right before it («…»، على حد تعبيره), else
    the sentence up to it."""
    body = doc.body
    end = a_start
    while end > s_start and body[end - 1] in " \t،,؛":
        end -= 1
    that = re.search(r"[،,]?\s*(?:و|ف)?(?:ذلك|هذا)$", body[max(s_start, end - 8):end])
    if that:                                 # "…، وذلك بحسب ما كشفت وسائل الإعلام": "وذلك" points back
        end -= len(that.group(0))
    if end > s_start and body[end - 1] in _CLOSERS:
        opener = _CLOSERS[body[end - 1]]
        o = body.rfind(opener, s_start, end - 1)
        if o != -1 and end - 1 - o > 1:
            return o + 1, end - 1, "direct"
    start = s_start
    while start < end and not body[start].isalnum():
        start += 1
    if len(body[start:end].split()) < 4:
        return None
    if end > start and body[start] in OPEN_CLOSE and body[end - 1] == OPEN_CLOSE[body[start]]:
        return start + 1, end - 1, "direct"
    return start, end, "indirect"


def _own_words(doc: _Doc, adv, own: re.Match, s_start: int, last) -> Quote | None:
    """"«لا تراجع عن القرار»، على حد تعبيره": the words of the one the pronoun points at, the last speaker or
    the person named last."""
    a_start, _, marker = adv
    content = _before_marker(doc, s_start, a_start)
    if content is None:
        return None
    gender = {"ه": "M", "ها": "F"}.get(own.group(1))
    speaker = None
    if last.get("speaker") and last.get("pos", -1) > a_start - 1200:
        ent = doc.entity(last.get("entity"))
        person = ent is not None and ent.type == "PER" and last.get("gender") in (None, gender)
        if person or (gender is not None and last.get("gender") == gender):
            speaker = (last["speaker"], None, marker + own.group(0))   # "قوله" is a man's, not a ministry's
    if speaker is None:
        person = _recent_person(doc, a_start, -1)
        if person is None or entity_gender(person[1]) not in (None, gender):
            return None
        speaker = (person[0], person[1], marker + own.group(0))
    doc.why = "the one the pronoun points at (على حد تعبيره)"
    q = _quote(doc, speaker, marker, content)
    if q.speaker_entity_id is None and last.get("speaker") == speaker[0]:
        q.speaker_entity_id = last.get("entity")
    return q


def _adverbial_source(doc: _Doc, adv) -> bool:
    """Whether an adverbial ("بحسب", "وفقا لـ") names a source right after it (past "ما" and a reporting verb,
    a medium or data: "حسب ما ذكرت الصحيفة", "وفقا لبيانات الوزارة"), as an attribution does."""
    k = doc.word_index(adv[1])
    while k < len(doc.words) and (doc.norms[k] == "ما" or _cue_at(doc.words[k][2]) or
                                  doc.norms[k].lstrip("ل") in _MEDIUM_OR_DATA or doc.norms[k] in _MEDIUM_OR_DATA):
        k += 1
    if k >= len(doc.words):
        return False
    w = doc.words[k]
    n = doc.norms[k]
    bare = n[1:] if n[:1] in "لب" else n
    return entity_at(doc, w[0]) is not None or entity_at(doc, w[1] - 1) is not None or \
        bare in COLLECTIVE_HEADS or (bare.startswith("ال") and (bare[2:] in ORG_ANAPHORA or bare[2:] in PER_ANAPHORA
                                                               or bare[2:] in COLLECTIVE_HEADS)) \
        or n.startswith("لل") and (n[2:] in ORG_ANAPHORA or n[2:] in PER_ANAPHORA) or \
        _known_name(doc, k, doc.words[min(k + 1, len(doc.words) - 1)][1]) is not None


def _issued_by(doc: _Doc, k: int) -> bool:
    """Word k describes the medium before it, up to its issuer: "وفق تقرير صحفي صادر عن صندوق النقد" (a nisba,
    صادر and its preposition), so the source looked for is the fund, not "صحفي" (a journalist)."""
    if k == 0 or not doc.joined(k):
        return False
    n, prev = doc.norms[k], doc.norms[k - 1].lstrip("ل")
    if n in ("صادر", "صادره", "الصادر", "الصادره", "عن", "من") and (prev in _MEDIUM_OR_DATA or _issued_by(doc, k - 1)):
        return True
    return prev in _MEDIUM_OR_DATA and n.endswith(("ي", "يه")) and len(n) > 3


def _known_name(doc: _Doc, k: int, limit: int) -> tuple[str, Entity, str] | None:
    """"ووفقا لكاهيل فإنه", "ووفقا للناطق … الرائد بدر السحيباني فإن": a person the article names elsewhere,
    though the recognizer missed this mention: the family name (without its preposition) of one named before."""
    if doc._surnames is None:                  # family name → its people, in text order (built once)
        doc._surnames = {}
        for e in doc.people:
            if e.type == "PER" and e.name:
                doc._surnames.setdefault(normalize_word(e.name.split()[-1]), []).append(e)
    before = doc.words[k][0] if k < len(doc.words) else len(doc.body)
    for j in range(k, min(len(doc.words), k + 10)):
        if doc.words[j][0] >= limit:
            break
        n = doc.norms[j]
        for key in (n, n[1:] if n[:1] in "لب" else None, "ال" + n[2:] if n.startswith("لل") else None):
            named = doc._surnames.get(key) if key else None
            if named:
                i = bisect.bisect_left(named, before, key=lambda e: e.start)
                if i:
                    e = named[i - 1]
                    return e.canonical or e.name, e, doc.words[j][2]
    return None


_QUOTED_NAME_IN = re.compile(r"[«\"“][^»\"”،,.]{1,40}[»\"”]")
_FA_INNA = re.compile(r"\s(?=ف(?:[إا]ن(?:ه|ها|هم)?|قد)\s)")


def _trailing_adverbial(doc: _Doc, adv, s_start: int, s_end: int) -> Quote | None:
    """"غادر حفتر موسكو دون توقيع الاتفاق، وفق ما أعلنت وزارة الخارجية الروسية": the attribution closes the
    sentence and the statement is what comes before it."""
    body = doc.body
    a_start, a_end, marker = adv
    tail = _QUOTED_NAME_IN.sub(" name ", body[a_end:s_end])      # "حسب موقع "سكاي نيوز عربية"": a name
    k = doc.word_index(a_end)
    said = k + 1 < len(doc.words) and doc.norms[k] == "ما" and _cue_at(doc.words[k + 1][2]) is not None
    if re.search(r"[،,:«“\"]", tail) or len(tail.split()) > (20 if said else 12):
        return None                          # "بحسب ما أشار ابنها … في بيان نشر على الموقع الرسمي …": longer
    k = _past_verb(doc, k)
    if k >= len(doc.words) or doc.words[k][0] >= s_end:
        return None
    cands = [c for c in doc.candidates(doc.words[k][0], s_end) if c.kind != "medium" and not c.addressed]
    speaker = _source_anaphor(doc, doc.words[k][0], s_end)
    for c in cands:
        if speaker is not None:
            break
        speaker = doc.resolve(c, a_start)
        if speaker is not None and c.kind == "anaphor" and speaker[1] is None:
            speaker = None      # "وتم العمل وفق البرنامج الإلكتروني": a back-reference to nothing is no source
    if speaker is None:
        speaker = _title_speaker(doc, k, s_end)
    if speaker is None:
        speaker = source_phrase(doc, k, s_end)     # "…، وفقا لمجلس الشحن العالمي.": a body the recognizer missed
        if speaker is not None:
            doc.why = "source phrase of an attribution after the clause (… وفقا لمجلس)"
            content = _before_marker(doc, s_start, a_start)
            return _quote(doc, speaker, normalize(marker).strip(), content) if content else None
    if speaker is None or (speaker[1] is None and not cands and len(speaker[0].split()) < 2):
        return None
    content = _before_marker(doc, s_start, a_start)
    if content is None:
        return None
    doc.why = "source of an attribution after the clause (… بحسب)"
    return _quote(doc, speaker, normalize(marker).strip(), content)
