#!/usr/bin/env bash
# The cost of the audit log: one gateway (Release) on loopback in front of nginx, measured with wrk in four settings,
# alternating, and reported as throughput ratios against the gateway with auditing and receipts switched off.
#
#   bash bench/audit-modes.sh [--runs N] [--duration S] [--connections N] [--no-build]
#
#   off_bare   Audit:Mode=Off, Audit:Receipts:Enabled=false   (the baseline: no log, no receipt)
#   receipts   Audit:Mode=Off                                  (Content-Digest + RFC 9421 signature on every response: no log to batch in)
#   async      Audit:Mode=Async                                (records appended off the request path, + batched receipts)
#   strict     Audit:Mode=Strict (the default)                 (forwarded only once the request record is on disk, + batched receipts)
#
# Two measures, because the machine is shared: throughput (req/s, as fast as it goes) and the gateway process's own CPU
# time per request (utime+stime from /proc over the run), which other processes' load disturbs far less.
# Results: a table on stdout and bench/results/audit-modes.md. Everything runs on 127.0.0.1 and is stopped on exit.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
RUNS=3
DURATION=10
WARMUP=20
CONNECTIONS=50
BUILD=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/lib/tools.sh
source "$BENCH_DIR/lib/tools.sh"
ensure_commands audit-modes.sh wrk:wrk curl:curl jq:jq nginx:nginx python3:python3

WORK=$(mktemp -d /tmp/spbe-audit-bench.XXXXXX)
# shellcheck source=bench/lib/processes.sh
source "$BENCH_DIR/lib/processes.sh"
bench_stop_on_exit "$WORK"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

if [[ $BUILD == 1 ]]; then
  echo "building the gateway (Release)..." >&2
  dotnet build "$REPO_DIR/src/Gateway" -c Release -v q -nologo >/dev/null
fi
DLL=$REPO_DIR/src/Gateway/bin/Release/net10.0/SpbeConnector.Gateway.dll

# The upstream: nginx answering a 1 KB JSON body.
UPSTREAM_PORT=$(free_port)
python3 -c 'import json; print(json.dumps({"data":"x"*1000}))' >"$WORK/response.json"
bench_json_upstream "$WORK" "$UPSTREAM_PORT" "$WORK/response.json" || exit 1

ADMIN=bench-admin-token-0123456789abcdef # the first-start token, which only creates the first administrator
start_gateway() { # name mode receipts -> sets GW_URL, GW_PID
  local name=$1 mode=$2 receipts=$3 port
  port=$(free_port)
  rm -rf "$WORK/$name"
  # The per-address limit (6,000 a minute by default) set so high that it never refuses, as in bench/run.sh: at its
  # default most of a run's answers were 429s.
  SPBE_DATA_DIR="$WORK/$name" Admin__Token=$ADMIN Demo__Enabled=false Audit__Mode=$mode Audit__Receipts__Enabled=$receipts \
    AntiAutomation__PerIpLimit=1000000000 \
    Serilog__MinimumLevel__Default=Warning DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 \
    dotnet "$DLL" --urls "https://127.0.0.1:$port" > "$WORK/$name.log" 2>&1 & GW_PID=$!
  STARTED+=("$GW_PID")
  GW_URL=https://127.0.0.1:$port
  local cacert="$WORK/$name/tls/gateway-dev.crt"
  for _ in $(seq 1 120); do [[ -f $cacert ]] && curl -sf --cacert "$cacert" "$GW_URL/healthz" >/dev/null && break; sleep 0.5; done
  # The admin API wants a named caller: a management client made on the host beside the running gateway.
  local creds client bearer
  creds=$(SPBE_DATA_DIR="$WORK/$name" Demo__Enabled=false dotnet "$DLL" admin create-client --name "bench-$name" --scope spbe.admin 2>>"$WORK/$name.log")
  client=$(jq -er '.client_id + ":" + .client_secret' <<<"$creds") || { echo "audit-modes.sh: admin create-client failed; see $WORK/$name.log" >&2; exit 1; }
  bearer=$(curl -sf --cacert "$cacert" -u "$client" -d grant_type=client_credentials -d scope=spbe.admin "$GW_URL/oauth2/token" | jq -r .access_token)
  local c=(curl -sfS --cacert "$cacert" -H "Authorization: Bearer $bearer" -H 'Content-Type: application/json')
  "${c[@]}" "$GW_URL/admin/v1/opds" -d '{"code":"bench","name":"Bench"}' >/dev/null
  local id
  id=$("${c[@]}" "$GW_URL/admin/v1/apis" -d "{\"opdCode\":\"bench\",\"name\":\"Bench\",\"slug\":\"data\",\"version\":\"v1\",\"upstreamUrls\":[\"http://127.0.0.1:$UPSTREAM_PORT\"],\"allowInsecureUpstream\":true,\"classification\":\"Public\",\"isPublic\":true}" | jq -r .id)
  # Submitted by the management client, decided by the approval profile's reviewers (named people, bench/lib/approvals.py),
  # then published.
  python3 "$BENCH_DIR/lib/approvals.py" publish --base "$GW_URL" --cacert "$cacert" --client "$client" --state "$WORK/$name-people.json" \
    --api "$id" >/dev/null || { echo "audit-modes.sh: publishing the API on $name through the approval workflow failed" >&2; exit 1; }
  local code=000
  for _ in $(seq 1 40); do code=$(curl -s -o /dev/null -w '%{http_code}' --cacert "$cacert" "$GW_URL/bench/data/v1/x"); [[ $code == 200 ]] && break; sleep 0.25; done
  [[ $code == 200 ]] || { echo "audit-modes.sh: $name does not route the API (last answer $code); see $WORK/$name.log" >&2; exit 1; }
}

