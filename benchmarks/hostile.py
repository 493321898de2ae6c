"""Hostile inputs and faults, each beside good articles in the same run: outcome, peak memory and time.

    python benchmarks/hostile.py [--only NAME …] [--limit-s 60] [--limit-mb 1024] [--json]

Every case runs `marsad` as a user runs it (a subprocess, 2 workers, a fresh SQLite database) on two good
articles of the demo corpus plus the hostile input, or does the hostile thing (a signal, a full disk, an
export to nowhere) to such a run. Reported per case: what happened (exit status and the first stored error),
whether the good articles were stored (`good`: stored of given), the peak memory of every process the run
started (proportional set size, shared pages counted once, forkserver and workers included), the wall time,
and processes still alive 3 s after the command ended (`orphans`). A case is bounded when it stays under
1 GB and 60 s; the table ends with the count of unbounded cases and of good articles lost (the bar: 0 and 0).

Big inputs (a 3 GB gzip of zeros, a gzip bomb inside a WARC) are built once into a cache folder
($MARSAD_HOSTILE_CACHE, default /tmp/marsad-hostile-cache), since compressing gigabytes takes a while.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import resource
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SNN = ROOT.parent / "shared" / "data" / "saudinewsnet" / "articles.jsonl.gz"
GOOD = sorted((ROOT / "examples" / "demo_corpus" / "articles" / "alraed-online").glob("*.txt"))[:2]
CACHE = Path(os.environ.get("MARSAD_HOSTILE_CACHE", "/tmp/marsad-hostile-cache"))
PY = sys.executable
MB = 1024 * 1024


# -- measuring every process of a run ----------------------------------------------------------------------
def _pids_with(token: str) -> list[int]:
    """Processes whose environment carries the run's token: the command, its forkserver and workers, and
    any of them that outlived it."""
    found = []
    needle = f"MARSAD_HOSTILE_RUN={token}".encode()
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/environ", "rb") as fh:
                if needle in fh.read():
                    found.append(int(name))
        except OSError:
            continue
    return found


def _pss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            continue
    return total / 1024


@dataclass
class Step:
    """One command of a case. `signal_at(db)` returns True when the fault should be sent (polled)."""

    args: list[str]
    env: dict = field(default_factory=dict)
    fsize: int | None = None                    # RLIMIT_FSIZE: the disk is full past this many bytes
    fault: int | None = None                    # a signal sent once `fault_when` says so
    fault_when: Callable[[], bool] | None = None
    ok_codes: tuple[int, ...] = (0, 1)
    no_dac: bool = False                        # root without its power to read any file (setpriv)


@dataclass
class Result:
    rc: int | None = None
    seconds: float = 0.0
    peak_mb: float = 0.0
    orphans: int = 0
    stderr: str = ""
    stdout: str = ""


def run_step(step: Step, limit_s: float) -> Result:
    token = uuid.uuid4().hex
    env = {**os.environ, **step.env, "MARSAD_HOSTILE_RUN": token, "PYTHONPATH": str(ROOT / "src")}

    def limits() -> None:
        if step.fsize is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)     # writes past the limit fail with EFBIG, as on a
            resource.setrlimit(resource.RLIMIT_FSIZE, (step.fsize, step.fsize))  # full disk; no signal

    res = Result()
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as errf:
        prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"] if step.no_dac else []
        proc = subprocess.Popen([*prefix, PY, "-m", "marsad.cli", *step.args], env=env, stdout=out, stderr=errf,
                                preexec_fn=limits)
        sent = False
        while proc.poll() is None:
            res.peak_mb = max(res.peak_mb, _pss_mb(_pids_with(token)))
            if step.fault and not sent and step.fault_when and step.fault_when():
                proc.send_signal(step.fault)
                sent = True
            if time.perf_counter() - start > limit_s * 3:        # far past the bar: stop measuring
                proc.kill()
                proc.wait()
                res.rc = None
                break
            time.sleep(0.1)
        else:
            res.rc = proc.returncode
        res.seconds = time.perf_counter() - start
        time.sleep(3)
        alive = _pids_with(token)
        res.orphans = len(alive)
        for pid in alive:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        out.seek(0)
        errf.seek(0)
        res.stdout = out.read().decode("utf-8", "replace")
        res.stderr = errf.read().decode("utf-8", "replace")
    return res


# -- inputs ------------------------------------------------------------------------------------------------
def _cached(name: str, build: Callable[[Path], None]) -> Path:
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / name
    if not path.exists():
        tmp = path.with_name(path.name + ".part")
        build(tmp)
        tmp.rename(path)
    return path


def _zeros_gz(size: int) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        chunk = b"\0" * (16 * MB)
        with gzip.open(path, "wb", compresslevel=9) as fh:
            for _ in range(size // len(chunk)):
                fh.write(chunk)
    return build


def _snn(n: int, skip: int = 0) -> list[bytes]:
    lines = []
    with gzip.open(SNN, "rb") as fh:
        for i, line in enumerate(fh):
            if i >= skip + n:
                break
            if i >= skip:
                lines.append(line)
    return lines


def _snn_text(n_bytes: int) -> str:
    """Real Arabic news, articles one after the other, about n_bytes long (UTF-8)."""
    parts, size = [], 0
    with gzip.open(SNN, "rb") as fh:
        for line in fh:
            text = json.loads(line).get("content") or ""
            parts.append(text)
            size += len(text.encode())
            if size >= n_bytes:
                break
    return "\n".join(parts)


def _article(i: int) -> str:
    return (f"الرياض - أعلنت وزارة الصحة السعودية اليوم تسجيل {i} حالة جديدة، وقال المتحدث باسم الوزارة إن "
            f"الفرق الميدانية تواصل عملها في المناطق المتضررة منذ مطلع الأسبوع.")


def _warc_record(uri: str, http: bytes) -> bytes:
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2020-01-05T10:00:00Z\r\n"
            f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\nContent-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


def _gzip_bomb_warc(path: Path) -> None:
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    body = b"<html><body><p>" + b" " * 1000 + b"</p>"
    blob = comp.compress(body)
    chunk = b" " * (16 * MB)
    for _ in range(64):                                  # 1 GB of spaces inside one paragraph
        blob += comp.compress(chunk)
    blob += comp.compress(b"</body></html>") + comp.flush()
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Encoding: gzip\r\n"
            b"Content-Length: " + str(len(blob)).encode() + b"\r\n\r\n" + blob)
    path.write_bytes(_warc_record("https://example.com/bomb", http))


@dataclass
class Case:
    name: str
    what: str
    build: Callable[[Path, Path], list[Step]]       # (work folder, db) -> steps
    check: Callable[[Path, Path], str] | None = None  # (work folder, db) -> what it found; "DIFFERENT…" fails


def ingest(db: Path, *paths, extra: tuple = (), **kw) -> Step:
    return Step(["ingest", *map(str, GOOD), *map(str, paths), "--db", str(db), "--workers", "2", *extra], **kw)


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def c_nul(work: Path, db: Path) -> list[Step]:
    rec = {"id": "nul-1", "title": "عنوان\u0000مع صفر", "text": _article(1).replace("،", "\u0000،")}
    _write(work / "nul.jsonl", json.dumps(rec, ensure_ascii=False) + "\n")
    _write(work / "nul.txt", _article(2).encode().replace(b" ", b" \0", 3))
    return [ingest(db, work / "nul.jsonl", work / "nul.txt")]


def c_controls(work: Path, db: Path) -> list[Step]:
    lines = [json.dumps({"id": "s1", "text": _article(3) + "\ud800 نهاية"}),
             json.dumps({"id": "s2", "title": "\x1b[31mأحمر\x07", "text": _article(4) + "\x0b\x0c\x1f\u200f\ufeff"})]
    _write(work / "controls.jsonl", "\n".join(lines) + "\n")
    return [ingest(db, work / "controls.jsonl")]


def c_corrupt_gz(work: Path, db: Path) -> list[Step]:
    good = "".join(json.dumps({"id": f"g{i}", "text": _article(i)}, ensure_ascii=False) + "\n" for i in range(50))
    blob = bytearray(gzip.compress(good.encode()))
    for i in range(len(blob) // 2, len(blob) - 20):
        blob[i] ^= 0x5A                                  # damage the second half of the deflate stream
    _write(work / "corrupt.jsonl.gz", bytes(blob))
    return [ingest(db, work / "corrupt.jsonl.gz")]


def c_deep_json(work: Path, db: Path) -> list[Step]:
    deep = '{"id": "deep", "text": "' + _article(5) + '", "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    _write(work / "deep.jsonl", deep + "\n" + json.dumps({"id": "after", "text": _article(6)}) + "\n")
    return [ingest(db, work / "deep.jsonl")]


def c_json_types(work: Path, db: Path) -> list[Step]:
    lines = [{"id": "n", "text": 12345}, {"id": "o", "title": {"a": [1, 2]}, "text": _article(7)},
             {"id": "l", "site": ["x", "y"], "date": True, "text": _article(8)}, {"id": 77, "text": _article(9)}]
    _write(work / "types.jsonl", "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines))
    return [ingest(db, work / "types.jsonl")]


def c_warc_gzip(work: Path, db: Path) -> list[Step]:
    return [ingest(db, _cached("bomb.warc", _gzip_bomb_warc))]


def c_gz_zeros(size_gb: int) -> Callable[[Path, Path], list[Step]]:
    def build(work: Path, db: Path) -> list[Step]:
        return [ingest(db, _cached(f"zeros-{size_gb}g.jsonl.gz", _zeros_gz(size_gb * 1024 * MB)))]
    return build


def c_fifo(work: Path, db: Path) -> list[Step]:
    folder = work / "in"
    _write(folder / "a.txt", _article(10))
    os.mkfifo(folder / "pipe.txt")
    return [ingest(db, folder)]


def c_dev_zero(work: Path, db: Path) -> list[Step]:
    return [ingest(db, "/dev/zero")]


def c_unreadable(work: Path, db: Path) -> list[Step]:
    folder = work / "in"
    _write(folder / "ok" / "a.txt", _article(11))
    _write(folder / "locked" / "b.txt", _article(12))
    _write(folder / "c.txt", _article(13))
    (folder / "locked").chmod(0)
    (folder / "c.txt").chmod(0)
    step = ingest(db, folder)
    step.no_dac = os.geteuid() == 0          # root reads everything unless it gives that power up
    return [step]


def _count_docs(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def _snn_file(work: Path, n: int) -> Path:
    return _write(work / "snn.jsonl", b"".join(_snn(n)))


def c_signal(sig: int) -> Callable[[Path, Path], list[Step]]:
    def build(work: Path, db: Path) -> list[Step]:
        src = _snn_file(work, 1500)
        first = ingest(db, src, extra=("--no-corpus",), fault=sig, fault_when=lambda: _count_docs(db) >= 200)
        return [first, ingest(db, src, extra=("--no-corpus",))]       # then the same command resumes
    return build


def c_disk_full(work: Path, db: Path) -> list[Step]:
    src = _snn_file(work, 1500)
    return [ingest(db, src, extra=("--no-corpus",), fsize=12 * MB)]


def c_big_text(mb: int) -> Callable[[Path, Path], list[Step]]:
    def build(work: Path, db: Path) -> list[Step]:
        _write(work / f"big{mb}.txt", _snn_text(mb * MB))
        return [ingest(db, work / f"big{mb}.txt")]
    return build


def c_many_big(work: Path, db: Path) -> list[Step]:
    folder = work / "big"
    folder.mkdir()
    rnd = random.Random(7)
    base = rnd.randbytes(19 * MB)
    for i in range(128):             # 128 different binary files of 19 MB, each under the 20 MB limit
        (folder / f"{i:03d}.txt").write_bytes(i.to_bytes(4, "big") + base[4:])
    return [ingest(db, folder)]


def c_near_identical(work: Path, db: Path) -> list[Step]:
    folder = work / "tiny"
    folder.mkdir()
    for i in range(10_000):
        (folder / f"{i:05d}.txt").write_text(_article(i), encoding="utf-8")
    return [ingest(db, folder)]


def c_search(work: Path, db: Path) -> list[Step]:
    query = " ".join(["السعودية"] * 3500 + ["وزير"] * 3500)
    return [ingest(db), Step(["search", query, "--db", str(db)], ok_codes=(0, 2))]


def c_exports(work: Path, db: Path) -> list[Step]:
    (work / "file.txt").write_text("x")
    (work / "folder").mkdir()
    return [ingest(db),
            Step(["export", "--db", str(db), "--out", str(work / "missing" / "deeper" / "out.jsonl")]),
            Step(["export", "--db", str(db), "--out", "/dev/full"], ok_codes=(1,)),
            Step(["export", "--db", str(db), "--out", str(work / "folder")], ok_codes=(1, 2)),
            Step(["export", "--db", str(db), "--format", "csv", "--out", str(work / "file.txt")], ok_codes=(1, 2))]


def c_deep_html(depth: int) -> Callable[[Path, Path], list[Step]]:
    def build(work: Path, db: Path) -> list[Step]:
        body = "".join(f"<p>{_article(i)}</p>" for i in range(6))
        html = ("<html><head><title>خبر عميق</title></head><body>" + "<div>" * depth + f"<article>{body}</article>"
                + "</div>" * depth + "</body></html>")
        _write(work / f"deep{depth}.html", html)
        return [ingest(db, work / f"deep{depth}.html")]
    return build


def c_truncated(work: Path, db: Path) -> list[Step]:
    data = gzip.compress(b"".join(_snn(200)))
    _write(work / "cut.jsonl.gz", data[: len(data) * 2 // 3])
    warc = _warc_record("https://example.com/a", b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>"
                        + _article(14).encode() + b"</p>")
    _write(work / "cut.warc", warc[:-60])
    return [ingest(db, work / "cut.jsonl.gz", work / "cut.warc")]


def c_odd_texts(work: Path, db: Path) -> list[Step]:
    _write(work / "odd" / "one-line.txt", " ".join([_article(15)] * 20_000))          # 5 MB on one line
    _write(work / "odd" / "marks.txt", "ب" + "\u064e\u0651" * 500_000)               # diacritics only
    _write(work / "odd" / "punct.txt", "!؟،." * 200_000)
    _write(work / "odd" / "tags.html", "<p>" + "<b>" * 200_000 + "نص" + "</b>" * 200_000 + "</p>")
    _write(work / "odd" / "lines.txt", "و\n" * 1_000_000)
    return [ingest(db, work / "odd")]


def _near_copies(lines: list[bytes], n: int, rnd: random.Random) -> list[bytes]:
    """Near copies of real records, as outlets make them: a sentence cut, a word changed, a line added."""
    out = []
    for i in range(n):
        rec = json.loads(rnd.choice(lines))
        words = (rec.get("content") or "").split(" ")
        if len(words) < 20:
            continue
        op = i % 3
        if op == 0:
            words = words[: len(words) * 4 // 5]
        elif op == 1:
            words[rnd.randrange(len(words))] = "تحديث"
        else:
            words = ["(واس)"] + words + ["وكالة", "الأنباء"]
        rec["content"] = " ".join(words)
        rec["url"] = f"{rec.get('url', '')}?copy={i}"
        out.append(json.dumps(rec, ensure_ascii=False).encode() + b"\n")
    return out


def c_dup_order(work: Path, db: Path) -> list[Step]:
    rnd = random.Random(1)
    lines = _snn(1200)
    lines = lines + _near_copies(lines, 300, rnd)
    steps = []
    for k in range(3):
        order = list(lines)
        random.Random(k).shuffle(order)
        src = _write(work / f"order{k}" / "all.jsonl", b"".join(order))
        steps.append(ingest(db if k == 0 else work / f"order{k}.db", src))
    return steps


def check_dup_order(work: Path, db: Path) -> str:
    """The same documents give the same duplicate pairs whatever order they came in."""
    found = []
    for path in (db, work / "order1.db", work / "order2.db"):
        con = sqlite3.connect(path)
        found.append({tuple(r) for r in con.execute("SELECT a, b, kind FROM duplicates")})
        con.close()
    sizes = "/".join(f"{len(f):,}" for f in found)
    return f"same {sizes} duplicate pairs in 3 orders" if found[0] == found[1] == found[2] else \
        f"DIFFERENT duplicate pairs by order: {sizes}"


CASES = [
    Case("nul", "NUL inside a JSON text and a title, and a raw NUL in a .txt", c_nul),
    Case("controls", "escape codes, lone surrogate, bidi marks and BOM inside texts", c_controls),
    Case("corrupt-gz", ".jsonl.gz with corrupt deflate data in its second half", c_corrupt_gz),
    Case("deep-json", "a JSON line nested 100,000 deep, then a good line", c_deep_json),
    Case("json-types", "a number as text, an object as title, a list as outlet, a number as id", c_json_types),
    Case("warc-gzip-bomb", "a WARC record whose gzip HTTP body is 1 GB (1 MB on disk)", c_warc_gzip),
    Case("gz-zeros-1g", "a 1 GB .jsonl.gz of zeros", c_gz_zeros(1)),
    Case("gz-zeros-3g", "a 3 GB .jsonl.gz of zeros (13 MB file)", c_gz_zeros(3)),
    Case("fifo", "a FIFO in an input folder", c_fifo),
    Case("dev-zero", "/dev/zero as an input", c_dev_zero),
    Case("unreadable", "an unreadable subfolder and file", c_unreadable),
    Case("kill-9", "kill -9 of the main process mid-ingest, then the same command", c_signal(signal.SIGKILL)),
    Case("sigterm", "SIGTERM of the main process mid-ingest, then the same command", c_signal(signal.SIGTERM)),
    Case("sigint", "Ctrl-C (SIGINT) mid-ingest, then the same command", c_signal(signal.SIGINT)),
    Case("disk-full", "the disk fills up (12 MB file size limit) during an ingest", c_disk_full),
    Case("text-2mb", "a 2 MB Arabic text", c_big_text(2)),
    Case("text-5mb", "a 5 MB Arabic text", c_big_text(5)),
    Case("text-19mb", "a 19 MB Arabic text (just under the limit)", c_big_text(19)),
    Case("many-19mb", "128 binary files of 19 MB each", c_many_big),
    Case("near-identical", "10,000 near-identical tiny files, with corpus views", c_near_identical),
    Case("search-7000", "a search of 7,000 words", c_search),
    Case("exports", "export to a missing folder, /dev/full, a folder, a file", c_exports),
    Case("html-300", "HTML with the article 300 elements deep", c_deep_html(300)),
    Case("html-5000", "HTML with the article 5,000 elements deep", c_deep_html(5000)),
    Case("truncated", "a truncated .jsonl.gz and a truncated WARC", c_truncated),
    Case("dup-order", "1,500 real and near-copied articles ingested in 3 orders: the same pairs?", c_dup_order,
         check_dup_order),
    Case("odd-texts", "one 5 MB line, diacritics only, punctuation only, 200,000 nested tags, 1M lines", c_odd_texts),
]


# -- checks ------------------------------------------------------------------------------------------------
def inspect(db: Path) -> dict:
    """What the database holds: documents, good ones among them, errors and their first message, runs."""
    from marsad.document import content_id

    out = {"docs": 0, "good": 0, "errors": 0, "first_error": "", "first_warning": "", "runs": [],
           "integrity": "no database"}
    if not db.exists():
        return out
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        out["integrity"] = con.execute("PRAGMA quick_check").fetchone()[0]
        ids = {r[0] for r in con.execute("SELECT id FROM documents")}
        out["docs"] = len(ids)
        out["good"] = sum(content_id(p.read_bytes()) in ids for p in GOOD)
        rows = con.execute("SELECT message FROM errors WHERE kind='error' ORDER BY id").fetchall()
        out["errors"] = len(rows)
        out["first_error"] = rows[0][0] if rows else ""
        warned = con.execute("SELECT message FROM errors WHERE kind='warning' ORDER BY id LIMIT 1").fetchall()
        out["first_warning"] = warned[0][0] if warned else ""
        out["runs"] = [r[0] for r in con.execute("SELECT status FROM runs ORDER BY id")]
    except sqlite3.Error as exc:
        out["integrity"] = f"{exc.__class__.__name__}: {exc}"
    finally:
        con.close()
    return out


def _last_line(text: str) -> str:
    lines = [ln.strip() for ln in text.strip().splitlines()
             if ln.strip() and not any(c in ln for c in "━─┃│┏┗└┌╇╈┡")]
    return lines[-1][:140] if lines else ""


def run_case(case: Case, limit_s: float) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"hostile-{case.name}-") as tmp:
        work = Path(tmp)
        db = work / "case.db"
        steps = case.build(work, db)
        results = []
        for step in steps:
            results.append(run_step(step, limit_s))
        state = inspect(db)
        checked = case.check(work, db) if case.check else ""
    seconds = max(r.seconds for r in results)
    peak = max(r.peak_mb for r in results)
    crashed = [r for r in results if r.rc is None or "Traceback" in r.stderr]
    return {"case": case.name, "what": case.what, "rc": [r.rc for r in results], "seconds": round(seconds, 1),
            "peak_mb": round(peak), "orphans": sum(r.orphans for r in results), "good": state["good"],
            "given": len(GOOD), "docs": state["docs"], "errors": state["errors"],
            "integrity": state["integrity"], "runs": state["runs"],
            "said": checked or _said(results, state), "traceback": bool(crashed),
            "check_failed": checked.startswith("DIFFERENT")}


def _said(results: list[Result], state: dict) -> str:
    """One line a user would read: the first stored error, else the last line the command printed."""
    for r in results:
        if "Traceback" in r.stderr:
            return "TRACEBACK: " + _last_line(r.stderr)
    if state["first_error"]:
        return state["first_error"][:140]
    if state["first_warning"]:
        return "warning: " + state["first_warning"][:130]
    return _last_line(results[-1].stderr or results[-1].stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", nargs="*", help="Case names (default: all).")
    ap.add_argument("--limit-s", type=float, default=60)
    ap.add_argument("--limit-mb", type=float, default=1024)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    cases = [c for c in CASES if not args.only or c.name in args.only]
    rows = []
    for case in cases:
        row = run_case(case, args.limit_s)
        row["bounded"] = (row["seconds"] <= args.limit_s and row["peak_mb"] <= args.limit_mb
                          and not row["traceback"] and row["orphans"] == 0 and None not in row["rc"]
                          and not row["check_failed"])
        rows.append(row)
        if not args.json:
            print(f"{row['case']:<15} {'ok ' if row['bounded'] else 'BAD'} rc={row['rc']} good={row['good']}/"
                  f"{row['given']} docs={row['docs']} errors={row['errors']} {row['peak_mb']:>5} MB "
                  f"{row['seconds']:>6.1f} s orphans={row['orphans']} runs={','.join(row['runs'])} "
                  f"db={row['integrity']}\n{'':<15} {row['said']}", flush=True)
    lost = sum(r["given"] - r["good"] for r in rows)
    unbounded = sum(not r["bounded"] for r in rows)
    if args.json:
        print(json.dumps({"cases": rows, "unbounded": unbounded, "good_lost": lost}, ensure_ascii=False, indent=1))
    else:
        print(f"\n{len(rows)} cases: {unbounded} unbounded (over {args.limit_mb:.0f} MB or {args.limit_s:.0f} s, "
              f"a traceback, a hang or an orphan), {lost} good articles lost")


if __name__ == "__main__":
    main()
