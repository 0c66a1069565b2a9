#!/usr/bin/env bash
# Warehouse reservations bench: reservations per second through the warehouse service (REST,
# bearer token, audit event in the outbox, one conditional UPDATE per reservation) vs pgbench
# running the same conditional UPDATE straight against PostgreSQL; on one hot product and spread
# over 100 products, in interleaved rounds. Then an oversell check: a product with OVERSELL_STOCK
# units under the same load must end with exactly that many reserved and never more.
#
#   bench/warehouse-reservations/run.sh
#
# Environment (all optional):
#   ROUNDS=3 DURATION=10 WARMUP=10   rounds, seconds per run, warm-up seconds
#   THREADS=2 CONNECTIONS=32         wrk threads/connections = pgbench jobs/clients
#   OVERSELL_STOCK=2000              units of the oversell product
#   SKIP_BUILD=1                     reuse bench/.build
#   RESULTS_DIR=...                  default bench/warehouse-reservations/results/<timestamp> (git-ignored)
# Targets: service/raw >= 0.5 on the hot product, >= 0.7 spread; oversell 0.
# Exit status: 0 when nothing was oversold and no unexpected status was seen (whether or not the
# ratio targets were met), non-zero otherwise or on a setup failure.
set -euo pipefail

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-10}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
OVERSELL_STOCK=${OVERSELL_STOCK:-2000}
SKIP_BUILD=${SKIP_BUILD:-0}
for v in ROUNDS DURATION WARMUP THREADS CONNECTIONS OVERSELL_STOCK; do
  [[ ${!v} =~ ^[0-9]+$ ]] && [ "${!v}" -ge 1 ] || { echo "$v must be a positive integer (got '${!v}')" >&2; exit 2; }
