"""The fuzz suite at length: the properties of tests/test_fuzz.py with many more examples, mutating real
SaudiNewsNet records besides the demo corpus.

    python benchmarks/fuzz.py [--examples 3000]

The test command runs the same suite with a small budget; this runs it long enough to find rarer inputs
(about 10 minutes at the default on a 2-core machine). A failure prints the smallest input that breaks a
property, ready to become a regression test.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SNN = ROOT.parent / "shared" / "data" / "saudinewsnet" / "articles.jsonl.gz"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--examples", type=int, default=3000, help="Examples per property (the store's: a tenth).")
    args = ap.parse_args()
    env = {**os.environ, "MARSAD_FUZZ_EXAMPLES": str(args.examples), "PYTHONPATH": str(ROOT / "src")}
    if SNN.exists():
        env["MARSAD_FUZZ_REAL"] = str(SNN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_fuzz.py",
                           "--hypothesis-show-statistics"], cwd=ROOT, env=env)
    print(f"fuzz: {args.examples} examples per property, real records from "
          f"{'SaudiNewsNet and ' if SNN.exists() else ''}the demo corpus, {time.perf_counter() - started:.0f} s, "
          f"{'all properties held' if done.returncode == 0 else 'a property failed (above)'}")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
