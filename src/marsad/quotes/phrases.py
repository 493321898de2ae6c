"""Subjects that name no entity the recognizer knows: the noun phrase the reporting verb's grammar makes its
subject, kept as the article words it ("أجهزة الأمن الإيرانية", "الوفد الوزاري", "مدراء تعليم الحد الجنوبي").

Without these, a verb whose subject is an unnamed body or group fell through to proximity rules and was given to
the person named last or to the previous speaker, the commonest wrong speaker on real news (issue 25). Both rules
need the phrase bounded on both sides by the grammar: after the verb and before its complementizer ("وذكرت … أن"),
or after a complementizer and before the verb ("يذكر أن … أعلنت"), so an object or a topic is not taken for it.
"""

from __future__ import annotations

import re

from ..arabic.normalize import normalize_word
from .cues import _cue_at, _norm_set
from .words import _DATA_NOUNS, _MASC_ORG_HEADS, COLLECTIVE_HEADS, ISSUED, ORG_ANAPHORA, PER_ANAPHORA

# words that end a subject phrase after the verb: prepositions, adverbs, relative pronouns, particles, pronouns
_ENDS = _norm_set("""في من عن على إلى الى مع خلال عبر لدى أمام حول بشأن ضد بين نحو منذ عقب بعد قبل أمس امس اليوم
الليلة الآن أيضا ايضا كذلك بدوره بدورها قد لقد مجددا مؤخرا صباح مساء ظهر يوم الذي التي الذين اللذين اللتين أن
إن بأن وأن أنه أنها إنه إنها هو هي هم ذلك هذا هذه كما حيث إذ فيما بينما لكن قائلا قائلة مضيفا مضيفة بقوله بقولها
بقولهم بالقول النقاب الستار نفسه نفسها به بها بهم له لها لهم منه منها منهم عنه عنها عنهم فيه فيها فيهم عليه عليها
عليهم إليه إليها إليهم ما من مما عما ممن كل جميع بأنه بأنها بأنهم أنهم إنهم""")
# heads of a description of a person, besides titles and nisbas ("وأكد المتهم الأول", "وأضاف المسؤول")
_HUMAN = _norm_set("""المسؤول المسئول المتهم الضحية الطبيب المهندس الكاتب الباحث الشاهد الرجل المرأة السيدة الشاب
الفتى الطفل الفنان الممثل المخرج المطرب النجم المواطن المقيم الأب الأم الوالد الوالدة الابن الشيخ""")
# indefinite news nouns that are a subject alone ("كشفت أنباء أن", "وأفادت معلومات بأن")
_NEWS = _norm_set("أنباء أخبار معلومات تقارير تسريبات روايات شهادات")
# what may stand between the phrase and the complementizer: where or when it was said, to whom
_BETWEEN_OK = _norm_set("""في بيان البيان بيانه بيانها بيانهم الأول تصريح تصريحات تصريحه تصريحها حديث حديثه
حديثها مقابلة كلمة كلمته كلمتها رسالة مؤتمر صحفي صحافي اليوم أمس امس الليلة صباح مساء ظهر يوم الأحد الإثنين
الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت أول الماضي الجاري له لها لهم صادر صادرة مكتوب في عبر خلال مجددا
أيضا ايضا""")
# words before the verb that make the phrase between them its subject ("يذكر أن … أعلنت", "فإن … يقولون")
_COMPS = _norm_set("أن إن بأن بأنه بأنها بأنهم أنه أنها أنهم إنه إنها إنهم على إلى الى عن")
_RELATIVES = _norm_set("الذي التي الذين")
_OPENERS = _norm_set("أن إن فإن وأن بأن لأن لكن ولكن")
_TIME_FIRST = _norm_set("""اليوم الأمس الليلة الآن الأسبوع الشهر العام السنة الصباح المساء الإثنين الاثنين الأربعاء
الخميس الجمعة السبت الأحد الثلاثاء""")


