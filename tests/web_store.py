"""A store for the web tests: the demo corpus and one hostile article (markup and `javascript:` in every field a
page shows), ingested with the CLI as a user would."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import DEMO

HOSTILE = {
    "id": "hostile-1",
    "title": "<script>window.__pwned=1</script> الرئيس يزور <b>القاهرة</b>",
    "outlet": "<img src=x onerror=\"window.__pwned=2\">منفذ",
    "published": "2024-03-01",
    "url": "javascript:window.__pwned=5",
    "text": "القاهرة – قال رئيس الحكومة فايق الهوني يوم الجمعة إن \"<script>window.__pwned=3</script> الاتفاق "
            "قريب\".\n\nوأضاف أن <a href=\"javascript:window.__pwned=4\">الحكومة</a> ستعلن التفاصيل الأسبوع "
            "المقبل في طرابلس.",
}


def hostile_file(folder: Path) -> Path:
    path = folder / "hostile.jsonl"
    path.write_text(json.dumps(HOSTILE, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def build(cli, url: str, folder: Path) -> str:
    cli("ingest", DEMO, hostile_file(folder), "--db", url, "--workers", "2")
    return url
