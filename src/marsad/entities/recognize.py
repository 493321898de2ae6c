"""Entity mentions: the shipped gazetteer plus rules over Arabic news conventions.

This is the honest baseline the trained tagger (training/, issue "Entities") replaces or joins. It finds:
- gazetteer names (places, organizations, agencies, leaders) through clitics;
- people introduced by a title ("وزير الخارجية الروسي فاديم كوزنيتسوف", "العميد ميلاد الفرجاني") or by a
  known given name ("خليفة حفتر"), with the title kept apart from the name;
- organizations opened by a head noun ("وزارة الخارجية الروسية", "حكومة الوحدة الوطنية");
- later short mentions of a person ("الورشفاني", "ولافروف") linked to the full name seen earlier.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache

from ..arabic.calendar import WEEKDAYS as _WEEKDAYS
from ..arabic.normalize import WORD_CACHE, normalize
from ..arabic.segment import WordMemo, proclitic_forms, surface_cut
from ..document import Entity
from .gazetteer import Gazetteer, load
from .flags import token_flags
from .lexicon import given_and_title_heads, known_words, phrases, rules_given, seldom_names, words as _words
from .tokens import QUOTE_MARKS, Tok as _Tok, Tokenizer
from .national import _BY_NISBA as _NISBA_WORDS, nisba_of
from .person_bounds import AMBIGUOUS_GIVEN, FAMILY_TITLES, NAME_LINKS, NO_PREPOSITION, ORG_HEADS, PLURAL_PARTICIPLE, \
    PersonBounds
from .person_name import CHAIN, parse
from .name_start import NameStart
from .resolve import resolve_in_document
from .head_phrases import ABSORBING_HEADS, HeadPhrases
from .token_rules import FACILITY_HEADS, LOC_HEADS, TokenRules
from ..spans import Covering, joined_pairs

# "وزارة الخارجية الروسية الثلاثاء": a weekday after a name is when, not part of the name
_DEFINITE_WEEKDAYS = frozenset(w for w in _WEEKDAYS if w.startswith("ال")) | {normalize("الآن")}

STOPWORDS = _words("STOPWORDS")
# Words that follow a titled subject as its predicate ("المشير مستعد لتوقيع", "الوزير يرفض …"): never a name.
PREDICATES = _words("PREDICATES")
CUE_WORDS = _words("CUE_WORDS")
# streets, squares and bridges are named after people ("شارع جمال عبد الناصر", "ساحة الشهداء")
NAMED_PLACE_HEADS = _words("NAMED_PLACE_HEADS")
SPORT_WORDS = _words("SPORT_WORDS")
QUOTED_MISC_HEADS = _words("QUOTED_MISC_HEADS")
QUOTED_MISC_HEADS_ADJ = _words("QUOTED_MISC_HEADS_ADJ")
QUOTED_MISC_ADJ = _words("QUOTED_MISC_ADJ")
QUOTED_ORG_HEADS = _words("QUOTED_ORG_HEADS")
# words that open a description of a person after the name, beside the title heads
APPOSITION_HEADS = _words("APPOSITION_HEADS")
SPORT_ROLES = _words("SPORT_ROLES")
CLUB_HEADS = _words("CLUB_HEADS")
MEDIA_HEADS = _words("MEDIA_HEADS")
# Fixed phrases with no name in them: "القوة القاهرة" is force majeure, not Cairo (data/entity_words.txt)
NOT_NAME_PHRASES = set(phrases("NOT_NAME_PHRASES"))
_NOT_NAME_FIRSTS = frozenset(p[0] for p in NOT_NAME_PHRASES)
# Title heads in their construct form ("مبعوث الأمم المتحدة", "سفير مصر لدى تونس") and descriptors of
# ordinary people quoted in news ("المزارع الهادي القاسمي", "الإعلامي كريم عبد الحميد"). Kept out of
# titles.txt on purpose: the tagger's title-head feature was trained on that list as it is.
MORE_TITLE_HEADS = _words("MORE_TITLE_HEADS")
_ALI = {normalize("علي"), normalize("وعلي")}


_FORCES_OF, _ALLIED_GROUPS = _words("FORCES_OF"), _words("ALLIED_GROUPS")
_IDIOM_HEADS = _words("IDIOM_HEADS")
_ROLE_OF = _words("ROLE_OF")
_SPOKESMEN = _words("SPOKESMEN")
_STARRING, _FILM_WORDS = _words("STARRING_HEADS"), _words("FILM_WORDS")
_COMPANY_SUFFIXES = _words("COMPANY_SUFFIXES")
_SPAN_END_PREPOSITIONS = _words("SPAN_END_PREPOSITIONS")
_TRIBE_WORDS = _words("TRIBE_WORDS")
_CHAIN_LINKS = CHAIN | {"ولد"}                          # "ولد": the Mauritanian "son of"
_COMPOUND_ENDS = frozenset(normalize(w) for w in ("الله", "الدين", "الرحمن"))


class _NamesSeen:
    """The names an article has given so far (normalized words), each with its first mention, for
    `Recognizer._repeat_names`, which adds them again wherever the text repeats them.

    `longest` is the longest name that starts with `form` at token i and runs over free tokens with no
    punctuation between them. Every mention used to be kept and compared at each token, so every repeated word
    of a long text rescanned every mention of its names; one entry per distinct name gives the same answer (the
    longest match wins, and two names of one length that match the same tokens are the same words, so the first
    mention wins as it did), and a walk along the names' prefixes costs the length of a name, not their number."""

    def __init__(self) -> None:
        self._first_mention: dict[tuple[str, ...], Entity] = {}
        self._prefixes: set[tuple[str, ...]] = set()     # proper prefixes of the names: where a walk goes on
        self.firsts: set[str] = set()                      # first words of the names

    def __bool__(self) -> bool:
        return bool(self._first_mention)

    def add(self, words: tuple[str, ...], e: Entity) -> None:
        if words not in self._first_mention:
            self._first_mention[words] = e
            self.firsts.add(words[0])
            self._prefixes.update(words[:k] for k in range(1, len(words)))

    def longest(self, form: str, toks: list[_Tok], taken: list[bool],
                i: int) -> tuple[tuple[str, ...], Entity] | None:
        words = (form,)
        hit = self._first_mention.get(words)
        found = (words, hit) if hit is not None else None
        k = i + 1
        while words in self._prefixes and k < len(toks) and not taken[k] and not toks[k].boundary_before:
            words += (toks[k].norm,)
            hit = self._first_mention.get(words)
            if hit is not None:
                found = (words, hit)
            k += 1
        return found


