#!/usr/bin/env bash
# Set up (first run only), ingest the bundled demo corpus into demo.db, and print a digest of what it found.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
rm -f demo.db demo.db-wal demo.db-shm demo.db-corpus.lock
marsad ingest examples/demo_corpus --db demo.db --workers 2
marsad digest --db demo.db
