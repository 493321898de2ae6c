"""Hostile input and faults: each one gets a clear error stored with it, the rest of the batch is kept, and
memory stays bounded. One test per row of the issue's table (benchmarks/hostile.py measures them at full size).
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import tracemalloc
import uuid
import zlib
from pathlib import Path

import pytest

from marsad import open as open_corpus
from marsad.document import content_id
from marsad.readers.sources import InputError, RawInput, iter_inputs
from marsad.store import open_store

from .test_crash_safety import _count

ROOT = Path(__file__).resolve().parents[1]
MB = 1024 * 1024


def article(i: int) -> str:
    return (f"الرياض - أعلنت وزارة الصحة السعودية اليوم تسجيل {i} حالة جديدة من الإنفلونزا، وقال المتحدث باسم "
            f"الوزارة محمد العبدالعالي إن الفرق الميدانية تواصل عملها في المناطق المتضررة منذ مطلع الأسبوع.")


def good_files(folder: Path, n: int = 2) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = folder / f"good{i}.txt"
        p.write_text(f"خبر رقم {i}\n\n" + article(1000 + i) + "\n" + article(2000 + i), encoding="utf-8")
        paths.append(p)
    return paths


def rows(db: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def errors_of(db: Path) -> list[str]:
    return [m for (m,) in rows(db, "SELECT message FROM errors WHERE kind='error' ORDER BY id")]


def assert_good_kept(db: Path, goods: list[Path]) -> None:
    ids = {i for (i,) in rows(db, "SELECT id FROM documents")}
    assert {content_id(p.read_bytes()) for p in goods} <= ids


def marsad(*args, timeout: float = 120, env: dict | None = None, prefix: tuple = (), **kw):
    """The command line as a user runs it, in its own process (a hang fails the test instead of the suite)."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})}
    return subprocess.run([*prefix, sys.executable, "-m", "marsad.cli", *map(str, args)], capture_output=True,
                          text=True, timeout=timeout, env=full_env, **kw)


# -- text that breaks stores and stages ------------------------------------------------------------------------
def test_nul_and_control_characters_are_removed_once_and_every_view_survives(tmp_path, store_url, cli):
    """A NUL inside a JSON text or title, or raw between characters, used to be stored and then break the
    corpus views for the whole database (the shingler split on it; PostgreSQL refuses it outright)."""
    records = [{"id": "nul", "title": "عنوان\u0000مع صفر", "text": article(1).replace("،", "\u0000،")},
               {"id": "ctl", "title": "\x1b[31mأحمر\x07", "text": article(2) + "\x0b\x0c\x1f\x85 نهاية"},
               {"id": "sur", "title": "بديل\ud800", "text": article(3) + " \udfff نهاية"}]
    src = tmp_path / "bad.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    (tmp_path / "nul.txt").write_bytes(article(4).encode().replace(b" ", b" \x00", 3))
    goods = good_files(tmp_path / "g")
    cli("ingest", *goods, src, tmp_path / "nul.txt", "--db", store_url, "--workers", "1")
    corpus = open_corpus(store_url)
    docs = {d.source: d for d in corpus.documents()}
    assert len(docs) == 6
    for d in docs.values():
        for text in (d.title or "", d.body):
            assert not any(ord(c) < 32 and c not in "\n\t" for c in text), repr(text)
            assert not any(0xD800 <= ord(c) <= 0xDFFF for c in text)
    assert docs["nul"].title == "عنوانمع صفر"
    assert "\ufffd" in docs["sur"].body
    for view in ("duplicates", "entities", "stories", "quotes"):
        cli(view, "--db", store_url)


def test_a_file_name_that_is_not_utf8_is_stored_readably(tmp_path, cli):
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsdecode(b"\xff\xfe-\xd8\xae\xd8\xa8\xd8\xb1.txt")          # invalid UTF-8, then "خبر"
    (folder / name).write_text(article(5), encoding="utf-8")
    db = tmp_path / "n.db"
    cli("ingest", folder, "--db", db, "--workers", "1")
    (source,) = rows(db, "SELECT source FROM documents")[0]
    assert source.endswith("\\xff\\xfe-خبر.txt")


