#!/usr/bin/env bash
# SPBE Connector benchmark: the gateway side by side with nginx, on this machine, in one run.
#
#   bash bench/run.sh                      the benchmark (a few minutes): table + bench/results/latest.json
#   bash bench/run.sh --soak               the benchmark, then the memory soak (10 min at 50% of the max rate)
#   bash bench/run.sh --compare-settings   runtime settings of the gateway compared side by side (no latest.json)
#   bash bench/run.sh --help               every option
#
# Targets, measured alternately in the same run (ratios are only meaningful within one run):
#   upstream      the fixed upstream directly: nginx returning a 1 KB JSON body, plain HTTP on loopback
#   nginx         nginx as a plain reverse proxy to it: TLS with the gateway's certificate, keep-alive upstream
#   nginx_post    the same nginx, with the 1 KB JSON POST that gateway_full sends (the cost of the body alone)
#   gateway_bare  the gateway in Release, one published API, routing only
#   gateway_full  the gateway with every policy that exists switched on (see "gateway_full" below); it reports
#                 which policies it actually observed being enforced, never more
#
# Everything it starts runs on 127.0.0.1 and is stopped when the script exits, however it exits.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
WORK_DIR=${BENCH_WORK_DIR:-$BENCH_DIR/.work}
RESULTS_FILE=$BENCH_DIR/results/latest.json

# ---- options ----------------------------------------------------------------------------------------------------
RUNS=5            # measured runs per target (the median is quoted)
DURATION=8        # seconds per measured run
WARMUP=10         # seconds of warm-up per gateway before measuring (JIT, tiered compilation); servers get 3 s
CONNECTIONS=50    # wrk connections
THREADS=1         # wrk threads
PIN=split         # split: wrk alone on CPU 1, the rest unpinned; none: nothing pinned (see docs/performance.md)
NGINX_WORKERS=$(nproc) # nginx proxy worker processes: one per CPU, nginx's "auto" and its best here (docs/performance.md)
BUILD=1
SOAK=0
SOAK_MINUTES=10
SOAK_TARGET=gateway_full
COMPARE_SETTINGS=0
SETTINGS_FILTER=""
GATEWAY_REF=""    # --gateway-ref: benchmark the gateway built from this git revision instead of the working tree
COMPARE_REF=""    # --compare-ref: also run the gateway built from this git revision (before/after a change)
KEEP=0
PLAIN=0           # --plain: also measure nginx and YARP without TLS (a diagnostic; the gateway itself is HTTPS only)
ONLY=""
WAIT_QUIET=0      # --wait-quiet PCT: before starting, wait (up to 10 min) until other load is below PCT %
PACED_RATE=0      # >0: every target at this fixed rate (req/s) instead of as fast as it goes (--rate)
PROFILE=""        # a gateway target to trace with dotnet-trace (cpu-sampling) during one extra measured run

# Runtime settings of the gateway processes, chosen by measurement (docs/performance.md, --compare-settings).
# The build's own runtimeconfig already has server GC, concurrent GC and TieredPGO (src/Gateway/Gateway.csproj).
GATEWAY_RUNTIME_ENV=(
  "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1"
)

# Variants compared by --compare-settings: "name|VAR=value VAR=value". "defaults" is the build's runtimeconfig alone.
SETTINGS_VARIANTS=(
  "defaults|"
  "inline_completions|DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1"
  "workstation_gc|DOTNET_gcServer=0"
  "workstation_gc_inline|DOTNET_gcServer=0 DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1"
  "datas_off_inline|DOTNET_GCDynamicAdaptationMode=0 DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1"
  "no_tiered_pgo_inline|DOTNET_TieredPGO=0 DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1"
  "no_tiered_compilation_inline|DOTNET_TieredCompilation=0 DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1"
  "no_spin_inline|DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1"
  "no_spin|DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0"
  "no_request_activity_inline|Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics=None DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1"
)

usage() {
  cat <<EOF
Usage: bash bench/run.sh [options]

  --runs N              measured runs per target (default $RUNS; the median is quoted)
  --duration S          seconds per run (default $DURATION)
  --warmup S            warm-up seconds per gateway (default $WARMUP)
  --connections N       wrk connections (default $CONNECTIONS)
  --threads N           wrk threads (default $THREADS)
  --pin MODE            split (wrk alone on CPU 1; default) or none
  --nginx-workers N     worker processes of the nginx proxy (default $NGINX_WORKERS)
  --rate N              offer every target a fixed N req/s (paced, wrk/paced.lua) instead of measuring its maximum:
                        compares CPU per request and latency at equal load, which a shared machine disturbs
                        less than maximum throughput (used for --compare-settings; latest.json is not written)
  --wait-quiet PCT      on a shared machine, wait up to 10 minutes before starting until the CPU used by other
                        processes is below PCT % (measured over 5 s)
  --only LIST           measure only these targets (comma-separated); latest.json is then not written
  --plain               also measure nginx_plain and yarp_plain: nginx and YARP alone over plain HTTP, to show how
                        much of the distance to nginx is TLS termination (the gateway itself serves HTTPS only)
  --no-build            reuse the last Release build in $WORK_DIR/publish
  --soak [MINUTES]      after the benchmark, run $SOAK_TARGET for MINUTES (default $SOAK_MINUTES) at 50% of its
                        measured rate and report the growth of its resident memory
  --soak-target NAME    gateway_bare or gateway_full (default $SOAK_TARGET)
  --compare-settings [LIST]
                        compare runtime settings of gateway_bare against nginx instead of the benchmark;
                        LIST = comma-separated variant names (default: all of them)
  --profile TARGETS     after measuring, trace each of TARGETS (comma-separated: gateway_bare, gateway_full,
                        yarp_minimal) with dotnet-trace for one
                        extra run of --duration seconds and print its top methods (exclusive and inclusive);
                        the .nettrace and .speedscope.json stay in $WORK_DIR/profiles
  --gateway-ref REV     benchmark the gateway as built from git revision REV (exported with git archive, never
                        checked out), for example a branch with policies this working tree does not have yet
  --compare-ref REV     with --compare-settings: add "gw_ref", the gateway built from git revision REV with the
                        default runtime settings, to measure a code change before/after in the same run
  --keep                keep the run directory (configs, logs, data) for inspection
  -h, --help            this text
EOF
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --pin) PIN=$2; shift 2 ;;
    --nginx-workers) NGINX_WORKERS=$2; shift 2 ;;
    --only) ONLY=$2; shift 2 ;;
    --rate) PACED_RATE=$2; shift 2 ;;
    --wait-quiet) WAIT_QUIET=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --plain) PLAIN=1; shift ;;
    --soak)
      SOAK=1; shift
      if [[ $# -gt 0 && $1 =~ ^[0-9]+$ ]]; then SOAK_MINUTES=$1; shift; fi ;;
    --soak-target) SOAK_TARGET=$2; shift 2 ;;
    --compare-settings)
      COMPARE_SETTINGS=1; shift
      if [[ $# -gt 0 && $1 != --* ]]; then SETTINGS_FILTER=$1; shift; fi ;;
    --profile) PROFILE=$2; shift 2 ;;
    --compare-ref) COMPARE_REF=$2; shift 2 ;;
    --gateway-ref) GATEWAY_REF=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "Unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done

[[ $WAIT_QUIET =~ ^[0-9]+$ ]] || { echo "--wait-quiet takes a percentage" >&2; exit 2; }
[[ $PACED_RATE =~ ^[0-9]+$ ]] || { echo "--rate must be a number of requests per second" >&2; exit 2; }
for n in RUNS DURATION WARMUP CONNECTIONS THREADS NGINX_WORKERS SOAK_MINUTES; do
  [[ ${!n} =~ ^[0-9]+$ && ${!n} -gt 0 ]] || { echo "--${n,,} must be a positive integer" >&2; exit 2; }
done
case "$PIN" in split|none) ;; *) echo "--pin must be split or none" >&2; exit 2 ;; esac
case "$SOAK_TARGET" in gateway_bare|gateway_full) ;; *) echo "--soak-target must be gateway_bare or gateway_full" >&2; exit 2 ;; esac

PROFILE_ENV=()
[[ -n $PROFILE ]] && PROFILE_ENV=("DOTNET_PerfMapEnabled=1" "DOTNET_EnableWriteXorExecute=0") # W^X double-mapping hides JIT code from perf

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[bench %s] ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2; exit 1; }

