"""What the readable (non-JSON) views of the `marsad` command print: an article, a story, a digest.

Kept apart from cli.py, which parses options and calls the query layer; these take a rich Console and the views'
records and never read the store.
"""

from __future__ import annotations

import os
import sys

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, SpinnerColumn, TextColumn, \
    TimeElapsedColumn, TimeRemainingColumn
from rich.text import Text

from . import readable
from .readable import clip, n

# Output to a file or a pipe is as wide as a wide terminal, not rich's 80 columns: `marsad story ID > story.txt`
# must not split ids and sentences over lines (COLUMNS, where set, still decides)
_PIPED = None if sys.stdout.isatty() or "COLUMNS" in os.environ else 160
err = Console(stderr=True)
out = Console(width=_PIPED)


class RateColumn(ProgressColumn):
    """Documents per second since the start, the figure the run's summary prints: rich's own speed is over the
    last seconds only, and results that come back from the workers in bursts made it read 871 where the
    summary said 11."""

    def render(self, task) -> Text:
        elapsed = task.finished_time if task.finished else task.elapsed
        speed = task.completed / elapsed if elapsed and task.completed else None
        return Text(f"{speed:,.1f} docs/s" if speed and speed < 10 else f"{speed:,.0f} docs/s" if speed
                    else "– docs/s", style="cyan")


def progress_bar(transient: bool = False) -> Progress:
    return Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    RateColumn(), TimeElapsedColumn(), TimeRemainingColumn(), console=err, transient=transient)


def print_document(out: Console, d: dict) -> None:
    """One article as a reader scans it: header, clean text, people, statements, times in words."""
    out.rule(d.get("title") or d["id"])
    out.print(readable.meta_line(d), markup=False)
    out.print(d.get("body", ""), markup=False)
    if d.get("entities"):
        out.print("[bold]entities:[/] " + "، ".join(sorted({f"{e['canonical'] or e['name']} ({e['type']})"
                                                            for e in d["entities"]})))
    for q in d.get("quotes", []):
        out.print(f"[bold]{escape(readable.speaker(q))}[/] \\[{q['kind']}]: {escape(q['content'])}")
    if d.get("times"):
        out.print("[bold]times:[/]")
        for t in d["times"]:
            out.print("  " + readable.time_line(t), markup=False)
    if d.get("comments"):
        out.print(f"[bold]{len(d['comments'])} reader comments[/] (kept apart from the article)")
    for e in d.get("errors", []):
        out.print(f"[yellow]note:[/] {e}")


def print_story_views(out: Console, s) -> None:
    """The attributed summary, key statements and measured framing of a story, as a reader scans them."""
    if s.summary:
        out.print("[bold]summary[/]")
    for q in s.summary:
        who = f" · [cyan]{escape(q['speaker'])}[/]" if q.get("speaker") else ""
        out.print(f"  [green]{escape(q.get('outlet') or 'outlet unknown')}[/]{who}: {escape(q['text'])}")
    if s.statements:
        out.print("[bold]key statements[/]")
    for q in s.statements:
        where = escape(q.get('outlet') or 'outlet unknown')
        out.print(f"  [cyan]{escape(q['speaker'] or 'unattributed')}[/] ({where}): {escape(q['text'])}")
    for f in s.framing:
        out.print(f"  framing of [magenta]{escape(f['canonical'])}[/] in {escape(f['outlet'] or 'outlet unknown')}: "
                  f"{escape('، '.join(f['descriptors'][:3]))}")
    print_frames(out, s.frames)


def print_frames(out: Console, frames: dict) -> None:
    for outlet, quoted in frames.get("scare_quotes", {}).items():
        outlet = outlet or "outlet unknown"
        out.print(f"  {outlet} puts in quotation marks: {'، '.join(quoted)}")
    for outlet, words in frames.get("distinctive_words", {}).items():
        outlet = outlet or "outlet unknown"
        if words:
            out.print(f"  words that set {outlet} apart: {'، '.join(w['word'] for w in words)}")
    for outlet, c in frames.get("coverage", {}).items():
        outlet = outlet or "outlet unknown"
        sides = "، ".join(f"{p} {v:.0%}" for p, v in c["sides"].items())
        out.print(f"  {outlet}: {n(c['articles'], 'article')} ({c['share']:.0%})"
                  + (f"; mentions: {sides}" if sides else ""))


def print_digest(out: Console, d, db: str) -> None:
    """The corpus at a glance: its top stories with outlets, wire credits, summary and framing; its people."""
    s = d.stats
    out.rule(f"Marsad digest · {n(s['documents'], 'article')} · {n(s['outlets'], 'outlet')} · "
             f"{n(s['stories'], 'story')} · {n(s['storylines'], 'storyline')}")
    for st in d.stories:
        line = f" · storyline {st.storyline}" if st.storyline else ""
        out.print(f"\n[bold]{st.title}[/]  [dim]{st.id} · {st.first_seen or 'undated'} → {st.last_seen or 'undated'}"
                  f" · {n(len(st.articles), 'article')}{line}[/]")
        out.print("  outlets: " + "، ".join(st.outlets))
        agencies = st.wire.get("agencies") or {}
        if agencies:
            out.print("  wire credits: " + "، ".join(f"{a} ×{k}" for a, k in agencies.items()))
        for t in st.wire.get("texts", [])[:2]:
            out.print(f"  shared text: {t['line']}")
        for q in st.summary[:3]:
            who = q.get("outlet") or "outlet unknown"
            who += f" · {q['speaker']}" if q.get("speaker") else ""
            out.print(f"  [cyan]{who}[/]: {clip(q['text'], 140)}")
        frames: dict[str, list[str]] = {}
        for f in st.framing:
            frames.setdefault(f["canonical"], []).append(f"{f['outlet'] or 'outlet unknown'}: "
                                                         f"{'، '.join(f['descriptors'][:2])}")
        for name, items in list(frames.items())[:2]:
            if len(items) > 1:
                out.print(f"  framing of [magenta]{name}[/]: " + " | ".join(items[:4]))
    out.print("\n[bold]people most in the news:[/] " + "، ".join(f"{e.canonical} ({e.articles})" for e in d.people))
    out.print(f"\nIn a browser: marsad serve --db {db} (then http://127.0.0.1:8000/)")
    out.print(f"More: marsad story ID --db {db} · marsad entity NAME --db {db} · marsad quotes --db {db} "
              f"--entity NAME · marsad search QUERY --db {db} · marsad show ID|URL --db {db} · "
              f"marsad export --db {db} --view quotes --entity NAME --format csv --out FILE.csv")
