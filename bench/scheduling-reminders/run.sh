#!/usr/bin/env bash
# Scheduling bench (issue 12, item 9), two parts on one throw-away PostgreSQL (durable settings,
# track_commit_timestamp on), the real service as Release processes on loopback:
#
# (a) Reminders: REMINDERS reminders due at the same instant across PEOPLE people, delivered to the
#     in-app channel by TWO replicas of the scheduling service (two processes, same database, each
#     with its own dispatcher: FOR UPDATE SKIP LOCKED claims of BatchSize, polled every
#     PollInterval, both at the service's defaults unless POLL/BATCH are set). Printed: seconds from
#     the due time to the commit of the last notification, deliveries/s while draining (first to
#     last commit), duplicates and lost; beside a raw SQL claim loop (raw_claim.sql: the
#     dispatcher's own claim statement in two psql sessions at once, started at the due time) over
#     the same number of fresh rows; ratio service/raw. The same reminders also go out by e-mail
#     (one per reminder: every bench person has an address) through the replicas' channel
#     dispatchers to a local SMTP server (SmtpSink/, a small C# server; SINK=python: smtp_sink.py;
#     either records each message's arrival and Message-ID = delivery id): due -> last mail
#     received, mails/s, duplicates (same Message-ID twice) and lost, and the CPU seconds of the
#     replicas, the sink, PostgreSQL and the rest of the machine from the due second to the last mail.
# (b) Week view: a 50-person team with a year of history (seed_week.sql, ~52,000 items); the week
#     view of its head through the gateway and straight to the service over REST, both as whole
#     items (ListItems, GET /v1/items, all pages) and as the calendar's compact read (CalendarView,
#     GET /v1/calendar: a cell per occurrence), p50/p95 of VIEWS sequential views over random weeks, vs the same
#     SQL run by pgbench (week.sql: the same five keyset pages of 201); ratio gateway/SQL.
#
#   bench/scheduling-reminders/run.sh
#
# Environment (all optional): REMINDERS=10000 PEOPLE=500 VIEWS=300 WARMUP=20 SKIP_BUILD=1 (reuse
#   bench/.build), POLL (e.g. 00:00:01; default: the service's own), BATCH (default 500, the
#   service's own), PAGE (the week view's page size, default 1000 as the staff UI asks; 200 = the
#   old five pages), RESULTS_DIR (default bench/scheduling-reminders/results/<timestamp>, git-ignored),
#   WEEK=0 (skip (b), the week view), SINK (the SMTP server the e-mails go to: csharp, the default,
#   SmtpSink/ built here; python, smtp_sink.py, the sink of the runs before 2026-12-06 18:30),
#   SCHEDULING_BUILD (a published scheduling service to run instead of this tree's, e.g. an older
#   commit's, for a side-by-side on the same machine load), PROFILE=1 (perf record of replica A from
#   the due second to the last mail, its JIT-compiled code named through a perf map; the hottest
#   functions go to replica-a-profile.txt in the results), WARM=N (before the measured minute, N
#   reminders due at once go out in-app and by e-mail the same way and are not counted: the replicas'
#   code is then JIT-compiled and tiered up as in a service that has been running; default 0, cold).
# Targets (issue 12): all delivered within 10 s of due, duplicates 0; week view p95 <= 50 ms.
# Exit status: 0 when nothing was lost or duplicated and every request answered 200 (whether or
# not the time targets were met), non-zero otherwise or on a setup failure.
set -euo pipefail

REMINDERS=${REMINDERS:-10000}
PEOPLE=${PEOPLE:-500}
VIEWS=${VIEWS:-300}
PAGE=${PAGE:-1000}
WARMUP=${WARMUP:-20}
BATCH=${BATCH:-500}
POLL=${POLL:-}
SKIP_BUILD=${SKIP_BUILD:-0}
WEEK=${WEEK:-1}
PROFILE=${PROFILE:-0}
WARM=${WARM:-0}
for v in REMINDERS PEOPLE VIEWS WARMUP BATCH PAGE; do
  [[ ${!v} =~ ^[0-9]+$ ]] && [ "${!v}" -ge 1 ] || { echo "$v must be a positive integer (got '${!v}')" >&2; exit 2; }
