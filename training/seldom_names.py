"""Learn which frequent words are (almost) never part of a person's name in SaudiNewsNet.

    python training/seldom_names.py [--records 20000] [--out src/marsad/data/seldom_names.txt]

The tagger reads a sentence, not the news, and the rules read a few words around a name: in an unusual sentence
either takes a common word for a name ("وتابعت "نثق في وصول…", "اتهم "بالتسبب في…"", "سارة وعمرها 12 عاما").
How the news uses that word elsewhere tells: a word that occurs often and is almost never inside a person's
name when Marsad reads the news is no name where it stands first. The script runs the recognizer over the first
`--records` records (the hand-annotated people articles all come after the first 20,000, so none is read
here), counts every word's occurrences and those inside a person's name (the name without its title), and
writes the words seen at least MIN_SEEN times with a share below MAX_SHARE. Given names of the package's lists
are never written, the ones that are common words too included: a rare reading as a name (نادر، انتصار) is
still a reading. `entities/person_spans.py` (`_past_seldom_names`) starts a person after such words and drops
a person made only of them.

Run it with the list emptied (an empty file): the recognizer's own use of the list would lower the shares.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from marsad.entities.lexicon import female_given, given_and_title_heads, rules_given, words  # noqa: E402
from marsad.entities.recognize import default_recognizer  # noqa: E402
from corpus import snn_texts  # noqa: E402

MIN_SEEN, MAX_SHARE = 20, 0.02
BATCH = 64


def texts(records: int):
    return (t for t in snn_texts(records, ("content",)) if t.strip())


def name_spans(ents) -> list[tuple[int, int]]:
    """The name of each person mention, without the title before it."""
    out = []
    for e in ents:
        if e.type == "PER":
            k = e.text.rfind(e.name)
            out.append((e.start + k, e.start + k + len(e.name)) if k >= 0 else (e.start, e.end))
    return sorted(out)


def count(records: int) -> tuple[Counter, Counter]:
    rec = default_recognizer()
    total, inside = Counter(), Counter()
    batch: list[str] = []

    def flush() -> None:
        for text, ents in zip(batch, rec.find_many([(t, None, None) for t in batch])):
            spans = name_spans(ents)
            j = 0
            for t in rec.tokenizer.tokens(text):
                total[t.norm] += 1
                while j < len(spans) and spans[j][1] <= t.start:
                    j += 1
                if j < len(spans) and spans[j][0] < t.end:
                    inside[t.norm] += 1
        batch.clear()

    for text in texts(records):
        batch.append(text)
        if len(batch) == BATCH:
            flush()
    flush()
    return total, inside


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=20_000)
    ap.add_argument("--out", default=str(ROOT / "src" / "marsad" / "data" / "seldom_names.txt"))
    args = ap.parse_args()
    total, inside = count(args.records)
    given = (given_and_title_heads()[0] | rules_given() | female_given() | words("AMBIGUOUS_GIVEN")
             | words("GIVEN_HOMOGRAPHS"))
    rows = sorted(w for w, n in total.items() if n >= MIN_SEEN and inside[w] / n < MAX_SHARE
                  and w not in given and not w.isdigit())
    with open(args.out, "w", encoding="utf-8") as out:
        out.write(f"# words (matching form) seen at least {MIN_SEEN} times in the first {args.records} "
                  f"SaudiNewsNet records and inside a person's name in under {MAX_SHARE:.0%} of them; "
                  f"learned by training/seldom_names.py\n")
        out.write("".join(w + "\n" for w in rows))
    print(f"{len(rows)} words written to {args.out}")


if __name__ == "__main__":
    main()
