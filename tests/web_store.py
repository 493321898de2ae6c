"""A store for the web tests: the demo corpus and one hostile article (markup and `javascript:` in every field a
page shows), ingested with the CLI as a user would."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.request import urlopen

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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(db: str, *options: str):
    """`marsad serve` on a free port, as a user starts it, in a session of its own: (base URL, process) once it
    answers. Stopped with Ctrl-C afterwards; what it printed must hold no traceback."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "marsad.cli", "serve", "--db", db, "--port", str(port), *options],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                with urlopen(base + "/api/stats", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    proc.kill()
                    raise AssertionError("marsad serve did not start:\n" + proc.communicate()[0]) from None
                time.sleep(0.2)
        yield base, proc
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            out, _ = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
    assert "Traceback" not in out, out
