#!/usr/bin/env bash
# SPBE Connector at registry scale: what a node does with 1 / 100 / 1,000 / 5,000 published APIs (and as many client
# applications with approved subscriptions), one fresh gateway per size.
#
#   bash bench/scale.sh                        every size (the 5,000 size registers 35,000 things: allow an hour)
#   bash bench/scale.sh --sizes 1,100          some sizes only
#   bash bench/scale.sh --help                 every option
#
# Per size it reports (bench/results/scale-latest.json, and a table):
#   seed_s, seed_peak_rss_mb   registering everything through the admin API (each API approved stage by stage by the
#                              approval profile's reviewers, each subscription by the OPD's decider, on their portal
#                              pages: bench/lib/approvals.py), and the node's peak memory meanwhile
#   start_listening_ms         process start until /healthz answers (restart on the filled registry)
#   start_first_routed_ms      process start until the first request on an existing route is answered 200
#   rss_start_mb               resident memory right after that first request
#   reload_idle_ms             a publication (Approved -> Published) until its route answers, node idle (median)
#   steady                     req/s and latency of an existing route (gateway_full's 1 KB JSON POST), no reloads
#   reloading                  the same, while APIs are published during the run
#   reload_busy_ms             each of those publications until its route answers, under that traffic (median, max)
#   rss_end_mb, rss_peak_mb    resident memory at the end, and the highest of the serving process
# The existing route is an API like bench/run.sh's gateway_full: Restricted (token), its OpenAPI document (schema
# validation), an approved subscription on a plan that counts but never refuses, strict audit with receipts, attack
# detection on. Every API of the registry has the same document (each compiled on its own).
#
# Everything runs on 127.0.0.1 and is stopped when the script exits, however it exits. Numbers mean something only on
# a quiet machine (see --wait-quiet in bench/run.sh); other load is reported with each run.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
WORK_DIR=${BENCH_WORK_DIR:-$BENCH_DIR/.work}
RESULTS_FILE=$BENCH_DIR/results/scale-latest.json

SIZES="1,100,1000,5000"
DURATION=8        # seconds of each measured traffic run
WARMUP=10         # seconds of traffic before measuring (JIT, tiered compilation)
CONNECTIONS=50
RELOADS=3         # publications during the "reloading" run
IDLE_RELOADS=3    # publications measured with the node idle
WORKERS=4         # parallel admin connections while registering
BUILD=1
KEEP=0

usage() {
  cat <<USAGE
Usage: bash bench/scale.sh [options]

  --sizes LIST       comma-separated numbers of published APIs (default $SIZES)
  --duration S       seconds of each measured traffic run (default $DURATION)
  --warmup S         seconds of traffic before measuring (default $WARMUP)
  --connections N    wrk connections (default $CONNECTIONS)
  --reloads N        publications during the reloading run (default $RELOADS)
  --idle-reloads N   publications measured on the idle node (default $IDLE_RELOADS)
  --workers N        parallel admin connections while registering (default $WORKERS)
  --output FILE      results file (default bench/results/scale-latest.json)
  --no-build         use the Release build bench/run.sh or a previous run left in bench/.work/publish
  --keep             keep the run directory (data, logs) under bench/.work
  --help             this text
USAGE
}

while [[ $# -gt 0 ]]; do
  case $1 in
    --sizes) SIZES=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --reloads) RELOADS=$2; shift 2 ;;
    --idle-reloads) IDLE_RELOADS=$2; shift 2 ;;
    --workers) WORKERS=$2; shift 2 ;;
    --output) RESULTS_FILE=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --keep) KEEP=1; shift ;;
    --help|-h) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

