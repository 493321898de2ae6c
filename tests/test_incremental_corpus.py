"""Corpus stages that update from the batch: linking and the entity table after ingests in several batches (and
after a deletion and a re-processing) are what a full rebuild of the same store gives, on both backends; a run
with nothing new reads nothing."""

from __future__ import annotations

import pytest

from marsad import corpus
from marsad.store import open_store

from .conftest import DEMO

BATCHES = (["alkhaleej-alaan.jsonl", "alraed-online"], ["alwatan-alhurr", "bawabat-alnil", "crawl-2024.warc.gz"],
           ["dijla24", "nabd-alsham"])


def snapshot(store) -> tuple:
    """Every mention's corpus entity, every statement's speaker, the entity table (as the listing gives it), and
    who the corpus names with each role (counted from each batch)."""
    mentions = store._run('SELECT doc_id, start, "end", entity_id, canonical, local_entity_id FROM mentions '
                          'ORDER BY doc_id, start, "end", rowid')
    quotes = [(q.doc_id, q.start, q.speaker, q.speaker_entity_id) for q in store.stored_quotes()]
    entities = [e.to_dict() for e in store.entities(limit=100_000).items]
    return [tuple(m) for m in mentions], sorted(quotes), entities, store.role_titles()


def full_rebuild(store) -> tuple:
    corpus.rebuild(store, full=True)
    return snapshot(store)


def test_batches_then_full_rebuild_agree(cli, store_url):
    for batch in BATCHES:
        cli("ingest", *[DEMO / "articles" / name for name in batch], "--db", store_url, "--workers", "1")
    store = open_store(store_url)
    try:
        incremental = snapshot(store)
        assert len(incremental[0]) > 500 and len(incremental[2]) > 100 and incremental[1] and incremental[3]
        assert any(m[3] != m[5] for m in incremental[0])       # some mention was linked across articles
        assert full_rebuild(store) == incremental
    finally:
        store.close()


def test_deleting_and_reprocessing_update_links_like_a_rebuild(cli, tmp_path):
    db = tmp_path / "store.db"
    cli("ingest", DEMO, "--db", db, "--workers", "1")
    store = open_store(db)
    try:
        # an article with a mention linked across articles, and those with most mentions: taking them away
        # changes counts, links and the table elsewhere
        ids = [r[0] for r in store._run("SELECT doc_id FROM mentions GROUP BY doc_id "
                                        "ORDER BY SUM(CASE WHEN entity_id != local_entity_id THEN 1 ELSE 0 END) DESC, "
                                        "COUNT(*) DESC, doc_id LIMIT 3")]
        assert len(ids) == 3
        store.delete_documents(ids[:2])
        corpus.rebuild(store)
        after_delete = snapshot(store)
        assert not any(m[0] in ids[:2] for m in after_delete[0])
        assert full_rebuild(store) == after_delete
    finally:
        store.close()
    cli("reprocess", "--db", db)
    store = open_store(db)
    try:
        assert snapshot(store) == full_rebuild(store)
    finally:
        store.close()


def test_articles_analysed_again_or_deleted_change_the_table_by_their_own_mentions(cli, store_url, tmp_path):
    """An outlet's pages analysed again under another outlet name (a rule in marsad.toml), then pages analysed
    twice before the corpus views ran and one of them deleted: the entity table takes what they had off its counts
    and adds what they have now, without counting every entity they name again (nothing touched), and ends as a
    full rebuild."""
    from marsad.clean import templates
    from marsad.clean.reclean import _redo

    cli("ingest", DEMO, "--db", store_url, "--workers", "1")
    config = tmp_path / "marsad.toml"
    config.write_text('[[sources]]\nmatch = "*dijla24*"\noutlet = "دجلة الجديدة"\n', encoding="utf-8")
    store = open_store(store_url)
    try:
        outlet = store._one("SELECT outlet FROM documents WHERE source LIKE '%dijla24%' LIMIT 1")
        cli("reprocess", "--db", store_url, "--outlet", outlet, "--config", config)
        assert store._one("SELECT COUNT(*) FROM documents WHERE outlet = 'دجلة الجديدة'") > 1
        assert snapshot(store) == full_rebuild(store)
        ids = [r[0] for r in store._run("SELECT doc_id FROM mentions GROUP BY doc_id ORDER BY COUNT(*) DESC, doc_id "
                                        "LIMIT 3")]
        for _ in range(2):
            _redo(store, ids, templates.learned(store), None)
        assert store.touched_entities() == [] and sorted(store.redone_documents()) == sorted(ids)
        store.delete_documents(ids[:1])
        corpus.rebuild(store)
        after = snapshot(store)
        assert not any(m[0] == ids[0] for m in after[0])
        assert full_rebuild(store) == after
    finally:
        store.close()


