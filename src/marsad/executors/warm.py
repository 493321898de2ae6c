"""Imported into the fork server when it starts (after forkserver_lifeline): the per-document stages load their
models, word lists and patterns there, once, by analysing one short article, and every worker forked from it
starts with them.

Why: each worker used to load them itself on its first document (about 1 s, and a private copy per worker), and
a pool made again (a worker that died, each test that starts one) loaded them again. Forked from a loaded server,
the workers share those pages copy-on-write until they write to them; the objects are frozen out of the cycle
collector (`gc.freeze`), whose passes would otherwise write to every object header and copy the pages anyway.
Nothing here is needed for correctness: if the warm-up fails, workers load what they use as before.
"""

from __future__ import annotations

import gc

# Written for the warm-up (a dateline, a minister, a statement, dates, places, a body): it makes every stage load
# what it reads.
ARTICLE = """الرياض – واس
أعلن وزير الخارجية عادل الجبير يوم الأحد 2 أغسطس 2015 أن المملكة ستواصل دعمها للحكومة اليمنية الشرعية.
وقال الجبير في مؤتمر صحفي مع نظيره المصري سامح شكري: «نحن ملتزمون بأمن المنطقة واستقرارها».
وأضاف أن الاجتماع المقبل لجامعة الدول العربية سيعقد في القاهرة الأسبوع المقبل، مشيراً إلى أن الرياض
تتابع التطورات في صنعاء وعدن منذ بداية شهر رمضان الماضي.
"""


def warm() -> bool:
    """Analyse the article once, then freeze what was loaded. False when that failed (nothing is lost)."""
    try:
        import numpy  # noqa: F401 - loaded before the limit (see local._init_worker)
        from threadpoolctl import threadpool_limits

        from ..pipeline import make_document, process_many

        threadpool_limits(1)           # the workers run one BLAS thread each; the server needs no more
        process_many([make_document(ARTICLE.encode(), source="warm-up", fmt="text")])
    except Exception:  # noqa: BLE001 - a warm-up that fails costs the workers their loading time, nothing else
        return False
    finally:
        gc.collect()
        gc.freeze()
    return True


warm()
