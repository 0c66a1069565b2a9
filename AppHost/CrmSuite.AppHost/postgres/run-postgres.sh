#!/usr/bin/env bash
# Runs a private PostgreSQL cluster from the OS packages as a plain process (no containers).
#   run-postgres.sh DATA_DIR
# Environment: PGPORT (required, the port to listen on, loopback only);
#   POSTGRES_PASSWORD (required the first time: the superuser's password, set by initdb);
#   PG_EPHEMERAL=1 for throw-away test clusters only (fsync off). A business's data keeps
#   PostgreSQL's durable defaults. PG_SETTINGS: extra server options, e.g. "-c track_commit_timestamp=on".
# Used by the AppHost, by the tests and by the benchmarks, so the cluster is set up one way.
set -euo pipefail

data_dir=${1:?usage: run-postgres.sh DATA_DIR}
: "${PGPORT:?PGPORT must be set to the port PostgreSQL should listen on}"

find_bin() {
  if [ -n "${PG_BIN:-}" ] && [ -x "$PG_BIN/postgres" ]; then echo "$PG_BIN"; return; fi
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/postgres" ]; then pg_config --bindir; return; fi
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$newest" ] && [ -x "$newest/postgres" ]; then echo "$newest"; fi
}
bin=$(find_bin)
if [ -z "$bin" ]; then
  echo "PostgreSQL server binaries not found: install them with 'sudo apt-get install -y postgresql' (or set PG_BIN)." >&2
  exit 127
fi

# initdb and postgres refuse to run as root; run them as the postgres user in that case.
as_owner=()
if [ "$(id -u)" = 0 ]; then
  as_owner=(setpriv --reuid=postgres --regid=postgres --init-groups --)
fi

if [ ! -f "$data_dir/PG_VERSION" ]; then
  : "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set to initialise a new cluster}"
  mkdir -p "$data_dir"
  chmod 700 "$data_dir"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$data_dir"
  pwfile=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile"
  [ "$(id -u)" = 0 ] && chown postgres "$pwfile"
  "${as_owner[@]}" "$bin/initdb" -D "$data_dir" -U postgres --pwfile="$pwfile" \
    --auth-host=scram-sha-256 --auth-local=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
  echo "Created a new PostgreSQL cluster in $data_dir"
fi

# A test process runs many services side by side on one cluster (each with its pools, LISTEN
# streams and background jobs): throw-away clusters allow more connections than a business's.
connections=200
if [ "${PG_EPHEMERAL:-0}" = 1 ]; then
  connections=500
fi
settings=(-c listen_addresses=127.0.0.1 -k "$data_dir" -c max_connections=$connections)
if [ "${PG_EPHEMERAL:-0}" = 1 ]; then
  settings+=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off)
fi
if [ -n "${PG_SETTINGS:-}" ]; then
  read -ra extra <<<"$PG_SETTINGS"
  settings+=("${extra[@]}")
fi

"${as_owner[@]}" "$bin/postgres" -D "$data_dir" "${settings[@]}" &
pid=$!
# A plain SIGTERM is PostgreSQL's "smart" shutdown, which waits for every pooled client to leave.
# SIGINT is the "fast" shutdown: clients are disconnected, committed data is safe.
trap 'kill -INT "$pid" 2>/dev/null' TERM INT
wait "$pid" || true
wait "$pid" 2>/dev/null || true