# -- containers that lie or never end --------------------------------------------------------------------------
def test_corrupt_deflate_data_is_an_error_of_that_file_and_the_run_finishes(tmp_path, cli):
    lines = "".join(json.dumps({"id": f"g{i}", "text": article(i)}, ensure_ascii=False) + "\n" for i in range(50))
    blob = bytearray(gzip.compress(lines.encode()))
    for i in range(len(blob) // 2, len(blob) - 20):
        blob[i] ^= 0x5A
    (tmp_path / "corrupt.jsonl.gz").write_bytes(bytes(blob))
    goods = good_files(tmp_path / "g")
    db = tmp_path / "c.db"
    result = cli("ingest", *goods, tmp_path / "corrupt.jsonl.gz", "--db", db, ok=False)
    assert result.exit_code == 1
    assert_good_kept(db, goods)
    assert any("corrupt gzip" in m for m in errors_of(db))
    assert rows(db, "SELECT status FROM runs") == [("with errors",)]


def test_json_nested_100000_deep_is_an_invalid_line_and_the_next_line_is_read(tmp_path, cli):
    deep = '{"id": "deep", "text": "نص", "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    src = tmp_path / "deep.jsonl"
    src.write_text(deep + "\n" + json.dumps({"id": "after", "text": article(6)}) + "\n", encoding="utf-8")
    db = tmp_path / "d.db"
    assert cli("ingest", src, "--db", db, ok=False).exit_code == 1
    assert errors_of(db) == ["line 1: invalid JSON (nested too deeply)"]
    assert rows(db, "SELECT source FROM documents") == [("after",)]


def test_json_values_of_the_wrong_kind_are_said_not_stored_as_text(tmp_path, cli):
    lines = [{"id": "n", "text": 12345}, {"id": "o", "title": {"a": [1, 2]}, "text": article(7)},
             {"id": "l", "site": ["x", "y"], "date": True, "text": article(8)}, {"id": 77, "text": article(9)}]
    src = tmp_path / "types.jsonl"
    src.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    db = tmp_path / "t.db"
    cli("ingest", src, "--db", db, ok=False)
    assert errors_of(db) == ["line 1: field 'text' holds a number, not text"]
    docs = dict(rows(db, "SELECT source, title FROM documents"))
    assert set(docs) == {"o", "l", "77"}
    assert "{" not in (docs["o"] or "")
    warnings = [m for (m,) in rows(db, "SELECT message FROM errors WHERE kind='warning'")]
    assert "field 'title' holds an object, not text: ignored" in warnings
    assert "field 'site' holds a list, not text: ignored" in warnings


def _bomb(size: int) -> bytes:
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    body = comp.compress(b"<html><body><p>") + comp.compress(b" " * size) + comp.compress(b"</p></body></html>")
    return body + comp.flush()


def _warc(uri: str, http: bytes) -> bytes:
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2020-01-05T10:00:00Z\r\n"
            f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\nContent-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


def _peak_while(fn) -> tuple[object, int]:
    tracemalloc.start()
    try:
        out = fn()
        return out, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_gzip_http_body_in_a_warc_is_limited_by_its_decompressed_size(tmp_path):
    """The limit used to be checked on the compressed length: 1 MB on disk became a 1 GB document."""
    blob = _bomb(40 * MB)
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Encoding: gzip\r\n"
            b"Content-Length: " + str(len(blob)).encode() + b"\r\n\r\n" + blob)
    page = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>" + article(1).encode() + b"</p>"
    (tmp_path / "bomb.warc").write_bytes(_warc("https://x.example/bomb", http) + _warc("https://x.example/ok", page))
    items, peak = _peak_while(lambda: list(iter_inputs([tmp_path / "bomb.warc"], max_bytes=2 * MB)))
    assert [type(x) for x in items] == [InputError, RawInput]
    assert "record too large after decompression" in items[0].message
    assert peak < 12 * MB