# ---- tools ------------------------------------------------------------------------------------------------------
NGINX_BIN=""
ensure_tools() {
  local missing=()
  command -v wrk >/dev/null 2>&1 || missing+=(wrk)
  NGINX_BIN=$(command -v nginx 2>/dev/null || true)
  [[ -z $NGINX_BIN && -x /usr/sbin/nginx ]] && NGINX_BIN=/usr/sbin/nginx
  [[ -n $NGINX_BIN ]] || missing+=(nginx)
  command -v jq >/dev/null 2>&1 || missing+=(jq)
  command -v python3 >/dev/null 2>&1 || missing+=(python3) # bench/lib/approvals.py: the reviewers' decisions
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  command -v openssl >/dev/null 2>&1 || missing+=(openssl)
  command -v ss >/dev/null 2>&1 || missing+=(iproute2)
  command -v taskset >/dev/null 2>&1 || missing+=(util-linux)
  if [[ ${#missing[@]} -gt 0 ]]; then
    command -v apt-get >/dev/null 2>&1 || die "missing: ${missing[*]}; install them with your package manager (Debian: apt-get install ${missing[*]})"
    [[ $EUID -eq 0 ]] || die "missing: ${missing[*]}; run as root, or first: sudo apt-get install -y ${missing[*]}"
    log "installing ${missing[*]} from Debian's packages"
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >"$WORK_DIR/apt.log" 2>&1; then
      DEBIAN_FRONTEND=noninteractive apt-get update >>"$WORK_DIR/apt.log" 2>&1 || true
      DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >>"$WORK_DIR/apt.log" 2>&1 \
        || die "apt-get install ${missing[*]} failed; see $WORK_DIR/apt.log"
    fi
    NGINX_BIN=$(command -v nginx 2>/dev/null || echo /usr/sbin/nginx)
  fi
  command -v dotnet >/dev/null 2>&1 || die "the .NET SDK (dotnet) is required to build the gateway; see README.md"
}

# ---- processes and cleanup --------------------------------------------------------------------------------------
PIDS=()
RUN_DIR=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [[ -n $RUN_DIR && -d $RUN_DIR ]]; then
    if [[ $KEEP -eq 1 || $rc -ne 0 ]]; then
      log "run directory kept: $RUN_DIR"
    else
      rm -rf "$RUN_DIR"
    fi
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

USED_PORTS=" "
free_port() {
  local p
  for _ in $(seq 200); do
    p=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    [[ $USED_PORTS == *" $p "* ]] && continue
    if [[ -z $(ss -Htan "( sport = :$p )" 2>/dev/null) ]]; then
      USED_PORTS+="$p "
      echo "$p"
      return 0
    fi
  done
  die "no free TCP port found"
}

wait_http() { # url, seconds, [curl options...]
  local url=$1 secs=$2; shift 2
  local deadline=$((SECONDS + secs))
  while ((SECONDS < deadline)); do
    curl -fsS -o /dev/null --max-time 2 "$@" "$url" 2>/dev/null && return 0
    sleep 0.2
  done
  return 1
}

# CPU ticks (user + system) of a process and its children (nginx workers).
proc_ticks() {
  local pid=$1 total=0 p f
  for p in "$pid" $(pgrep -P "$pid" 2>/dev/null || true); do
    if [[ -r /proc/$p/stat ]]; then
      f=$(sed 's/^.*) //' "/proc/$p/stat")
      # fields after the command: state is 1st, utime 12th, stime 13th
      total=$((total + $(awk '{print $12 + $13}' <<<"$f")))
    fi
  done
  echo "$total"
}
CLK_TCK=$(getconf CLK_TCK)

# Busy CPU ticks of the whole machine, from /proc/stat: user, nice, system, irq, softirq and steal (time the
# hypervisor gave to other virtual machines).
machine_busy_ticks() {
  awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9; exit}' /proc/stat
}

# CPU ticks of every process this script started, and of its finished children (wrk), so that what is left of the
# machine's busy time during a run is load from elsewhere: other users of a shared machine.
# Sets OWN_TICKS. Not a function to call in $(...): `times` must run in this shell to see its children.
OWN_TICKS=0
own_ticks() {
  local total=0 pid t child
  for pid in "${PIDS[@]}"; do
    t=$(proc_ticks "$pid")
    total=$((total + t))
  done
  # bash's `times`: the second line is the user and system time of the shell's finished children (and theirs).
  times >"$RUN_DIR/times.txt"
  child=$(awk -v hz="$CLK_TCK" 'NR == 2 { split($0, f, /[ms ]+/); printf "%d", ((f[1] * 60 + f[2]) + (f[3] * 60 + f[4])) * hz }' "$RUN_DIR/times.txt")
  OWN_TICKS=$((total + child))
}

cpu_prefix() { # CPU list ('' = unpinned) -> command prefix
  if [[ -n $1 ]]; then echo "taskset -c $1"; fi
}

# ---- pinning ----------------------------------------------------------------------------------------------------
# split: wrk alone on the last CPU; the servers (upstream, nginx, gateway) may use every CPU. With two cores this
# keeps the load generator from being preempted by the server it measures, without starving the server of a core
# the way pinning it to CPU 0 would. none: the scheduler decides everything.
NCPU=$(nproc)
WRK_CPUS=""
if [[ $PIN == split && $NCPU -ge 2 ]]; then WRK_CPUS=$((NCPU - 1)); fi

# ---- build ------------------------------------------------------------------------------------------------------
PUBLISH_DIR=$WORK_DIR/publish
GATEWAY_BIN=$PUBLISH_DIR/SpbeConnector.Gateway
YARP_DIR=$WORK_DIR/yarp-minimal
build_gateway() {
  if [[ $BUILD -eq 1 ]]; then
    log "building the gateway (Release) into $PUBLISH_DIR"
    dotnet publish "$REPO_DIR/src/Gateway/Gateway.csproj" -c Release -o "$PUBLISH_DIR" --nologo -v quiet \
      --artifacts-path "$WORK_DIR/artifacts" >"$WORK_DIR/build.log" 2>&1 \
      || { tail -30 "$WORK_DIR/build.log" >&2; die "the Release build failed; see $WORK_DIR/build.log"; }
  fi
  [[ -x $GATEWAY_BIN ]] || die "no build at $GATEWAY_BIN; run without --no-build"
  if [[ $BUILD -eq 1 ]]; then
    dotnet publish "$BENCH_DIR/yarp-minimal/YarpMinimal.csproj" -c Release -o "$YARP_DIR" --nologo -v quiet \
      --artifacts-path "$WORK_DIR/artifacts" >>"$WORK_DIR/build.log" 2>&1 \
      || { tail -30 "$WORK_DIR/build.log" >&2; die "the Release build of bench/yarp-minimal failed; see $WORK_DIR/build.log"; }
  fi
  [[ -x $YARP_DIR/YarpMinimal ]] || die "no build at $YARP_DIR; run without --no-build"
}

# The gateway as it was at another git revision (exported with git archive, never checked out), built once per commit.
build_ref() { # revision -> sets REF_BIN
  local sha dir
  sha=$(git -C "$REPO_DIR" rev-parse --verify "$1^{commit}" 2>/dev/null) || die "--compare-ref: $1 is not a git revision"
  dir=$WORK_DIR/ref-${sha:0:12}
  if [[ ! -x $dir/publish/SpbeConnector.Gateway ]]; then
    log "building the gateway at ${sha:0:12} (Release) into $dir"
    rm -rf "$dir"; mkdir -p "$dir/src"
    git -C "$REPO_DIR" archive "$sha" | tar -x -C "$dir/src"
    dotnet publish "$dir/src/src/Gateway/Gateway.csproj" -c Release -o "$dir/publish" --nologo -v quiet \
      --artifacts-path "$dir/artifacts" >"$dir/build.log" 2>&1 || { tail -30 "$dir/build.log" >&2; die "building $1 failed"; }
  fi
  REF_BIN=$dir/publish/SpbeConnector.Gateway
  REF_SHA=$sha
}

# YARP alone (bench/yarp-minimal): the engine with no gateway around it, same certificate and runtime settings.
start_yarp_minimal() {
  YARP_PORT=$(free_port)
  YARP_PLAIN_PORT=$(free_port)
  env "${GATEWAY_RUNTIME_ENV[@]}" "${PROFILE_ENV[@]}" "$YARP_DIR/YarpMinimal" \
    --urls "https://127.0.0.1:$YARP_PORT;http://127.0.0.1:$YARP_PLAIN_PORT" --cert "$TLS_CERT" --key "$TLS_KEY" \
    --upstream "http://127.0.0.1:$UPSTREAM_PORT" --prefix /bench/echo/v1 >"$RUN_DIR/yarp-minimal.log" 2>&1 &
  YARP_PID=$!
  PIDS+=("$YARP_PID")
  wait_http "https://127.0.0.1:$YARP_PORT/bench/echo/v1$READ_PATH" 30 --cacert "$TLS_CERT" \
    || { tail -20 "$RUN_DIR/yarp-minimal.log" >&2; die "yarp_minimal did not start"; }
  log "yarp_minimal: pid $YARP_PID on https://127.0.0.1:$YARP_PORT"
}

# ---- upstream and nginx -----------------------------------------------------------------------------------------
UPSTREAM_BODY=$BENCH_DIR/fixtures/upstream-response.json
REQUEST_BODY=$BENCH_DIR/fixtures/request-body.json
READ_PATH=/penduduk/3275011203870001
WRITE_PATH=/permohonan

nginx_common() { # name
  local d=$RUN_DIR/nginx-$1
  mkdir -p "$d/tmp"
  local user_line=""
  [[ $EUID -eq 0 ]] && user_line="user root;"
  cat <<EOF
$user_line
daemon off;
pid $d/nginx.pid;
error_log $d/error.log warn;
events { worker_connections 8192; multi_accept on; }
EOF
}

nginx_http_common() { # name
  local d=$RUN_DIR/nginx-$1
  cat <<EOF
  access_log off;
  client_body_temp_path $d/tmp/body;
  proxy_temp_path $d/tmp/proxy;
  fastcgi_temp_path $d/tmp/fastcgi;
  uwsgi_temp_path $d/tmp/uwsgi;
  scgi_temp_path $d/tmp/scgi;
  keepalive_requests 10000000;
  keepalive_timeout 75s;
  server_tokens off;
EOF
}

start_upstream() {
  UPSTREAM_PORT=$(free_port)
  local conf=$RUN_DIR/nginx-upstream.conf body
  body=$(cat "$UPSTREAM_BODY")
  [[ $body != *"'"* && $body != *'$'* ]] || die "the upstream body must not contain ' or \$"
  {
    nginx_common upstream
    echo "worker_processes 1;"
    echo "http {"
    nginx_http_common upstream
    cat <<EOF
  server {
    listen 127.0.0.1:$UPSTREAM_PORT backlog=4096 reuseport;
    location / {
      default_type application/json;
      return 200 '$body';
    }
  }
}
EOF
  } >"$conf"
  "$NGINX_BIN" -t -q -c "$conf" 2>"$RUN_DIR/nginx-upstream.check" || { cat "$RUN_DIR/nginx-upstream.check" >&2; die "upstream nginx configuration invalid"; }
  "$NGINX_BIN" -c "$conf" >"$RUN_DIR/nginx-upstream.out" 2>&1 &
  UPSTREAM_PID=$!
  PIDS+=("$UPSTREAM_PID")
  wait_http "http://127.0.0.1:$UPSTREAM_PORT$READ_PATH" 10 || die "the upstream did not start; see $RUN_DIR/nginx-upstream.out"
  log "upstream: nginx (1 worker) on http://127.0.0.1:$UPSTREAM_PORT, 1 KB JSON body"
}

# nginx as a plain reverse proxy, made comparable to the gateway: TLS 1.2/1.3 with the gateway's own certificate and
# suites of the same policy, keep-alive connections to the upstream, X-Forwarded-* and a request id added upstream
# and the request id returned (what the gateway does with no policies on).
start_nginx_proxy() {
  NGINX_PORT=$(free_port)
  NGINX_PLAIN_PORT=$(free_port)
  local conf=$RUN_DIR/nginx-proxy.conf
  {
    nginx_common proxy
    echo "worker_processes $NGINX_WORKERS;"
    echo "http {"
    nginx_http_common proxy
    cat <<EOF
  upstream bench_upstream {
    server 127.0.0.1:$UPSTREAM_PORT;
    keepalive 256;
    keepalive_requests 10000000;
  }
  server {
    listen 127.0.0.1:$NGINX_PORT ssl backlog=4096 reuseport;
    listen 127.0.0.1:$NGINX_PLAIN_PORT backlog=4096 reuseport; # plain HTTP, for the --plain diagnostic only
    ssl_certificate $TLS_CERT;
    ssl_certificate_key $TLS_KEY;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_ciphers ECDHE+AESGCM:ECDHE+CHACHA20;
    ssl_session_cache shared:SSL:10m;
    location / {
      proxy_pass http://bench_upstream;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Forwarded-Host \$host;
      proxy_set_header X-Request-Id \$request_id;
      add_header X-Request-Id \$request_id always;
    }
  }
}
EOF
  } >"$conf"
  "$NGINX_BIN" -t -q -c "$conf" 2>"$RUN_DIR/nginx-proxy.check" || { cat "$RUN_DIR/nginx-proxy.check" >&2; die "proxy nginx configuration invalid"; }
  "$NGINX_BIN" -c "$conf" >"$RUN_DIR/nginx-proxy.out" 2>&1 &
  NGINX_PID=$!
  PIDS+=("$NGINX_PID")
  wait_http "https://127.0.0.1:$NGINX_PORT$READ_PATH" 10 --cacert "$TLS_CERT" || die "the nginx proxy did not start; see $RUN_DIR/nginx-proxy.out"
  log "nginx: reverse proxy ($NGINX_WORKERS worker(s)) on https://127.0.0.1:$NGINX_PORT"
}

