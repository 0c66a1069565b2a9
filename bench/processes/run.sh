#!/usr/bin/env bash
# Business processes bench (issue 16, item 7), on one throw-away PostgreSQL (durable: fsync on), the
# real scheduling service and the pub/sub emulator as Release processes on loopback:
#
# INSTANCES instances of a 3-step process (start by hand → intermediate timer TIMER → user task:
# a scheduling task for the starter) are started through the REST API (POST /v1/processes/{id}:start,
# CONNECTIONS at once) while the engine is off; then the service restarts with its engine on, so
# every instance is "started at once" and the engine works off the backlog with its claiming loops
# (Scheduling:Processes:Workers, PollInterval). Measured from the database: steps/s (3 × INSTANCES
# process_steps / (last step − first step)), timer lateness p50/p99/max (commit time of the transaction that
# fired each intermediate timer − its due_at). Beside it, on the same PostgreSQL, the bare SQL loop (bare_loop.sql): the
# same starting state in copies of the engine's tables, the same rows written per step, by as many
# psql sessions as the engine has loops. The rows each side inserted and updated per step are printed
# from pg_stat_user_tables, so the two can be compared.
#
#   bench/processes/run.sh
#
# Environment (all optional): INSTANCES=1000 TIMER=PT5S CONNECTIONS=8 WORKERS (the engine's loops,
#   default the service's own) PERF=1 (the service under perf record during the engine's run) POLL (its poll interval, e.g. 00:00:00.2) BATCH (rows a loop claims per transaction) PROFILE=1 (pg_stat_statements: the
#   statements of the engine's run by total time, into profile.txt) SKIP_BUILD=1 (reuse bench/.build)
#   WARMUP=300 (instances the restarted engine works off before the measured ones go back in; 0 = measure
#   a cold service) RESULTS_DIR (default bench/processes/results/<timestamp>, git-ignored).
# Targets (issue 16): timer lateness p99 <= 2 s; steps/s >= 0.5 of the bare loop.
# Exit status: 0 when every start answered 200 and every instance made its 3 steps (whether or not a
# target was met), non-zero otherwise or on a setup failure.
set -euo pipefail

INSTANCES=${INSTANCES:-1000}
TIMER=${TIMER:-PT5S}
CONNECTIONS=${CONNECTIONS:-8}
WORKERS=${WORKERS:-}
POLL=${POLL:-}
BATCH=${BATCH:-}
WARMUP=${WARMUP:-300}
[[ $WARMUP =~ ^[0-9]+$ ]] || { echo "WARMUP must be a whole number (got '$WARMUP')" >&2; exit 2; }
for v in INSTANCES CONNECTIONS; do
  [[ ${!v} =~ ^[0-9]+$ ]] && [ "${!v}" -ge 1 ] || { echo "$v must be a positive integer (got '${!v}')" >&2; exit 2; }
