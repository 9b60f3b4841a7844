#!/usr/bin/env bash
# bench/startup.sh: how fast a gateway node started into load reaches its steady requests/s (issue 21: 90% within 5 s
# of listening; a rolling restart or a node joining a cluster).
#
#   bash bench/startup.sh                       # default variants, 2 starts each, 30 s of load per start
#   bash bench/startup.sh --variant "name|VAR=value VAR=value" [--variant ...] --starts 3 --seconds 30
#   bash bench/startup.sh --r2r                 # also the gateway published ReadyToRun (variant r2r)
#   bash bench/startup.sh --variant "before|GATEWAY_DIR=/path/to/publish" --variant "after|"   # two builds side by side
#
# What it does: publishes the gateway (Release) into bench/.work/publish (ReadyToRun into bench/.work/publish-r2r
# with --r2r), seeds one data directory with the demo (an OPD, a Restricted API with its OpenAPI document, a client
# with an approved subscription: the approval workflow decides it, as in a real registry) and takes a one-hour token
# for that client. The API's upstream is then an nginx answering the recorded 1 KB-class JSON of the sample service
# at the sample's address, so that the measured node does nothing but gateway work. Each start: the node is started
# on the seeded data directory with strict audit and batched receipts (every policy of gateway_full except the rate
# limit's shared store), the moment /healthz answers is "listening", and from that moment wrk (`-t1 -c50`, pinned to
# the last CPU as in run.sh) POSTs the verification request (schema-validated JSON body, bearer token, subscription
# and scope) in back-to-back 1-second slices. Steady requests/s is the median of the last 5 slices; the report gives
# each second's requests/s (median over the starts), the first second at >= 90% of steady, and the start-up time.
# Variants alternate start by start. Run it through /work/notes/quiet.sh on a shared machine.
# Known limit: the demo client's subscription keeps the demo's plan, whose rate limit answers part of each slice with
# 429 (logged as non-2xx answers): until the script moves it to plan Unlimited, its requests/s are not the node's
# capacity; the JIT, allocation and time-to-listening figures are unaffected.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
WORK_DIR=$BENCH_DIR/.work
STARTS=2
SECONDS_OF_LOAD=30
CONNECTIONS=50
BUILD=1
R2R=0
VARIANTS=()
# As bench/run.sh's GATEWAY_RUNTIME_ENV: the deployment's runtime settings, chosen by measurement.
RUNTIME_ENV="DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1"

usage() {
  sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'
  cat <<EOF
Options:
  --starts N       starts per variant (default $STARTS)
  --seconds S      seconds of load after listening, in 1-second slices (default $SECONDS_OF_LOAD; >= 10)
  --variant SPEC   "name|VAR=value ..." settings of a variant (repeatable; default: "defaults|"); the pseudo
                   setting GATEWAY_DIR=DIR runs the gateway published in DIR (another build) instead
  --r2r            also measure the gateway published with ReadyToRun (variant "r2r", default settings)
  --no-build       reuse the last publish in $WORK_DIR
EOF
}

while [[ $# -gt 0 ]]; do
  case $1 in
    --starts) STARTS=$2; shift 2 ;;
    --seconds) SECONDS_OF_LOAD=$2; shift 2 ;;
    --variant) VARIANTS+=("$2"); shift 2 ;;
    --r2r) R2R=1; shift ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
