# Shared by ./run-suite, ./run-tests and the benchmarks: installs what is missing, from Debian's
# packages only, and says clearly what it could not do.

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    echo "Need root to run: $*  (run as root or install sudo)" >&2; return 1; fi
}

apt_install() {
  local packages=("$@")
  echo "Installing ${packages[*]} from the OS packages..."
  if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null; then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
  fi
}

ensure_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "The .NET 10 SDK is required: https://learn.microsoft.com/dotnet/core/install/linux (package dotnet-sdk-10.0)." >&2
    exit 1
  fi
}

postgres_bin_dir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

ensure_postgres() {
  local bin
  bin=$(postgres_bin_dir)
  if [ -z "$bin" ] || [ ! -x "$bin/postgres" ]; then
    apt_install postgresql
    bin=$(postgres_bin_dir)
  fi
  if [ -z "$bin" ] || [ ! -x "$bin/postgres" ]; then
    echo "PostgreSQL server binaries not found even after installing: try 'sudo apt-get install -y postgresql'." >&2
    exit 1
  fi
}

ensure_chromium() {
  if ! command -v chromium >/dev/null 2>&1; then
    apt_install chromium
  fi
}

# A TCP port on 127.0.0.1 that nothing listens on now.
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$(( (RANDOM % 20000) + 30000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "No free port found" >&2
  return 1
}

# The first port from $1 upwards that nothing listens on (for an address that stays the same between runs).
free_port_from() {
  local port=$1
  while [ "$port" -lt $(( $1 + 100 )) ]; do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
    port=$(( port + 1 ))
  done
  echo "No free port found from $1 to $(( $1 + 99 ))" >&2
  return 1
}
