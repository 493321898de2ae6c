"""The HTTP API on both store backends: the shapes of CONTRACT.md, paging and filters, messages for bad
requests (never a stack trace), the bearer token on writes, and ingest over HTTP as the CLI does it."""

from __future__ import annotations

import gzip
import json

import pytest
from fastapi.testclient import TestClient

from marsad.web.app import create_app

from .conftest import pg_schema
from .web_store import HOSTILE, build, serving

TOKEN = "s3cret-token"


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def url(request, tmp_path_factory, cli):
    folder = tmp_path_factory.mktemp("web")
    if request.param == "sqlite":
        yield build(cli, str(folder / "web.db"), folder)
        return
    for schema_url in pg_schema("w_"):
        yield build(cli, schema_url, folder)


@pytest.fixture(scope="module")
def client(url):
    with TestClient(create_app(url, token=TOKEN), raise_server_exceptions=False) as c:
        yield c


def ok(client, path: str, **params) -> dict:
    r = client.get(path, params=params)
    assert r.status_code == 200, (path, r.status_code, r.text[:500])
    assert r.headers["content-type"].startswith("application/json")
    return r.json()


def test_stats_and_listings_have_the_contract_shapes(client):
    stats = ok(client, "/api/stats")
    assert {"documents", "errors", "outlets", "stories", "storylines", "entities", "quotes"} <= set(stats)
    assert stats["documents"] == 87
    stories = ok(client, "/api/stories", limit=5)
    assert set(stories) == {"items", "total", "limit", "offset"} and stories["total"] == stats["stories"]
    s = stories["items"][0]
    assert {"id", "title", "articles", "outlets", "first_seen", "last_seen", "storyline", "summary", "timeline",
            "framing"} <= set(s)
    entity = ok(client, "/api/entities", type="PER", limit=3)["items"][0]
    assert {"entity_id", "canonical", "type", "aliases", "titles", "mentions", "articles"} <= set(entity)
    assert entity["type"] == "PER"
    quote = ok(client, "/api/quotes", limit=1)["items"][0]
    assert {"speaker", "speaker_entity_id", "speaker_text", "cue", "kind", "content", "start", "end"} <= set(quote)
    dup = ok(client, "/api/duplicates", limit=1)["items"][0]
    assert {"a", "b", "kind", "score", "shared_chars"} <= set(dup)


def test_paging_walks_every_item_once(client):
    total = ok(client, "/api/articles", limit=1)["total"]
    seen = []
    for offset in range(0, total, 20):
        seen += [a["id"] for a in ok(client, "/api/articles", limit=20, offset=offset)["items"]]
    assert len(seen) == len(set(seen)) == total == 87


def test_filters_by_outlet_date_and_entity_in_any_spelling(client):
    page = ok(client, "/api/articles", outlet="بوابة النيل", since="2024-02-06", until="2024-02-29", limit=100)
    assert page["total"] > 0
    assert all(a["outlet"] == "بوابة النيل" and "2024-02-06" <= a["published"][:10] <= "2024-02-29"
               for a in page["items"])
    with_yaa = ok(client, "/api/articles", entity="فائق الهوني", limit=100)["total"]
    with_alif_maqsura = ok(client, "/api/articles", entity="فايق الهونى", limit=100)["total"]
    assert with_yaa == with_alif_maqsura > 5
    narrowed = ok(client, "/api/search", q="ليبيا", entity="الهوني")
    assert 0 < narrowed["total"] < ok(client, "/api/search", q="ليبيا")["total"]


def test_story_entity_article_and_raw_bytes(client):
    story = ok(client, "/api/stories", limit=1)["items"][0]
    detail = ok(client, f"/api/stories/{story['id']}")
    assert detail["articles"] and {"id", "title", "outlet", "published"} <= set(detail["articles"][0])
    person = ok(client, "/api/entities", type="PER", limit=1)["items"][0]
    e = ok(client, f"/api/entities/{person['entity_id']}")
    assert e["canonical"] == person["canonical"] and e["stories"] and e["related"]
    by_name = ok(client, f"/api/entities/{person['canonical']}")
    assert by_name["entity_id"] == person["entity_id"]
    art = ok(client, f"/api/articles/{detail['articles'][0]['id']}")
    assert art["body"] and "entities" in art and "provenance" in art
    raw = client.get(f"/api/articles/{art['id']}/raw")
    assert raw.status_code == 200 and raw.content and raw.headers["content-type"] == "application/octet-stream"
    cov = ok(client, "/api/coverage", story=story["id"])
    assert sum(c["articles"] for c in cov["items"]) == len(detail["articles"])