((SECONDS_OF_LOAD >= 10)) || { echo "--seconds must be at least 10" >&2; exit 2; }
[[ ${#VARIANTS[@]} -gt 0 ]] || VARIANTS=("defaults|")
[[ $R2R -eq 1 ]] && VARIANTS+=("r2r|")

log() { printf '[startup %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "error: $*"; exit 1; }
for tool in wrk nginx jq curl sqlite3 openssl; do command -v "$tool" >/dev/null || die "$tool is missing (apt-get install $tool)"; done

RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/spbe-startup.XXXXXX")
# shellcheck source=bench/lib/processes.sh
source "$BENCH_DIR/lib/processes.sh"
bench_stop_on_exit "$RUN_DIR"

free_port() {
  local p
  for _ in $(seq 200); do
    p=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    [[ -z $(ss -Htan "( sport = :$p )" 2>/dev/null) ]] && { echo "$p"; return 0; }
  done
  die "no free TCP port found"
}
NCPU=$(nproc)
WRK_PREFIX=()
[[ $NCPU -ge 2 ]] && WRK_PREFIX=(taskset -c $((NCPU - 1)))

# ---- build ----
publish() { # dir, extra publish arguments
  local dir=$1; shift
  log "publishing the gateway (Release $*) into $dir"
  dotnet publish "$REPO_DIR/src/Gateway/Gateway.csproj" -c Release -o "$dir" --nologo -v quiet "$@" \
    --artifacts-path "$WORK_DIR/artifacts${*:+-r2r}" >"$WORK_DIR/startup-build.log" 2>&1 \
    || { tail -30 "$WORK_DIR/startup-build.log" >&2; die "the Release build failed"; }
}
mkdir -p "$WORK_DIR"
if [[ $BUILD -eq 1 ]]; then
  publish "$WORK_DIR/publish"
  [[ $R2R -eq 1 ]] && publish "$WORK_DIR/publish-r2r" -r linux-x64 --self-contained false -p:PublishReadyToRun=true
fi
[[ -x $WORK_DIR/publish/SpbeConnector.Gateway ]] || die "no build in $WORK_DIR/publish; run without --no-build"
[[ $R2R -eq 0 || -x $WORK_DIR/publish-r2r/SpbeConnector.Gateway ]] || die "no build in $WORK_DIR/publish-r2r; run without --no-build"

# ---- seed ----
DATA=$RUN_DIR/data
mkdir -p "$DATA"
COMMON_ENV=(
  "SPBE_DATA_DIR=$DATA"
  "ASPNETCORE_ENVIRONMENT=Production"
  "Audit__Mode=Strict"
  "Audit__Receipts__Enabled=true"
  "AntiAutomation__PerIpLimit=1000000000"
  "AntiAutomation__Detection__Enabled=true"
  "OAuth__AccessTokenLifetime=01:00:00"
)
GW_PID=""
# One address for every start, as in a rolling restart: the token issuer is the listening address, so a token taken
# from the seeding start is only valid at the same address.
GW_PORT=$(free_port)
start_gateway() { # binary dir, log file, extra VAR=value...
  local dir=$1 logf=$2; shift 2
  for _ in $(seq 100); do [[ -z $(ss -Htan "( sport = :$GW_PORT )" 2>/dev/null | grep -v TIME-WAIT) ]] && break; sleep 0.1; done
  # shellcheck disable=SC2086
  env "${COMMON_ENV[@]}" "$@" "$dir/SpbeConnector.Gateway" --urls "https://127.0.0.1:$GW_PORT" >"$logf" 2>&1 &
  GW_PID=$!
  STARTED+=("$GW_PID")
}
stop_gateway() {
  kill -TERM "$GW_PID" 2>/dev/null || true
  for _ in $(seq 150); do kill -0 "$GW_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$GW_PID" 2>/dev/null || true
  wait "$GW_PID" 2>/dev/null || true
}
# Polls /healthz every 20 ms; prints the milliseconds from the process start to the first answer.
wait_listening() {
  local started=$1 deadline=$((SECONDS + 120))
  until curl -fsS -o /dev/null --max-time 1 -k "https://127.0.0.1:$GW_PORT/healthz" 2>/dev/null; do
    kill -0 "$GW_PID" 2>/dev/null || die "the gateway exited during start-up; see its log in $RUN_DIR"
    ((SECONDS < deadline)) || die "the gateway did not listen within 120 s"
    sleep 0.02
  done
  echo $(( ($(date +%s%N) - started) / 1000000 ))
}

log "seeding the demo registry into $DATA"
start_gateway "$WORK_DIR/publish" "$RUN_DIR/seed.log" "Demo__Enabled=true"
wait_listening "$(date +%s%N)" >/dev/null
for _ in $(seq 150); do [[ -s $DATA/demo-client.json ]] && break; sleep 0.2; done
[[ -s $DATA/demo-client.json ]] || die "the demo did not write demo-client.json; see $RUN_DIR/seed.log"
CLIENT_ID=$(jq -r .client_id "$DATA/demo-client.json")
CLIENT_SECRET=$(jq -r .client_secret "$DATA/demo-client.json")
TOKEN_FILE=$RUN_DIR/token
curl -fsS -k -u "$CLIENT_ID:$CLIENT_SECRET" --data-urlencode grant_type=client_credentials --data-urlencode scope=penduduk.baca \
  "https://127.0.0.1:$GW_PORT/oauth2/token" | jq -r .access_token >"$TOKEN_FILE"
[[ -s $TOKEN_FILE && $(cat "$TOKEN_FILE") != null ]] || die "no token for the demo client"
PATH_PREFIX=/disdukcapil/kependudukan/v1
BODY=$RUN_DIR/request.json
echo '{"nik":"3275010101900001","nama":"Budi Santoso","tanggalLahir":"1990-01-01"}' >"$BODY"
RESPONSE=$RUN_DIR/response.json
curl -fsS -k -H "Authorization: Bearer $(cat "$TOKEN_FILE")" -H 'Content-Type: application/json' --data-binary "@$BODY" \
  "https://127.0.0.1:$GW_PORT$PATH_PREFIX/penduduk/verifikasi" -o "$RESPONSE" \
  || die "the seeded API did not answer the verification request; see $RUN_DIR/seed.log"
UPSTREAM=$(sqlite3 "$DATA/registry.db" "select * from apis;" 2>/dev/null | grep -o 'http://127.0.0.1:[0-9]*' | head -1 || true)
[[ -n $UPSTREAM ]] || die "could not read the seeded API's upstream address from $DATA/registry.db"
stop_gateway
log "seeded: client $CLIENT_ID, upstream $UPSTREAM"

# ---- the upstream: nginx at the sample service's address, answering its recorded response ----
UPSTREAM_PORT=${UPSTREAM##*:}
bench_json_upstream "$RUN_DIR" "$UPSTREAM_PORT" "$RESPONSE" || die "the nginx upstream did not start"
curl -fsS -o /dev/null -X POST "$UPSTREAM/penduduk/verifikasi" || die "the nginx upstream does not answer; see $RUN_DIR/upstream"

# ---- the starts ----
export BENCH_WRK_DIR=$BENCH_DIR/wrk
slice() { # one 1-second wrk run; prints "requests/s requests"
  local out
  out=$("${WRK_PREFIX[@]}" wrk -t1 -c"$CONNECTIONS" -d1s --latency -s "$BENCH_DIR/wrk/request.lua" \
    "https://127.0.0.1:$GW_PORT$PATH_PREFIX/penduduk/verifikasi" -- method=POST "body=$BODY" "token_file=$TOKEN_FILE" 2>&1) || true
  local line
  line=$(grep '^BENCH_RESULT ' <<<"$out" | sed 's/^BENCH_RESULT //')
  if [[ -z $line ]]; then echo "0 0"; return; fi
  local status
  status=$(jq -r '.errors.status' <<<"$line")
  if [[ $status != 0 ]]; then
    log "warning: $status non-2xx answers in a slice; one request now answers:"
    curl -sk -i -H "Authorization: Bearer $(cat "$TOKEN_FILE")" -H 'Content-Type: application/json' --data-binary "@$BODY" \
      "https://127.0.0.1:$GW_PORT$PATH_PREFIX/penduduk/verifikasi" | head -c 600 >&2 || true
    echo >&2
  fi
  jq -r '"\(.rps) \(.requests)"' <<<"$line"
}

# The runtime's own meters on /metrics after each slice: methods JIT-compiled, JIT time, bytes allocated.
runtime_meters() { # prints "jit_methods jit_seconds allocated_bytes"
  curl -fsS -k --max-time 2 "https://127.0.0.1:$GW_PORT/metrics" 2>/dev/null | awk '
    /^dotnet_jit_compiled_methods[_a-z]* / { m = $2 }
    /^dotnet_jit_compilation_time[_a-z]* / { t = $2 }
    /^dotnet_gc_heap_total_allocated[_a-z]* / { a = $2 }
    END { printf "%s %s %s", (m == "" ? "nan" : m), (t == "" ? "nan" : t), (a == "" ? "nan" : a) }'
}

RESULTS=$RUN_DIR/results.tsv   # variant, start, listen_ms, second, rps, jit methods, jit s, allocated bytes, requests
: >"$RESULTS"
for ((s = 1; s <= STARTS; s++)); do
  for v in "${VARIANTS[@]}"; do
    name=${v%%|*}; settings=${v#*|}
    dir=$WORK_DIR/publish
    [[ $name == r2r ]] && dir=$WORK_DIR/publish-r2r
    if [[ $settings == *GATEWAY_DIR=* ]]; then
      dir=$(grep -o 'GATEWAY_DIR=[^ ]*' <<<"$settings" | cut -d= -f2-)
      settings=$(sed 's/GATEWAY_DIR=[^ ]*//' <<<"$settings")
      [[ -x $dir/SpbeConnector.Gateway ]] || die "no gateway build in $dir"
    fi
    log "start $s of $name ${settings:+($settings)}"
    t0=$(date +%s%N)
    # shellcheck disable=SC2086
    start_gateway "$dir" "$RUN_DIR/gateway-$name-$s.log" "Demo__Enabled=false" $RUNTIME_ENV $settings
    listen_ms=$(wait_listening "$t0")
    for ((sec = 1; sec <= SECONDS_OF_LOAD; sec++)); do
      read -r rps requests <<<"$(slice)"
      read -r jm jt ab <<<"$(runtime_meters)"
      printf '%s\t%d\t%d\t%d\t%s\t%s\t%s\t%s\t%s\n' "$name" "$s" "$listen_ms" "$sec" "$rps" "$jm" "$jt" "$ab" "$requests" >>"$RESULTS"
    done
    stop_gateway
  done
done

# ---- report ----
python3 - "$RESULTS" "$SECONDS_OF_LOAD" "${VARIANTS[@]%%|*}" <<'EOF'
import sys, statistics
path, n, names = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
rows = [l.rstrip('\n').split('\t') for l in open(path) if l.strip()]
print("| variant | listening after (ms) | " + " | ".join(f"s{i}" for i in range(1, n + 1)) + " | steady | first s >= 90% |")
print("|---|---|" + "---|" * n + "---|---|")
for name in names:
    mine = [r for r in rows if r[0] == name]
    starts = sorted({int(r[1]) for r in mine})
    listen = statistics.median(int(r[2]) for r in mine if r[3] == '1')
    per_sec = [statistics.median(float(r[4]) for r in mine if int(r[3]) == i) for i in range(1, n + 1)]
    steady = statistics.median(per_sec[-5:])
    first = next((i + 1 for i, v in enumerate(per_sec) if v >= 0.9 * steady), None)
    # per start too, so the spread is visible
    per_start = []
    for s in starts:
        series = [float(r[4]) for r in mine if int(r[1]) == s]
        st = statistics.median(series[-5:])
        per_start.append(next((i + 1 for i, v in enumerate(series) if v >= 0.9 * st), None))
    print(f"| {name} | {listen:.0f} | " + " | ".join(f"{v:,.0f}" for v in per_sec)
          + f" | {steady:,.0f} | {first} (per start: {', '.join(str(p) for p in per_start)}) |")

def num(x):
    try:
        return float(x)
    except ValueError:
        return float('nan')

print()
print("Runtime meters per variant (medians over the starts): methods JIT-compiled and JIT seconds by the end of")
print("second 1, 5 and the last; bytes allocated per request over the last 5 seconds.")
print()
print("| variant | JIT methods s1 / s5 / end | JIT s s1 / s5 / end | bytes allocated per request (steady) |")
print("|---|---|---|---|")
for name in names:
    mine = [r for r in rows if r[0] == name]
    starts = sorted({int(r[1]) for r in mine})
    at = lambda i, col: statistics.median(num(r[col]) for r in mine if int(r[3]) == i)
    per_req = []
    for s in starts:
        series = [r for r in mine if int(r[1]) == s]
        a0, a1 = num(series[-6][7]), num(series[-1][7])
        reqs = sum(float(r[8]) for r in series[-5:])
        if reqs > 0:
            per_req.append((a1 - a0) / reqs)
    print(f"| {name} | {at(1, 5):,.0f} / {at(5, 5):,.0f} / {at(n, 5):,.0f} | {at(1, 6):.2f} / {at(5, 6):.2f} / {at(n, 6):.2f} | "
          + (f"{statistics.median(per_req):,.0f}" if per_req else "n/a") + " |")
EOF
