#!/usr/bin/env bash
# The cost of positive validation on the data plane: throughput of the same 1 KB JSON POST through one gateway
# (Release build) to two APIs sharing one upstream: "polos" (published without an OpenAPI document: routed,
# nothing validated) and "validasi" (the tests' sample document: operation, parameters and the body's schema
# checked, body buffered once and forwarded from the buffer). The two are measured alternately, so that the
# ratio is fair on a shared machine; the median of the rounds is quoted.
#
#   bash bench/validation-cost.sh [rounds=5] [seconds=8] [connections=50]
#
# Needs wrk and nginx (Debian packages). Everything runs on 127.0.0.1 and is stopped when the script exits.
set -euo pipefail

ROUNDS=${1:-5}
SECONDS_PER_RUN=${2:-8}
CONNECTIONS=${3:-50}
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
WORK=$(mktemp -d /tmp/spbe-validation-cost.XXXXXX)
BODY="$BENCH_DIR/schema-validators/permohonan-1kb.json"
TOKEN="bench-admin-token-0123456789abcdef"
PIDS=()

# shellcheck source=bench/lib/tools.sh
source "$BENCH_DIR/lib/tools.sh"
ensure_commands validation-cost.sh wrk:wrk nginx:nginx curl:curl jq:jq python3:python3
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

echo "building the gateway (Release)..."
dotnet publish "$REPO_DIR/src/Gateway" -c Release -o "$WORK/gateway" --nologo -v quiet >/dev/null

# The upstream: nginx answering every request with a small JSON body, as fast as it can.
UPSTREAM_PORT=$(free_port)
mkdir -p "$WORK/nginx/logs"
cat > "$WORK/nginx/nginx.conf" <<NGINX
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$UPSTREAM_PORT;
    location / { default_type application/json; return 200 '{"diterima":true}'; }
  }
}
NGINX
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
PIDS+=($!)

GATEWAY_PORT=$(free_port)
BASE="https://127.0.0.1:$GATEWAY_PORT"
(cd "$WORK/gateway" && DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 exec dotnet SpbeConnector.Gateway.dll \
  --urls "$BASE" --DataDirectory "$WORK/data" --Admin:Token "$TOKEN" --Demo:Enabled false \
  --Serilog:MinimumLevel:Default Warning >"$WORK/gateway.log" 2>&1) &
GATEWAY_PID=$!
PIDS+=($GATEWAY_PID)
for _ in $(seq 1 120); do curl -ksf "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
curl -ksf "$BASE/healthz" >/dev/null || { echo "the gateway did not start; see $WORK/gateway.log" >&2; cat "$WORK/gateway.log" >&2; exit 1; }

# The admin API wants a named caller: a management client made on the host beside the running gateway.
CREDS=$(cd "$WORK/gateway" && dotnet SpbeConnector.Gateway.dll admin create-client --name bench --scope spbe.admin \
  --DataDirectory "$WORK/data" --Demo:Enabled false 2>>"$WORK/gateway.log")