def _noun_start(doc, k: int) -> bool:
    """Whether word k can open a subject phrase: a definite noun ("الوفد") or the head of a construct whose next
    word is definite ("أجهزة الأمن", "والد الشهيد", "مكتبة الإسكندرية"); no particle, pronoun, time or verb."""
    n = doc.norms[k]
    if n in _ENDS or n in _TIME_FIRST or _cue_at(doc.words[k][2]) is not None or not n.isalpha():
        return False
    if n[:1] in "بلك" and n[1:3] == "ال" or n[:2] in ("لل", "بال"):
        return False                                  # "للقوات", "بالقول": a preposition's noun
    if n.startswith("ال"):
        return len(n) >= 5
    if n in _NEWS or n in ORG_ANAPHORA or n in _MASC_ORG_HEADS:
        return True                                   # "قال نادي هيرتا برلين إن": a body the recognizer missed
    if n[:1] in "يت" and len(n) > 4:
        return False                                  # a present verb ("يتابع الوزير")
    if len(n) >= 5 and n.endswith("ون"):
        return True                                   # "وقال مقاتلون محليون، إنهم": a plural in the nominative
    if k + 1 < len(doc.words) and doc.joined(k + 1) and doc.norms[k + 1].endswith(("ي", "يه")) and \
            len(doc.norms[k + 1]) > 3 and doc.norms[k + 1] not in _ENDS:
        return True                                   # "مسح رسمي", "مصدر أمني": a noun and its nisba
    for j in (k + 1, k + 2):                          # "مدراء تعليم الحد الجنوبي": a construct of two heads
        if j >= len(doc.words) or not doc.joined(j) or doc.norms[j] in _ENDS or doc.norms[j] in _TIME_FIRST or \
                _cue_at(doc.words[j][2]) is not None or not doc.norms[j].isalpha():
            return False
        if doc.norms[j].startswith("ال"):
            return True
    return False


def phrase_after(doc, k: int, anchor: int, to_object: bool, after_person: bool, max_words: int = 5
                 ) -> tuple[str, None, str] | None:
    """"وذكرت أجهزة الأمن الإيرانية أن", "أعلن الوفد الوزاري الذي اتجه إلى اليمن أن", "فيما نوه مدراء تعليم الحد
    الجنوبي على أن", "وقالت مكتبة الإسكندرية في بيان اليوم إن": the noun phrase right after the verb, up to a
    preposition, an adverb, a relative pronoun or punctuation, is its subject when only where, when or to whom it
    was said lies between it and the content at `anchor` (or a relative clause: "الذي اتجه إلى اليمن").
    `to_object`: the content is the verb's object ("وجّه نادي الباحة الأدبي الثقافي الدعوة"), so a phrase of one
    word may be the object's own head ("تؤكد ثقل الدور"); `after_person`: a person spoke last, and a definite
    singular phrase is most often a description of that person ("وأضاف الدبلوماسي السويدي أن", "وتابع المفتي")."""
    words, norms = doc.words, doc.norms
    if k >= len(words) or words[k][1] > anchor or not _noun_start(doc, k):
        return None
    end = k
    while end + 1 < len(words) and end - k < max_words - 1 and words[end + 1][1] <= anchor and \
            doc.joined(end + 1) and _continues(norms[end + 1], words[end + 1][2]):
        end += 1
    between = [j for j in range(end + 1, len(words)) if words[j][1] <= anchor]
    if between and norms[between[0]] in _RELATIVES:
        between = []                                  # "الوفد الوزاري الذي اتجه إلى اليمن أن": its clause
        tail = doc.body[words[end][1]:anchor]
        if len(tail.split()) > 8 or any(ch in tail for ch in "،,.:؛«»\"“”"):
            return None
    if len(between) > 8 or any(norms[j] not in _BETWEEN_OK and norms[j] not in _COMPS and
                               not (norms[j][:1] == "ل" and doc.joined(j)) for j in between):
        return None                                    # an object or a clause between: not bounded
    if sum(doc.body[words[end][1]:anchor].count(ch) for ch in "،,") > 1:
        return None
    if to_object and (end == k and not between and not _plural_subject(norms[k]) or
                      any(norms[j] not in _COMPS for j in between)):
        return None                                    # only the object's preposition: "وتطرق الاجتماع إلى"
    n = norms[k]
    if after_person and _describes_person(n):
        return None
    phrase = doc.body[words[k][0]:words[end][1]]
    return phrase, None, phrase


