"""The right-to-left Arabic pages: each route gathers what one page shows from the query layer and renders it.

The routes are plain functions (FastAPI runs them in its thread pool: the store's reads block). Paging is by
`page` number; every filter is a query parameter, so a page's address is what a person bookmarks or sends.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from ..query import NotFound, QuerySyntaxError
from .charts import coverage_chart
from .marks import paragraphs
from .render import render

router = APIRouter(include_in_schema=False)
PER_PAGE = 20
HOME_DAYS = 14
Text = Annotated[str | None, Query(max_length=500)]
PageNo = Annotated[int, Query(ge=1, le=100_000)]


def _corpus(request: Request):
    return request.app.state.corpus


def _pager(request: Request, page: int, total: int, per_page: int = PER_PAGE, noun: str = "result") -> dict:
    """Links to the previous and next pages (and back to the first from past the last), keeping every other
    parameter of the address; `noun` counts the total in Arabic (render.NOUNS)."""
    params = {k: v for k, v in request.query_params.items() if k != "page" and v}
    pages = max(1, -(-total // per_page))

    def link(n: int) -> str | None:
        return f"{request.url.path}?{urlencode({**params, 'page': n})}" if 1 <= n <= pages and n != page else None

    return {"page": page, "pages": pages, "total": total, "prev": link(min(page - 1, pages)),
            "next": link(page + 1), "first": link(1), "noun": noun}


@router.get("/", response_class=HTMLResponse)
def home(request: Request):
    corpus = _corpus(request)
    latest = corpus.latest_day()
    since = (dt.date.fromisoformat(latest) - dt.timedelta(days=HOME_DAYS - 1)).isoformat() if latest else None
    stories = corpus.stories(since=since, limit=12).items
    if not stories:
        since, stories = None, corpus.stories(limit=12).items
    chart_since = (dt.date.fromisoformat(latest) - dt.timedelta(days=59)).isoformat() if latest else None
    return render(request, "home.html", stats=corpus.stats(), stories=stories, latest=latest, since=since,
                  people=corpus.entities(type="PER", limit=12).items,
                  orgs=corpus.entities(type="ORG", limit=12).items,
                  coverage=coverage_chart(corpus.coverage(since=chart_since)), chart_since=chart_since)


@router.get("/stories", response_class=HTMLResponse)
def stories(request: Request, since: Text = None, until: Text = None, outlet: Text = None, entity: Text = None,
            page: PageNo = 1):
    found = _corpus(request).stories(since=since, until=until, outlet=outlet, entity=entity, limit=PER_PAGE,
                                     offset=(page - 1) * PER_PAGE)
    return render(request, "stories.html", stories=found.items,
                  paging=_pager(request, page, found.total, noun="story"),
                  filters={"since": since, "until": until, "outlet": outlet, "entity": entity})


def _statements_by_speaker(quotes) -> list[tuple[str, list]]:
    groups: OrderedDict[str, list] = OrderedDict()
    for q in quotes:
        groups.setdefault(q.speaker or q.speaker_text or "متحدث غير محدد", []).append(q)
    return sorted(groups.items(), key=lambda kv: -len(kv[1]))


def _framing_table(framing: list[dict]) -> dict:
    """Actors × outlets: what each outlet calls each actor (descriptors, most used first)."""
    outlets = sorted({f["outlet"] for f in framing if f.get("outlet")})
    actors: OrderedDict[str, dict] = OrderedDict()
    for f in sorted(framing, key=lambda f: -f.get("count", 0)):
        row = actors.setdefault(f["entity_id"], {"entity_id": f["entity_id"], "canonical": f["canonical"],
                                                 "cells": {}})
        row["cells"].setdefault(f.get("outlet"), []).extend(f.get("descriptors") or [])
    return {"outlets": outlets, "actors": list(actors.values())}


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, story_id: str):
    corpus = _corpus(request)
    detail = corpus.story(story_id)
    s = detail.story
    outlet_of = {a.id: a.outlet for a in detail.articles}
    quotes = corpus.quotes(story=s.id, limit=300)
    line = corpus.stories(storyline=s.storyline, limit=12).items if s.storyline else []
    return render(request, "story.html", story=s, articles=detail.articles, outlet_of=outlet_of,
                  speakers=_statements_by_speaker(quotes.items), n_quotes=quotes.total,
                  framing=_framing_table(s.framing), storyline=[x for x in line if x.id != s.id],
                  coverage=coverage_chart(corpus.coverage(story=s.id)))


@router.get("/entities", response_class=HTMLResponse)
def entities(request: Request, type: Text = None, name: Text = None, page: PageNo = 1):  # noqa: A002
    found = _corpus(request).entities(type=type or None, name=name, limit=PER_PAGE * 2,
                                      offset=(page - 1) * PER_PAGE * 2)
    return render(request, "entities.html", entities=found.items, type=type, name=name,
                  paging=_pager(request, page, found.total, PER_PAGE * 2, noun="name"))


@router.get("/entities/{entity}", response_class=HTMLResponse)
def entity(request: Request, entity: str):
    corpus = _corpus(request)
    detail = corpus.entity(entity)
    e = detail.entity
    statements = corpus.quotes(entity=e.entity_id, limit=60)
    return render(request, "entity.html", e=e, stories=detail.stories, statements=statements.items,
                  n_statements=statements.total, related=corpus.related(e.entity_id),
                  coverage=coverage_chart(corpus.coverage(entity=e.entity_id)))


@router.get("/quotes", response_class=HTMLResponse)
def quotes(request: Request, entity: Text = None, story: Text = None, outlet: Text = None, since: Text = None,
           until: Text = None, page: PageNo = 1):
    """Statements in the order they were published, paged: of a person, of a story, of an outlet."""
    corpus = _corpus(request)
    found = corpus.quotes(entity=entity, story=story, outlet=outlet, since=since, until=until, limit=PER_PAGE,
                          offset=(page - 1) * PER_PAGE)
    who = corpus.entity(entity).entity if entity else None
    about = corpus.story(story).story if story else None
    return render(request, "quotes.html", quotes=found.items, who=who, about=about,
                  paging=_pager(request, page, found.total, noun="quote"),
                  filters={"entity": entity, "story": story, "outlet": outlet, "since": since, "until": until})


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request, outlet: Text = None, since: Text = None, until: Text = None, entity: Text = None,
             page: PageNo = 1):
    found = _corpus(request).articles(outlet=outlet, since=since, until=until, entity=entity, limit=PER_PAGE,
                                      offset=(page - 1) * PER_PAGE)
    return render(request, "articles.html", articles=found.items,
                  paging=_pager(request, page, found.total, noun="article"),
                  filters={"outlet": outlet, "since": since, "until": until, "entity": entity})


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: str):
    corpus = _corpus(request)
    doc = corpus.article(article_id)
    prov = corpus.provenance(doc.id)
    sources = {s["article_id"]: s for s in prov.sources if isinstance(s, dict) and s.get("article_id")}
    refs = {a.id: a for a in corpus.store.articles(list(sources))} if sources else {}
    return render(request, "article.html", doc=doc, paras=paragraphs(doc, prov.paragraphs), prov=prov, refs=refs,
                  duplicates=corpus.duplicates(article=doc.id, limit=50).items,
                  removed=sum(1 for ln in doc.lines if ln.role == "boilerplate"))


@router.get("/articles/{article_id}/removed", response_class=HTMLResponse)
def removed(request: Request, article_id: str):
    """What cleaning took out of the page (site chrome) and the reader comments, read again from the raw bytes."""
    from .reread import removed_lines

    corpus = _corpus(request)
    doc = corpus.article(article_id)
    return render(request, "removed.html", doc=doc, lines=removed_lines(corpus, doc))


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: Annotated[str, Query(max_length=2000)] = "", outlet: Text = None,
           since: Text = None, until: Text = None, entity: Text = None, page: PageNo = 1):
    corpus = _corpus(request)
    form = {"q": q, "outlet": outlet or "", "since": since or "", "until": until or "", "entity": entity or ""}
    outlets = [o.outlet for o in corpus.outlets() if o.outlet]
    if not q.strip():
        return render(request, "search.html", form=form, hits=None, outlets=outlets)
    try:
        found = corpus.search(q, outlet=outlet, since=since, until=until, entity=entity, limit=PER_PAGE,
                              offset=(page - 1) * PER_PAGE)
    except (QuerySyntaxError, ValueError) as exc:
        return render(request, "search.html", 400, form=form, hits=None, outlets=outlets, error=str(exc))
    return render(request, "search.html", form=form, hits=found.items, outlets=outlets,
                  paging=_pager(request, page, found.total))


@router.get("/outlets", response_class=HTMLResponse)
def outlets(request: Request):
    return render(request, "outlets.html", outlets=_corpus(request).outlets())


@router.get("/outlets/{name:path}", response_class=HTMLResponse)
def outlet(request: Request, name: str, page: PageNo = 1):
    corpus = _corpus(request)
    profile = corpus.outlet(name)
    found = corpus.articles(outlet=name, limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
    return render(request, "outlet.html", o=profile, articles=found.items,
                  paging=_pager(request, page, found.total, noun="article"),
                  coverage=coverage_chart(corpus.coverage(outlet=name)))


__all__ = ["router", "NotFound"]
