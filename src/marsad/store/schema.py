"""The database schema as numbered migrations.

`PRAGMA user_version` holds the version a database is at; `migrate` applies the missing steps in order, each in
its own transaction, so an old database is brought forward in place and a new one is built by the same path.
Never edit a released migration: add the next one.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str]] = [
    (1, """
    CREATE TABLE documents (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,               -- content hash of the raw bytes
        source TEXT, format TEXT, locator TEXT, url TEXT, encoding TEXT, lang TEXT,
        outlet TEXT, outlet_source TEXT, title TEXT, published TEXT, published_source TEXT,
        byline TEXT, dateline_place TEXT, dateline_agency TEXT, credits TEXT,
        body TEXT NOT NULL, body_hash TEXT,     -- body_hash: hash of the normalized body (exact duplicates)
        comments TEXT, lines TEXT, errors TEXT, hints TEXT,
        n_chars INTEGER, pipeline_version TEXT, run_id INTEGER, ingested_at TEXT
    );
    CREATE INDEX documents_published ON documents(published);
    CREATE INDEX documents_outlet ON documents(outlet);
    CREATE INDEX documents_body_hash ON documents(body_hash);

    CREATE TABLE raw (
        doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        codec TEXT NOT NULL,                    -- 'zlib' or 'none': the stored bytes decode to the input exactly
        size INTEGER NOT NULL,
        bytes BLOB NOT NULL
    );

    CREATE TABLE mentions (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start INTEGER, "end" INTEGER, text TEXT, type TEXT, name TEXT, title TEXT,
        canonical TEXT, entity_id TEXT, source TEXT
    );
    CREATE INDEX mentions_doc ON mentions(doc_id);
    CREATE INDEX mentions_entity ON mentions(entity_id);

    CREATE TABLE quotes (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start INTEGER, "end" INTEGER, speaker TEXT, speaker_entity_id TEXT, speaker_text TEXT,
        cue TEXT, kind TEXT, content TEXT, via TEXT
    );
    CREATE INDEX quotes_doc ON quotes(doc_id);
    CREATE INDEX quotes_speaker ON quotes(speaker_entity_id);

    CREATE TABLE times (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start INTEGER, "end" INTEGER, text TEXT, value TEXT, type TEXT, anchor TEXT, consistent INTEGER
    );
    CREATE INDEX times_doc ON times(doc_id);

    CREATE TABLE errors (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL, locator TEXT NOT NULL DEFAULT '', message TEXT NOT NULL, kind TEXT NOT NULL,
        size INTEGER, raw_sha256 TEXT, raw BLOB,   -- the failed input's bytes when small enough to keep
        first_seen TEXT, last_seen TEXT, run_id INTEGER,
        UNIQUE (source, locator, message)
    );

    CREATE TABLE runs (
        id INTEGER PRIMARY KEY, command TEXT, args TEXT, started_at TEXT, finished_at TEXT,
        added INTEGER DEFAULT 0, skipped INTEGER DEFAULT 0, failed INTEGER DEFAULT 0, status TEXT
    );

    CREATE TABLE entities (
        entity_id TEXT PRIMARY KEY, canonical TEXT, type TEXT, aliases TEXT, titles TEXT,
        mentions INTEGER, articles INTEGER
    );
    CREATE TABLE duplicates (
        a TEXT NOT NULL, b TEXT NOT NULL, kind TEXT NOT NULL, score REAL, shared_chars INTEGER,
        PRIMARY KEY (a, b)
    );
    CREATE TABLE storylines (id TEXT PRIMARY KEY, title TEXT, first_seen TEXT, last_seen TEXT, stories INTEGER);
    CREATE TABLE stories (
        id TEXT PRIMARY KEY, title TEXT, first_seen TEXT, last_seen TEXT, storyline TEXT,
        outlets TEXT, summary TEXT, timeline TEXT, framing TEXT, wire TEXT, n_articles INTEGER
    );
    CREATE TABLE story_articles (story_id TEXT NOT NULL, doc_id TEXT NOT NULL, PRIMARY KEY (story_id, doc_id));
    CREATE INDEX story_articles_doc ON story_articles(doc_id);

    -- Sentence fingerprints of each document (blake2b-64 of every 8+-word sentence in matching form), packed:
    -- int64 hashes then int32 lengths, little-endian. One row per document keeps the writer fast; the
    -- duplicate stage loads them all and indexes them in memory.
    CREATE TABLE fingerprints (
        doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE, n INTEGER NOT NULL, packed BLOB NOT NULL
    );

    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);

    -- Search index over the *matching form* of titles and bodies (normalized, clitics peeled; see
    -- marsad.arabic.segment.index_terms). rowid = documents.rowid.
    CREATE VIRTUAL TABLE documents_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');
    """),
    (2, """
    -- Outlet templates (clean/templates.py): in how many distinct articles of each outlet every line occurs,
    -- by hash of its matching form. template_bodies counts each article body once per outlet (copies of one
    -- article must not make its lines look like boilerplate).
    CREATE TABLE template_lines (
        outlet TEXT NOT NULL, h TEXT NOT NULL, pages INTEGER NOT NULL, words INTEGER NOT NULL,
        PRIMARY KEY (outlet, h)
    ) WITHOUT ROWID;
    CREATE TABLE template_outlets (outlet TEXT PRIMARY KEY, pages INTEGER NOT NULL);
    CREATE TABLE template_bodies (outlet TEXT NOT NULL, body_hash TEXT NOT NULL, PRIMARY KEY (outlet, body_hash))
        WITHOUT ROWID;
    """),
]

MIGRATIONS.append((3, """
    -- Duplicate index (dedup/index.py): sentence fingerprints give way to word shingles, MinHash LSH bands and
    -- containment samples, kept as sorted segments (dedup_state) and updated incrementally (dedup/persist.py).
    DROP TABLE fingerprints;
    -- documents indexed, with the body they were indexed with: a changed or deleted body is taken out again
    CREATE TABLE dedup_docs (rowid INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, body_hash TEXT, sort_key TEXT NOT NULL);
    CREATE TABLE dedup_state (name TEXT PRIMARY KEY, data BLOB NOT NULL);
    ALTER TABLE duplicates ADD COLUMN jaccard REAL;
    ALTER TABLE duplicates ADD COLUMN a_in_b REAL;
    ALTER TABLE duplicates ADD COLUMN b_in_a REAL;
    CREATE INDEX duplicates_b ON duplicates(b);
    -- paragraph-level provenance of articles that share text with earlier ones
    CREATE TABLE provenance (
        doc_id TEXT PRIMARY KEY, originality REAL NOT NULL, agency TEXT, sources TEXT NOT NULL,
        paragraphs TEXT NOT NULL
    );
    """))

MIGRATIONS.append((4, """
    -- Corpus-level entity linking (entities/linking.py): a mention keeps what its own article said (local_*),
    -- while canonical/entity_id hold the corpus-wide entity it was linked to; linking always restarts from local_*.
    ALTER TABLE mentions ADD COLUMN local_canonical TEXT;
    ALTER TABLE mentions ADD COLUMN local_entity_id TEXT;
    CREATE INDEX mentions_local ON mentions(local_entity_id);
    ALTER TABLE entities ADD COLUMN titles_by_outlet TEXT;
    """))

MIGRATIONS.append((5, """
    -- Appositions that describe a person after the name (Entity.descriptors), a JSON list; NULL when none.
    ALTER TABLE mentions ADD COLUMN descriptors TEXT;
    """))


MIGRATIONS.append((6, """
    -- The store behind one interface with PostgreSQL (store/base.py).
    -- Documents keep their count of search terms: BM25's document length, ranked the same on both backends.
    ALTER TABLE documents ADD COLUMN n_terms INTEGER;
    UPDATE documents SET n_terms = (
        SELECT (CASE WHEN trim(f.title) = '' THEN 0
                     ELSE length(trim(f.title)) - length(replace(trim(f.title), ' ', '')) + 1 END)
             + (CASE WHEN trim(f.body) = '' THEN 0
                     ELSE length(trim(f.body)) - length(replace(trim(f.body), ' ', '')) + 1 END)
        FROM documents_fts f WHERE f.rowid = documents.rowid);
    -- The search index splits terms exactly where PostgreSQL's is built to (a term is a run of letters, digits,
    -- marks and '_', as arabic.segment.WORD_RE reads words), so both backends find the same articles.
    CREATE VIRTUAL TABLE search_terms USING fts5(title, body,
        tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Mn' tokenchars '_'");
    INSERT INTO search_terms(rowid, title, body) SELECT rowid, title, body FROM documents_fts;
    DROP TABLE documents_fts;
    ALTER TABLE search_terms RENAME TO documents_fts;
    -- The duplicate index is keyed by document id; its integer keys are its own (the old row numbers carry over,
    -- so the persisted segments stay valid).
    CREATE TABLE dedup_index (doc_id TEXT PRIMARY KEY, key INTEGER NOT NULL UNIQUE, body_hash TEXT,
                              sort_key TEXT NOT NULL);
    INSERT INTO dedup_index(doc_id, key, body_hash, sort_key) SELECT doc_id, rowid, body_hash, sort_key FROM dedup_docs;
    DROP TABLE dedup_docs;
    -- Listings keep the order the corpus stages wrote them in when their sort keys tie, on every backend.
    ALTER TABLE stories ADD COLUMN position INTEGER;
    UPDATE stories SET position = rowid;
    ALTER TABLE storylines ADD COLUMN position INTEGER;
    UPDATE storylines SET position = rowid;
    ALTER TABLE entities ADD COLUMN position INTEGER;
    UPDATE entities SET position = rowid;
    """))


MIGRATIONS.append((7, """
    -- The web pages' reads (issue: web page and HTTP API): a storyline's stories, and statements by a speaker's
    -- name as well as by entity (the two sides of an OR each find their rows through an index).
    CREATE INDEX stories_storyline ON stories(storyline);
    CREATE INDEX quotes_speaker_name ON quotes(speaker);
    """))


MIGRATIONS.append((8, """
    -- The home page's latest stories: stories by the day they were last seen.
    CREATE INDEX stories_last_seen ON stories(last_seen);
    """))


MIGRATIONS.append((9, """
    -- Incremental stories (issue: stories that are events). A story keeps the running profile new articles are
    -- matched against and the event days it spans (day ordinals, so a batch reads only the stories of its days);
    -- each placement says why; a storyline keeps its profile; story_keys finds earlier stories by their central
    -- actors, however long ago. statements and frames are views shown with a story (key statements by speaker,
    -- the measured framing).
    ALTER TABLE stories ADD COLUMN profile TEXT;
    ALTER TABLE stories ADD COLUMN first_day INTEGER;
    ALTER TABLE stories ADD COLUMN last_day INTEGER;
    ALTER TABLE stories ADD COLUMN statements TEXT;
    ALTER TABLE stories ADD COLUMN frames TEXT;
    CREATE INDEX stories_last_day ON stories(last_day);
    ALTER TABLE story_articles ADD COLUMN why TEXT;
    ALTER TABLE storylines ADD COLUMN profile TEXT;
    ALTER TABLE storylines ADD COLUMN frames TEXT;
    CREATE TABLE story_keys (key TEXT NOT NULL, story_id TEXT NOT NULL, last_day INTEGER,
                             PRIMARY KEY (key, story_id));
    CREATE INDEX story_keys_story ON story_keys(story_id);
    CREATE INDEX story_keys_recent ON story_keys(key, last_day);
    """))

MIGRATIONS.append((10, """
    -- A daily user's lookups (issue: a day with Marsad): an article by the source's own id (a JSON Lines record's
    -- id, a file path) or by its URL.
    CREATE INDEX documents_source ON documents(source);
    CREATE INDEX documents_url ON documents(url);
    """))

MIGRATIONS.append((11, """
    -- Incremental entity linking (issue: beyond one machine): the corpus's names as their articles gave them,
    -- counted (entity_names, kept up to date from each batch), the corpus entity each local one links to
    -- (entity_links), mentions taken away since the last run (entity_name_changes) and the entities whose
    -- table row must be counted again (entities_touched). A mention (and a quote's speaker) not linked yet has no
    -- local_* value; '' marks one whose article gave it no entity. Existing stores start from what each article
    -- said: their first run links everything, as every run did before.
    CREATE TABLE entity_names (local_entity_id TEXT NOT NULL, type TEXT NOT NULL, local_canonical TEXT NOT NULL,
                               mentions INTEGER NOT NULL, PRIMARY KEY (local_entity_id, type, local_canonical));
    CREATE TABLE entity_links (local_entity_id TEXT PRIMARY KEY, entity_id TEXT, canonical TEXT);
    CREATE TABLE entity_name_changes (local_entity_id TEXT NOT NULL, type TEXT NOT NULL, local_canonical TEXT NOT NULL,
                                      mentions INTEGER NOT NULL);
    CREATE TABLE entities_touched (entity_id TEXT PRIMARY KEY);
    UPDATE mentions SET entity_id = NULLIF(local_entity_id, ''), canonical = local_canonical,
                        local_entity_id = NULL, local_canonical = NULL WHERE local_entity_id IS NOT NULL;
    CREATE INDEX mentions_unlinked ON mentions(doc_id) WHERE local_entity_id IS NULL;
    ALTER TABLE quotes ADD COLUMN local_speaker_id TEXT;
    CREATE INDEX quotes_local ON quotes(local_speaker_id);
    CREATE INDEX quotes_unlinked ON quotes(doc_id) WHERE local_speaker_id IS NULL;
    INSERT INTO meta(key, value) VALUES ('entities_rebuild', '1') ON CONFLICT(key) DO UPDATE SET value = excluded.value;
    """))

MIGRATIONS.append((12, """
    -- The entity table kept up to date from each batch (entities/catalog.py): each entity's mentions counted by
    -- type, canonical, name, title and outlet ('' for none), so a batch adds its counts instead of counting an
    -- entity's mentions over the whole store; entities_rowid in meta is the last document the table has counted.
    CREATE TABLE entity_counts (entity_id TEXT NOT NULL, type TEXT NOT NULL, canonical TEXT NOT NULL,
                                name TEXT NOT NULL, title TEXT NOT NULL, outlet TEXT NOT NULL,
                                mentions INTEGER NOT NULL,
                                PRIMARY KEY (entity_id, type, canonical, name, title, outlet));
    INSERT INTO meta(key, value) VALUES ('entities_rebuild', '1') ON CONFLICT(key) DO UPDATE SET value = excluded.value;
    """))

MIGRATIONS.append((13, """
    -- The text the duplicate index holds of a document that was re-cleaned or deleted since the index last ran
    -- (dedup/persist.py takes that text's counts back out of the index instead of rebuilding it; the row goes
    -- when it has). Kept only when the stored body is the indexed one, so it is always that text.
    CREATE TABLE dedup_retired (doc_id TEXT PRIMARY KEY, body_hash TEXT NOT NULL, body TEXT NOT NULL);
    """))

MIGRATIONS.append((14, """
    -- Documents the duplicate index has to look at (dedup/persist.py): every document stored, re-analysed or
    -- deleted since the index last ran, so an update reads those rather than comparing every stored document
    -- with its index entry. Filled once here with what that comparison finds.
    CREATE TABLE dedup_todo (doc_id TEXT PRIMARY KEY);
    INSERT INTO dedup_todo(doc_id)
        SELECT d.id FROM documents d LEFT JOIN dedup_index x ON x.doc_id = d.id
        WHERE x.doc_id IS NULL OR d.body_hash IS DISTINCT FROM x.body_hash
        UNION SELECT x.doc_id FROM dedup_index x LEFT JOIN documents d ON d.id = x.doc_id
        WHERE d.id IS NULL OR d.body_hash IS DISTINCT FROM x.body_hash;
    """))

MIGRATIONS.append((15, """
    -- The entity table kept up to date when stored articles are analysed again or deleted (entities/catalog.py):
    -- what it had counted of their mentions is taken off its counts (entity_count_changes, by the rows of
    -- entity_counts; entity_total_changes, each entity's mentions and articles) and the new mentions of the
    -- re-analysed ones (entities_redo) are added, instead of counting every entity they name again over the whole
    -- store.
    CREATE TABLE entity_count_changes (entity_id TEXT NOT NULL, type TEXT NOT NULL, canonical TEXT NOT NULL,
                                       name TEXT NOT NULL, title TEXT NOT NULL, outlet TEXT NOT NULL,
                                       mentions INTEGER NOT NULL,
                                       PRIMARY KEY (entity_id, type, canonical, name, title, outlet));
    CREATE TABLE entity_total_changes (entity_id TEXT PRIMARY KEY, mentions INTEGER NOT NULL,
                                       articles INTEGER NOT NULL);
    CREATE TABLE entities_redo (doc_id TEXT PRIMARY KEY);
    """))

MIGRATIONS.append((16, """
    -- Who the corpus names with a role, month by month (entities/linking.RoleHolders), counted from each batch as
    -- entity_names is (store/sql_links.py): the linked mentions of people with a title that may hold a role, by
    -- name, title, the word before the title and month; role_title_changes holds those taken off since the last
    -- run (re-analysed or deleted articles). Filled here from the mentions already linked.
    CREATE TABLE role_titles (canonical TEXT NOT NULL, title TEXT NOT NULL, word_before TEXT NOT NULL,
                              month TEXT NOT NULL, mentions INTEGER NOT NULL,
                              PRIMARY KEY (canonical, title, word_before, month));
    CREATE TABLE role_title_changes (canonical TEXT NOT NULL, title TEXT NOT NULL, word_before TEXT NOT NULL,
                                     month TEXT NOT NULL, mentions INTEGER NOT NULL);
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

MIGRATIONS.append((17, """
    -- What a story is found by (its index keys and event days, JSON), beside its profile: a run reads the stories
    -- of its batch's days by these and parses a profile only when the story is compared (about half of them).
    -- NULL for stories written before: their profiles are parsed as read.
    ALTER TABLE stories ADD COLUMN lookup TEXT;
    """))

MIGRATIONS.append((18, """
    -- The rule that chose each quote's speaker ("subject after the verb", "previous speaker (continuation)"), so a
    -- wrong speaker can be traced. NULL for quotes stored before.
    ALTER TABLE quotes ADD COLUMN why TEXT;
    """))

MIGRATIONS.append((19, """
    -- Where each linked name goes (entities/relink.py), so that linking updates from a batch: a name (its local
    -- entity id: a hash of its type and name key) with its most used spelling, the parts of a person's name its
    -- fuller forms are found by, the stem of an organization named with its country's adjective, a role left open
    -- with its month, the fuller name it is a short form of (`direct`: itself, or NULL when unresolved) and the
    -- name whose entity it takes (`target`). Empty until the next linking run fills it from the whole store.
    CREATE TABLE link_keys (local_entity_id TEXT PRIMARY KEY, type TEXT NOT NULL, name_key TEXT NOT NULL,
                            top TEXT NOT NULL, given TEXT, family TEXT, parts INTEGER, nasab TEXT, kunya TEXT,
                            with_bin INTEGER, stem TEXT, role_words TEXT, role_month TEXT, direct TEXT,
                            target TEXT);
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
