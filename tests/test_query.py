"""The query layer (marsad.open) on the demo corpus, and the CLI commands that print it: filters, pagination,
single reads, and refusals with a message instead of a traceback."""

from __future__ import annotations

import json

import pytest

import marsad
from marsad.arabic.normalize import normalize
from marsad.query import NotFound


@pytest.fixture(scope="module")
def corpus(demo_db):
    with marsad.open(str(demo_db)) as c:
        yield c


def test_stories_filter_by_date_outlet_and_entity_and_page(corpus):
    everything = corpus.stories(limit=100)
    assert everything.total == len(everything.items) >= 14
    march = corpus.stories(since="2024-03-01", limit=100).items
    assert march and all(s.last_seen >= "2024-03-01" for s in march)
    assert len(march) < everything.total
    february = corpus.stories(until="2024-02-10", limit=100).items
    assert all(s.first_seen <= "2024-02-10" for s in february)
    nile = corpus.stories(outlet="بوابة النيل", limit=100).items
    assert nile and all("بوابة النيل" in s.outlets for s in nile)
    marshal = corpus.stories(entity="الورشفانى", limit=100).items          # any spelling of his name
    assert marshal and "المشير الورشفاني" in marshal[0].title
    pages = [corpus.stories(limit=4, offset=o).items for o in range(0, everything.total, 4)]
    assert [s.id for p in pages for s in p] == [s.id for s in everything.items]


def test_one_story_comes_with_its_articles_in_full(corpus, cli, demo_db):
    first = corpus.stories(limit=1).items[0]
    detail = corpus.story(first.id)
    assert [a.id for a in detail.articles] == first.articles
    shown = json.loads(cli("story", first.id, "--db", demo_db, "--json").stdout)
    assert shown["id"] == first.id and shown["summary"] == first.summary
    assert all(set(a) == {"id", "title", "outlet", "published"} for a in shown["articles"])
    with pytest.raises(NotFound):
        corpus.story("s-0000000000")


def test_quotes_filter_by_entity_outlet_dates_and_story(corpus):
    by_him = corpus.quotes(entity="فايق الهونى", limit=200)
    assert by_him.total >= 5 and {normalize(q.speaker) for q in by_him.items} == {normalize("فائق الهوني")}
    one_outlet = corpus.quotes(entity="فايق الهونى", outlet="الوطن الحر", limit=200).items
    assert one_outlet and all(q.outlet == "الوطن الحر" for q in one_outlet) and len(one_outlet) < by_him.total
    late = corpus.quotes(since="2024-03-10", until="2024-03-15", limit=500).items
    assert late and all("2024-03-10" <= q.published <= "2024-03-15" for q in late)
    story = corpus.stories(limit=1).items[0]
    inside = corpus.quotes(story=story.id, limit=500).items
    assert inside and {q.article_id for q in inside} <= set(story.articles)


def test_entities_duplicates_and_provenance(corpus):
    people = corpus.entities(type="per", limit=5).items
    assert [e.type for e in people] == ["PER"] * 5
    assert people[0].articles >= people[-1].articles
    found = corpus.entity("كوزنتسوف")
    assert found.entity.canonical == "فاديم كوزنيتسوف" and found.quotes >= 1 and found.stories
    wire = corpus.duplicates(kind="wire").items
    assert wire and all(p.kind == "wire" for p in wire)
    some = wire[0].b
    mine = corpus.duplicates(article=some[:10]).items
    assert mine and all(some in (p.a, p.b) for p in mine)
    prov = corpus.provenance(some[:10])
    assert prov.article_id == some and prov.sources and prov.originality < 1


@pytest.mark.parametrize("call, message", [
    (lambda c: c.stories(since="5 February"), "YYYY-MM-DD"),
    (lambda c: c.stories(since="2024-03-01", until="2024-02-01"), "after"),
    (lambda c: c.duplicates(kind="copy"), "kind must be one of"),
    (lambda c: c.entities(type="PERSON"), "type must be one of"),
    (lambda c: c.quotes(limit=-1), "limit"),
    (lambda c: c.search("النفط OR"), "both sides"),
])
def test_bad_arguments_are_refused_with_a_message(corpus, call, message):
    with pytest.raises(ValueError, match=message):
        call(corpus)


def test_unknown_ids_are_not_found(corpus):
    with pytest.raises(NotFound, match="no single article"):
        corpus.provenance("ffffffffff")
    with pytest.raises(NotFound):
        corpus.entity("اسم لا يعرفه أحد")


def test_search_syntax_on_the_cli(cli, demo_db):
    def ids(*args):
        return {h["article_id"] for h in json.loads(cli("search", *args, "--db", demo_db, "--json",
                                                         "--limit", "200").stdout)}

    marshal, premier = ids("الورشفاني"), ids("الهوني")
    assert ids("الورشفاني OR الهوني") == marshal | premier
    assert ids("الورشفاني -الهوني") == marshal - premier
    assert ids("الورشفاني", "--outlet", "دجلة 24") < marshal
    assert ids('"مذكرة التفاهم"') <= ids("مذكرة التفاهم")
    bad = cli("search", '"مذكرة التفاهم', "--db", demo_db, ok=False)
    assert bad.exit_code == 2 and "quotation mark" in bad.stderr and "Traceback" not in bad.output
    assert cli("stories", "--since", "yesterday", "--db", demo_db, ok=False).exit_code == 2


def test_the_digest_reads_like_the_stories_listing(corpus):
    digest = corpus.digest(stories=3)
    assert [s.id for s in digest.stories] == [s.id for s in corpus.stories(limit=3).items]
    assert digest.stats["documents"] == 86 and digest.people[0].type == "PER"
