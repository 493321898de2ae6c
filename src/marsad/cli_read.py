"""The `marsad` commands that read the store: counts, stories, duplicates, entities, quotes, search, articles,
outlets, one article, templates, errors and the digest. Registered on the app by cli.py, in the order
`marsad --help` lists them."""

from __future__ import annotations

import sys
from typing import Optional

import typer
from rich.markup import escape
from rich.table import Table

from .cli_common import (DbOpt, EntityOpt, JsonOpt, LimitOpt, OffsetOpt, OutletOpt, SinceOpt, UntilOpt, _asking,
                         _corpus, _emit, _limit, _print_json, _shown)
from .cli_views import out, print_digest, print_document, print_frames, print_story_views
from .readable import clip, n


def stats(db: str = DbOpt, as_json: bool = JsonOpt):
    """Counts: documents, errors, outlets, stories, storylines, entities, quotes.

    Example: marsad stats --db news.db --json"""
    s = _corpus(db).stats()
    if as_json:
        _print_json(s)
        return
    table = Table(show_header=False)
    for k, v in s.items():
        table.add_row(k, f"{v:,}")
    out.print(table)


def stories(db: str = DbOpt, as_json: bool = JsonOpt, limit: int = LimitOpt, offset: int = OffsetOpt,
            since: Optional[str] = SinceOpt, until: Optional[str] = UntilOpt, outlet: Optional[str] = OutletOpt,
            entity: Optional[str] = typer.Option(None, "--entity", help="Stories that mention this name.")):
    """Stories: articles about one event across outlets, with summary, timeline and framing.

    Example: marsad stories --db news.db --since 2024-02-01 --entity "فائق الهوني" --outlet "عرب ووتش"
    """
    with _asking():
        page = _corpus(db).stories(since=since, until=until, outlet=outlet, entity=entity, limit=limit,
                                   offset=offset)
    _emit([s.to_dict() for s in page.items], as_json, n(page.total, "story"),
          ("id", "dates", "n", "outlets", "title"),
          lambda s: (s["id"], f"{s['first_seen'] or 'undated'} → {s['last_seen'] or 'undated'}",
                     str(len(s["articles"])), "، ".join(s["outlets"]), s["title"]), page=page)


def story(story_id: str = typer.Argument(..., help="Story id (s-…)."), db: str = DbOpt, as_json: bool = JsonOpt):
    """One story: its articles (date, outlet, title, id for `marsad show`), the attributed summary, key
    statements, framing and wire copy.

    Example: marsad story s-3e2ff624c2 · marsad export --view articles --story s-3e2ff624c2 --format csv --out s.csv"""
    with _asking():
        detail = _corpus(db).story(story_id)
    if as_json:
        _print_json(detail.to_dict())
        return
    s = detail.story
    out.rule(s.title or s.id)
    out.print(f"{s.id} · {s.first_seen or 'undated'} → {s.last_seen or 'undated'} · "
              f"{n(len(detail.articles), 'article')}" + (f" · storyline {s.storyline}" if s.storyline else ""))
    for a in detail.articles:
        out.print(f"  {a.published or 'undated'}  {a.outlet or 'outlet unknown'}  {escape(a.title or a.id)}  "
                  f"[dim]{a.id[:10]}[/]")
    print_story_views(out, s)


def storyline(line_id: str = typer.Argument(..., help="Storyline id (l-…)."), db: str = DbOpt,
              as_json: bool = JsonOpt):
    """One storyline: its stories over weeks and months, and how each outlet frames it.

    Example: marsad storyline l-20b27c47f3 --db news.db"""
    with _asking():
        detail = _corpus(db).storyline(line_id)
    if as_json:
        _print_json(detail.to_dict())
        return
    line = detail.storyline
    out.rule(line.title or line.id)
    out.print(f"{line.id} · {line.first_seen} → {line.last_seen} · {n(line.stories, 'story')}")
    for s in detail.stories:
        out.print(f"  {s.first_seen or 'undated'}  {s.n_articles:>4}  {s.title or s.id}  [dim]{s.id}[/]")
    print_frames(out, line.frames)


def duplicates(db: str = DbOpt, as_json: bool = JsonOpt, limit: int = _limit(1000),
               offset: int = OffsetOpt, kind: Optional[str] = typer.Option(None, "--kind", help="exact, near or wire."),
               article: Optional[str] = typer.Option(None, "--article", help="Only pairs with this article.")):
    """Duplicate and wire-copy pairs (a is the earlier article): exact copies, near copies (light edits) and wire
    texts (one contains most of the other, or both run the same dispatch with their own additions).

    Example: marsad duplicates --db news.db --kind wire --article 0b802b1f04"""
    with _asking():
        page = _corpus(db).duplicates(kind=kind, article=article, limit=limit, offset=offset)
    _emit([p.to_dict() for p in page.items], as_json, "duplicates",
          ("a", "b", "kind", "score", "shared chars", "outlets"),
          lambda r: (r["a"], r["b"], r["kind"], f"{r['score']:.2f}", str(r["shared_chars"]),
                     f"{r['a_outlet'] or 'unknown'} → {r['b_outlet'] or 'unknown'}"), page=page)