done
[[ $TIMER =~ ^PT([0-9]+)S$ ]] || { echo "TIMER must be seconds, like PT5S (got '$TIMER')" >&2; exit 2; }
timer_seconds=${BASH_REMATCH[1]}

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$bench_dir/../.." && pwd)
build_dir=$repo/bench/.build
RESULTS_DIR=${RESULTS_DIR:-$bench_dir/results/$(date -u +%Y%m%dT%H%M%SZ)}
# shellcheck source=../lib.sh
source "$bench_dir/../lib.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/crmsuite-processes-bench.XXXXXX")
chmod 755 "$work"
scheduling_pid='' pubsub_pid='' issuer_pid='' bare_pids=()
cleanup() {
  local status=$? pid
  trap - EXIT INT TERM
  set +e
  for pid in "${bare_pids[@]}"; do stop_pid "$pid" bare-loop; done
  stop_pid "$scheduling_pid" scheduling
  stop_pid "$pubsub_pid" pubsub
  stop_pid "$issuer_pid" issuer
  stop_pid "$pg_pid" postgres
  stop_postmaster "$work/pgdata"
  if [ -d "$RESULTS_DIR" ]; then cp "$work"/*.log "$work"/stats-* "$work"/bare-* "$RESULTS_DIR"/ 2>/dev/null; fi
  if [ "$status" -ne 0 ] && [ "$status" -ne 130 ] && [ "$status" -ne 143 ]; then
    for f in scheduling.log pubsub.log postgres.log migrate.log bare.log; do
      [ -s "$work/$f" ] && { log "last lines of $f:"; tail -n 20 "$work/$f" >&2; }
    done
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

require_tools psql curl dotnet awk python3 openssl
mkdir -p "$RESULTS_DIR"
log "results: $RESULTS_DIR"
summary=$RESULTS_DIR/summary.txt

cd "$repo"
publish_all scheduling=services/Scheduling/CrmSuite.Scheduling.Api pubsub=AppHost/CrmSuite.PubSubEmulator

# Commit timestamps: a timer counts as fired when the transaction that fired it committed (a batch commits
# after all its steps), on both sides.
if [ "${PROFILE:-0}" = 1 ]; then
  start_postgres PG_SETTINGS="-c track_commit_timestamp=on -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all"
else
  start_postgres PG_SETTINGS="-c track_commit_timestamp=on"
fi
psql -X -q -d postgres -c 'CREATE DATABASE schedulingdb' >/dev/null
conn="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=$pg_password;Database=schedulingdb"
sql() { psql -X -At -F ' ' -v ON_ERROR_STOP=1 -d schedulingdb "$@"; }
log "migrating (the service's own migrate command)"
(cd "$build_dir/scheduling" && Logging__LogLevel__Default=Warning exec timeout 300 \
  dotnet CrmSuite.Scheduling.Api.dll migrate --ConnectionStrings:schedulingdb="$conn") >"$work/migrate.log" 2>&1 || die "migration failed"

{
  echo "machine: $(nproc) cores, $(uname -sr); $(date -u '+%Y-%m-%d %H:%M UTC'); load average before: $(cut -d ' ' -f 1-3 /proc/loadavg)"
  echo "commit:  $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$repo" diff --quiet HEAD 2>/dev/null || echo ' (+ uncommitted changes)')"
  echo "setup:   PostgreSQL durable (fsync on); $INSTANCES instances of start -> timer $TIMER -> user task; engine loops ${WORKERS:-default}, poll ${POLL:-default}, batch ${BATCH:-default}, warm-up $WARMUP instances"
} | tee "$summary"

make_issuer scheduling.read,scheduling.write,processes.design
pubsub_http=$(free_port) pubsub_grpc=$(free_port) http=$(free_port) grpc=$(free_port)
(cd "$build_dir/pubsub" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  Kestrel__Endpoints__http__Url="http://127.0.0.1:$pubsub_http" Kestrel__Endpoints__grpc__Url="http://127.0.0.1:$pubsub_grpc" \
  dotnet CrmSuite.PubSubEmulator.dll) >"$work/pubsub.log" 2>&1 &
pubsub_pid=$!
engine_env=()
[ -n "$WORKERS" ] && engine_env+=(Scheduling__Processes__Workers="$WORKERS")
[ -n "$POLL" ] && engine_env+=(Scheduling__Processes__PollInterval="$POLL")
[ -n "$BATCH" ] && engine_env+=(Scheduling__Processes__BatchSize="$BATCH")
perf_env=()
# PERF=1: the engine's run under `perf record` (the service writes a perf map of its JIT-compiled code).
[ "${PERF:-0}" = 1 ] && perf_env+=(DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0)
start_scheduling() { # start_scheduling ENGINE_ENABLED
  (cd "$build_dir/scheduling" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
    ConnectionStrings__schedulingdb="$conn" Clients__GrpcAddress="http://127.0.0.1:9" Scheduling__Channels__PublicBaseUrl=https://crm.bench.example \
    DAPR_HTTP_ENDPOINT="http://127.0.0.1:$pubsub_http" DAPR_GRPC_ENDPOINT="http://127.0.0.1:$pubsub_grpc" \
    Scheduling__Processes__EngineEnabled="$1" "${engine_env[@]}" "${perf_env[@]}" \
    Kestrel__Endpoints__http__Url="http://127.0.0.1:$http" Kestrel__Endpoints__grpc__Url="http://127.0.0.1:$grpc" \
    dotnet CrmSuite.Scheduling.Api.dll) >>"$work/scheduling.log" 2>&1 &
  scheduling_pid=$!
  wait_for "http://127.0.0.1:$http/health" "$scheduling_pid" "scheduling service" 180
}
wait_for "http://127.0.0.1:$pubsub_http/health" "$pubsub_pid" "pub/sub emulator" 90
start_scheduling false

# ---------------------------------------------------------------- publish, start INSTANCES (engine off)
log "publishing the process and starting $INSTANCES instances through the API ($CONNECTIONS at once)"
sed "s/@TIMER@/$TIMER/" "$bench_dir/process.bpmn" >"$work/process.bpmn"
started=$(python3 "$bench_dir/start.py" "http://127.0.0.1:$http" "$token" "$work/process.bpmn" "$INSTANCES" "$CONNECTIONS") || die "starting failed"
echo "starts:  $started" | tee -a "$summary"
[ "$(sql -c 'SELECT count(*) FROM process_instances')" = "$INSTANCES" ] || die "not every start made an instance"
for t in process_instances process_tokens process_timers process_log; do
  sql -q -c "DROP TABLE IF EXISTS snap_$t; CREATE TABLE snap_$t AS SELECT * FROM $t" >/dev/null
done
# The measured instances: the snapshot's (a warm-up's instances are not counted).
measured="instance_id IN (SELECT id FROM snap_process_instances)"

stats() { # stats PREFIX: "table ins upd" per table (pg_stat_user_tables, flushed by then)
  sql -c "SELECT regexp_replace(relname, '^bare_', ''), n_tup_ins, n_tup_upd FROM pg_stat_user_tables
          WHERE relname ~ '^$1(process_(instances|tokens|timers|steps|log)|items|outbox_messages|reminders)\$' ORDER BY 1"
}
percentiles() { # percentiles TABLE: "steps seconds steps/s p50 p99 max" of the run in that side's tables
  sql -c "WITH s AS (SELECT count(*) n, extract(epoch FROM max(at) - min(at)) secs FROM ${1}process_steps WHERE $measured),
               l AS (SELECT extract(epoch FROM pg_xact_commit_timestamp(xmin) - due_at) v FROM ${1}process_timers WHERE kind = 2 AND status = 2 AND $measured)
          SELECT s.n, round(s.secs::numeric, 2), round((s.n / nullif(s.secs, 0))::numeric, 1),
                 round((SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY v) FROM l)::numeric, 3),
                 round((SELECT percentile_cont(0.99) WITHIN GROUP (ORDER BY v) FROM l)::numeric, 3),
                 round((SELECT max(v) FROM l)::numeric, 3)
          FROM s"
}

# CPU time (clock ticks, utime+stime) of the service and of PostgreSQL (postmaster, its backends and
# those that exited), so the ratio can be explained by where the CPU went.
clk_tck=$(getconf CLK_TCK 2>/dev/null || echo 100)
pg_ticks() { local master; master=$(head -n 1 "$work/pgdata/postmaster.pid"); proc_ticks "$master" $(ps -o pid= --ppid "$master"); }

# ---------------------------------------------------------------- the engine works off the backlog
stop_pid "$scheduling_pid" scheduling
tasks_expected=$INSTANCES
if ((WARMUP > 0)); then
  # A service that has been running: the measured instances leave the live tables (kept in snap_*),
  # the restarted engine first works off WARMUP instances of the same process (its code compiled
  # and tiered up as in a running service), then the snapshot goes back in one transaction.
  sql -q -c "BEGIN; DELETE FROM process_log WHERE $measured; DELETE FROM process_timers WHERE $measured;
             DELETE FROM process_tokens WHERE $measured; DELETE FROM process_instances WHERE id IN (SELECT id FROM snap_process_instances); COMMIT" >/dev/null
  log "restarting the service with its engine on; warming it up with $WARMUP instances of the same process"
  start_scheduling true
  python3 "$bench_dir/start.py" "http://127.0.0.1:$http" "$token" "$work/process.bpmn" "$WARMUP" "$CONNECTIONS" "Bench warm-up" >/dev/null || die "warm-up starts failed"
  deadline=$((SECONDS + 300))
  until [ "$(sql -c 'SELECT count(*) FROM process_steps')" -ge $((WARMUP * 3)) ]; do
    ((SECONDS < deadline)) || die "the warm-up did not finish in 5 minutes"
    sleep 0.5
  done
  tasks_expected=$((INSTANCES + WARMUP))
  # An idle backend reports its last counts to pg_stat_user_tables within 10 s: all of the warm-up's, before "before".
  sleep 11
fi
sleep 1.5
stats '' >"$work/stats-before"
[ "${PROFILE:-0}" = 1 ] && sql -q -c 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset()' >/dev/null
if ((WARMUP > 0)); then
  service_ticks0=$(proc_ticks "$scheduling_pid") pg_ticks0=$(pg_ticks)
  log "the $INSTANCES measured instances go back in, in one transaction"
  sql -q -c "BEGIN; INSERT INTO process_instances SELECT * FROM snap_process_instances; INSERT INTO process_tokens SELECT * FROM snap_process_tokens;
             INSERT INTO process_timers SELECT * FROM snap_process_timers; INSERT INTO process_log OVERRIDING SYSTEM VALUE SELECT * FROM snap_process_log; COMMIT" >/dev/null
  # Those rows are the starting state, not the engine's writes: counted as if already there.
  for t in process_instances process_tokens process_timers process_log; do
    echo "$t $(sql -c "SELECT count(*) FROM snap_$t")"
  done | sort >"$work/snap-counts"
  join -a 1 "$work/stats-before" "$work/snap-counts" | awk '{ print $1, $2 + ($4 == "" ? 0 : $4), $3 }' >"$work/stats-before.adjusted"
  mv "$work/stats-before.adjusted" "$work/stats-before"
else
  log "restarting the service with its engine on (cold: WARMUP=0)"
  start_scheduling true
  service_ticks0=$(proc_ticks "$scheduling_pid") pg_ticks0=$(pg_ticks)
fi
perf_pid=''
if [ "${PERF:-0}" = 1 ]; then
  perf record -q -F 499 -g -p "$scheduling_pid" -o "$RESULTS_DIR/scheduling.perf.data" -- sleep 10 2>"$RESULTS_DIR/perf-record.log" &
  perf_pid=$!
fi
expected=$((INSTANCES * 3))
deadline=$((SECONDS + 600))
while [ "$(sql -c "SELECT count(*) FROM process_steps WHERE $measured")" -lt "$expected" ]; do
  ((SECONDS < deadline)) || die "the engine made $(sql -c "SELECT count(*) FROM process_steps WHERE $measured") of $expected steps in 10 minutes"
  sleep 1
done
load_service=$(cut -d ' ' -f 1 /proc/loadavg)
service_ticks=$(( $(proc_ticks "$scheduling_pid") - service_ticks0 )) service_pg_ticks=$(( $(pg_ticks) - pg_ticks0 ))
if [ -n "$perf_pid" ]; then
  wait "$perf_pid" || true
  {
    echo "# scheduling service during the engine's run, self time by function (perf record -F 499 -g, 10 s)"
    perf report -i "$RESULTS_DIR/scheduling.perf.data" --stdio --no-children --sort dso,symbol --percent-limit 0.7 -g none 2>/dev/null | grep -v '^$'
    echo
    echo "# time including callees, by function"
    perf report -i "$RESULTS_DIR/scheduling.perf.data" --stdio --children --sort symbol --percent-limit 3 -g none 2>/dev/null | grep -v '^$'
  } >"$RESULTS_DIR/scheduling-profile.txt"
  echo "profile of the service: $RESULTS_DIR/scheduling-profile.txt" | tee -a "$summary"
fi
stop_pid "$scheduling_pid" scheduling
sleep 1.5
stats '' >"$work/stats-after"
if [ "${PROFILE:-0}" = 1 ]; then
  sql -c "SELECT calls, round(total_exec_time)::int AS total_ms, round(mean_exec_time::numeric, 3) AS mean_ms, rows,
                 left(regexp_replace(query, '\s+', ' ', 'g'), 220)
          FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'schedulingdb')
          ORDER BY total_exec_time DESC LIMIT 40" >"$RESULTS_DIR/profile.txt"
  echo "statements per step (engine run): $(sql -c "SELECT round(sum(calls)::numeric / $expected, 1) FROM pg_stat_statements
    WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'schedulingdb')"); top statements in $RESULTS_DIR/profile.txt" | tee -a "$summary"
fi
read -r s_steps s_secs s_rate s_p50 s_p99 s_max <<<"$(percentiles '')"
tasks=$(sql -c 'SELECT count(*) FROM items')
[ "$tasks" = "$tasks_expected" ] || die "$tasks tasks for $tasks_expected instances"

# ---------------------------------------------------------------- the bare SQL loop
log "the bare SQL loop: the same starting state and rows per step, ${WORKERS:-2} psql sessions"
sql -q -f "$bench_dir/bare_loop.sql" >"$work/bare.log" 2>&1 || { cat "$work/bare.log" >&2; die "bare_loop.sql failed"; }
sleep 1.5
stats bare_ >"$work/bare-before"
bare_pg_ticks0=$(pg_ticks)
for ((w = 0; w < ${WORKERS:-2}; w++)); do
  sql -q -c "CALL bare_work(interval '$timer_seconds seconds')" >>"$work/bare.log" 2>&1 &
  bare_pids+=($!)
done
for pid in "${bare_pids[@]}"; do wait "$pid" || die "the bare loop failed"; done
bare_pids=()
load_bare=$(cut -d ' ' -f 1 /proc/loadavg)
bare_pg_ticks=$(( $(pg_ticks) - bare_pg_ticks0 ))
sleep 1.5
stats bare_ >"$work/bare-after"
read -r b_steps b_secs b_rate b_p50 b_p99 b_max <<<"$(percentiles bare_)"

# ---------------------------------------------------------------- figures
printf '%-9s %7s %9s %9s %11s %11s %11s %6s\n' side steps seconds steps/s lateness_p50 lateness_p99 lateness_max load1 | tee -a "$summary"
printf '%-9s %7s %9s %9s %11s %11s %11s %6s\n' service "$s_steps" "$s_secs" "$s_rate" "$s_p50" "$s_p99" "$s_max" "$load_service" | tee -a "$summary"
printf '%-9s %7s %9s %9s %11s %11s %11s %6s\n' bare-sql "$b_steps" "$b_secs" "$b_rate" "$b_p50" "$b_p99" "$b_max" "$load_bare" | tee -a "$summary"
echo "rows written per step (inserted/updated), service | bare loop:" | tee -a "$summary"
join <(join "$work/stats-before" "$work/stats-after" | awk -v n="$expected" '{ printf "%s %.2f/%.2f\n", $1, ($4 - $2) / n, ($5 - $3) / n }') \
     <(join "$work/bare-before" "$work/bare-after" | awk -v n="$expected" '{ printf "%s %.2f/%.2f\n", $1, ($4 - $2) / n, ($5 - $3) / n }') -a 1 |
  awk '{ printf "  %-16s %-12s | %s\n", $1, $2, $3 }' | tee -a "$summary"
ms_per_step() { awk -v t="$1" -v hz="$clk_tck" -v n="$expected" 'BEGIN { printf "%.2f", t * 1000 / hz / n }'; }
echo "CPU ms per step: service $(ms_per_step "$service_ticks") + its PostgreSQL $(ms_per_step "$service_pg_ticks") ($( ((WARMUP > 0)) && echo "warm" || echo "cold: start-up included")) | bare loop's PostgreSQL $(ms_per_step "$bare_pg_ticks")" | tee -a "$summary"
ratio=$(awk -v a="$s_rate" -v b="$b_rate" 'BEGIN { printf "%.3f", a / b }')
echo "ratio steps/s service/bare: $ratio" | tee -a "$summary"
echo "target lateness p99 <= 2 s: $(awk -v a="$s_p99" 'BEGIN { print (a <= 2 ? "met" : "not met") }'); target >= 0.5 of the bare loop: $(awk -v a="$ratio" 'BEGIN { print (a >= 0.5 ? "met" : "not met") }')" | tee -a "$summary"
echo "load average after: $(cut -d ' ' -f 1-3 /proc/loadavg) (the machine is shared: figures follow its load)" | tee -a "$summary"
