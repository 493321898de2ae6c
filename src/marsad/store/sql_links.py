"""What incremental entity linking keeps (entities/catalog.py), for both SQL backends. A mixin of `sql.SQLStore`.

A mention keeps what its article said in `local_*` and the corpus entity in `entity_id`/`canonical`; a mention
not linked yet has no `local_entity_id` ('' once linked when its article gave it no entity), and a partial index
finds those, so a run reads what the batch added, not the store. `entity_names` counts the local names the
store holds, `entity_links` says where each local entity goes; a run changes only the mentions whose link
changed. Removing a document's analysis (re-cleaning, deleting) counts its linked names down first. `link_keys`
keeps where each name goes and what finds it (entities/relink.py), so a run reads the names near the batch's.
"""

from __future__ import annotations

from .sql_views import chunks

Name = tuple[str, str, str, int]          # (local entity id, type, local canonical, mentions)
Link = tuple[str | None, str]             # (corpus entity id or None when unresolved, canonical)
_LINKED_COLUMNS = (("mentions", "local_entity_id", "entity_id"), ("quotes", "local_speaker_id", "speaker_entity_id"))
Role = tuple[str, str, str, str, int]     # (local canonical, title, the word before it, month, mentions)
KEY_COLUMNS = ("local_entity_id", "type", "name_key", "top", "given", "family", "parts", "nasab", "kunya", "with_bin",
               "stem", "role_words", "role_month", "direct", "target")
_KEYS = "SELECT " + ", ".join(KEY_COLUMNS) + " FROM link_keys WHERE "
_KEY_LOOKUPS = ("local_entity_id", "direct", "target", "stem")
_ROLE_WORDS = ("العهد", "الحرمين", "وزير", "رئيس", "منطقة")   # as written in a title: roles.py's roles hold one
# what `role_titles` counts of a mention (a title's word before is read where it may be cut from a deputy's:
# "وولي ولي العهد", the title starts after وولي), and which mentions it counts; schema migration 16 holds a copy
_ROLE_KEY = (
    "COALESCE(m.local_canonical, m.canonical), m.title, CASE WHEN m.title LIKE 'ولي %' OR m.title LIKE 'خادم %' "
    "THEN substr(d.body, CASE WHEN m.start > 12 THEN m.start - 11 ELSE 1 END, CASE WHEN m.start > 12 THEN 12 "
    "ELSE m.start END) ELSE '' END, COALESCE(substr(d.published, 1, 7), '')")
_ROLE_FROM = "FROM mentions m JOIN documents d ON d.id = m.doc_id"
_ROLE_WHERE = ("m.type = 'PER' AND COALESCE(m.local_canonical, m.canonical) IS NOT NULL AND ("
               + " OR ".join(f"m.title LIKE '%{w}%'" for w in _ROLE_WORDS) + ")")
# of a document stored up to the mark (an index lookup per row: an IN over the documents would read them all)
_UPTO = "EXISTS (SELECT 1 FROM documents d WHERE d.id = {}.doc_id AND d.rowid <= ?)"


