"""The web server under load: concurrent clients against `marsad serve` over a store of 100,000 articles.

    python benchmarks/api_load.py [--backends sqlite postgres] [--clients 20] [--seconds 60] [--warmup 5]
                                  [--think 0 1] [--server-workers 2]
                                  [--articles 100000] [--work /tmp/marsad-api-corpus] [--db PATH_OR_URL] [--json]
    python benchmarks/api_load.py --from-json RUN.json          # the report of a run saved with --json

The bar: 20 concurrent clients on loopback for 60 s against a store of 100,000 articles, on SQLite and on
PostgreSQL; p95 of search, story pages and entity pages at most 100 ms, and no errors.

1. The store: the 100,000-article store of benchmarks/api_corpus.py (SaudiNewsNet four times over, shifted in
   time, plus the demo corpus). SQLite: WORK/snn100k.db, reused when complete (its corpus views cover every
   document), resumed or built otherwise. PostgreSQL: the schema api_load_100000 in MARSAD_PG_URL's database,
   reused or built the same way. Without MARSAD_PG_URL the script runs itself under scripts/with-postgres.sh,
   whose cluster is thrown away afterwards: the PostgreSQL store is then built on every run (about half an hour
   on 2 cores); set MARSAD_PG_URL to a server of your own to keep it. `--db` runs against an existing store
   instead (of either backend) and builds nothing.
2. The server: `marsad serve --db URL` on a free loopback port, as a user starts it; ready when /api/stats
   answers. The pages asked for: 200 story ids (/api/stories), 200 people (/api/entities?type=PER) and a fixed
   list of searches (words, a phrase, OR, -word, a prefix, spelling variants).
3. The load: N client threads in this process, each with one keep-alive HTTP/1.1 connection, in a closed loop
   (the next request as soon as the last answered: the server saturated, latency mostly queueing), then again
   with each client waiting --think seconds between requests (people reading what they asked for; default 1 s),
   against `marsad serve --workers 2`, each client going round the three pages in turn:
   /search?q=, /stories/ID, /entities/ID. A warm-up (not counted), then the measured window. A request counts
   in the window it started in; an error is any answer but 200, or no answer.
4. Reported per backend and page: requests, p50/p95/p99/max latency, errors and requests per second; the peak
   memory of the server's process tree (proportional set size) and, for a local PostgreSQL, of its server; the
   CPU the server and the clients used in the window (the clients share the machine: on 2 cores they take
   some of it). A row whose p95 is over 100 ms, or with errors, is marked as falling short. Tracebacks the
   server logged are shown (its log is kept in WORK).
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import re
import resource
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote, unquote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from ingest import Peak, _children, _heading, server_pid  # noqa: E402

KINDS = ("search", "story", "entity")
TARGET_P95_MS = 100.0
THROWAWAY_ENV = "MARSAD_API_LOAD_THROWAWAY_PG"
# What people type in a search box over Saudi news (and the demo corpus's Libyan stories): plain words, a
# phrase, OR, -word, a prefix, and spellings the matching form folds together (Persian yeh, missing hamza,
# Egyptian final yeh).
QUERIES = ["السعودية", "وزير الصحة", "الرياض", "الریاض", "الرياض OR جدة", '"ولي العهد"', "النفط -أرامكو",
           "اقتصا*", "الهلال النصر", '"خادم الحرمين الشريفين" الملك', "التعليم OR الجامعة", "مكة المكرمة",
           "أمير منطقة", "الأمطار", "إسرائيل", "اسرائيل", "فايق الهونى", "الورشفاني OR الهوني -موسكو",
           "مجلس الشورى", "وزار*"]


def say(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# -- stores -------------------------------------------------------------------------------------------------
def is_pg(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


def shown(url: str) -> str:
    """A store's URL to print: a password in it is masked."""
    return re.sub(r"(://[^:/@?]*):[^@/?]*@", r"\1:***@", url)


