#!/usr/bin/env bash
# Event latency bench: how long from the commit of a business transaction to the commit of its
# row in the audit log, at a steady rate of events; and how fast the chain verifies.
#
#   bench/event-latency/run.sh
#
# The whole production path runs, as separate Release processes on loopback: PostgreSQL (durable
# settings, track_commit_timestamp on), the clients service (its outbox relay: LISTEN/NOTIFY,
# DaprClient over gRPC), the pub/sub emulator (the Dapr sidecar contract) and the audit service
# (CloudEvent in, hash-chained append, commit). pgbench stands in for the clients' users: at RATE
# transactions per second (Poisson arrivals) it commits a change and its audit event into the
# clients service's outbox exactly as the service's SaveChanges does (event.sql), so the load
# generator costs the machine almost nothing and the latency is the pipeline's alone.
# Latency = commit time of the audit row - commit time of the business transaction, both taken
# from PostgreSQL's commit timestamps (one clock).
#
# Environment (all optional): RATE=200 events/s, DURATION=30 s measured, WARMUP=5 s,
#   CLIENTS=4 pgbench connections, SKIP_BUILD=1 reuse bench/.build,
#   TARGET_P50=5 TARGET_P99=25 (ms), RESULTS_DIR (default bench/event-latency/results/<ts>).
# Exit status: 0 when every event reached the audit log (whether or not the targets were met).
set -euo pipefail