def test_a_run_with_nothing_new_reads_nothing(demo_db):
    store = open_store(demo_db)
    try:
        before = snapshot(store)
        assert store.pending_names(store.max_seq()) == []
        assert store.touched_entities() == []
        timings: dict[str, float] = {}
        loaded = []
        load = store.dedup_load
        store.dedup_load = lambda: loaded.append(1) or load()
        counts = corpus.rebuild(store, timings=timings)
        assert loaded == []                                    # the duplicate index was not read at all
        assert set(timings) == {s.name for s in corpus.STAGES}
        assert counts["entities"] == len(before[2]) and counts["mentions linked across articles"] > 0
        assert snapshot(store) == before
    finally:
        store.close()


@pytest.mark.parametrize("full", [False, True])
def test_templates_stage_reads_an_outlets_old_pages_only_when_its_template_grew(demo_db, tmp_path, full):
    """New pages of an outlet whose template they teach nothing new: only the new pages are read (their run may
    have begun with an older template), not the outlet's older ones; a full rebuild reads them all, and finds
    them clean."""
    import shutil

    from marsad.clean.reclean import learn_and_reclean

    db = tmp_path / "copy.db"
    shutil.copy(demo_db, db)
    store = open_store(db)
    try:
        outlet = store.template_outlets(None)[0][0]
        mark = store.templates_mark()
        assert mark > 0
        read: list = []
        line_records = store.line_records
        store.line_records = lambda o, after=0: read.append((o, after)) or line_records(o, after)
        store.count_template_lines = lambda: {outlet}         # its counts changed, its template did not
        counts = learn_and_reclean(store, full=full)
        assert counts["recleaned"] == 0
        assert (outlet, 0 if full else mark) in read and (outlet, mark if full else 0) not in read
    finally:
        store.close()


def test_a_long_ingest_brings_the_views_up_to_date_as_it_goes(cli, tmp_path, monkeypatch):
    """--corpus-every N: the corpus stages run each time N more articles are stored, so each reads a batch of
    that size (memory bounded however large the input), each pass in a process of its own, whose memory goes back
    when it ends; the links and the entity table end as a rebuild's."""
    from marsad import corpus_process
    from marsad.stories.affair import shipped_affair_model

    seen: list[int] = []
    apart = corpus_process.rebuild_apart

    def counting(where, **kw):
        store = open_store(where)
        try:
            seen.append(store.max_seq())
        finally:
            store.close()
        return apart(where, **kw)

    monkeypatch.setattr(corpus_process, "rebuild_apart", counting)
    shipped_affair_model.cache_clear()
    db = tmp_path / "store.db"
    cli("ingest", DEMO, "--db", db, "--workers", "1", "--corpus-every", "25")
    assert len(seen) >= 2 and seen == sorted(seen) and seen[0] < seen[-1]     # batches are of 64 inputs
    assert shipped_affair_model.cache_info().currsize == 0          # no pass ran in this process, the last neither
    store = open_store(db)
    try:
        assert not store.corpus_dirty()
        assert snapshot(store) == full_rebuild(store)
    finally:
        store.close()


def test_workers_stop_while_a_pass_runs_and_no_batch_is_lost(cli, tmp_path, monkeypatch):
    """A pass runs apart from the ingest: the pool's workers (their models and caches, 420 MB each by 26,000
    articles) do not wait beside it. The batches in flight when it starts are finished first and stored after it;
    fresh workers take the rest."""
    import multiprocessing as mp

    from marsad import corpus_process

    alive: list[int] = []
    apart = corpus_process.rebuild_apart

    def counting(where, **kw):
        alive.append(len(mp.active_children()))
        return apart(where, **kw)

    monkeypatch.setattr(corpus_process, "rebuild_apart", counting)
    db, once = tmp_path / "store.db", tmp_path / "once.db"
    cli("ingest", DEMO, "--db", db, "--workers", "2", "--corpus-every", "25")
    cli("ingest", DEMO, "--db", once, "--workers", "1", "--no-corpus")
    assert len(alive) >= 2 and set(alive) == {0}
    store, ref = open_store(db), open_store(once)
    try:
        assert sorted(store.document_ids()) == sorted(ref.document_ids()) and not store.corpus_dirty()
        assert store.count("errors") == ref.count("errors")
    finally:
        store.close()
        ref.close()


def test_ingest_says_how_long_each_corpus_stage_took(cli, tmp_path):
    """`ingest --json` reports the seconds of each corpus stage (summed over the passes of a long ingest): where
    the time of adding a batch goes, as a store grows."""
    import json

    db = tmp_path / "store.db"
    first = json.loads(cli("ingest", DEMO / "articles" / "dijla24", "--db", db, "--workers", "1", "--no-corpus",
                           "--json").stdout)
    assert first["corpus_seconds"] == {}
    again = json.loads(cli("ingest", DEMO / "articles" / "nabd-alsham", "--db", db, "--workers", "1",
                           "--json").stdout)
    assert list(again["corpus_seconds"]) == [s.name for s in corpus.STAGES]
    assert all(v >= 0 for v in again["corpus_seconds"].values()) and sum(again["corpus_seconds"].values()) > 0


