"""Marsad (مرصد): an offline monitor for Arabic news.

Python API (CONTRACT.md): `analyze(text_or_bytes, published=None, outlet=None) -> Document`,
`open(path_or_url) -> Corpus` (the reads of a stored corpus: stories, story, entities, quotes, duplicates,
provenance, search, stats, digest) and `tag_tokens(tokens) -> list[str]`.
"""

from .document import Document
from .entities.recognize import tag_tokens
from .pipeline import analyze
from .query import Corpus, NotFound, open  # noqa: A004 - marsad.open is the contract's name

__all__ = ["Document", "Corpus", "NotFound", "analyze", "open", "tag_tokens"]
__version__ = "0.1.0"