RATE=${RATE:-200}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-5}
CLIENTS=${CLIENTS:-4}
TARGET_P50=${TARGET_P50:-5}
TARGET_P99=${TARGET_P99:-25}
SKIP_BUILD=${SKIP_BUILD:-0}

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$bench_dir/../.." && pwd)
build_dir=$repo/bench/.build
RESULTS_DIR=${RESULTS_DIR:-$bench_dir/results/$(date -u +%Y%m%dT%H%M%SZ)}
# shellcheck source=../lib.sh
source "$bench_dir/../lib.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/crmsuite-event-bench.XXXXXX")
chmod 755 "$work"
clients_pid='' audit_pid='' pubsub_pid='' issuer_pid=''
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  set +e
  stop_pid "$clients_pid" clients
  stop_pid "$pubsub_pid" pubsub
  stop_pid "$audit_pid" audit
  stop_pid "$issuer_pid" issuer
  stop_pid "$pg_pid" postgres
  stop_postmaster "$work/pgdata"
  if [ -d "$RESULTS_DIR" ]; then cp "$work"/*.log "$RESULTS_DIR"/ 2>/dev/null; fi
  if [ "$status" -ne 0 ] && [ "$status" -ne 130 ] && [ "$status" -ne 143 ]; then
    for f in clients.log audit.log pubsub.log postgres.log migrate.log; do
      [ -s "$work/$f" ] && { log "last lines of $f:"; tail -n 20 "$work/$f" >&2; }
    done
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

require_tools pgbench psql curl dotnet python3 openssl
mkdir -p "$RESULTS_DIR"
log "results: $RESULTS_DIR"

cd "$repo"
publish_all clients=services/Clients/CrmSuite.Clients.Api audit=services/Audit/CrmSuite.Audit.Api pubsub=AppHost/CrmSuite.PubSubEmulator

# Durable settings (fsync on), as a business runs it, plus commit timestamps for the measurement.
start_postgres PG_SETTINGS="-c track_commit_timestamp=on"
conn() { echo "Host=127.0.0.1;Port=$pg_port;Username=${2:-postgres};Password=${3:-$pg_password};Database=$1"; }
writer_password="bench-writer-$RANDOM$RANDOM"

log "migrating (the services' own migrate commands)"
(cd "$build_dir/clients" && Logging__LogLevel__Default=Warning exec timeout 120 \
  dotnet CrmSuite.Clients.Api.dll migrate --ConnectionStrings:clientsdb="$(conn clientsdb)") >"$work/migrate.log" 2>&1 ||
  die "clients migration failed"
(cd "$build_dir/audit" && Logging__LogLevel__Default=Warning Audit__WriterPassword="$writer_password" exec timeout 120 \
  dotnet CrmSuite.Audit.Api.dll migrate --ConnectionStrings:auditdb-owner="$(conn auditdb)") >>"$work/migrate.log" 2>&1 ||
  die "audit migration failed"
psql -X -q -v ON_ERROR_STOP=1 -d clientsdb -c 'CREATE TABLE bench_commits (id uuid PRIMARY KEY, phase int NOT NULL)' >/dev/null

make_issuer audit.read

audit_http=$(free_port) audit_grpc=$(free_port)
pubsub_http=$(free_port) pubsub_grpc=$(free_port)
clients_http=$(free_port) clients_grpc=$(free_port)
log "starting the audit service, the pub/sub emulator and the clients service"
(cd "$build_dir/audit" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  ConnectionStrings__auditdb="$(conn auditdb audit_writer "$writer_password")" \
  Kestrel__Endpoints__http__Url="http://127.0.0.1:$audit_http" Kestrel__Endpoints__grpc__Url="http://127.0.0.1:$audit_grpc" \
  dotnet CrmSuite.Audit.Api.dll) >"$work/audit.log" 2>&1 &
audit_pid=$!
(cd "$build_dir/pubsub" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  PubSub__Apps__audit="http://127.0.0.1:$audit_http" \
  Kestrel__Endpoints__http__Url="http://127.0.0.1:$pubsub_http" Kestrel__Endpoints__grpc__Url="http://127.0.0.1:$pubsub_grpc" \
  dotnet CrmSuite.PubSubEmulator.dll) >"$work/pubsub.log" 2>&1 &
pubsub_pid=$!
(cd "$build_dir/clients" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  ConnectionStrings__clientsdb="$(conn clientsdb)" \
  DAPR_HTTP_ENDPOINT="http://127.0.0.1:$pubsub_http" DAPR_GRPC_ENDPOINT="http://127.0.0.1:$pubsub_grpc" \
  Kestrel__Endpoints__http__Url="http://127.0.0.1:$clients_http" Kestrel__Endpoints__grpc__Url="http://127.0.0.1:$clients_grpc" \
  dotnet CrmSuite.Clients.Api.dll) >"$work/clients.log" 2>&1 &
clients_pid=$!
wait_for "http://127.0.0.1:$audit_http/health" "$audit_pid" "audit service" 60
wait_for "http://127.0.0.1:$pubsub_http/health" "$pubsub_pid" "pub/sub emulator" 60
wait_for "http://127.0.0.1:$clients_http/health" "$clients_pid" "clients service" 60

drain() { # until the outbox is empty (60 s at most)
  local deadline=$((SECONDS + 60)) left
  while :; do
    left=$(psql -X -At -d clientsdb -c 'SELECT count(*) FROM outbox_messages WHERE published_at IS NULL')
    [ "$left" = 0 ] && return 0
    ((SECONDS < deadline)) || { log "outbox still holds $left events"; return 1; }
    sleep 0.2
  done
}

{
  echo "machine: $(nproc) cores, $(uname -sr); $(date -u '+%Y-%m-%d %H:%M UTC'); load average before: $(cut -d ' ' -f 1-3 /proc/loadavg)"
  echo "commit:  $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$repo" diff --quiet HEAD 2>/dev/null || echo ' (+ uncommitted changes)')"
  echo "load:    pgbench -R $RATE -c $CLIENTS, ${WARMUP}s warm-up, ${DURATION}s measured; PostgreSQL durable (fsync on)"
} | tee "$RESULTS_DIR/summary.txt"

log "warming up for ${WARMUP}s"
pgbench -n -c "$CLIENTS" -j 2 -R "$RATE" -T "$WARMUP" -D phase=0 -f "$bench_dir/event.sql" clientsdb >"$work/pgbench-warmup.log" 2>&1 ||
  { cat "$work/pgbench-warmup.log" >&2; die "pgbench failed"; }
drain || die "the warm-up events did not drain"

log "measuring for ${DURATION}s at $RATE events/s"
pgbench -n -c "$CLIENTS" -j 2 -R "$RATE" -T "$DURATION" -D phase=1 -f "$bench_dir/event.sql" clientsdb >"$RESULTS_DIR/pgbench.txt" 2>&1 ||
  { cat "$RESULTS_DIR/pgbench.txt" >&2; die "pgbench failed"; }
drained=yes
drain || drained=no

psql -X -At -F ' ' -d clientsdb -c \
  "SELECT id, extract(epoch FROM pg_xact_commit_timestamp(xmin)) FROM bench_commits WHERE phase = 1" >"$work/commits.txt"
psql -X -At -F ' ' -d auditdb -c \
  "SELECT event_id, extract(epoch FROM pg_xact_commit_timestamp(xmin)), extract(epoch FROM recorded_at) FROM audit_entries" >"$work/audit.txt"
python3 "$bench_dir/latency.py" "$work/commits.txt" "$work/audit.txt" | tee "$work/latency.txt" | grep -v '^RESULT' | tee -a "$RESULTS_DIR/summary.txt"
read -r p50 p99 missing < <(sed -n 's/^RESULT p50=\([^ ]*\) p99=\([^ ]*\) missing=\(.*\)$/\1 \2 \3/p' "$work/latency.txt")

# Verification of the whole chain through the auditors' API (best of 3).
rows=$(psql -X -At -d auditdb -c 'SELECT count(*) FROM audit_entries')
best=''
for _ in 1 2 3; do
  t=$(curl -s -o "$work/verify.json" -w '%{time_total}' --max-time 120 -H "Authorization: Bearer $token" \
    "http://127.0.0.1:$audit_http/v1/audit/chain:verify")
  grep -q '"ok": *true' "$work/verify.json" || { cat "$work/verify.json" >&2; die "chain verification did not answer ok"; }
  best=$(awk -v a="$t" -v b="${best:-$t}" 'BEGIN { print (a < b) ? a : b }')
done
{
  awk -v r="$rows" -v t="$best" 'BEGIN { printf "chain verification: %d rows in %.0f ms (best of 3, through the API) = %.0f rows/s\n", r, t * 1000, r / t }'
  awk -v p50="$p50" -v p99="$p99" -v t50="$TARGET_P50" -v t99="$TARGET_P99" 'BEGIN {
    printf "targets: p50 <= %s ms: %s; p99 <= %s ms: %s\n", t50, (p50 <= t50) ? "met" : "not met", t99, (p99 <= t99) ? "met" : "not met" }'
  echo "outbox drained: $drained; load average after: $(cut -d ' ' -f 1-3 /proc/loadavg)"
} | tee -a "$RESULTS_DIR/summary.txt"

[ "$missing" = 0 ] && [ "$drained" = yes ] || die "$missing events did not reach the audit log"
