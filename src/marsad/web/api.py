"""JSON under /api/: the shapes of CONTRACT.md, each listing as {"items", "total", "limit", "offset"}.

Every route is a thin call of the query layer, which checks its arguments and raises ValueError (400) or
NotFound (404) with a message; nothing here builds SQL.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response

from .upload import ingest_upload

router = APIRouter(prefix="/api", tags=["api"])

Limit = Annotated[int, Query(ge=0, le=1000, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip.")]
Day = Annotated[str | None, Query(description="A day, YYYY-MM-DD (both ends included).", max_length=32)]
Text = Annotated[str | None, Query(max_length=500)]


def _corpus(request: Request):
    return request.app.state.corpus


@router.get("/stats", summary="Counts of what the store holds")
def stats(request: Request) -> dict:
    return _corpus(request).stats()


@router.get("/articles", summary="Articles, latest first")
def articles(request: Request, outlet: Text = None, since: Day = None, until: Day = None, entity: Text = None,
             limit: Limit = 50, offset: Offset = 0) -> dict:
    return _corpus(request).articles(outlet=outlet, since=since, until=until, entity=entity, limit=limit,
                                     offset=offset).to_dict()


@router.get("/articles/{article_id}", summary="One article with its analysis and provenance")
def article(request: Request, article_id: str) -> dict:
    corpus = _corpus(request)
    doc = corpus.article(article_id)
    return {**doc.to_dict(), "provenance": corpus.provenance(doc.id).to_dict()}


@router.get("/articles/{article_id}/raw", summary="The bytes the article was read from, as they came",
            response_class=Response)
def article_raw(request: Request, article_id: str) -> Response:
    corpus = _corpus(request)
    doc = corpus.article(article_id)
    return Response(corpus.raw(doc.id), media_type="application/octet-stream",
                    headers={"Content-Disposition": f'attachment; filename="{doc.id}.{doc.format or "bin"}"'})


@router.get("/stories", summary="Stories, largest first")
def stories(request: Request, since: Day = None, until: Day = None, outlet: Text = None, entity: Text = None,
            storyline: Text = None, limit: Limit = 50, offset: Offset = 0) -> dict:
    return _corpus(request).stories(since=since, until=until, outlet=outlet, entity=entity, storyline=storyline,
                                    limit=limit, offset=offset).to_dict()


@router.get("/stories/{story_id}", summary="One story with its articles")
def story(request: Request, story_id: str) -> dict:
    return _corpus(request).story(story_id).to_dict()


@router.get("/storylines", summary="Storylines: stories that follow one another over months")
def storylines(request: Request, limit: Limit = 50, offset: Offset = 0) -> dict:
    return _corpus(request).storylines(limit=limit, offset=offset).to_dict()


@router.get("/entities", summary="People, organizations and places, most covered first")
def entities(request: Request, type: Literal["PER", "ORG", "LOC", "MISC"] | None = None,  # noqa: A002
             name: Text = None, limit: Limit = 50, offset: Offset = 0) -> dict:
    return _corpus(request).entities(type=type, name=name, limit=limit, offset=offset).to_dict()


@router.get("/entities/{entity}", summary="One entity (by id or any spelling of its name)")
def entity(request: Request, entity: str) -> dict:
    corpus = _corpus(request)
    found = corpus.entity(entity)
    related = [{"entity_id": e.entity_id, "canonical": e.canonical, "type": e.type, "shared_articles": n}
               for e, n in corpus.related(found.entity.entity_id)]
    return {**found.to_dict(), "related": related}


@router.get("/quotes", summary="Statements, earliest first")
def quotes(request: Request, entity: Text = None, outlet: Text = None, since: Day = None, until: Day = None,
           story: Text = None, limit: Limit = 50, offset: Offset = 0) -> dict:
    return _corpus(request).quotes(entity=entity, outlet=outlet, since=since, until=until, story=story,
                                   limit=limit, offset=offset).to_dict()


@router.get("/duplicates", summary="Pairs of articles that share text")
def duplicates(request: Request, kind: Literal["exact", "near", "wire"] | None = None, article: Text = None,
               limit: Limit = 100, offset: Offset = 0) -> dict:
    return _corpus(request).duplicates(kind=kind, article=article, limit=limit, offset=offset).to_dict()


@router.get("/search", summary="Search: words, \"a phrase\", OR, -word, prefix*")
def search(request: Request, q: Annotated[str, Query(max_length=2000)], outlet: Text = None, since: Day = None,
           until: Day = None, entity: Text = None, limit: Limit = 20, offset: Offset = 0) -> dict:
    return _corpus(request).search(q, outlet=outlet, since=since, until=until, entity=entity, limit=limit,
                                   offset=offset).to_dict()


@router.get("/outlets", summary="Outlets with their articles and the share of their own text")
def outlets(request: Request) -> dict:
    found = _corpus(request).outlets()
    return {"items": [o.to_dict() for o in found], "total": len(found)}


@router.get("/outlets/{name:path}", summary="One outlet: agencies it uses, how it names the people it covers")
def outlet(request: Request, name: str) -> dict:
    return _corpus(request).outlet(name).to_dict()


@router.get("/coverage", summary="Dated articles per day and outlet")
def coverage(request: Request, outlet: Text = None, since: Day = None, until: Day = None, entity: Text = None,
             story: Text = None) -> dict:
    found = _corpus(request).coverage(outlet=outlet, since=since, until=until, entity=entity, story=story)
    return {"items": [c.to_dict() for c in found], "total": len(found)}


router.add_api_route("/ingest", ingest_upload, methods=["POST"], summary="Ingest one file (bearer token)",
                     description="The request body is the file: text, HTML, WARC or JSON Lines, gzipped or not. "
                                 "Needs `Authorization: Bearer $MARSAD_TOKEN`.")
