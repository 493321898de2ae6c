"""Memory that does not grow with the corpus (issue 22, streaming): what a long ingest's processes keep between
batches and corpus passes. The figures are in benchmarks (scale.py, README); these tests check the behaviour
that keeps them flat, on realistic text, without timing or measuring anything."""

from __future__ import annotations

import subprocess
import sys

from marsad import memory, pipeline

from .conftest import DEMO

TEXT = ("قال وزير الخارجية الروسي سيرغي لافروف في موسكو يوم الاثنين 13 يناير 2020 إن المشير خليفة حفتر غادر دون "
        "التوقيع على اتفاق وقف إطلاق النار مع حكومة الوفاق الوطني الليبية، وأضاف أن المحادثات ستستمر الأسبوع "
        "المقبل في برلين بحضور ممثلين عن تركيا وروسيا والأمم المتحدة، بحسب ما نقلت وكالة إنترفاكس عن مصدر "
        "دبلوماسي مطلع على سير المفاوضات في العاصمة الروسية.")


def _analysis() -> list[str]:
    doc = pipeline.make_document(TEXT.encode("utf-8"), source="t", fmt="text")
    return [repr(vars(d)) for d in pipeline.process_many([doc])]


def test_release_empties_the_per_word_caches_and_keeps_the_models():
    """A corpus stage's caches put live entries in every memory arena it used, so the process could not give the
    stage's memory back; emptied, it can. The models (loaders cached with maxsize 1) stay loaded, and the
    analysis after a release is the analysis before it."""
    from marsad.arabic.normalize import normalize_word
    from marsad.arabic.segment import _NORM
    from marsad.entities.gazetteer import load
    from marsad.stories.weights import idf

    first = _analysis()
    idf("موسكو")
    assert normalize_word.cache_info().currsize and len(_NORM) and idf.cache_info().currsize
    assert load.cache_info().currsize == 1
    memory.release()
    assert normalize_word.cache_info().currsize == 0 and len(_NORM) == 0 and idf.cache_info().currsize == 0
    assert load.cache_info().currsize == 1
    assert _analysis() == first


def test_release_empties_the_caches_an_object_holds():
    """The tokenizer's and the tagger's per-word analyses live on objects, not modules, and held up to half a
    million and a million words (the tokenizer's in every worker, the tagger's in the stories stage): they are
    bounded like the others and emptied by a release too (with them, a 5,000-article pass left 395 arenas behind,
    296 without)."""
    from marsad.arabic.normalize import WORD_CACHE
    from marsad.arabic.segment import WordMemo
    from marsad.entities.recognize import default_recognizer
    from marsad.entities.tagger import default_tagger

    first = _analysis()
    default_tagger().feat.token("موسكو")              # the stories' dense vectors read words this way
    tokens, features = default_recognizer().tokenizer._cache, default_tagger().feat._cache
    assert len(tokens) and len(features)
    assert tokens.limit == features.limit == WORD_CACHE
    assert any(c is tokens for c in memory.word_caches()) and any(c is features for c in memory.word_caches())
    memory.release()
    assert len(tokens) == 0 and len(features) == 0
    assert _analysis() == first
    gone = WordMemo(len)
    gone["كلمة"]
    n = len(memory.word_caches())
    del gone
    assert len(memory.word_caches()) == n - 1          # the list of memos does not keep one alive


def test_the_corpus_stages_give_their_caches_back(cli, tmp_path):
    """An ingest in this process (one worker) analyses, then runs the corpus stages; what they cached per word
    is gone when the run ends, whatever it was before."""
    from marsad.arabic.normalize import normalize_word

    _analysis()
    cli("ingest", DEMO / "articles" / "dijla24", "--db", tmp_path / "store.db", "--workers", "1")
    assert normalize_word.cache_info().currsize == 0


def test_a_paragraph_is_not_kept_by_the_line_caches():
    """Menus and share labels recur on every page and are cached; a paragraph is new on every page, and caching
    each one grew a worker by 25 MB per 1,000 articles. A long line is still judged as before (a separator of
    any length is chrome)."""
    from marsad.clean import lexicon

    kept = lexicon._short_key.cache_info().currsize
    assert len(TEXT) > lexicon.CACHED_LINE
    assert lexicon.key(TEXT) == lexicon._key(TEXT) and lexicon._short_key.cache_info().currsize == kept
    assert not lexicon.is_chrome(TEXT)
    assert lexicon.is_chrome("الرئيسية | أخبار | رياضة | اقتصاد")
    assert lexicon._short_key.cache_info().currsize > kept
    assert lexicon.is_chrome("-" * 400) and lexicon.is_chrome("= " * 20)


def test_the_fork_server_starts_with_the_models_loaded():
    """Workers are forked from a server that analysed one article before forking any: they start with the models
    and share their pages, which the server keeps out of the cycle collector (a collection writes every object
    header it walks, and the pages would be copied anyway)."""
    code = ("import gc\nfrom marsad.executors import warm\nfrom marsad.entities.recognize import default_recognizer\n"
            "print(default_recognizer.cache_info().currsize, gc.get_freeze_count() > 0)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.split() == ["1", "True"]