# The recognizer's passes over a text, in order (Recognizer._pass_<name>): an earlier pass's mention takes its
# tokens, so the order is the order of trust. Each mention records the pass that found it (`Entity.rule`).
PASSES = ("not_names", "outlet", "byline", "heads_early", "clubs", "media", "quoted", "people_gazetteer",
          "people_tagger", "leaders_forces", "heads_late", "known_names", "repeats", "listed_people",
          "tagged_others", "rules", "coordinated_places", "short_mentions")


class _Found:
    """One text's tokens, which of them a mention has taken, and the mentions found so far, in the order found."""

    def __init__(self, text: str, toks: list[_Tok], gaz: list, tagged: list, extra: dict[str, str]) -> None:
        self.text, self.toks, self.gaz, self.tagged, self.extra = text, toks, gaz, tagged, extra
        self.taken = [False] * len(toks)
        self.found: list[tuple[int, Entity]] = []
        self.doc_norms = {t.norm for t in toks}
        self.owners = _owners(toks)
        self.tagged_pairs = joined_pairs(tagged, "PER")
        self.rule = ""

    def add(self, first: int, last: int, etype: str, canonical: str | None, source: str,
            title_first: int | None = None, name_start: int | None = None) -> None:
        """A mention over tokens first..last (unless one of them is taken), with the title that starts at token
        title_first kept apart from the name; the name starts at name_start (after a proclitic)."""
        toks, taken, text = self.toks, self.taken, self.text
        while etype != "PER" and first < last and toks[last].norm in _SPAN_END_PREPOSITIONS:
            last -= 1                                 # "وأشار الجيش إلى أن": the verb's preposition, not the name
        if any(taken[first:last + 1]):
            return
        if name_start is None:
            name_start = toks[first].start + toks[first].cut
        while name_start < toks[first].end - 1 and text[name_start] == "\u0640":
            name_start += 1                           # "لـقطر": the tatweel belongs to the clitic
        name = text[name_start:toks[last].end]
        title = None
        start = name_start
        if title_first is not None and title_first < first and not any(taken[title_first:first]):
            t_start = toks[title_first].start + toks[title_first].cut
            title_text = text[t_start:toks[first].start].strip(" \t،," + QUOTE_MARKS)
            if title_text:
                title = title_text
                if not text[toks[first - 1].end:name_start].strip():
                    start = t_start                   # "المشير خليفة حفتر": the title is in the mention
            for x in range(title_first, first):
                taken[x] = True
        for x in range(first, last + 1):
            taken[x] = True
        self.found.append((first, Entity(text=text[start:toks[last].end], start=start, end=toks[last].end,
                                         type=etype, name=name, title=title, canonical=canonical or name,
                                         source=source, rule=self.rule)))

    def lone_person(self, k: int) -> int | None:
        """The index in `found` of a person mention whose name is token k alone and whose title, if any, is token
        k - 1 alone (a family name the tagger took by itself, or after a given name it read as a title: "ومساعد
        الأحمري"), else None."""
        toks = self.toks
        for n, (first, e) in enumerate(self.found):
            if first == k and e.type == "PER" and e.end == toks[k].end \
                    and (e.title is None or (k > 0 and toks[k - 1].start <= e.start < toks[k - 1].end)):
                return n
        return None

    def drop(self, n: int) -> None:
        """Forget found mention n (from `lone_person`) and free its tokens, its title's included."""
        first, e = self.found.pop(n)
        for k in range(first, -1, -1):
            if self.toks[k].end <= e.start:
                break
            self.taken[k] = False


