# Shared helpers of the bench scripts (sourced, not run). The caller sets `repo` and `work`
# (a temp dir it removes on exit) before calling start_postgres or publish.

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

stop_pid() { # stop_pid PID NAME: SIGTERM, wait up to 15 s, then SIGKILL
  local pid=$1 name=$2 i
  [ -n "$pid" ] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 150; i++)); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  log "$name ($pid) did not stop on SIGTERM; killing it"
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

stop_postmaster() { # stop_postmaster DATA_DIR: if run-postgres.sh had to be killed, its postgres may still run
  local pm i
  [ -f "$1/postmaster.pid" ] || return 0
  pm=$(head -n 1 "$1/postmaster.pid" 2>/dev/null)
  if [ -n "$pm" ] && kill -0 "$pm" 2>/dev/null; then
    kill -INT "$pm" 2>/dev/null
    for ((i = 0; i < 100; i++)); do kill -0 "$pm" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pm" 2>/dev/null
  fi
}

claimed_ports=()
free_port() { # a loopback port nobody listens on, below the ephemeral range load generators use
  local p tries
  for ((tries = 0; tries < 200; tries++)); do
    p=$((20000 + RANDOM % 12000))
    [[ " ${claimed_ports[*]} " == *" $p "* ]] && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      claimed_ports+=("$p")
      echo "$p"
      return 0
    fi
  done
  die "no free port found"
}

wait_for() { # wait_for URL PID NAME TIMEOUT_S: until URL answers 200
  local url=$1 pid=$2 name=$3 timeout=$4 code deadline=$((SECONDS + $4))
  while ((SECONDS < deadline)); do
    kill -0 "$pid" 2>/dev/null || die "$name exited while starting"
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)
    [ "$code" = 200 ] && return 0
    sleep 0.3
  done
  die "$name did not answer 200 on $url within ${timeout}s (last status: ${code:-none})"
}

publish() { # publish PROJECT OUTPUT: a Release build of a service into OUTPUT
  if ! dotnet publish "$repo/$1" -c Release --no-restore -o "$2" >"$work/publish.log" 2>&1; then
    log "publish --no-restore failed for $1; restoring the solution"
    dotnet restore "$repo/CrmSuite.sln" >"$work/restore.log" 2>&1 || { tail -n 30 "$work/restore.log" >&2; die "restore failed"; }
    dotnet publish "$repo/$1" -c Release --no-restore -o "$2" >"$work/publish.log" 2>&1 ||
      { tail -n 30 "$work/publish.log" >&2; die "publish failed for $1"; }
  fi
}

publish_all() { # publish_all NAME=PROJECT...: Release builds into $repo/bench/.build/NAME (reused when SKIP_BUILD=1)
  local spec missing=0
  for spec in "$@"; do
    [ -f "$repo/bench/.build/${spec%%=*}/$(basename "${spec#*=}").dll" ] || missing=1
  done
  if [ "${SKIP_BUILD:-0}" = 1 ] && [ "$missing" = 0 ]; then
    log "SKIP_BUILD=1: reusing $repo/bench/.build"
    return 0
  fi
  for spec in "$@"; do
    log "publishing ${spec#*=} (Release)"
    publish "${spec#*=}" "$repo/bench/.build/${spec%%=*}"
  done
}

require_tools() { # require_tools TOOL...
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is required"
  done
}

pg_pid=''
start_postgres() { # start_postgres [EXTRA_ENV...]: a throw-away cluster in $work/pgdata; exports PGHOST/PGPORT/PGUSER/PGPASSWORD
  local deadline
  export PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
  [ -x "$PG_BIN/postgres" ] || unset PG_BIN # run-postgres.sh then looks for the binaries itself
  pg_port=$(free_port)
  pg_password="bench-$RANDOM$RANDOM"
  log "starting PostgreSQL on 127.0.0.1:$pg_port"
  env PGPORT="$pg_port" POSTGRES_PASSWORD="$pg_password" "$@" \
    "$repo/AppHost/CrmSuite.AppHost/postgres/run-postgres.sh" "$work/pgdata" >"$work/postgres.log" 2>&1 &
  pg_pid=$!
  export PGHOST=127.0.0.1 PGPORT=$pg_port PGUSER=postgres PGPASSWORD=$pg_password PGCONNECT_TIMEOUT=3
  deadline=$((SECONDS + 60))
  until psql -X -q -d postgres -c 'select 1' >/dev/null 2>&1; do
    kill -0 "$pg_pid" 2>/dev/null || die "PostgreSQL exited while starting"
    ((SECONDS < deadline)) || die "PostgreSQL did not accept connections within 60s"
    sleep 0.3
  done
}

make_issuer() { # make_issuer PERMS: stand-in identity (discovery + JWKS); sets issuer_url, issuer_pid, token
  local port
  port=$(free_port)
  issuer_url="http://127.0.0.1:$port/"
  mkdir -p "$work/issuer"
  openssl genrsa -out "$work/bench-key.pem" 2048 2>/dev/null || die "openssl genrsa failed"
  token=$(python3 "$repo/bench/gateway-overhead/bench_issuer.py" "$work/issuer" "$issuer_url" "$work/bench-key.pem" "$1") ||
    die "could not make the bench token"
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/issuer" >"$work/issuer.log" 2>&1 &
  issuer_pid=$!
  wait_for "${issuer_url}.well-known/openid-configuration" "$issuer_pid" "token issuer" 30
  # Where the services find "identity": its public issuer and its internal address are the stand-in.
  export Identity__Issuer=$issuer_url Identity__InternalUrl=$issuer_url
  export services__identity__http__0=${issuer_url%/} services__identity__grpc__0=${issuer_url%/}
}

proc_ticks() { # proc_ticks PID...: summed utime+stime (+ cutime+cstime: children that exited)
  local total=0 pid stat f
  for pid in "$@"; do
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
    read -ra f <<<"${stat##*) }" # f[0] is field 3 (state): utime is field 14 .. cstime 17
    total=$((total + f[11] + f[12] + f[13] + f[14]))
  done
  echo "$total"
}