# ---- the gateway ------------------------------------------------------------------------------------------------
declare -A GW_PORT GW_PID GW_DATA GW_TOKEN GW_CLIENT
TLS_CERT=""
TLS_KEY=""

start_gateway() { # name, then extra VAR=value settings
  local name=$1; shift
  local port data token
  port=$(free_port)
  data=$RUN_DIR/data-$name
  mkdir -p "$data"
  token=$(openssl rand -hex 24)
  local env_args=(
    "SPBE_DATA_DIR=$data"
    "Admin__Token=$token"
    "Demo__Enabled=false"
    # Request-level logs are off by default already; keep the console quiet so logging cost is the product's.
    "ASPNETCORE_ENVIRONMENT=Production"
  )
  if [[ -n $TLS_CERT ]]; then
    env_args+=("Tls__CertificatePath=$TLS_CERT" "Tls__KeyPath=$TLS_KEY")
  fi
  env_args+=("$@")
  # BENCH_GATEWAY_ENV: extra settings for every gateway process, e.g. "OAuth__AccessTokenLifetime=00:01:00".
  # shellcheck disable=SC2206
  [[ -n ${BENCH_GATEWAY_ENV:-} ]] && env_args+=(${BENCH_GATEWAY_ENV})
  env "${env_args[@]}" "${START_BIN:-$GATEWAY_BIN}" --urls "https://127.0.0.1:$port" >"$RUN_DIR/gateway-$name.log" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  GW_PORT[$name]=$port; GW_PID[$name]=$pid; GW_DATA[$name]=$data; GW_TOKEN[$name]=$token
  local deadline=$((SECONDS + 180))
  until [[ -s $data/tls/gateway-dev.crt || -n $TLS_CERT ]] && curl -fsS -o /dev/null --max-time 2 -k "https://127.0.0.1:$port/healthz" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { tail -20 "$RUN_DIR/gateway-$name.log" >&2; die "gateway $name exited during start-up"; }
    ((SECONDS < deadline)) || die "gateway $name did not start within 180 s; see $RUN_DIR/gateway-$name.log"
    sleep 0.3
  done
  if [[ -z $TLS_CERT ]]; then
    TLS_CERT=$data/tls/gateway-dev.crt
    TLS_KEY=$data/tls/gateway-dev.key
  fi
  # The admin API wants a named caller: a management client made on the host beside the running gateway. A reference
  # build older than that command has no such thing and still takes the first-start token (Admin__Token) as before.
  local creds
  if creds=$(env "${env_args[@]}" "${START_BIN:-$GATEWAY_BIN}" admin create-client --name "bench-$name" --scope spbe.admin 2>>"$RUN_DIR/gateway-$name.log"); then
    GW_CLIENT[$name]=$(jq -er '.client_id + ":" + .client_secret' <<<"$creds") || die "admin create-client printed no credentials for gateway $name"
  fi
  log "gateway $name: pid $pid on https://127.0.0.1:$port${*:+ ($*)}"
}

admin_bearer() { # name -> a management client's access token (or, for an older reference build, its Admin__Token)
  local name=$1
  if [[ -z ${GW_CLIENT[$name]:-} ]]; then
    echo "${GW_TOKEN[$name]}"
    return
  fi
  curl -fsS --max-time 60 --cacert "$TLS_CERT" -u "${GW_CLIENT[$name]}" -d grant_type=client_credentials -d scope=spbe.admin \
    "https://127.0.0.1:${GW_PORT[$name]}/oauth2/token" | jq -er .access_token
}

admin() { # name, method, path, [json body] -> prints the body; fails on HTTP >= 400
  local name=$1 method=$2 path=$3 body=${4:-}
  local bearer
  bearer=$(admin_bearer "$name") || return 1
  local args=(-sS --max-time 60 --cacert "$TLS_CERT" -X "$method" -H "Authorization: Bearer $bearer" -w '\n%{http_code}')
  [[ -n $body ]] && args+=(-H "Content-Type: application/json" --data-binary "$body")
  local out code
  out=$(curl "${args[@]}" "https://127.0.0.1:${GW_PORT[$name]}$path") || return 1
  code=${out##*$'\n'}
  out=${out%$'\n'*}
  if [[ $code -ge 400 ]]; then
    echo "$out" >&2
    return 1
  fi
  echo "$out"
}

# The admin API's enums: sent by name; when the API only takes numbers (the foundation's JSON options), by number.
enum_number() { # kind, name
  case "$1:$2" in
    classification:Public) echo 0 ;; classification:Restricted) echo 1 ;; classification:Exempt) echo 2 ;; classification:Secret) echo 3 ;;
    status:Submitted) echo 1 ;; status:Approved) echo 2 ;; status:Published) echo 3 ;;
    *) die "unknown $1 $2" ;;
  esac
}

register_api() { # gateway name, slug, classification, openapi file or '', public (true|false)
  local name=$1 slug=$2 classification=$3 doc_file=${4:-} public=${5:-false} doc=null id body cls
  [[ -n $doc_file ]] && doc=$(jq -Rs . <"$doc_file")
  admin "$name" GET /admin/v1/opds/bench >/dev/null 2>&1 \
    || admin "$name" POST /admin/v1/opds '{"code":"bench","name":"Bench OPD","tenantDomain":null}' >/dev/null 2>>"$RUN_DIR/admin-$name.err" \
    || die "creating the OPD bench on gateway $name failed; see $RUN_DIR/admin-$name.err"
  for cls in "\"$classification\"" "$(enum_number classification "$classification")"; do
    # isPublic: called without an access token (a gateway without the authentication policy ignores the field).
    body=$(jq -nc --arg slug "$slug" --arg up "http://127.0.0.1:$UPSTREAM_PORT" --argjson cls "$cls" --argjson doc "$doc" \
      --argjson public "$public" \
      '{opdCode:"bench",name:("Bench " + $slug),slug:$slug,version:"v1",description:"Benchmark API",
        upstreamUrls:[$up],allowInsecureUpstream:true,openApiDocument:$doc,classification:$cls,isPublic:$public}')
    id=$(admin "$name" POST /admin/v1/apis "$body" 2>>"$RUN_DIR/admin-$name.err" | jq -r '.id // empty') || true
    [[ -n $id ]] && break
  done
  [[ -n $id ]] || { cat "$RUN_DIR/admin-$name.err" >&2; die "registering the API $slug on gateway $name failed"; }
  if has_approval_workflow "$name"; then
    # Submitted by the management client, decided stage by stage by the profile's named reviewers, then published.
    approvals "$name" publish --api "$id" >/dev/null || die "publishing the API $slug on gateway $name through the approval workflow failed"
  else
    # A reference build from before the approval workflow (--gateway-ref, --compare-ref): the administrator's moves.
    local s
    for s in Submitted Approved Published; do
      admin "$name" POST "/admin/v1/apis/$id/status" "{\"status\":\"$s\"}" >/dev/null 2>>"$RUN_DIR/admin-$name.err" \
        || admin "$name" POST "/admin/v1/apis/$id/status" "{\"status\":$(enum_number status "$s")}" >/dev/null \
        || die "moving API $slug to $s failed"
    done
  fi
  echo "$id"
}

