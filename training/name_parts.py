"""Learn which words are people's family (and father's) names from how SaudiNewsNet uses them.

    python training/name_parts.py [--records 20000] [--out src/marsad/data/name_parts.tsv]

A family name nobody listed ("الجاسر", "بنزيمه", "المخرج") and a common word ("السيرة", "المؤهل", "الكثير") look
alike to the rules: both can follow a given name ("حسن الجاسر" / "حسن السيرة"), and word frequency does not tell
them apart (الجاسر is as frequent as السيرة). What does is the company a word keeps: a family name follows a
given name or a nasab chain ("بن عبدالرحمن الكثير") in a large share of its occurrences, a common word in a
small one. For every word of the first `--records` records (the hand-annotated people articles all come after
the first 20,000, so none is read here) the script counts its occurrences and those right after a given name
of the package's lists or after "بن X"; a word with enough of both and a high share is written out with its
counts. The recognizer reads the file (entities/name_parts.py) to take such a word into a name and to refuse
a "name" whose second word is a common one.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from marsad.entities.lexicon import female_given, given_and_title_heads, lines, words  # noqa: E402
from marsad.entities.recognize import default_recognizer  # noqa: E402
from marsad.arabic.normalize import normalize  # noqa: E402
from marsad.arabic.segment import PRONOUN_ENDINGS  # noqa: E402
from corpus import snn_texts  # noqa: E402

CHAIN = {normalize(w) for w in ("بن", "ابن", "بنت")}
MIN_AFTER, MIN_SHARE = 3, 0.2


def given_names() -> frozenset[str]:
    """Men's given names that are no common word: women's names are often nouns (أمل، نور، وفاء), and a
    homograph's company ("على مستوى", "عيد الفطر") would teach common words as family names."""
    given, _ = given_and_title_heads()
    more = {normalize(w) for w in lines("given_names.txt")}
    return frozenset(given | more) - female_given() - words("GIVEN_HOMOGRAPHS")


def count(records: int) -> tuple[Counter, Counter]:
    tokenizer = default_recognizer().tokenizer
    given = given_names()
    total, after = Counter(), Counter()
    for content in snn_texts(records, ("content",)):
        toks = tokenizer.tokens(content)
        for k, t in enumerate(toks):
            total[t.norm] += 1
            if k == 0 or t.boundary_before or t.conj:
                continue
            prev = toks[k - 1]
            chain = k >= 2 and toks[k - 2].bare in CHAIN and not prev.boundary_before
            if (prev.bare in given and not prev.boundary_before) or chain:
                after[t.norm] += 1
    return total, after


def never_a_name_part() -> Callable[[str], bool]:
    """Words that follow names inside other phrases: titles ("ولي العهد" after "محمد بن نايف"), heads and
    adjectives of the institutions named after people ("مركز الملك سلمان للإغاثة", "مستشفى الملك فيصل
    التخصصي"), words with a preposition or a pronoun on them."""
    lists = ("STOPWORDS", "CUE_WORDS", "MORE_TITLE_HEADS", "ORG_HEADS", "LOC_HEADS", "DESCRIPTIVE_ADJ",
             "NOT_FAMILY_AFTER_CHAIN", "NOT_LAST_OF_PERSON", "NAME_LINKS", "DESCRIPTOR_NOUNS")
    never = set(CHAIN) | set(given_and_title_heads()[1]) | set().union(*(words(n) for n in lists))
    return lambda w: w in never or w.startswith("لل") or w.endswith(PRONOUN_ENDINGS)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=20_000)
    ap.add_argument("--out", default=str(ROOT / "src" / "marsad" / "data" / "name_parts.tsv"))
    args = ap.parse_args()
    total, after = count(args.records)
    never = never_a_name_part()
    rows = sorted((w for w, a in after.items() if a >= MIN_AFTER and a / total[w] >= MIN_SHARE
                   and w.isalpha() and not never(w)), key=lambda w: (-after[w], w))
    with open(args.out, "w", encoding="utf-8") as out:
        out.write(f"# word (matching form), occurrences, after a given name or a nasab chain; learned by "
                  f"training/name_parts.py from the first {args.records} SaudiNewsNet records\n")
        for w in rows:
            out.write(f"{w}\t{total[w]}\t{after[w]}\n")
    print(f"{len(rows)} words written to {args.out}")


if __name__ == "__main__":
    main()