class Recognizer(TokenRules, HeadPhrases, PersonBounds, NameStart):
    def __init__(self, gazetteer: Gazetteer | None = None, use_tagger: bool = True):
        self.gaz = gazetteer or load()
        self.use_tagger = use_tagger
        given, self.title_heads = given_and_title_heads()
        # the rules know more given names than the tagger's features were trained with (those stay as trained)
        self.given = given | rules_given()
        self.seldom = seldom_names()
        self.known_words = known_words(self.gaz)
        self.tokenizer = Tokenizer(self.known_words)
        # per-word answers of the token tests the passes ask of every token (see WordMemo)
        self._stops = WordMemo(self._stop_word)
        self._title_heads = WordMemo(self._title_head_word)
        self._rule_starts = WordMemo(self._rule_start_word)

    def _tokens(self, text: str, words: list[tuple[int, int, str, str]] | None = None) -> list[_Tok]:
        return self.tokenizer.tokens(text, words)

    def _common_word(self, t: _Tok) -> bool:
        """A word news uses so often that it is no family name ("فائق الأداء", "عادل الأسعار"), by the word
        counts the tagger was trained with; names we know are never common here."""
        if t.bare in self.given or t.bare in self.gaz.vocab:
            return False
        return self.word_counts.get(t.norm, 0) > 1500

    def _is_given(self, t: _Tok) -> bool:
        return t.bare in self.given

    def _is_title_head(self, t: _Tok) -> bool:
        return self._title_heads[t.text]

    def _title_head_word(self, text: str) -> bool:
        norm, bare, _, _ = self.tokenizer.info(text)
        if norm == "والي" and ("إ" in text or text.endswith("ى")):
            return False                              # "وإلى" is "and to", not والي (governor)
        if bare in self.title_heads or bare in MORE_TITLE_HEADS:
            return True
        return norm[:1] == "و" and norm[1:] in MORE_TITLE_HEADS       # "ومبعوث الأمم المتحدة"

    def _stop(self, t: _Tok) -> bool:
        return self._stops[t.text]

    def _stop_word(self, text: str) -> bool:
        norm, bare, _, _ = self.tokenizer.info(text)
        if text.endswith("علي") and norm in _ALI:
            return False                              # "خالد علي": dotted علي is the name, the preposition is على
        if norm != bare and bare in NO_PREPOSITION and norm[:1] in "بلك":
            return False                              # "لوران بلان": no preposition stands before لأن, لو
        return bare in STOPWORDS or norm in STOPWORDS or bare in CUE_WORDS or norm in CUE_WORDS \
            or norm in PREDICATES or norm in _DEFINITE_WEEKDAYS or not norm.isalpha() \
            or (text[:1] in "وف" and text[1:2] in "إأ" and norm[1:] in STOPWORDS)   # فإن، وأن: particles

    def _tagger_input(self, text: str, toks: list[_Tok], gaz: list) -> tuple[list[list[str]], list[list[int]],
                                                                          list[list[int]]]:
        """The text cut into sentences of model tokens the way ANERcorp is tokenized (words with their clitics,
        each punctuation mark a token), with each token's index in `toks` (-1 for punctuation) and its lexicon
        flags, taken from this recognizer's own tokens and gazetteer matches."""
        word_flags = token_flags(toks, gaz)
        sents: list[list[str]] = []
        index: list[list[int]] = []
        flags: list[list[int]] = []
        cur: list[str] = []
        cur_idx: list[int] = []

        def flush() -> None:
            nonlocal cur, cur_idx
            if cur_idx and any(k >= 0 for k in cur_idx):
                sents.append(cur)
                index.append(cur_idx)
                flags.append([word_flags[k] if k >= 0 else 0 for k in cur_idx])
            cur, cur_idx = [], []

        prev_end = 0
        for i, t in enumerate(toks):
            if t.start - prev_end == 1 and text[prev_end] == " " and i:
                if len(cur) >= 120:                 # the common case, one space between words: no gap to read
                    flush()
            else:
                gap = text[prev_end:t.start] if i else ""
                for ch in gap:
                    if not ch.isspace():
                        cur.append(ch)
                        cur_idx.append(-1)
                if "\n" in gap or any(ch in ".!?؟…" for ch in gap) or len(cur) >= 120:
                    flush()
            cur.append(t.text)
            cur_idx.append(i)
            prev_end = t.end
        flush()
        return sents, index, flags

    @staticmethod
    def _tagged_spans(index: list[list[int]], tags: list[list[str]]) -> list[tuple[int, int, str]]:
        """Spans (first, last token, type) from the tagger's BIO tags of the sentences of `_tagger_input`."""
        from .tagger import bio_spans

        out = []
        for idx, sent_tags in zip(index, tags):
            for a, b, etype in bio_spans(sent_tags):
                ws = [idx[k] for k in range(a, b) if idx[k] >= 0]
                if ws:
                    out.append((ws[0], ws[-1], etype))
        return out

    def _prepare(self, text: str, words) -> tuple[list[_Tok], list]:
        toks = self._tokens(text, words)
        gaz = self.gaz.find(text, [(t.start, t.end, t.text, t.norm, t.gap and i > 0) for i, t in enumerate(toks)])
        return toks, gaz

    def find_many(self, items: list[tuple]) -> list[list[Entity]]:
        """`find` for many documents, each given as (text, words, extra[, home]): the tagger runs once over the
        sentences of all of them, twice as fast as once per document (one LSTM step serves more sentences)."""
        from .tagger import default_tagger

        items = [(*it, None)[:4] for it in items]
        prepared = [self._prepare(text, words) for text, words, _, _ in items]
        if not self.use_tagger:
            return [self.find(text, words, extra, _prepared=(toks, gaz, []), home=home)
                    for (text, words, extra, home), (toks, gaz) in zip(items, prepared)]
        inputs = [self._tagger_input(it[0], toks, gaz) for it, (toks, gaz) in zip(items, prepared)]
        all_sents = [s for sents, _, _ in inputs for s in sents]
        all_flags = [f for _, _, flags in inputs for f in flags]
        all_tags = default_tagger().tag_batch(all_sents, flags=all_flags) if all_sents else []
        out = []
        pos = 0
        for (text, words, extra, home), (toks, gaz), (sents, index, _) in zip(items, prepared, inputs):
            tagged = self._tagged_spans(index, all_tags[pos:pos + len(sents)])
            pos += len(sents)
            out.append(self.find(text, words, extra, _prepared=(toks, gaz, tagged), home=home))
        return out

    def _other_given_name(self, toks: list[_Tok], m, tagged_pairs: frozenset[int]) -> bool:
        """A known family name after another given name is another person: "يوهانس شولتس" is not Olaf Scholz,
        "المتحدث باسم الشرطة يوهانس شولتس" keeps his own name. The word before is a given name when the lexicon
        says so or the tagger takes it into the same name (and it is no title). `tagged_pairs`: the positions p
        where one of the tagger's person spans holds tokens p and p + 1 (`joined_pairs`: built once per text,
        not a scan of every span for every match)."""
        f = m.first_token
        if f == 0 or toks[f].boundary_before:
            return False
        given = normalize(m.entry.canonical).split()
        if len(given) < 2 or toks[f - 1].bare == given[0] or normalize(toks[f].text) == given[0]:
            return False
        prev = toks[f - 1]
        if self._is_given(prev):
            return True
        return not self._is_title_head(prev) and f - 1 in tagged_pairs

    def _named_after(self, toks: list[_Tok], first: int) -> bool:
        """A person's name right after an institution's or a place's head noun names that institution or place
        ("مركز الملك سلمان للإغاثة", "جامعة محمد الخامس", "مطار هواري بومدين")."""
        if first == 0 or toks[first].boundary_before:
            return False
        head = toks[first - 1].bare
        return head in ABSORBING_HEADS or head in FACILITY_HEADS or head in NAMED_PLACE_HEADS

    @cached_property
    def word_counts(self) -> dict[str, int]:
        """How often each normalized word occurs in SaudiNewsNet (8.7M tokens; the tagger's vocabulary counts).
        The rules read it as a prior on commonness: a word news uses hundreds of times is rarely a name nobody
        listed, and a name the lexicons miss is rarely a frequent word. Empty without the tagger."""
        if not self.use_tagger:
            return {}
        from .tagger import default_tagger
        return default_tagger().feat.counts

    def _count(self, norm: str) -> int:
        return self.word_counts.get(norm, 0)

    def _quoted_names(self, text: str, toks: list[_Tok], taken: list[bool]) -> list[tuple[int, int, str]]:
        """A name in quotation marks right after a head noun that says what it names: works, programmes,
        models and operations are MISC ("النموذج اللغوي «ضاد»", "برنامج "مساء القاهرة""), channels and
        papers ORG ("قناة "المشهد""). Up to four words, closed by a quotation mark."""
        out = []
        n = len(toks)
        for i in range(n - 1):
            head = toks[i].bare
            if head in QUOTED_MISC_HEADS:
                etype = "MISC"
            elif head in QUOTED_ORG_HEADS:
                etype = "ORG"
            elif i + 2 < n and toks[i + 1].bare in QUOTED_MISC_ADJ and toks[i].bare in QUOTED_MISC_HEADS_ADJ:
                i, etype = i + 1, "MISC"                  # "النموذج اللغوي «ضاد»"
            else:
                continue
            j = i + 1
            opening = text[toks[i].end:toks[j].start].strip()
            if not opening or opening[-1] not in QUOTE_MARKS or taken[j]:
                continue
            k = j
            while k - j < 4:
                close = text[toks[k].end:toks[k + 1].start] if k + 1 < n else text[toks[k].end:toks[k].end + 1]
                if close.strip()[:1] in QUOTE_MARKS and close.strip():
                    out.append((j, k, etype))
                    break
                if k + 1 >= n or close.strip() or taken[k + 1]:
                    break
                k += 1
        return out

    def _clubs(self, toks: list[_Tok], taken: list[bool]) -> list[tuple[int, int]]:
        """Clubs in a sports article: "فريق/نادي X الY", or "X الY" followed by a nationality ("نسور الرافدين
        العراقي", "أهلي الصحراء الجزائري"); the nationality is not part of the name."""
        out = []
        n = len(toks)
        for i in range(n - 2):
            a, b, c = toks[i], toks[i + 1], toks[i + 2]
            if taken[i] or taken[i + 1] or b.boundary_before or b.conj or not b.norm.startswith("ال") \
                    or self._stop(a) or self._stop(b) or a.bare.startswith("ال") or a.bare in ORG_HEADS \
                    or self._is_title_head(a) or self._is_given(a) or a.bare in SPORT_WORDS:
                continue
            if b.bare in SPORT_ROLES or self._is_title_head(b):
                continue                              # "الحارس المصري", "بوتين القائد الروسي": people, not clubs
            club_head = i > 0 and toks[i - 1].bare in CLUB_HEADS and not a.boundary_before
            nisba = not c.boundary_before and nisba_of(c.text) is not None and not c.norm.endswith("ه")
            if club_head or nisba:
                out.append((i, i + 1))
        return out

    def _media(self, toks: list[_Tok], taken: list[bool]) -> list[tuple[int, int]]:
        """A newspaper, magazine or site named after its head noun: "صحيفة لوتان السويسرية" → لوتان. Only names
        that are rare words (a common word after صحيفة is a description: "صحيفة محلية")."""
        counts = self.word_counts
        out = []
        for i in range(len(toks) - 1):
            if toks[i].bare not in MEDIA_HEADS:
                continue
            j = i + 1
            k = j
            while k < len(toks) and k - j < 2 and not taken[k] and not self._stop(toks[k]) \
                    and not toks[k].conj and not (k > j and toks[k].boundary_before) \
                    and nisba_of(toks[k].text) is None and counts.get(toks[k].norm, 0) < 30 \
                    and toks[k].bare not in self.known_words:
                k += 1
            if k > j:
                out.append((j, k - 1))
        return out

    def _repeat_names(self, toks: list[_Tok], taken: list[bool], found: list, add) -> None:
        """Names found once, found again wherever the text repeats them (see `find`): at each free token the
        longest name that starts there, with or without its proclitics, is added."""
        named = _NamesSeen()
        rule_types: dict[str, str] = {}
        for _, e in found:
            words = tuple(normalize(e.name).split())
            if not words:
                continue
            if e.source != "tagger":
                rule_types[" ".join(words)] = e.type
            if len(words) > 1 or e.source in ("gazetteer", "rule", "outlet"):
                named.add(words, e)
        for _, e in found:
            if e.source == "tagger":
                t = rule_types.get(normalize(e.name))
                if t is not None and t != e.type:
                    e.type = t
        if not named:
            return
        firsts = named.firsts
        for i, t in enumerate(toks):
            if taken[i]:
                continue
            norm = t.norm
            if norm not in firsts and norm[1:] not in firsts and norm[2:] not in firsts and norm[3:] not in firsts \
                    and "ال" + norm[2:] not in firsts and "ال" + norm[3:] not in firsts:
                continue                          # no name begins here, with or without proclitics ("للـ" too)
            for form, cut in ((norm, 0), *_forms(norm)):
                hit = named.longest(form, toks, taken, i)
                if hit is not None and cut and len(hit[0]) == 1 and self._count(norm) >= 100:
                    break                         # "لصالح التحالف" (in favour of), not "ل + صالح"
                if hit is not None:
                    words, e = hit
                    title = self._title_before(toks, i, taken) if e.type == "PER" else None
                    add(i, i + len(words) - 1, e.type, e.canonical, "repeat", title, t.start + surface_cut(t.text, cut))
                    break

    def _extra_matches(self, toks: list[_Tok], extra: dict[str, str]) -> list[tuple[int, int, str]]:
        """Token runs equal to one of the extra names (normalized words, proclitics peeled on the first)."""
        out = []
        for name, canonical in extra.items():
            words = normalize(name).split()
            if not words:
                continue
            head, tail = words[0], words[0][2:] if words[0].startswith("ال") else words[0]
            for i in range(len(toks) - len(words) + 1):
                first = toks[i]
                if first.norm != head and first.bare != head and (
                        not first.norm.endswith(tail) or not any(f == head for f, _ in _forms(first.norm))):
                    continue                      # every form of a word ends as it does, "ال" aside (للأمم)
                if all(toks[i + j].norm == w for j, w in enumerate(words[1:], 1)):
                    out.append((i, i + len(words) - 1, canonical))
        return out

    def find(self, text: str, words: list[tuple[int, int, str, str]] | None = None,
             extra: dict[str, str] | None = None, _prepared: tuple | None = None,
             home: str | None = None) -> list[Entity]:
        """Entity mentions in `text`; `words` is the shared tokenization when the pipeline has one; `extra` maps
        names this document is known to contain (its own outlet's name) to their canonical form.

        Sources, in order of trust: the gazetteer (a known name, its canonical form), the trained tagger (any
        name, in context), the rules (titles, given names, head nouns). People come first from every source,
        with their titles, so that an organization named inside a title ("رئيس حكومة الوحدة الوطنية") stays
        part of the title. The passes run in the order of PASSES; each mention says which one found it
        (`Entity.rule`)."""
        if _prepared is None:
            toks, gaz = self._prepare(text, words)
            tagged = None
        else:
            toks, gaz, tagged = _prepared
        if not toks:
            return []
        if tagged is None:
            if self.use_tagger:
                from .tagger import default_tagger
                sents, index, flags = self._tagger_input(text, toks, gaz)
                tagged = self._tagged_spans(index, default_tagger().tag_batch(sents, flags=flags))
            else:
                tagged = []
        f = _Found(text, toks, gaz, tagged, extra or {})
        for name in PASSES:
            f.rule = name
            getattr(self, "_pass_" + name)(f)
        ents = self._appositions(text, toks, [e for _, e in sorted(f.found, key=lambda x: x[1].start)])
        return resolve_in_document(text, ents, home, self._count)

    # -- the passes, in the order they run (PASSES) ---------------------------------------------------------------
    def _pass_not_names(self, f: "_Found") -> None:
        """"القوة القاهرة": no name in there."""
        toks = f.toks
        for i in range(len(toks) - 1):
            if toks[i].bare in _NOT_NAME_FIRSTS and (toks[i].bare, toks[i + 1].bare) in NOT_NAME_PHRASES \
                    and not toks[i + 1].boundary_before:
                f.taken[i] = f.taken[i + 1] = True

    def _pass_outlet(self, f: "_Found") -> None:
        """The article's own outlet, named in its text."""
        for first, last, canonical in self._extra_matches(f.toks, f.extra):
            f.add(first, last, "ORG", canonical, "outlet")

    def _pass_heads_early(self, f: "_Found") -> None:
        """Facilities and events named with their head noun, even after a person's name ("ملعب نيلسون مانديلا",
        "محادثات جنيف")."""
        self._head_phrases(f.toks, f.taken, f.gaz, f.add, early=True)

    def _pass_clubs(self, f: "_Found") -> None:
        """Clubs in sports news."""
        if sum(t.bare in SPORT_WORDS for t in f.toks) >= 3:
            for first, last in self._clubs(f.toks, f.taken):
                t = f.toks[first]
                f.add(first, last, "ORG", None, "rule", None, t.start + (t.cut or self._clitic_cut(t, f.doc_norms)))

    def _pass_media(self, f: "_Found") -> None:
        """Newspapers and sites named after their head noun."""
        for first, last in self._media(f.toks, f.taken):
            f.add(first, last, "ORG", None, "rule")

    def _pass_quoted(self, f: "_Found") -> None:
        for first, last, etype in self._quoted_names(f.text, f.toks, f.taken):
            if etype != "PER" or f.toks[first].bare not in f.owners:
                f.add(first, last, etype, None, "rule")
        for first, last in self._quoted_speakers(f.text, f.toks, f.taken):
            if f.toks[first].bare not in f.owners:    # "ذكرت "إينوك"" where it also prints "شركة إينوك"
                f.add(first, last, "PER", None, "rule")

    def _quoted_speakers(self, text: str, toks: list[_Tok], taken: list[bool]) -> list[tuple[int, int]]:
        """A name some outlets put in quotation marks, right after the verb it is the subject of: "وقالت
        “سانتاديفي” إنها", "وذكرت «X» أن". One to three words news rarely prints, closed by a quotation mark."""
        out = []
        n = len(toks)
        for i in range(1, n - 1):
            if not toks[i].gap or taken[i] or toks[i - 1].bare not in CUE_WORDS:
                continue                              # most words: nothing but a space before them
            if text[toks[i - 1].end:toks[i].start].strip().strip(QUOTE_MARKS):
                continue                              # "وأضاف: "…": a colon opens what he said, not his name
            for j in range(i, min(i + 3, n)):
                t = toks[j]
                if self._stop(t) or self._count(t.norm) >= 50 or t.bare in self.gaz.vocab or (j > i and t.gap):
                    break
                closing = text[t.end:toks[j + 1].start].strip() if j + 1 < n else text[t.end:].strip()
                if closing and closing[0] in QUOTE_MARKS:     # ("" is in every string: "“صاحت الشرطة" was a name)
                    out.append((i, j))
                    break
        return out

    def _pass_people_gazetteer(self, f: "_Found") -> None:
        """Known people, their titles apart ("الملك سلمان": the title is not part of the name). A title does not
        reach back over a name the tagger found, which later passes take ("الرئيس الفرنسي فرنسوا هولاند ونظيره
        الروسي فلاديمير بوتين": Hollande is no part of Putin's title)."""
        toks = f.toks
        named = list(f.taken)
        for first, last, etype in f.tagged:
            if etype == "PER" and not self._is_title_head(toks[first]):
                named[first:last + 1] = [True] * (last + 1 - first)
        for m in f.gaz:
            if m.first_token > 0 and toks[m.first_token - 1].bare in CHAIN and not toks[m.first_token].boundary_before:
                continue                               # "سلطان بن سلمان بن عبدالعزيز": the father, inside a name
            if any(toks[k].boundary_before for k in range(m.first_token + 1, m.last_token + 1)):
                continue                               # a name does not run over a line break or a stop
            if m.entry.type == "PER" and not self._named_after(toks, m.first_token) and \
                    not self._other_given_name(toks, m, f.tagged_pairs):
                first, start = m.first_token, m.start
                head = toks[first]
                if first < m.last_token and (self._is_title_head(head) or head.bare in FAMILY_TITLES):
                    first += 1
                    start = toks[first].start
                title_first = self._title_before(toks, m.first_token, named)
                f.add(first, m.last_token, "PER", m.entry.canonical, "gazetteer",
                      m.first_token if first > m.first_token and title_first is None else title_first, start)

    def _pass_people_tagger(self, f: "_Found") -> None:
        known = _known_bodies(f.gaz, len(f.toks))
        for first, last, etype in f.tagged:
            if etype == "PER" and not self._named_after(f.toks, first) and not self._idiom(f.toks, first, last) \
                    and not (known[first] >= 0 and last <= known[first]):
                self._add_tagged(f, first, last, etype)

    @staticmethod
    def _idiom(toks: list[_Tok], first: int, last: int) -> bool:
        """One word after an idiom's head ("نصيب الأسد": the lion's share) is that idiom's noun, no one's name."""
        return first == last and first > 0 and not toks[first].boundary_before and not toks[first].conj \
            and toks[first - 1].bare in _IDIOM_HEADS

    def _pass_byline(self, f: "_Found") -> None:
        """The reporter who opens the article before a dash ("لجين الأحمدي – عين اليوم", "بدر الجبل – سبق-
        تبوك"): two or three words, the first a given name or a rare word, no place, title or stopword, taken
        whole (the ل of لجين is no preposition)."""
        m = _BYLINE.match(f.text)
        if m is None:
            return
        span = [k for k, t in enumerate(f.toks) if m.start(1) <= t.start < m.end(1)]
        if not 2 <= len(span) <= 3 or any(f.taken[k] for k in span):
            return
        toks = [f.toks[k] for k in span]
        head = toks[0]
        named = self._is_given(head) or head.bare in _LISTED_GIVEN or head.norm in self.given \
            or (self._count(head.norm) < 200 and not self._verb_like(head))
        if not named or self.gaz.lookup(m.group(1)) is not None or self.gaz.lookup(head.text) is not None \
                or any(self._stop(t) or self._is_title_head(t) for t in toks):
            return
        f.add(span[0], span[-1], "PER", None, "rule", None, toks[0].start)

    def _pass_leaders_forces(self, f: "_Found") -> None:
        """A leader named by the forces or the regime that are his ("قوات الأسد", "نظام الأسد", "مليشيات الحوثي
        وصالح"): the surname of a known person after such a head, or coordinated with the group allied to him.
        A group named after a man ("جماعة الحوثي") is no mention of him."""
        toks, taken = f.toks, f.taken
        for i in range(1, len(toks)):
            t, prev = toks[i], toks[i - 1]
            if taken[i] or t.boundary_before or t.bare not in self.gaz.surnames or t.bare.endswith("ي") \
                    or t.bare in _COMPOUND_ENDS:
                continue                              # "أنصار الله": God, the end of "نصر الله"
            if (not t.conj and prev.bare in _FORCES_OF) or (t.conj and prev.bare in _ALLIED_GROUPS):
                f.add(i, i, "PER", None, "rule", None, t.start + (t.cut or self._clitic_cut(t, f.doc_norms)))

    def _pass_heads_late(self, f: "_Found") -> None:
        """Institutions around known names ("مجلس جامعة الدول العربية")."""
        self._head_phrases(f.toks, f.taken, f.gaz, f.add, early=False)

    def _pass_known_names(self, f: "_Found") -> None:
        """Places and organizations of the gazetteer."""
        toks, taken, text, n, add = f.toks, f.taken, f.text, len(f.toks), f.add
        for m in f.gaz:
            if m.entry.type != "PER":
                first, start = m.first_token, m.start
                if first < m.last_token and toks[first].bare in _GENERIC_HEADS \
                        and normalize(m.entry.canonical).split()[0] not in _GENERIC_HEADS and self.gaz.lookup(
                        text[toks[first + 1].start:toks[m.last_token].end]) == m.entry:
                    first, start = first + 1, toks[first + 1].start      # "وكالة سبوتنيك": the name is سبوتنيك
                last, canonical = m.last_token, m.entry.canonical
                if m.entry.type == "LOC" and last > first and toks[last].bare == _CAPITAL:
                    last -= 1                        # "الجزائر العاصمة": Algiers, named الجزائر; العاصمة describes it
                if m.entry.type == "ORG" and last + 1 < n and not toks[last + 1].boundary_before \
                        and not taken[last + 1] and not any(w in _NISBA_WORDS for w in normalize(canonical).split()):
                    nisba = nisba_of(toks[last + 1].text)    # "الهلال الأحمر المصري": Egypt's, not the movement
                    if nisba is not None:
                        last, canonical = last + 1, f"{canonical} {nisba}"
                add(first, last, m.entry.type, canonical, "gazetteer", None, start)

    def _pass_repeats(self, f: "_Found") -> None:
        """Names found once are found wherever else the article repeats them ("نسور الرافدين" after "فريق نسور
        الرافدين العراقي", "ولوتان" after "صحيفة لوتان"), before the tagger's own places and organizations can
        take a part of them; a tagger person takes the type the rules gave the same name."""
        self._repeat_names(f.toks, f.taken, f.found, f.add)

    def _pass_listed_people(self, f: "_Found") -> None:
        """A given name and a family name joined by و to a person just found ("حسين عبدالغني وحسن الراهب ومحمد
        عيد"): the next item of a list of people, also when the given name is a word too (حسن، مساعد), which no
        other rule takes alone, and when the tagger took the family name by itself."""
        toks, taken, text = f.toks, f.taken, f.text
        ends = {e.end for _, e in f.found if e.type == "PER"}
        for i in range(1, len(toks) - 1):
            t, nxt = toks[i], toks[i + 1]
            if not t.conj or nxt.boundary_before or nxt.conj \
                    or toks[i - 1].end not in ends or text[toks[i - 1].end:t.start].strip(" ،,"):
                continue
            lone = f.lone_person(i + 1) if taken[i + 1] else None
            if (taken[i + 1] and lone is None) or (taken[i] and (lone is None or f.found[lone][1].title is None)):
                continue
            if (self._is_given(t) or t.bare in _LISTED_GIVEN) and nxt.norm.startswith("ال") \
                    and not self._stop(nxt) and nxt.norm not in self.seldom and not self._common_word(nxt):
                if lone is not None:
                    f.drop(lone)                      # "ومساعد الأحمري": the tagger took الأحمري alone
                f.add(i, i + 1, "PER", None, "rule")

    def _pass_tagged_others(self, f: "_Found") -> None:
        for first, last, etype in f.tagged:
            if etype != "PER":
                self._add_tagged(f, first, last, "PER" if self._person_shaped(f.toks, first, last) else etype)

    def _person_shaped(self, toks: list[_Tok], first: int, last: int) -> bool:
        """A name the tagger typed as an organization or a work that is built as a person's: a name, then بن and a
        name ("مسرحية لبيد بن ربيعة"), with no head noun, title or place in it."""
        span = toks[first:last + 1]
        if not 3 <= len(span) <= 5 or span[1].bare not in CHAIN or self._stop(span[0]) \
                or self._count(span[0].norm) >= 1000:
            return False
        entries = [self.gaz.lookup(t.text) for t in span]
        return not any(t.bare in ORG_HEADS or t.bare in LOC_HEADS or self._is_title_head(t) or t.conj
                       or (entry is not None and entry.type != "PER") for t, entry in zip(span, entries))

    def _pass_coordinated_places(self, f: "_Found") -> None:
        """Places coordinated with a known place ("في قابس والحامة", "شنني ومارث")."""
        toks, taken = f.toks, f.taken
        ends = {e.end: e for _, e in f.found if e.type == "LOC"}
        for i in range(1, len(toks)):
            t = toks[i]
            if taken[i] or not t.conj or not taken[i - 1] or toks[i - 1].end not in ends or t.boundary_before:
                continue
            if t.bare in self.known_words or self._stop(t) or t.bare == t.norm:
                continue
            if i + 1 < len(toks) and not toks[i + 1].boundary_before and not self._stop(toks[i + 1]):
                continue
            f.add(i, i, "LOC", None, "rule")

    def _pass_short_mentions(self, f: "_Found") -> None:
        """Short mentions of people named in full earlier ("الورشفاني" after "عبد السلام الورشفاني"): a family
        name, or a given name news rarely prints ("بتال" after "بتال العتيبي"); the last word of "محمد بن سلمان"
        is his father's name, not his."""
        surnames: dict[str, Entity] = {}
        for first, e in sorted(f.found, key=lambda x: x[1].start):
            if e.type == "PER" and len(e.name.split()) > 1:
                family = parse(e.name).family
                if family is not None and " " not in family:
                    surnames.setdefault(normalize(e.name.split()[-1]), e)
                given = normalize(e.name.split()[0])
                if 0 < self._count(given) < 100 and not given.startswith("ال") and given not in CHAIN:
                    surnames.setdefault(given, e)     # "بتال" after "بتال العتيبي": a rare given name
        for word in [w for w in surnames if w in _TRIBE_WORDS or PLURAL_PARTICIPLE.fullmatch(w)]:
            surnames.pop(word)                        # "بني" of "بني حرير", "المقبولين": no one's name
        if not surnames:
            return
        ends = {s[-2:] for s in surnames} if all(len(s) > 2 for s in surnames) else None
        for i, t in enumerate(f.toks):
            if ends is not None and t.norm[-2:] not in ends:
                continue                          # every form of a word ends in its last two letters
            hit = next(((form, cut) for form, cut in _forms(t.norm) if form in surnames), None)
            if hit is None or f.taken[i] or self._stop(t) or t.bare in f.owners or self._nisba_of_noun(f.toks, i) \
                    or ((self._common_word(t) or self._common_noun(t)) and not _speaker_slot(f.toks, i)):
                continue                          # "على", "عيد" are no mentions of "أحمد علي", "أحمد عيد"
            form, cut = hit
            f.add(i, i, "PER", surnames[form].canonical, "coref", self._title_before(f.toks, i, f.taken),
                  t.start + surface_cut(t.text, cut))

    def _nisba_of_noun(self, toks: list[_Tok], i: int) -> bool:
        """A definite nisba right after a definite noun agrees with it ("العمل العربي المشترك", "الأمن القومي
        العربي"): an adjective, not the short name of "نبيل العربي"; after a title it is his ("الدكتور العربي")."""
        t = toks[i]
        if i == 0 or t.boundary_before or t.conj or not (t.norm.startswith("ال") and t.norm.endswith("ي")):
            return False
        prev = toks[i - 1]
        return prev.norm.startswith("ال") and len(prev.norm) > 3 and not prev.conj and not self._is_title_head(prev) \
            and not self._is_given(prev)

    def _add_tagged(self, f: "_Found", first: int, last: int, etype: str) -> None:
        """A span of the tagger, checked: two coordinated names split, titles and place heads taken off,
        a person's span trimmed to what names look like."""
        toks = f.toks
        for k in range(first + 1, last + 1):          # "المنظمة الدولية ووزارة المالية": two names
            if toks[k].conj and (toks[k].bare in ORG_HEADS or toks[k].bare in LOC_HEADS
                                 or self._is_title_head(toks[k])):
                self._add_tagged(f, first, k - 1, etype)
                self._add_tagged(f, k, last, etype)
                return
        tf = None
        if etype != "PER" and first < last and toks[first].bare in _STARRING \
                and any(t.bare in _FILM_WORDS for t in toks[max(0, first - 6):first]):
            self._add_tagged(f, first + 1, last, "PER")   # "الفيلم بطولة بول رود": starring Paul Rudd
            return
        if etype == "PER" and first < last and toks[last].bare in _COMPANY_SUFFIXES:
            etype = "ORG"                             # "دراجون أويل": a foreign company, not a man
        if etype == "PER":
            span = self._person_span(toks, first, last, f.taken, f.owners)
            if span is None:
                return
            first, last, tf = span
        else:
            while etype == "LOC" and first < last and toks[first].bare in LOC_HEADS \
                    and toks[first].bare not in FACILITY_HEADS:
                first += 1                            # "منطقة الهلال النفطي": the place is الهلال النفطي
            if etype in ("LOC", "ORG") and first == last and self._common_word(toks[first]):
                return                                # "في الصباح": a common word, not the family or a place
        t = toks[first]
        cut = t.cut or self._clitic_cut(t, f.doc_norms)
        if etype == "PER" and cut == 1 and first < last and t.norm[:1] in ("ب", "ل") \
                and toks[first + 1].bare in _CHAIN_LINKS and t.norm[1:] not in self.given:
            cut = 0                                   # "بيرام ولد الداه" (not "لحسان بن ثابت"): his father's name
        name_start = t.start + (self._person_cut(t, cut) if etype == "PER" else cut)
        f.add(first, last, etype, None, "tagger", tf, name_start)

    def _appositions(self, text: str, toks: list[_Tok], ents: list[Entity]) -> list[Entity]:
        """A person's description after the name, between commas ("الورشفاني، الرجل القوي في شرق ليبيا،",
        "معز التريكي، المتحدث باسم الحماية المدنية،"), becomes the mention's descriptor; places and bodies
        named inside it are part of the description, as they are inside a title before the name."""
        by_end = {t.end: i for i, t in enumerate(toks)}
        n = len(toks)
        spans = []
        for e in ents:
            last = by_end.get(e.end)
            if e.type != "PER" or last is None or last + 1 >= n:
                continue
            j = last + 1
            gap = text[toks[last].end:toks[j].start].strip()
            if gap not in ("،", ",") or not (self._is_title_head(toks[j]) or toks[j].bare in APPOSITION_HEADS):
                continue
            k = j
            while k + 1 < n and k - j < 12 and not toks[k + 1].boundary_before and not self._is_given(toks[k + 1]) \
                    and toks[k + 1].bare not in NAME_LINKS and toks[k + 1].bare not in CUE_WORDS \
                    and toks[k + 1].norm not in CUE_WORDS:
                k += 1
            e.descriptors.append(text[toks[j].start + toks[j].cut:toks[k].end])
            spans.append((toks[j].start, toks[k].end))
        if not spans:
            return ents
        inside = Covering(spans)                      # one bisection per mention, not a scan of every span
        return [e for e in ents if e.type == "PER" or not inside.covers(e.start, e.end)]


