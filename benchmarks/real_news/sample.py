"""Draw the hand-annotated statements-and-dates sample (issue "Who said what, and when, on real news"): ids only,
the texts stay in ../shared/data/saudinewsnet.

    python benchmarks/real_news/sample.py > benchmarks/real_news/sample.json

Articles of 400 to 3,000 characters of content, at most 6 per outlet in a part, drawn with fixed seeds; nothing is
chosen by looking at the texts. None is an article of the people samples (benchmarks/people, training/people_news)
and none shares a run of eight words with an article drawn before it in a tenth of its runs (a wire copy would let
a rule tuned on one part be scored on its twin in the other). Parts:
- "tuning" (seed 2501, 50 articles): annotated first; its errors are read while rules are written;
- "held_out" (seed 2502, 50 articles): annotated by readers who did not run the program, scored only after the
  rules of a session are written (decision rule in README.md), never read for errors in the same session;
- "held_out_2" (seed 2503, 50 articles): drawn and annotated the same way in the same session (2026-12-07), after
  the first held-out figure was taken, for a figure on articles no rule of the session was scored against;
- "held_out_3" (seed 2504, 50 articles): drawn in the same session after the held-out parts were scored at the end
  of its first rules, when "held_out" (scored twice, its errors then read) joined the tuning text;
- "held_out_4" (seed 2505, 50 articles): drawn after "held_out_2" and "held_out_3" were scored at the end of the
  second rules, when "held_out_2" (scored twice, its errors then read) joined the tuning text;
- "held_out_5" and "held_out_6" (seeds 2506 and 2507, 50 articles each): drawn in the next session (2026-12-07,
  afternoon), when "held_out_3" and "held_out_4" (scored after three rounds of rules, their errors then read) joined
  the tuning text;
- "held_out_7" and "held_out_8" (seeds 2508 and 2509): drawn in the same session when "held_out_5" and
  "held_out_6" (scored once, after the fifth round of rules) joined the tuning text;
- "held_out_9" and "held_out_10" (seeds 2510 and 2511; statements only): drawn when the statements of
  "held_out_7" and "held_out_8" (scored once, after the sixth round) joined the tuning text; their times were
  never read.
- "held_out_11" and "held_out_12" (seeds 2512 and 2513; statements only): drawn in the third session (2026-12-07,
  evening), when "held_out_9" and "held_out_10" (scored once, at the second session's end) joined the tuning text;
- "held_out_13" and "held_out_14" (seeds 2514 and 2515; statements only): drawn in the same session when
  "held_out_11" and "held_out_12" (scored once, after its first round of rules) joined the tuning text;
- "held_out_15" and "held_out_16" (seeds 2516 and 2517; statements only): drawn in the same session when
  "held_out_13" and "held_out_14" (scored once, after its second round) joined the tuning text;
- "held_out_17" and "held_out_18" (seeds 2518 and 2519; statements only): drawn at the start of the fourth session
  (2026-12-07, night), when "held_out_15" and "held_out_16" (scored once, at the third session's end) joined the
  tuning text;
- "held_out_19" and "held_out_20" (seeds 2520 and 2521; statements only): drawn at the start of the fifth session
  (2026-12-07, evening), when "held_out_17" and "held_out_18" (scored once, at the fourth session's end) joined the
  tuning text;
- "held_out_21" and "held_out_22" (seeds 2522 and 2523; statements only): drawn in the same session when
  "held_out_19" and "held_out_20" (scored once, after its first round of rules) joined the tuning text.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data" / "saudinewsnet" / "articles.jsonl.gz"
DRAWS = (("tuning", 2501, 50, 6), ("held_out", 2502, 50, 6), ("held_out_2", 2503, 50, 6), ("held_out_3", 2504, 50, 6),
         ("held_out_4", 2505, 50, 6), ("held_out_5", 2506, 50, 6), ("held_out_6", 2507, 50, 6),
         ("held_out_7", 2508, 50, 6), ("held_out_8", 2509, 50, 6), ("held_out_9", 2510, 50, 6),
         ("held_out_10", 2511, 50, 6), ("held_out_11", 2512, 50, 6), ("held_out_12", 2513, 50, 6),
         ("held_out_13", 2514, 50, 6), ("held_out_14", 2515, 50, 6), ("held_out_15", 2516, 50, 6),
         ("held_out_16", 2517, 50, 6), ("held_out_17", 2518, 50, 6), ("held_out_18", 2519, 50, 6),
         ("held_out_19", 2520, 50, 6), ("held_out_20", 2521, 50, 6),
         ("held_out_21", 2522, 50, 6), ("held_out_22", 2523, 50, 6))
RUN, SHARE = 8, 0.1


def runs(text: str) -> set[int]:
    words = re.findall(r"\w+", text)
    return {hash(tuple(words[k:k + RUN])) for k in range(max(0, len(words) - RUN + 1))}


def used_elsewhere() -> set[str]:
    """Ids of the people samples: annotated for another issue and read while its rules were written."""
    out: set[str] = set()
    people = [ROOT / "benchmarks" / "people" / "sample.json", *(ROOT / "training" / "people_news").glob("sample*.json")]
    for path in people:
        data = json.loads(path.read_text(encoding="utf-8"))
        for ids in data.values():
            out |= {i for i in ids if isinstance(i, str)}
    return out


def main() -> None:
    skip = used_elsewhere()
    by_outlet: dict[str, list[str]] = defaultdict(list)
    texts: dict[str, str] = {}
    with gzip.open(DATA, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["id"] not in skip and 400 <= len(d["content"]) <= 3000:
                by_outlet[d["source"]].append(d["id"])
                texts[d["id"]] = d["content"]
    taken: set[str] = set()
    seen: set[int] = set()
    out = {}
    for name, seed, total, per_outlet in DRAWS:
        rng = random.Random(seed)
        pool = []
        for outlet in sorted(by_outlet):
            free = [i for i in by_outlet[outlet] if i not in taken]
            rng.shuffle(free)
            picked = []
            for i in free:
                r = runs(texts[i])
                if r and len(r & seen) >= SHARE * len(r):
                    continue
                picked.append(i)
                seen |= r
                if len(picked) == per_outlet:
                    break
            pool += picked
        rng.shuffle(pool)
        out[name] = pool[:total]
        taken |= set(out[name])
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