say() { printf '[scale %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
fail() { say "ERROR: $*"; exit 1; }

# shellcheck source=bench/lib/tools.sh
source "$BENCH_DIR/lib/tools.sh"
ensure_commands scale.sh wrk:wrk nginx:nginx jq:jq curl:curl openssl:openssl python3:python3 ss:iproute2
command -v dotnet >/dev/null 2>&1 || fail "the .NET SDK (dotnet) is required to build the gateway; see README.md"

mkdir -p "$WORK_DIR"
RUN_DIR=$(mktemp -d "$WORK_DIR/scale-XXXXXX")
# shellcheck source=bench/lib/processes.sh
source "$BENCH_DIR/lib/processes.sh"
bench_stop_on_exit "$RUN_DIR" "$KEEP"

unused_port() {
  local p
  for _ in $(seq 200); do
    p=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    [[ -z $(ss -Htan "( sport = :$p )" 2>/dev/null) ]] && { echo "$p"; return 0; }
  done
  fail "no free TCP port"
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
rss_mb() { awk -v f="$2" '$1 == f":" { printf "%.1f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo null; }
busy_ticks() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9; exit}' /proc/stat; }

# ---- build ------------------------------------------------------------------------------------------------------
GATEWAY=$WORK_DIR/publish/SpbeConnector.Gateway
if [[ $BUILD -eq 1 ]]; then
  say "building the gateway (Release) into $WORK_DIR/publish"
  dotnet publish "$REPO_DIR/src/Gateway/Gateway.csproj" -c Release -o "$WORK_DIR/publish" --nologo -v quiet \
    --artifacts-path "$WORK_DIR/artifacts" >"$RUN_DIR/build.log" 2>&1 || { tail -30 "$RUN_DIR/build.log" >&2; fail "build failed"; }
fi
[[ -x $GATEWAY ]] || fail "no build at $GATEWAY; run without --no-build"

# ---- the upstream: nginx answering every request with bench/run.sh's 1 KB JSON body ----------------------------------
UPSTREAM_PORT=$(unused_port)
bench_json_upstream "$RUN_DIR" "$UPSTREAM_PORT" "$BENCH_DIR/fixtures/upstream-response.json" || fail "the upstream nginx did not start"
say "upstream: nginx on http://127.0.0.1:$UPSTREAM_PORT"

# ---- one gateway ------------------------------------------------------------------------------------------------
GW_PID=""; GW_PORT=""; GW_TOKEN=""; CACERT=""
# The port stays the same across a restart: the authorization server names itself by it, and the bench client's token
# (obtained before the restart) must stay valid.
launch_gateway() { # data directory, [port] -> sets GW_PID, GW_PORT, LISTENING_MS and START_T0 (from process start)
  local data=$1 t0
  GW_PORT=${2:-$(unused_port)}
  t0=$(now_ms)
  # Client secrets are hashed with fewer PBKDF2 rounds (as the tests do): registering 5,000 clients at the product's
  # default takes most of an hour on two cores, and no measured request checks a secret (the token is obtained before).
  env SPBE_DATA_DIR="$data" Admin__Token="$GW_TOKEN" Demo__Enabled=false ASPNETCORE_ENVIRONMENT=Production \
    Audit__Mode=Strict Audit__Receipts__Enabled=true AntiAutomation__PerIpLimit=1000000000 AntiAutomation__Detection__Enabled=true \
    DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 \
    OAuth__SecretHashIterations=10000 \
    "$GATEWAY" --urls "https://127.0.0.1:$GW_PORT" >>"$data.log" 2>&1 &
  GW_PID=$!
  STARTED+=("$GW_PID")
  until curl -fsS -o /dev/null --max-time 2 -k "https://127.0.0.1:$GW_PORT/healthz" 2>/dev/null; do
    kill -0 "$GW_PID" 2>/dev/null || { tail -20 "$data.log" >&2; fail "the gateway exited during start-up"; }
    (( $(now_ms) - t0 < 300000 )) || fail "the gateway did not listen within 5 minutes; see $data.log"
    sleep 0.02
  done
  LISTENING_MS=$(( $(now_ms) - t0 ))
  START_T0=$t0
  CACERT=$data/tls/gateway-dev.crt
}

stop_gateway() {
  kill -TERM "$GW_PID" 2>/dev/null || true
  for _ in $(seq 300); do kill -0 "$GW_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$GW_PID" 2>/dev/null || true
  wait "$GW_PID" 2>/dev/null || true
}

# The admin API wants a named caller: a management client made on the host beside the running gateway (the first-start
# token only creates the first administrator). The approval profile's reviewers and the OPD's subscription decider are
# people that bench/lib/approvals.py makes and signs in; their passwords, keys and sessions stay in $RUN_DIR (0600).
GW_CLIENT=""
create_management_client() { # data directory
  local creds
  creds=$(env SPBE_DATA_DIR="$1" Admin__Token="$GW_TOKEN" Demo__Enabled=false ASPNETCORE_ENVIRONMENT=Production \
          "$GATEWAY" admin create-client --name bench-scale --scope spbe.admin 2>>"$1.log") \
    || fail "admin create-client failed; see $1.log"
  GW_CLIENT=$(jq -er '.client_id + ":" + .client_secret' <<<"$creds") || fail "admin create-client printed no credentials"
}

registry() {
  python3 "$BENCH_DIR/lib/scale_registry.py" "$@" --base "https://127.0.0.1:$GW_PORT" --client "$GW_CLIENT" --cacert "$CACERT" \
    --state "$RUN_DIR/approvals-$GW_PORT.json"
}

# wrk on the existing route (1 KB JSON POST with the bench client's token); prints the BENCH_RESULT JSON line.
traffic() { # seconds
  local out
  out=$(BENCH_WRK_DIR=$BENCH_DIR/wrk timeout $(($1 + 30)) wrk -t 1 -c "$CONNECTIONS" -d "${1}s" --timeout 5s -s "$BENCH_DIR/wrk/request.lua" \
        "https://127.0.0.1:$GW_PORT/scale/s0/v1/permohonan" -- method=POST "body=$BENCH_DIR/fixtures/request-body.json" "token_file=$RUN_DIR/token" 2>&1) \
    || { echo "$out" >&2; fail "wrk failed"; }
  grep '^BENCH_RESULT ' <<<"$out" | sed 's/^BENCH_RESULT //' || { echo "$out" >&2; fail "no result from wrk"; }
}

# The same, with the share of the machine's CPU used by others (not this gateway, not wrk) during the run.
measured_traffic() { # seconds
  local m0 g0 m1 g1 w0 line
  m0=$(busy_ticks); g0=$(awk '{print $14 + $15}' "/proc/$GW_PID/stat"); w0=$(now_ms)
  line=$(traffic "$1")
  m1=$(busy_ticks); g1=$(awk '{print $14 + $15}' "/proc/$GW_PID/stat")
  jq -c --argjson machine $((m1 - m0)) --argjson gw $((g1 - g0)) --argjson hz "$(getconf CLK_TCK)" --argjson n "$(nproc)" \
    --argjson wall "$(( $(now_ms) - w0 ))" \
    '{rps: (.rps | round), p50_ms, p99_ms, max_ms, errors: (.errors | .connect + .read + .write + .status + .timeout),
      gateway_cpu_us_per_req: (if .requests > 0 then ($gw / $hz * 1e6 / .requests | round) else null end),
      machine_busy_pct: ($machine / $hz / ($wall / 1000) / $n * 100 | round)}' <<<"$line"
}

median() { jq -s 'sort | if length == 0 then null else .[(length - 1) / 2 | floor] end'; }

# ---- one size ---------------------------------------------------------------------------------------------------
# Runs in this shell (never in $(...)): the processes it starts must be in STARTED for the exit trap to stop them.
measure_size() { # number of APIs -> writes the size's JSON to $RUN_DIR/result-N.json
  local n=$1 data=$RUN_DIR/data-$n pending seeded t0 line i
  mkdir -p "$data"
  GW_TOKEN=$(openssl rand -hex 24)
  launch_gateway "$data"
  create_management_client "$data"
  say "[$n] registering $n APIs with their documents and $n clients with approved subscriptions (each API approved by the profile's reviewers, each subscription by the OPD's decider)"
  seeded=$(registry seed --upstream "http://127.0.0.1:$UPSTREAM_PORT" --doc "$BENCH_DIR/fixtures/bench-api.openapi.json" \
           --apis "$n" --pending $((IDLE_RELOADS + RELOADS)) --workers "$WORKERS") || fail "registering failed"
  local seed_peak; seed_peak=$(rss_mb "$GW_PID" VmHWM)
  say "[$n] registered in $(jq -r .seconds <<<"$seeded") s (peak RSS $seed_peak MB); restarting on the filled registry"
  curl -fsS --max-time 30 --cacert "$CACERT" -u "$(jq -r '.bench_client | "\(.client_id):\(.client_secret)"' <<<"$seeded")" \
    --data-urlencode grant_type=client_credentials "https://127.0.0.1:$GW_PORT/oauth2/token" | jq -er .access_token >"$RUN_DIR/token" \
    || fail "no token for the bench client"
  stop_gateway

  launch_gateway "$data" "$GW_PORT"
  local listening=$LISTENING_MS
  local code=000
  until [[ $code == 200 ]]; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 --cacert "$CACERT" -H "Authorization: Bearer $(cat "$RUN_DIR/token")" \
            -H 'Content-Type: application/json' --data-binary "@$BENCH_DIR/fixtures/request-body.json" \
            "https://127.0.0.1:$GW_PORT/scale/s0/v1/permohonan" || true)
    (( $(now_ms) - START_T0 < 300000 )) || fail "the existing route did not answer 200 within 5 minutes of start (last answer: $code)"
    [[ $code == 200 || $code == 000 || $code == 404 || $code == 503 ]] || fail "the existing route answered $code after the restart; see $data.log"
    sleep 0.02
  done
  local first_routed=$(( $(now_ms) - START_T0 )) rss_start; rss_start=$(rss_mb "$GW_PID" VmRSS)
  say "[$n] listening after $listening ms, first routed request after $first_routed ms, RSS $rss_start MB"

  mapfile -t pending < <(jq -r '.pending[]' <<<"$seeded")
  local idle=()
  for ((i = 0; i < IDLE_RELOADS; i++)); do
    line=$(registry publish --api "${pending[$i]}" --path "/scale/p$i/v1/penduduk/3275011203870001") || fail "publication failed"
    idle+=("$(jq .in_force_ms <<<"$line")")
  done
  say "[$n] idle: publications in force after ${idle[*]} ms"

  say "[$n] warm-up ${WARMUP} s, then ${DURATION} s without reloads"
  traffic "$WARMUP" >/dev/null
  local steady; steady=$(measured_traffic "$DURATION")
  say "[$n] steady: $(jq -r '"\(.rps) req/s, p99 \(.p99_ms) ms"' <<<"$steady")"

  # The reloading run: publications spread over the run, each timed until its route answers.
  measured_traffic "$DURATION" >"$RUN_DIR/reloading-$n.json" &
  local wrk_job=$! busy=() gap; gap=$(jq -n --argjson d "$DURATION" --argjson r "$RELOADS" '$d / ($r + 1)')
  for ((i = IDLE_RELOADS; i < IDLE_RELOADS + RELOADS; i++)); do
    sleep "$gap"
    line=$(registry publish --api "${pending[$i]}" --path "/scale/p$i/v1/penduduk/3275011203870001") || fail "publication under traffic failed"
    busy+=("$(jq .in_force_ms <<<"$line")")
  done
  wait "$wrk_job" || fail "the reloading run failed"
  local reloading; reloading=$(cat "$RUN_DIR/reloading-$n.json")
  say "[$n] reloading: $(jq -r '"\(.rps) req/s, p99 \(.p99_ms) ms"' <<<"$reloading"); publications in force after ${busy[*]} ms"

  local rss_end rss_peak reloads
  rss_end=$(rss_mb "$GW_PID" VmRSS); rss_peak=$(rss_mb "$GW_PID" VmHWM)
  reloads=$(curl -fsS --max-time 10 --cacert "$CACERT" "https://127.0.0.1:$GW_PORT/metrics" 2>/dev/null \
            | awk '$1 ~ /^spbe_routes_reloads_total/ {print $2}' | head -1)
  stop_gateway
  jq -n --argjson n "$n" --argjson seeded "$seeded" --argjson seed_peak "${seed_peak:-null}" --argjson listening "$listening" \
    --argjson first "$first_routed" --argjson rss_start "${rss_start:-null}" --argjson steady "$steady" --argjson reloading "$reloading" \
    --argjson idle "$(printf '%s\n' "${idle[@]}" | jq -s .)" --argjson busy "$(printf '%s\n' "${busy[@]}" | jq -s .)" \
    --argjson rss_end "${rss_end:-null}" --argjson rss_peak "${rss_peak:-null}" --argjson reloads "${reloads:-null}" >"$RUN_DIR/result-$n.json" '
    def med: sort | if length == 0 then null else .[(length - 1) / 2 | floor] end;
    {apis: $n, clients: $seeded.clients, seed_s: $seeded.seconds, seed_peak_rss_mb: $seed_peak,
     start_listening_ms: $listening, start_first_routed_ms: $first, rss_start_mb: $rss_start,
     reload_idle_ms: ($idle | med), reload_idle_runs_ms: $idle,
     steady: $steady, reloading: $reloading,
     reload_busy_ms: ($busy | med), reload_busy_max_ms: ($busy | max), reload_busy_runs_ms: $busy,
     reloading_vs_steady: {rps: (if $steady.rps > 0 then ($reloading.rps / $steady.rps * 100 | round / 100) else null end),
                           p99: (if $steady.p99_ms > 0 then ($reloading.p99_ms / $steady.p99_ms * 100 | round / 100) else null end)},
     route_reloads_total: $reloads, rss_end_mb: $rss_end, rss_peak_mb: $rss_peak}'
}

