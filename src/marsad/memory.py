"""Giving the memory a corpus stage used back to the operating system when it ends.

A corpus stage builds hundreds of megabytes of small objects (the stories of a batch's days, every name linking
reads) and frees them when it ends, but a long ingest's main process kept the high-water mark of its largest
pass. Two things held it: the C allocator keeps freed pages for reuse (`malloc_trim` returns them, glibc only),
and Python's allocator can only return a 1 MB arena once every object in it is gone, while the per-word caches
(`functools.lru_cache` of normalized words, index terms, term weights...) filled during the stage had put a few
live entries into nearly every arena it used. Measured on a pass over 5,000 SaudiNewsNet articles (2026-12-06,
proportional set size): 713 MB after the pass with the allocator's pages returned, 571-578 MB with the per-word
caches emptied as well (this module), 274 MB with the models' loaders emptied too (not done: the next pass would
load them again). The caches fill again on the next pass; their entries are cheap to compute.
"""

from __future__ import annotations

import ctypes
import functools
import gc
import sys

from .arabic.segment import MEMOS, WordMemo

PER_WORD = 1024          # an lru_cache at least this large is a per-word (or per-name, per-line) cache


@functools.lru_cache(maxsize=1)
def _trim():
    """glibc's malloc_trim, or None where the C library has none."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None


def word_caches() -> list:
    """Marsad's per-word caches: its modules' lru_caches of PER_WORD entries or more, and every WordMemo alive
    (a module's or an object's: the tokenizer's and the tagger's analyses of each word)."""
    out: dict[int, object] = dict(MEMOS.items())        # by identity: modules import each other's functions
    for name, module in list(sys.modules.items()):
        if not (name == "marsad" or name.startswith("marsad.")) or module is None:
            continue
        for value in vars(module).values():
            if isinstance(value, functools._lru_cache_wrapper) and \
                    (value.cache_parameters()["maxsize"] or 0) >= PER_WORD:
                out[id(value)] = value
    return list(out.values())


def forget_words(keep: tuple = ()) -> None:
    """Empty the per-word caches but those in `keep` (their room goes back to Python's allocator, for what the
    process makes next)."""
    for cache in word_caches():
        if any(cache is k for k in keep):
            continue
        if isinstance(cache, WordMemo):
            cache.clear()
        else:
            cache.cache_clear()


def release() -> bool:
    """Empty the per-word caches, collect cycles and hand the allocator's free pages back. True when the pages
    were handed back (glibc)."""
    forget_words()
    gc.collect()
    trim = _trim()
    if trim is None:
        return False
    trim(0)
    return True