# Since the approval workflow (issue 18) only the approval profile's reviewers approve an API, and only the OPD's
# subscription decider a subscription: named people in their own portal sessions with a second factor, never the
# management client that submits. bench/lib/approvals.py makes them (portal accounts through the admin API), signs each
# in once (password change, authenticator enrolment) and decides on their portal pages; their passwords, authenticator
# keys and sessions stay in the run directory (mode 0600) for the rest of the run.
declare -A GW_APPROVALS
has_approval_workflow() { # name -> whether the gateway has approval profiles (the build at this revision does)
  local name=$1
  if [[ -z ${GW_APPROVALS[$name]:-} ]]; then
    GW_APPROVALS[$name]=no
    [[ -n ${GW_CLIENT[$name]:-} ]] && admin "$name" GET /admin/v1/approval-profile >/dev/null 2>&1 && GW_APPROVALS[$name]=yes
  fi
  [[ ${GW_APPROVALS[$name]} == yes ]]
}

approvals() { # gateway name, approvals.py command and its options
  local name=$1 command=$2; shift 2
  python3 "$BENCH_DIR/lib/approvals.py" "$command" --base "https://127.0.0.1:${GW_PORT[$name]}" --cacert "$TLS_CERT" \
    --client "${GW_CLIENT[$name]}" --state "$RUN_DIR/approvals-$name.json" "$@" 2>>"$RUN_DIR/admin-$name.err" \
    || { tail -3 "$RUN_DIR/admin-$name.err" >&2; return 1; }
}

approve_subscription() { # gateway name, subscription id
  if has_approval_workflow "$1"; then
    approvals "$1" subscription --subscription "$2" >/dev/null
  else
    admin "$1" POST "/admin/v1/subscriptions/$2/status" '{"status":"Approved"}' >/dev/null || admin "$1" POST "/admin/v1/subscriptions/$2/status" '{"status":1}' >/dev/null
  fi
}

wait_route() { # url, curl options...
  local url=$1; shift
  local deadline=$((SECONDS + 20)) code
  while ((SECONDS < deadline)); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 --cacert "$TLS_CERT" "$@" "$url" || true)
    [[ $code != 404 && $code != 000 ]] && { echo "$code"; return 0; }
    sleep 0.2
  done
  echo "$code"
  return 1
}

# ---- gateway_full: every policy on ------------------------------------------------------------------------------
# The policies land one by one (issues 3 to 6). This section is where each is switched on for the benchmark:
#   FULL_ENV      settings of the gateway_full process (audit mode, receipts, ...)
#   setup_full    registers the API with its OpenAPI document (schema validation), classification Restricted (token
#                 required), and, when the authorization server exists, a client application with an approved
#                 subscription; writes the client's credentials to a client file
#   probe_full    observes each policy being enforced; only what is observed is reported as on
# To benchmark with your own client instead, set BENCH_CLIENT_FILE to a JSON file {"client_id","client_secret","scope"}.
FULL_ENV=(
  "Audit__Mode=Strict"                       # audit: the request record durable before forwarding (the default)
  "Audit__Receipts__Enabled=true"            # receipts: Content-Digest + a batched receipt (the default Audit:Receipts:Mode)
  "AntiAutomation__PerIpLimit=1000000000"    # rate limit on, high enough never to refuse the benchmark
  "AntiAutomation__Detection__Enabled=true"  # attack detection on (its default action only alerts)
)
# gateway_bare: routing only. Policies that apply to every route are switched off; those that apply per API (token,
# subscription, schema validation) are off because the API is public and has no OpenAPI document. The per-IP limiter
# cannot be switched off: it is set so high that it never refuses (a counter per request remains).
BARE_ENV=(
  "Audit__Mode=Off"
  "Audit__Receipts__Enabled=false"
  "AntiAutomation__PerIpLimit=1000000000"
  "AntiAutomation__Detection__Enabled=false"
)
FULL_API_ID=""
FULL_CLIENT_FILE=""
FULL_TOKEN_FILE=""
FULL_POLICIES=()     # observed on
FULL_MISSING=()      # not observed, with the reason
FULL_SCOPE=""       # none: the token carries every scope the subscription grants

setup_full() {
  # The registry offers the scopes the document's security requirements name, and a subscription that names none
  # grants them all: the token then holds what each operation needs (POST /permohonan needs permohonan:write).
  FULL_API_ID=$(register_api gateway_full full Restricted "$BENCH_DIR/fixtures/bench-api.openapi.json" false)
  FULL_TOKEN_FILE=$RUN_DIR/full.token
  : >"$FULL_TOKEN_FILE"
  if [[ -n ${BENCH_CLIENT_FILE:-} ]]; then
    [[ -r $BENCH_CLIENT_FILE ]] || die "BENCH_CLIENT_FILE=$BENCH_CLIENT_FILE is not readable"
    FULL_CLIENT_FILE=$BENCH_CLIENT_FILE
    return 0
  fi
  local base="https://127.0.0.1:${GW_PORT[gateway_full]}"
  if ! curl -fsS -o /dev/null --max-time 5 --cacert "$TLS_CERT" "$base/.well-known/oauth-authorization-server" 2>/dev/null; then
    FULL_MISSING+=("jwt: no authorization server (/.well-known/oauth-authorization-server not found)")
    return 0
  fi
  # The authorization server exists: a client application of the bench OPD with an approved subscription to the API.
  local created client_id client_secret sub sub_id
  if created=$(admin gateway_full POST /admin/v1/clients '{"opdCode":"bench","name":"Bench client","description":"bench/run.sh"}' 2>"$RUN_DIR/full-setup.err") \
     && client_id=$(jq -er '.client.clientId // .clientId // .client_id' <<<"$created") \
     && client_secret=$(jq -er '.clientSecret // .client_secret' <<<"$created") \
     && sub=$(admin gateway_full POST /admin/v1/subscriptions "$(jq -nc --arg c "$client_id" --arg a "$FULL_API_ID" \
                '{clientId:$c,apiId:$a,purpose:"bench/run.sh: load test of gateway_full"}')" 2>>"$RUN_DIR/full-setup.err") \
     && sub_id=$(jq -er '.id' <<<"$sub") \
     && approve_subscription gateway_full "$sub_id" 2>>"$RUN_DIR/full-setup.err"; then
    # The subscription starts on Bronze (1,000 requests per minute), which a benchmark exceeds at once: put it on a
    # plan whose limits are counted on every request but never reached, so the plan step's cost is in the measure.
    # Revisions before plans (--gateway-ref) have no such endpoints; they keep going without.
    admin gateway_full POST /admin/v1/plans \
        '{"name":"bench","description":"bench/run.sh","requestsPerSecond":1000000000,"requestsPerMinute":1000000000,"dailyQuota":1000000000000}' \
        >/dev/null 2>>"$RUN_DIR/full-setup.err" \
      && admin gateway_full PUT "/admin/v1/subscriptions/$sub_id/plan" '{"plan":"bench"}' >/dev/null 2>>"$RUN_DIR/full-setup.err" \
      || log "no plans in this gateway revision: the bench subscription keeps its default limits"
    FULL_CLIENT_FILE=$RUN_DIR/bench-client.json
    jq -n --arg id "$client_id" --arg secret "$client_secret" --arg scope "$FULL_SCOPE" \
      '{client_id:$id,client_secret:$secret,scope:$scope}' >"$FULL_CLIENT_FILE"
    chmod 600 "$FULL_CLIENT_FILE"
  else
    FULL_MISSING+=("jwt: the authorization server answers, but creating a client and an approved subscription through the admin API failed ($(tr -d '\n' <"$RUN_DIR/full-setup.err" | cut -c1-200)); adjust setup_full in bench/run.sh")
  fi
}

# Client credentials at /oauth2/token (client_secret_basic); the token goes to a file that the wrk script reads.
fetch_full_token() {
  [[ -n $FULL_CLIENT_FILE ]] || return 0
  local id secret scope out
  id=$(jq -r .client_id "$FULL_CLIENT_FILE"); secret=$(jq -r .client_secret "$FULL_CLIENT_FILE")
  scope=$(jq -r '.scope // empty' "$FULL_CLIENT_FILE")
  out=$(curl -fsS --max-time 10 --cacert "$TLS_CERT" -u "$id:$secret" \
        --data-urlencode grant_type=client_credentials ${scope:+--data-urlencode "scope=$scope"} \
        "https://127.0.0.1:${GW_PORT[gateway_full]}/oauth2/token") || { log "token request failed"; return 1; }
  jq -er .access_token <<<"$out" >"$FULL_TOKEN_FILE.new" || { log "no access_token in the token response"; return 1; }
  mv "$FULL_TOKEN_FILE.new" "$FULL_TOKEN_FILE" # atomically: a running wrk may be reading it
}

