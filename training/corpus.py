"""Reading the shared training data (ANERcorp / AQMAR CoNLL, SaudiNewsNet JSONL) for the tagger scripts.

Nothing here ships in the package: the scripts read ../shared/data and write weights into src/marsad/models/.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path((ROOT.parent / "shared")).resolve()
DATA = SHARED / "data"

_TOKEN = re.compile(r"[\w\u0640\u064b-\u065f\u0670]+|[^\s\w]")


def read_conll(path: Path) -> list[tuple[list[str], list[str]]]:
    """Sentences of (tokens, tags); blank lines separate sentences."""
    out: list[tuple[list[str], list[str]]] = []
    toks: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            if toks:
                out.append((toks, tags))
                toks, tags = [], []
            continue
        parts = line.split()
        if len(parts) < 2:
            continue
        toks.append(parts[0])
        tags.append(parts[-1])
    if toks:
        out.append((toks, tags))
    return out


def snn_records(limit: int | None = None) -> Iterator[dict]:
    """SaudiNewsNet records in file order, the first `limit` of them (the people annotations all come after
    the first 20,000)."""
    with gzip.open(DATA / "saudinewsnet" / "articles.jsonl.gz", "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if limit is not None and i >= limit:
                break
            yield json.loads(line)


def snn_texts(limit: int | None = None, fields: tuple[str, ...] = ("title", "content")) -> Iterator[str]:
    """Titles and bodies of SaudiNewsNet (or only the fields asked for): our unlabeled Arabic news."""
    for row in snn_records(limit):
        for key in fields:
            if row.get(key):
                yield row[key]


def tokenize(text: str) -> list[str]:
    """ANERcorp-style tokens: words with their clitics, punctuation apart."""
    return _TOKEN.findall(text)


def sentences(text: str, max_len: int = 80) -> Iterator[list[str]]:
    """Token lists cut at sentence punctuation (and at max_len), for unlabeled text."""
    cur: list[str] = []
    for tok in tokenize(text):
        cur.append(tok)
        if tok in ".!?؟" or len(cur) >= max_len:
            if len(cur) > 1:
                yield cur
            cur = []
    if len(cur) > 1:
        yield cur
