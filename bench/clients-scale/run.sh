#!/usr/bin/env bash
# Clients at scale (issue #5 item 8, first piece): with COMPANIES (1,000,000) companies seeded by
# binary COPY into the clients service's own schema, measures
#   - search-as-you-type p95 through the gateway (GET /api/clients/v1/companies:search, bearer
#     token with clients.read and visibility "all") for 3–5 character prefixes of seeded names,
#     INNs and phones, against pgbench running the service's own search SQL with the same
#     parameters (target: p95 <= 50 ms and <= 1.5 x the raw SQL); the same search straight to the
#     service is shown too, to split the gateway's share from the service's;
#   - the first page of the list, straight to the service, by name and by last activity (most
#     recent first), against the same SQL in pgbench for reference (target: p95 <= 20 ms);
#   - import of 100,000 rows through the service's import API (upload, mapping + preview, run)
#     against psql \copy of the same file (target: >= 20,000 rows/s and >= 0.5 of COPY).
#
#   bench/clients-scale/run.sh
#
# Environment (all optional):
#   COMPANIES=1000000   seeded companies             IMPORT_ROWS=100000  rows of the \copy reference
#   QUERIES=300         sampled search texts (60 % name words, 20 % INN, 20 % phone prefixes)
#   ROUNDS=3 DURATION=10 WARMUP=10   rounds, seconds per run, warm-up seconds per target
#   THREADS=2 CONNECTIONS=8          wrk threads/connections = pgbench jobs/clients
#   LATENCY_CONNECTIONS=2             a last round at this concurrency (few people typing), for latency
#   PAGE_SIZE=25        page size of search and list (the staff UI's default)
#   SKIP_BUILD=1        reuse bench/.build          RESULTS_DIR=...   (default results/<timestamp>, git-ignored)
# Exit status: 0 when every response was 200 (whether or not the targets were met), non-zero on
# a setup failure or when a non-200 response or socket error was seen.
set -euo pipefail

COMPANIES=${COMPANIES:-1000000}
IMPORT_ROWS=${IMPORT_ROWS:-100000}
QUERIES=${QUERIES:-300}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-10}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-8}
LATENCY_CONNECTIONS=${LATENCY_CONNECTIONS:-2}
PAGE_SIZE=${PAGE_SIZE:-25}
SKIP_BUILD=${SKIP_BUILD:-0}
for v in COMPANIES IMPORT_ROWS QUERIES ROUNDS DURATION WARMUP THREADS CONNECTIONS LATENCY_CONNECTIONS PAGE_SIZE; do
  [[ ${!v} =~ ^[0-9]+$ ]] && [ "${!v}" -ge 1 ] || { echo "$v must be a positive integer (got '${!v}')" >&2; exit 2; }