done

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$bench_dir/../.." && pwd)
build_dir=$repo/bench/.build
RESULTS_DIR=${RESULTS_DIR:-$bench_dir/results/$(date -u +%Y%m%dT%H%M%SZ)}
source "$bench_dir/../lib.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/crmsuite-wh-bench.XXXXXX")
chmod 755 "$work"
warehouse_pid='' pubsub_pid='' issuer_pid='' load_pid=''
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  set +e
  stop_pid "$load_pid" load
  stop_pid "$warehouse_pid" warehouse
  stop_pid "$pubsub_pid" pubsub
  stop_pid "$issuer_pid" issuer
  stop_pid "$pg_pid" postgres
  stop_postmaster "$work/pgdata"
  if [ -d "$RESULTS_DIR" ]; then cp "$work"/*.log "$RESULTS_DIR"/ 2>/dev/null; fi
  if [ "$status" -ne 0 ] && [ "$status" -ne 130 ] && [ "$status" -ne 143 ]; then
    for f in warehouse.log pubsub.log postgres.log migrate.log; do
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
if [ "$SKIP_BUILD" = 1 ] && [ -f "$build_dir/warehouse/CrmSuite.Warehouse.Api.dll" ] && [ -f "$build_dir/pubsub/CrmSuite.PubSubEmulator.dll" ]; then
  log "SKIP_BUILD=1: reusing $build_dir"
else
  log "publishing the warehouse service and the pub/sub emulator (Release)"
  publish services/Warehouse/CrmSuite.Warehouse.Api "$build_dir/warehouse"
  publish AppHost/CrmSuite.PubSubEmulator "$build_dir/pubsub"
fi

# ---------------------------------------------------------------- PostgreSQL, schema, stock
start_postgres PG_EPHEMERAL=1
psql -X -q -d postgres -c 'CREATE DATABASE warehousedb' >/dev/null
conn="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=$pg_password;Database=warehousedb;Maximum Pool Size=64"
log "migrating (the service's own migrate command)"
(cd "$build_dir/warehouse" && Logging__LogLevel__Default=Warning exec timeout 120 \
  dotnet CrmSuite.Warehouse.Api.dll migrate --ConnectionStrings:warehousedb="$conn") >"$work/migrate.log" 2>&1 || die "migration failed"

# 101 products in one warehouse: n = 1..100 for the load (n = 1 is the hot one), n = 101 for the
# oversell check. Stock is large enough that the throughput runs never run out.
psql -X -q -v ON_ERROR_STOP=1 -d warehousedb >"$work/seed.log" 2>&1 <<SQL || die "seeding failed"
INSERT INTO warehouses (id, code, name, active) VALUES ('00000000-0000-7000-8000-000000000001', 'BENCH', 'Bench', true);
CREATE TABLE bench_products (n int PRIMARY KEY, product_id uuid NOT NULL, warehouse_id uuid NOT NULL);
INSERT INTO bench_products SELECT n, ('00000000-0000-7000-9000-' || lpad(n::text, 12, '0'))::uuid, '00000000-0000-7000-8000-000000000001' FROM generate_series(1, 101) n;
INSERT INTO products (id, sku, name, unit, vat_kind, active, created_at, updated_at)
  SELECT product_id, 'BENCH-' || n, 'Bench product ' || n, 'pcs', 'standard', true, now(), now() FROM bench_products;
INSERT INTO stock_levels (product_id, warehouse_id, on_hand, reserved, stock_value, minimum_quantity, updated_at)
  SELECT product_id, warehouse_id, CASE WHEN n = 101 THEN $OVERSELL_STOCK ELSE 100000000 END, 0, 0, 0, now() FROM bench_products;
ANALYZE;
SQL
psql -X -At -d warehousedb -c "SELECT product_id FROM bench_products WHERE n = 1" >"$work/hot.txt"
psql -X -At -d warehousedb -c "SELECT product_id FROM bench_products WHERE n <= 100 ORDER BY n" >"$work/spread.txt"
psql -X -At -d warehousedb -c "SELECT product_id FROM bench_products WHERE n = 101" >"$work/oversell.txt"
warehouse_id=00000000-0000-7000-8000-000000000001

# ---------------------------------------------------------------- token, sidecar, service
make_issuer warehouse.read,warehouse.reserve
authorization="Bearer $token"
pubsub_http=$(free_port) pubsub_grpc=$(free_port)
(cd "$build_dir/pubsub" && exec env ASPNETCORE_ENVIRONMENT=Production \
  Kestrel__Endpoints__http__Url="http://127.0.0.1:$pubsub_http" Kestrel__Endpoints__grpc__Url="http://127.0.0.1:$pubsub_grpc" \
  Logging__LogLevel__Default=Warning dotnet CrmSuite.PubSubEmulator.dll) >"$work/pubsub.log" 2>&1 &
pubsub_pid=$!
export DAPR_HTTP_ENDPOINT="http://127.0.0.1:$pubsub_http" DAPR_GRPC_ENDPOINT="http://127.0.0.1:$pubsub_grpc"
warehouse_http=$(free_port) warehouse_grpc=$(free_port)
log "starting the warehouse service on 127.0.0.1:$warehouse_http"
(cd "$build_dir/warehouse" && exec env ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__warehousedb="$conn" \
  Kestrel__Endpoints__http__Url="http://127.0.0.1:$warehouse_http" Kestrel__Endpoints__grpc__Url="http://127.0.0.1:$warehouse_grpc" \
  Logging__LogLevel__Default=Warning dotnet CrmSuite.Warehouse.Api.dll) >"$work/warehouse.log" 2>&1 &
warehouse_pid=$!
wait_for "http://127.0.0.1:$pubsub_http/health" "$pubsub_pid" "pub/sub emulator" 60
wait_for "http://127.0.0.1:$warehouse_http/health" "$warehouse_pid" "warehouse service" 60
base="http://127.0.0.1:$warehouse_http"
code=$(curl -s -o "$work/sample.json" -w '%{http_code}' -H "Authorization: $authorization" -H 'Content-Type: application/json' \
  -d "{\"dealId\":\"$(cat /proc/sys/kernel/random/uuid)\",\"warehouseId\":\"$warehouse_id\",\"lines\":[{\"productId\":\"$(cat "$work/hot.txt")\",\"quantity\":\"1\"}]}" \
  "$base/v1/warehouse/reservations" || true)
[ "$code" = 200 ] || { cat "$work/sample.json" >&2; die "a sample reservation answered ${code:-nothing}, expected 200"; }

# ---------------------------------------------------------------- runs
res=''
run_service() { # run_service NAME SECONDS PRODUCTS_FILE: res="ok_rps requests ok refused other socket_errors"
  local out=$RESULTS_DIR/$1.txt status=0 line
  timeout $(($2 + 60)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2s" --timeout 5s --latency -s "$bench_dir/reserve.lua" "$base" \
    -- "$3" "$warehouse_id" "$authorization" >"$out" 2>&1 &
  load_pid=$!; wait "$load_pid" || status=$?; load_pid=''
  [ "$status" -eq 0 ] || { cat "$out" >&2; die "wrk failed ($1)"; }
  line=$(grep '^RESULT ' "$out" | tail -n 1) || { cat "$out" >&2; die "wrk printed no RESULT ($1)"; }
  res=$(awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } print v["rps"], v["requests"], v["ok"], v["refused"], v["other"], v["socket_errors"] }' <<<"$line")
}
run_pgbench() { # run_pgbench NAME SECONDS PRODUCTS: res="tps"
  local out=$RESULTS_DIR/$1.txt status=0
  timeout $(($2 + 60)) pgbench -n -d warehousedb -c "$CONNECTIONS" -j "$THREADS" -T "$2" -f "$bench_dir/reserve.sql" -D products="$3" >"$out" 2>&1 &
  load_pid=$!; wait "$load_pid" || status=$?; load_pid=''
  [ "$status" -eq 0 ] || { cat "$out" >&2; die "pgbench failed ($1)"; }
  res=$(awk '/^tps = / { print $3; exit }' "$out")
  [ -n "$res" ] || { cat "$out" >&2; die "pgbench printed no tps ($1)"; }
}

{
  echo "machine: $(nproc) cores, $(uname -sr); $(date -u '+%Y-%m-%d %H:%M UTC'); load average before: $(cut -d ' ' -f 1-3 /proc/loadavg)"
  echo "commit:  $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$repo" diff --quiet HEAD 2>/dev/null || echo ' (+ uncommitted changes)')"
  echo "load:    wrk -t$THREADS -c$CONNECTIONS vs pgbench -j$THREADS -c$CONNECTIONS, ${DURATION}s per run, $ROUNDS rounds, ${WARMUP}s warm-up"
} | tee "$RESULTS_DIR/summary.txt"
log "warming up"
run_service warmup-service "$WARMUP" "$work/spread.txt"
run_pgbench warmup-pgbench "$WARMUP" 100

bad=0
declare -A rps
printf '%-6s %-7s %12s %12s %7s\n' round case service_rps pgbench_tps ratio | tee -a "$RESULTS_DIR/summary.txt"
for ((round = 1; round <= ROUNDS; round++)); do
  for case in hot spread; do
    products_file=$work/$case.txt; n=1; [ "$case" = spread ] && n=100
    run_service "round$round-$case-service" "$DURATION" "$products_file"
    read -r s_rps _ _ refused other sock <<<"$res"
    bad=$((bad + refused + other + sock))
    run_pgbench "round$round-$case-pgbench" "$DURATION" "$n"
    p_tps=$res
    rps[$case-s]+="$s_rps " rps[$case-p]+="$p_tps "
    awk -v r="$round" -v c="$case" -v s="$s_rps" -v p="$p_tps" 'BEGIN { printf "%-6s %-7s %12.0f %12.0f %7.3f\n", r, c, s, p, s / p }' | tee -a "$RESULTS_DIR/summary.txt"
  done
done

median() { printf '%s\n' $@ | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
for case in hot spread; do
  target=0.5; [ "$case" = spread ] && target=0.7
  awk -v c="$case" -v s="$(median ${rps[$case-s]})" -v p="$(median ${rps[$case-p]})" -v t="$target" 'BEGIN {
    printf "median %-6s service %7.0f reservations/s   pgbench %7.0f tps   ratio %.3f   target >= %.1f: %s\n", c, s, p, s / p, t, (s / p >= t) ? "met" : "not met" }' |
    tee -a "$RESULTS_DIR/summary.txt"
done

# ---------------------------------------------------------------- oversell
log "oversell check: $OVERSELL_STOCK units, ${DURATION}s of the same load on that one product"
run_service oversell "$DURATION" "$work/oversell.txt"
read -r _ requests ok refused other sock <<<"$res"
read -r on_hand reserved rows < <(psql -X -At -F ' ' -d warehousedb -c "SELECT s.on_hand::int, s.reserved::int,
  (SELECT count(*) FROM reservations r WHERE r.product_id = s.product_id AND r.status = 1)
  FROM stock_levels s JOIN bench_products b USING (product_id, warehouse_id) WHERE b.n = 101")
oversold=$((ok > OVERSELL_STOCK ? ok - OVERSELL_STOCK : 0))
negative=$(psql -X -At -d warehousedb -c "SELECT count(*) FROM stock_levels WHERE on_hand - reserved < 0")
{
  echo "oversell: $requests requests for $OVERSELL_STOCK units -> $ok reserved (200), $refused refused (400), $((other + sock)) other; stock on_hand $on_hand reserved $reserved, $rows active reservation rows; oversold $oversold; rows with available < 0: $negative"
  echo "load average after: $(cut -d ' ' -f 1-3 /proc/loadavg)"
} | tee -a "$RESULTS_DIR/summary.txt"

[ "$oversold" -eq 0 ] && [ "$negative" -eq 0 ] && [ "$ok" -eq "$OVERSELL_STOCK" ] && [ "$reserved" -eq "$OVERSELL_STOCK" ] && [ "$rows" -eq "$OVERSELL_STOCK" ] ||
  { echo "FAILED: oversell check" | tee -a "$RESULTS_DIR/summary.txt"; exit 1; }
if ((bad > 0)); then
  echo "FAILED: $bad refused/unexpected responses or socket errors during the throughput runs" | tee -a "$RESULTS_DIR/summary.txt"
  exit 1
fi
echo "oversell 0; raw output in $RESULTS_DIR"