# Rate limit: the limit is set high for the benchmark, so it is observed by lowering it for a moment through the
# admin API (anti-automation settings change at run time), seeing a 429 with RateLimit-Policy, and restoring it.
probe_rate_limit() { # base url, curl auth options...
  local base=$1; shift
  local settings code headers i limited=0
  if ! settings=$(admin gateway_full GET /admin/v1/anti-automation/settings 2>/dev/null) || ! jq -e '.perIpLimit' <<<"$settings" >/dev/null 2>&1; then
    if grep -qiE '^(ratelimit|ratelimit-policy):' <<<"$(curl -s -D - -o /dev/null --max-time 5 --cacert "$TLS_CERT" "$@" "$base$READ_PATH" | tr -d '\r')"; then
      FULL_POLICIES+=("rate_limit")
    else
      FULL_MISSING+=("rate_limit: no anti-automation settings in the admin API and no RateLimit headers on responses")
    fi
    return 0
  fi
  admin gateway_full PUT /admin/v1/anti-automation/settings "$(jq -c '.perIpLimit = 1' <<<"$settings")" >/dev/null 2>&1 \
    || { FULL_MISSING+=("rate_limit: the per-IP limit could not be changed for the probe"); return 0; }
  for i in $(seq 30); do # the new setting takes effect within moments; a limit of 1 refuses the second request
    headers=$(curl -s -D - -o /dev/null --max-time 5 --cacert "$TLS_CERT" "$@" "$base$READ_PATH" | tr -d '\r')
    if [[ $(awk 'NR==1{print $2}' <<<"$headers") == 429 ]] && grep -qi '^ratelimit-policy:' <<<"$headers"; then limited=1; break; fi
    sleep 0.1
  done
  admin gateway_full PUT /admin/v1/anti-automation/settings "$settings" >/dev/null || die "could not restore the anti-automation settings after the probe"
  for i in $(seq 50); do # and the benchmark starts only once the restored limit is in force again
    [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 --cacert "$TLS_CERT" "$@" "$base$READ_PATH") == 200 ]] && break
    sleep 0.1
  done
  if [[ $limited -eq 1 ]]; then
    FULL_POLICIES+=("rate_limit")
  else
    FULL_MISSING+=("rate_limit: a per-IP limit of 1 did not produce a 429 with RateLimit-Policy")
  fi
}

probe_full() {
  local base="https://127.0.0.1:${GW_PORT[gateway_full]}/bench/full/v1" auth=() headers code
  fetch_full_token || true
  [[ -s $FULL_TOKEN_FILE ]] && auth=(-H "Authorization: Bearer $(cat "$FULL_TOKEN_FILE")")
  code=$(wait_route "$base$READ_PATH" "${auth[@]}") || die "gateway_full does not route /bench/full/v1 (last status $code)"

  # JWT validation: a request without a token is refused with 401.
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 --cacert "$TLS_CERT" "$base$READ_PATH")
  if [[ $code == 401 ]]; then
    FULL_POLICIES+=("jwt")
    # Subscription and scope: the subscribed client's token is accepted (an unsubscribed one would get 403).
    if [[ ${#auth[@]} -gt 0 ]]; then
      code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 --cacert "$TLS_CERT" "${auth[@]}" "$base$READ_PATH")
      if [[ $code == 200 ]]; then FULL_POLICIES+=("subscription"); else FULL_MISSING+=("subscription: the bench client's token got $code"); fi
    else
      FULL_MISSING+=("subscription: no client file, no token")
    fi
  else
    [[ " ${FULL_MISSING[*]} " == *"jwt:"* ]] || FULL_MISSING+=("jwt: a request without a token got $code, not 401")
    FULL_MISSING+=("subscription: needs jwt")
  fi

  # One valid POST, as the benchmark sends it; its response headers show rate limits and receipts.
  headers=$(curl -s -D - -o /dev/null --max-time 5 --cacert "$TLS_CERT" "${auth[@]}" -H "Content-Type: application/json" \
            --data-binary "@$REQUEST_BODY" "$base$WRITE_PATH" | tr -d '\r')
  code=$(awk 'NR==1{print $2}' <<<"$headers")
  [[ $code == 200 ]] || die "gateway_full refused the benchmark's own valid POST with $code"
  probe_rate_limit "$base" "${auth[@]}"

  # Schema validation: a body that breaks the schema (a NIK of letters) is refused with 400.
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 --cacert "$TLS_CERT" "${auth[@]}" -H "Content-Type: application/json" \
         --data-binary "$(jq -c '.nik = "ABCDEFGHIJKLMNOP"' "$REQUEST_BODY")" "$base$WRITE_PATH")
  if [[ $code == 400 ]]; then FULL_POLICIES+=("schema_validation")
  else FULL_MISSING+=("schema_validation: a body breaking the schema got $code, not 400"); fi

  # Receipts: Content-Digest (RFC 9530) and the receipt: batched (Spbe-Receipt, RFC 9942, the default) or an HTTP
  # message signature (RFC 9421, Audit:Receipts:Mode=PerResponse).
  if grep -qi '^content-digest:' <<<"$headers" && grep -qiE '^(spbe-receipt|signature):' <<<"$headers"; then FULL_POLICIES+=("receipts")
  else FULL_MISSING+=("receipts: no Content-Digest + Spbe-Receipt or Signature on responses"); fi

  # Attack detection: its settings are visible in the admin API (it alerts; it is not provoked here).
  if admin gateway_full GET /admin/v1/anti-automation/settings 2>/dev/null | jq -e '.detectionAction' >/dev/null 2>&1; then
    FULL_POLICIES+=("attack_detection")
  else
    FULL_MISSING+=("attack_detection: no anti-automation settings in the admin API")
  fi

  # Audit: the receipt names the exchange's audit record (its signature covers the record id).
  if grep -qiE '^(signature-input:.*audit|[a-z-]*audit[a-z-]*:)' <<<"$headers"; then FULL_POLICIES+=("audit")
  else FULL_MISSING+=("audit: no audit record referenced by the response"); fi
}

# ---- measurement ------------------------------------------------------------------------------------------------
declare -A T_URL T_ARGS T_PID
RES_DIR=""

define_targets() {
  T_URL[upstream]="http://127.0.0.1:$UPSTREAM_PORT$READ_PATH"; T_ARGS[upstream]=""; T_PID[upstream]=$UPSTREAM_PID
  T_URL[nginx]="https://127.0.0.1:$NGINX_PORT$READ_PATH"; T_ARGS[nginx]=""; T_PID[nginx]=$NGINX_PID
  T_URL[nginx_post]="https://127.0.0.1:$NGINX_PORT$WRITE_PATH"; T_ARGS[nginx_post]="method=POST body=$REQUEST_BODY"; T_PID[nginx_post]=$NGINX_PID
}