def test_a_gigantic_line_in_a_gzip_costs_one_chunk_of_memory(tmp_path):
    """A .jsonl.gz of zeros (a gigabyte of one line, 1 MB on disk) used to be read whole before its
    "record too large": 2 GB of memory for 1 GB, a MemoryError for 3 GB."""
    with gzip.open(tmp_path / "zeros.jsonl.gz", "wb") as fh:
        for _ in range(6):
            fh.write(b"\0" * (16 * MB))
        fh.write(b"\n" + json.dumps({"id": "after", "text": article(1)}).encode() + b"\n")
    items, peak = _peak_while(lambda: list(iter_inputs([tmp_path / "zeros.jsonl.gz"], max_bytes=2 * MB)))
    assert [type(x) for x in items] == [InputError, RawInput]
    assert items[0].message == "line 1: record too large (96.0 MB > limit 2.0 MB)"
    assert peak < 8 * MB


def test_a_file_is_read_up_to_the_limit_whatever_its_size_said(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(article(1).encode() * 20_000)
    (item,) = list(iter_inputs([big], max_bytes=1 * MB))
    assert isinstance(item, InputError) and item.message.startswith("file too large (")


def test_special_files_are_refused_and_never_opened(tmp_path):
    folder = tmp_path / "in"
    goods = good_files(folder)
    os.mkfifo(folder / "pipe.txt")
    db = tmp_path / "f.db"
    done = marsad("ingest", folder, "/dev/zero", "--db", db, "--workers", "1", timeout=120)
    assert done.returncode == 1, done.stderr
    assert_good_kept(db, goods)
    assert sorted(errors_of(db)) == ["not a regular file (a FIFO (named pipe)): refused, only files are read",
                                     "not a regular file (a character device): refused, only files are read"]


def _without_root_powers() -> tuple:
    """Root reads any file; to see what a user sees, run without the capabilities that allow it."""
    return ("setpriv", "--bounding-set=-dac_override,-dac_read_search") if os.geteuid() == 0 else ()


def test_unreadable_folders_and_files_are_errors_not_silence(tmp_path):
    folder = tmp_path / "in"
    goods = good_files(folder / "ok")
    (folder / "locked").mkdir()
    (folder / "locked" / "b.txt").write_text(article(2), encoding="utf-8")
    (folder / "c.txt").write_text(article(3), encoding="utf-8")
    (folder / "locked").chmod(0)
    (folder / "c.txt").chmod(0)
    db = tmp_path / "u.db"
    try:
        done = marsad("ingest", folder, "--db", db, "--workers", "1", prefix=_without_root_powers())
    finally:
        (folder / "locked").chmod(0o755)
    assert done.returncode == 1, done.stderr
    assert_good_kept(db, goods)
    found = dict(rows(db, "SELECT source, message FROM errors WHERE kind='error'"))
    assert found == {str(folder / "locked"): "cannot read folder: Permission denied",
                     str(folder / "c.txt"): "cannot read file: Permission denied"}


def test_a_reader_that_fails_unexpectedly_costs_only_its_file(tmp_path, monkeypatch):
    from marsad.readers import sources

    goods = good_files(tmp_path / "in")
    (tmp_path / "in" / "odd.html").write_text("<p>" + article(1) + "</p>", encoding="utf-8")
    real = sources._read_single

    def flaky(path, *args):
        if path.name == "odd.html":
            raise RuntimeError("a reader bug")
        return real(path, *args)

    monkeypatch.setattr(sources, "_read_single", flaky)
    items = list(iter_inputs([tmp_path / "in"]))
    assert [x.source for x in items if isinstance(x, RawInput)] == [str(p) for p in goods]
    (bad,) = [x for x in items if isinstance(x, InputError)]
    assert bad.message == "unreadable file (RuntimeError: a reader bug)"


def test_html_nested_deeper_than_the_parser_goes_keeps_its_article():
    """libxml2 silently drops what lies deeper than 256 elements: the article used to vanish."""
    from marsad.pipeline import analyze

    paragraphs = "".join(f"<p>{article(i)}</p>" for i in range(4))
    for depth in (300, 5000):
        html = (f"<html><head><title>خبر عميق</title></head><body>{'<div class=x>' * depth}<article>{paragraphs}"
                f"</article>{'</div>' * depth}</body></html>")
        doc = analyze(html)
        assert doc.title == "خبر عميق"
        assert doc.body.count("وزارة الصحة") == 4, depth
    inline = analyze("<p>" + "<b>" * 100_000 + article(1) + "</b>" * 100_000 + "</p>")
    assert inline.body == article(1)


def test_an_html_fragment_is_read_as_a_page():
    from marsad.pipeline import analyze

    assert analyze(f"<p>{article(1)}</p><p>{article(2)}</p>").body == article(1) + "\n" + article(2)


# -- long texts, time budgets, batches -------------------------------------------------------------------------
def test_a_text_longer_than_any_article_is_analysed_in_its_first_part():
    from marsad import pipeline

    text = "\n".join(article(i) for i in range(4000))          # 750,000 characters
    doc = pipeline.analyze(text)
    assert len(doc.body) > pipeline.ANALYSED_CHARS
    assert max(e for _, e, *_ in doc.words) <= pipeline.ANALYSED_CHARS
    assert all(x.end <= pipeline.ANALYSED_CHARS for x in [*doc.entities, *doc.quotes, *doc.times])
    assert any(m.message.startswith("very long text (") for m in doc.errors)
    assert doc.quotes and doc.times

    words = pipeline.analyze("و " * (pipeline.ANALYSED_WORDS + 5000))     # short words: the word count binds
    assert len(words.words) == pipeline.ANALYSED_WORDS
    assert words.hints["analysed_chars"] == 2 * pipeline.ANALYSED_WORDS - 1


def test_a_text_of_more_lines_than_any_page_is_kept_whole_without_line_roles():
    from marsad import pipeline

    doc = pipeline.analyze("سطر\n" * (pipeline.MAX_LINES + 10))
    assert doc.lines == [] and doc.body.count("سطر") == pipeline.MAX_LINES + 10
    assert any("lines, more than any page" in e.message for e in doc.errors)


def test_stacked_combining_marks_are_cut_before_normalization_sorts_them():
    """Unicode normalization sorts a run of marks in quadratic time: a million on one letter took an hour."""
    from marsad.arabic.normalize import MAX_MARKS, safe_text

    assert safe_text("ب" + "\u0651\u064e" * 500_000) == "ب" + "\u0651\u064e" * (MAX_MARKS // 2)
    assert safe_text("سَلَامٌ ------------------------------ !!!") == "سَلَامٌ ------------------------------ !!!"


def test_a_stage_past_its_budget_is_stopped_and_the_document_kept():
    from marsad import pipeline

    def catastrophic(doc):
        import re
        re.match(r"(a+)+$", "a" * 40 + "b")                 # backtracks for hours
        return doc

    doc = pipeline.process(pipeline.make_document(article(1).encode()))     # the other stages, unhurried
    doc = pipeline._run_stage(doc, "quotes", catastrophic, budget_s=0.5)
    assert [e.message for e in doc.errors] == ["stage quotes stopped: took longer than its budget of 0.5 s; "
                                               "stored without what it had not finished"]
    assert doc.entities and doc.hints["body_hash"]


def test_a_budget_keeps_the_callers_own_timer():
    import signal as signals

    from marsad import pipeline

    fired = []
    previous = signals.signal(signals.SIGALRM, lambda *a: fired.append(True))
    try:
        signals.setitimer(signals.ITIMER_REAL, 600.0)         # longer than the budget: re-armed after each stage
        pipeline.process(pipeline.make_document(article(1).encode()), budget_s=20)
        left, _ = signals.getitimer(signals.ITIMER_REAL)
        assert 0 < left < 600.0
        signals.setitimer(signals.ITIMER_REAL, 0.05)
        time.sleep(0.3)
        assert fired
    finally:
        signals.setitimer(signals.ITIMER_REAL, 0)
        signals.signal(signals.SIGALRM, previous)


def test_a_stage_that_swallows_every_error_is_still_stopped_at_its_budget():
    from marsad import pipeline

    def stubborn(doc):
        while True:
            try:
                time.sleep(0.01)
            except Exception:  # noqa: BLE001 - what careless stage code does
                pass

    doc = pipeline.process(pipeline.make_document(article(1).encode()))
    doc = pipeline._run_stage(doc, "times", stubborn, budget_s=0.3)
    assert [e.message for e in doc.errors] == ["stage times stopped: took longer than its budget of 0.3 s; "
                                               "stored without what it had not finished"]


def test_a_signal_during_reading_is_not_taken_for_a_damaged_file(tmp_path, monkeypatch):
    """SIGTERM arriving while a reader works used to become "unreadable file (Interrupted)", and the run went
    on: the reader's catch-all must let it through."""
    from marsad.executors.local import Interrupted
    from marsad.readers import sources

    good_files(tmp_path / "in")

    def interrupted(*args):
        raise Interrupted("SIGTERM")

    monkeypatch.setattr(sources, "_read_single", interrupted)
    with pytest.raises(Interrupted):
        list(iter_inputs([tmp_path / "in"]))


def test_a_rejected_input_is_freed_at_once_not_left_to_the_collector():
    """A rejected input's exception, kept with its traceback, formed a cycle with the batch's results: workers
    (whose collector runs rarely) grew by the size of every rejected file, 6 GB for 128 files of 19 MB."""
    import gc

    from marsad.pipeline import FatalInputError, make_document, process_many

    binary = make_document(b"%PDF-1.4 " + bytes(range(256)) * 4000, fmt="text")
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        (result,) = process_many([binary])
        assert isinstance(result, FatalInputError) and result.__traceback__ is None
        del binary, result
        gc.collect()
        assert not [o for o in gc.garbage if isinstance(o, (bytes, FatalInputError)) or type(o).__name__ == "Document"]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()


def test_batches_are_bounded_in_bytes_as_well_as_in_count():
    from marsad.executors.local import _batches

    items = [RawInput(raw=bytes([i]) * (3 * MB), source=str(i), format="text") for i in range(10)]
    batches = list(_batches(iter(items), 64, max_bytes=8 * MB))
    assert [len(b) for b in batches] == [2, 2, 2, 2, 2]
    one = list(_batches(iter([RawInput(raw=b"x" * (20 * MB), source="big", format="text")]), 64, 8 * MB))
    assert [len(b) for b in one] == [1]


def test_a_search_of_thousands_of_words_is_refused_at_once(demo_db, cli):
    query = " ".join(["السعودية"] * 40 + ["وزير"] * 40)
    result = cli("search", query, "--db", demo_db, ok=False)
    assert result.exit_code == 2
    assert "too many words (80; at most 64)" in result.output


# -- signals, a killed main process, a full disk ---------------------------------------------------------------
def _corpus_files(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "many.jsonl", "w", encoding="utf-8") as fh:
        for i in range(n):
            text = f"خبر {i}: " + " ".join(article(i * 7 + k) for k in range(6))
            fh.write(json.dumps({"id": f"a{i}", "title": f"عنوان {i}", "text": text}, ensure_ascii=False) + "\n")
    return folder / "many.jsonl"


def _token_processes(token: str) -> list[int]:
    needle = f"MARSAD_TEST_RUN={token}".encode()
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                if needle in Path(f"/proc/{name}/environ").read_bytes():
                    found.append(int(name))
            except OSError:
                pass
    return found


def _no_process_left(token: str) -> None:
    """No worker, fork server or tracker of the run survives it (given a few seconds on a loaded machine)."""
    deadline = time.time() + 15
    while _token_processes(token) and time.time() < deadline:
        time.sleep(0.2)
    assert _token_processes(token) == []


def _default_signals() -> None:
    """The run under test takes Ctrl-C as a user's terminal gives it, even when the test suite itself was started
    in the background (a shell then ignores SIGINT for it, and Marsad rightly keeps an ignored signal ignored)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _interrupt(tmp_path: Path, sig: int) -> tuple[subprocess.Popen, Path, Path, str]:
    src = _corpus_files(tmp_path / "in", 900)
    db = tmp_path / "s.db"
    token = uuid.uuid4().hex
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "MARSAD_TEST_RUN": token}
    proc = subprocess.Popen([sys.executable, "-m", "marsad.cli", "ingest", str(src), "--db", str(db), "--workers",
                             "2", "--no-corpus"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_default_signals)
    deadline = time.time() + 180
    while _count(db) < 100 and time.time() < deadline and proc.poll() is None:
        time.sleep(0.1)
    assert proc.poll() is None, "the ingest ended before it could be interrupted"
    proc.send_signal(sig)
    return proc, src, db, token


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_the_workers_keeps_what_finished_and_says_how_to_resume(tmp_path, sig):
    proc, src, db, token = _interrupt(tmp_path, sig)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == (143 if sig == signal.SIGTERM else 130)
    assert "Traceback" not in stderr, stderr
    assert "run the same command again to resume" in " ".join(stderr.split())
    assert "Stories, entities and duplicates are not updated until then" in " ".join(stderr.split())
    _no_process_left(token)
    kept = _count(db)
    assert rows(db, "SELECT status, added FROM runs") == [("interrupted", kept)]
    again = marsad("ingest", src, "--db", db, "--workers", "2", "--no-corpus")
    assert again.returncode == 0, again.stderr
    assert rows(db, "SELECT COUNT(*), COUNT(DISTINCT id) FROM documents") == [(900, 900)]


@pytest.mark.slow
def test_kill_minus_nine_of_the_main_process_leaves_no_worker_behind(tmp_path):
    proc, src, db, token = _interrupt(tmp_path, signal.SIGKILL)
    proc.communicate(timeout=60)
    _no_process_left(token)
    assert rows(db, "SELECT status FROM runs") == [("running",)]
    again = marsad("ingest", src, "--db", db, "--workers", "2", "--no-corpus")
    assert again.returncode == 0, again.stderr
    (first, second) = rows(db, "SELECT status, added FROM runs ORDER BY id")
    assert first[0] == "interrupted" and first[1] > 0 and second == ("ok", 900 - first[1])


@pytest.mark.slow
def test_a_full_disk_stops_the_run_cleanly_and_the_run_row_counts_what_was_stored(tmp_path):
    src = _corpus_files(tmp_path / "in", 1500)
    db = tmp_path / "full.db"

    def small_disk():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)      # writes past the limit fail (EFBIG) as on a full disk
        import resource
        resource.setrlimit(resource.RLIMIT_FSIZE, (3 * MB, 3 * MB))

    done = marsad("ingest", src, "--db", db, "--workers", "1", "--no-corpus", preexec_fn=small_disk)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "stopped: the store could not take more documents" in " ".join(done.stderr.split())
    kept = _count(db)
    assert 0 < kept < 1500
    assert rows(db, "SELECT status, added FROM runs") == [("stopped", kept)]
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]


# -- exports -------------------------------------------------------------------------------------------------
def test_exports_to_odd_places_say_what_is_wrong(demo_db, tmp_path, cli):
    deep = tmp_path / "missing" / "deeper" / "out.jsonl"
    cli("export", "--db", demo_db, "--out", deep)
    assert len(deep.read_text(encoding="utf-8").splitlines()) == open_store(str(demo_db)).count_documents()

    full = cli("export", "--db", demo_db, "--out", "/dev/full", ok=False)
    assert full.exit_code == 1 and "No space left on device" in " ".join(full.output.split())

    (tmp_path / "folder").mkdir()
    folder = cli("export", "--db", demo_db, "--out", tmp_path / "folder", ok=False)
    assert folder.exit_code == 2 and "is a folder" in " ".join(folder.output.split())

    (tmp_path / "file.txt").write_text("x")
    as_csv = cli("export", "--db", demo_db, "--format", "csv", "--out", tmp_path / "file.txt", ok=False)
    assert as_csv.exit_code == 2 and "is a file" in " ".join(as_csv.output.split())
    assert (tmp_path / "file.txt").read_text() == "x"


def test_a_failed_export_leaves_the_previous_file_as_it_was(demo_db, tmp_path, monkeypatch):
    from marsad import export as export_mod

    out = tmp_path / "articles.jsonl"
    out.write_text("earlier export\n", encoding="utf-8")

    def broken():
        yield from open_corpus(str(demo_db)).documents()
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        export_mod.export(broken(), "jsonl", str(out))
    assert out.read_text(encoding="utf-8") == "earlier export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["articles.jsonl"]


# -- found in review -------------------------------------------------------------------------------------------
def test_a_file_of_millions_of_broken_lines_records_a_bounded_number_of_errors(tmp_path):
    from marsad.readers.sources import ERRORS_PER_FILE

    with gzip.open(tmp_path / "broken.jsonl.gz", "wb") as fh:
        fh.write(b"x\n" * (ERRORS_PER_FILE + 500))
        fh.write(json.dumps({"id": "ok", "text": article(1)}).encode() + b"\n")
    items = list(iter_inputs([tmp_path / "broken.jsonl.gz"]))
    errors = [x for x in items if isinstance(x, InputError)]
    assert [x.source for x in items if isinstance(x, RawInput)] == ["ok"]
    assert len(errors) == ERRORS_PER_FILE + 1
    assert errors[-1].message == f"500 more errors in this file after the first {ERRORS_PER_FILE:,} (not recorded " \
                                 f"one by one)"


def test_a_signal_before_the_first_batch_is_recorded_too(tmp_path, cli, monkeypatch):
    from marsad import cli as cli_module
    from marsad.executors.local import Interrupted

    def interrupted(*args):
        raise Interrupted("SIGINT")

    monkeypatch.setattr(cli_module, "count_inputs", interrupted)
    db = tmp_path / "early.db"
    result = cli("ingest", *good_files(tmp_path / "in"), "--db", db, ok=False)
    assert result.exit_code == 130
    assert rows(db, "SELECT status FROM runs") == [("interrupted",)]


@pytest.mark.slow
def test_an_ingest_under_nohup_survives_its_terminal_closing(tmp_path):
    src = _corpus_files(tmp_path / "in", 400)
    db = tmp_path / "h.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen([sys.executable, "-m", "marsad.cli", "ingest", str(src), "--db", str(db), "--workers",
                             "1", "--no-corpus"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN))
    deadline = time.time() + 120
    while _count(db) < 50 and time.time() < deadline and proc.poll() is None:
        time.sleep(0.1)
    proc.send_signal(signal.SIGHUP)
    proc.communicate(timeout=300)
    assert proc.returncode == 0
    assert rows(db, "SELECT status, added FROM runs") == [("ok", 400)]


def test_a_broken_tag_does_not_make_flattening_quadratic():
    """A "<" without its ">" made the tag pattern read to the end of the page from every "<": 600 KB of them
    took the clean stage past its budget and the article was lost."""
    from marsad.pipeline import analyze

    page = (f"<html><body>{'<div>' * 300}<p>{article(1)}</p><p>{article(2)}</p>{'</div>' * 300}"
            + "<a" * 300_000 + "</body></html>")
    doc = analyze(page)
    assert article(1) in doc.body
    assert not any("stopped" in e.message for e in doc.errors)


def test_an_export_through_a_link_replaces_the_file_it_names_and_keeps_its_permissions(demo_db, tmp_path, cli):
    real = tmp_path / "private.jsonl"
    real.write_text("old\n", encoding="utf-8")
    real.chmod(0o600)
    link = tmp_path / "latest.jsonl"
    link.symlink_to(real)
    cli("export", "--db", demo_db, "--out", link)
    assert link.is_symlink() and real.read_text(encoding="utf-8").count("\n") > 80
    assert real.stat().st_mode & 0o777 == 0o600


def test_closing_stale_runs_never_overwrites_a_run_that_finished(tmp_path):
    store = open_store(str(tmp_path / "r.db"), readonly=False)
    run_id = store.start_run("ingest", {"pid": 123})
    store.finish_run(run_id, added=5, skipped=0, failed=0, status="ok")
    assert store.close_stale_runs(lambda args: False) == 0
    stale = store.start_run("ingest", {"pid": 456})
    assert store.close_stale_runs(lambda args: args["pid"] == 456) == 0
    assert store.close_stale_runs(lambda args: False) == 1
    store.close()
    assert rows(tmp_path / "r.db", "SELECT id, status, added FROM runs ORDER BY id") == [(run_id, "ok", 5),
                                                                                       (stale, "interrupted", 0)]