WRK=(wrk)
command -v taskset >/dev/null && [[ $(nproc) -ge 2 ]] && WRK=(taskset -c 1 wrk)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
measure() { # url seconds [pid] -> requests/s; sets CPU_US (gateway CPU microseconds per request)
  local before=0 after=0
  [[ -n ${3:-} ]] && before=$(ticks "$3")
  "${WRK[@]}" -t1 -c"$CONNECTIONS" -d"${2}s" --latency "$1/bench/data/v1/x" > "$WORK/wrk.out" 2>&1
  [[ -n ${3:-} ]] && after=$(ticks "$3")
  # Only answers the gateway forwarded count: a refusal measured as throughput would be a figure of nothing.
  if grep -q "Non-2xx" "$WORK/wrk.out"; then cat "$WORK/wrk.out" >&2; echo "audit-modes.sh: non-2xx answers from $1" >&2; exit 1; fi
  local requests
  requests=$(awk '/requests in/ {print $1}' "$WORK/wrk.out")
  CPU_US=$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN {printf "%.0f", (n > 0 ? t * 1000000 / hz / n : 0)}')
  awk '/Requests\/sec/ {print $2}' "$WORK/wrk.out"
}
p99() { awk '$1=="99%" {print $2}' "$WORK/wrk.out"; }

TARGETS=("off_bare Off false" "receipts Off true" "async Async true" "strict Strict true")
declare -A RPS P99 CPU
for target in "${TARGETS[@]}"; do
  read -r name mode receipts <<<"$target"
  echo "starting $name (Audit:Mode=$mode, receipts=$receipts)..." >&2
  start_gateway "$name" "$mode" "$receipts"
  eval "URL_$name=$GW_URL"
  eval "PID_$name=$GW_PID"
  measure "$GW_URL" "$WARMUP" >/dev/null
done
for run in $(seq 1 "$RUNS"); do
  for target in "${TARGETS[@]}"; do
    read -r name _ _ <<<"$target"
    url_var="URL_$name"
    pid_var="PID_$name"
    measure "${!url_var}" "$DURATION" "${!pid_var}" > "$WORK/rps"
    r=$(cat "$WORK/rps")
    RPS[$name]+="$r "
    P99[$name]+="$(p99) "
    CPU[$name]+="$CPU_US "
    echo "run $run $name: $r req/s, p99 $(p99), gateway CPU $CPU_US us/request" >&2
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
BASE=$(echo "${RPS[off_bare]}" | median)
BASE_CPU=$(echo "${CPU[off_bare]}" | median)
OUT=$BENCH_DIR/results/audit-modes.md
mkdir -p "$BENCH_DIR/results"
{
  echo "# The cost of the audit log ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores shared, wrk -t1 -c$CONNECTIONS, ${RUNS}x${DURATION}s, median)"
  echo
  echo "| setting | req/s | throughput ratio to off_bare | gateway CPU per request | CPU ratio to off_bare | p99 latency (last run) |"
  echo "|---|---|---|---|---|---|"
  for target in "${TARGETS[@]}"; do
    read -r name _ _ <<<"$target"
    m=$(echo "${RPS[$name]}" | median)
    c=$(echo "${CPU[$name]}" | median)
    echo "| $name | $m | $(awk -v a="$m" -v b="$BASE" 'BEGIN {printf "%.2f", a/b}') | ${c} µs | $(awk -v a="$c" -v b="$BASE_CPU" 'BEGIN {printf "%.2f", a/b}') | $(echo "${P99[$name]}" | awk '{print $NF}') |"
  done
} | tee "$OUT"
