"""What incremental entity linking keeps (entities/catalog.py), for both SQL backends. A mixin of `sql.SQLStore`.

A mention keeps what its article said in `local_*` and the corpus entity in `entity_id`/`canonical`; a mention
not linked yet has no `local_entity_id` ('' once linked when its article gave it no entity), and a partial index
finds those, so a run reads what the batch added, not the store. `entity_names` counts the local names the
store holds, `entity_links` says where each local entity goes; a run changes only the mentions whose link
changed. Removing a document's analysis (re-cleaning, deleting) counts its linked names down first.
"""

from __future__ import annotations

from .sql_views import chunks

Name = tuple[str, str, str, int]          # (local entity id, type, local canonical, mentions)
Link = tuple[str | None, str]             # (corpus entity id or None when unresolved, canonical)
_LINKED_COLUMNS = (("mentions", "local_entity_id", "entity_id"), ("quotes", "local_speaker_id", "speaker_entity_id"))
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
        added = self._run("SELECT entity_id, COALESCE(type, ''), COALESCE(canonical, ''), COUNT(*) FROM mentions "
                          f"WHERE local_entity_id IS NULL AND entity_id IS NOT NULL AND {_UPTO.format('mentions')} "
                          "GROUP BY entity_id, COALESCE(type, ''), COALESCE(canonical, '')", (mark,))
        removed = self._run("SELECT local_entity_id, type, local_canonical, SUM(mentions) FROM entity_name_changes "
                            "GROUP BY local_entity_id, type, local_canonical")
        return sorted((r[0], r[1], r[2], int(r[3])) for r in added + removed)

    def entity_links(self) -> dict[str, Link]:
        return {r[0]: (r[1], r[2]) for r in self._run("SELECT local_entity_id, entity_id, canonical FROM entity_links")}

    def commit_links(self, mark: int, pending: list[Name], changed: dict[str, Link], gone: list[str],
                     touched: set[str]) -> int:
        with self.transaction():
            self._many("INSERT INTO entity_names(local_entity_id, type, local_canonical, mentions) VALUES (?,?,?,?) "
                       "ON CONFLICT(local_entity_id, type, local_canonical) DO UPDATE SET "
                       "mentions = entity_names.mentions + excluded.mentions", pending)
            self._many("DELETE FROM entity_names WHERE local_entity_id = ? AND type = ? AND local_canonical = ? "
                       "AND mentions <= 0", [n[:3] for n in pending if n[3] < 0])     # only a removal empties one
            self._exec("DELETE FROM entity_name_changes")
            self._many("DELETE FROM entity_links WHERE local_entity_id = ?", [(g,) for g in gone])
            rows = sorted(changed.items())
            self._many("INSERT INTO entity_links(local_entity_id, entity_id, canonical) VALUES (?,?,?) "
                       "ON CONFLICT(local_entity_id) DO UPDATE SET entity_id = excluded.entity_id, "
                       "canonical = excluded.canonical", [(k, e, c) for k, (e, c) in rows])
            # linked before: those whose entity changed
            self._many("UPDATE mentions SET entity_id = ?, canonical = ? WHERE local_entity_id = ?",
                       [(e, c, k) for k, (e, c) in rows])
            self._many("UPDATE quotes SET speaker_entity_id = ? WHERE local_speaker_id = ?",
                       [(e, k) for k, (e, _) in rows])
            self._touch(touched | self._new_targets(mark))
            self._link_new(mark)
            return self.linked_mentions()

    def _new_targets(self, mark: int) -> set[str]:
        """The corpus entities of mentions and speakers not linked yet in documents the entity table has counted
        already (re-analysed ones): their rows are counted again. New documents' mentions are added to the table's
        counts instead (entities/catalog.py)."""
        counted = min(mark, int(self._meta("entities_rowid") or 0))
        out: set[str] = set()
        for table, local, eid in _LINKED_COLUMNS:
            out |= {r[0] for r in self._run(
                f"SELECT DISTINCT l.entity_id FROM {table} t JOIN entity_links l ON l.local_entity_id = t.{eid} "
                f"WHERE t.{local} IS NULL AND l.entity_id IS NOT NULL AND {_UPTO.format('t')}", (counted,))}
        return out

    def _link_new(self, mark: int) -> None:
        """Mentions and speakers not linked yet take the entity their local one links to (every right-hand side of
        an UPDATE reads the row as it was), or keep their own when it has no link."""
        for table, local, eid in _LINKED_COLUMNS:
            fresh = f"{local} IS NULL AND {_UPTO.format(table)}"
            link = f"(SELECT {{}} FROM entity_links l WHERE l.local_entity_id = {table}.{eid})"
            also = (", local_canonical = canonical, canonical = " + link.format("l.canonical")
                    if table == "mentions" else "")
            self._exec(f"UPDATE {table} SET {local} = {eid}, {eid} = {link.format('l.entity_id')}{also} "
                       f"WHERE {fresh} AND EXISTS {link.format('1')}", (mark,))
            also = ", local_canonical = canonical" if table == "mentions" else ""
            self._exec(f"UPDATE {table} SET {local} = COALESCE({eid}, ''){also} WHERE {fresh}", (mark,))

    def linked_mentions(self) -> int:
        """Mentions that carry another entity than their article gave them, from the counts (not the mentions)."""
        return int(self._one("SELECT COALESCE(SUM(n.mentions), 0) FROM entity_names n JOIN entity_links l "
                             "ON l.local_entity_id = n.local_entity_id WHERE l.entity_id != n.local_entity_id") or 0)

    def _touch(self, entity_ids: set[str]) -> None:
        self._many("INSERT INTO entities_touched(entity_id) VALUES (?) ON CONFLICT(entity_id) DO NOTHING",
                   [(e,) for e in sorted(entity_ids) if e])

    def _unlink_docs(self, doc_ids: list[str]) -> None:
        """Before a document's mentions go: its linked names are counted down and its entities counted again."""
        for chunk, marks in chunks(sorted(set(doc_ids))):
            self._exec("INSERT INTO entity_name_changes(local_entity_id, type, local_canonical, mentions) "
                       "SELECT local_entity_id, COALESCE(type, ''), COALESCE(local_canonical, ''), -COUNT(*) "
                       f"FROM mentions WHERE doc_id IN ({marks}) AND local_entity_id IS NOT NULL "
                       "AND local_entity_id != '' GROUP BY local_entity_id, COALESCE(type, ''), "
                       "COALESCE(local_canonical, '')", chunk)
            self._touch({r[0] for r in self._run(f"SELECT DISTINCT entity_id FROM mentions WHERE doc_id IN ({marks}) "
                                                 "AND entity_id IS NOT NULL", chunk)})

    def reset_links(self) -> None:
        with self.transaction():
            self._exec("UPDATE mentions SET entity_id = NULLIF(local_entity_id, ''), canonical = local_canonical, "
                       "local_entity_id = NULL, local_canonical = NULL WHERE local_entity_id IS NOT NULL")
            self._exec("UPDATE quotes SET speaker_entity_id = NULLIF(local_speaker_id, ''), local_speaker_id = NULL "
                       "WHERE local_speaker_id IS NOT NULL")
            for table in ("entity_names", "entity_links", "entity_name_changes", "entities_touched"):
                self._exec(f"DELETE FROM {table}")
            self._set_meta("entities_rebuild", "1")

    def touched_entities(self) -> list[str] | None:
        if self._meta("entities_rebuild") == "1":
            return None
        return [r[0] for r in self._run("SELECT entity_id FROM entities_touched ORDER BY entity_id")]
