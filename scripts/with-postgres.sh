#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster:
#
#   bash scripts/with-postgres.sh CMD [ARGS...]
#
# The cluster lives in a fresh /tmp/mpg.XXXXXX directory, listens only on a Unix
# socket inside that directory (so it can never clash with another server), and
# is stopped and deleted when CMD exits, fails or is interrupted. CMD sees
#   MARSAD_PG_URL=postgresql://marsad@/marsad?host=DIR&port=PORT
# and its exit status becomes ours. If MARSAD_PG_URL is already set, the caller
# has a server of their own: CMD runs unchanged and no cluster is made.
# PostgreSQL's server binaries are installed with apt-get when none are found.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: bash scripts/with-postgres.sh CMD [ARGS...]" >&2
  exit 2
fi

if [ -n "${MARSAD_PG_URL:-}" ]; then
  exec "$@"
fi

die() {
  echo "with-postgres: $*" >&2
  exit 2
}

is_root() { [ "$(id -u)" -eq 0 ]; }

# Prints the directory holding initdb, pg_ctl and postgres, or fails.
# Debian installs each major version side by side and puts no server binaries on
# PATH, so look there first and take the newest; other layouts (Homebrew, source
# builds, symlinks in /usr/local/bin) are found through initdb on PATH.
find_bindir() {
  local best="" best_major=-1 dir major initdb
  for dir in /usr/lib/postgresql/*/bin; do
    major=${dir#/usr/lib/postgresql/}
    major=${major%%/*}
    case "$major" in '' | *[!0-9]*) continue ;; esac
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ] || continue
    if [ "$major" -gt "$best_major" ]; then
      best=$dir
      best_major=$major
    fi
  done
  if [ -z "$best" ] && initdb=$(command -v initdb 2>/dev/null); then
    # Resolve symlinks: pg_ctl and postgres sit beside the real initdb.
    dir=$(dirname "$(readlink -f "$initdb")")
    [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ] && best=$dir
  fi
  [ -n "$best" ] || return 1
  printf '%s\n' "$best"
}

install_postgres() {
  local how="apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql"
  local -a prefix=()
  command -v apt-get >/dev/null 2>&1 \
    || die "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found and apt-get is unavailable; install PostgreSQL and put initdb on PATH"
  if ! is_root; then
    sudo -n true >/dev/null 2>&1 \
      || die "PostgreSQL server binaries not found. Install them as root: $how"
    prefix=(sudo -n)
  fi
  echo "with-postgres: installing PostgreSQL (apt-get install postgresql)" >&2
  # The package's postinst may create and start a "main" cluster on port 5432;
  # it is left alone, we never use it. env: sudo would drop a plain assignment.
  if ! "${prefix[@]}" apt-get update -qq >&2; then
    die "apt-get update failed; try: $how"
  fi
  if ! "${prefix[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends postgresql >&2; then
    die "installing PostgreSQL failed; try: $how"
  fi
}

BINDIR=$(find_bindir) || {
  install_postgres
  BINDIR=$(find_bindir) || die "PostgreSQL was installed but initdb/pg_ctl/postgres are still not found"
}

# postgres refuses to run as root, so as root the cluster belongs to a system
# user: Debian's own "postgres" if the package made one, else our own.
PGUSER_RUN=""
if is_root; then
  if id postgres >/dev/null 2>&1; then
    PGUSER_RUN=postgres
  else
    if ! id marsadpg >/dev/null 2>&1; then
      useradd --system --no-create-home --shell /usr/sbin/nologin marsadpg \
        || die "could not create system user marsadpg to run PostgreSQL (it refuses to run as root)"
    fi
    PGUSER_RUN=marsadpg
  fi
fi

# Quote one word for /bin/sh (the su fallback passes a single command string).
sh_quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

# Run a PostgreSQL server tool as the cluster owner. From inside the cluster dir,
# because the invoking user's cwd (e.g. /root) may be unreadable to that owner.
as_pg() {
  if [ -z "$PGUSER_RUN" ]; then
    (cd "$PGDIR" && "$@")
  elif command -v runuser >/dev/null 2>&1; then
    (cd "$PGDIR" && runuser -u "$PGUSER_RUN" -- "$@")
  else
    local cmd="" word
    for word in "$@"; do cmd+="$(sh_quote "$word") "; done
    (cd "$PGDIR" && su -s /bin/sh "$PGUSER_RUN" -c "$cmd")
  fi
}

PGDIR=""
STARTED=0

# shellcheck disable=SC2329  # invoked by the EXIT trap below
cleanup() {
  local rc=$?
  # Every step tolerates failure: under set -e a failing command here would end
  # the trap early, leaking the server and replacing CMD's exit status.
  if [ -n "$PGDIR" ] && [ -d "$PGDIR" ]; then
    if [ "$STARTED" -eq 1 ]; then
      # immediate: the data is thrown away anyway, so skip the shutdown checkpoint.
      as_pg "$BINDIR/pg_ctl" stop -D "$PGDIR/data" -m immediate -w -t 30 >/dev/null 2>&1 || true
      # If pg_ctl could not stop it, do not leave a postmaster running in a deleted dir.
      if [ -f "$PGDIR/data/postmaster.pid" ]; then
        local pid
        pid=$(head -n 1 "$PGDIR/data/postmaster.pid" 2>/dev/null || true)
        case "$pid" in '' | *[!0-9]*) ;; *) kill -KILL "$pid" 2>/dev/null || true ;; esac
      fi
    fi
    rm -rf "$PGDIR" || true
  fi
  exit "$rc"
}
trap cleanup EXIT
# Signals become an ordinary exit (128+signal) so the EXIT trap cleans up.
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# A short fixed prefix, not $TMPDIR: the socket path DIR/.s.PGSQL.PORT must stay
# under the 107-byte Unix socket limit.
PGDIR=$(mktemp -d /tmp/mpg.XXXXXX)
if [ -n "$PGUSER_RUN" ]; then
  chown "$PGUSER_RUN" "$PGDIR"
fi

# C.UTF-8 keeps sorting byte-wise yet allows non-ASCII text; some systems lack
# it, and plain C with UTF8 encoding is equivalent for our purposes.
initdb_out=""
for locale in C.UTF-8 C; do
  if initdb_out=$(as_pg "$BINDIR/initdb" --no-sync -A trust -U marsad -E UTF8 \
    --locale="$locale" -D "$PGDIR/data" 2>&1); then
    initdb_out=""
    break
  fi
  rm -rf "${PGDIR:?}/data"
done
if [ -n "$initdb_out" ] || [ ! -d "$PGDIR/data" ]; then
  printf '%s\n' "$initdb_out" >&2
  die "initdb failed"
fi

# The socket sits in our own dir, so any port works; a random one just keeps
# the socket name unlike a neighbour's in logs and error messages.
PORT=$((20000 + RANDOM % 10000))
# No TCP at all (listen_addresses=''), and durability off: the data is disposable.
STARTED=1
if ! as_pg "$BINDIR/pg_ctl" start -D "$PGDIR/data" -l "$PGDIR/log" -w -t 60 \
  -o "-k $PGDIR -c listen_addresses='' -p $PORT -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
  >/dev/null 2>&1; then
  echo "with-postgres: PostgreSQL failed to start; end of $PGDIR/log:" >&2
  tail -n 30 "$PGDIR/log" >&2 2>/dev/null || true
  exit 2
fi

CREATEDB="$BINDIR/createdb"
[ -x "$CREATEDB" ] || CREATEDB=createdb
if ! createdb_out=$("$CREATEDB" -h "$PGDIR" -p "$PORT" -U marsad marsad 2>&1); then
  printf '%s\n' "$createdb_out" >&2
  die "could not create database marsad"
fi

version=$("$BINDIR/postgres" --version 2>/dev/null | sed -n 's/^postgres (PostgreSQL) \([^ ]*\).*/\1/p')
echo "postgres: throwaway cluster at $PGDIR (PostgreSQL ${version:-?})" >&2

export MARSAD_PG_URL="postgresql://marsad@/marsad?host=$PGDIR&port=$PORT"
# Not exec: the EXIT trap must still run to stop the cluster.
status=0
"$@" || status=$?
exit "$status"
