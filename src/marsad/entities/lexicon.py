"""The entity recognizer's word lists, read from data files: what a name's neighbours can be (titles, head
nouns of institutions and places, given names, words that stop a name). They are data, not code, so that a
list grows without touching the rules that read it; each is put in matching form once, on first use."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from ..arabic.normalize import normalize


def lines(name: str) -> list[str]:
    """The non-empty, non-comment lines of a data file of the package."""
    text = resources.files("marsad.data").joinpath(name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=1)
def _sections() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    current = None
    for ln in lines("entity_words.txt"):
        if ln.startswith("[") and ln.endswith("]"):
            current = out.setdefault(ln[1:-1], set())
        elif current is not None:
            current.update(normalize(w) for w in ln.split())
    return {k: frozenset(v) for k, v in out.items()}


def phrases(section: str) -> list[tuple[str, ...]]:
    """One list of data/entity_words.txt whose lines are phrases, each in matching form, split into its words."""
    out, current = [], None
    for ln in lines("entity_words.txt"):
        if ln.startswith("[") and ln.endswith("]"):
            current = ln[1:-1]
        elif current == section:
            out.append(tuple(normalize(ln).split()))
    return out


def words(section: str) -> set[str]:
    """One list of data/entity_words.txt, in matching form (a fresh set: callers may extend their copy)."""
    return set(_sections()[section])


@lru_cache(maxsize=1)
def nationality_forms() -> frozenset[str]:
    """Nationality adjectives (NATIONALITIES) in their four forms: masculine and feminine, with and without the
    article ("روسي", "الروسية")."""
    return frozenset(f for w in words("NATIONALITIES") for f in (w, "ال" + w, w + "ه", "ال" + w + "ه"))


@lru_cache(maxsize=1)
def given_and_title_heads() -> tuple[frozenset, frozenset]:
    """Given names (data/first_names.txt, the list the tagger's features were trained with) and the first
    words of titles (data/titles.txt)."""
    given = frozenset(normalize(w) for w in lines("first_names.txt"))
    titles = [normalize(w) for w in lines("titles.txt")]
    return given, frozenset(t.split()[0] for t in titles)


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """Every word that opens a title: data/titles.txt's first words and MORE_TITLE_HEADS ("المخرج", "شيخ")."""
    return given_and_title_heads()[1] | _sections()["MORE_TITLE_HEADS"]


@lru_cache(maxsize=1)
def female_given() -> frozenset[str]:
    """Women's given names (data/female_names.txt), in matching form."""
    return frozenset(normalize(w) for w in lines("female_names.txt"))


def known_words(gaz) -> frozenset[str]:
    """Every word the lexicons and the gazetteer know: a proclitic is peeled off a word only when what remains
    is one of these (or starts with the article)."""
    given, title_heads = given_and_title_heads()
    out = set(given | title_heads | gaz.vocab)
    for section in ("MORE_TITLE_HEADS", "ORG_HEADS", "LOC_HEADS", "STOPWORDS", "CUE_WORDS", "NAME_LINKS",
                    "DESCRIPTOR_NOUNS"):
        out |= _sections()[section]
    return frozenset(out)


@lru_cache(maxsize=1)
def name_parts() -> frozenset[str]:
    """Family and father's names learned from how news uses them (data/name_parts.tsv, written by
    training/name_parts.py): words that follow a given name or a nasab chain in a large share of their
    occurrences ("الجاسر", "الربيعة", "بهوي"), in matching form; less the words listed as never a family name
    after a chain (NOT_FAMILY_AFTER_CHAIN: "برقية" follows "سلمان بن عبدالعزيز" as the telegram he sent)."""
    return frozenset(ln.split("\t")[0] for ln in lines("name_parts.tsv")) - _sections()["NOT_FAMILY_AFTER_CHAIN"]


@lru_cache(maxsize=1)
def seldom_names() -> frozenset[str]:
    """Frequent words news almost never uses inside a person's name (data/seldom_names.txt, written by
    training/seldom_names.py from how Marsad reads SaudiNewsNet), in matching form."""
    return frozenset(lines("seldom_names.txt"))


@lru_cache(maxsize=1)
def rules_given() -> frozenset[str]:
    """Given names the rules know beyond first_names.txt (which the tagger's features were trained on and stays
    as it is): the linking list (data/given_names.txt), women's names (data/female_names.txt) and foreign first
    names (data/foreign_given.txt), less the names that are common words too (AMBIGUOUS_GIVEN, GIVEN_HOMOGRAPHS)."""
    foreign = {normalize(w) for ln in lines("foreign_given.txt") for w in ln.split()}
    more = {normalize(w) for w in lines("given_names.txt")} | female_given() | foreign
    return frozenset(more - _sections()["AMBIGUOUS_GIVEN"] - _sections()["GIVEN_HOMOGRAPHS"])


@lru_cache(maxsize=1)
def homograph_given() -> frozenset[str]:
    """Given names that are also common words (AMBIGUOUS_GIVEN, GIVEN_HOMOGRAPHS, and حسن, "good"), in matching
    form. Kunyas stay out: "أم لين", "أبو الغيط" are names whatever their second word."""
    return frozenset((_sections()["AMBIGUOUS_GIVEN"] | _sections()["GIVEN_HOMOGRAPHS"] | {normalize("حسن")})
                     - {"ام", "ابو"})
