#!/usr/bin/env bash
# Documents bench (issue 13, item 9). The real documents service as a Release process on loopback
# (its own throw-away PostgreSQL, migrated by its own `migrate`; the project's pub/sub emulator as
# its Dapr sidecar; a stand-in token issuer), printing PDFs with its warm Chromium (a pool of
# CONTEXTS browser contexts, the service's setting Documents:Rendering:Contexts):
#
# (a) Invoice PDFs per second. The invoice: the built-in счёт на оплату with its line loop run five
#     times, saved as a template through the service (POST /v1/templates), so the service's sample
#     invoice prints as a 10-row invoice; fetched as a PDF with GET /v1/templates/{id}/preview (the
#     template editor's preview: the template read from the database, rendered with Liquid, printed
#     by the warm Chromium). ROUNDS interleaved rounds of [service: COUNT PDFs after WARMUP, CONCURRENCY
#     requests at once (more than CONTEXTS, so prints queue and the service combines them: up to its
#     MaxBatch of one template in one Chromium print, split into one PDF each); bare: the same HTML —
#     rendered by the service's own Liquid code from the same template and sample document — printed
#     to PDF one per print in a loop by a bare Playwright program with the same Chromium, the same
#     flags and context settings, CONTEXTS at once; bare-xN: the same, BARE_BATCH copies per print
#     combined and split as the service does (its CombinedPrint)]. Printed: PDFs/s, p50/p95, PDF size
#     (all must print the same document), CPU ms per PDF, the medians, ratios service/bare.
# (b) A batch of BATCH invoices through a freshly started service, CONCURRENCY at once (the service has
#     no bulk-issue call yet: the bench drives the same preview endpoint BATCH times), progress every
#     PROGRESS; the service process's peak RSS (VmHWM from /proc) and its Chromium's processes' RSS
#     and PSS summed separately (sampled every 500 ms), total time.
#
#   bench/documents/run.sh
#
# Environment (all optional): ROUNDS=3 COUNT=200 WARMUP=20 CONTEXTS=2 CONCURRENCY=16 BARE_BATCH=10 BATCH=3000 PROGRESS=300
#   MAX_BATCH=12 BATCH_WINDOW_MS=0 (the service's Documents:Rendering:MaxBatch and BatchWindow)
#   PARTS=ab (a, b or ab) CHROMIUM=/usr/bin/chromium SKIP_BUILD=1 (reuse bench/.build)
#   RESULTS_DIR (default bench/documents/results/<timestamp>, git-ignored).
# Targets (issue 13): service >= 0.8 x the bare loop (one invoice per print, as the issue states it; the
#   script also prints the stricter comparison with bare-xN, a bare loop that combines prints as the service
#   does) and >= 20 invoices/s on 2 cores; peak RSS of the service <= 600 MB for the batch.
# Exit status: 0 when every request and print succeeded (whether or not the targets were met),
#   non-zero otherwise or on a setup failure.
set -euo pipefail

ROUNDS=${ROUNDS:-3}
COUNT=${COUNT:-200}
WARMUP=${WARMUP:-20}
CONTEXTS=${CONTEXTS:-2}
CONCURRENCY=${CONCURRENCY:-16}
BARE_BATCH=${BARE_BATCH:-10}
MAX_BATCH=${MAX_BATCH:-12}
BATCH_WINDOW_MS=${BATCH_WINDOW_MS:-0}
BATCH=${BATCH:-3000}
PROGRESS=${PROGRESS:-300}
PARTS=${PARTS:-ab}
SKIP_BUILD=${SKIP_BUILD:-0}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
for v in ROUNDS COUNT WARMUP CONTEXTS CONCURRENCY BARE_BATCH MAX_BATCH BATCH PROGRESS; do
  [[ ${!v} =~ ^[0-9]+$ ]] && [ "${!v}" -ge 1 ] || { echo "$v must be a positive integer (got '${!v}')" >&2; exit 2; }