_POINTING = _norm_set("هذه هذا هؤلاء")


def unlike_subject(doc, k: int, anchor: int, max_words: int = 4) -> tuple[str, None, str] | None:
    """"وقالت المراكز الأمريكية لمكافحة الأمراض إن", "وأعلنت هذه الوحدات أن" after a man spoke (a verb whose
    gender the last speaker does not have does not carry him on), "اقترحت الأحزاب الأخرى المشاركة في الحكومة صيغا"
    (no one else in the clause): the noun phrase right after the verb is its subject, up to a preposition, a time,
    punctuation or a verb, however its content is reached."""
    words, norms = doc.words, doc.norms
    if k >= len(words) or words[k][1] > anchor:
        return None
    start = k
    if norms[k] in _POINTING and k + 1 < len(words) and doc.joined(k + 1) and norms[k + 1].startswith("ال"):
        k += 1                                        # "وأعلنت هذه الوحدات أن"
    if words[k][1] > anchor or not _noun_start(doc, k):
        return None
    end = k
    definite = norms[k].startswith("ال")
    while end + 1 < len(words) and end - k < max_words - 1 and words[end + 1][1] <= anchor and \
            doc.joined(end + 1) and _continues(norms[end + 1], words[end + 1][2]) and \
            norms[end + 1] not in _TIME_FIRST and norms[end + 1].isalpha() and \
            (not definite or norms[end + 1].startswith("ال")):
        end += 1                                      # "البنك تحقيق": an indefinite word ends a definite phrase
    if end == k == start and _describes_person(norms[k]):
        return None                                   # "وأبدى الشاب اعتذاره": the man named before
    phrase = doc.body[words[start][0]:words[end][1]]
    return phrase, None, phrase


def _plural_subject(n: str) -> bool:
    """A definite dual or plural of people or bodies ("الناديان", "المسؤولون", "الطرفان"): the verb's subject, not
    the head of its object ("أعلن الناديان رفضهما")."""
    return n.startswith("ال") and len(n) > 5 and n.endswith(("ان", "ون"))


def _describes_person(n: str) -> bool:
    """Whether a definite singular head describes a person ("الدبلوماسي", "المفتي", "الدبلوماسية", "المسؤول",
    "المتهم"): a nisba, a title or a human role, not a body, a meeting or a text ("الوفد", "الاجتماع", "المادة")."""
    if not n.startswith("ال") or n.endswith(("ات", "ون", "ين")):
        return False
    return n.endswith(("ي", "يه")) or n[2:] in PER_ANAPHORA or n in _HUMAN


def _continues(n: str, word: str) -> bool:
    """Whether a word carries a subject phrase on: not a preposition's noun ("للقوات"), a coordinated word, a
    stop or a reporting verb."""
    return n not in _ENDS and n not in _COMPS and _cue_at(word) is None and \
        not (n[:1] in "بلك" and n[1:3] == "ال") and n[:2] != "لل" and not n.startswith("و")


def phrase_before(doc, s_start: int, c_start: int, max_words: int = 8) -> tuple[str, None, str] | None:
    """"يذكر أن أمانة محافظة جدة أعلنت عن", "فإن مندوبين لدول خليجية ودول أخرى في اوبك يقولون إن": the words
    between a complementizer and the verb, with no punctuation, are the verb's subject."""
    words = doc.words
    v = doc.word_index(c_start)
    j = v - 1
    while j >= 0 and words[j][0] >= s_start and v - j <= max_words + 1:
        if j < v - 1 and not doc.joined(j + 1):
            return None                                # punctuation inside: "إلا أن X، أشارت" is another rule's
        if doc.norms[j] in _OPENERS:
            first = doc.norms[j + 1] if j + 1 < v else ""
            if j == v - 1 or first in _ENDS or first in _TIME_FIRST or not first.isalpha() or \
                    first[:1] in "يت" and len(first) > 4:
                return None
            if not doc.joined(v):
                return None
            phrase = doc.body[words[j + 1][0]:words[v - 1][1]]
            return phrase, None, phrase
        if _cue_at(words[j][2]) is not None:
            return None
        j -= 1
    return None