def test_outlets_share_and_profile(client):
    outlets = ok(client, "/api/outlets")["items"]
    assert sum(o["articles"] for o in outlets) == 87
    assert all(0.0 <= o["original_share"] <= 1.0 for o in outlets)
    profile = ok(client, "/api/outlets/بوابة النيل")
    assert profile["agencies"] and profile["actors"] and "بوابة النيل" not in profile["agencies"]


@pytest.mark.parametrize("path,params,status,words", [
    ("/api/search", {"q": '"وقف إطلاق'}, 400, "quotation"),
    ("/api/search", {"q": "ليبيا OR"}, 400, "OR"),
    ("/api/search", {"q": "x" * 3000}, 400, "q"),
    ("/api/articles", {"limit": "abc"}, 400, "limit"),
    ("/api/articles", {"limit": 5000}, 400, "limit"),
    ("/api/articles", {"since": "2024-13-45"}, 400, "YYYY-MM-DD"),
    ("/api/stories", {"since": "2024-03-01", "until": "2024-01-01"}, 400, "after"),
    ("/api/entities", {"type": "ALIEN"}, 400, "type"),
    ("/api/stories/s-nothing", {}, 404, "s-nothing"),
    ("/api/articles/zzzz", {}, 404, "zzzz"),
    ("/api/entities/لا أحد بهذا الاسم", {}, 404, "لا أحد"),
    ("/api/nothing/here", {}, 404, "/api/nothing/here"),
])
def test_bad_requests_get_a_json_message_not_a_trace(client, path, params, status, words):
    r = client.get(path, params=params)
    assert r.status_code == status, r.text
    body = r.json()
    assert words.lower() in body["error"].lower()
    assert "Traceback" not in r.text and 'File "' not in r.text


def test_a_crash_is_a_500_with_a_message_and_no_trace(url):
    class Broken:
        def stats(self):
            raise RuntimeError("secret internals at /etc/passwd line 3")

        def close(self):
            pass

    with TestClient(create_app(url, corpus=Broken()), raise_server_exceptions=False) as c:
        r = c.get("/api/stats")
        page = c.get("/")
    assert r.status_code == 500 and "RuntimeError" in r.json()["error"]
    assert "/etc/passwd" not in r.text and "Traceback" not in r.text
    assert page.status_code == 500 and "/etc/passwd" not in page.text and 'dir="rtl"' in page.text


def test_static_files_and_path_traversal(client):
    assert client.get("/static/marsad.css").status_code == 200
    assert client.get("/static/vendor/chart.umd.min.js").status_code == 200
    for path in ("/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py", "/static/%2e%2e%2f%2e%2e/cli.py",
                 "/static/vendor/../../web/app.py", "/static//etc/passwd"):
        r = client.get(path)
        assert r.status_code == 404, path
        assert "create_app" not in r.text


def test_openapi_lists_the_api(client):
    spec = ok(client, "/openapi.json")
    for path in ("/api/stats", "/api/articles", "/api/stories/{story_id}", "/api/entities/{entity}", "/api/quotes",
                 "/api/duplicates", "/api/search", "/api/ingest"):
        assert path in spec["paths"], path
    assert client.get("/docs").status_code == 200


def test_hostile_text_comes_back_as_data(client):
    found = ok(client, "/api/search", q="الاتفاق قريب طرابلس")["items"]
    hit = next(h for h in found if h["title"] == HOSTILE["title"])
    art = ok(client, f"/api/articles/{hit['article_id']}")
    assert "<script>window.__pwned=3</script>" in art["body"] and art["outlet"] == HOSTILE["outlet"]


# -- writes ------------------------------------------------------------------------------------------------
ARTICLE = ("الرياض – أعلنت وزارة الصحة السعودية اليوم الأحد عن افتتاح مستشفى جديد في مدينة جدة بسعة 300 سرير،"
           " وقال وزير الصحة إن المستشفى سيخدم أكثر من مليون نسمة.\n")


