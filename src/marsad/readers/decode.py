"""Bytes to text: encoding detection for the encodings Arabic scrapes really come in.

UTF-8 (with or without BOM) is tried first because it is by far the most common and a strict UTF-8 decode
almost never succeeds on other encodings by accident. UTF-16 is recognized by BOM or by its NUL pattern.
Everything else goes to charset-normalizer, restricted to the legacy encodings of Arabic text
(windows-1256, ISO-8859-6, and the DOS/Mac code pages) plus Latin ones for non-Arabic pages, which is both
faster and more accurate than letting it consider all ~100 code pages.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

CANDIDATES = ["cp1256", "iso8859_6", "cp720", "mac_arabic", "utf_16", "cp1252", "latin_1"]
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
BINARY_SIGNATURES = {
    b"%PDF": "PDF document",
    b"PK\x03\x04": "ZIP archive (or DOCX/XLSX)",
    b"\x89PNG": "PNG image",
    b"GIF8": "GIF image",
    b"\xff\xd8\xff": "JPEG image",
    b"\x1f\x8b": "gzip data",
    b"\x7fELF": "executable",
    b"BZh": "bzip2 data",
    b"\xd0\xcf\x11\xe0": "MS Office document",
    b"SQLite format 3": "SQLite database",
}


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept."""


def sniff_binary(raw: bytes) -> str | None:
    """A short description if the bytes are a known binary format, else None."""
    for sig, what in BINARY_SIGNATURES.items():
        if raw.startswith(sig):
            return what
    return None


def _looks_utf16(raw: bytes) -> str | None:
    sample = raw[:4000]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd_nul = sample[1::2].count(0) / max(1, len(sample[1::2]))
    # Arabic in UTF-16 has 0x06 high bytes, ASCII has 0x00: either way one byte lane is very uniform.
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf_16_le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf_16_be"
    hi_even = sum(1 for b in sample[1::2] if b in (0, 6)) / max(1, len(sample[1::2]))
    hi_odd = sum(1 for b in sample[0::2] if b in (0, 6)) / max(1, len(sample[0::2]))
    if hi_even > 0.9 and hi_odd < 0.3:
        return "utf_16_le"
    if hi_odd > 0.9 and hi_even < 0.3:
        return "utf_16_be"
    return None


def decode(raw: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return (text, encoding name). Raises DecodeError for binary data."""
    if raw.startswith(codecs.BOM_UTF8):
        return raw[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if raw.startswith(codecs.BOM_UTF16_LE) or raw.startswith(codecs.BOM_UTF16_BE):
        text = raw.decode("utf-16", errors="replace")
        if not _plausible_text(text):
            raise DecodeError("binary file (UTF-16 byte-order mark, but not text), not text")
        return text, "utf-16"
    what = sniff_binary(raw)
    if what:
        raise DecodeError(f"binary file ({what}), not text")
    if b"\x00" in raw[:4096]:
        # UTF-16 without a BOM is also valid UTF-8 byte by byte (NUL and 0x06 are ASCII controls): test it first
        utf16 = _looks_utf16(raw)
        if utf16:
            text = raw.decode(utf16, errors="replace")
            if not _plausible_text(text):
                raise DecodeError("binary file (NUL bytes, and not UTF-16 text either), not text")
            return text, utf16.replace("_", "-")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _control_ratio(text) > 0.05:
            raise DecodeError("binary file (mostly control characters), not text")
        return text, "utf-8"
    if b"\x00" in raw[:4096]:
        raise DecodeError("binary file (contains NUL bytes), not text")
    declared = declared or _declared_charset(raw)
    if declared:
        try:
            enc = codecs.lookup(declared).name
            if enc in ("latin-1", "iso8859-1", "ascii"):
                enc = "cp1252"        # as browsers read these labels (WHATWG): curly quotes, not C1 controls
            if enc not in ("utf-8",):
                return raw.decode(enc), enc
        except (LookupError, UnicodeDecodeError):
            pass
    best = charset_normalizer.from_bytes(raw, cp_isolation=CANDIDATES).best()
    if best is None:
        raise DecodeError("undecodable bytes: not UTF-8, UTF-16, windows-1256, ISO-8859-6 or Latin text")
    text = str(best)
    if _control_ratio(text) > 0.05:
        raise DecodeError("binary file (mostly control characters), not text")
    return text, codecs.lookup(best.encoding).name


def _declared_charset(raw: bytes) -> str | None:
    m = _META_CHARSET.search(raw[:4096])
    return m.group(1).decode("ascii", "ignore") if m else None


_TEXTLIKE = re.compile(r"[\s\w.,;:!?؟،؛()\[\]{}\"'«»“”\-–—/…%&@#*+=<>|\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff"
                       r"\ufb50-\ufdff\ufe70-\ufeff\u0400-\u04ff\u00c0-\u024f]")


def _plausible_text(text: str) -> bool:
    """Most characters are letters, digits, spaces or punctuation of the scripts news is written in: random
    bytes read as UTF-16 give CJK, private-use and control characters instead."""
    sample = text[:4000]
    if not sample:
        return False
    return len(_TEXTLIKE.findall(sample)) / len(sample) >= 0.85 and _control_ratio(sample) < 0.05


_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


def _control_ratio(text: str) -> float:
    sample = text[:5000]
    if not sample:
        return 0.0
    return len(_CONTROL.findall(sample)) / len(sample)      # counted in C, not by a loop over characters
