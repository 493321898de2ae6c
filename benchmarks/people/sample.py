"""Draw the hand-annotated people sample (issue "People in real Arabic news"): ids only, the texts stay in
../shared/data/saudinewsnet.

    python benchmarks/people/sample.py > benchmarks/people/sample.json

Articles come from after the first 20,000 of the file (the top-50 review reads those), 300 to 2,500 characters
of content, a few per outlet, drawn with fixed seeds; nothing is chosen by looking at the texts. Fourteen draws, each
excluding the ones before it:
- "first" (seed 21, 66 articles, at most 8 per outlet): its errors were read while the rules were written, so all
  of it is tuning (it was meant to be split 24/42, but the first error listing showed both parts);
- "second" (seed 2121, 40 articles, at most 6 per outlet): tuning;
- "held_out" (seed 2122, 44 articles, at most 6 per outlet): annotated after the rules were written, read by
  nobody who changed them; reported until the session of 2026-12-04 (second), which read its errors and tuned on
  them, so it joined the tuning parts;
- "fourth" (seed 2123, 48 articles, at most 6 per outlet): drawn and annotated in that session before any of its
  errors were printed; its figure was taken after the first round of rules, then its errors were read and it
  joined the tuning parts;
- "fifth" (seed 2124, 48 articles, at most 6 per outlet): drawn and annotated in the same session, by readers who
  did not run the program, while the fourth part's errors were read; reported until the session of 2026-12-05
  (third), which read its errors and tuned on them;
- "sixth" and "seventh" (seeds 2125 and 2126, 48 articles each, at most 6 per outlet): drawn and annotated at the
  start of that session by readers who did not run the program, before any rule of the session was written; the
  figures reported are these two parts' (gold.json's "held_out");
- "eighth", "ninth" and "tenth" (seeds 2127-2129, 48 articles each, at most 6 per outlet): drawn and annotated in
  that session as more tuning text; their first figures, taken before their errors were read, are in README.md;
- "eleventh" and "twelfth" (seeds 2130 and 2131, 48 articles each, at most 6 per outlet): drawn and annotated in
  the fifth session (2026-12-05) after its first rules, by readers who did not run the program; held out for one
  figure, then read (gold.json's "eleventh_twelfth");
- "thirteenth" and "fourteenth" (seeds 2132 and 2133): drawn and annotated in that session by other readers while
  the eleventh and twelfth were read; gold.json's "held_out_2", never tuned on;
- "fifteenth" and "sixteenth" (seeds 2134 and 2135, 2026-12-07, ninth session): fresh tuning text for a tagger
  taught on annotated news, so they also leave out its 3,200 training articles (training/people_news/) and every
  article sharing a run of eight words with one of them in a tenth of its runs (a wire copy): read as held out
  once, then tuned on (gold.json's "fifteenth_sixteenth");
- "seventeenth" and "eighteenth" (seeds 2136 and 2137): drawn the same way in the same session while the
  fifteenth and sixteenth were read, annotated by other readers; read as held out once, then tuned on
  (gold.json's "seventeenth_eighteenth").
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "saudinewsnet" / "articles.jsonl.gz"
SKIP = 20_000
DRAWS = (("first", 21, 66, 8), ("second", 2121, 40, 6), ("held_out", 2122, 44, 6), ("fourth", 2123, 48, 6),
         ("fifth", 2124, 48, 6), ("sixth", 2125, 48, 6), ("seventh", 2126, 48, 6),
         ("eighth", 2127, 48, 6), ("ninth", 2128, 48, 6), ("tenth", 2129, 48, 6),
         ("eleventh", 2130, 48, 6), ("twelfth", 2131, 48, 6), ("thirteenth", 2132, 48, 6),
         ("fourteenth", 2133, 48, 6), ("fifteenth", 2134, 48, 6), ("sixteenth", 2135, 48, 6),
         ("seventeenth", 2136, 48, 6), ("eighteenth", 2137, 48, 6))
TRAINED = Path(__file__).resolve().parents[2] / "training" / "people_news" / "sample.json"
AFTER_TRAINING = "fifteenth"        # draws from here on leave out the tagger's training text and its copies
RUN, SHARE = 8, 0.1


def runs(text: str) -> set[int]:
    words = re.findall(r"\w+", text)
    return {hash(tuple(words[k:k + RUN])) for k in range(max(0, len(words) - RUN + 1))}


def candidates() -> tuple[dict[str, list[str]], set[str]]:
    """Candidates by outlet, and those that are the tagger's training text or a copy of it."""
    trained = set(json.loads(TRAINED.read_text(encoding="utf-8"))["ids"])
    by_outlet: dict[str, list[str]] = defaultdict(list)
    seen: set[int] = set()
    texts = {}
    with gzip.open(DATA, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            d = json.loads(line)
            if d["id"] in trained:
                seen |= runs(d["content"])
            if i >= SKIP and 300 <= len(d["content"]) <= 2500:
                by_outlet[d["source"]].append(d["id"])
                texts[d["id"]] = d["content"]
    near = {i for i, t in texts.items() if i in trained or (r := runs(t)) and len(r & seen) >= SHARE * len(r)}
    return by_outlet, near


def main() -> None:
    by_outlet, near = candidates()
    taken: set[str] = set()
    out = {}
    for name, seed, total, per_outlet in DRAWS:
        if name == AFTER_TRAINING:
            taken |= near
        rng = random.Random(seed)
        pool = []
        for ids in by_outlet.values():
            free = [i for i in ids if i not in taken]
            pool += rng.sample(free, min(per_outlet, len(free)))
        rng.shuffle(pool)
        out[name] = pool[:total]
        taken |= set(out[name])
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
