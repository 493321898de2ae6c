"""The README's screenshots: the largest story, the person most in the news and one of their articles, on a
store of the demo corpus, in Debian's chromium (as the browser tests drive it).

    python scripts/screenshots.py [--db demo.db] [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.request import urlopen

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def _get(base: str, path: str):
    with urlopen(base + path, timeout=10) as r:
        return json.loads(r.read())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default="demo.db")
    ap.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    a = ap.parse_args()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "marsad.cli", "serve", "--db", a.db, "--port", str(port)])
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                _get(base, "/api/stats")
                break
            except OSError:
                time.sleep(0.2)
        story = _get(base, "/api/stories?limit=1")["items"][0]
        person = _get(base, "/api/entities?type=PER&limit=1")["items"][0]
        article = _get(base, f"/api/articles?entity={person['entity_id']}&limit=1")["items"][0]
        shots = {"home": "/", "story": f"/stories/{story['id']}", "entity": f"/entities/{person['entity_id']}",
                 "article": f"/articles/{article['id']}", "search": "/search?q=الهونى",
                 "story-phone": f"/stories/{story['id']}"}
        from playwright.sync_api import sync_playwright

        a.out.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=a.chromium, args=ARGS)
            for name, path in shots.items():
                size = {"width": 390, "height": 844} if name.endswith("phone") else {"width": 1280, "height": 900}
                page = browser.new_page(viewport=size, locale="ar")
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(a.out / f"{name}.png"))
                page.close()
                print(a.out / f"{name}.png")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
