"""Linking from the batch (entities/relink.py): after every batch of names added and taken away, the links and the
table of where each name goes are what linking the whole store gives (entities/linking.py)."""

import random
from dataclasses import astuple

import pytest

from marsad.entities.catalog import link_batch
from marsad.entities.linking import link, link_names
from marsad.entities.relink import full_rows
from marsad.entities.roles import role_name
from marsad.pipeline import entity_id
from marsad.store import open_store

HEIR, DEPUTY_HEIR = ("ولي", "العهد"), ("ولي", "ولي", "العهد")
NAMES = [("PER", n) for n in (
    "محمد بن سلمان", "محمد بن سلمان بن عبدالعزيز", "محمد بن سلمان بن عبدالعزيز آل سعود", "سلمان بن عبدالعزيز",
    "سلمان", "محمد", "لافروف", "سيرغي لافروف", "سيرجي لافروف", "فايز السراج", "فائز السراج", "السراج",
    "خليفة حفتر", "حفتر", "المشير خليفة حفتر", "محمد بن نايف", "محمد بن نايف بن عبدالعزيز", "عادل الجبير",
    "الجبير", "خالد الفيصل", "سعود الفيصل", "الفيصل", "مقرن بن عبدالعزيز", "سلمان بن حمد آل خليفة",
    "أبو محمد الجولاني", "الجولاني", "محمد العلي", "محمد بن علي", role_name(HEIR, "2015-07"),
    role_name(HEIR, "2015-08"), role_name(DEPUTY_HEIR, "2015-08"), role_name(HEIR),
    role_name(("وزير", "الخارجيه")))] + [
    ("ORG", n) for n in ("حكومة الوفاق الوطني الليبية", "حكومة الوفاق الوطني", "وزارة الخارجية الروسية",
                         "وزارة الخارجية", "الأمم المتحدة", "الأمم المتحده")] + [
    ("LOC", n) for n in ("الرياض", "موسكو", "طرابلس")]
HOLDERS = [("محمد بن نايف", "ولي العهد الأمير", "", "2015-08"),
           ("محمد بن نايف بن عبدالعزيز", "ولي العهد", "", "2015-07"),
           ("مقرن بن عبدالعزيز", "ولي العهد", "", "2015-07"), ("محمد بن سلمان", "ولي ولي العهد", "", "2015-08"),
           ("محمد بن سلمان", "ولي العهد", "", "2016-09"), ("عادل الجبير", "وزير الخارجية", "", "2015-08")]


def _check(store, names: dict, holders: dict) -> None:
    rows = sorted((entity_id(t, c), t, c, n) for (t, c), n in names.items() if n > 0)
    held = sorted((*h, n) for h, n in holders.items() if n > 0)
    assert store.entity_links() == link(rows, entity_id, held)
    want = {astuple(r) for r in full_rows(link_names(rows, entity_id, held))}
    assert set(store._run("SELECT * FROM link_keys")) == want


def _batch(store, names: dict, holders: dict, added: list, roles: list) -> None:
    for (t, c), n in added:
        names[(t, c)] = names.get((t, c), 0) + n
    for h, n in roles:
        holders[h] = holders.get(h, 0) + n
    pending = sorted((entity_id(t, c), t, c, n) for (t, c), n in added)
    link_batch(store, store.max_seq(), pending, sorted((*h, n) for h, n in roles))
    assert store.links_ready()
    _check(store, names, holders)


def test_a_fuller_name_that_arrives_takes_its_short_forms_and_leaves_them_when_it_goes(store_url):
    store = open_store(store_url)
    names: dict = {}
    holders: dict = {}
    _batch(store, names, holders, [(("PER", "محمد بن سلمان"), 5), (("PER", "سلمان بن عبدالعزيز"), 3),
                                   (("PER", "لافروف"), 2), (("PER", "سيرغي لافروف"), 4)], [])
    links = store.entity_links()
    short = entity_id("PER", "محمد بن سلمان")
    assert links[short] == (short, "محمد بن سلمان")
    _batch(store, names, holders, [(("PER", "محمد بن سلمان بن عبدالعزيز آل سعود"), 6)], [])
    assert store.entity_links()[short] == (entity_id("PER", "محمد بن سلمان بن عبدالعزيز آل سعود"),
                                            "محمد بن سلمان بن عبدالعزيز آل سعود")
    _batch(store, names, holders, [(("PER", "محمد بن سلمان بن عبدالعزيز آل سعود"), -6)], [])
    assert store.entity_links()[short] == (short, "محمد بن سلمان")
    assert entity_id("PER", "محمد بن سلمان بن عبدالعزيز آل سعود") not in store.entity_links()