CLIENT=$(jq -er '.client_id + ":" + .client_secret' <<<"$CREDS") || { echo "admin create-client failed; see $WORK/gateway.log" >&2; exit 1; }
BEARER=$(curl -ksf -u "$CLIENT" -d grant_type=client_credentials -d scope=spbe.admin "$BASE/oauth2/token" | jq -r .access_token)
admin() { curl -ksf -H "Authorization: Bearer $BEARER" -H "Content-Type: application/json" "$@"; }
admin "$BASE/admin/v1/opds" -d '{"code":"bench","name":"OPD Benchmark"}' >/dev/null
# Both APIs are public (called without a token), so that the two differ by validation alone. Each is submitted by the
# management client, decided by the approval profile's reviewers (named people: bench/lib/approvals.py), then published.
publish() { # slug, document (JSON string or null)
  local id
  id=$(admin "$BASE/admin/v1/apis" -d "{\"opdCode\":\"bench\",\"name\":\"$1\",\"slug\":\"$1\",\"version\":\"v1\",\"upstreamUrls\":[\"http://127.0.0.1:$UPSTREAM_PORT\"],\"allowInsecureUpstream\":true,\"openApiDocument\":$2,\"classification\":\"Public\",\"isPublic\":true}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  python3 "$BENCH_DIR/lib/approvals.py" publish --base "$BASE" --cacert "$WORK/data/tls/gateway-dev.crt" --client "$CLIENT" \
    --state "$WORK/people.json" --api "$id" >/dev/null || { echo "publishing $1 through the approval workflow failed" >&2; exit 1; }
}
publish polos null
publish validasi "$(python3 -c 'import json,sys; print(json.dumps(open(sys.argv[1]).read()))' "$REPO_DIR/tests/TestSupport/Samples/dpmptsp-perizinan-v1.yaml")"
sleep 2

# Before measuring: the validated API really validates (a valid body passes, a broken NIK is refused).
post() { curl -ks -o /dev/null -w '%{http_code}' -H "Content-Type: application/json" --data-binary "$2" "$BASE/bench/$1/v1/permohonan"; }
[ "$(post validasi "@$BODY")" = 200 ] || { echo "the valid body was not accepted by the validated API" >&2; exit 1; }
[ "$(post validasi "$(sed 's/3275010101900001/32750101019000AB/' "$BODY")")" = 400 ] || { echo "the validated API did not refuse a broken NIK" >&2; exit 1; }
[ "$(post polos "@$BODY")" = 200 ] || { echo "the plain API did not answer" >&2; exit 1; }

cat > "$WORK/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$BODY", "rb"); wrk.body = f:read("*a"):gsub("%s+$", ""); f:close()
LUA

# CPU time the gateway process used (user + system, in clock ticks): unlike throughput, it hardly depends on what
# else the machine is doing, so CPU per request is the steadier measure of the cost on a shared machine.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$GATEWAY_PID/stat"; }
TICKS=$(getconf CLK_TCK)

run() { # api, seconds -> "requests/sec gateway-CPU-µs/request" (fails on any error or non-2xx answer)
  local out before after
  before=$(cpu_ticks)
  out=$(wrk -t1 -c"$CONNECTIONS" -d"${2}s" -s "$WORK/post.lua" "$BASE/bench/$1/v1/permohonan")
  after=$(cpu_ticks)
  if grep -qE "Non-2xx|Socket errors" <<<"$out"; then echo "$out" >&2; echo "errors while measuring $1" >&2; exit 1; fi
  local rps requests
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  python3 -c "import sys; r,b,a,t,n=sys.argv[1:]; print(r, f'{(int(a)-int(b))/int(t)*1e6/int(n):.1f}')" "$rps" "$before" "$after" "$TICKS" "$requests"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "warming up (JIT, tiered compilation)..."
run polos 10 >/dev/null; run validasi 10 >/dev/null
plain=(); validated=(); plain_cpu=(); validated_cpu=()
for i in $(seq 1 "$ROUNDS"); do
  read -r rps cpu <<<"$(run polos "$SECONDS_PER_RUN")"; plain+=("$rps"); plain_cpu+=("$cpu")
  read -r rps cpu <<<"$(run validasi "$SECONDS_PER_RUN")"; validated+=("$rps"); validated_cpu+=("$cpu")
  echo "round $i: without validation ${plain[-1]} req/s (${plain_cpu[-1]} µs CPU/request), with validation ${validated[-1]} req/s (${validated_cpu[-1]} µs CPU/request)"
done
P=$(printf '%s\n' "${plain[@]}" | median); PC=$(printf '%s\n' "${plain_cpu[@]}" | median)
V=$(printf '%s\n' "${validated[@]}" | median); VC=$(printf '%s\n' "${validated_cpu[@]}" | median)
echo
echo "1 KB JSON POST, $CONNECTIONS connections, median of $ROUNDS x ${SECONDS_PER_RUN}s (load average: $(cut -d' ' -f1-3 /proc/loadavg)):"
echo "  without validation: $P req/s, $PC µs of gateway CPU per request"
echo "  with validation:    $V req/s, $VC µs of gateway CPU per request"
python3 -c "import sys; p,v,pc,vc=map(float,sys.argv[1:]); print(f'  throughput ratio with/without: {v/p:.3f}; gateway CPU per request with/without: {vc/pc:.3f} (+{vc-pc:.0f} µs)')" "$P" "$V" "$PC" "$VC"
