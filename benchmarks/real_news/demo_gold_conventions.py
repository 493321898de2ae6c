"""Bring the demo gold's time annotation to issue 25's conventions (run once, 2026-12-07; kept for the record).

    python benchmarks/real_news/demo_gold_conventions.py

Two conventions of examples/demo_corpus/gold.json contradicted what issue 25 asks of real news: "match minutes in
sports reports are not annotated" (a match report's timeline needs them) and a Hijri date "الموافق" a Gregorian
one was one expression (each is an expression). Mechanically: every "الدقيقة N" of a body becomes an expression
`PTNM` (a duration from the kick-off; "الدقيقة 90+3" is PT93M), and every annotated expression holding
"الموافق" is split there, the Hijri part keeping the value (a part of the day included) and the Gregorian part
getting the day. Nothing else changes; running it again changes nothing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

GOLD = Path(__file__).resolve().parents[2] / "examples" / "demo_corpus" / "gold.json"
MINUTE = re.compile(r"(?<!\w)الدقيقة\s+([0-9٠-٩]{1,3})(?:\s*\+\s*([0-9٠-٩]{1,2}))?")
JOIN = re.compile(r"\s*[،,(]?\s*(?:الموافق|الموافقة|يوافق)\s*(?:لـ?\s*)?")


def _split(t: dict) -> list[dict]:
    m = JOIN.search(t["text"])
    if not m:
        return [t]
    day = t["value"][:10] if t["value"] else None
    first = {**t, "text": t["text"][:m.start()], "end": t["start"] + m.start()}
    second = {**t, "text": t["text"][m.end():], "start": t["start"] + m.end(), "value": day, "type": "date",
              "consistent": True}
    return [first, second]


def main() -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    for art in gold["articles"]:
        times = [part for t in art["times"] for part in _split(t)]
        taken = [(t["start"], t["end"]) for t in times]
        for m in MINUTE.finditer(art["body"]):
            if any(min(m.end(), b) > max(m.start(), a) for a, b in taken):
                continue
            n = int(m.group(1)) + int(m.group(2) or 0)
            times.append({"text": m.group(0), "start": m.start(), "end": m.end(), "value": f"PT{n}M",
                          "type": "duration", "consistent": True})
        art["times"] = sorted(times, key=lambda t: t["start"])
        for t in art["times"]:
            assert art["body"][t["start"]:t["end"]] == t["text"], (art["id"], t["text"])
    GOLD.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
