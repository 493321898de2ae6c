"""The PostgreSQL schema as numbered migrations (the version is kept in `marsad_schema`).

The tables mirror SQLite's latest schema (store/schema.py) so that one set of statements (store/sql.py) serves
both. Text that listings sort by is `COLLATE "C"` (byte order, as SQLite compares), whatever the database's
own collation. `rowid` columns are identity columns: ingestion order for documents, insertion order for spans.
The search index is a `tsvector` built from the same terms as SQLite's FTS5 table (store/search.py), with a GIN
index. Never edit a released migration: add the next one.
"""

from __future__ import annotations

T = 'TEXT COLLATE "C"'
ID = "BIGINT GENERATED ALWAYS AS IDENTITY"

MIGRATIONS: list[tuple[int, str]] = [(1, f"""
    CREATE TABLE documents (
        rowid {ID} PRIMARY KEY,
        id {T} NOT NULL UNIQUE,                -- content hash of the raw bytes
        source TEXT, format {T}, locator TEXT, url TEXT, encoding TEXT, lang {T},
        outlet {T}, outlet_source TEXT, title {T}, published {T}, published_source TEXT,
        byline TEXT, dateline_place TEXT, dateline_agency TEXT, credits TEXT,
        body TEXT NOT NULL, body_hash {T},
        comments TEXT, lines TEXT, errors TEXT, hints TEXT,
        n_chars INTEGER, pipeline_version TEXT, run_id BIGINT, ingested_at TEXT, n_terms INTEGER
    );
    CREATE INDEX documents_published ON documents(published);
    CREATE INDEX documents_outlet ON documents USING hash (outlet);
    CREATE INDEX documents_body_hash ON documents(body_hash);

    CREATE TABLE raw (
        doc_id {T} PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        codec TEXT NOT NULL, size BIGINT NOT NULL, bytes BYTEA NOT NULL
    );

    CREATE TABLE mentions (
        rowid {ID}, doc_id {T} NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start INTEGER, "end" INTEGER, text {T}, type {T}, name {T}, title {T},
        canonical {T}, entity_id {T}, source TEXT, local_canonical {T}, local_entity_id {T}, descriptors TEXT
    );
    CREATE INDEX mentions_doc ON mentions(doc_id);
    CREATE INDEX mentions_entity ON mentions(entity_id);
    CREATE INDEX mentions_local ON mentions(local_entity_id);

    CREATE TABLE quotes (
        rowid {ID}, doc_id {T} NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start INTEGER, "end" INTEGER, speaker {T}, speaker_entity_id {T}, speaker_text TEXT,
        cue TEXT, kind TEXT, content TEXT, via TEXT
    );
    CREATE INDEX quotes_doc ON quotes(doc_id);
    CREATE INDEX quotes_speaker ON quotes(speaker_entity_id);

    CREATE TABLE times (
        rowid {ID}, doc_id {T} NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start INTEGER, "end" INTEGER, text TEXT, value TEXT, type {T}, anchor TEXT, consistent INTEGER
    );
    CREATE INDEX times_doc ON times(doc_id);

    CREATE TABLE errors (
        id {ID} PRIMARY KEY,
        source TEXT NOT NULL, locator TEXT NOT NULL DEFAULT '', message TEXT NOT NULL, kind TEXT NOT NULL,
        size BIGINT, raw_sha256 TEXT, raw BYTEA, first_seen TEXT, last_seen TEXT, run_id BIGINT,
        UNIQUE (source, locator, message)
    );

    CREATE TABLE runs (
        id {ID} PRIMARY KEY, command TEXT, args TEXT, started_at TEXT, finished_at TEXT,
        added INTEGER DEFAULT 0, skipped INTEGER DEFAULT 0, failed INTEGER DEFAULT 0, status TEXT
    );

    CREATE TABLE entities (
        entity_id {T} PRIMARY KEY, canonical {T}, type {T}, aliases TEXT, titles TEXT,
        mentions INTEGER, articles INTEGER, titles_by_outlet TEXT, position INTEGER
    );
    CREATE TABLE duplicates (
        a {T} NOT NULL, b {T} NOT NULL, kind {T} NOT NULL, score DOUBLE PRECISION, shared_chars INTEGER,
        jaccard DOUBLE PRECISION, a_in_b DOUBLE PRECISION, b_in_a DOUBLE PRECISION,
        PRIMARY KEY (a, b)
    );
    CREATE INDEX duplicates_b ON duplicates(b);
    CREATE TABLE storylines (
        id {T} PRIMARY KEY, title TEXT, first_seen {T}, last_seen {T}, stories INTEGER, position INTEGER
    );
    CREATE TABLE stories (
        id {T} PRIMARY KEY, title TEXT, first_seen {T}, last_seen {T}, storyline {T},
        outlets TEXT, summary TEXT, timeline TEXT, framing TEXT, wire TEXT, n_articles INTEGER, position INTEGER
    );
    CREATE TABLE story_articles (story_id {T} NOT NULL, doc_id {T} NOT NULL, PRIMARY KEY (story_id, doc_id));
    CREATE INDEX story_articles_doc ON story_articles(doc_id);

    CREATE TABLE meta (key {T} PRIMARY KEY, value TEXT);

    CREATE TABLE template_lines (
        outlet {T} NOT NULL, h {T} NOT NULL, pages INTEGER NOT NULL, words INTEGER NOT NULL,
        PRIMARY KEY (outlet, h)
    );
    CREATE TABLE template_outlets (outlet {T} PRIMARY KEY, pages INTEGER NOT NULL);
    CREATE TABLE template_bodies (outlet {T} NOT NULL, body_hash {T} NOT NULL, PRIMARY KEY (outlet, body_hash));

    CREATE TABLE dedup_index (doc_id {T} PRIMARY KEY, key BIGINT NOT NULL UNIQUE, body_hash {T},
                              sort_key {T} NOT NULL);
    CREATE TABLE dedup_state (name {T} PRIMARY KEY, data BYTEA NOT NULL);
    CREATE TABLE provenance (
        doc_id {T} PRIMARY KEY, originality DOUBLE PRECISION NOT NULL, agency TEXT, sources TEXT NOT NULL,
        paragraphs TEXT NOT NULL
    );

    -- the search terms of each document (arabic.segment.index_terms): a tsvector for matching (built by
    -- store/search.tsvector_literal, no parser in between), each term's count (title ×3 + body) for ranking,
    -- and the terms as text, for counting phrases
    CREATE TABLE search_index (
        doc_id {T} PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        title TEXT NOT NULL, body TEXT NOT NULL, terms TSVECTOR NOT NULL, counts JSONB NOT NULL
    );
    CREATE INDEX search_index_terms ON search_index USING GIN (terms);
    """)]


