#!/usr/bin/env bash
# Set up (first run only) and run the whole test suite. Extra arguments go to pytest.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
python -m pytest "$@"