done

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$bench_dir/../.." && pwd)
build_dir=$repo/bench/.build
RESULTS_DIR=${RESULTS_DIR:-$bench_dir/results/$(date -u +%Y%m%dT%H%M%SZ)}
# shellcheck source=../lib.sh
source "$bench_dir/../lib.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/crmsuite-clients-scale.XXXXXX")
chmod 755 "$work" # the postgres user (when we run as root) must reach the data dir inside it
clients_pid='' gateway_pid='' issuer_pid='' pubsub_pid='' load_pid=''
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  set +e
  stop_pid "$load_pid" load
  stop_pid "$gateway_pid" gateway
  stop_pid "$clients_pid" clients
  stop_pid "$pubsub_pid" pubsub
  stop_pid "$issuer_pid" issuer
  stop_pid "$pg_pid" postgres
  stop_postmaster "$work/pgdata"
  if [ -d "$RESULTS_DIR" ]; then cp "$work"/*.log "$RESULTS_DIR"/ 2>/dev/null; fi
  if [ "$status" -ne 0 ] && [ "$status" -ne 130 ] && [ "$status" -ne 143 ]; then
    for f in clients.log gateway.log pubsub.log postgres.log migrate.log seed.log build-seeder.log; do
      [ -s "$work/$f" ] && { log "last lines of $f:"; tail -n 20 "$work/$f" >&2; }
    done
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for tool in wrk pgbench psql curl dotnet awk python3 openssl; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is required (apt-get install -y wrk postgresql-contrib postgresql-client)"
done
mkdir -p "$RESULTS_DIR"
log "results: $RESULTS_DIR"

# ---------------------------------------------------------------- build
cd "$repo"
publish_all clients=services/Clients/CrmSuite.Clients.Api gateway=gateway/CrmSuite.Gateway pubsub=AppHost/CrmSuite.PubSubEmulator
seeder=$build_dir/clients-seeder/CrmSuite.Bench.ClientsSeeder.dll
if [ "$SKIP_BUILD" = 1 ] && [ -f "$seeder" ]; then
  log "SKIP_BUILD=1: reusing $seeder"
else
  log "building the seeder (Release)"
  built=0
  for attempt in 1 2 3; do # another build on the machine may hold a file of a shared project
    if dotnet build "$bench_dir/Seeder" -c Release -o "$build_dir/clients-seeder" >"$work/build-seeder.log" 2>&1; then built=1; break; fi
    log "seeder build failed (attempt $attempt); retrying in 10 s"
    sleep 10
  done
  [ "$built" = 1 ] || die "could not build the seeder"
fi

# ---------------------------------------------------------------- PostgreSQL, schema, data
start_postgres PG_EPHEMERAL=1
conn="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=$pg_password;Database=clientsdb"
log "migrating (the service's own migrate command)"
(cd "$build_dir/clients" && Logging__LogLevel__Default=Warning exec timeout 120 \
  dotnet CrmSuite.Clients.Api.dll migrate --ConnectionStrings:clientsdb="$conn") >"$work/migrate.log" 2>&1 || die "migration failed"

{
  echo "machine: $(nproc) cores, $(uname -sr); $(date -u '+%Y-%m-%d %H:%M UTC'); load average before: $(cut -d ' ' -f 1-3 /proc/loadavg)"
  echo "commit:  $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$repo" diff --quiet HEAD 2>/dev/null || echo ' (+ uncommitted changes)')"
} | tee "$RESULTS_DIR/summary.txt"

log "seeding $COMPANIES companies (binary COPY, indexes rebuilt afterwards)"
timeout 1800 dotnet "$seeder" --connection "$conn" --count "$COMPANIES" --seed 42 --defer-indexes >"$work/seed.log" 2>&1 ||
  { cat "$work/seed.log" >&2; die "seeding failed"; }
grep -E '^(COPY|indexes|search words|seeded)' "$work/seed.log" | sed 's/^/seed:    /' | tee -a "$RESULTS_DIR/summary.txt"
analyze_start=$SECONDS
psql -X -q -d clientsdb -c 'VACUUM (ANALYZE) companies, company_search_words' >/dev/null
echo "seed:    VACUUM ANALYZE in $((SECONDS - analyze_start)) s; $(psql -X -At -d clientsdb -c "select count(*) || ' companies, ' || pg_size_pretty(pg_total_relation_size('companies')) || ' with indexes; search words ' || pg_size_pretty(pg_total_relation_size('company_search_words')) || ' with indexes' from companies")" |
  tee -a "$RESULTS_DIR/summary.txt"

# Search texts as people type them: 3–5 characters of a word of a seeded name (not the legal
# form), of an INN, or of a phone number's digits.
n_name=$((QUERIES * 6 / 10)) n_inn=$((QUERIES * 2 / 10)) n_phone=$((QUERIES - QUERIES * 6 / 10 - QUERIES * 2 / 10))
psql -X -At -F $'\t' -d clientsdb >"$work/samples.tsv" <<SQL || die "sampling search texts failed"
SELECT 'name', substr(w, 1, least(length(w), 3 + floor(random() * 3)::int)) FROM (
  SELECT (SELECT w FROM unnest(tsvector_to_array(search_vector)) w
          WHERE length(w) >= 3 AND w NOT IN ('ооо', 'зао', 'пао', 'llc', 'ltd', 'inc') ORDER BY random() LIMIT 1) AS w
  FROM companies TABLESAMPLE SYSTEM (1) ORDER BY random() LIMIT $n_name) s WHERE w IS NOT NULL;
SELECT 'inn', substr(inn, 1, 3 + floor(random() * 3)::int) FROM companies TABLESAMPLE SYSTEM (1) WHERE inn IS NOT NULL ORDER BY random() LIMIT $n_inn;
SELECT 'phone', substr(phone, 2, 3 + floor(random() * 3)::int) FROM companies TABLESAMPLE SYSTEM (1) WHERE phone IS NOT NULL ORDER BY random() LIMIT $n_phone;
SQL
python3 "$bench_dir/make_queries.py" "$work/samples.tsv" "$work/search-direct.txt" "$work/search-gateway.txt" "$work/params.sql" "$PAGE_SIZE" ||
  die "could not prepare the search queries"
psql -X -q -v ON_ERROR_STOP=1 -d clientsdb -f "$work/params.sql" >/dev/null || die "loading the search parameters failed"
nq=$(psql -X -At -d clientsdb -c 'SELECT count(*) FROM bench_search_params')
cp "$work/samples.tsv" "$RESULTS_DIR/search-texts.tsv"
echo "search:  $nq texts ($(cut -f 1 "$work/samples.tsv" | sort | uniq -c | awk '{ printf "%s%d %s", (NR > 1 ? ", " : ""), $1, $2 }')), e.g. $(cut -f 2 "$work/samples.tsv" | shuf -n 8 --random-source=<(yes) | paste -sd ' ')" |
  tee -a "$RESULTS_DIR/summary.txt"

# ---------------------------------------------------------------- token, sidecar, services
make_issuer clients.read,clients.write # bench_issuer.py: these perms, client_visibility=all
authorization="Bearer $token"

# Reads are audited (each search and list writes an audit event to the outbox, which the relay
# publishes): the sidecar is the project's emulator on free ports, never Dapr's defaults.
pubsub_http=$(free_port) pubsub_grpc=$(free_port)
(cd "$build_dir/pubsub" && exec env ASPNETCORE_ENVIRONMENT=Production \
  Kestrel__Endpoints__http__Url="http://127.0.0.1:$pubsub_http" Kestrel__Endpoints__grpc__Url="http://127.0.0.1:$pubsub_grpc" \
  Logging__LogLevel__Default=Warning dotnet CrmSuite.PubSubEmulator.dll) >"$work/pubsub.log" 2>&1 &
pubsub_pid=$!
export DAPR_HTTP_ENDPOINT="http://127.0.0.1:$pubsub_http" DAPR_GRPC_ENDPOINT="http://127.0.0.1:$pubsub_grpc"

clients_http=$(free_port) clients_grpc=$(free_port) gateway_http=$(free_port) gateway_grpc=$(free_port)
log "starting the clients service on 127.0.0.1:$clients_http and the gateway on 127.0.0.1:$gateway_http"
(cd "$build_dir/clients" && exec env ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__clientsdb="$conn" \
  Kestrel__Endpoints__http__Url="http://127.0.0.1:$clients_http" Kestrel__Endpoints__grpc__Url="http://127.0.0.1:$clients_grpc" \
  Logging__LogLevel__Default=Warning dotnet CrmSuite.Clients.Api.dll) >"$work/clients.log" 2>&1 &
clients_pid=$!
# The gateway keeps its sessions and data-protection keys in its own database (its `migrate` creates it).
gateway_conn="${conn%Database=*}Database=gatewaydb"
(cd "$build_dir/gateway" && dotnet CrmSuite.Gateway.dll migrate --ConnectionStrings:gatewaydb="$gateway_conn") >>"$work/migrate.log" 2>&1 || die "the gateway's migration failed"
(cd "$build_dir/gateway" && exec env ASPNETCORE_ENVIRONMENT=Production \
  ConnectionStrings__gatewaydb="$gateway_conn" \
  Kestrel__Endpoints__http__Url="http://127.0.0.1:$gateway_http" Kestrel__Endpoints__grpc__Url="http://127.0.0.1:$gateway_grpc" \
  services__clients__http__0="http://127.0.0.1:$clients_http" services__clients__grpc__0="http://127.0.0.1:$clients_grpc" \
  Identity__Clients__Gateway__Secret=bench-unused Logging__LogLevel__Default=Warning \
  dotnet CrmSuite.Gateway.dll) >"$work/gateway.log" 2>&1 &
gateway_pid=$!
wait_for "http://127.0.0.1:$pubsub_http/health" "$pubsub_pid" "pub/sub emulator" 60
wait_for "http://127.0.0.1:$clients_http/health" "$clients_pid" "clients service" 60
wait_for "http://127.0.0.1:$gateway_http/health" "$gateway_pid" gateway 60

direct=http://127.0.0.1:$clients_http gateway=http://127.0.0.1:$gateway_http
echo "/v1/companies?pageSize=$PAGE_SIZE" >"$work/list-name.txt"
echo "/v1/companies?pageSize=$PAGE_SIZE&sort=COMPANY_SORT_LAST_ACTIVITY&descending=true" >"$work/list-activity.txt"
for url in "$gateway$(head -n 1 "$work/search-gateway.txt")" "$direct$(head -n 1 "$work/search-direct.txt")" \
  "$direct$(cat "$work/list-name.txt")" "$direct$(cat "$work/list-activity.txt")"; do
  code=$(curl -s -o "$work/sample.json" -w '%{http_code}' --max-time 30 -H "Authorization: $authorization" "$url" || true)
  [ "$code" = 200 ] || { cat "$work/sample.json" >&2 2>/dev/null; die "GET $url answered ${code:-nothing}, expected 200"; }
done
log "sample list response: $(head -c 300 "$work/sample.json")"

# ---------------------------------------------------------------- runs
res=''
total_bad=0
run_wrk() { # run_wrk NAME BASE PATHS_FILE SECONDS: res="rps p50_us p95_us requests bad"
  local out=$RESULTS_DIR/$1.txt status=0 line
  timeout $(($4 + 60)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"$4s" --timeout 10s --latency -s "$bench_dir/paths.lua" "$2" \
    -- "$3" "$authorization" >"$out" 2>&1 &
  load_pid=$!; wait "$load_pid" || status=$?; load_pid=''
  [ "$status" -eq 0 ] || { cat "$out" >&2; die "wrk failed ($1)"; }
  line=$(grep '^RESULT ' "$out" | tail -n 1) || { cat "$out" >&2; die "wrk printed no RESULT line ($1)"; }
  res=$(awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } print v["rps"], v["p50_us"], v["p95_us"], v["requests"], v["non200"] + v["socket_errors"] }' <<<"$line")
  total_bad=$((total_bad + $(awk '{ print $5 }' <<<"$res")))
}
run_pgbench() { # run_pgbench NAME SCRIPT SECONDS: res="tps p50_us p95_us transactions 0" from per-transaction logs
  local out=$RESULTS_DIR/$1.txt status=0
  rm -f "$work"/pgbench_log.*
  timeout $(($3 + 60)) pgbench -n -c "$CONNECTIONS" -j "$THREADS" -T "$3" -f "$bench_dir/$2" \
    -D nq="$nq" -D limit=$((PAGE_SIZE + 1)) -l --log-prefix="$work/pgbench_log" clientsdb >"$out" 2>&1 &
  load_pid=$!; wait "$load_pid" || status=$?; load_pid=''
  [ "$status" -eq 0 ] || { cat "$out" >&2; die "pgbench failed ($1)"; }
  res=$(cat "$work"/pgbench_log.* | awk '{ print $3 }' | sort -n | awk -v tps="$(awk '/^tps = / { print $3; exit }' "$out")" \
    '{ a[NR] = $1 } END { if (NR == 0) exit 1; m = int(NR * 0.50); if (m < 1) m = 1; q = int(NR * 0.95); if (q < 1) q = 1; print tps, a[m], a[q], NR, 0 }') ||
    { cat "$out" >&2; die "pgbench logged no transactions ($1)"; }
}

# target name: how each target is measured
targets=(search-gw search-direct search-sql list-name list-name-sql list-activity list-activity-sql)
measure() { # measure TARGET NAME SECONDS
  case $1 in
    search-gw) run_wrk "$2" "$gateway" "$work/search-gateway.txt" "$3" ;;
    search-direct) run_wrk "$2" "$direct" "$work/search-direct.txt" "$3" ;;
    search-sql) run_pgbench "$2" search.sql "$3" ;;
    list-name) run_wrk "$2" "$direct" "$work/list-name.txt" "$3" ;;
    list-name-sql) run_pgbench "$2" list_name.sql "$3" ;;
    list-activity) run_wrk "$2" "$direct" "$work/list-activity.txt" "$3" ;;
    list-activity-sql) run_pgbench "$2" list_activity.sql "$3" ;;
  esac
}

echo "load:    wrk -t$THREADS -c$CONNECTIONS vs pgbench -j$THREADS -c$CONNECTIONS, ${DURATION}s per run, $ROUNDS rounds, ${WARMUP}s warm-up per target, page size $PAGE_SIZE" |
  tee -a "$RESULTS_DIR/summary.txt"
log "warming up (${WARMUP}s per target)"
for t in "${targets[@]}"; do measure "$t" "warmup-$t" "$WARMUP"; done

declare -A all_rps all_p50 all_p95
printf '%-6s %-17s %8s %8s %8s %9s %6s\n' round target rps p50_ms p95_ms requests non200 | tee -a "$RESULTS_DIR/summary.txt"
for ((round = 1; round <= ROUNDS; round++)); do
  for t in "${targets[@]}"; do
    measure "$t" "round$round-$t" "$DURATION"
    read -r rps p50 p95 n bad <<<"$res"
    all_rps[$t]+="$rps " all_p50[$t]+="$p50 " all_p95[$t]+="$p95 "
    awk -v r="$round" -v t="$t" -v rps="$rps" -v p50="$p50" -v p95="$p95" -v n="$n" -v b="$bad" \
      'BEGIN { printf "%-6s %-17s %8.0f %8.2f %8.2f %9d %6d\n", r, t, rps, p50 / 1000, p95 / 1000, n, b }' | tee -a "$RESULTS_DIR/summary.txt"
  done
done

median() { printf '%s\n' $@ | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
declare -A m_rps m_p50 m_p95
for t in "${targets[@]}"; do
  m_rps[$t]=$(median ${all_rps[$t]}) m_p50[$t]=$(median ${all_p50[$t]}) m_p95[$t]=$(median ${all_p95[$t]})
  awk -v t="$t" -v rps="${m_rps[$t]}" -v p50="${m_p50[$t]}" -v p95="${m_p95[$t]}" \
    'BEGIN { printf "median %-17s %8.0f req/s  p50 %8.2f ms  p95 %8.2f ms\n", t, rps, p50 / 1000, p95 / 1000 }' | tee -a "$RESULTS_DIR/summary.txt"
done
verdict() { awk -v ok="$1" 'BEGIN { print ok ? "met" : "not met" }'; }
{
  awk -v g="${m_p95[search-gw]}" -v s="${m_p95[search-sql]}" -v d="${m_p95[search-direct]}" 'BEGIN {
    printf "search through the gateway: p95 %.2f ms; raw SQL p95 %.2f ms; ratio %.2f (direct to the service: p95 %.2f ms, ratio %.2f)\n", g / 1000, s / 1000, g / s, d / 1000, d / s
    printf "  target p95 <= 50 ms: %s; target p95 <= 1.5 x raw SQL: %s\n", (g <= 50000) ? "met" : "not met", (g <= 1.5 * s) ? "met" : "not met" }'
  for l in name activity; do
    awk -v l="$l" -v p="${m_p95[list-$l]}" -v s="${m_p95[list-$l-sql]}" -v p50="${m_p50[list-$l]}" 'BEGIN {
      printf "list first page by %-8s (direct): p50 %.2f ms, p95 %.2f ms (raw SQL p95 %.2f ms); target p95 <= 20 ms: %s\n", l, p50 / 1000, p / 1000, s / 1000, (p <= 20000) ? "met" : "not met" }'
  done
} | tee -a "$RESULTS_DIR/summary.txt"

# The same requests by few concurrent users (LATENCY_CONNECTIONS, default 2: people typing, not a
# saturated machine): one round each, service against SQL at the same concurrency. At 8 connections
# the two cores are saturated and the p95 above is mostly queueing.
if [ "$LATENCY_CONNECTIONS" != "$CONNECTIONS" ]; then
  saved_connections=$CONNECTIONS saved_threads=$THREADS
  CONNECTIONS=$LATENCY_CONNECTIONS THREADS=$((LATENCY_CONNECTIONS < THREADS ? LATENCY_CONNECTIONS : THREADS))
  echo "latency: wrk/pgbench with $CONNECTIONS connections, ${DURATION}s per target after ${WARMUP}s warm-up" | tee -a "$RESULTS_DIR/summary.txt"
  declare -A low_p50 low_p95
  for t in search-gw search-sql list-name list-name-sql list-activity list-activity-sql; do
    measure "$t" "latency-warmup-$t" "$WARMUP"
    measure "$t" "latency-$t" "$DURATION"
    read -r rps p50 p95 n bad <<<"$res"
    low_p50[$t]=$p50 low_p95[$t]=$p95
    awk -v c="$CONNECTIONS" -v t="$t" -v rps="$rps" -v p50="$p50" -v p95="$p95" \
      'BEGIN { printf "c=%-4s %-17s %8.0f req/s  p50 %8.2f ms  p95 %8.2f ms\n", c, t, rps, p50 / 1000, p95 / 1000 }' | tee -a "$RESULTS_DIR/summary.txt"
  done
  {
    awk -v g="${low_p95[search-gw]}" -v s="${low_p95[search-sql]}" -v c="$CONNECTIONS" 'BEGIN {
      printf "at %d connections: search through the gateway p95 %.2f ms (target <= 50: %s), raw SQL p95 %.2f ms, ratio %.2f (target <= 1.5: %s)\n", c, g / 1000, (g <= 50000) ? "met" : "not met", s / 1000, g / s, (g <= 1.5 * s) ? "met" : "not met" }'
    for l in name activity; do
      awk -v l="$l" -v p="${low_p95[list-$l]}" -v s="${low_p95[list-$l-sql]}" -v c="$CONNECTIONS" 'BEGIN {
        printf "at %d connections: list first page by %-8s p95 %.2f ms (raw SQL %.2f ms); target p95 <= 20 ms: %s\n", c, l, p / 1000, s / 1000, (p <= 20000) ? "met" : "not met" }'
    done
  } | tee -a "$RESULTS_DIR/summary.txt"
  CONNECTIONS=$saved_connections THREADS=$saved_threads
fi

# Plans of the slowest raw searches, so a miss can be traced to its plan.
psql -X -At -d clientsdb -c "SELECT coalesce(p1, 'NULL'), coalesce(l1, 'NULL'), coalesce(p2, 'NULL'), coalesce(l2, 'NULL'), kind, query FROM bench_search_params" >"$work/params.txt"
search_sql() { # search_sql P1 L1 P2 L2: search.sql's statement with these literals
  sed -n '/\\gset$/,$p' "$bench_dir/search.sql" | sed 1d | sed -e "s/:p1/$1/; s/:l1/$2/; s/:p2/$3/; s/:l2/$4/; s/:limit/$((PAGE_SIZE + 1))/"
}
{
  echo "raw search latency per text (one execution each, after the runs), slowest 10:"
  while IFS='|' read -r p1 l1 p2 l2 kind query; do
    sql=$(search_sql "$p1" "$l1" "$p2" "$l2")
    ms=$(psql -X -At -d clientsdb -c "EXPLAIN (ANALYZE, FORMAT JSON) ${sql%;}" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["Execution Time"])')
    printf '%10.2f ms  %-5s %s\n' "$ms" "$kind" "$query"
  done <"$work/params.txt" | sort -rn >"$RESULTS_DIR/search-per-text.txt"
  head -n 10 "$RESULTS_DIR/search-per-text.txt"
  awk '{ n++; if ($1 > 50) slow++ } END { printf "texts whose raw search alone takes > 50 ms: %d of %d\n", slow, n }' "$RESULTS_DIR/search-per-text.txt"
} | tee -a "$RESULTS_DIR/summary.txt"
slowest=$(head -n 1 "$RESULTS_DIR/search-per-text.txt" | awk '{ print $4 }')
sed -n "/|$slowest\$/p" "$work/params.txt" | head -n 1 | while IFS='|' read -r p1 l1 p2 l2 _ _; do
  sql=$(search_sql "$p1" "$l1" "$p2" "$l2")
  psql -X -At -d clientsdb -c "EXPLAIN (ANALYZE, COSTS OFF) ${sql%;}" >"$RESULTS_DIR/plan-slowest-search.txt"
done

# ---------------------------------------------------------------- import
# One file of new clients (every row its own email and phone, so the import creates rather than
# merges into the seeded companies), imported twice: through the service's import API (upload,
# suggested mapping + preview, run, polled to the end), then by psql \copy straight into the
# table, the reference. The API ignores the file's id column, so the \copy of the same rows
# collides with nothing.
dotnet "$seeder" --csv "$work/import.csv" --count "$IMPORT_ROWS" --seed 8 --unique-contacts >"$work/import-csv.log" 2>&1 || { cat "$work/import-csv.log" >&2; die "writing the import CSV failed"; }
json_field() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(json.dumps(d[sys.argv[1]]) if isinstance(d.get(sys.argv[1]), (list, dict)) else d.get(sys.argv[1], ""))' "$1"; }
api() { # api METHOD PATH [BODY_FILE|-]: the service's answer on stdout, dies on a non-2xx
  local out=$work/api.json code
  if [ "$#" -ge 3 ]; then
    code=$(curl -s -o "$out" -w '%{http_code}' --max-time 600 -X "$1" -H "Authorization: $authorization" -H 'Content-Type: application/json' --data-binary "@$3" "$direct$2")
  else
    code=$(curl -s -o "$out" -w '%{http_code}' --max-time 600 -X "$1" -H "Authorization: $authorization" "$direct$2")
  fi
  [[ $code == 2* ]] || { cat "$out" >&2; die "$1 $2 answered $code"; }
  cat "$out"
}
start_ns=$(date +%s%N)
code=$(curl -s -o "$work/job.json" -w '%{http_code}' --max-time 600 -X POST -H "Authorization: $authorization" -H 'Content-Type: text/csv' \
  --data-binary "@$work/import.csv" "$direct/v1/imports?file_name=import.csv")
[[ $code == 2* ]] || { cat "$work/job.json" >&2; die "upload answered $code"; }
job_id=$(json_field id <"$work/job.json")
uploaded_ns=$(date +%s%N)
printf '{"mapping": %s}' "$(json_field mapping <"$work/job.json")" >"$work/mapping.json"
api POST "/v1/imports/$job_id:map" "$work/mapping.json" >/dev/null
# The preview is worked out in the background: wait until it is ready.
status='' deadline=$((SECONDS + 1800))
while ((SECONDS < deadline)); do
  api GET "/v1/imports/$job_id" >"$work/job.json"
  status=$(json_field status <"$work/job.json")
  [[ $status != IMPORT_STATUS_PREVIEWING ]] && break
  sleep 0.2
done
[[ $status == IMPORT_STATUS_PREVIEWED ]] || { echo "import preview ended as $status" >&2; exit 1; }
previewed_ns=$(date +%s%N)
echo '{}' >"$work/empty.json"
api POST "/v1/imports/$job_id:start" "$work/empty.json" >/dev/null
status='' deadline=$((SECONDS + 1800))
while ((SECONDS < deadline)); do
  api GET "/v1/imports/$job_id" >"$work/job.json"
  status=$(json_field status <"$work/job.json")
  [[ $status == IMPORT_STATUS_COMPLETED || $status == IMPORT_STATUS_FAILED ]] && break
  sleep 0.5
done
done_ns=$(date +%s%N)
[ "$status" = IMPORT_STATUS_COMPLETED ] || { cat "$work/job.json" >&2; die "the import did not complete (status $status)"; }
api_ms=$(((done_ns - start_ns) / 1000000))
counts=$(python3 -c 'import json,sys; d=json.load(sys.stdin); print(" ".join(str(d.get(k, 0)) for k in ("rowsDone", "created", "updated", "merged", "skipped", "errors")))' <"$work/job.json")

start_ns=$(date +%s%N)
psql -X -q -v ON_ERROR_STOP=1 -d clientsdb \
  -c "\\copy companies (id, name, inn, email, phone, created_at, updated_at, archived_at, owner_user_id, team_id) FROM '$work/import.csv' WITH (FORMAT csv, HEADER true)" ||
  die "\\copy of the import CSV failed"
copy_ms=$((($(date +%s%N) - start_ns) / 1000000))
{
  read -r done_rows created updated merged skipped errors <<<"$counts"
  awk -v n="$IMPORT_ROWS" -v ms="$api_ms" -v up="$(((uploaded_ns - start_ns) / 1000000))" -v c="$COMPANIES" \
    -v d="$done_rows" -v cr="$created" -v u="$updated" -v m="$merged" -v s="$skipped" -v e="$errors" 'BEGIN {
    printf "import through the API: %d rows in %.1f s = %.0f rows/s (rows done %d: created %d, updated %d, merged %d, skipped %d, errors %d)\n", n, ms / 1000, n / (ms / 1000), d, cr, u, m, s, e }'
  awk -v n="$IMPORT_ROWS" -v ms="$copy_ms" -v c="$COMPANIES" 'BEGIN {
    printf "  reference: psql \\copy of the same file into the table of %d+ companies with all its indexes and triggers: %.1f s = %.0f rows/s\n", c, ms / 1000, n / (ms / 1000) }'
  awk -v a="$api_ms" -v b="$copy_ms" -v n="$IMPORT_ROWS" 'BEGIN {
    printf "  ratio API / \\copy: %.2f; target >= 20000 rows/s: %s; target >= 0.5 of COPY: %s\n", b / a, (n / (a / 1000) >= 20000) ? "met" : "not met", (b / a >= 0.5) ? "met" : "not met" }'
  echo "load average after: $(cut -d ' ' -f 1-3 /proc/loadavg)"
  outbox=$(psql -X -At -F ' ' -d clientsdb -c 'select count(*), count(*) filter (where published_at is null) from outbox_messages' 2>/dev/null || true)
  [ -z "$outbox" ] || echo "audit outbox: ${outbox% *} events recorded, ${outbox#* } not yet published"
} | tee -a "$RESULTS_DIR/summary.txt"

if ((total_bad > 0)); then
  echo "FAILED: $total_bad non-200 responses or socket errors (see $RESULTS_DIR)" | tee -a "$RESULTS_DIR/summary.txt"
  exit 1
fi
echo "all responses were 200; raw output in $RESULTS_DIR"