def provenance(doc_id: str = typer.Argument(..., help="Article id (a unique prefix is enough)."), db: str = DbOpt,
               as_json: bool = JsonOpt):
    """Where an article's text comes from: each paragraph's earlier source, the originality ratio (share of
    the text that is the outlet's own) and the probable agency.

    Example: marsad provenance 0b802b1f04 --db news.db"""
    corpus_ = _corpus(db)
    with _asking():
        p = corpus_.provenance(doc_id)
    if as_json:
        _print_json(p.to_dict())
        return
    d = corpus_.article(p.article_id)
    out.print(f"[bold]{d.title or d.id}[/]  [dim]{d.outlet or 'outlet unknown'} · {d.published or 'undated'}[/]")
    out.print(f"originality {p.originality:.0%} · agency {p.agency or 'not known'}")
    for s in p.sources:
        out.print(f"  from {s['article_id']} ({s['outlet'] or 'outlet unknown'}): paragraphs {s['paragraphs']} · "
                  f"{s['shared_chars']:,} characters")
    for para in p.paragraphs:
        text = d.body[para["start"]:para["end"]]
        mark = f"[yellow]← {para['source'][:10]}[/]" if para["source"] else "[green]own[/]"
        out.print(f"  {mark} {clip(text, 110)}")


def entities(db: str = DbOpt, as_json: bool = JsonOpt, limit: int = LimitOpt, offset: int = OffsetOpt,
             type_: Optional[str] = typer.Option(None, "--type", help="PER, ORG, LOC or MISC."),
             name: Optional[str] = typer.Option(None, "--name", help="Only the entity with this name (any spelling).")):
    """Canonical entities across the corpus with aliases, titles and counts.

    Example: marsad entities --db news.db --type PER --limit 20"""
    with _asking():
        page = _corpus(db).entities(type=type_, name=name, limit=limit, offset=offset)
    _emit([e.to_dict() for e in page.items], as_json, "entities",
          ("type", "canonical", "articles", "mentions", "aliases", "titles"),
          lambda r: (r["type"], r["canonical"], str(r["articles"]), str(r["mentions"]), "، ".join(r["aliases"][:4]),
                     "، ".join(r["titles"][:4])), page=page)


def entity(name: str = typer.Argument(..., help="A name in any spelling, or an entity id."), db: str = DbOpt,
           as_json: bool = JsonOpt):
    """One entity: its names and titles (by outlet), the stories it is in and how often it speaks.

    Example: marsad entity "فايق الهونى" --db news.db"""
    with _asking():
        detail = _corpus(db).entity(name)
    if as_json:
        _print_json(detail.to_dict())
        return
    e = detail.entity
    out.rule(f"{e.canonical} ({e.type})")
    out.print(f"{e.entity_id} · {n(e.articles, 'article')} · {n(e.mentions, 'mention')} · "
              f"{n(detail.quotes, 'statement')}")
    if e.aliases:
        out.print("also: " + "، ".join(e.aliases[:12]))
    for outlet, titles in e.titles_by_outlet.items():
        out.print(f"  {outlet or 'outlet unknown'}: {'، '.join(titles[:5])}")
    for s in detail.stories:
        out.print(f"  story {s.id} · {s.first_seen or 'undated'} · {s.title or ''}")


def quotes(db: str = DbOpt, as_json: bool = JsonOpt, limit: int = LimitOpt, offset: int = OffsetOpt,
           entity: Optional[str] = typer.Option(None, "--entity", help="Speaker name (any spelling variant)."),
           outlet: Optional[str] = OutletOpt, since: Optional[str] = SinceOpt, until: Optional[str] = UntilOpt,
           story_id: Optional[str] = typer.Option(None, "--story", help="Only statements in this story.")):
    """Statements: who said what, in which article.

    Example: marsad quotes --db news.db --entity الهوني --since 2024-03-01 --outlet "عرب ووتش"
    """
    with _asking():
        page = _corpus(db).quotes(entity=entity, outlet=outlet, since=since, until=until, story=story_id,
                                  limit=limit, offset=offset)
    _emit([q.to_dict() for q in page.items], as_json, n(page.total, "statement"),
          ("date", "outlet", "speaker", "kind", "statement", "article", "story"),
          lambda r: (r["published"] or "undated", r["outlet"] or "unknown", r["speaker"] or r.get("speaker_text") or "",
                     r["kind"], r["content"], r["article_id"][:10], r["story"] or ""), page=page)