done

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$bench_dir/../.." && pwd)
build_dir=$repo/bench/.build
SINK=${SINK:-csharp}
RESULTS_DIR=${RESULTS_DIR:-$bench_dir/results/$(date -u +%Y%m%dT%H%M%SZ)}
# shellcheck source=../lib.sh
source "$bench_dir/../lib.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/crmsuite-scheduling-bench.XXXXXX")
chmod 755 "$work"
a_pid='' b_pid='' sink_pid='' gateway_pid='' pubsub_pid='' issuer_pid='' raw1_pid='' raw2_pid=''
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  set +e
  stop_pid "$raw1_pid" raw-claim-1
  stop_pid "$raw2_pid" raw-claim-2
  stop_pid "$gateway_pid" gateway
  stop_pid "$a_pid" scheduling-a
  stop_pid "$b_pid" scheduling-b
  stop_pid "$pubsub_pid" pubsub
  stop_pid "$sink_pid" smtp-sink
  stop_pid "$issuer_pid" issuer
  stop_pid "$pg_pid" postgres
  stop_postmaster "$work/pgdata"
  if [ -d "$RESULTS_DIR" ]; then cp "$work"/*.log "$RESULTS_DIR"/ 2>/dev/null; fi
  if [ "$status" -ne 0 ] && [ "$status" -ne 130 ] && [ "$status" -ne 143 ]; then
    for f in scheduling-a.log scheduling-b.log gateway.log pubsub.log postgres.log migrate.log; do
      [ -s "$work/$f" ] && { log "last lines of $f:"; tail -n 20 "$work/$f" >&2; }
    done
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

require_tools pgbench psql curl dotnet awk python3 openssl
mkdir -p "$RESULTS_DIR"
log "results: $RESULTS_DIR"
summary=$RESULTS_DIR/summary.txt

cd "$repo"
publish_all scheduling=services/Scheduling/CrmSuite.Scheduling.Api gateway=gateway/CrmSuite.Gateway pubsub=AppHost/CrmSuite.PubSubEmulator

scheduling_build=${SCHEDULING_BUILD:-$build_dir/scheduling}
[ -f "$scheduling_build/CrmSuite.Scheduling.Api.dll" ] || die "no CrmSuite.Scheduling.Api.dll in $scheduling_build"
case "$SINK" in
  python) sink_cmd=(python3 "$bench_dir/smtp_sink.py") ;;
  csharp)
    sink_dll=$build_dir/smtp-sink/CrmSuite.Bench.SmtpSink.dll
    if [ "$SKIP_BUILD" = 1 ] && [ -f "$sink_dll" ]; then
      log "SKIP_BUILD=1: reusing $sink_dll"
    else
      log "building the SMTP sink (Release)"
      built=0
      for attempt in 1 2 3; do # another build on the machine may hold a shared file
        if dotnet build "$bench_dir/SmtpSink" -c Release -o "$build_dir/smtp-sink" >"$work/build-sink.log" 2>&1; then built=1; break; fi
        log "SMTP sink build failed (attempt $attempt); retrying in 10 s"
        sleep 10
      done
      [ "$built" = 1 ] || { tail -n 20 "$work/build-sink.log" >&2; die "could not build the SMTP sink"; }
    fi
    sink_cmd=(dotnet "$sink_dll") ;;
  *) die "SINK must be csharp or python (got '$SINK')" ;;
esac

start_postgres PG_SETTINGS="-c track_commit_timestamp=on"
psql -X -q -d postgres -c 'CREATE DATABASE schedulingdb' >/dev/null
conn="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=$pg_password;Database=schedulingdb"
sql() { psql -X -At -F ' ' -v ON_ERROR_STOP=1 -d schedulingdb "$@"; }
log "migrating (the service's own migrate command, as the AppHost runs it first)"
(cd "$scheduling_build" && Logging__LogLevel__Default=Warning exec timeout 120 \
  dotnet CrmSuite.Scheduling.Api.dll migrate --ConnectionStrings:schedulingdb="$conn") >"$work/migrate.log" 2>&1 || die "migration failed"

{
  echo "machine: $(nproc) cores, $(uname -sr); $(date -u '+%Y-%m-%d %H:%M UTC'); load average before: $(cut -d ' ' -f 1-3 /proc/loadavg)"
  echo "commit:  $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$repo" diff --quiet HEAD 2>/dev/null || echo ' (+ uncommitted changes)')"
  [ -z "${SCHEDULING_BUILD:-}" ] || echo "service: $SCHEDULING_BUILD"
  echo "sink:    $SINK (SMTP server on loopback: ${sink_cmd[*]})"
  [ "$WARM" = 0 ] || echo "warm-up: $WARM reminders (in-app + e-mail) delivered before the measured minute, not counted"
  echo "setup:   PostgreSQL durable (fsync on); $REMINDERS reminders due at one instant across $PEOPLE people; claims of $BATCH; service poll interval ${POLL:-default (5 s)}"
} | tee "$summary"

seed_reminders() { # seed_reminders TAG DUE_EPOCH
  sql -q -v reminders="$REMINDERS" -v people="$PEOPLE" -v due="$2" -v tag="$1" -f "$bench_dir/seed_reminders.sql" >>"$work/seed.log" 2>&1 ||
    { cat "$work/seed.log" >&2; die "seeding reminders failed"; }
}
# Measured from PostgreSQL's commit timestamps (one clock): the notifications of the reminders due at DUE.
# Prints "due_to_last_s first_to_last_s delivered distinct pending late".
measure() { # measure DUE_EPOCH
  sql -c "SELECT round(extract(epoch FROM max(pg_xact_commit_timestamp(n.xmin))) - $1, 3),
                 round(extract(epoch FROM max(pg_xact_commit_timestamp(n.xmin)) - min(pg_xact_commit_timestamp(n.xmin))), 3),
                 count(*), count(DISTINCT n.reminder_id),
                 (SELECT count(*) FROM reminders WHERE status = 1 AND due_at = to_timestamp($1)),
                 count(*) FILTER (WHERE n.late)
          FROM notifications n WHERE n.due_at = to_timestamp($1)"
}
wait_delivered() { # wait_delivered DUE_EPOCH TIMEOUT_S: until every reminder due at DUE has a notification
  local deadline=$((SECONDS + $2)) done_count
  while :; do
    done_count=$(sql -c "SELECT count(*) FROM notifications WHERE due_at = to_timestamp($1)")
    [ "$done_count" -ge "$REMINDERS" ] && return 0
    ((SECONDS < deadline)) || { log "only $done_count of $REMINDERS delivered after ${2}s"; return 1; }
    sleep 0.5
  done
}
sleep_until() { # sleep_until EPOCH
  local now; now=$(date +%s.%N)
  awk -v t="$1" -v n="$now" 'BEGIN { exit !(t > n) }' && sleep "$(awk -v t="$1" -v n="$now" 'BEGIN { printf "%.3f", t - n }')"
  return 0
}

# ---------------------------------------------------------------- (a) raw claim loop
due_raw=$(($(date +%s) + 10))
log "raw: seeding $REMINDERS reminders due at $(date -u -d "@$due_raw" +%T)"
seed_reminders raw "$due_raw"
sed "s/@BATCH@/$BATCH/g" "$bench_dir/raw_claim.sql" >"$work/raw_claim.sql"
sleep_until "$due_raw"
log "raw: two psql claim loops"
psql -X -q -v ON_ERROR_STOP=1 -d schedulingdb -f "$work/raw_claim.sql" >"$work/raw1.log" 2>&1 & raw1_pid=$!
psql -X -q -v ON_ERROR_STOP=1 -d schedulingdb -f "$work/raw_claim.sql" >"$work/raw2.log" 2>&1 & raw2_pid=$!
wait "$raw1_pid" || die "raw claim loop 1 failed: $(cat "$work/raw1.log")"
wait "$raw2_pid" || die "raw claim loop 2 failed: $(cat "$work/raw2.log")"
raw1_pid='' raw2_pid=''
read -r raw_last raw_drain raw_rows raw_distinct raw_pending raw_late < <(measure "$due_raw")
# The service's run starts from the same table sizes.
sql -q -c "DELETE FROM notifications WHERE due_at = to_timestamp($due_raw)" -c "DELETE FROM items WHERE title LIKE 'raw meeting %'" \
  -c "VACUUM ANALYZE reminders" -c "VACUUM ANALYZE notifications" -c "VACUUM ANALYZE items" >/dev/null

# ---------------------------------------------------------------- services
make_issuer scheduling.read
head_token=$(python3 "$bench_dir/head_token.py" "$issuer_url" "$work/bench-key.pem" bench-head bench-team) || die "could not make the head's token"
pubsub_http=$(free_port) pubsub_grpc=$(free_port)
(cd "$build_dir/pubsub" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  Kestrel__Endpoints__http__Url="http://127.0.0.1:$pubsub_http" Kestrel__Endpoints__grpc__Url="http://127.0.0.1:$pubsub_grpc" \
  dotnet CrmSuite.PubSubEmulator.dll) >"$work/pubsub.log" 2>&1 &
pubsub_pid=$!
export DAPR_HTTP_ENDPOINT="http://127.0.0.1:$pubsub_http" DAPR_GRPC_ENDPOINT="http://127.0.0.1:$pubsub_grpc"
poll_env=(); [ -n "$POLL" ] && poll_env=(Scheduling__Reminders__PollInterval="$POLL" Scheduling__Channels__PollInterval="$POLL")
# The local SMTP server the replicas send the reminders' e-mails to.
"${sink_cmd[@]}" "$work/mails.txt" >"$work/smtp-sink.log" 2>&1 &
sink_pid=$!
for _ in $(seq 1 150); do grep -q '^PORT=' "$work/smtp-sink.log" && break; sleep 0.2; done
smtp_port=$(sed -n 's/^PORT=//p' "$work/smtp-sink.log")
[ -n "$smtp_port" ] || die "the SMTP sink did not start: $(cat "$work/smtp-sink.log")"
email_env=(Scheduling__Email__Host=127.0.0.1 Scheduling__Email__Port="$smtp_port" Scheduling__Email__From=crm@bench.example
  Scheduling__Email__Tls=None Scheduling__Channels__PublicBaseUrl=https://crm.bench.example)
start_scheduling() { # start_scheduling NAME HTTP GRPC: one replica of the service (its own dispatcher)
  (cd "$scheduling_build" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
    ConnectionStrings__schedulingdb="$conn" Clients__GrpcAddress="http://127.0.0.1:9" \
    Scheduling__Reminders__BatchSize="$BATCH" "${poll_env[@]}" "${email_env[@]}" \
    DOTNET_PerfMapEnabled="$([ "$PROFILE" = 1 ] && echo 1 || echo 0)" DOTNET_EnableWriteXorExecute="$([ "$PROFILE" = 1 ] && echo 0 || echo 1)" \
    Kestrel__Endpoints__http__Url="http://127.0.0.1:$2" Kestrel__Endpoints__grpc__Url="http://127.0.0.1:$3" \
    dotnet CrmSuite.Scheduling.Api.dll) >"$work/$1.log" 2>&1 &
}
a_http=$(free_port) a_grpc=$(free_port) b_http=$(free_port) b_grpc=$(free_port)
gateway_http=$(free_port) gateway_grpc=$(free_port)
log "starting two scheduling replicas (127.0.0.1:$a_http, 127.0.0.1:$b_http), the pub/sub emulator and the gateway"
start_scheduling scheduling-a "$a_http" "$a_grpc"; a_pid=$!
start_scheduling scheduling-b "$b_http" "$b_grpc"; b_pid=$!
# The gateway keeps its sessions and data-protection keys in its own database (its `migrate` creates it).
gateway_conn="${conn%Database=*}Database=gatewaydb"
(cd "$build_dir/gateway" && dotnet CrmSuite.Gateway.dll migrate --ConnectionStrings:gatewaydb="$gateway_conn") >>"$work/migrate.log" 2>&1 || die "the gateway's migration failed"
(cd "$build_dir/gateway" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  ConnectionStrings__gatewaydb="$gateway_conn" \
  Kestrel__Endpoints__http__Url="http://127.0.0.1:$gateway_http" Kestrel__Endpoints__grpc__Url="http://127.0.0.1:$gateway_grpc" \
  services__scheduling__http__0="http://127.0.0.1:$a_http" services__scheduling__grpc__0="http://127.0.0.1:$a_grpc" \
  Identity__Clients__Gateway__Secret=bench-unused \
  dotnet CrmSuite.Gateway.dll) >"$work/gateway.log" 2>&1 &
gateway_pid=$!
wait_for "http://127.0.0.1:$pubsub_http/health" "$pubsub_pid" "pub/sub emulator" 240
wait_for "http://127.0.0.1:$a_http/health" "$a_pid" "scheduling replica A" 240
wait_for "http://127.0.0.1:$b_http/health" "$b_pid" "scheduling replica B" 240
wait_for "http://127.0.0.1:$gateway_http/health" "$gateway_pid" gateway 240

# CPU time (utime+stime, clock ticks) of each part over (a), so the e-mail figure can be explained:
# the two replicas, the SMTP sink, PostgreSQL (postmaster + backends + exited backends) and the machine.
clk_tck=$(getconf CLK_TCK 2>/dev/null || echo 100)
pg_master=$(head -n 1 "$work/pgdata/postmaster.pid")
cpu_snapshot() { # "replica_a replica_b sink postgres machine_busy machine_total" in ticks
  local busy total
  read -r busy total < <(awk '/^cpu / { t = 0; for (i = 2; i <= NF; i++) t += $i; print t - $5 - $6, t }' /proc/stat)
  # shellcheck disable=SC2046
  echo "$(proc_ticks "$a_pid") $(proc_ticks "$b_pid") $(proc_ticks "$sink_pid") $(proc_ticks "$pg_master" $(ps -o pid= --ppid "$pg_master")) $busy $total"
}

# ---------------------------------------------------------------- (a) the service's two dispatchers
warm_mails=0
if [ "$WARM" -gt 0 ]; then
  due_warm=$(($(date +%s) + 5))
  log "warm-up: $WARM reminders due at $(date -u -d "@$due_warm" +%T), in-app and by e-mail, not counted"
  REMINDERS=$WARM seed_reminders warm "$due_warm"
  deadline=$((SECONDS + 300))
  until [ "$(wc -l <"$work/mails.txt" 2>/dev/null || echo 0)" -ge "$WARM" ]; do
    ((SECONDS < deadline)) || die "the warm-up's e-mails did not all arrive within 300 s"
    sleep 0.5
  done
  sleep 2
  warm_mails=$(wc -l <"$work/mails.txt")
fi
due_svc=$(($(date +%s) + 15))
log "service: seeding $REMINDERS reminders due at $(date -u -d "@$due_svc" +%T)"
seed_reminders service "$due_svc"
sleep_until "$due_svc"
cpu_before=$(cpu_snapshot)
perf_pid=''
if [ "$PROFILE" = 1 ]; then
  perf record -q -F 499 -g -p "$a_pid" -o "$RESULTS_DIR/replica-a.perf.data" >"$RESULTS_DIR/perf-record.log" 2>&1 & perf_pid=$!
fi
log "service: waiting for the two replicas to deliver"
svc_ok=yes
wait_delivered "$due_svc" 180 || svc_ok=no
sleep 1 # a batch still committing after the count was reached would show as a duplicate below
read -r svc_last svc_drain svc_rows svc_distinct svc_pending svc_late < <(measure "$due_svc")
log "service: waiting for the e-mails at the SMTP server"
mail_ok=yes
deadline=$((SECONDS + 180))
until [ "$(wc -l <"$work/mails.txt" 2>/dev/null || echo 0)" -ge "$((REMINDERS + warm_mails))" ]; do
  ((SECONDS < deadline)) || { mail_ok=no; log "only $(wc -l <"$work/mails.txt") of $REMINDERS e-mails after 180 s"; break; }
  sleep 0.5
done
cpu_after=$(cpu_snapshot)
if [ -n "$perf_pid" ]; then
  kill -INT "$perf_pid" 2>/dev/null; wait "$perf_pid" 2>/dev/null || true
  {
    echo "# replica A from the due second to the last mail, self time by function (perf record -F 499 -g)"
    perf report -i "$RESULTS_DIR/replica-a.perf.data" --stdio --no-children --sort dso,symbol --percent-limit 0.7 -g none 2>/dev/null | grep -v '^$'
    echo "# time including callees"
    perf report -i "$RESULTS_DIR/replica-a.perf.data" --stdio --children --sort symbol --percent-limit 4 -g none 2>/dev/null | grep -v '^$'
  } >"$RESULTS_DIR/replica-a-profile.txt"
fi
sleep 1 # a late duplicate would arrive now
# "due_to_last_s first_to_last_s received distinct" from the SMTP server's own arrival times.
read -r mail_last mail_drain mail_rows mail_distinct < <(awk -v due="$due_svc" '
  { t = $1; if (n == 0 || t < first) first = t; if (t > last) last = t; n++; if (!($2 in seen)) { seen[$2] = 1; d++ } }
  END { printf "%.3f %.3f %d %d\n", (n ? last - due : 0), (n ? last - first : 0), n, d }' <(tail -n "+$((warm_mails + 1))" "$work/mails.txt"))
mail_dup=$((mail_rows - mail_distinct)) mail_lost=$((REMINDERS - mail_distinct))
mail_failed=$(sql -c "SELECT count(*) FROM reminder_deliveries WHERE status = 3")
# Every batch the dispatchers committed is audited with its count: more than REMINDERS in sum is a double delivery.
read -r svc_batches svc_claimed < <(sql -c "SELECT count(*), coalesce(sum((jsonb_path_query_first(payload, 'strict \$.**.delivered') #>> '{}')::int), 0)
  FROM outbox_messages WHERE occurred_at >= to_timestamp($due_svc) AND payload::text LIKE '%scheduling.reminders.delivered%'
    AND jsonb_path_exists(payload, 'strict \$.**.channel ? (@ == \"in-app\")')")
raw_dup=$((raw_rows - raw_distinct)) raw_lost=$((REMINDERS - raw_distinct))
svc_dup=$((svc_rows - svc_distinct + (svc_claimed > svc_rows ? svc_claimed - svc_rows : 0))) svc_lost=$((REMINDERS - svc_distinct))
{
  echo
  echo "(a) reminders: $REMINDERS due at one instant, in-app channel, two claimers"
  printf '%-34s %12s %14s %14s %10s %6s %6s\n' case due_to_last_s drain_s deliveries/s duplicates lost late
  awk -v n="$REMINDERS" -v l="$svc_last" -v d="$svc_drain" -v dup="$svc_dup" -v lost="$svc_lost" -v late="$svc_late" \
    'BEGIN { printf "%-34s %12.2f %14.2f %14.0f %10d %6d %6d\n", "service (2 replicas)", l, d, (d > 0 ? n / d : 0), dup, lost, late }'
  awk -v n="$REMINDERS" -v l="$raw_last" -v d="$raw_drain" -v dup="$raw_dup" -v lost="$raw_lost" -v late="$raw_late" \
    'BEGIN { printf "%-34s %12.2f %14.2f %14.0f %10d %6d %6d\n", "raw SQL claim loop (2 sessions)", l, d, (d > 0 ? n / d : 0), dup, lost, late }'
  awk -v n="$REMINDERS" -v l="$mail_last" -v d="$mail_drain" -v dup="$mail_dup" -v lost="$mail_lost" \
    'BEGIN { printf "%-34s %12.2f %14.2f %14.0f %10d %6d %6s\n", "service e-mail (2 replicas, SMTP)", l, d, (d > 0 ? n / d : 0), dup, lost, "-" }'
  echo "e-mail deliveries given up as failed: $mail_failed"
  # CPU from the due second to the last mail (+ up to 0.5 s of polling): where the drain's time went.
  read -r -a cb <<<"$cpu_before"; read -r -a ca <<<"$cpu_after"
  awk -v t="$clk_tck" -v ra="$((ca[0] - cb[0]))" -v rb="$((ca[1] - cb[1]))" -v sk="$((ca[2] - cb[2]))" -v pg="$((ca[3] - cb[3]))" \
      -v busy="$((ca[4] - cb[4]))" -v total="$((ca[5] - cb[5]))" 'BEGIN {
    other = busy - ra - rb - sk - pg; if (other < 0) other = 0
    printf "CPU s due -> last mail: replica A %.2f, replica B %.2f, SMTP sink %.2f, PostgreSQL %.2f, everything else %.2f; machine busy %.0f%%\n",
      ra / t, rb / t, sk / t, pg / t, other / t, (total > 0 ? 100 * busy / total : 0) }'
  awk -v sl="$svc_last" -v rl="$raw_last" -v sd="$svc_drain" -v rd="$raw_drain" 'BEGIN {
    printf "ratio service/raw: due-to-last %.2f, deliveries/s while draining %.2f\n", sl / rl, (sd > 0 ? rd / sd : 0) }'
  echo "service batches audited: $svc_batches, reminders in them: $svc_claimed"
  awk -v l="$svc_last" -v dup="$svc_dup" -v lost="$svc_lost" -v ml="$mail_last" -v mdup="$mail_dup" -v mlost="$mail_lost" 'BEGIN {
    printf "target: all delivered within 10 s of due, duplicates 0: in-app %s, e-mail %s\n",
      (l <= 10 && dup == 0 && lost == 0) ? "met" : "not met", (ml <= 10 && mdup == 0 && mlost == 0) ? "met" : "not met" }'
  echo "load average after (a): $(cut -d ' ' -f 1-3 /proc/loadavg)"
} | tee -a "$summary"

# ---------------------------------------------------------------- (b) week view
if [ "$WEEK" = 0 ]; then
  log "WEEK=0: the week view is skipped"
  [ "$svc_ok" = yes ] && [ "$svc_dup" -eq 0 ] && [ "$svc_lost" -eq 0 ] && [ "$mail_ok" = yes ] && [ "$mail_dup" -eq 0 ] && [ "$mail_lost" -eq 0 ] && [ "$raw_dup" -eq 0 ] && [ "$raw_lost" -eq 0 ] ||
    { echo "FAILED: reminders lost or duplicated" | tee -a "$summary"; exit 1; }
  echo "duplicates 0, lost 0; raw output in $RESULTS_DIR"
  exit 0
fi
log "seeding a year of a 50-person team's calendar"
timeout 600 psql -X -q -v ON_ERROR_STOP=1 -v team=bench-team -d schedulingdb -f "$bench_dir/seed_week.sql" >>"$work/seed.log" 2>&1 ||
  { cat "$work/seed.log" >&2; die "seeding the team's year failed"; }
team_items=$(sql -c "SELECT count(*) FROM items WHERE team_id = 'bench-team'")
sql -c "SELECT to_char(((date_trunc('week', now())::date - 364 + 7 * (w - 1))::timestamp AT TIME ZONE 'Europe/Berlin') AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),
               to_char(((date_trunc('week', now())::date - 364 + 7 * w)::timestamp AT TIME ZONE 'Europe/Berlin') AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')
        FROM generate_series(1, 52) w" >"$work/weeks.txt"
res_gw='' res_direct=''
view() { # view NAME BASE PATH
  python3 "$bench_dir/week_view.py" "$2" "$3" "$head_token" "$work/weeks.txt" "$WARMUP" "$VIEWS" 12 "$PAGE" >"$RESULTS_DIR/$1.txt" ||
    { tail -n 5 "$RESULTS_DIR/$1.txt" >&2; die "week view through $1 failed"; }
  grep '^RESULT ' "$RESULTS_DIR/$1.txt"
}
log "week view: $VIEWS views through the gateway, then straight to the service"
res_gw=$(view gateway "http://127.0.0.1:$gateway_http" /api/scheduling/v1/items)
res_direct=$(view service "http://127.0.0.1:$a_http" /v1/items)
log "week view, compact (the calendar's own read, GET /v1/calendar): $VIEWS views through the gateway, then straight to the service"
res_cal_gw=$(view gateway-calendar "http://127.0.0.1:$gateway_http" /api/scheduling/v1/calendar)
res_cal_direct=$(view service-calendar "http://127.0.0.1:$a_http" /v1/calendar)
log "week view: the same SQL with pgbench"
# The service's own pages: the first, then one keyset page for every further PAGE items of the week.
week_pages=$(((team_items / 52 + PAGE - 1) / PAGE))
{ cat "$bench_dir/week.sql"; for ((p = 1; p < week_pages; p++)); do cat "$bench_dir/week_next.sql"; done; } >"$work/week_view.sql"
pgbench -n -c 1 -j 1 -t "$((WARMUP + VIEWS))" -D limit="$((PAGE + 1))" -l --log-prefix="$work/pgbench" -f "$work/week_view.sql" schedulingdb >"$RESULTS_DIR/pgbench.txt" 2>&1 ||
  { cat "$RESULTS_DIR/pgbench.txt" >&2; die "pgbench failed"; }
sql_rows=$(sql -c "SELECT count(*) FROM items WHERE team_id = 'bench-team' AND starts_at >= (date_trunc('week', now())::date - 364)::timestamp AT TIME ZONE 'Europe/Berlin' AND starts_at < (date_trunc('week', now())::date - 357)::timestamp AT TIME ZONE 'Europe/Berlin'")
read -r sql_p50 sql_p95 < <(cat "$work"/pgbench.* | awk '{ print $3 / 1000 }' | tail -n "$VIEWS" | sort -g |
  awk '{ a[NR] = $1 } END { printf "%.2f %.2f\n", a[int(0.50 * NR) + 1], a[int(0.95 * NR) + 1] }')
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }
{
  echo
  echo "(b) week view of a 50-person team's head, a year of history ($team_items items), $VIEWS views over random weeks, sequential"
  printf '%-40s %9s %9s %11s %7s %8s\n' path p50_ms p95_ms items/view pages kb/view
  printf '%-40s %9s %9s %11s %7s %8s\n' "gateway -> service (REST, all pages)" "$(field p50_ms "$res_gw")" "$(field p95_ms "$res_gw")" "$(field items_avg "$res_gw")" "$(field pages_avg "$res_gw")" "$(field kb_avg "$res_gw")"
  printf '%-40s %9s %9s %11s %7s %8s\n' "service direct (REST, all pages)" "$(field p50_ms "$res_direct")" "$(field p95_ms "$res_direct")" "$(field items_avg "$res_direct")" "$(field pages_avg "$res_direct")" "$(field kb_avg "$res_direct")"
  printf '%-40s %9s %9s %11s %7s %8s\n' "gateway -> calendar view (compact)" "$(field p50_ms "$res_cal_gw")" "$(field p95_ms "$res_cal_gw")" "$(field items_avg "$res_cal_gw")" "$(field pages_avg "$res_cal_gw")" "$(field kb_avg "$res_cal_gw")"
  printf '%-40s %9s %9s %11s %7s %8s\n' "service direct, calendar view (compact)" "$(field p50_ms "$res_cal_direct")" "$(field p95_ms "$res_cal_direct")" "$(field items_avg "$res_cal_direct")" "$(field pages_avg "$res_cal_direct")" "$(field kb_avg "$res_cal_direct")"
  printf '%-40s %9s %9s %11s %7s %8s\n' "same SQL (pgbench, same pages)" "$sql_p50" "$sql_p95" "$sql_rows" "$week_pages" -
  awk -v g="$(field p95_ms "$res_gw")" -v d="$(field p95_ms "$res_direct")" -v c="$(field p95_ms "$res_cal_gw")" -v s="$sql_p95" 'BEGIN {
    printf "ratio p95 gateway/SQL: items %.1f, calendar view %.1f; service/SQL %.1f\n", g / s, c / s, d / s
    printf "target p95 <= 50 ms through the gateway: items %s, calendar view %s\n", (g <= 50) ? "met" : "not met", (c <= 50) ? "met" : "not met" }'
  echo "load average after (b): $(cut -d ' ' -f 1-3 /proc/loadavg)"
} | tee -a "$summary"

[ "$svc_ok" = yes ] && [ "$svc_dup" -eq 0 ] && [ "$svc_lost" -eq 0 ] && [ "$mail_ok" = yes ] && [ "$mail_dup" -eq 0 ] && [ "$mail_lost" -eq 0 ] && [ "$raw_dup" -eq 0 ] && [ "$raw_lost" -eq 0 ] ||
  { echo "FAILED: reminders lost or duplicated" | tee -a "$summary"; exit 1; }
echo "duplicates 0, lost 0; raw output in $RESULTS_DIR"