def test_an_open_role_follows_who_held_it_as_the_batches_count_him(store_url):
    store = open_store(store_url)
    names: dict = {("PER", "محمد بن نايف"): 0}
    holders: dict = {}
    heir = ("PER", role_name(HEIR, "2015-08"))
    _batch(store, names, holders, [(heir, 2), (("PER", "محمد بن نايف"), 4)], [])
    assert store.entity_links()[entity_id(*heir)][0] is None              # no one named as the heir yet
    _batch(store, names, holders, [], [(("محمد بن نايف", "ولي العهد الأمير", "", "2015-08"), 3)])
    assert store.entity_links()[entity_id(*heir)] == (entity_id("PER", "محمد بن نايف"), "محمد بن نايف")
    _batch(store, names, holders, [(("PER", "محمد بن نايف بن عبدالعزيز آل سعود"), 5)], [])
    assert store.entity_links()[entity_id(*heir)][1] == "محمد بن نايف بن عبدالعزيز آل سعود"   # his fuller name


def test_an_organization_named_with_its_country_joins_the_name_without_it_once_that_is_counted(store_url):
    store = open_store(store_url)
    names: dict = {}
    holders: dict = {}
    gna = ("ORG", "حكومة الوفاق الوطني الليبية")
    _batch(store, names, holders, [(gna, 3)], [])
    _batch(store, names, holders, [(("ORG", "حكومة الوفاق الوطني"), 5)], [])
    assert store.entity_links()[entity_id(*gna)][1] == "حكومة الوفاق الوطني"


@pytest.mark.parametrize("seed", range(8))
def test_random_batches_link_as_the_whole_store_does(store_url, seed):
    """Names and role holders added and taken away at random, 30 batches: after each, what the store keeps is a
    whole-store link's."""
    rng = random.Random(seed)
    store = open_store(store_url)
    names: dict = {}
    holders: dict = {}
    for _ in range(30):
        added = []
        for name in rng.sample(NAMES, rng.randint(1, 8)):
            have = names.get(name, 0)
            n = -rng.randint(1, have) if have and rng.random() < 0.3 else rng.randint(1, 4)
            added.append((name, n))
        roles = []
        for h in rng.sample(HOLDERS, rng.randint(0, 2)):
            have = holders.get(h, 0)
            roles.append((h, -have if have and rng.random() < 0.3 else rng.randint(1, 4)))
        _batch(store, names, holders, added, roles)


def _article(text: str, published: str, source: str, people: list[tuple[str, str | None]], speaker: str | None = None):
    """An analysed article whose person mentions are these (name, title), each once in order, and whose one
    statement is said by `speaker`."""
    from marsad.document import Entity, Quote
    from marsad.pipeline import analyze

    doc = analyze(text, published=published, source=source)
    doc.entities, doc.quotes, at = [], [], 0
    for name, title in people:
        doc.entities.append(Entity(name, at, at + len(name), "PER", name, title=title, canonical=name,
                                   entity_id=entity_id("PER", name)))
        at += len(name) + 1
    if speaker is not None:
        doc.quotes.append(Quote(speaker, entity_id("PER", speaker), speaker, "قال", "indirect", text[-20:],
                                len(text) - 20, len(text)))
    return doc


def _linked(store) -> list[tuple]:
    return store._run("SELECT doc_id, start, entity_id, canonical, local_entity_id FROM mentions ORDER BY 1, 2") + \
        store._run("SELECT doc_id, start, speaker_entity_id, local_speaker_id FROM quotes ORDER BY 1, 2")


def test_linked_mentions_and_speakers_move_with_their_names_link_from_unresolved_and_from_an_entity(store_url):
    """The mentions a batch's names move are found by the entity they had (or, unresolved, by the index of the
    unresolved ones): an heir no one was named as goes to the man named so that month, and a short name to the
    fuller one that arrives; the same as linking the whole store again."""
    from marsad.entities.catalog import link_stage

    from .conftest import stored

    heir = role_name(HEIR, "2015-08")
    text = "قال ولي العهد إن المملكة ماضية في الإصلاح الاقتصادي وإن الحكومة ستعلن برامج جديدة قريبا"
    store = open_store(store_url)
    stored(store, [_article(text, "2015-08-10", "a.txt", [(heir, None), ("محمد بن نايف", None)], speaker=heir)])
    link_stage(store)
    assert store.links_ready() and store.entity_links()[entity_id("PER", heir)][0] is None
    stored(store, [_article(text + " اليوم", "2015-08-12", "b.txt", [("محمد بن نايف", "ولي العهد الأمير")] * 3)])
    link_stage(store)
    prince = entity_id("PER", "محمد بن نايف")
    moved = [r for r in _linked(store) if len(r) == 5 and r[4] == entity_id("PER", heir)]
    assert moved and all(r[2] == prince for r in moved)
    assert store._run("SELECT speaker_entity_id FROM quotes") == [(prince,)]
    full = "محمد بن نايف بن عبدالعزيز آل سعود"
    stored(store, [_article(text + " غدا", "2015-08-14", "c.txt", [(full, None)] * 5)])
    link_stage(store)
    assert store._run("SELECT DISTINCT speaker_entity_id FROM quotes") == [(entity_id("PER", full),)]
    again = _linked(store)
    link_stage(store, full=True)
    assert _linked(store) == again
    store.close()
