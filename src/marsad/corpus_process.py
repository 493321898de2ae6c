"""The corpus stages of an ingest, run in a process of their own that ends with them.

Why: a corpus stage builds hundreds of megabytes of small objects and frees them, but Python's allocator hands a
1 MB arena back only when every object in it is gone, and a pass leaves a few thousand alive whatever is emptied
(the interned-string table, orjson's key cache, lists a store keeps): measured on a pass over 5,000 SaudiNewsNet
articles (2026-12-06), 3,085 objects (4 MB) left by the stories stage kept 176 arenas that held 0.2 MB of them.
Pass after pass, a long ingest's own process grew (1,099 MB at 10,000 articles, 1,708 at 100,000) though one
pass peaks the same over either store. A child's memory goes back to the system when it exits, whatever it left
alive, and the ingest's process never loads the stages' models at all.

The child is forked from the warm fork server (`executors.warm`: models already loaded, pages shared), opens the
store itself, takes the corpus lock as `corpus.rebuild` always does, and reports each stage, its timings and its
counts through a pipe. A signal to the ingest stops the child (SIGTERM): the stage it was in commits nothing,
as when the stages ran in the ingest's own process.
"""

from __future__ import annotations

import signal
from collections.abc import Callable
from pathlib import Path

from .store import is_postgres


class CorpusProcessError(RuntimeError):
    """The corpus stages failed in their process; the message is the error there ("StoreError: ...")."""


def rebuild_apart(db: str, *, progress: Callable[[str], None] | None = None, full: bool = False,
                  timings: dict[str, float] | None = None) -> dict[str, int]:
    """`corpus.rebuild` of the store at `db` (a SQLite path or a PostgreSQL URL), in a child process."""
    from .executors.local import worker_context

    ctx = worker_context()
    receive, send = ctx.Pipe(duplex=False)
    where = db if is_postgres(db) else str(Path(db).resolve())     # the fork server's directory may not be ours
    proc = ctx.Process(target=_child, args=(where, full, send), name="marsad-corpus", daemon=True)
    proc.start()
    send.close()
    try:
        while True:
            try:
                kind, value = receive.recv()
            except EOFError:
                proc.join()
                raise CorpusProcessError(f"the corpus process ended without finishing (exit code {proc.exitcode}): "
                                         "the views of the stage it was in are as they were") from None
            if kind == "stage" and progress is not None:
                progress(value)
            elif kind == "timings" and timings is not None:
                timings.update(value)
            elif kind == "error":
                raise CorpusProcessError(value)
            elif kind == "done":
                return value
    finally:
        if proc.is_alive():
            proc.terminate()                # interrupted here: the child's open transaction is rolled back
        proc.join()
        receive.close()


def _child(db: str, full: bool, send) -> None:
    from .corpus import rebuild
    from .executors.lifeline import die_with_parent
    from .store import open_store

    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)        # Ctrl-C is the ingest's to handle: it stops us
    timings: dict[str, float] = {}
    try:
        store = open_store(db)
        try:
            counts = rebuild(store, progress=lambda name: send.send(("stage", name)), full=full, timings=timings)
        finally:
            store.close()
        send.send(("timings", timings))
        send.send(("done", counts))
    except BaseException as exc:  # noqa: BLE001 - reported to the ingest, which records it as a corpus failure
        send.send(("timings", timings))
        send.send(("error", f"{exc.__class__.__name__}: {exc}"))
    finally:
        send.close()
