"""The `marsad` command on the demo corpus: contract shapes, idempotence, exports, bad input and exit codes."""

from __future__ import annotations

import csv
import gzip
import json

import jsonschema
import pyarrow.parquet as pq
import pytest

from marsad.arabic.normalize import normalize

from .conftest import DEMO, SEEDS, json_lines


@pytest.mark.shared
def test_analyze_json_prints_one_contract_object_per_input(cli, schema):
    out = cli("analyze", *SEEDS, "--json").stdout
    docs = json_lines(out)
    assert len(docs) == len(SEEDS)
    for d in docs:
        jsonschema.validate(d, schema)


def test_ingest_of_the_demo_corpus_stores_every_article(demo_db, cli):
    stats = json.loads(cli("stats", "--db", demo_db, "--json").stdout)
    gold = json.loads((DEMO / "gold.json").read_text(encoding="utf-8"))
    assert stats["documents"] == len(gold["articles"]) == 86
    assert stats["errors"] == 0 and stats["outlets"] == 8
    assert stats["stories"] >= 10 and stats["entities"] > 100 and stats["quotes"] > 300
    assert set(stats) >= {"documents", "errors", "outlets", "stories", "storylines", "entities", "quotes"}


def test_ingesting_again_adds_nothing(demo_db, cli):
    before = json.loads(cli("stats", "--db", demo_db, "--json").stdout)
    result = cli("ingest", DEMO, "--db", demo_db, "--workers", "1")
    assert "0 added" in result.stderr and "86 already stored" in result.stderr
    assert json.loads(cli("stats", "--db", demo_db, "--json").stdout) == before


def test_stories_duplicates_entities_quotes_and_search_have_contract_shapes(demo_db, cli):
    stories = json.loads(cli("stories", "--db", demo_db, "--json").stdout)
    assert stories and set(stories[0]) >= {"id", "title", "articles", "outlets", "first_seen", "last_seen",
                                           "storyline", "summary", "timeline", "framing"}
    biggest = stories[0]
    assert len(biggest["articles"]) >= 5 and len(biggest["outlets"]) >= 4
    assert all(set(s) >= {"text", "article_id", "speaker"} for s in biggest["summary"])
    assert all(set(t) >= {"date", "text", "article_id"} for t in biggest["timeline"])
    assert all(set(f) >= {"entity_id", "canonical", "outlet", "descriptors", "count"} for f in biggest["framing"])

    dups = json.loads(cli("duplicates", "--db", demo_db, "--json").stdout)
    assert dups and {d["kind"] for d in dups} <= {"exact", "near", "wire"} and "exact" in {d["kind"] for d in dups}
    assert all(set(d) >= {"a", "b", "kind", "score", "shared_chars"} for d in dups)   # extended, not renamed

    ents = json.loads(cli("entities", "--db", demo_db, "--json", "--limit", "20").stdout)
    assert all(set(e) >= {"entity_id", "canonical", "type", "aliases", "titles", "mentions", "articles"} for e in ents)

    quotes = json.loads(cli("quotes", "--db", demo_db, "--json", "--entity", "فايق الهوني").stdout)
    assert len(quotes) >= 5          # every spelling of the prime minister's name: فائق / فايق / الهونى
    assert {normalize(q["speaker"]) for q in quotes} == {normalize("فائق الهوني")}

    hits = json.loads(cli("search", "فايق الهونى", "--db", demo_db, "--json").stdout)
    assert hits and set(hits[0]) >= {"article_id", "title", "outlet", "published", "snippet", "score"}
    assert "الهوني" in hits[0]["snippet"].replace("ى", "ي") or "الهونى" in hits[0]["snippet"]


def test_show_prints_an_article_and_its_exact_raw_bytes(demo_db, cli):
    gold = json.loads((DEMO / "gold.json").read_text(encoding="utf-8"))
    art = next(a for a in gold["articles"] if a["format"] == "text")
    shown = json.loads(cli("show", art["doc_id"][:10], "--db", demo_db, "--json").stdout)
    assert shown["id"] == art["doc_id"] and shown["outlet"] == art["outlet"]
    raw = cli("show", art["doc_id"], "--db", demo_db, "--raw").stdout_bytes
    assert raw == (DEMO / art["file"]).read_bytes()


def test_exports_in_all_three_formats(demo_db, cli, tmp_path):
    cli("export", "--db", demo_db, "--format", "jsonl", "--out", tmp_path / "all.jsonl")
    records = [json.loads(x) for x in (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) == 86 and all("url" in r and "entities" in r for r in records)
    cli("export", "--db", demo_db, "--format", "csv", "--out", tmp_path / "csv")
    with open(tmp_path / "csv" / "documents.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 86 and rows[0]["body"]
    with open(tmp_path / "csv" / "mentions.csv", encoding="utf-8") as fh:
        assert sum(1 for _ in csv.DictReader(fh)) > 500
    cli("export", "--db", demo_db, "--format", "parquet", "--out", tmp_path / "pq")
    assert pq.read_table(tmp_path / "pq" / "documents.parquet").num_rows == 86
    assert pq.read_table(tmp_path / "pq" / "quotes.parquet").num_rows > 300


def test_bad_inputs_are_recorded_the_batch_goes_on_and_the_exit_code_says_so(tmp_path, cli):
    good = ("أعلنت وزارة الصحة اليمنية تسجيل حالات جديدة من الكوليرا في الحديدة، وقال الوزير إن فرق الاستجابة "
            "انتشرت في المديريات الأكثر تضررا منذ مطلع الشهر.")
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text(good, encoding="utf-8")
    (inputs / "empty.txt").write_text("", encoding="utf-8")
    (inputs / "photo.txt").write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8)
    (inputs / "english.txt").write_text("The ministry reported new cholera cases in Hodeidah on Monday. " * 4,
                                        encoding="utf-8")
    (inputs / "dump.jsonl").write_text(json.dumps({"text": good + " (2)"}, ensure_ascii=False) + "\n{oops\n",
                                       encoding="utf-8")
    with gzip.open(inputs / "cut.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write((json.dumps({"text": good + " (3)"}, ensure_ascii=False) + "\n") * 400)
    data = (inputs / "cut.jsonl.gz").read_bytes()
    (inputs / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    db = tmp_path / "bad.db"
    result = cli("ingest", inputs, "--db", db, "--workers", "2", ok=False)
    assert result.exit_code == 1
    assert "failed" in result.stderr
    errors = json.loads(cli("errors", "--db", db, "--json").stdout)
    messages = " | ".join(e["message"] for e in errors)
    assert "empty file" in messages and "binary" in messages and "line 2: invalid JSON" in messages
    assert "truncated" in messages and "not Arabic" in messages
    stats = json.loads(cli("stats", "--db", db, "--json").stdout)
    assert stats["documents"] == 4      # good.txt, english.txt (flagged), the JSONL record, one gzip record …
