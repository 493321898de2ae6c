#!/usr/bin/env bash
# Set up (first run only) and run the whole test suite. Extra arguments go to pytest.
# The store contract suite runs on SQLite and on PostgreSQL: scripts/with-postgres.sh installs Debian's
# postgresql when it is missing, starts a throwaway cluster as a non-root user in a temporary directory, and
# removes it when the tests end (set MARSAD_PG_URL to use a server of your own instead). The browser tests drive
# Debian's chromium with Playwright: scripts/setup-chromium.sh installs it when it is missing.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
ruff check --quiet .   # pyflakes, syntax errors and lines under 120 characters (pyproject.toml [tool.ruff])
bash scripts/setup-chromium.sh
export MARSAD_REQUIRE_PG=1 MARSAD_REQUIRE_BROWSER=1
bash scripts/with-postgres.sh python -m pytest "$@"