_GENERIC_HEADS = _words("GENERIC_HEADS")
# given names that are words too ("حسن": good, "مساعد": assistant): names in a list of people
_LISTED_GIVEN = frozenset(AMBIGUOUS_GIVEN | _words("GIVEN_HOMOGRAPHS"))
_CAPITAL = normalize("العاصمة")


_BYLINE = re.compile(r"\s*(?:[A-Za-z][A-Za-z ]*\s)?([\u0621-\u064a\u0640]+(?: [\u0621-\u064a\u0640]+){1,2}) *[–—-]")


def _owners(toks: list[_Tok]) -> frozenset[str]:
    """Words the article prints right after a role in the construct state ("مدرب مارسيليا", "لاعب نيوكاسل",
    "متحدث باسم يوروتانيل") or before a company's last word ("إليوت أدفيزرز"): a team, a company or a city, not a
    person, here and wherever else it stands alone."""
    out = set()
    for i in range(len(toks) - 1):
        t, nxt = toks[i], toks[i + 1]
        role = t.bare in _ROLE_OF or (t.bare == "باسم" and i > 0 and toks[i - 1].bare in _SPOKESMEN)
        if role and not nxt.boundary_before and not nxt.bare.startswith("ال") and not nxt.conj:
            out.add(nxt.bare)
        if nxt.bare in _COMPANY_SUFFIXES and not nxt.boundary_before and not t.conj:
            out.add(t.bare)                           # "إليوت أدفيزرز": إليوت alone is the company too
    return frozenset(out)