def test_writes_need_the_token(client):
    body = ARTICLE.encode()
    assert client.post("/api/ingest", content=body).status_code == 401
    wrong = client.post("/api/ingest", content=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
    assert "token" in wrong.json()["error"]


def test_a_server_without_a_token_refuses_writes(url, monkeypatch):
    monkeypatch.delenv("MARSAD_TOKEN", raising=False)
    with TestClient(create_app(url), raise_server_exceptions=False) as c:
        r = c.post("/api/ingest", content=ARTICLE.encode(), headers={"Authorization": "Bearer anything"})
    assert r.status_code == 403 and "MARSAD_TOKEN" in r.json()["error"]


def test_ingest_over_http_stores_like_the_cli(client):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    before = ok(client, "/api/stats")["documents"]
    lines = [{"title": f"خبر رقم {i}", "text": ARTICLE + f"وأضاف أن العمل سيبدأ في المرحلة {i}.",
              "outlet": "صحيفة الاختبار", "published": "2024-04-0" + str(i)} for i in range(1, 4)]
    payload = gzip.compress("\n".join(json.dumps(x, ensure_ascii=False) for x in lines).encode() + b"\n{bad json\n")
    r = client.post("/api/ingest", params={"name": "../../etc/batch.jsonl.gz"}, content=payload, headers=auth)
    assert r.status_code == 200, r.text
    summary = r.json()
    assert summary["added"] == 3 and summary["failed"] == 1 and summary["name"] == "batch.jsonl.gz"
    assert any("JSON" in p["message"] or "json" in p["message"] for p in summary["problems"])
    assert ok(client, "/api/stats")["documents"] == before + 3
    assert ok(client, "/api/articles", outlet="صحيفة الاختبار")["total"] == 3
    again = client.post("/api/ingest", params={"name": "batch.jsonl.gz"}, content=payload, headers=auth).json()
    assert again["added"] == 0 and again["already_stored"] == 3


def test_ingest_refuses_what_it_cannot_take(url):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with TestClient(create_app(url, token=TOKEN, max_upload=1000), raise_server_exceptions=False) as c:
        big = c.post("/api/ingest", content=b"x" * 5000, headers=auth)
        empty = c.post("/api/ingest", content=b"", headers=auth)
        bad_date = c.post("/api/ingest", params={"published": "yesterday"}, content=ARTICLE.encode(), headers=auth)
        binary = c.post("/api/ingest", params={"name": "x.txt"}, content=bytes(range(256)) * 3, headers=auth)
    assert big.status_code == 413 and "larger" in big.json()["error"]
    assert empty.status_code == 400 and "empty" in empty.json()["error"]
    assert bad_date.status_code == 400 and "yesterday" in bad_date.json()["error"]
    assert binary.status_code == 200 and binary.json()["failed"] == 1 and binary.json()["added"] == 0


# -- the command --------------------------------------------------------------------------------------------
def test_serve_refuses_a_missing_store(cli, tmp_path):
    result = cli("serve", "--db", tmp_path / "none.db", ok=False)
    assert result.exit_code != 0 and "no database" in result.output


def test_serve_with_two_processes_answers_and_stops_cleanly(demo_db):
    import subprocess
    import time
    from urllib.request import urlopen

    with serving(str(demo_db), "--workers", "2") as (base, proc):
        with urlopen(f"{base}/api/stats", timeout=10) as r:
            assert json.loads(r.read())["documents"] == 86
    deadline, left = time.monotonic() + 15, ["?"]
    while left and time.monotonic() < deadline:
        left = subprocess.run(["pgrep", "-s", str(proc.pid)], capture_output=True, text=True).stdout.split()
        time.sleep(0.2)
    assert not left, f"server processes left behind: {left}"


def test_outlet_names_with_a_slash_and_upload_names_that_look_like_options(url, client):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    r = client.post("/api/ingest", params={"name": "--help", "outlet": "بي بي سي/عربي"}, content=ARTICLE.encode(),
                    headers=auth)
    assert r.status_code == 200 and r.json()["added"] == 1 and r.json()["name"] == "help", r.text
    profile = ok(client, "/api/outlets/بي بي سي/عربي")
    assert profile["outlet"] == "بي بي سي/عربي" and profile["articles"] == 1
    page = client.get("/outlets/بي بي سي/عربي")
    assert page.status_code == 200 and "بي بي سي/عربي" in page.text
    unknown = client.get("/api/coverage", params={"entity": "لا أحد بهذا الاسم"})   # said, not the corpus's coverage
    assert unknown.status_code == 404 and "لا أحد بهذا الاسم" in unknown.json()["error"]
    assert ok(client, "/api/coverage")["items"]


def test_pages_answer_with_arabic_counts_and_statement_pages(client):
    person = ok(client, "/api/entities", type="PER", limit=1)["items"][0]
    page = client.get("/quotes", params={"entity": person["entity_id"]})
    assert page.status_code == 200 and person["canonical"] in page.text and "تصريح" in page.text
    story = ok(client, "/api/stories", limit=1)["items"][0]
    assert client.get("/quotes", params={"story": story["id"], "page": 99}).status_code == 200
    from marsad.web.render import count

    home = client.get("/")
    assert count(ok(client, "/api/stats")["documents"], "article") in home.text and "مواقع" in home.text
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs.text
    import re

    assert set(re.findall(r"https?://([^/\"']+)", docs.text)) == {"testserver"}    # nothing from elsewhere