MIGRATIONS.append((2, """
    -- The web pages' reads (issue: web page and HTTP API): a storyline's stories, and statements by a speaker's
    -- name as well as by entity (the two sides of an OR each find their rows through an index).
    CREATE INDEX stories_storyline ON stories(storyline);
    CREATE INDEX quotes_speaker_name ON quotes(speaker);
    """))


MIGRATIONS.append((3, """
    -- The home page's latest stories: stories by the day they were last seen.
    CREATE INDEX stories_last_seen ON stories(last_seen);
    """))


MIGRATIONS.append((4, """
    -- BM25's document length beside each document's search terms: a search without filters reads the search
    -- index alone, not the wide documents table.
    ALTER TABLE search_index ADD COLUMN n_terms INTEGER;
    UPDATE search_index s SET n_terms = d.n_terms FROM documents d WHERE d.id = s.doc_id;
    """))


MIGRATIONS.append((5, f"""
    -- Incremental stories: as SQLite's migration 9 (store/schema.py) says.
    ALTER TABLE stories ADD COLUMN profile TEXT;
    ALTER TABLE stories ADD COLUMN first_day INTEGER;
    ALTER TABLE stories ADD COLUMN last_day INTEGER;
    ALTER TABLE stories ADD COLUMN statements TEXT;
    ALTER TABLE stories ADD COLUMN frames TEXT;
    CREATE INDEX stories_last_day ON stories(last_day);
    ALTER TABLE story_articles ADD COLUMN why TEXT;
    ALTER TABLE storylines ADD COLUMN profile TEXT;
    ALTER TABLE storylines ADD COLUMN frames TEXT;
    CREATE TABLE story_keys (key {T} NOT NULL, story_id {T} NOT NULL, last_day INTEGER, PRIMARY KEY (key, story_id));
    CREATE INDEX story_keys_story ON story_keys(story_id);
    CREATE INDEX story_keys_recent ON story_keys(key, last_day);
    """))

