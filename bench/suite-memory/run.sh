#!/usr/bin/env bash
# How much memory a local run of the whole suite takes once it is up and idle, per process and in
# total, against the targets: each .NET service under 120 MB, the suite's own processes (services,
# gateway, identity, pub/sub, PostgreSQL) under 1 GB, the whole run (with the AppHost, DCP and the
# dashboard) under 2 GB.
#   bench/suite-memory/run.sh               # build, start as ./run-suite does (demo data), wait idle 60 s, measure
#   IDLE=120 SKIP_BUILD=1 bench/suite-memory/run.sh
# The suite runs on a throw-away data directory and a free port; nothing of .data/ is touched.
# Totals are PSS (a shared page counted once, split between its users); RSS double-counts what
# PostgreSQL's backends share. The per-service target is checked against RSS, the stricter one.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
source scripts/prerequisites.sh
source scripts/suite-env.sh
source bench/lib.sh

idle=${IDLE:-60}
work=$(mktemp -d /tmp/crmsuite-memory.XXXXXX)
chmod 755 "$work"   # PostgreSQL runs as the postgres user and must reach its data directory inside
apphost_pid=
cleanup() {
  local status=$?
  [ "$status" = 0 ] || { log "the AppHost's last lines:"; tail -n 40 "$work/apphost.log" >&2 2>/dev/null || true; }
  stop_pid "$apphost_pid" AppHost
  stop_postmaster "$work/postgres"
  rm -rf "$work"
}
trap cleanup EXIT

ensure_dotnet
ensure_postgres
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "building the suite"
  dotnet build CrmSuite.sln -nologo -v quiet -clp:ErrorsOnly >"$work/build.log" 2>&1 || { tail -n 30 "$work/build.log" >&2; die "build failed"; }
fi

suite_environment
export Demo__Seed=true Gateway__Port
Gateway__Port=$(free_port)
log "starting the suite (gateway on port $Gateway__Port)"
"$suite_apphost" --Postgres:DataDirectory="$work/postgres" >"$work/apphost.log" 2>&1 &
apphost_pid=$!
wait_for "http://127.0.0.1:$Gateway__Port/health" "$apphost_pid" AppHost "${START_TIMEOUT:-600}"
# The gateway is the last to start; give the dashboard's first scrape and the services' first timers a moment.
log "ready; idle for ${idle}s"
sleep "$idle"

# Every process the AppHost started, with its parent chain: DCP starts the services and PostgreSQL.
descendants() {
  local -A children=()
  local pid ppid
  while read -r pid ppid; do children[$ppid]+=" $pid"; done < <(ps -e -o pid=,ppid=)
  local queue=("$1") out=()
  while [ ${#queue[@]} -gt 0 ]; do
    pid=${queue[0]}; queue=("${queue[@]:1}")
    out+=("$pid")
    for c in ${children[$pid]:-}; do queue+=("$c"); done
  done
  echo "${out[@]}"
}

kb() { awk -v k="$2" '$1 == k":" { print $2 }' "/proc/$1/$3" 2>/dev/null || echo 0; }

classify() { # the role of a process by its command line
  case "$1" in
    *CrmSuite.AppHost*) echo "orchestration apphost" ;;
    *Aspire.Dashboard*) echo "orchestration dashboard" ;;
    */dcp\ *|*/dcp|*dcpctrl*|*/dcpproc*) echo "orchestration dcp" ;;
    *CrmSuite.Gateway*) echo "suite gateway" ;;
    *CrmSuite.Identity*) echo "suite identity" ;;
    *CrmSuite.Clients.Api*) echo "suite clients" ;;
    *CrmSuite.Warehouse.Api*) echo "suite warehouse" ;;
    *CrmSuite.Audit.Api*) echo "suite audit" ;;
    *CrmSuite.Scheduling.Api*) echo "suite scheduling" ;;
    *CrmSuite.PubSubEmulator*) echo "suite pubsub" ;;
    *postgres*|*run-postgres.sh*) echo "suite postgres" ;;
    *) echo "orchestration other" ;;
  esac
}

declare -A rss_by=() pss_by=() count_by=() group_of=()
service_over=() service_over_pss=()
printf '\n%-8s %-26s %9s %9s  %s\n' PID ROLE "RSS MB" "PSS MB" COMMAND
# DCP detaches from the AppHost (--detach) and starts the resources itself: follow it by its --monitor argument too.
pids=$(for root in "$apphost_pid" $(pgrep -f -- "--monitor $apphost_pid" || true); do descendants "$root"; done | tr ' ' '\n' | sort -un)
for pid in $pids; do
  [ -r "/proc/$pid/cmdline" ] || continue
  cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" | cut -c1-90)
  [ -n "$cmd" ] || continue
  read -r group role < <(classify "$cmd")
  rss=$(kb "$pid" VmRSS status); pss=$(kb "$pid" Pss smaps_rollup)
  printf '%-8s %-26s %9.1f %9.1f  %s\n' "$pid" "$group/$role" "$(echo "$rss / 1024" | bc -l)" "$(echo "$pss / 1024" | bc -l)" "$cmd"
  rss_by[$role]=$(( ${rss_by[$role]:-0} + rss )); pss_by[$role]=$(( ${pss_by[$role]:-0} + pss ))
  count_by[$role]=$(( ${count_by[$role]:-0} + 1 )); group_of[$role]=$group
  case "$role" in gateway|identity|clients|warehouse|audit|scheduling|pubsub)
    [ "$rss" -lt $((120 * 1024)) ] || service_over+=("$role $((rss / 1024)) MB")
    [ "$pss" -lt $((120 * 1024)) ] || service_over_pss+=("$role $((pss / 1024)) MB") ;;
  esac
done

suite_pss=0; all_pss=0; suite_rss=0; all_rss=0
printf '\n%-26s %5s %9s %9s\n' "BY ROLE" PROCS "RSS MB" "PSS MB"
for role in $(printf '%s\n' "${!rss_by[@]}" | sort); do
  printf '%-26s %5s %9d %9d\n' "${group_of[$role]}/$role" "${count_by[$role]}" $((rss_by[$role] / 1024)) $((pss_by[$role] / 1024))
  all_pss=$((all_pss + pss_by[$role])); all_rss=$((all_rss + rss_by[$role]))
  if [ "${group_of[$role]}" = suite ]; then suite_pss=$((suite_pss + pss_by[$role])); suite_rss=$((suite_rss + rss_by[$role])); fi
done

verdict() { if [ "$1" -lt "$2" ]; then echo "OK"; else echo "OVER"; fi; }
echo
printf 'each .NET service (RSS)        %-28s target < 120 MB  %s\n' "${service_over[*]:-all under}" "$([ ${#service_over[@]} = 0 ] && echo OK || echo OVER)"
printf 'each .NET service (PSS)        %-28s target < 120 MB  %s\n' "${service_over_pss[*]:-all under}" "$([ ${#service_over_pss[@]} = 0 ] && echo OK || echo OVER)"
printf "suite's own processes (PSS)    %6d MB (RSS sum %5d MB)   target < 1024 MB %s\n" $((suite_pss / 1024)) $((suite_rss / 1024)) "$(verdict $((suite_pss / 1024)) 1024)"
printf 'whole local run (PSS)          %6d MB (RSS sum %5d MB)   target < 2048 MB %s\n' $((all_pss / 1024)) $((all_rss / 1024)) "$(verdict $((all_pss / 1024)) 2048)"