def issuer_after(doc, k: int, anchor: int, max_words: int = 5) -> tuple[str, None, str] | None:
    """"وقال بيان لقوة المهام المشتركة إن", "وأظهرت بيانات من إدارة معلومات الطاقة أن", "أفاد تقرير صحفي صادر
    عن الهيئة بأن", "وتشير الأرقام الصادرة عن الهيئة الملكية": the body that issued a report or figures (word k)
    speaks, though the recognizer knows no such name; its words, after ل, من or صادر عن."""
    words, norms = doc.words, doc.norms
    j = k + 1
    if j + 1 < len(words) and doc.joined(j) and norms[j].endswith(("ي", "يه")) and norms[j] not in _ENDS and \
            norms[j] not in ("صادر", "صادره", "الصادر", "الصادره"):
        j += 1                                        # "تقرير صحفي صادر عن": the report's nisba first
    if j >= len(words) or words[j][1] > anchor or not doc.joined(j):
        return None
    strip = 0
    if norms[j] in ("صادر", "صادره", "الصادر", "الصادره") and j + 1 < len(words) and norms[j + 1] in ("عن", "من"):
        j += 2
    elif norms[j] in ("من", "عن"):
        j += 1
    elif norms[j][:1] == "ل" and len(norms[j]) > 3 and norms[j][:2] != "لا":
        strip = 1                                     # "لقوة", "للجيش": the issuer's first word after its ل
    else:
        return None
    if j >= len(words) or words[j][1] > anchor or norms[j] in _ENDS or not norms[j].isalpha():
        return None
    end = j
    while end + 1 < len(words) and end - j < max_words - 1 and words[end + 1][1] <= anchor and \
            doc.joined(end + 1) and _continues(norms[end + 1], words[end + 1][2]):
        end += 1
    first = words[j][2][strip:]
    if strip and first.startswith("ل"):
        first = "ا" + first                           # "للجيش" → "الجيش"
    phrase = (first + doc.body[words[j][1]:words[end][1]]).strip()
    return (phrase, None, phrase) if len(phrase) > 2 else None


_ROLES = _norm_set("صاحب صاحبة والد والدة مواطن مواطنة شاهد مالك")
_QUOTED_NAME = re.compile(r"\s*(?:[^\s«\"“.،,:؛]+\s+){1,5}?[«\"“](?P<name>[^»\"”\d.،,:]{3,40})[»\"”]")


def quoted_name(doc, c_end: int, anchor: int) -> tuple[str, None, str] | None:
    """"وقال صاحب الناقة "نواف العتيبي"، في شكواه: إنه", "وقال وزير الداخلية «برنار كازنوف» إن": a name the
    page puts in quotation marks after the speaker's role, which the recognizer does not read as a name."""
    m = _QUOTED_NAME.match(doc.body, c_end, anchor)
    if m is None:
        return None
    role = [normalize_word(w) for w in doc.body[c_end:m.start("name")].strip(" «\"“").split()]
    bare = [w[2:] if w.startswith("ال") else w for w in role]
    if not role or bare[-1] in ORG_ANAPHORA or not any(w in PER_ANAPHORA or w in _ROLES for w in bare):
        return None                                   # "إدارة "تعليم الليث"", "قناة «تيوب آب»": a body's name
    after = doc.body[m.end():anchor].split()
    if after and after[0][:1] not in "،,:" and normalize_word(after[0]) not in _COMPS | _BETWEEN_OK:
        return None                                   # "مدير "تعليم الليث" مرعي البركاتي": the name follows it
    name = m.group("name").strip()
    parts = name.split()
    if not 2 <= len(parts) <= 4 or parts[0].startswith("ال") or any(not p.isalpha() for p in parts) or \
            any(normalize_word(p) in _ENDS for p in parts) or _cue_at(parts[0]) is not None:
        return None
    return name, None, name