# ---- run --------------------------------------------------------------------------------------------------------
IFS=',' read -ra size_list <<<"$SIZES"
for n in "${size_list[@]}"; do [[ $n =~ ^[1-9][0-9]*$ ]] || fail "--sizes: '$n' is not a positive number"; done
for n in "${size_list[@]}"; do measure_size "$n"; done

mkdir -p "$(dirname "$RESULTS_FILE")"
for n in "${size_list[@]}"; do cat "$RUN_DIR/result-$n.json"; done | jq -s --arg commit "$(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)" \
  --arg date "$(date -u +%Y-%m-%dT%H:%M:%SZ)" --argjson cpus "$(nproc)" --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" \
  --argjson duration "$DURATION" --argjson connections "$CONNECTIONS" \
  '{commit: $commit, date: $date, machine: {cpus: $cpus, loadavg_at_end: $load}, settings: {duration_s: $duration, connections: $connections},
    sizes: .}' >"$RESULTS_FILE"
say "results: $RESULTS_FILE"
jq -r '(["APIs", "listen ms", "1st routed ms", "RSS start MB", "reload idle ms", "reload busy ms (max)", "req/s steady", "p99 steady",
         "req/s reloading", "p99 reloading", "RSS peak MB", "machine busy %"] | @tsv),
       (.sizes[] | [.apis, .start_listening_ms, .start_first_routed_ms, .rss_start_mb, .reload_idle_ms, "\(.reload_busy_ms) (\(.reload_busy_max_ms))",
         .steady.rps, .steady.p99_ms, .reloading.rps, .reloading.p99_ms, .rss_peak_mb, .steady.machine_busy_pct] | map(tostring) | @tsv)' \
  "$RESULTS_FILE" | column -t -s $'\t'