class LinkTables:
    def local_names(self) -> list[Name]:
        return [(r[0], r[1], r[2], int(r[3])) for r in self._run(
            "SELECT local_entity_id, type, local_canonical, mentions FROM entity_names "
            "ORDER BY local_entity_id, type, local_canonical")]

    def pending_names(self, mark: int) -> list[Name]:
        """Names of the mentions not linked yet, of documents up to `mark` (one stored meanwhile waits for the next
        run), and of mentions taken away since the last run (negative counts)."""
        # the mentions not linked yet read through their partial index, then counted: asked in one statement, the
        # planners walk the whole entity index instead, for its order
        added = self._run("WITH fresh AS MATERIALIZED (SELECT entity_id, COALESCE(type, '') AS t, "
                          "COALESCE(canonical, '') AS c FROM mentions WHERE local_entity_id IS NULL AND "
                          f"{_UPTO.format('mentions')}) SELECT entity_id, t, c, COUNT(*) FROM fresh "
                          "WHERE entity_id IS NOT NULL GROUP BY entity_id, t, c", (mark,))
        removed = self._run("SELECT local_entity_id, type, local_canonical, SUM(mentions) FROM entity_name_changes "
                            "GROUP BY local_entity_id, type, local_canonical")
        return sorted((r[0], r[1], r[2], int(r[3])) for r in added + removed)

    def role_titles(self, months: list[str] | None = None) -> list[Role]:
        """(local canonical, title, the word before it, month, mentions) of the linked mentions of people named with
        a title that may hold a role (the words every role of entities/roles.py has), and of the title-only
        references their article resolved (the title is the role): who held a role when, for the references left
        open. Counted in `role_titles` as names are in `entity_names`, so a run reads the batch's, not the store's.
        `months`: of those months only."""
        select = "SELECT canonical, title, word_before, month, mentions FROM role_titles"
        if months is None:
            found = self._run(select)
        else:
            found = [r for chunk, marks in chunks(sorted(set(months)))
                     for r in self._run(f"{select} WHERE month IN ({marks})", chunk)]
        return sorted((r[0], r[1], r[2], r[3], int(r[4])) for r in found)

    def role_months(self, canonicals: list[str]) -> set[str]:
        return {r[0] for chunk, marks in chunks(sorted(set(canonicals)))
                for r in self._run(f"SELECT DISTINCT month FROM role_titles WHERE canonical IN ({marks})", chunk)}

    # -- where each name goes (entities/relink.py) ------------------------------------------------------------
    def links_ready(self) -> bool:
        return self._meta("link_keys") == "1"

    def link_keys(self, column: str, values) -> list[tuple]:
        if column not in _KEY_LOOKUPS:
            raise ValueError(f"link_keys are not looked up by {column}")
        return [r for chunk, marks in chunks(sorted(set(values)))
                for r in self._run(f"{_KEYS}{column} IN ({marks})", chunk)]

    def near_link_keys(self, given: set[str], family: set[str]) -> list[tuple]:
        found: dict[str, tuple] = {}
        for column, values, also in (("given", given, ""), ("family", family, ""),
                                     ("given", family, " AND parts = 1")):
            for chunk, marks in chunks(sorted(values)):
                for r in self._run(f"{_KEYS}{column} IN ({marks}) AND type = 'PER' AND role_words IS NULL{also}",
                                   chunk):
                    found[r[0]] = r
        return list(found.values())

    def role_link_keys(self, months: list[str] | None) -> list[tuple]:
        if months is None:
            return self._run(f"{_KEYS}role_words IS NOT NULL")
        found = self._run(f"{_KEYS}role_words IS NOT NULL AND role_month IS NULL")
        for chunk, marks in chunks(sorted(set(months))):
            found += self._run(f"{_KEYS}role_words IS NOT NULL AND role_month IN ({marks})", chunk)
        return found

    def name_rows(self, local_ids) -> list[Name]:
        return [(r[0], r[1], r[2], int(r[3])) for chunk, marks in chunks(sorted(set(local_ids)))
                for r in self._run("SELECT local_entity_id, type, local_canonical, mentions FROM entity_names "
                                   f"WHERE local_entity_id IN ({marks})", chunk)]

    def links_of(self, local_ids) -> dict[str, Link]:
        return {r[0]: (r[1], r[2]) for chunk, marks in chunks(sorted(set(local_ids)))
                for r in self._run("SELECT local_entity_id, entity_id, canonical FROM entity_links "
                                   f"WHERE local_entity_id IN ({marks})", chunk)}

    def pending_role_titles(self, mark: int) -> list[Role]:
        """The same for mentions not linked yet, of documents stored up to `mark`, and for linked mentions removed
        since the last run (negative counts)."""
        added = self._run(f"SELECT {_ROLE_KEY}, COUNT(*) {_ROLE_FROM} WHERE m.local_entity_id IS NULL AND d.rowid <= ? "
                          f"AND {_ROLE_WHERE} GROUP BY 1, 2, 3, 4", (mark,))
        removed = self._run("SELECT canonical, title, word_before, month, SUM(mentions) FROM role_title_changes "
                            "GROUP BY canonical, title, word_before, month")
        return sorted((r[0], r[1], r[2], r[3], int(r[4])) for r in added + removed)

    def entity_links(self) -> dict[str, Link]:
        return {r[0]: (r[1], r[2]) for r in self._run("SELECT local_entity_id, entity_id, canonical FROM entity_links")}

    def commit_links(self, mark: int, pending: list[Name], changed: dict[str, Link], gone: list[str],
                     touched: set[str], roles: list[Role] = (), keys: tuple[list[tuple], list[str]] | None = None,
                     all_keys: bool = False) -> int:
        with self.transaction():
            self._write_keys(keys, all_keys)
            self._many("INSERT INTO role_titles(canonical, title, word_before, month, mentions) VALUES (?,?,?,?,?) "
                       "ON CONFLICT(canonical, title, word_before, month) DO UPDATE SET "
                       "mentions = role_titles.mentions + excluded.mentions", roles)
            self._many("DELETE FROM role_titles WHERE canonical = ? AND title = ? AND word_before = ? AND month = ? "
                       "AND mentions <= 0", [r[:4] for r in roles if r[4] < 0])
            self._exec("DELETE FROM role_title_changes")
            self._many("INSERT INTO entity_names(local_entity_id, type, local_canonical, mentions) VALUES (?,?,?,?) "
                       "ON CONFLICT(local_entity_id, type, local_canonical) DO UPDATE SET "
                       "mentions = entity_names.mentions + excluded.mentions", pending)
            self._many("DELETE FROM entity_names WHERE local_entity_id = ? AND type = ? AND local_canonical = ? "
                       "AND mentions <= 0", [n[:3] for n in pending if n[3] < 0])     # only a removal empties one
            self._exec("DELETE FROM entity_name_changes")
            self._many("DELETE FROM entity_links WHERE local_entity_id = ?", [(g,) for g in gone])
            rows = sorted(changed.items())
            was = {k: e for k, (e, _) in self.links_of(changed).items()}
            self._many("INSERT INTO entity_links(local_entity_id, entity_id, canonical) VALUES (?,?,?) "
                       "ON CONFLICT(local_entity_id) DO UPDATE SET entity_id = excluded.entity_id, "
                       "canonical = excluded.canonical", [(k, e, c) for k, (e, c) in rows])
            self._move_linked([(k, e, c, was[k]) for k, (e, c) in rows if k in was])
            self._touch(touched)
            self._link_new(mark)
            return self.linked_mentions()

    def _move_linked(self, moves: list[tuple[str, str | None, str, str | None]]) -> None:
        """The mentions and speakers linked before whose entity changed: (local id, entity, canonical, the entity
        it had). A linked mention carries its local name's link, so those of a local name are found by the entity
        they had (its index) or, unresolved, by a partial index of the unresolved ones: an index of every mention
        by its local name took a page of its own for most of a batch's new mentions in a large store (its keys are
        hashes), and it was read only here."""
        for table, local, eid in _LINKED_COLUMNS:
            sets = f"{eid} = ?" + (", canonical = ?" if table == "mentions" else "")
            new = [(e, c) if table == "mentions" else (e,) for _, e, c, _ in moves]
            self._many(f"UPDATE {table} SET {sets} WHERE {eid} = ? AND {local} = ?",
                       [(*v, old, k) for v, (k, _, _, old) in zip(new, moves) if old is not None])
            self._many(f"UPDATE {table} SET {sets} WHERE {eid} IS NULL AND {local} IS NOT NULL AND {local} = ?",
                       [(*v, k) for v, (k, _, _, old) in zip(new, moves) if old is None])

    def _write_keys(self, keys: tuple[list[tuple], list[str]] | None, all_keys: bool) -> None:
        """The names whose row changed (upserted) and those no longer counted (deleted); `all_keys`: the rows are
        every name's, and the table is ready to update from a batch."""
        if keys is None:
            self._exec("DELETE FROM link_keys")
            self._set_meta("link_keys", "0")
            return
        rows, dropped = keys
        if all_keys:
            self._exec("DELETE FROM link_keys")
        self._many("DELETE FROM link_keys WHERE local_entity_id = ?", [(d,) for d in dropped])
        cols = ", ".join(KEY_COLUMNS)
        sets = ", ".join(f"{c} = excluded.{c}" for c in KEY_COLUMNS[1:])
        self._many(f"INSERT INTO link_keys({cols}) VALUES ({', '.join('?' * len(KEY_COLUMNS))}) "
                   f"ON CONFLICT(local_entity_id) DO UPDATE SET {sets}", sorted(rows))
        if all_keys:
            self._set_meta("link_keys", "1")

    def _link_new(self, mark: int) -> None:
        """Mentions and speakers not linked yet take the entity their local one links to (every right-hand side of
        an UPDATE reads the row as it was), or keep their own when it has no link or links to itself.

        Why a name that links to itself is left to the second statement: SQLite writes a row's entry in every index
        on a column an UPDATE sets, even to the value it had, and most names link to themselves. Setting the entity
        only where it moves left the entity index of a 1,000-article batch over the 100,000-article store 959 pages
        to write at the checkpoint instead of 4,323 (the whole stage 10,418 instead of 14,393), the store
        identical."""
        for table, local, eid in _LINKED_COLUMNS:
            fresh = f"{local} IS NULL AND {_UPTO.format(table)}"
            link = f"(SELECT {{}} FROM entity_links l WHERE l.local_entity_id = {table}.{eid})"
            moves = f"l.entity_id IS DISTINCT FROM {table}.{eid}" + (
                f" OR l.canonical IS DISTINCT FROM {table}.canonical" if table == "mentions" else "")
            also = (", local_canonical = canonical, canonical = " + link.format("l.canonical")
                    if table == "mentions" else "")
            self._exec(f"UPDATE {table} SET {local} = {eid}, {eid} = {link.format('l.entity_id')}{also} "
                       f"WHERE {fresh} AND EXISTS (SELECT 1 FROM entity_links l "
                       f"WHERE l.local_entity_id = {table}.{eid} AND ({moves}))", (mark,))
            also = ", local_canonical = canonical" if table == "mentions" else ""
            self._exec(f"UPDATE {table} SET {local} = COALESCE({eid}, ''){also} WHERE {fresh}", (mark,))

    def linked_mentions(self) -> int:
        """Mentions that carry another entity than their article gave them, from the counts (not the mentions)."""
        return int(self._one("SELECT COALESCE(SUM(n.mentions), 0) FROM entity_names n JOIN entity_links l "
                             "ON l.local_entity_id = n.local_entity_id WHERE l.entity_id != n.local_entity_id") or 0)

    def _touch(self, entity_ids: set[str]) -> None:
        self._many("INSERT INTO entities_touched(entity_id) VALUES (?) ON CONFLICT(entity_id) DO NOTHING",
                   [(e,) for e in sorted(entity_ids) if e])

    def _unrole_docs(self, doc_ids: list[str]) -> None:
        """Before stored documents change (their body and date are what `role_titles` counted their linked mentions
        with) or go: those counts are taken off."""
        for chunk, marks in chunks(sorted(set(doc_ids))):
            self._exec("INSERT INTO role_title_changes(canonical, title, word_before, month, mentions) SELECT "
                       f"{_ROLE_KEY}, -COUNT(*) {_ROLE_FROM} WHERE m.doc_id IN ({marks}) "
                       f"AND m.local_entity_id IS NOT NULL AND {_ROLE_WHERE} GROUP BY 1, 2, 3, 4", chunk)

    def _unlink_docs(self, doc_ids: list[str]) -> None:
        """Before a document's mentions go: its linked names are counted down."""
        for chunk, marks in chunks(sorted(set(doc_ids))):
            self._exec("INSERT INTO entity_name_changes(local_entity_id, type, local_canonical, mentions) "
                       "SELECT local_entity_id, COALESCE(type, ''), COALESCE(local_canonical, ''), -COUNT(*) "
                       f"FROM mentions WHERE doc_id IN ({marks}) AND local_entity_id IS NOT NULL "
                       "AND local_entity_id != '' GROUP BY local_entity_id, COALESCE(type, ''), "
                       "COALESCE(local_canonical, '')", chunk)

    def _uncount_docs(self, doc_ids: list[str], again: bool) -> None:
        """Before stored documents are analysed again (`again`) or deleted, while their rows are as the entity
        table counted them: their mentions are taken off its counts, and the re-analysed ones listed so that their
        new mentions are added (entities/catalog.py). Documents it has not counted (stored, or analysed again,
        since it ran) have nothing to take off."""
        if self._meta("entities_rebuild") == "1":
            return                                  # the table is counted afresh next time
        counted = int(self._meta("entities_rowid") or 0)
        for chunk, marks in chunks(sorted(set(doc_ids))):
            of = (f"FROM mentions m JOIN documents d ON d.id = m.doc_id WHERE m.doc_id IN ({marks}) AND "
                  "m.entity_id IS NOT NULL AND d.rowid <= ? AND NOT EXISTS (SELECT 1 FROM entities_redo r "
                  "WHERE r.doc_id = d.id)")
            self._exec("INSERT INTO entity_count_changes(entity_id, type, canonical, name, title, outlet, mentions) "
                       "SELECT m.entity_id, COALESCE(m.type, ''), COALESCE(m.canonical, ''), COALESCE(m.name, ''), "
                       f"COALESCE(m.title, ''), COALESCE(d.outlet, ''), -COUNT(*) {of} GROUP BY m.entity_id, "
                       "COALESCE(m.type, ''), COALESCE(m.canonical, ''), COALESCE(m.name, ''), COALESCE(m.title, ''), "
                       "COALESCE(d.outlet, '') ON CONFLICT(entity_id, type, canonical, name, title, outlet) DO UPDATE "
                       "SET mentions = entity_count_changes.mentions + excluded.mentions", chunk + [counted])
            self._exec("INSERT INTO entity_total_changes(entity_id, mentions, articles) SELECT m.entity_id, "
                       f"-COUNT(*), -COUNT(DISTINCT m.doc_id) {of} GROUP BY m.entity_id ON CONFLICT(entity_id) DO "
                       "UPDATE SET mentions = entity_total_changes.mentions + excluded.mentions, "
                       "articles = entity_total_changes.articles + excluded.articles", chunk + [counted])
            if again:
                self._exec(f"INSERT INTO entities_redo(doc_id) SELECT id FROM documents WHERE id IN ({marks}) "
                           "AND rowid <= ? ON CONFLICT(doc_id) DO NOTHING", chunk + [counted])
            else:
                self._exec(f"DELETE FROM entities_redo WHERE doc_id IN ({marks})", chunk)

    def reset_links(self) -> None:
        with self.transaction():
            self._exec("UPDATE mentions SET entity_id = NULLIF(local_entity_id, ''), canonical = local_canonical, "
                       "local_entity_id = NULL, local_canonical = NULL WHERE local_entity_id IS NOT NULL")
            self._exec("UPDATE quotes SET speaker_entity_id = NULLIF(local_speaker_id, ''), local_speaker_id = NULL "
                       "WHERE local_speaker_id IS NOT NULL")
            self._write_keys(None, False)
            for table in ("entity_names", "entity_links", "entity_name_changes", "entities_touched",
                          "entity_count_changes", "entity_total_changes", "entities_redo", "role_titles",
                          "role_title_changes"):
                self._exec(f"DELETE FROM {table}")
            self._set_meta("entities_rebuild", "1")

    def touched_entities(self) -> list[str] | None:
        if self._meta("entities_rebuild") == "1":
            return None
        return [r[0] for r in self._run("SELECT entity_id FROM entities_touched ORDER BY entity_id")]