MIGRATIONS.append((6, """
    -- Lookups by the source's own id or URL: as SQLite's migration 10 (store/schema.py) says.
    CREATE INDEX documents_source ON documents(source);
    CREATE INDEX documents_url ON documents(url);
    """))

MIGRATIONS.append((7, f"""
    -- Incremental entity linking: as SQLite's migration 11 (store/schema.py) says.
    CREATE TABLE entity_names (local_entity_id {T} NOT NULL, type {T} NOT NULL, local_canonical {T} NOT NULL,
                               mentions INTEGER NOT NULL, PRIMARY KEY (local_entity_id, type, local_canonical));
    CREATE TABLE entity_links (local_entity_id {T} PRIMARY KEY, entity_id {T}, canonical {T});
    CREATE TABLE entity_name_changes (local_entity_id {T} NOT NULL, type {T} NOT NULL, local_canonical {T} NOT NULL,
                                      mentions INTEGER NOT NULL);
    CREATE TABLE entities_touched (entity_id {T} PRIMARY KEY);
    UPDATE mentions SET entity_id = NULLIF(local_entity_id, ''), canonical = local_canonical,
                        local_entity_id = NULL, local_canonical = NULL WHERE local_entity_id IS NOT NULL;
    CREATE INDEX mentions_unlinked ON mentions(doc_id) WHERE local_entity_id IS NULL;
    ALTER TABLE quotes ADD COLUMN local_speaker_id {T};
    CREATE INDEX quotes_local ON quotes(local_speaker_id);
    CREATE INDEX quotes_unlinked ON quotes(doc_id) WHERE local_speaker_id IS NULL;
    INSERT INTO meta(key, value) VALUES ('entities_rebuild', '1') ON CONFLICT(key) DO UPDATE SET value = excluded.value;
    """))

MIGRATIONS.append((8, f"""
    -- The entity table's counts: as SQLite's migration 12 (store/schema.py) says.
    CREATE TABLE entity_counts (entity_id {T} NOT NULL, type {T} NOT NULL, canonical {T} NOT NULL, name {T} NOT NULL,
                                title {T} NOT NULL, outlet {T} NOT NULL, mentions INTEGER NOT NULL,
                                PRIMARY KEY (entity_id, type, canonical, name, title, outlet));
    INSERT INTO meta(key, value) VALUES ('entities_rebuild', '1') ON CONFLICT(key) DO UPDATE SET value = excluded.value;
    """))

MIGRATIONS.append((9, f"""
    -- Indexed texts of re-cleaned or deleted documents: as SQLite's migration 13 (store/schema.py) says.
    CREATE TABLE dedup_retired (doc_id {T} PRIMARY KEY, body_hash {T} NOT NULL, body TEXT NOT NULL);
    """))

MIGRATIONS.append((10, f"""
    -- Documents the duplicate index has to look at: as SQLite's migration 14 (store/schema.py) says.
    CREATE TABLE dedup_todo (doc_id {T} PRIMARY KEY);
    INSERT INTO dedup_todo(doc_id)
        SELECT d.id FROM documents d LEFT JOIN dedup_index x ON x.doc_id = d.id
        WHERE x.doc_id IS NULL OR d.body_hash IS DISTINCT FROM x.body_hash
        UNION SELECT x.doc_id FROM dedup_index x LEFT JOIN documents d ON d.id = x.doc_id
        WHERE d.id IS NULL OR d.body_hash IS DISTINCT FROM x.body_hash;
    """))

MIGRATIONS.append((11, f"""
    -- The entity table's counts taken off and added when articles are analysed again or deleted: as SQLite's
    -- migration 15 (store/schema.py) says.
    CREATE TABLE entity_count_changes (entity_id {T} NOT NULL, type {T} NOT NULL, canonical {T} NOT NULL,
                                       name {T} NOT NULL, title {T} NOT NULL, outlet {T} NOT NULL,
                                       mentions INTEGER NOT NULL,
                                       PRIMARY KEY (entity_id, type, canonical, name, title, outlet));
    CREATE TABLE entity_total_changes (entity_id {T} PRIMARY KEY, mentions INTEGER NOT NULL,
                                       articles INTEGER NOT NULL);
    CREATE TABLE entities_redo (doc_id {T} PRIMARY KEY);
    """))