_SAYS_THAT = frozenset({normalize("أن"), normalize("إن")})
_SAID = CUE_WORDS | {normalize(w) for w in ("بين", "تمنى", "أبان")}


def _speaker_slot(toks: list[_Tok], i: int) -> bool:
    """Between a verb of saying and "أن" ("وبين عيد أن", "وتمنى عيد أن"): the subject, so the family name of a man
    the article named in full even where it is a common word too (عيد: a feast)."""
    if not 0 < i < len(toks) - 1 or toks[i + 1].norm not in _SAYS_THAT or toks[i].boundary_before \
            or toks[i + 1].boundary_before:
        return False
    verb = toks[i - 1]
    return verb.bare in _SAID or (verb.norm[:1] in "وف" and verb.norm[1:] in _SAID)


def _known_bodies(gaz: list, n: int) -> list[int]:
    """For each token, the last token of a gazetteer place, body or index of two words or more that holds it
    ("ميريل لينش", "داو جونز", "توتنهام هوتسبير"), else -1: the tagger reads such foreign pairs as a man's name;
    the list knows better."""
    out = [-1] * n
    for m in gaz:
        if m.entry.type != "PER" and m.last_token > m.first_token:
            for k in range(m.first_token, m.last_token + 1):
                out[k] = max(out[k], m.last_token)
    return out