run_wrk() { # target, seconds, [connections] -> appends one result line to $RES_DIR/target.jsonl (unless warm-up)
  local target=$1 secs=$2 conns=${3:-$CONNECTIONS} record=${4:-1}
  local url=${T_URL[$target]} args=() out line t0 t1
  # shellcheck disable=SC2206
  [[ -n ${T_ARGS[$target]} ]] && args=(${T_ARGS[$target]})
  if [[ $target == gateway_full* && -n $FULL_CLIENT_FILE ]]; then
    fetch_full_token || die "could not obtain a token for gateway_full"
    args+=("token_file=$FULL_TOKEN_FILE")
  fi
  local m0 o0 m1 o1 a0 a1
  a0=$(allocated_bytes "$target" "$url")
  own_ticks; o0=$OWN_TICKS; m0=$(machine_busy_ticks)
  t0=$(proc_ticks "${T_PID[$target]}")
  local script=$BENCH_DIR/wrk/request.lua
  if [[ $PACED_RATE -gt 0 ]]; then
    script=$BENCH_DIR/wrk/paced.lua
    args+=("rate=$PACED_RATE" "threads=$THREADS")
  fi
  # shellcheck disable=SC2046
  out=$(BENCH_WRK_DIR=$BENCH_DIR/wrk timeout $((secs + 30)) $(cpu_prefix "$WRK_CPUS") \
        wrk -t "$THREADS" -c "$conns" -d "${secs}s" --timeout 5s -s "$script" "$url" -- "${args[@]}" 2>&1) \
    || { echo "$out" >&2; die "wrk failed against $target"; }
  t1=$(proc_ticks "${T_PID[$target]}")
  m1=$(machine_busy_ticks); own_ticks; o1=$OWN_TICKS
  a1=$(allocated_bytes "$target" "$url")
  line=$(grep '^BENCH_RESULT ' <<<"$out" | sed 's/^BENCH_RESULT //') || { echo "$out" >&2; die "no result from wrk against $target"; }
  # other_cpu_pct: the share of the machine's CPU used by processes this script did not start, during the run.
  line=$(jq -c --argjson ticks $((t1 - t0)) --argjson hz "$CLK_TCK" --argjson other $(( (m1 - m0) - (o1 - o0) )) \
        --argjson ncpu "$NCPU" --argjson machine $((m1 - m0)) --argjson own $((o1 - o0)) \
        --argjson a0 "${a0:-null}" --argjson a1 "${a1:-null}" \
        '. + {cpu_us_per_req: (if .requests > 0 then ($ticks / $hz * 1e6 / .requests * 10 | round / 10) else null end),
              alloc_bytes_per_req: (if $a0 != null and $a1 != null and .requests > 0 then (($a1 - $a0) / .requests | round) else null end),
              other_cpu_pct: ([0, ($other / $hz / .duration_s / $ncpu * 100)] | max | round),
              ticks: {machine: $machine, own: $own, target: $ticks}}' <<<"$line")
  local errs
  errs=$(jq '.errors | .connect + .read + .write + .status + .timeout' <<<"$line")
  if [[ $errs -gt 0 ]]; then
    log "  $target: $errs errors in this run: $(jq -c .errors <<<"$line")"
  fi
  LAST_RESULT=$line
  if [[ $record -eq 1 ]]; then
    echo "$line" >>"$RES_DIR/$target.jsonl"
    log "  $target: $(jq -r '"\(.rps|round) req/s, p50 \(.p50_ms) ms, p99 \(.p99_ms) ms, \(.cpu_us_per_req) CPU us/req, \(.alloc_bytes_per_req // "-") B allocated/req, other load \(.other_cpu_pct)%"' <<<"$line")"
  fi
}

# Bytes the gateway's runtime has allocated so far (its own /metrics), or nothing for a target that is not the
# gateway. The difference over a run, divided by its requests, is the allocation per request: unlike req/s it does
# not depend on what else the machine is doing.
allocated_bytes() { # target, url
  [[ $1 == gateway* || $1 == gw_* ]] || return 0
  local base
  base=$(sed -E 's#^(https?://[^/]+).*#\1#' <<<"$2")
  curl -fsS -k --max-time 2 "$base/metrics" 2>/dev/null \
    | awk '/^dotnet_gc_heap_total_allocated[_a-z]* / { a = $2 } END { if (a != "") printf "%.0f", a }'
}

measure() { # targets...
  local targets=("$@") n=${#targets[@]} r i t
  log "warm-up: ${targets[*]}"
  for t in "${targets[@]}"; do
    if [[ $t == gateway* || $t == yarp* || $t == gw_* ]]; then run_wrk "$t" "$WARMUP" "$CONNECTIONS" 0; else run_wrk "$t" 3 "$CONNECTIONS" 0; fi
  done
  for ((r = 0; r < RUNS; r++)); do
    log "round $((r + 1))/$RUNS"
    for ((i = 0; i < n; i++)); do
      t=${targets[$(((i + r) % n))]} # rotate the order each round, so no target always follows the same one
      run_wrk "$t" "$DURATION"
    done
  done
}

JQ_MEDIAN='def median: sort | if length == 0 then null elif length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end;'

summarise() { # targets... -> $RES_DIR/summary.json: {name: {rps, p50_ms, p99_ms, cpu_us_per_req, runs}}
  local t
  for t in "$@"; do
    jq -s --arg name "$t" "$JQ_MEDIAN"'
      def r3: . * 1000 | round / 1000;
      {($name): {rps: (map(.rps) | median | round), p50_ms: (map(.p50_ms) | median | r3), p99_ms: (map(.p99_ms) | median | r3),
                 cpu_us_per_req: (map(.cpu_us_per_req) | median | r3),
                 alloc_bytes_per_req: (map(.alloc_bytes_per_req) | if all(. != null) then median else null end), other_cpu_pct: (map(.other_cpu_pct) | median | round),
                 errors: (map(.errors | .connect + .read + .write + .status + .timeout) | add), runs: .}}' "$RES_DIR/$t.jsonl"
  done | jq -s 'add' >"$RES_DIR/summary.json"
}

print_table() { # reference target name, [label for gateway_full]
  local ref=$1 full_label=${2:-}
  jq -r --arg ref "$ref" --arg full_label "$full_label" '
    . as $all | ($all[$ref] // {rps: null, p99_ms: null}) as $r |
    def ratio($a; $b): if $a == null or $b == null or $b == 0 then "-" else (($a / $b * 100 | round) / 100 | tostring + "x") end;
    (["target", "req/s", "p50 ms", "p99 ms", "req/s vs \($ref)", "p99 vs \($ref)", "CPU us/req", "alloc B/req", "other load"] | @tsv),
    (to_entries[] | .value as $v |
      [(if .key == "gateway_full" and $full_label != "" then $full_label else .key end), ($v.rps | tostring), ($v.p50_ms | tostring), ($v.p99_ms | tostring),
       ratio($v.rps; $r.rps), ratio($v.p99_ms; $r.p99_ms), ($v.cpu_us_per_req | tostring), ($v.alloc_bytes_per_req // "-" | tostring), "\($v.other_cpu_pct)%"]
      | @tsv)' "$RES_DIR/summary.json" | column -t -s $'\t'
}

print_targets() { # the performance targets, each met or missed by this run's medians
  jq -r '
    def r($a; $b): if $a == null or $b == null or $b == 0 then null else $a / $b end;
    def verdict($name; $value; $op; $limit):
      if $value == null then "  \($name): not measured"
      else "  \($name): \(($value * 100 | round) / 100)x (target \($op) \($limit)x): \(if ($op == ">=" and $value >= $limit) or ($op == "<=" and $value <= $limit) then "met" else "MISSED" end)" end;
    . as $t | "Targets (ratios to yarp_minimal in this run):",
    verdict("gateway_full req/s"; r($t.gateway_full.rps; $t.yarp_minimal.rps); ">="; 0.5),
    verdict("gateway_full p99"; r($t.gateway_full.p99_ms; $t.yarp_minimal.p99_ms); "<="; 2),
    verdict("gateway_bare req/s"; r($t.gateway_bare.rps; $t.yarp_minimal.rps); ">="; 0.9)' "$RES_DIR/summary.json"
}

machine_json() {
  local mem_kb cpu_model dotnet_v wrk_v nginx_v kernel
  mem_kb=$(awk '/^MemTotal:/{print $2}' /proc/meminfo)
  cpu_model=$(awk -F': ' '/^model name/{print $2; exit}' /proc/cpuinfo)
  dotnet_v=$(dotnet --version 2>/dev/null || echo unknown)
  wrk_v=$(wrk -v 2>&1 | head -1 | awk '{print $2}')
  nginx_v=$("$NGINX_BIN" -v 2>&1 | sed 's|.*nginx/||')
  kernel=$(uname -r)
  jq -n --argjson cores "$NCPU" --argjson mem "$mem_kb" --arg cpu "$cpu_model" --arg kernel "$kernel" \
    --arg dotnet "$dotnet_v" --arg runtime "$(dotnet --list-runtimes 2>/dev/null | awk '/Microsoft.AspNetCore.App/{v=$2} END{print v}')" \
    --arg wrk "$wrk_v" --arg nginx "$nginx_v" --arg date "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
    --arg load_start "$LOAD_START" --arg load_end "$(cut -d' ' -f1-3 /proc/loadavg)" \
    --arg commit "$(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)" \
    --arg gateway_commit "$( [[ -n $GATEWAY_REF ]] && echo "${REF_SHA:0:12} ($GATEWAY_REF)" || echo "working tree" )" \
    '{cores: $cores, memory_mb: ($mem / 1024 | round), cpu: $cpu, kernel: $kernel, dotnet_sdk: $dotnet,
      aspnetcore_runtime: $runtime, wrk: $wrk, nginx: $nginx, date: $date, commit: $commit, gateway_build: $gateway_commit,
      loadavg_start: $load_start, loadavg_end: $load_end}'
}

# ---- soak -------------------------------------------------------------------------------------------------------
soak() { # target, max rps -> $RES_DIR/soak.json
  local target=$1 max=$2 rate secs=$((SOAK_MINUTES * 60)) pid=${T_PID[$1]}
  rate=$((max / 2))
  local conns=$((CONNECTIONS / 2)) interval=5 samples=$RUN_DIR/soak-rss.tsv renewer=""
  log "soak: $target for $SOAK_MINUTES min at $rate req/s (50% of $max), $conns connections, RSS sampled every ${interval}s"
  local args=()
  # shellcheck disable=SC2206
  [[ -n ${T_ARGS[$target]} ]] && args=(${T_ARGS[$target]})
  if [[ $target == gateway_full && -n $FULL_CLIENT_FILE ]]; then
    fetch_full_token || die "could not obtain a token for the soak"
    args+=("token_file=$FULL_TOKEN_FILE")
  fi
  : >"$samples"
  if [[ $target == gateway_full && -n $FULL_CLIENT_FILE ]]; then
    # Tokens live minutes (5 by default); renew the file that paced.lua re-reads, every minute, during the soak.
    ( while sleep 60; do fetch_full_token || log "soak: token renewal failed"; done ) &
    renewer=$!
    PIDS+=("$renewer")
  fi
  (
    start=$SECONDS
    while kill -0 "$pid" 2>/dev/null; do
      printf '%s\t%s\n' $((SECONDS - start)) "$(awk '/^VmRSS:/{print $2}' "/proc/$pid/status")" >>"$samples"
      sleep "$interval"
    done
  ) &
  local sampler=$!
  PIDS+=("$sampler")
  local out line
  # shellcheck disable=SC2046
  out=$(BENCH_WRK_DIR=$BENCH_DIR/wrk timeout $((secs + 60)) $(cpu_prefix "$WRK_CPUS") \
        wrk -t "$THREADS" -c "$conns" -d "${secs}s" --timeout 5s -s "$BENCH_DIR/wrk/paced.lua" "${T_URL[$target]}" \
        -- "rate=$rate" "threads=$THREADS" "${args[@]}" 2>&1) || { echo "$out" >&2; die "wrk failed during the soak"; }
  kill "$sampler" ${renewer:+"$renewer"} 2>/dev/null || true
  wait "$sampler" ${renewer:+"$renewer"} 2>/dev/null || true
  line=$(grep '^BENCH_RESULT ' <<<"$out" | sed 's/^BENCH_RESULT //')
  # Growth: median RSS of the last minute against the median of the first minute of the soak.
  jq -Rn --argjson result "$line" --arg target "$target" --argjson rate "$rate" --argjson max "$max" \
     --argjson minutes "$SOAK_MINUTES" --argjson conns "$conns" "$JQ_MEDIAN"'
    [inputs | split("\t") | {t: (.[0] | tonumber), rss_kb: (.[1] | tonumber)}] as $s
    | ($s | map(.t) | max) as $tmax
    | ($s | map(select(.t < 60) | .rss_kb) | median) as $first
    | ($s | map(select(.t >= $tmax - 60) | .rss_kb) | median) as $last
    | {target: $target, minutes: $minutes, connections: $conns, target_rps: $rate, max_rps: $max,
       achieved_rps: ($result.rps | round), p50_ms: $result.p50_ms, p99_ms: $result.p99_ms, errors: $result.errors,
       rss_first_minute_mb: ($first / 1024 * 10 | round / 10), rss_last_minute_mb: ($last / 1024 * 10 | round / 10),
       rss_max_mb: ($s | map(.rss_kb) | max / 1024 * 10 | round / 10),
       growth_pct: (($last / $first - 1) * 1000 | round / 10 | if . == 0 then 0 else . end),
       samples: ($s | map([.t, (.rss_kb / 1024 * 10 | round / 10)]))}' "$samples" >"$RES_DIR/soak.json"
  log "soak: $(jq -r '"\(.achieved_rps) req/s achieved; RSS \(.rss_first_minute_mb) MB (first minute) -> \(.rss_last_minute_mb) MB (last minute): \(.growth_pct)% growth; p99 \(.p99_ms) ms"' "$RES_DIR/soak.json")"
}

# ---- profiling ---------------------------------------------------------------------------------------------------
# dotnet-trace is a .NET global tool (NuGet): dotnet tool install -g dotnet-trace --version 10.0.750501
profile_target() { # target
  local target=$1 pid=${T_PID[$1]} tool
  tool=$(command -v dotnet-trace 2>/dev/null || echo "$HOME/.dotnet/tools/dotnet-trace")
  if [[ ! -x $tool ]]; then
    log "installing dotnet-trace (global tool) for --profile"
    dotnet tool install -g dotnet-trace --version 10.0.750501 >"$WORK_DIR/dotnet-trace-install.log" 2>&1 \
      || die "dotnet-trace could not be installed; see $WORK_DIR/dotnet-trace-install.log"
    tool=$HOME/.dotnet/tools/dotnet-trace
  fi
  local dir=$WORK_DIR/profiles stamp
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  mkdir -p "$dir"
  local trace=$dir/$target-$stamp.nettrace
  log "profiling $target (pid $pid) during one ${DURATION}s run: $trace"
  "$tool" collect -p "$pid" --profile dotnet-sampled-thread-time --duration "$(printf "00:00:00:%02d" $((DURATION + 2)))" -o "$trace" >"$dir/$target-$stamp.collect.log" 2>&1 &
  local tracer=$!
  PIDS+=("$tracer")
  sleep 2
  run_wrk "$target" "$DURATION" "$CONNECTIONS" 0
  wait "$tracer" || log "dotnet-trace exited with an error; see $dir/$target-$stamp.collect.log"
  [[ -s $trace ]] || die "no trace written"
  echo
  echo "Top methods of $target, exclusive (where the samples were taken):"
  "$tool" report "$trace" topN -n 40 2>&1 | sed 's/^/  /' || true
  echo
  echo "Top methods of $target, inclusive (on the stack):"
  "$tool" report "$trace" topN -n 60 --inclusive 2>&1 | sed 's/^/  /' || true
  "$tool" convert "$trace" --format speedscope -o "$dir/$target-$stamp.speedscope.json" >/dev/null 2>&1 || true
  log "open $dir/$target-$stamp.speedscope.json in https://www.speedscope.app for the call tree"

  # dotnet-trace samples managed stacks by wall-clock time (waiting threads included) and cannot see native code
  # (TLS in OpenSSL, the kernel's TCP). Where Linux perf is installed (Debian: linux-perf), one more run is sampled
  # by CPU time, every process's code included, with the JIT's symbol map (DOTNET_PerfMapEnabled, set by --profile).
  if command -v perf >/dev/null 2>&1; then
    local data=$dir/$target-$stamp.perf.data
    log "CPU profile of $target with perf during one ${DURATION}s run: $data"
    perf record -F 499 -e cpu-clock -g -p "$pid" -o "$data" -- sleep $((DURATION + 1)) >"$dir/$target-$stamp.perf.log" 2>&1 &
    local recorder=$!
    PIDS+=("$recorder")
    sleep 0.5
    run_wrk "$target" "$DURATION" "$CONNECTIONS" 0
    wait "$recorder" || true
    if [[ -s $data ]]; then
      local cpu_us
      cpu_us=$(jq -r .cpu_us_per_req <<<"$LAST_RESULT")
      echo
      echo "CPU of $target by component (perf; $(jq -r '"\(.rps | round) req/s, \(.cpu_us_per_req) CPU us/req"' <<<"$LAST_RESULT") in this run):"
      { perf report -i "$data" --no-children --sort dso,sym --stdio -g none 2>/dev/null || true; } \
        | awk -v CPU_US="$cpu_us" -f "$BENCH_DIR/lib/perf-breakdown.awk" | sort -rn | sed 's/^/  /' || true
      echo
      echo "CPU of $target by module (perf, self time):"
      { perf report -i "$data" --no-children --sort dso --stdio -g none 2>/dev/null || true; } | grep -v '^#' | grep -v '^$' | head -15 | sed 's/^/  /' || true
      echo
      echo "CPU of $target by function (perf, self time, top 45):"
      { perf report -i "$data" --no-children --sort dso,sym --stdio -g none 2>/dev/null || true; } | grep -v '^#' | grep -v '^$' | head -45 | cut -c1-160 | sed 's/^/  /' || true
      log "call graphs: perf report -i $data --children"
    else
      log "perf recorded nothing; see $dir/$target-$stamp.perf.log"
    fi
  else
    log "perf not installed (Debian: apt-get install linux-perf): no native CPU profile"
  fi
}

wait_quiet() { # percent
  local limit=$1 deadline=$((SECONDS + 600)) m0 m1 pct
  while :; do
    m0=$(machine_busy_ticks); sleep 5; m1=$(machine_busy_ticks)
    pct=$(( (m1 - m0) * 100 / (5 * CLK_TCK * NCPU) ))
    if ((pct < limit)); then log "machine load from other processes: ${pct}% (below ${limit}%): starting"; return 0; fi
    if ((SECONDS >= deadline)); then log "machine load from other processes still ${pct}% after 10 min: starting anyway"; return 0; fi
    log "machine load from other processes: ${pct}%; waiting for it to drop below ${limit}%"
  done
}

# ---- main -------------------------------------------------------------------------------------------------------
mkdir -p "$WORK_DIR" "$BENCH_DIR/results"
ensure_tools
RUN_DIR=$(mktemp -d "$WORK_DIR/run.XXXXXX")
RES_DIR=$RUN_DIR/results
mkdir -p "$RES_DIR"
[[ $WAIT_QUIET -gt 0 ]] && wait_quiet "$WAIT_QUIET"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
log "machine: $NCPU CPUs, load average $LOAD_START; wrk -t$THREADS -c$CONNECTIONS, ${RUNS} x ${DURATION}s per target; pinning: $PIN${WRK_CPUS:+ (wrk on CPU $WRK_CPUS)}"
build_gateway

if [[ $COMPARE_SETTINGS -eq 1 ]]; then
  selected=()
  for v in "${SETTINGS_VARIANTS[@]}"; do
    vname=${v%%|*}
    if [[ -z $SETTINGS_FILTER || ",$SETTINGS_FILTER," == *",$vname,"* ]]; then selected+=("$v"); fi
  done
  [[ ${#selected[@]} -gt 0 ]] || die "no variant matches $SETTINGS_FILTER"
  start_upstream
  targets=(nginx)
  first=1
  for v in "${selected[@]}"; do
    vname=${v%%|*}; venv=${v#*|}
    # shellcheck disable=SC2086
    start_gateway "gw_$vname" "${BARE_ENV[@]}" $venv
    if [[ $first -eq 1 ]]; then start_nginx_proxy; first=0; fi
    register_api "gw_$vname" echo Public "" true >/dev/null
    wait_route "https://127.0.0.1:${GW_PORT[gw_$vname]}/bench/echo/v1$READ_PATH" >/dev/null || die "gw_$vname does not route"
    T_URL[gw_$vname]="https://127.0.0.1:${GW_PORT[gw_$vname]}/bench/echo/v1$READ_PATH"; T_ARGS[gw_$vname]=""; T_PID[gw_$vname]=${GW_PID[gw_$vname]}
    targets+=("gw_$vname")
  done
  if [[ -n $COMPARE_REF ]]; then
    build_ref "$COMPARE_REF"
    START_BIN=$REF_BIN start_gateway gw_ref "${BARE_ENV[@]}" "${GATEWAY_RUNTIME_ENV[@]}"
    register_api gw_ref echo Public "" true >/dev/null
    wait_route "https://127.0.0.1:${GW_PORT[gw_ref]}/bench/echo/v1$READ_PATH" >/dev/null || die "gw_ref does not route"
    T_URL[gw_ref]="https://127.0.0.1:${GW_PORT[gw_ref]}/bench/echo/v1$READ_PATH"; T_ARGS[gw_ref]=""; T_PID[gw_ref]=${GW_PID[gw_ref]}
    targets+=(gw_ref)
    selected+=("ref|(build of $COMPARE_REF, the benchmark's runtime settings)")
  fi
  start_yarp_minimal
  T_URL[yarp_minimal]="https://127.0.0.1:$YARP_PORT/bench/echo/v1$READ_PATH"; T_ARGS[yarp_minimal]=""; T_PID[yarp_minimal]=$YARP_PID
  targets+=(yarp_minimal)
  define_targets
  measure "${targets[@]}"
  summarise "${targets[@]}"
  echo
  echo "Runtime settings of the gateway (routing only), medians of $RUNS runs of ${DURATION}s, wrk -t$THREADS -c$CONNECTIONS, pinning: $PIN, $([[ $PACED_RATE -gt 0 ]] && echo "fixed rate $PACED_RATE req/s" || echo "maximum rate")"
  echo "  yarp_minimal: YARP alone (bench/yarp-minimal), ${GATEWAY_RUNTIME_ENV[*]:-runtime defaults}"
  for v in "${selected[@]}"; do echo "  gw_${v%%|*}: ${v#*|}"; done
  print_table nginx
  out=$WORK_DIR/settings-$(date -u +%Y%m%dT%H%M%SZ).json
  jq -n --slurpfile s "$RES_DIR/summary.json" --argjson m "$(machine_json)" \
    --argjson wrk "{\"threads\":$THREADS,\"connections\":$CONNECTIONS,\"duration_s\":$DURATION,\"runs\":$RUNS,\"pinning\":\"$PIN\"}" \
    '{targets: $s[0], machine: $m, load: $wrk}' >"$out"
  log "results: $out"
  exit 0
fi

start_upstream
if [[ -n $GATEWAY_REF ]]; then
  build_ref "$GATEWAY_REF"
  GATEWAY_BIN=$REF_BIN
  log "gateway_bare and gateway_full: the gateway built from $GATEWAY_REF (${REF_SHA:0:12})"
fi
start_gateway gateway_bare "${GATEWAY_RUNTIME_ENV[@]}" "${PROFILE_ENV[@]}" "${BARE_ENV[@]}"
start_nginx_proxy
start_gateway gateway_full "${GATEWAY_RUNTIME_ENV[@]}" "${PROFILE_ENV[@]}" "${FULL_ENV[@]}"
start_yarp_minimal

register_api gateway_bare echo Public "" true >/dev/null
code=$(wait_route "https://127.0.0.1:${GW_PORT[gateway_bare]}/bench/echo/v1$READ_PATH") || die "gateway_bare does not route (status $code)"
[[ $code == 200 ]] || die "gateway_bare answered $code through the route, expected 200"
setup_full
probe_full
log "gateway_full: policies on: ${FULL_POLICIES[*]:-none}"
for m in "${FULL_MISSING[@]}"; do log "  not on: $m"; done

define_targets
T_URL[yarp_minimal]="https://127.0.0.1:$YARP_PORT/bench/echo/v1$READ_PATH"; T_ARGS[yarp_minimal]=""; T_PID[yarp_minimal]=$YARP_PID
# Diagnostic pair without TLS (--plain): how much of the distance to nginx is TLS termination.
T_URL[nginx_plain]="http://127.0.0.1:$NGINX_PLAIN_PORT$READ_PATH"; T_ARGS[nginx_plain]=""; T_PID[nginx_plain]=$NGINX_PID
T_URL[yarp_plain]="http://127.0.0.1:$YARP_PLAIN_PORT/bench/echo/v1$READ_PATH"; T_ARGS[yarp_plain]=""; T_PID[yarp_plain]=$YARP_PID
T_URL[gateway_bare]="https://127.0.0.1:${GW_PORT[gateway_bare]}/bench/echo/v1$READ_PATH"; T_ARGS[gateway_bare]=""; T_PID[gateway_bare]=${GW_PID[gateway_bare]}
T_URL[gateway_full]="https://127.0.0.1:${GW_PORT[gateway_full]}/bench/full/v1$WRITE_PATH"; T_ARGS[gateway_full]="method=POST body=$REQUEST_BODY"; T_PID[gateway_full]=${GW_PID[gateway_full]}

targets=(upstream nginx nginx_post yarp_minimal gateway_bare gateway_full)
[[ $PLAIN -eq 1 ]] && targets+=(nginx_plain yarp_plain)
if [[ -n $ONLY ]]; then
  IFS=, read -r -a targets <<<"$ONLY"
  for t in "${targets[@]}"; do [[ -n ${T_URL[$t]:-} ]] || die "unknown target $t"; done
fi
measure "${targets[@]}"
summarise "${targets[@]}"

policies_json=$(printf '%s\n' "${FULL_POLICIES[@]}" | jq -R . | jq -sc 'map(select(length > 0))')
missing_json=$(printf '%s\n' "${FULL_MISSING[@]}" | jq -R . | jq -sc 'map(select(length > 0))')
full_label="gateway_full"
[[ ${#FULL_POLICIES[@]} -eq 0 ]] && full_label="gateway_full (no policy exists yet: routing + 1 KB POST only)"

echo
echo "SPBE Connector benchmark: medians of $RUNS runs of ${DURATION}s per target, alternating; wrk -t$THREADS -c$CONNECTIONS (HTTP/1.1 keep-alive); pinning: $PIN${WRK_CPUS:+ (wrk on CPU $WRK_CPUS)}"
echo "  upstream: nginx, 1 KB JSON, plain HTTP | nginx: TLS proxy, $NGINX_WORKERS worker(s) | gateway: Release, ${GATEWAY_RUNTIME_ENV[*]:-defaults}"
echo "  yarp_minimal: YARP alone, same certificate and runtime settings (what the gateway adds on top of its engine)"
echo "  GET for upstream, nginx, yarp_minimal, gateway_bare; 1 KB JSON POST for nginx_post and gateway_full"
echo "  $full_label: policies on: ${FULL_POLICIES[*]:-none}"
echo
print_table nginx "$( [[ ${#FULL_POLICIES[@]} -eq 0 ]] && echo "gateway_full*" )"
if [[ ${#FULL_POLICIES[@]} -eq 0 && " ${targets[*]} " == *" gateway_full "* ]]; then
  echo "  * no policy exists yet: gateway_full is the gateway with routing and a 1 KB JSON POST only (see latest.json)"
fi
if [[ " ${targets[*]} " == *"_plain "* ]]; then
  echo "  nginx_plain, yarp_plain: the same nginx and YARP over plain HTTP (diagnostic: the cost of TLS termination)"
fi
if [[ " ${targets[*]} " == *" yarp_minimal "* ]]; then
  # The engine's ceiling: the product's targets are ratios to YARP alone, measured in the same run (docs/performance.md).
  echo
  echo "The same, against the engine (YARP alone):"
  print_table yarp_minimal
  print_targets
fi
echo

if [[ -n $PROFILE ]]; then
  IFS=, read -r -a profiled <<<"$PROFILE"
  for t in "${profiled[@]}"; do
    [[ $t == gateway_bare || $t == gateway_full || $t == yarp_minimal ]] || die "--profile takes gateway_bare, gateway_full or yarp_minimal"
    profile_target "$t"
  done
fi

if [[ $SOAK -eq 1 ]]; then
  soak "$SOAK_TARGET" "$(jq -r --arg t "$SOAK_TARGET" '.[$t].rps' "$RES_DIR/summary.json")"
fi

if [[ -n $ONLY || $PACED_RATE -gt 0 ]]; then
  log "--only or --rate given: $RESULTS_FILE not written (it holds full runs at maximum rate only)"
  exit 0
fi
jq -n --slurpfile s "$RES_DIR/summary.json" --argjson m "$(machine_json)" --argjson policies "$policies_json" \
  --argjson missing "$missing_json" --arg env "${GATEWAY_RUNTIME_ENV[*]}" --arg full_env "${FULL_ENV[*]}" \
  --argjson soak "$( [[ -s $RES_DIR/soak.json ]] && cat "$RES_DIR/soak.json" || echo null)" \
  --argjson load "{\"threads\":$THREADS,\"connections\":$CONNECTIONS,\"duration_s\":$DURATION,\"runs\":$RUNS,\"warmup_s\":$WARMUP,\"pinning\":\"$PIN\",\"wrk_cpus\":\"$WRK_CPUS\",\"nginx_workers\":$NGINX_WORKERS}" \
  '{targets: ($s[0] | .gateway_full += {policies: $policies, policies_not_on: $missing,
       note: (if ($policies | length) == 0 then "No policy is enforced yet: gateway_full measures routing plus a 1 KB JSON POST only. It will turn policies on as they land (bench/run.sh, setup_full / probe_full)." else "Policies listed were observed being enforced before measuring." end)}),
    ratios_to_nginx: ($s[0] | . as $all | with_entries(.value = {rps: ((.value.rps / $all.nginx.rps * 100 | round) / 100), p99: ((.value.p99_ms / $all.nginx.p99_ms * 100 | round) / 100)})),
    ratios_to_yarp_minimal: ($s[0] | . as $all | if $all.yarp_minimal == null then null else with_entries(.value = {rps: ((.value.rps / $all.yarp_minimal.rps * 100 | round) / 100), p99: ((.value.p99_ms / $all.yarp_minimal.p99_ms * 100 | round) / 100)}) end),
    load: $load, gateway_runtime_env: $env, gateway_full_env: $full_env, soak: $soak, machine: $m}' >"$RESULTS_FILE.tmp"
mv "$RESULTS_FILE.tmp" "$RESULTS_FILE"
log "results: $RESULTS_FILE"