MIGRATIONS.append((12, f"""
    -- Who the corpus names with a role, month by month: as SQLite's migration 16 (store/schema.py) says.
    CREATE TABLE role_titles (canonical {T} NOT NULL, title {T} NOT NULL, word_before {T} NOT NULL,
                              month {T} NOT NULL, mentions INTEGER NOT NULL,
                              PRIMARY KEY (canonical, title, word_before, month));
    CREATE TABLE role_title_changes (canonical {T} NOT NULL, title {T} NOT NULL, word_before {T} NOT NULL,
                                     month {T} NOT NULL, mentions INTEGER NOT NULL);
    INSERT INTO role_titles(canonical, title, word_before, month, mentions)
        SELECT COALESCE(m.local_canonical, m.canonical), m.title,
               CASE WHEN m.title LIKE 'ولي %' OR m.title LIKE 'خادم %' THEN substr(d.body,
                    CASE WHEN m.start > 12 THEN m.start - 11 ELSE 1 END,
                    CASE WHEN m.start > 12 THEN 12 ELSE m.start END)
               ELSE '' END, COALESCE(substr(d.published, 1, 7), ''), COUNT(*)
        FROM mentions m JOIN documents d ON d.id = m.doc_id
        WHERE m.local_entity_id IS NOT NULL AND m.type = 'PER'
          AND COALESCE(m.local_canonical, m.canonical) IS NOT NULL
          AND (m.title LIKE '%العهد%' OR m.title LIKE '%الحرمين%' OR m.title LIKE '%وزير%' OR m.title LIKE '%رئيس%'
               OR m.title LIKE '%منطقة%')
        GROUP BY 1, 2, 3, 4;
    """))

MIGRATIONS.append((13, """
    -- What a story is found by, beside its profile: as SQLite's migration 17 (store/schema.py) says.
    ALTER TABLE stories ADD COLUMN lookup TEXT;
    """))

MIGRATIONS.append((14, """
    -- The rule that chose each quote's speaker: as SQLite's migration 18 (store/schema.py) says.
    ALTER TABLE quotes ADD COLUMN why TEXT;
    """))

MIGRATIONS.append((15, f"""
    -- Where each linked name goes: as SQLite's migration 19 (store/schema.py) says.
    CREATE TABLE link_keys (local_entity_id {T} PRIMARY KEY, type {T} NOT NULL, name_key {T} NOT NULL,
                            top {T} NOT NULL, given {T}, family {T}, parts INTEGER, nasab {T}, kunya {T},
                            with_bin BOOLEAN, stem {T}, role_words {T}, role_month {T}, direct {T},
                            target {T});
    CREATE INDEX link_keys_given ON link_keys(given) WHERE given IS NOT NULL;
    CREATE INDEX link_keys_family ON link_keys(family) WHERE family IS NOT NULL;
    CREATE INDEX link_keys_direct ON link_keys(direct);
    CREATE INDEX link_keys_target ON link_keys(target);
    CREATE INDEX link_keys_stem ON link_keys(stem) WHERE stem IS NOT NULL;
    CREATE INDEX link_keys_roles ON link_keys(role_month) WHERE role_words IS NOT NULL;
    CREATE INDEX role_titles_month ON role_titles(month);
    -- A linked mention (statement) carries its local name's link: those of a local name are found through the
    -- entity they link to, or, unresolved, through an index of the unresolved ones (store/sql_links._move_linked).
    DROP INDEX mentions_local;
    CREATE INDEX mentions_unresolved ON mentions(local_entity_id)
        WHERE entity_id IS NULL AND local_entity_id IS NOT NULL;
    DROP INDEX quotes_local;
    CREATE INDEX quotes_unresolved ON quotes(local_speaker_id)
        WHERE speaker_entity_id IS NULL AND local_speaker_id IS NOT NULL;
    """))

LATEST = MIGRATIONS[-1][0]
