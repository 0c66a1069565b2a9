#!/usr/bin/env bash
# Gateway overhead bench: GetCompany (REST, JSON transcoding) straight to the clients service vs
# the same call through the YARP gateway, in interleaved A/B rounds on the same machine.
#
#   bench/gateway-overhead/run.sh
#
# Everything is set up and torn down by the script: a throw-away PostgreSQL cluster (the project's
# own run-postgres.sh) in a temp dir, Release builds of the clients service, the gateway and the
# pub/sub emulator in bench/.build, the schema (the service's own `migrate`), 100k seeded
# companies, a stand-in token issuer (bench_issuer.py: discovery + JWKS served by
# python3 -m http.server, one signed access token with clients.read and visibility "all", sent on
# every request both ways), the project's
# pub/sub emulator as the clients service's Dapr sidecar (GetCompany records an audit event that
# the outbox relay publishes; no subscribers, so events are accepted and dropped), both services
# on free loopback ports. Only 127.0.0.1 is ever targeted.
#
# Environment (all optional):
#   ROUNDS=5        A/B rounds (each: DURATION s direct, then DURATION s through the gateway)
#   DURATION=10     seconds per measured run
#   WARMUP=5        seconds of warm-up for each target before the rounds
#   THREADS=2       wrk threads            CONNECTIONS=32  wrk connections
#   COMPANIES=100000 seeded companies      IDS=10000       random ids the load picks from
#   TARGET=0.80     gateway_rps / direct_rps the bench reports against
#   SKIP_BUILD=1    reuse bench/.build (skip dotnet publish)
#   PROFILE=1       after the rounds, one more direct run of DURATION s under `perf record` (Debian's
#                   linux-perf, installed if missing) on the clients service, which then writes a
#                   perf map for its JIT-compiled code (and keeps that code in plain anonymous
#                   memory, W^X off, so perf can name it); the hottest functions (self time) and the
#                   hottest call paths go to clients-profile.txt in the results
#   RESULTS_DIR=... where the raw wrk output and the summary go
#                   (default bench/gateway-overhead/results/<timestamp>, git-ignored)
# Exit status: 0 when every response was 200 (whether or not the target was met), non-zero on a
# setup failure or when any non-200 response or socket error was seen.
set -euo pipefail

ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-5}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
COMPANIES=${COMPANIES:-100000}
IDS=${IDS:-10000}
TARGET=${TARGET:-0.80}
SKIP_BUILD=${SKIP_BUILD:-0}
PROFILE=${PROFILE:-0}

for v in ROUNDS DURATION WARMUP THREADS CONNECTIONS COMPANIES IDS; do
  if ! [[ ${!v} =~ ^[0-9]+$ ]] || [ "${!v}" -lt 1 ]; then
    echo "$v must be a positive integer (got '${!v}')" >&2
    exit 2
  fi
done

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$bench_dir/../.." && pwd)
build_dir=$repo/bench/.build
RESULTS_DIR=${RESULTS_DIR:-$bench_dir/results/$(date -u +%Y%m%dT%H%M%SZ)}

# shellcheck source=../lib.sh
source "$bench_dir/../lib.sh"