def schema_url(base: str, schema: str) -> str:
    return base + ("&" if "?" in base else "?") + f"options=-csearch_path%3D{schema}"


def store_state(url: str) -> dict:
    """Documents in the store, the highest ingestion rowid and the rowid its corpus views cover (0: none)."""
    q_docs = "SELECT COUNT(*), COALESCE(MAX(rowid), 0) FROM documents"
    q_mark = "SELECT value FROM meta WHERE key = 'corpus_rowid'"
    try:
        if is_pg(url):
            import psycopg

            with psycopg.connect(url, autocommit=True) as conn:
                docs, top = conn.execute(q_docs).fetchone()
                mark = conn.execute(q_mark).fetchone()
        else:
            if not Path(url).exists():
                return {"docs": 0, "max_rowid": 0, "corpus_rowid": 0, "complete": False}
            conn = sqlite3.connect(f"file:{url}?mode=ro", uri=True, timeout=30)
            try:
                docs, top = conn.execute(q_docs).fetchone()
                mark = conn.execute(q_mark).fetchone()
            finally:
                conn.close()
    except Exception:  # noqa: BLE001 - no tables yet (a new schema, an empty file): nothing stored
        return {"docs": 0, "max_rowid": 0, "corpus_rowid": 0, "complete": False}
    covered = int(mark[0]) if mark and mark[0] else 0
    return {"docs": int(docs), "max_rowid": int(top), "corpus_rowid": covered,
            "complete": bool(top) and covered == int(top)}


