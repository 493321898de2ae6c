# Sourced by scripts/demo.sh and scripts/test.sh: a virtual environment with every pinned dependency.
# Idempotent: a second run finds .venv up to date and only reinstalls when requirements.lock changed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-}"
if [ -z "$PY" ]; then
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1; then PY="$candidate"; break; fi
  done
fi
"$PY" - <<'PYCHECK' || { echo "Marsad needs Python 3.11 (set PYTHON=/path/to/python3.11)" >&2; exit 2; }
import sys
sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)
PYCHECK
if [ ! -x .venv/bin/python ]; then
  echo "setting up .venv with $("$PY" --version)" >&2
  "$PY" -m venv .venv
fi
STAMP=".venv/.marsad-installed"
if [ ! -f "$STAMP" ] || ! cmp -s requirements.lock "$STAMP"; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . \
    || .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
  cp requirements.lock "$STAMP"
fi
export PATH="$ROOT/.venv/bin:$PATH"