def test_a_store_from_before_the_role_counts_gets_them_from_its_linked_mentions(demo_db, tmp_path):
    """Schema 16 counts who the corpus names with each role from each batch; a store written before it is filled
    from the mentions it has linked, so its next run resolves title-only references as before."""
    import shutil
    import sqlite3

    db = tmp_path / "old.db"
    shutil.copy(demo_db, db)
    with open_store(db) as store:
        expected = store.role_titles()
    assert any("ولي العهد" in t or "وزير" in t for _, t, *_ in expected)
    old = sqlite3.connect(db)
    old.executescript("DROP TABLE role_titles; DROP TABLE role_title_changes; DROP TABLE link_keys; "
                      "DROP INDEX mentions_unresolved; DROP INDEX quotes_unresolved; "
                      "CREATE INDEX mentions_local ON mentions(local_entity_id); "
                      "CREATE INDEX quotes_local ON quotes(local_speaker_id); "
                      "ALTER TABLE stories DROP COLUMN lookup; "
                      "ALTER TABLE quotes DROP COLUMN why; PRAGMA user_version = 15;")
    old.close()
    with open_store(db) as store:
        assert store.role_titles() == expected
        assert store.pending_role_titles(store.max_seq()) == []


def test_linking_writes_the_entity_only_of_mentions_whose_entity_moves(cli, store_url):
    """Most names link to themselves; setting their entity again rewrote its index entry anyway (SQLite writes the
    entry of every index on a column an UPDATE sets), 4,323 of the 14,393 pages linking dirtied for a batch over
    100,000 articles. The statement that links new mentions now writes only those whose entity or canonical name
    moves; the others keep their own, and the result is a full rebuild's."""
    from marsad.entities import catalog

    cli("ingest", DEMO / "articles" / "alraed-online", DEMO / "articles" / "dijla24", "--db", store_url,
        "--workers", "1", "--no-corpus")
    store = open_store(store_url)
    try:
        stages = {stage.name: stage for stage in corpus.STAGES}
        for name in ("outlet templates", "duplicates"):
            stages[name].run(store, False)
        fresh = store._one("SELECT COUNT(*) FROM mentions WHERE local_entity_id IS NULL AND entity_id IS NOT NULL")
        written: list[int] = []
        run = store._exec

        def spy(sql, params=()):
            n = run(sql, params)
            if sql.startswith("UPDATE mentions SET local_entity_id = entity_id, entity_id ="):
                written.append(n)
            return n

        store._exec = spy
        catalog.link_stage(store)
        del store._exec
        for name in ("stories", "entities"):
            stages[name].run(store, False)
        moved = store._one("SELECT COUNT(*) FROM mentions WHERE local_entity_id != '' AND (entity_id IS DISTINCT "
                           "FROM local_entity_id OR canonical IS DISTINCT FROM local_canonical)")
        assert fresh > 100 and written == [moved] and 0 < moved < fresh / 2
        linked = snapshot(store)
        assert full_rebuild(store) == linked
    finally:
        store.close()


def test_the_entity_tables_counts_are_written_only_where_they_changed(cli, tmp_path):
    """A batch touches the entities it names, and their counts by name, title and outlet were all deleted and
    written again (over the 100,000-article store 27,501 of the 39,927 rows a batch of 1,000 rewrote were
    unchanged). An entity the second batch names keeps the rows it did not change, as they were stored; the table
    is a full rebuild's."""
    db = tmp_path / "store.db"
    rows = "SELECT rowid, entity_id, type, canonical, name, title, outlet, mentions FROM entity_counts"
    cli("ingest", DEMO / "articles" / "alraed-online", DEMO / "articles" / "alwatan-alhurr", "--db", db,
        "--workers", "1")
    with open_store(db) as store:
        before = {tuple(r[1:]): r[0] for r in store._run(rows)}
    cli("ingest", DEMO / "articles" / "dijla24", DEMO / "articles" / "nabd-alsham", "--db", db, "--workers", "1")
    with open_store(db) as store:
        after = {tuple(r[1:]): r[0] for r in store._run(rows)}
        touched = {k[0] for k in set(after) ^ set(before)}
        kept = [k for k in before if k in after and k[0] in touched]
        assert touched and kept and all(after[k] == before[k] for k in kept)
        incremental = snapshot(store)
        assert full_rebuild(store) == incremental