# heads of a source an attribution may name with no entity the recognizer knows ("وفقا لوكالة معلومات الطاقة
# الأمريكية", "بحسب موقع صيني", "ووفقا للتقرير", "ووفقا للروايات فإن", "وحسب قرار المدعي العام فإن"); not "وفق
# البرنامج الإلكتروني" (a plan), "وفق المصلحة" (an interest)
_SOURCE_HEADS = ((ORG_ANAPHORA | _MASC_ORG_HEADS) - _norm_set("برنامج دار حركة مصلحة")) | ISSUED | _DATA_NOUNS | \
    COLLECTIVE_HEADS | _norm_set("مصادر صحف الصحف وسائل تقارير روايات الروايات رواية الرواية تفاصيل التفاصيل قرار "
                                 "القرار أنباء الأنباء توقعات التوقعات شبكة شبكات الشبكات إعلام الإعلام رجال")


_QUOTED_SOURCE = re.compile(r"\s*[«\"“](?P<name>[^»\"”\d.،,:]{2,40})[»\"”]")
_MEDIA_HEADS = _norm_set("موقع صحيفة جريدة مجلة وكالة قناة إذاعة")
# where, when or to whom it was said ends a source's phrase; "صادر عن" does not ("تقرير صادر عن الهيئة")
_SOURCE_ENDS = _BETWEEN_OK - _norm_set("صادر صادرة")


def source_phrase(doc, k: int, limit: int, max_words: int = 5) -> tuple[str, None, str] | None:
    """The source an adverbial attribution names from word k (its ل taken off: "لمجلس الشحن العالمي" → "مجلس
    الشحن العالمي"), when its head is a body, a medium, data or a collective: the words up to a preposition, a
    time, punctuation or `limit`."""
    words, norms = doc.words, doc.norms
    if k >= len(words) or words[k][1] > limit:
        return None
    named = _QUOTED_SOURCE.match(doc.body, words[k][0] - 1, limit) if words[k][0] else None
    if named is None and k + 1 < len(words) and norms[k].lstrip("ل") in _MEDIA_HEADS:
        named = _QUOTED_SOURCE.match(doc.body, words[k][1], limit)   # "حسب موقع "سكاي نيوز عربية"": its name
    if named is not None:
        name = named.group("name").strip()
        return name, None, name                         # "وبحسب "الخليج" الإماراتية": a paper in quotes
    n, first = norms[k], words[k][2]
    if n.startswith("لل"):
        n, first = "ال" + n[2:], "ا" + first[1:]
    elif n[:1] in "لب" and len(n) > 3:
        n, first = n[1:], first[1:]
    bare = n[2:] if n.startswith("ال") else n
    if not (bare in _SOURCE_HEADS or n in _SOURCE_HEADS):
        return None
    end = k
    while end + 1 < len(words) and end - k < max_words - 1 and words[end + 1][1] <= limit and \
            doc.joined(end + 1) and _continues(norms[end + 1], words[end + 1][2]) and \
            (norms[end + 1] not in _TIME_FIRST or _general(norms[end], norms[end + 1])) and \
            norms[end + 1] not in _SOURCE_ENDS:
        end += 1
    phrase = (first + doc.body[words[k][1]:words[end][1]]).strip()
    return phrase, None, phrase


def _general(title: str, word: str) -> bool:
    """"المدعي العام", "الأمين العام": "العام" after a title is "general", not "the year"."""
    return word == "العام" and (title.removeprefix("ال") in PER_ANAPHORA or title in _GENERAL_TITLES)


_GENERAL_TITLES = _norm_set("المدعي النائب المراقب المفتش المحامي المستشار")