done
[[ $BATCH_WINDOW_MS =~ ^[0-9]+$ ]] || { echo "BATCH_WINDOW_MS must be a whole number (got '$BATCH_WINDOW_MS')" >&2; exit 2; }
[[ $PARTS =~ ^(a|b|ab)$ ]] || { echo "PARTS must be a, b or ab (got '$PARTS')" >&2; exit 2; }

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$bench_dir/../.." && pwd)
build_dir=$repo/bench/.build
RESULTS_DIR=${RESULTS_DIR:-$bench_dir/results/$(date -u +%Y%m%dT%H%M%SZ)}
# shellcheck source=../lib.sh
source "$bench_dir/../lib.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/crmsuite-documents-bench.XXXXXX")
chmod 755 "$work"
svc_pid='' pubsub_pid='' issuer_pid=''
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  set +e
  stop_pid "$svc_pid" documents
  stop_pid "$pubsub_pid" pubsub
  stop_pid "$issuer_pid" issuer
  stop_pid "$pg_pid" postgres
  stop_postmaster "$work/pgdata"
  if [ -d "$RESULTS_DIR" ]; then cp "$work"/*.log "$RESULTS_DIR"/ 2>/dev/null; fi
  if [ "$status" -ne 0 ] && [ "$status" -ne 130 ] && [ "$status" -ne 143 ]; then
    for f in documents.log documents-batch.log pubsub.log postgres.log migrate.log; do
      [ -s "$work/$f" ] && { log "last lines of $f:"; tail -n 20 "$work/$f" >&2; }
    done
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

require_tools dotnet psql curl awk python3 openssl
[ -x "$CHROMIUM" ] || die "Chromium not found at $CHROMIUM (apt-get install chromium, or set CHROMIUM)"
mkdir -p "$RESULTS_DIR"
log "results: $RESULTS_DIR"
summary=$RESULTS_DIR/summary.txt

cd "$repo"
publish_all documents=services/Documents/CrmSuite.Documents.Api pubsub=AppHost/CrmSuite.PubSubEmulator
tool=$build_dir/documents-load/CrmSuite.Bench.Documents.dll
if [ "$SKIP_BUILD" = 1 ] && [ -f "$tool" ]; then
  log "SKIP_BUILD=1: reusing $tool"
else
  # Not in CrmSuite.sln (the solution's restore does not cover it): a build with its own restore.
  log "building the bench's load tool (Release)"
  dotnet build "$bench_dir/CrmSuite.Bench.Documents" -c Release -o "$build_dir/documents-load" >"$work/build-load.log" 2>&1 ||
    { tail -n 30 "$work/build-load.log" >&2; die "could not build the load tool"; }
fi
load() { dotnet "$tool" "$@"; }

start_postgres
psql -X -q -d postgres -c 'CREATE DATABASE documentsdb' >/dev/null
conn="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=$pg_password;Database=documentsdb"
log "migrating (the service's own migrate command, as the AppHost runs it first)"
(cd "$build_dir/documents" && Logging__LogLevel__Default=Warning exec timeout 180 \
  dotnet CrmSuite.Documents.Api.dll migrate --ConnectionStrings:documentsdb="$conn") >"$work/migrate.log" 2>&1 || die "migration failed"

make_issuer documents.read,documents.configure
pubsub_http=$(free_port) pubsub_grpc=$(free_port)
(cd "$build_dir/pubsub" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  Kestrel__Endpoints__http__Url="http://127.0.0.1:$pubsub_http" Kestrel__Endpoints__grpc__Url="http://127.0.0.1:$pubsub_grpc" \
  dotnet CrmSuite.PubSubEmulator.dll) >"$work/pubsub.log" 2>&1 &
pubsub_pid=$!
export DAPR_HTTP_ENDPOINT="http://127.0.0.1:$pubsub_http" DAPR_GRPC_ENDPOINT="http://127.0.0.1:$pubsub_grpc"
wait_for "http://127.0.0.1:$pubsub_http/health" "$pubsub_pid" "pub/sub emulator" 90

svc_http='' svc_grpc=''
start_documents() { # start_documents LOG: the service (the other services it asks over gRPC are not needed for templates)
  svc_http=$(free_port) svc_grpc=$(free_port)
  (cd "$build_dir/documents" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
    ConnectionStrings__documentsdb="$conn" Clients__GrpcAddress="http://127.0.0.1:9" Scheduling__GrpcAddress="http://127.0.0.1:9" \
    Warehouse__GrpcAddress="http://127.0.0.1:9" Documents__Rendering__Contexts="$CONTEXTS" Documents__Rendering__ChromiumPath="$CHROMIUM" \
    Documents__Rendering__MaxBatch="$MAX_BATCH" Documents__Rendering__BatchWindow="$(awk -v ms="$BATCH_WINDOW_MS" 'BEGIN { printf "00:00:%06.3f", ms / 1000 }')" \
    Kestrel__Endpoints__http__Url="http://127.0.0.1:$svc_http" Kestrel__Endpoints__grpc__Url="http://127.0.0.1:$svc_grpc" \
    dotnet CrmSuite.Documents.Api.dll) >"$work/$1" 2>&1 &
  svc_pid=$!
  wait_for "http://127.0.0.1:$svc_http/health" "$svc_pid" "documents service" 120
}
log "starting the documents service ($CONTEXTS Chromium contexts)"
start_documents documents.log

{
  echo "machine: $(nproc) cores, $(uname -sr), $(free -g | awk '/^Mem:/ { print $2 }') GB; $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD -- services bench/documents || echo ' + local changes'); load average before: $(cut -d ' ' -f 1-3 /proc/loadavg)"
  echo "chromium: $("$CHROMIUM" --version 2>/dev/null | head -n 1); pool: $CONTEXTS contexts, max batch $MAX_BATCH, batch window $BATCH_WINDOW_MS ms; service requests at once: $CONCURRENCY; bare prints at once: $CONTEXTS, bare-x$BARE_BATCH: $BARE_BATCH invoices per print"
} | tee "$summary"

# The bench's invoice: template source for the service and the HTML for the bare loop.
load html "$work/invoice.liquid" "$RESULTS_DIR/invoice.html" | tee -a "$summary"
python3 -c 'import json, sys; print(json.dumps({"name": "Bench: счёт на оплату, 10 строк", "documentType": "invoice", "language": "ru",
  "kind": "html", "body": open(sys.argv[1], encoding="utf-8").read()}))' "$work/invoice.liquid" >"$work/template.json"
code=$(curl -s -o "$work/template-created.json" -w '%{http_code}' -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  --data-binary @"$work/template.json" "http://127.0.0.1:$svc_http/v1/templates") || true
[ "$code" = 200 ] || die "creating the bench's template answered $code: $(head -c 500 "$work/template-created.json")"
template_id=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["id"])' "$work/template-created.json")
preview_path="/v1/templates/$template_id/preview"
code=$(curl -s -o "$RESULTS_DIR/service.pdf" -w '%{http_code}' -H "Authorization: Bearer $token" "http://127.0.0.1:$svc_http$preview_path") || true
[ "$code" = 200 ] && [ "$(head -c 5 "$RESULTS_DIR/service.pdf")" = "%PDF-" ] ||
  die "GET $preview_path answered $code: $(head -c 300 "$RESULTS_DIR/service.pdf")"
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$svc_http$preview_path") || true
[ "$code" = 401 ] || die "GET $preview_path without a token answered $code, not 401"
log "template $template_id; one preview is $(wc -c <"$RESULTS_DIR/service.pdf") bytes of PDF (in the results)"

failed=0
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }
median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# ---------------------------------------------------------------- (a) PDFs per second
if [[ $PARTS == *a* ]]; then
  targets="service bare bare-x$BARE_BATCH"
  for t in svc bare coal; do : >"$work/$t.rates"; : >"$work/$t.cpu"; done
  {
    echo
    echo "(a) invoice PDFs (10 rows), $COUNT per run after $WARMUP warm-up, $ROUNDS interleaved rounds; service: $CONCURRENCY requests at once;"
    echo "    bare: one invoice per print, $CONTEXTS at once; bare-x$BARE_BATCH: $BARE_BATCH invoices per print split into one PDF each, $CONTEXTS at once"
    printf '%-6s %-8s %9s %9s %9s %8s %7s %6s %8s\n' round target pdfs/s p50_ms p95_ms pdf_kb errors load1 cpu_ms
  } | tee -a "$summary"
  for ((r = 1; r <= ROUNDS; r++)); do
    for target in $targets; do
      log "round $r: $target"
      case $target in
        service)
          key=svc
          out=$(load service --url "http://127.0.0.1:$svc_http$preview_path" --token "$token" --concurrency "$CONCURRENCY" --warmup "$WARMUP" --count "$COUNT" \
            --pid "$svc_pid" 2>>"$RESULTS_DIR/errors.txt" | tee "$RESULTS_DIR/a-$r-service.txt") || failed=1 ;;
        bare)
          key=bare
          out=$(load bare --html "$RESULTS_DIR/invoice.html" --chromium "$CHROMIUM" --concurrency "$CONTEXTS" --warmup "$WARMUP" --count "$COUNT" \
            2>>"$RESULTS_DIR/errors.txt" | tee "$RESULTS_DIR/a-$r-bare.txt") || failed=1 ;;
        *)
          key=coal
          out=$(load bare --html "$RESULTS_DIR/invoice.html" --chromium "$CHROMIUM" --concurrency "$CONTEXTS" --warmup "$WARMUP" --count "$COUNT" \
            --batch "$BARE_BATCH" 2>>"$RESULTS_DIR/errors.txt" | tee "$RESULTS_DIR/a-$r-$target.txt") || failed=1 ;;
      esac
      res=$(grep '^RESULT ' <<<"$out" || true)
      [ -n "$res" ] || { failed=1; log "round $r $target printed no result"; continue; }
      field per_s "$res" >>"$work/$key.rates"
      field cpu_ms "$res" >>"$work/$key.cpu"
      printf '%-6s %-8s %9s %9s %9s %8s %7s %6s %8s %s\n' "$r" "$target" "$(field per_s "$res")" "$(field p50_ms "$res")" "$(field p95_ms "$res")" \
        "$(field avg_kb "$res")" "$(field errors "$res")" "$(cut -d ' ' -f 1 /proc/loadavg)" "$(field cpu_ms "$res")" \
        "(process $(field cpu_root_ms "$res"), driver $(field cpu_driver_ms "$res"), chromium $(field cpu_chromium_ms "$res"))" | tee -a "$summary"
    done
  done
  svc_median=$(median <"$work/svc.rates") bare_median=$(median <"$work/bare.rates") coal_median=$(median <"$work/coal.rates")
  svc_cpu=$(median <"$work/svc.cpu") bare_cpu=$(median <"$work/bare.cpu") coal_cpu=$(median <"$work/coal.cpu")
  awk -v s="$svc_median" -v b="$bare_median" -v c="$coal_median" -v sc="$svc_cpu" -v bc="$bare_cpu" -v cc="$coal_cpu" -v n="$BARE_BATCH" 'BEGIN {
    printf "median: service %.2f PDFs/s, bare Chromium %.2f PDFs/s (one per print), bare-x%d %.2f PDFs/s\n", s, b, n, c
    printf "median CPU per PDF (process tree: service or bench + Playwright driver + Chromium): service %.1f ms, bare %.1f ms, bare-x%d %.1f ms\n", sc, bc, n, cc
    printf "2 cores at that CPU cost: service at most %.1f PDFs/s, bare at most %.1f, bare-x%d at most %.1f\n", (sc > 0 ? 2000 / sc : 0), (bc > 0 ? 2000 / bc : 0), n, (cc > 0 ? 2000 / cc : 0)
    printf "ratio service/bare: %.3f (one per print), %.3f (bare-x%d)\n", (b > 0 ? s / b : 0), (c > 0 ? s / c : 0), n
    printf "target service >= 0.8 x the bare loop (issue 13: the same HTML printed in a bare Chromium loop, one per print): %s\n", (b > 0 && s / b >= 0.8) ? "met" : "not met"
    printf "stricter, our own: service >= 0.8 x bare-x%d (a bare loop that also combines prints): %s\n", n, (c > 0 && s / c >= 0.8) ? "met" : "not met"
    printf "target service >= 20 invoices/s: %s\n", (s >= 20) ? "met" : "not met" }' | tee -a "$summary"
  echo "load average after (a): $(cut -d ' ' -f 1-3 /proc/loadavg)" | tee -a "$summary"
fi

# ---------------------------------------------------------------- (b) the batch
if [[ $PARTS == *b* ]]; then
  log "restarting the service, so its peak RSS is the batch's"
  stop_pid "$svc_pid" documents
  start_documents documents-batch.log
  {
    echo
    echo "(b) a batch of $BATCH invoices (10 rows) through a fresh service, $CONCURRENCY at once (GET $preview_path each: the service has no bulk-issue call), after $WARMUP warm-up"
  } | tee -a "$summary"
  # Progress shows as it comes (on stderr: tee to /dev/stderr would reopen, and truncate, a log file stderr points at).
  load service --url "http://127.0.0.1:$svc_http$preview_path" --token "$token" --concurrency "$CONCURRENCY" --warmup "$WARMUP" --count "$BATCH" \
    --pid "$svc_pid" --progress "$PROGRESS" 2>>"$RESULTS_DIR/errors.txt" | tee "$RESULTS_DIR/b-batch.txt" >&2 || failed=1
  out=$(cat "$RESULTS_DIR/b-batch.txt")
  res=$(grep '^RESULT ' <<<"$out" || true) mem=$(grep '^MEMORY ' <<<"$out" || true)
  [ -n "$res" ] && [ -n "$mem" ] || { failed=1; log "the batch printed no result"; }
  grep '^PROGRESS ' <<<"$out" | sed 's/^PROGRESS /progress: /' >>"$summary"
  awk -v docs="$(field docs "$res")" -v s="$(field seconds "$res")" -v rate="$(field per_s "$res")" -v err="$(field errors "$res")" \
    -v hwm="$(field service_hwm_mb "$mem")" -v crss="$(field chromium_rss_peak_mb "$mem")" -v cpss="$(field chromium_pss_peak_mb "$mem")" \
    -v procs="$(field chromium_procs_peak "$mem")" -v drv="$(field driver_rss_peak_mb "$mem")" -v total="$(field total_pss_peak_mb "$mem")" 'BEGIN {
    printf "batch: %d invoices in %.1f s (%.2f/s), errors %d\n", docs, s, rate, err
    printf "peak RSS of the service process (VmHWM): %d MB\n", hwm
    printf "Chromium (%d processes at most): RSS summed at peak %d MB, PSS summed at peak %d MB; Playwright driver RSS at peak %d MB\n", procs, crss, cpss, drv
    printf "service + driver + Chromium, PSS summed at peak: %d MB\n", total
    printf "target peak RSS of the service <= 600 MB: %s\n", (hwm > 0 && hwm <= 600) ? "met" : "not met" }' | tee -a "$summary"
  echo "load average after (b): $(cut -d ' ' -f 1-3 /proc/loadavg)" | tee -a "$summary"
fi

if [ "$failed" -ne 0 ] || [ -s "$RESULTS_DIR/errors.txt" ]; then
  echo "FAILED: some requests or prints failed (see errors.txt in $RESULTS_DIR)" | tee -a "$summary"
  exit 1
fi
echo "every request and print succeeded; raw output in $RESULTS_DIR"
