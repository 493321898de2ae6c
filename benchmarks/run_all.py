"""Every benchmark in one command, written to BENCHMARKS.md.

    python benchmarks/run_all.py [--only NAME ...] [--quick] [--out BENCHMARKS.md] [--list]

Each section runs one benchmark script of this folder in its own process, as a user would run it, and keeps its
printed tables verbatim with the command, the date and how long it took; each compares Marsad's stage with its
peer in the same run, on the same input (the scripts say how). A section not run this time keeps what the file
held before, with its own date, so one section can be brought up to date alone (`--only scale`). The head of
the file is the machine (CPU, cores, memory, Python) and a table of headline figures taken from the sections
that print JSON.

`--quick` runs each on smaller inputs (minutes in all rather than hours): for checking that the command works,
not for figures to quote.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shlex
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks"
START, END = "<!-- section: {} -->", "<!-- end: {} -->"


@dataclass(frozen=True)
class Section:
    name: str
    title: str
    args: tuple[str, ...]            # the script and its arguments
    quick: tuple[str, ...]           # the same on small inputs
    json_arg: str | None = None      # the flag that makes the script print JSON (parsed for the headline table)
    postgres: bool = False           # runs under scripts/with-postgres.sh


SECTIONS = (
    Section("speed", "Whole analysis against trafilatura's extraction alone (one core)",
            ("speed.py",), ("speed.py", "--rounds", "1"), "--json"),
    Section("clean", "Cleaning against trafilatura and resiliparse", ("clean.py",), ("clean.py", "--rounds", "1")),
    Section("dedup", "Duplicates against rensa and datasketch", ("dedup.py", "--sizes", "10000", "0"),
            ("dedup.py", "--sizes", "2000")),
    Section("time", "Dates against dateparser", ("time.py",), ("time.py", "--snn", "100", "--rounds", "1")),
    Section("ner", "Entities against a CRF tagger trained on the same data", ("ner.py",), ("ner.py", "--no-demo")),
    Section("executors", "Executors: local and Ray, one and two workers", ("executors.py",),
            ("executors.py", "--limit", "300"), "--json"),
    Section("backends", "SQLite and PostgreSQL", ("ingest.py", "--limit", "10000", "--only", "ingest"),
            ("ingest.py", "--limit", "500", "--only", "ingest"), "--json", postgres=True),
    Section("scale", "Scaling: 1k, 10k, all SaudiNewsNet, 100k articles; adding 1,000 to 10k and to 100k",
            ("scale.py",), ("scale.py", "--sizes", "300", "1000", "--add-to", "300", "1000", "--batch", "100",
                            "--repeat", "1"), "--json"),
)


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in _read("/proc/cpuinfo").splitlines()
                if line.startswith("model name")), platform.processor() or "unknown CPU")
    mem = next((int(line.split()[1]) / 1024 ** 2 for line in _read("/proc/meminfo").splitlines()
                if line.startswith("MemTotal")), 0.0)
    return f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB memory, Python {platform.python_version()}, " \
           f"{platform.system()} {platform.release()}"


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def run(section: Section, quick: bool) -> dict:
    args = list(section.quick if quick else section.args)
    print(f"{section.name}: python benchmarks/{' '.join(args)}", flush=True)
    cmd = [sys.executable, str(HERE / args[0]), *args[1:]]
    if section.json_arg:
        cmd.append(section.json_arg)
    if section.postgres and not os.environ.get("MARSAD_PG_URL"):
        cmd = ["bash", str(ROOT / "scripts" / "with-postgres.sh"), *cmd]
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "COLUMNS": "160", "PYTHONUNBUFFERED": "1"})
    out, data = split_json(done.stdout) if section.json_arg else (done.stdout, None)
    return {"command": "python benchmarks/" + " ".join(args), "seconds": time.perf_counter() - start,
            "exit": done.returncode, "output": out.strip(), "errors": done.stderr.strip()[-3000:], "data": data,
            "date": dt.date.today().isoformat()}


def split_json(text: str) -> tuple[str, object]:
    """(the tables a script printed, the JSON document it printed after them), or (text, None) without one."""
    m = re.search(r"^[{\[]", text, re.M)
    if not m:
        return text, None
    try:
        return text[:m.start()], json.loads(text[m.start():])
    except json.JSONDecodeError:
        return text, None


def render_section(section: Section, res: dict) -> str:
    lines = [START.format(section.name), f"## {section.title}", "",
             f"`{res['command']}`, {res['date']}, {res['seconds'] / 60:.1f} min"
             + ("" if res["exit"] == 0 else f", **exited {res['exit']}**"), "", "```", res["output"] or "(no output)",
             "```"]
    if res["exit"] != 0 and res["errors"]:
        lines += ["", "Errors:", "", "```", res["errors"], "```"]
    if res["data"] is not None:
        lines += ["", "<details><summary>JSON</summary>", "", "```json",
                  json.dumps(res["data"], ensure_ascii=False, indent=1), "```", "", "</details>"]
    return "\n".join(lines + [END.format(section.name)])


def previous_sections(path: Path) -> dict[str, str]:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    out = {}
    for s in SECTIONS:
        m = re.search(re.escape(START.format(s.name)) + r".*?" + re.escape(END.format(s.name)), text, re.S)
        if m:
            out[s.name] = m.group(0)
    return out


def headline(results: dict[str, dict]) -> list[str]:
    """The figures the README quotes, from the sections that printed JSON this time (or the JSON kept before)."""
    rows = []
    speed = (results.get("speed") or {}).get("data") or {}
    if "ratio" in speed:
        rows.append(("whole analysis ÷ trafilatura extraction, same Arabic HTML pages, one core",
                     f"{speed['ratio']:.2f}×", "≥ 0.5×"))
    scale = (results.get("scale") or {}).get("data") or {}
    for r in scale.get("scaling", []):
        rows.append((f"ingest {r['articles']:,} articles ({scale.get('workers')} workers), whole command",
                     f"{r['wall_s']:.0f} s, {r['articles_per_s']:.1f} articles/s, peak {r['peak_mb']:.0f} MB", ""))
    for r in scale.get("add_batch", []):
        same = ", one stored copy of each as at 10k" if r.get("matched") else ""
        rows.append((f"add {r['batch']:,} articles to a store of {r['store']:,}{same}",
                     " / ".join(f"{w:.1f}" for w in r["wall_s"]) + " s", "100k ≈ 10k"))
    execs = (results.get("executors") or {}).get("data") or {}
    for name, r in (execs.get("runs") or {}).items():
        if isinstance(r, dict) and "articles_per_s" in r:
            rows.append((f"executor {name}", f"{r['articles_per_s']:.1f} articles/s", ""))
    if not rows:
        return []
    return ["| measure | value | bar |", "|---|---:|---|", *[f"| {a} | {b} | {c} |" for a, b, c in rows]]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", nargs="+", choices=[s.name for s in SECTIONS])
    ap.add_argument("--quick", action="store_true", help="small inputs: checks the command, not figures to quote")
    ap.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    ap.add_argument("--list", action="store_true", help="list the sections and their commands")
    ap.add_argument("--set", nargs="+", default=[], metavar="NAME=ARGS",
                    help="run a section with these arguments instead (scale='--sizes 1000 --keep /tmp/s')")
    args = ap.parse_args()
    if args.list:
        for s in SECTIONS:
            print(f"{s.name:10} python benchmarks/{' '.join(s.args)}")
        return 0
    kept = previous_sections(args.out)
    chosen = {name: tuple(shlex.split(value)) for name, value in (a.split("=", 1) for a in args.set)}
    results: dict[str, dict] = {}
    for s in SECTIONS:
        if args.only and s.name not in args.only:
            continue
        if s.name in chosen:
            s = Section(s.name, s.title, (s.args[0], *chosen[s.name]), s.quick, s.json_arg, s.postgres)
        results[s.name] = run(s, args.quick)
        kept[s.name] = render_section(s, results[s.name])
        print(f"  {results[s.name]['seconds'] / 60:.1f} min, exit {results[s.name]['exit']}", flush=True)
        args.out.write_text(document(kept, results, args.quick), encoding="utf-8")
    args.out.write_text(document(kept, results, args.quick), encoding="utf-8")
    return 0 if all(r["exit"] == 0 for r in results.values()) else 1


def document(sections: dict[str, str], results: dict[str, dict], quick: bool) -> str:
    for name, text in sections.items():            # figures kept from an earlier run feed the headline too
        if name not in results:
            m = re.search(r"```json\n(.*?)\n```", text, re.S)
            if m:
                try:
                    results = {**results, name: {"data": json.loads(m.group(1))}}
                except json.JSONDecodeError:
                    pass
    head = ["# Benchmarks", "", "Written by `python benchmarks/run_all.py` (each section says its command and date). "
            "Machine of the last run: " + machine() + ".", ""]
    if quick:
        head += ["**Quick run (small inputs): not figures to quote.**", ""]
    table = headline(results)
    if table:
        head += ["## Headline figures", "", *table, ""]
    return "\n".join(head + [sections[s.name] + "\n" for s in SECTIONS if s.name in sections])


if __name__ == "__main__":
    sys.exit(main())
