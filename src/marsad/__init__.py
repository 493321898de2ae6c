"""Marsad (مرصد): an offline monitor for Arabic news.

Python API (CONTRACT.md): `analyze(text_or_bytes, published=None, outlet=None) -> Document` and
`tag_tokens(tokens) -> list[str]`.
"""

from .document import Document
from .entities.recognize import tag_tokens
from .pipeline import analyze

__all__ = ["Document", "analyze", "tag_tokens"]
__version__ = "0.1.0"