def builders_of(target: str) -> list[int]:
    """Processes (other than this one) building or ingesting into `target`: api_corpus.py or marsad ingest."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as fh:
                argv = fh.read().decode("utf-8", "replace").split("\0")
        except OSError:
            continue
        if target in argv and any(a.endswith("api_corpus.py") or a == "ingest" for a in argv):
            found.append(int(entry))
    return found


def get_store(backend: str, args) -> tuple[str, dict]:
    """The URL of a complete store of `args.articles` articles for this backend, built when missing."""
    import api_corpus

    if backend == "sqlite":
        name = f"snn{args.articles // 1000}k.db" if args.articles % 1000 == 0 else f"snn{args.articles}.db"
        url = str(args.work / name)
    else:
        import psycopg

        base = os.environ["MARSAD_PG_URL"]
        schema = f"api_load_{args.articles}"
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
        url = schema_url(base, schema)
    while True:
        state = store_state(url)
        if state["complete"]:
            say(f"{backend}: reusing the store of {state['docs']:,} documents at {shown(url)}")
            return url, state
        busy = builders_of(url)
        if not busy:
            break
        say(f"{backend}: another process (pid {', '.join(map(str, busy))}) is building {shown(url)} "
            f"({state['docs']:,} documents so far); waiting for it")
        time.sleep(30)
    what = "resuming" if state["docs"] else "building"
    say(f"{backend}: {what} the store of {args.articles:,} articles at {shown(url)} (--workers {args.workers}); "
        "this takes a while")
    sys.stdout.flush()
    saved = os.dup(1)
    os.dup2(2, 1)               # the ingest's progress goes to stderr: stdout is the report (or the JSON)
    try:
        seconds = api_corpus.build(url, args.articles, args.workers, args.work)
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    state = store_state(url)
    say(f"{backend}: built in {seconds:.0f} s: {state['docs']:,} documents")
    if not state["complete"]:
        raise SystemExit(f"{backend}: the store at {shown(url)} is still incomplete after the build: {state}")
    return url, {**state, "build_s": seconds}


# -- the server ---------------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:
    """In the server's child, before exec: a session of its own, and SIGTERM if this script dies (Linux)."""
    os.setsid()
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class Server:
    """`marsad serve` in a process group of its own, stopped (the whole group) however the run ends."""

    def __init__(self, url: str, log: Path, workers: int = 1):
        self.url, self.log_path, self.port, self.workers = url, log, free_port(), workers
        self.proc: subprocess.Popen | None = None

    def __enter__(self):
        self.log = open(self.log_path, "wb")
        cmd = [sys.executable, "-m", "marsad.cli", "serve", "--db", self.url, "--host", "127.0.0.1",
               "--port", str(self.port), "--workers", str(self.workers)]
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT,
                                     env={**os.environ, "COLUMNS": "200"}, preexec_fn=_die_with_parent)
        return self

    def __exit__(self, *exc):
        self.stop()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
                try:
                    os.killpg(self.proc.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    self.proc.wait(wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
        if self.proc is not None:
            try:   # anything left in its group (a worker it started)
                os.killpg(self.proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        if not self.log.closed:
            self.log.close()

    def log_text(self) -> str:
        if not self.log.closed:
            self.log.flush()
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def get(self, path: str, timeout: float = 60) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request("GET", path)
            resp = conn.getresponse()
            return resp.status, resp.read()
        finally:
            conn.close()

    def wait_ready(self, timeout: float = 120) -> float:
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            if self.proc.poll() is not None:
                raise SystemExit(f"marsad serve exited with {self.proc.returncode} before it answered; its log "
                                 f"({self.log_path}):\n{self.log_text()[-3000:]}")
            try:
                status, body = self.get("/api/stats", timeout=10)
                if status == 200:
                    json.loads(body)
                    return time.perf_counter() - start
            except (OSError, http.client.HTTPException, ValueError):
                pass
            time.sleep(0.5)
        raise SystemExit(f"marsad serve did not answer /api/stats within {timeout:.0f} s; its log "
                         f"({self.log_path}):\n{self.log_text()[-3000:]}")

    def items(self, path: str, key: str) -> list[str]:
        status, body = self.get(path)
        if status != 200:
            raise SystemExit(f"GET {path} answered {status}:\n{body[:2000].decode('utf-8', 'replace')}\n"
                             f"server log ({self.log_path}):\n{self.log_text()[-3000:]}")
        return [str(item[key]) for item in json.loads(body)["items"]]


def tracebacks(log: str) -> list[dict]:
    """The tracebacks in a server log, grouped by their last line (the exception): a count and the first one,
    with the two log lines before it (uvicorn logs the request's line there, or near it)."""
    lines, groups = log.splitlines(), {}
    i = 0
    while i < len(lines):
        if lines[i].startswith("Traceback"):
            j = i + 1
            while j < len(lines) and (lines[j].startswith((" ", "\t", "|", "+")) or not lines[j].strip()):
                j += 1
            end = min(j + 1, len(lines))
            last = lines[end - 1] if end > i + 1 else lines[i]
            tb = lines[i:end]
            tb = tb[:1] + ["  …"] + tb[-30:] if len(tb) > 31 else tb     # the frames nearest the fault
            g = groups.setdefault(last, {"exception": last, "count": 0,
                                         "example": "\n".join(lines[max(0, i - 2):i] + tb)})
            g["count"] += 1
            i = end
        else:
            i += 1
    return sorted(groups.values(), key=lambda g: -g["count"])


def tree_cpu_s(pid: int | None) -> float:
    """CPU seconds (user + system) a process and its live descendants have used."""
    if not pid:
        return 0.0
    total, stack, tick = 0, [pid], os.sysconf("SC_CLK_TCK")
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            continue
        stack.extend(_children(p))
    return total / tick


# -- the load -----------------------------------------------------------------------------------------------
def paths_of(kind: str, ids: dict[str, list[str]]) -> list[str]:
    if kind == "search":
        return [f"/search?q={quote(q, safe='')}" for q in ids["search"]]
    return [f"/{'stories' if kind == 'story' else 'entities'}/{quote(i, safe='')}" for i in ids[kind]]


STALE = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)


def fetch(conn: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    """GET on a keep-alive connection; one retry on a fresh connection when the server had closed the old one
    (as browsers and HTTP libraries do), so a closed idle connection is not taken for a failed page."""
    for attempt in (0, 1):
        fresh = conn.sock is None
        try:
            conn.request("GET", path)
            resp = conn.getresponse()
            body = resp.read()
            if resp.will_close:
                conn.close()
            return resp.status, body
        except STALE:
            conn.close()
            if fresh or attempt:
                raise
        except Exception:
            conn.close()
            raise
    raise AssertionError("unreachable")


def client(port: int, n: int, plan: dict[str, list[str]], t_measure: float, t_end: float, out: list,
           think: float = 0.0) -> None:
    """One user in a closed loop: one request, its answer read, `think` seconds (reading it), the next; round
    the kinds in turn."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    records, errors = [], []
    turn, seen = n, {k: n * 7 for k in KINDS}
    while True:
        start = time.perf_counter()
        if start >= t_end:
            break
        kind = KINDS[turn % len(KINDS)]
        turn += 1
        paths = plan[kind]
        path = paths[seen[kind] % len(paths)]
        seen[kind] += 1
        problem = None
        try:
            status, body = fetch(conn, path)
            if status != 200:
                problem = (f"{status}", f"{status} {path} {body[:200].decode('utf-8', 'replace')!r}")
        except Exception as exc:  # noqa: BLE001 - every failure is what this measures
            problem = (exc.__class__.__name__, f"{exc.__class__.__name__}: {exc} ({path})")
        if start >= t_measure:
            records.append((kind, time.perf_counter() - start, problem is None, path))
            if problem:
                errors.append((kind, *problem))
        if think:
            time.sleep(think)
    conn.close()
    out.append((records, errors))


def error_kinds(errors: list[tuple[str, str, str]]) -> list[dict]:
    """Errors grouped by page kind and status (or exception), with a count and the first one seen."""
    groups: dict[tuple[str, str], dict] = {}
    for kind, what, example in errors:
        g = groups.setdefault((kind, what), {"kind": kind, "error": what, "count": 0, "example": example})
        g["count"] += 1
    return sorted(groups.values(), key=lambda g: -g["count"])


def percentile(sorted_ms: list[float], q: float) -> float | None:
    """Nearest-rank percentile of an ascending list."""
    if not sorted_ms:
        return None
    return sorted_ms[min(len(sorted_ms) - 1, max(0, math.ceil(q * len(sorted_ms)) - 1))]


def summarize(latencies: list[float], errors: int, seconds: float) -> dict:
    ms = sorted(1000 * x for x in latencies)
    row = {"requests": len(ms), "errors": errors, "req_s": len(ms) / seconds,
           "p50_ms": percentile(ms, 0.50), "p95_ms": percentile(ms, 0.95), "p99_ms": percentile(ms, 0.99),
           "max_ms": ms[-1] if ms else None}
    row["falls_short"] = [why for why, bad in (
        (f"p95 > {TARGET_P95_MS:.0f} ms", row["p95_ms"] is None or row["p95_ms"] > TARGET_P95_MS),
        (f"{errors} errors", errors > 0)) if bad]
    return row


def load(server: Server, plan: dict, clients: int, warmup: float, seconds: float, pg: int | None,
         think: float = 0.0) -> dict:
    out: list = []
    t0 = time.perf_counter()
    t_measure, t_end = t0 + warmup, t0 + warmup + seconds
    threads = [threading.Thread(target=client, args=(server.port, i, plan, t_measure, t_end, out, think),
                                daemon=True) for i in range(clients)]
    with Peak(lambda: server.proc.pid, lambda: pg) as peak:
        for t in threads:
            t.start()
        time.sleep(max(0.0, t_measure - time.perf_counter()))
        cpu0 = (tree_cpu_s(server.proc.pid), tree_cpu_s(pg), resource.getrusage(resource.RUSAGE_SELF))
        w0 = time.perf_counter()
        time.sleep(max(0.0, t_end - time.perf_counter()))
        cpu1 = (tree_cpu_s(server.proc.pid), tree_cpu_s(pg), resource.getrusage(resource.RUSAGE_SELF))
        w1 = time.perf_counter()
        for t in threads:
            t.join(120)
    if len(out) < clients:
        say(f"warning: {clients - len(out)} clients still waiting for an answer 120 s after the window closed")
    wall = w1 - w0

    def used(a, b):
        return b.ru_utime + b.ru_stime - a.ru_utime - a.ru_stime

    records = [r for recs, _ in out for r in recs]
    errors = [e for _, errs in out for e in errs]
    kinds = {k: summarize([lat for kind, lat, *_ in records if kind == k],
                          sum(1 for kind, _, ok, _ in records if kind == k and not ok), seconds) for k in KINDS}
    by_path: dict[str, list[float]] = {}
    for kind, lat, _, path in records:
        by_path.setdefault(path, []).append(1000 * lat)
    slowest = sorted(({"path": p, "requests": len(v), "median_ms": statistics.median(v), "max_ms": max(v)}
                      for p, v in by_path.items()), key=lambda r: -r["median_ms"])[:10]
    return {"kinds": kinds, "all": summarize([lat for _, lat, *_ in records],
                                             sum(1 for _, _, ok, _ in records if not ok), seconds),
            "slowest_pages": slowest,
            "errors_by_kind": error_kinds(errors), "server_peak_mb": peak.peaks[0],
            "pg_server_peak_mb": peak.peaks[1] if pg else None,
            "server_cpu_pct": 100 * (cpu1[0] - cpu0[0]) / wall,
            "pg_server_cpu_pct": 100 * (cpu1[1] - cpu0[1]) / wall if pg else None,
            "client_cpu_pct": 100 * used(cpu0[2], cpu1[2]) / wall}


def mode(think: float) -> str:
    return "closed loop" if not think else f"{think:g} s between requests"


def run_backend(backend: str, url: str, store: dict, args) -> dict[str, dict]:
    """One server; one client alone, then the load once per think time. Returns a run per think time."""
    pg = server_pid(url) if backend == "postgres" else None
    log = args.work / f"serve-{backend}.log"
    with Server(url, log, args.server_workers) as server:
        ready = server.wait_ready(args.ready_timeout)
        say(f"{backend}: marsad serve ready on port {server.port} in {ready:.1f} s (log: {log})")
        ids = {"story": server.items("/api/stories?limit=200", "id"),
               "entity": server.items("/api/entities?limit=200&type=PER", "entity_id"),
               "search": list(QUERIES)}
        for kind in ("story", "entity"):
            if not ids[kind]:
                raise SystemExit(f"{backend}: the store has no {kind} to ask for (are its corpus views built?)")
        plan = {k: paths_of(k, ids) for k in KINDS}
        alone = None
        if args.alone > 0:
            say(f"{backend}: one client alone for {args.alone:.0f} s (the pages' own time, no queueing)")
            solo = load(server, plan, 1, 1, args.alone, None)
            alone = {k: {m: v[m] for m in ("requests", "p50_ms", "p95_ms", "errors")} for k, v in solo["kinds"].items()}
            alone["slowest_pages"] = solo["slowest_pages"]
        results = {}
        for think in args.think:
            say(f"{backend}: {args.clients} clients ({mode(think)}), {args.warmup:.0f} s warm-up then "
                f"{args.seconds:.0f} s measured; {len(plan['search'])} searches, {len(plan['story'])} stories, "
                f"{len(plan['entity'])} people")
            results[think] = load(server, plan, args.clients, args.warmup, args.seconds, pg, think)
        alive = server.proc.poll() is None
        server.stop()
        traces = tracebacks(server.log_text())
    return {f"{backend}, {mode(think)}": {
        "backend": backend, "think_s": think, "url": shown(url), "store": store, "ready_s": ready,
        "server_alive_after": alive, "server_workers": args.server_workers,
        "pages": {k: len(v) for k, v in plan.items()}, "log": str(log),
        "server_tracebacks": sum(t["count"] for t in traces), "tracebacks_by_exception": traces,
        "alone": alone, **result} for think, result in results.items()}


# -- report -------------------------------------------------------------------------------------------------
def _ms(x: float | None) -> str:
    return f"{x:,.1f}" if x is not None else "-"


def alone_of(r: dict, kind: str) -> str:
    a = (r.get("alone") or {}).get(kind) if kind in KINDS else None
    return f"{_ms(a['p50_ms'])} / {_ms(a['p95_ms'])}" if a else "-"


def report(args, runs: dict) -> None:
    print(f"{args.clients} clients on loopback ({', '.join(mode(t) for t in args.think)}), {args.seconds:.0f} s "
          f"measured after a {args.warmup:.0f} s warm-up; `marsad serve --workers {args.server_workers}`; machine: "
          f"{os.cpu_count()} cores, Python {sys.version.split()[0]}; target p95 ≤ {TARGET_P95_MS:.0f} ms, "
          "0 errors\n")
    print("| backend | page | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors | verdict "
          "| one client alone: p50 / p95 ms |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|")
    short = []
    for backend, r in runs.items():
        for kind, row in [*r["kinds"].items(), ("all", r["all"])]:
            verdict = "falls short: " + ", ".join(row["falls_short"]) if row["falls_short"] else "ok"
            if row["falls_short"] and kind != "all":
                short.append(f"{backend} {kind}: {', '.join(row['falls_short'])} (p95 {_ms(row['p95_ms'])} ms)")
            label = f"**{kind}**" if kind == "all" else kind
            print(f"| {backend} | {label} | {row['requests']:,} | {row['req_s']:.1f} | {_ms(row['p50_ms'])} | "
                  f"{_ms(row['p95_ms'])} | {_ms(row['p99_ms'])} | {_ms(row['max_ms'])} | {row['errors']} | "
                  f"{verdict} | {alone_of(r, kind)} |")
    print()
    for backend, r in runs.items():
        a = r["all"]
        if a["requests"] and not r.get("think_s"):
            print(f"{backend}: {a['req_s']:.0f} requests/s in all; in a closed loop the mean latency is clients ÷ "
                  f"throughput ({args.clients} ÷ {a['req_s']:.0f}/s = {1000 * args.clients / a['req_s']:.0f} ms) "
                  "once the server is saturated: beyond the pages' own time it is queueing")
    print()
    print("| backend | documents | server peak MB | server CPU % | PostgreSQL peak MB | PostgreSQL CPU % "
          "| clients' CPU % | server tracebacks |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for backend, r in runs.items():
        pg_mb = _ms(r["pg_server_peak_mb"]) if r["pg_server_peak_mb"] else "-"
        pg_cpu = f"{r['pg_server_cpu_pct']:.0f}" if r["pg_server_cpu_pct"] is not None else "-"
        print(f"| {backend} | {r['store']['docs']:,} | {r['server_peak_mb']:,.0f} | {r['server_cpu_pct']:.0f} | "
              f"{pg_mb} | {pg_cpu} | {r['client_cpu_pct']:.0f} | {r['server_tracebacks']} |")
    print("\n(CPU: % of one core over the measured window; memory: proportional set size of the process tree, "
          "peak; tracebacks: all the server logged, warm-up included.)")
    print()
    if short:
        _heading("Falls short of the bar")
        for line in short:
            print(f"- {line}")
    else:
        print("Every page of every backend meets the bar.")
    for backend, r in runs.items():
        if r.get("alone"):
            print(f"\n{backend}: the slowest pages for one client alone (median ms, requests):")
            for p in r["alone"]["slowest_pages"][:6]:
                print(f"- {p['median_ms']:,.1f} ms ({p['requests']}×) {unquote(p['path'])}")
    for backend, r in runs.items():
        if not r["server_alive_after"]:
            print(f"\n{backend}: the server was no longer running at the end of the window (log: {r['log']})")
        for e in r["errors_by_kind"]:
            print(f"\n{backend} {e['kind']} page: {e['count']:,} × {e['error']}, e.g. {e['example']}")
        for t in r["tracebacks_by_exception"][:5]:
            print(f"\n{backend} server: {t['count']:,} × {t['exception']} (log: {r['log']}); the first:\n"
                  f"{t['example']}")


# -- main ---------------------------------------------------------------------------------------------------
def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--backends", nargs="+", default=["sqlite", "postgres"], choices=["sqlite", "postgres"])
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--warmup", type=float, default=5, help="seconds of load before the measured window")
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--workers", type=int, default=2, help="ingest workers when a store is built")
    ap.add_argument("--server-workers", type=int, default=2, help="marsad serve --workers (processes)")
    ap.add_argument("--think", type=float, nargs="+", default=[0.0, 1.0],
                    help="seconds each client waits between requests, one load per value (0: closed loop)")
    ap.add_argument("--work", type=Path, default=Path("/tmp/marsad-api-corpus"),
                    help="where the SQLite store, the records and the server logs are kept")
    ap.add_argument("--db", help="an existing store (SQLite path or postgresql:// URL) to run against; "
                                 "nothing is built and --backends is ignored")
    ap.add_argument("--alone", type=float, default=5,
                    help="seconds one client alone asks for the pages first (their own time); 0: skip")
    ap.add_argument("--ready-timeout", type=float, default=120)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--from-json", type=Path, metavar="FILE", help="print the report of a run saved with --json")
    args = ap.parse_args()
    if args.from_json:
        saved = json.loads(args.from_json.read_text(encoding="utf-8"))
        report(argparse.Namespace(**{k: saved.get(k, d) for k, d in (("clients", 20), ("seconds", 60), ("warmup", 5),
                                                                   ("think", [0.0]), ("server_workers", 1))}),
               saved["runs"])
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    if args.db:
        backends = ["postgres" if is_pg(args.db) else "sqlite"]
    else:
        backends = args.backends
        if "postgres" in backends and not os.environ.get("MARSAD_PG_URL"):
            say("MARSAD_PG_URL is not set: running under scripts/with-postgres.sh, a throwaway PostgreSQL whose "
                "store is built anew on every run; set MARSAD_PG_URL to a server of your own to keep it")
            os.environ[THROWAWAY_ENV] = "1"
            os.execvp("bash", ["bash", str(ROOT / "scripts" / "with-postgres.sh"), sys.executable, *sys.argv])
    # SIGTERM (and SIGHUP) end the run as Ctrl-C does, so the server is stopped on the way out
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, lambda signum, frame: sys.exit(128 + signum))
    runs = {}
    for backend in backends:
        if backend == "postgres" and os.environ.get(THROWAWAY_ENV) and not args.db:
            say("postgres: the cluster is throwaway, so its store is built on this run and lost afterwards "
                "(set MARSAD_PG_URL to keep it)")
        if args.db:
            url, store = args.db, store_state(args.db)
            if not store["complete"]:
                say(f"warning: {shown(url)}: corpus views cover rowid {store['corpus_rowid']} of {store['max_rowid']}")
        else:
            url, store = get_store(backend, args)
        runs.update(run_backend(backend, url, store, args))
    if args.json:
        print(json.dumps({"clients": args.clients, "seconds": args.seconds, "warmup": args.warmup,
                          "think": args.think, "server_workers": args.server_workers,
                          "cores": os.cpu_count(), "target_p95_ms": TARGET_P95_MS, "runs": runs},
                         indent=1, ensure_ascii=False))
    else:
        report(args, runs)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        say("interrupted; the server was stopped")
        sys.exit(130)
