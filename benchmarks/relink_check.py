"""Linking from the batch against linking the whole store, on a real store: are they the same, and how long each?

    python benchmarks/relink_check.py STORE.db BATCH.jsonl [--workers 2] [--tmp DIR]

On a copy of STORE (a SQLite store that `benchmarks/scale.py --keep DIR` grew, for instance), the linking table is
filled first (the first run over a store links it whole), then BATCH is ingested with `--no-corpus` and the corpus
stages before linking are run (templates, duplicates). That state is copied twice: one copy is linked from the
batch (`entities/relink.py`), the other from every name (`linking.link`, as a store without the table is). Printed:
both times, and for each table that linking writes (links, every mention's and statement's entity, names, the
linking table, the entities to count again) its row count and a hash on both copies, with SAME or DIFF. Exits 1 on
any DIFF. The copies need twice the store's size on disk, removed at the end.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from marsad.clean.reclean import learn_and_reclean  # noqa: E402
from marsad.dedup import persist  # noqa: E402
from marsad.entities import catalog  # noqa: E402
from marsad.store import open_store  # noqa: E402

TABLES = (("links", "SELECT local_entity_id, entity_id, canonical FROM entity_links ORDER BY 1"),
          ("mentions", "SELECT doc_id, start, entity_id, canonical, local_entity_id, local_canonical FROM mentions "
                       "ORDER BY 1, 2"),
          ("statements", "SELECT doc_id, start, speaker_entity_id, local_speaker_id FROM quotes ORDER BY 1, 2"),
          ("names", "SELECT * FROM entity_names ORDER BY 1, 2, 3"),
          ("link_keys", "SELECT * FROM link_keys ORDER BY 1"),
          ("touched", "SELECT * FROM entities_touched ORDER BY 1"))


def _copy(src: Path, dst: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{src}{suffix}").exists():
            shutil.copy(f"{src}{suffix}", f"{dst}{suffix}")


def _hashes(path: Path) -> dict[str, tuple[int, str]]:
    store = open_store(str(path))
    try:
        out = {}
        for name, sql in TABLES:
            rows = store._run(sql)
            out[name] = (len(rows), hashlib.sha1(repr(rows).encode()).hexdigest()[:12])
        return out
    finally:
        store.close()


def _linked(path: Path, whole: bool) -> float:
    store = open_store(str(path))
    try:
        if whole:
            store._set_meta("link_keys", "0")           # as a store without the table: linked from every name
        start = time.perf_counter()
        catalog.link_stage(store)
        return time.perf_counter() - start
    finally:
        store.close()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("store", type=Path)
    ap.add_argument("batch", type=Path)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--tmp", type=Path, default=None, help="where the copies go (default: the system's temp)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
        base, batch, whole = Path(tmp) / "base.db", Path(tmp) / "batch.db", Path(tmp) / "whole.db"
        _copy(args.store, base)
        _linked(base, whole=False)                        # fills the table (a whole link the first time)
        subprocess.run([sys.executable, "-m", "marsad.cli", "ingest", str(args.batch), "--db", str(base), "--workers",
                        str(args.workers), "--no-corpus"], check=True, capture_output=True)
        store = open_store(str(base))
        learn_and_reclean(store)
        persist.update(store)
        store.close()
        _copy(base, batch)
        _copy(base, whole)
        print(f"from the batch {_linked(batch, whole=False):.2f} s, whole store {_linked(whole, whole=True):.2f} s")
        a, b = _hashes(batch), _hashes(whole)
        for name in a:
            print(f"{name:12} {a[name]} {b[name]} {'SAME' if a[name] == b[name] else 'DIFF'}")
        return 0 if a == b else 1


if __name__ == "__main__":
    sys.exit(main())
