"""The README's tour is what the commands print (issue: a day with Marsad): its blocks drifted from the program
once; scripts/readme_tour.py writes them and this test fails when they disagree."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _tour():
    spec = importlib.util.spec_from_file_location("readme_tour", ROOT / "scripts" / "readme_tour.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_readme_tour_is_what_the_commands_print(demo_db):
    tour = _tour()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(tour.blocks(readme)) >= 10
    with tour.stage(demo_db) as folder:
        fresh = tour.render(readme, Path(folder))
    if fresh != readme:
        import difflib
        diff = "".join(difflib.unified_diff(readme.splitlines(True), fresh.splitlines(True), "README.md", "now"))
        raise AssertionError("the README's tour drifted; run `python scripts/readme_tour.py --db demo.db --write` "
                             f"after `bash scripts/demo.sh`:\n{diff[:4000]}")


def test_the_tour_abridges_as_its_marker_says():
    tour = _tour()
    text = "one\n┏━━┓\ntwo\nthree " + "و" * 200 + "\nfour\n"
    assert tour._abridge(text, {"lines": 2}) == ["one", "two", "…"]
    assert tour._abridge(text, {"from": "three", "width": 10}) == ["three ووو…", "four"]
    listing = '[{"a": [1, 2, 3]}, {"a": []}, {"a": [4]}]'
    assert tour._abridge(listing, {"items": 1}) == ['[{"a": [1, "…"]}', " … 2 more]"]