def search(query: str = typer.Argument(..., help='Words (all must appear), "a phrase", a OR b, -word, prefix*.'),
           db: str = DbOpt, as_json: bool = JsonOpt, limit: int = _limit(20), offset: int = OffsetOpt,
           outlet: Optional[str] = OutletOpt, since: Optional[str] = SinceOpt, until: Optional[str] = UntilOpt,
           entity: Optional[str] = EntityOpt):
    """Full-text search over normalized Arabic (فايز finds فائز, والسراج finds السراج). Words must all appear;
    "a phrase" keeps words together; OR between words takes either; -word (or NOT word) leaves articles out;
    word* is a prefix; parentheses group.

    Example: marsad search 'الورشفاني OR الهوني -موسكو' --db news.db --since 2024-02-01"""
    with _asking():
        page = _corpus(db).search(query, outlet=outlet, since=since, until=until, entity=entity, limit=limit,
                                  offset=offset)
    _emit([h.to_dict() for h in page.items], as_json, f"search: {query} ({n(page.total, 'article')})",
          ("article", "date", "outlet", "title", "snippet"),
          lambda r: (r["article_id"][:10], r["published"] or "", r["outlet"] or "unknown", r["title"] or "",
                     r["snippet"]), page=page)


def articles(db: str = DbOpt, as_json: bool = JsonOpt, limit: int = LimitOpt, offset: int = OffsetOpt,
             outlet: Optional[str] = OutletOpt, since: Optional[str] = SinceOpt, until: Optional[str] = UntilOpt,
             entity: Optional[str] = EntityOpt):
    """Articles, latest first: id, date, outlet, title.

    Example: marsad articles --outlet "الوطن الحر" --since 2024-02-01 --entity الهوني"""
    with _asking():
        page = _corpus(db).articles(outlet=outlet, since=since, until=until, entity=entity, limit=limit,
                                    offset=offset)
    _emit([a.to_dict() for a in page.items], as_json, n(page.total, "article"), ("id", "date", "outlet", "title"),
          lambda r: (r["id"], r["published"] or "", r["outlet"] or "unknown", r["title"] or ""), page=page)


def outlets(db: str = DbOpt, as_json: bool = JsonOpt):
    """Outlets: articles, first and last day, the share of their text that is their own, wire articles; the names
    `--outlet` takes (marsad.toml [outlets] maps a dump's codes to them).

    Example: marsad outlets --db news.db"""
    with _asking():
        found = _corpus(db).outlets()
    named = sum(1 for o in found if o.outlet)
    title = n(named, "outlet") + (" and articles of unknown outlet" if named < len(found) else "")
    _emit([o.to_dict() for o in found], as_json, title,
          ("outlet", "articles", "from", "to", "own text", "wire"),
          lambda r: (r["outlet"] or "unknown", f"{r['articles']:,}", r["first_seen"] or "undated",
                     r["last_seen"] or "undated",
                     f"{r['original_share']:.0%}" if r["original_share"] is not None else "",
                     f"{r['wire_articles']:,}"))


def show(doc_id: str = typer.Argument(..., help="Article id (a unique prefix is enough)."), db: str = DbOpt,
         as_json: bool = JsonOpt, raw: bool = typer.Option(False, "--raw", help="Print the stored raw bytes.")):
    """One article: metadata, clean body, entities, quotes, times.

    Example: marsad show 0b802b1f04 --db news.db · marsad show snn-20150721-0905 · marsad show https://… --raw"""
    corpus_ = _corpus(db)
    with _asking():
        if raw:
            sys.stdout.buffer.write(corpus_.raw(doc_id))
            return
        d = corpus_.article(doc_id).to_dict()
    if as_json:
        _print_json(d)
        return
    print_document(out, d)


def templates(db: str = DbOpt, as_json: bool = JsonOpt,
              outlet: Optional[str] = OutletOpt):
    """What was learned of each outlet's boilerplate: pages counted, lines now removed from its articles.

    Example: marsad templates --db news.db --outlet "بوابة النيل"
    """
    corpus_ = _corpus(db)
    with _asking():
        outlet = corpus_.outlet_name(outlet) if outlet else None
    _emit([t.to_dict() for t in corpus_.templates(outlet)], as_json, "outlet templates",
          ("outlet", "pages", "boilerplate lines"),
          lambda r: (r["outlet"], f"{r['pages']:,}", f"{r['boilerplate_lines']:,}"))


def errors(db: str = DbOpt, as_json: bool = JsonOpt, limit: int = _limit(200),
           offset: int = OffsetOpt):
    """Inputs that failed or were flagged, with the reason; their bytes are kept when small.

    Example: marsad errors --db news.db --json"""
    with _asking():
        rows = _corpus(db).errors(limit=limit, offset=offset)
    _emit([e.to_dict() for e in rows], as_json, "errors and warnings", ("kind", "input", "reason"),
          lambda r: (r["kind"], _where(r["source"], r["locator"]), r["message"]))


def _where(source: str, locator: str | None) -> str:
    """"crawl.jsonl:63", not "crawl.jsonl:63 · line 63": a locator the input's name already carries is said once."""
    if not locator or locator in source or locator.replace("line ", ":") in source:
        return source
    return f"{source} ({locator})"


def digest(db: str = DbOpt, stories_n: int = typer.Option(8, "--stories", help="How many stories to show.", min=1,
                                                           max=1000), as_json: bool = JsonOpt):
    """A readable digest of the corpus: top stories with outlets and statements, top entities.

    Example: marsad digest --db news.db --stories 5"""
    d = _corpus(db).digest(stories_n)
    if as_json:
        _print_json(d.to_dict())
        return
    print_digest(out, d, _shown(db))