# ---------------------------------------------------------------- cleanup
work=$(mktemp -d "${TMPDIR:-/tmp}/crmsuite-gw-bench.XXXXXX")
# The postgres user (when we run as root) must be able to reach the data dir inside it.
chmod 755 "$work"
clients_pid='' gateway_pid='' issuer_pid='' pubsub_pid='' wrk_pid='' perf_pid=''

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  set +e
  stop_pid "$wrk_pid" wrk
  stop_pid "$perf_pid" perf
  stop_pid "$gateway_pid" gateway
  stop_pid "$clients_pid" clients
  stop_pid "$pubsub_pid" pubsub
  stop_pid "$issuer_pid" issuer
  stop_pid "$pg_pid" postgres
  stop_postmaster "$work/pgdata"
  if [ -d "$RESULTS_DIR" ]; then cp "$work"/*.log "$RESULTS_DIR"/ 2>/dev/null; fi
  if [ "$status" -ne 0 ] && [ "$status" -ne 130 ] && [ "$status" -ne 143 ] && [ -d "$work" ]; then
    for f in clients.log gateway.log pubsub.log postgres.log migrate.log; do
      if [ -s "$work/$f" ]; then
        log "last lines of $f:"
        tail -n 20 "$work/$f" >&2
      fi
    done
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- tools
apt_get=(apt-get); [ "$(id -u)" = 0 ] || apt_get=(sudo apt-get)
if ! command -v wrk >/dev/null 2>&1; then
  log "installing wrk"
  if ! DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y wrk >/dev/null; then
    DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" update >/dev/null
    DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y wrk >/dev/null
  fi
fi
require_tools wrk psql curl dotnet awk python3 openssl

mkdir -p "$RESULTS_DIR"
log "results: $RESULTS_DIR"

# ---------------------------------------------------------------- build
cd "$repo"
publish_all clients=services/Clients/CrmSuite.Clients.Api gateway=gateway/CrmSuite.Gateway pubsub=AppHost/CrmSuite.PubSubEmulator

# ---------------------------------------------------------------- PostgreSQL
start_postgres PG_EPHEMERAL=1

conn="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=$pg_password;Database=clientsdb"

log "migrating (the service's own migrate command)"
# Run from the publish directory: a host's content root is the working directory, and
# appsettings.json (the gateway's routes, the Kestrel protocols) is only found there.
(cd "$build_dir/clients" && Logging__LogLevel__Default=Warning exec timeout 120 \
  dotnet CrmSuite.Clients.Api.dll migrate --ConnectionStrings:clientsdb="$conn") \
  >"$work/migrate.log" 2>&1 || die "migration failed"

log "seeding $COMPANIES companies"
timeout 300 psql -X -q -v ON_ERROR_STOP=1 -v companies="$COMPANIES" -d clientsdb -f "$bench_dir/seed.sql" \
  >"$work/seed.log" 2>&1 || { cat "$work/seed.log" >&2; die "seeding failed"; }
counts=$(psql -X -At -F ' ' -d clientsdb -c 'select (select count(*) from companies), (select count(*) from contacts)')
log "seeded: companies/contacts = $counts"

ids_file=$work/ids.txt
psql -X -At -d clientsdb -c "select id from companies order by random() limit $IDS" >"$ids_file"
[ -s "$ids_file" ] || die "no company ids exported"
log "exported $(wc -l <"$ids_file") random company ids"

# ---------------------------------------------------------------- token issuer
# The clients service accepts only bearer tokens signed by identity's published keys. The bench
# stands in for identity: it publishes its own key (discovery document + JWKS, static files) and
# signs one access token with the claims identity gives a user who may read every company.
make_issuer clients.read
authorization="Bearer $token"

# ---------------------------------------------------------------- services
# The clients service publishes audit events through Dapr's sidecar contract. Point it at the
# bench's own emulator: left at Dapr's default ports it could reach another process on the machine.
pubsub_http=$(free_port)
pubsub_grpc=$(free_port)
log "starting the pub/sub emulator on 127.0.0.1:$pubsub_http (grpc $pubsub_grpc)"
(cd "$build_dir/pubsub" && exec env \
  ASPNETCORE_ENVIRONMENT=Production \
  Kestrel__Endpoints__http__Url="http://127.0.0.1:$pubsub_http" \
  Kestrel__Endpoints__grpc__Url="http://127.0.0.1:$pubsub_grpc" \
  Logging__LogLevel__Default=Warning \
  dotnet CrmSuite.PubSubEmulator.dll) >"$work/pubsub.log" 2>&1 &
pubsub_pid=$!
export DAPR_HTTP_ENDPOINT="http://127.0.0.1:$pubsub_http" DAPR_GRPC_ENDPOINT="http://127.0.0.1:$pubsub_grpc"

clients_http=$(free_port)
clients_grpc=$(free_port)
gateway_http=$(free_port)
gateway_grpc=$(free_port)

log "starting the clients service on 127.0.0.1:$clients_http (grpc $clients_grpc)"
(cd "$build_dir/clients" && exec env \
  ASPNETCORE_ENVIRONMENT=Production \
  ConnectionStrings__clientsdb="$conn" \
  Kestrel__Endpoints__http__Url="http://127.0.0.1:$clients_http" \
  Kestrel__Endpoints__grpc__Url="http://127.0.0.1:$clients_grpc" \
  Logging__LogLevel__Default=Warning \
  DOTNET_PerfMapEnabled="$([ "$PROFILE" = 1 ] && echo 1 || echo 0)" \
  DOTNET_EnableWriteXorExecute="$([ "$PROFILE" = 1 ] && echo 0 || echo 1)" \
  dotnet CrmSuite.Clients.Api.dll) >"$work/clients.log" 2>&1 &
clients_pid=$!

log "starting the gateway on 127.0.0.1:$gateway_http (grpc $gateway_grpc)"
# The gateway keeps its sessions and data-protection keys in its own database (its `migrate` creates it).
gateway_conn="${conn%Database=*}Database=gatewaydb"
(cd "$build_dir/gateway" && dotnet CrmSuite.Gateway.dll migrate --ConnectionStrings:gatewaydb="$gateway_conn") >>"$work/migrate.log" 2>&1 || die "the gateway's migration failed"
(cd "$build_dir/gateway" && exec env \
  ConnectionStrings__gatewaydb="$gateway_conn" \
  ASPNETCORE_ENVIRONMENT=Production \
  Kestrel__Endpoints__http__Url="http://127.0.0.1:$gateway_http" \
  Kestrel__Endpoints__grpc__Url="http://127.0.0.1:$gateway_grpc" \
  services__clients__http__0="http://127.0.0.1:$clients_http" \
  services__clients__grpc__0="http://127.0.0.1:$clients_grpc" \
  Identity__Clients__Gateway__Secret=bench-unused \
  Logging__LogLevel__Default=Warning \
  dotnet CrmSuite.Gateway.dll) >"$work/gateway.log" 2>&1 &
gateway_pid=$!

wait_for "http://127.0.0.1:$pubsub_http/health" "$pubsub_pid" "pub/sub emulator" 60
wait_for "http://127.0.0.1:$clients_http/health" "$clients_pid" "clients service" 60
wait_for "http://127.0.0.1:$gateway_http/health" "$gateway_pid" gateway 60

direct_base="http://127.0.0.1:$clients_http"
direct_prefix="/v1/companies/"
gateway_base="http://127.0.0.1:$gateway_http"
gateway_prefix="/api/clients/v1/companies/"

# One request each way before the load, so a routing mistake fails fast and readably.
sample_id=$(head -n 1 "$ids_file")
for url in "$direct_base$direct_prefix$sample_id" "$gateway_base$gateway_prefix$sample_id"; do
  code=$(curl -s -o "$work/sample.json" -w '%{http_code}' --max-time 10 -H "Authorization: $authorization" "$url" || true)
  [ "$code" = 200 ] || { cat "$work/sample.json" >&2 2>/dev/null; die "GET $url answered ${code:-nothing}, expected 200"; }
done
log "sample response: $(head -c 300 "$work/sample.json")"
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$direct_base$direct_prefix$sample_id" || true)
log "without the token the service answers $code (401 expected: the bench measures the authenticated path)"

# ---------------------------------------------------------------- load
# CPU accounting, so a low ratio can be explained: CPU time (utime+stime, clock ticks) of the
# clients service, the gateway and PostgreSQL (postmaster + backends), and of the whole machine.
clk_tck=$(getconf CLK_TCK 2>/dev/null || echo 100)
pg_master=$(head -n 1 "$work/pgdata/postmaster.pid")
cpu_snapshot() { # "clients gateway postgres pubsub machine_busy machine_total" in ticks
  local busy total
  read -r busy total < <(awk '/^cpu / { t = 0; for (i = 2; i <= NF; i++) t += $i; print t - $5 - $6, t }' /proc/stat)
  # shellcheck disable=SC2046
  echo "$(proc_ticks "$clients_pid") $(proc_ticks "$gateway_pid") $(proc_ticks "$pg_master" $(ps -o pid= --ppid "$pg_master")) $(proc_ticks "$pubsub_pid") $busy $total"
}

total_bad=0
# run_wrk NAME SECONDS BASE PREFIX sets res="rps p50_us p95_us requests bad svc_us gw_us pg_us ps_us
# other_us busy_pct" (*_us: CPU microseconds per request; other: wrk and anything else running on
# the machine). wrk runs in the background and is waited for, so Ctrl+C or SIGTERM stop the bench
# at once instead of after the run.
res=''
run_wrk() {
  local name=$1 seconds=$2 base=$3 prefix=$4 out line before after status=0
  out=$RESULTS_DIR/$name.txt
  before=$(cpu_snapshot)
  timeout $((seconds + 60)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 5s --latency \
    -s "$bench_dir/get_company.lua" "$base" -- "$ids_file" "$prefix" "$authorization" >"$out" 2>&1 &
  wrk_pid=$!
  wait "$wrk_pid" || status=$?
  wrk_pid=''
  [ "$status" -eq 0 ] || { cat "$out" >&2; die "wrk failed ($name, status $status)"; }
  after=$(cpu_snapshot)
  echo "CPU ticks (clients gateway postgres pubsub machine_busy machine_total; CLK_TCK=$clk_tck) before: $before after: $after" >>"$out"
  line=$(grep '^RESULT ' "$out" | tail -n 1)
  [ -n "$line" ] || { cat "$out" >&2; die "wrk printed no RESULT line ($name)"; }
  res=$(awk -v before="$before" -v after="$after" -v hz="$clk_tck" '{
    for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    split(before, b, " "); split(after, a, " ")
    n = v["requests"] > 0 ? v["requests"] : 1
    us = 1e6 / hz / n
    svc = (a[1] - b[1]) * us; gw = (a[2] - b[2]) * us; pg = (a[3] - b[3]) * us; ps = (a[4] - b[4]) * us
    other = (a[5] - b[5]) * us - svc - gw - pg - ps
    busy = (a[6] - b[6]) > 0 ? 100 * (a[5] - b[5]) / (a[6] - b[6]) : 0
    print v["rps"], v["p50_us"], v["p95_us"], v["requests"], v["non200"] + v["socket_errors"], svc, gw, pg, ps, other, busy
  }' <<<"$line")
}

{
  echo "machine: $(nproc) cores, $(uname -sr); $(date -u '+%Y-%m-%d %H:%M UTC'); load average before: $(cut -d ' ' -f 1-3 /proc/loadavg)"
  echo "commit:  $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$repo" diff --quiet HEAD 2>/dev/null || echo ' (+ uncommitted changes)')"
  echo "load:    wrk -t$THREADS -c$CONNECTIONS, ${DURATION}s per run, $ROUNDS A/B rounds, ${WARMUP}s warm-up each; $COMPANIES companies, $(wc -l <"$ids_file") random ids"
} | tee "$RESULTS_DIR/summary.txt"

log "warming up: ${WARMUP}s direct, ${WARMUP}s through the gateway"
run_wrk warmup-direct "$WARMUP" "$direct_base" "$direct_prefix"
read -r _ _ _ _ bad _ <<<"$res"
total_bad=$((total_bad + bad))
run_wrk warmup-gateway "$WARMUP" "$gateway_base" "$gateway_prefix"
read -r _ _ _ _ bad _ <<<"$res"
total_bad=$((total_bad + bad))

d_rps=() d_p50=() d_p95=() d_cpu=() g_rps=() g_p50=() g_p95=() g_cpu=() g_gw=()
{
  echo "                                                 CPU µs per request                      machine"
  printf '%-6s %-8s %7s %7s %7s %8s %6s %7s %7s %8s %6s %6s %5s\n' \
    round target rps p50_ms p95_ms requests non200 service gateway postgres pubsub other busy%
} | tee -a "$RESULTS_DIR/summary.txt"
fmt_row() { # fmt_row ROUND TARGET rps p50 p95 n bad svc gw pg ps other busy
  awk -v r="$1" -v t="$2" -v rps="$3" -v p50="$4" -v p95="$5" -v n="$6" -v b="$7" \
    -v svc="$8" -v gw="$9" -v pg="${10}" -v ps="${11}" -v other="${12}" -v busy="${13}" 'BEGIN {
    printf "%-6s %-8s %7.0f %7.2f %7.2f %8d %6d %7.0f %7.0f %8.0f %6.0f %6.0f %5.0f\n",
      r, t, rps, p50 / 1000, p95 / 1000, n, b, svc, gw, pg, ps, other, busy }'
}
for ((round = 1; round <= ROUNDS; round++)); do
  run_wrk "round$round-direct" "$DURATION" "$direct_base" "$direct_prefix"
  read -r rps p50 p95 n bad svc gw pg ps other busy <<<"$res"
  d_rps+=("$rps") d_p50+=("$p50") d_p95+=("$p95") d_cpu+=("$(awk -v a="$svc" -v b="$pg" -v c="$ps" 'BEGIN { print a + b + c }')")
  total_bad=$((total_bad + bad))
  fmt_row "$round" direct $res | tee -a "$RESULTS_DIR/summary.txt"

  run_wrk "round$round-gateway" "$DURATION" "$gateway_base" "$gateway_prefix"
  read -r rps p50 p95 n bad svc gw pg ps other busy <<<"$res"
  g_rps+=("$rps") g_p50+=("$p50") g_p95+=("$p95") g_cpu+=("$(awk -v a="$svc" -v b="$pg" -v c="$ps" 'BEGIN { print a + b + c }')") g_gw+=("$gw")
  total_bad=$((total_bad + bad))
  fmt_row "$round" gateway $res | tee -a "$RESULTS_DIR/summary.txt"
done

median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
md_rps=$(median "${d_rps[@]}") md_p50=$(median "${d_p50[@]}") md_p95=$(median "${d_p95[@]}")
mg_rps=$(median "${g_rps[@]}") mg_p50=$(median "${g_p50[@]}") mg_p95=$(median "${g_p95[@]}")
md_cpu=$(median "${d_cpu[@]}") mg_cpu=$(median "${g_cpu[@]}") mg_gw=$(median "${g_gw[@]}")

awk -v drps="$md_rps" -v dp50="$md_p50" -v dp95="$md_p95" -v dcpu="$md_cpu" \
    -v grps="$mg_rps" -v gp50="$mg_p50" -v gp95="$mg_p95" -v gcpu="$mg_cpu" -v ggw="$mg_gw" \
    -v target="$TARGET" 'BEGIN {
  printf "median direct:  %8.0f req/s  p50 %6.2f ms  p95 %6.2f ms  (back end CPU %4.0f µs/req)\n", drps, dp50 / 1000, dp95 / 1000, dcpu
  printf "median gateway: %8.0f req/s  p50 %6.2f ms  p95 %6.2f ms  (back end CPU %4.0f µs/req + gateway %4.0f µs/req)\n", grps, gp50 / 1000, gp95 / 1000, gcpu, ggw
  ratio = grps / drps
  printf "ratio gateway_rps/direct_rps: %.3f   p95 ratio gateway/direct: %.2f\n", ratio, gp95 / dp95
  printf "target >= %.2f: %s\n", target, (ratio >= target) ? "met" : "not met"
}' | tee -a "$RESULTS_DIR/summary.txt"
{
  echo "load average after: $(cut -d ' ' -f 1-3 /proc/loadavg)"
  echo "(back end = clients service + PostgreSQL + pub/sub emulator; other = wrk and everything else on the machine)"
  outbox=$(psql -X -At -F ' ' -d clientsdb -c 'select count(*), count(*) filter (where published_at is null) from outbox_messages' 2>/dev/null || true)
  [ -z "$outbox" ] || echo "audit outbox: ${outbox% *} events recorded, ${outbox#* } not yet published"
} | tee -a "$RESULTS_DIR/summary.txt"

if [ "$PROFILE" = 1 ]; then
  if ! command -v perf >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y linux-perf >/dev/null
  fi
  log "profiling the clients service during one more ${DURATION}s direct run"
  perf record -q -F 499 -g -p "$clients_pid" -o "$RESULTS_DIR/clients.perf.data" -- sleep "$DURATION" 2>"$RESULTS_DIR/perf-record.log" &
  perf_pid=$!
  run_wrk profile-direct "$DURATION" "$direct_base" "$direct_prefix"
  wait "$perf_pid" || true
  {
    echo "# clients service, self time by function (perf record -F 499 -g during a direct run)"
    perf report -i "$RESULTS_DIR/clients.perf.data" --stdio --no-children --sort comm -g none 2>/dev/null | grep -v '^$'
    perf report -i "$RESULTS_DIR/clients.perf.data" --stdio --no-children --sort dso,symbol --percent-limit 0.5 -g none 2>/dev/null | grep -v '^$'
    echo
    echo "# time including callees, by function"
    perf report -i "$RESULTS_DIR/clients.perf.data" --stdio --children --sort symbol --percent-limit 3 -g none 2>/dev/null | grep -v '^$'
  } >"$RESULTS_DIR/clients-profile.txt"
  log "profile: $RESULTS_DIR/clients-profile.txt"
fi

if ((total_bad > 0)); then
  echo "FAILED: $total_bad non-200 responses or socket errors (see $RESULTS_DIR)" | tee -a "$RESULTS_DIR/summary.txt"
  exit 1
fi
echo "all responses were 200; raw wrk output in $RESULTS_DIR"
