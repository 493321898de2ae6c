"""Corpus stages over the store, composed: each is a named step that brings one view up to date.

The order matters: outlet templates first (they re-clean stored bodies), then the duplicate index (over the
clean bodies), entity linking (one entity across articles), stories (which read the linked mentions and the
statements as the last run named their speakers), and the entity table last (it also gives statements their
speaker's corpus name). The stages run under the store's corpus lock, so two ingests into one store never
update the views at the same time; each stage commits its own view.

Every stage updates from the batch (the documents stored since it last ran, and those re-cleaned or deleted
since), so the cost of adding articles grows with them, not with the store. `full=True` is the rebuild a user
asks for (`marsad corpus --full`): links and the entity table from what each article said, stories placed again
from nothing, every outlet's pages checked against its template.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from . import memory
from .clean.reclean import learn_and_reclean
from .dedup import persist
from .entities import catalog
from .store.base import Store
from .stories import stage as stories_stage


@dataclass(frozen=True)
class CorpusStage:
    name: str                                   # what the progress bar shows
    run: Callable[[Store, bool], dict[str, int]]    # brings the view up to date (from scratch when the flag is
                                                    # set); returns counts for the summary


def _templates(store: Store, full: bool) -> dict[str, int]:
    return {"re-cleaned by templates": learn_and_reclean(store, full=full)["recleaned"]}


def _duplicates(store: Store, full: bool) -> dict[str, int]:
    return {"new duplicate pairs": persist.update(store, full=full)["pairs"]}


def _stories(store: Store, full: bool) -> dict[str, int]:
    return stories_stage.repair(store).counts() if full else stories_stage.update(store)


STAGES: tuple[CorpusStage, ...] = (
    CorpusStage("outlet templates", _templates),
    CorpusStage("duplicates", _duplicates),
    CorpusStage("entity linking", catalog.link_stage),
    CorpusStage("stories", _stories),
    CorpusStage("entities", lambda store, full: catalog.table_stage(store)),
)
SUMMARY = ("duplicates", "new duplicate pairs", "entities", "mentions linked across articles", "stories",
           "storylines", "re-cleaned by templates")


def rebuild(store: Store, *, progress: Callable[[str], None] | None = None,
            stages: tuple[CorpusStage, ...] = STAGES, full: bool = False,
            timings: dict[str, float] | None = None) -> dict[str, int]:
    """Bring every corpus view up to date. Returns counts for the run summary; `timings`, when given, receives
    the seconds each stage took (benchmarks/scale.py)."""
    counts: dict[str, int] = {}
    with store.corpus_lock():
        for stage in stages:
            if progress:
                progress(stage.name)
            start = time.perf_counter()
            counts.update(stage.run(store, full))
            memory.release()          # what the stage built is freed: its pages go back, not only to the allocator
            if timings is not None:
                timings[stage.name] = time.perf_counter() - start
        counts["duplicates"] = store.duplicates(limit=0).total
    return {k: counts[k] for k in SUMMARY if k in counts}