@lru_cache(maxsize=WORD_CACHE)
def _forms(norm: str) -> tuple[tuple[str, int], ...]:
    return tuple(proclitic_forms(norm))


@lru_cache(maxsize=1)
def default_recognizer() -> Recognizer:
    return Recognizer()


def recognize(text: str, words: list[tuple[int, int, str, str]] | None = None,
              extra: dict[str, str] | None = None, home: str | None = None) -> list[Entity]:
    """Entity mentions of one text; `home` is its dateline's country (national.dateline_country), a vote for
    whose national institutions it names alone."""
    return default_recognizer().find(text, words, extra, home=home)


def recognize_many(items: list[tuple]) -> list[list[Entity]]:
    """`recognize` for many (text, words, extra[, home]) at once: the tagger runs once over all of them."""
    return default_recognizer().find_many(items)


def tag_tokens(tokens: list[str]) -> list[str]:
    """BIO tags for one tokenized sentence (CONTRACT: `marsad.tag_tokens`): the trained tagger."""
    from .tagger import default_tagger
    return default_tagger().tag_batch([list(tokens)])[0] if tokens else []


def tag_tokens_with(recognizer: Recognizer, tokens: list[str]) -> list[str]:
    """BIO tags from a whole recognizer (gazetteer, tagger, rules). Titles are outside the name, and a title-only
    reference ("وقال وزير الخارجية") names no one: no tags."""
    text = ""
    spans = []
    for tok in tokens:
        if text:
            text += " "
        spans.append((len(text), len(text) + len(tok)))
        text += tok
    tags = ["O"] * len(tokens)
    for e in recognizer.find(text):
        if e.type == "PER" and e.name == e.title:
            continue
        name_start = e.end - len(e.name)
        inside = [i for i, (s, en) in enumerate(spans) if s < e.end and en > name_start]
        for k, i in enumerate(inside):
            tags[i] = ("B-" if k == 0 else "I-") + e.type
    return tags


@lru_cache(maxsize=1)
def rules_recognizer() -> Recognizer:
    return Recognizer(use_tagger=False)
