"""Turn the annotators' files into the stored gold: offsets into each record's `content` instead of the texts.

    python benchmarks/real_news/assemble.py DIR

DIR holds `statements_<part>_<k>.json` and `times_<part>_<k>.json` as GUIDE_statements.md and GUIDE_times.md ask
for (each span copied from the article, `occurrence` when it appears more than once). Writes statements.json and
times.json here: per article its id, its part and, per item, start/end and the annotated fields except the
copied text (the articles stay in ../shared/data).
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[2] / "shared" / "data" / "saudinewsnet" / "articles.jsonl.gz"


def offsets(text: str, span: str, occurrence: int | None) -> tuple[int, int]:
    pos = -1
    for _ in range(occurrence or 1):
        pos = text.find(span, pos + 1)
        if pos < 0:
            raise ValueError(f"not in the article: {span[:40]!r}")
    return pos, pos + len(span)


def main() -> None:
    src = Path(sys.argv[1])
    sample = json.loads((HERE / "sample.json").read_text(encoding="utf-8"))
    part_of = {i: part for part, ids in sample.items() for i in ids}
    content = {}
    with gzip.open(DATA, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["id"] in part_of:
                content[d["id"]] = d["content"]
    for task, key, span_key in (("statements", "statements", "content"), ("times", "times", "text")):
        articles = []
        for path in sorted(src.glob(f"{task}_*.json")):
            for art in json.loads(path.read_text(encoding="utf-8")):
                items = []
                for x in art[key]:
                    start, end = offsets(content[art["id"]], x[span_key], x.get("occurrence"))
                    kept = {k: v for k, v in x.items() if k not in (span_key, "occurrence")}
                    items.append({"start": start, "end": end, **kept})
                articles.append({"id": art["id"], "part": part_of[art["id"]], key: items})
        articles.sort(key=lambda a: (a["part"], sample[a["part"]].index(a["id"])))
        about = (f"Hand-annotated {task} of SaudiNewsNet articles (benchmarks/real_news/README.md): offsets into "
                 "each record's `content`; no article text is kept here.")
        (HERE / f"{task}.json").write_text(json.dumps({"about": about, "articles": articles}, ensure_ascii=False,
                                                      indent=1) + "\n", encoding="utf-8")
        print(task, len(articles), "articles", sum(len(a[key]) for a in articles), "items")


if __name__ == "__main__":
    main()
