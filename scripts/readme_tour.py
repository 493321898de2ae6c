"""The README's tour, printed by the commands themselves.

Each block after a `<!-- tour: … -->` line holds `$ marsad …` lines; this script runs them on the demo store and
puts what they print under each, abridged as the marker says: `lines=N` (the first N lines), `width=W` (longer
lines end in "…"), `items=K` (a JSON listing: its first K records, each list in them cut to K, one record a
line). `--check` says which blocks differ from what the commands print now (tests/test_readme.py runs it), so
the README cannot drift from the program; `--write` rewrites them.

    python scripts/readme_tour.py --db demo.db --write
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARK = re.compile(r"^<!-- tour:(.*?)-->\s*$")
WIDTH = 120


def _options(text: str) -> dict:
    """`lines=8 from=times:` → {"lines": 8, "from": "times:"}."""
    return {k: int(v) if v.isdigit() else v for k, v in (item.split("=", 1) for item in text.split())}


def _cut(value, items: int):
    return value[:items] + ["…"] if isinstance(value, list) and len(value) > items else value


def _abridge_json(text: str, items: int) -> list[str]:
    data = json.loads(text)
    if isinstance(data, dict):                  # one object: a key a line, its lists cut
        return ["{"] + [f" {json.dumps(k, ensure_ascii=False)}: {json.dumps(_cut(v, items), ensure_ascii=False)},"
                        for k, v in data.items()] + ["}"]
    records = data
    cut = [{k: _cut(v, items) for k, v in r.items()} if isinstance(r, dict) else r for r in records[:items]]
    lines = [json.dumps(r, ensure_ascii=False) for r in cut]
    more = len(records) - len(cut)
    return ["[" + lines[0]] + [" " + line for line in lines[1:]] + [f" … {more} more]" if more > 0 else "]"] \
        if isinstance(data, list) else lines


def _abridge(text: str, opts: dict) -> list[str]:
    lines = _abridge_json(text, opts["items"]) if "items" in opts else text.rstrip("\n").split("\n")
    lines = [line.rstrip() for line in lines if line.strip() and not set(line.strip()) <= set("━─┏┓┗┛┃┡┩└┘┌┐┴┬┼╇┳")]
    if "from" in opts:                          # the part of a long view the README is about
        lines = lines[next((i for i, line in enumerate(lines) if line.startswith(opts["from"])), 0):]
    if "lines" in opts and len(lines) > opts["lines"]:
        lines = lines[: opts["lines"]] + ["…"]
    width = opts.get("width", WIDTH)
    return [line if len(line) <= width else line[: width - 1] + "…" for line in lines]


def run(command: str, cwd: Path) -> str:
    """What the command prints on stdout, then on stderr (a summary), as a terminal 120 columns wide shows it;
    a store made with absolute paths (the tests') names its inputs as the demo's relative ones."""
    argv = shlex.split(command, comments=True)
    env = {**os.environ, "COLUMNS": str(WIDTH), "TERM": "dumb", "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, "-m", "marsad.cli", *argv[1:]], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)
    return (done.stdout + done.stderr).replace(f"{ROOT}/", "")     # paths as from the repository's folder


def blocks(readme: str) -> list[tuple[int, int, dict[str, int], list[str]]]:
    """(first line, end line, options, commands) of each tour block; lines are indexes into readme's lines."""
    lines = readme.split("\n")
    found = []
    for i, line in enumerate(lines):
        m = MARK.match(line)
        if not m:
            continue
        start = i + 1
        if not lines[start].startswith("```"):
            raise ValueError(f"README line {i + 1}: a tour marker must be followed by a code block")
        end = next(j for j in range(start + 1, len(lines)) if lines[j].startswith("```"))
        commands = [ln[2:] for ln in lines[start + 1:end] if ln.startswith("$ marsad ")]
        found.append((start, end, _options(m[1]), commands))
    return found


def render(readme: str, cwd: Path) -> str:
    lines = readme.split("\n")
    for start, end, opts, commands in reversed(blocks(readme)):
        body = []
        for command in commands:
            body.append("$ " + command)
            body.extend(_abridge(run(command, cwd), opts))
        lines[start + 1:end] = body
    return "\n".join(lines)


def stage(db: Path) -> tempfile.TemporaryDirectory:
    """A folder where the tour's paths mean what they say: demo.db (the given store) and examples/."""
    tmp = tempfile.TemporaryDirectory()
    Path(tmp.name, "demo.db").symlink_to(db.resolve())
    Path(tmp.name, "examples").symlink_to(ROOT / "examples")
    return tmp


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="the demo store (scripts/demo.sh makes demo.db)")
    parser.add_argument("--readme", default=str(ROOT / "README.md"))
    how = parser.add_mutually_exclusive_group(required=True)
    how.add_argument("--write", action="store_true")
    how.add_argument("--check", action="store_true")
    args = parser.parse_args()
    readme = Path(args.readme).read_text(encoding="utf-8")
    with stage(Path(args.db)) as folder:
        fresh = render(readme, Path(folder))
    if args.write:
        Path(args.readme).write_text(fresh, encoding="utf-8")
        return 0
    if fresh != readme:
        import difflib
        sys.stdout.writelines(difflib.unified_diff(readme.splitlines(True), fresh.splitlines(True), "README.md",
                                                   "what the commands print"))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
