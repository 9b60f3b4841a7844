#!/usr/bin/env bash
# A cluster of SPBE Connector on one machine, on loopback, from Debian's packages: PostgreSQL (registry, shared by
# the nodes), Redis (shared rate limits and blocks), two gateway nodes and nginx in front as the load balancer.
# Prints the URLs and a token request that works as printed; Ctrl-C stops everything.
#
#   bash scripts/cluster.sh            # run directory under /tmp, removed at the end
#   bash scripts/cluster.sh --keep     # keep the run directory (logs, data) after stopping
#   LB_PORT=9443 bash scripts/cluster.sh
#
# Needs: postgresql (initdb, pg_ctl), redis-server, nginx, openssl, python3, the .NET SDK. As root it runs PostgreSQL
# as the postgres account (PostgreSQL refuses root); everything else runs as the calling user.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

keep=false
[ "${1:-}" = "--keep" ] && keep=true

# Missing Debian packages are installed when run as root, else named (bench/lib/tools.sh).
# shellcheck source=bench/lib/tools.sh
source "$repo/bench/lib/tools.sh"
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  ensure_commands cluster.sh initdb:postgresql # Debian keeps initdb off PATH, under /usr/lib/postgresql/N/bin
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || { echo "cluster.sh: PostgreSQL's initdb is not under /usr/lib/postgresql/*/bin (Debian: apt-get install postgresql)" >&2; exit 1; }
fi
ensure_commands cluster.sh redis-server:redis-server nginx:nginx openssl:openssl python3:python3 curl:curl
command -v dotnet >/dev/null || { echo "cluster.sh: the .NET SDK (dotnet) is not on PATH" >&2; exit 1; }
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

run=$(mktemp -d /tmp/spbe-cluster.XXXXXX)
chmod 755 "$run"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
pg_port=${PG_PORT:-$(free_port)}
redis_port=${REDIS_PORT:-$(free_port)}
node1_port=${NODE1_PORT:-$(free_port)}
node2_port=${NODE2_PORT:-$(free_port)}
lb_port=${LB_PORT:-9443}

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pids=()
cleanup() {
  trap - EXIT INT TERM
  echo
  echo "cluster.sh: stopping"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -f "$run/redis.pid" ] && kill "$(cat "$run/redis.pid")" 2>/dev/null || true
  [ -d "$run/pg/data" ] && as_postgres "$pg_bin/pg_ctl" stop -D "$run/pg/data" -m fast -w >/dev/null 2>&1 || true
  if $keep; then echo "cluster.sh: logs and data kept in $run"; else rm -rf "$run"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() { echo "cluster.sh: $*" >&2; exit 1; }

echo "cluster.sh: run directory $run"

# PostgreSQL: a cluster of its own in the run directory, on loopback only, trusting local connections (a demo;
# production uses scram-sha-256 passwords or certificates, docs/cluster.md).
mkdir -p "$run/pg"
[ "$(id -u)" -eq 0 ] && chown postgres "$run/pg"
as_postgres "$pg_bin/initdb" -D "$run/pg/data" -U spbe --auth=trust -E UTF8 --no-instructions >"$run/pg-initdb.log" 2>&1 \
  || fail "initdb failed; see $run/pg-initdb.log"
as_postgres "$pg_bin/pg_ctl" start -D "$run/pg/data" -l "$run/pg/server.log" -w -t 30 \
  -o "-p $pg_port -c listen_addresses=127.0.0.1 -k $run/pg" >/dev/null || fail "PostgreSQL did not start; see $run/pg/server.log"
"$pg_bin/psql" -q -h 127.0.0.1 -p "$pg_port" -U spbe -d postgres -c "CREATE DATABASE spbe" || fail "could not create the database"
registry="Host=127.0.0.1;Port=$pg_port;Database=spbe;Username=spbe"

# Redis: no persistence (limits and blocks are short-lived).
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
  --pidfile "$run/redis.pid" --logfile "$run/redis.log" --dir "$run" || fail "redis-server did not start; see $run/redis.log"

echo "cluster.sh: building the gateway"
dotnet build src/Gateway -c Release -o "$run/bin" --nologo -v q >"$run/build.log" 2>&1 || fail "the build failed; see $run/build.log"

# One first-start token and one issuer for all nodes: behind the load balancer they are one gateway. The token only
# creates the first administrator; automation uses a management client (admin create-client, below).
admin_token=$(openssl rand -hex 24)
lb_url="https://127.0.0.1:$lb_port"

start_node() { # name port demo
  local name=$1 port=$2 demo=$3
  mkdir -p "$run/$name"
  (
    cd "$run/bin"
    DataDirectory="$run/$name" urls="https://127.0.0.1:$port" \
    Registry__Provider=PostgreSql ConnectionStrings__Registry="$registry" \
    AntiAutomation__Redis="127.0.0.1:$redis_port" AntiAutomation__ExpectedNodes=2 \
    OAuth__Issuer="$lb_url" Admin__Token="$admin_token" \
    Audit__NodeId="$name" Demo__Enabled="$demo" \
    Gateway__TrustedProxies=127.0.0.1/32 Gateway__ForwardedClientCertificateHeader=X-Client-Certificate \
    exec dotnet SpbeConnector.Gateway.dll >"$run/$name.log" 2>&1
  ) &
  pids+=($!)
}

wait_ready() { # name port
  for _ in $(seq 1 120); do
    if curl -sf --cacert "$run/node1/tls/gateway-dev.crt" "https://127.0.0.1:$2/readyz" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  fail "$1 did not become ready within 60 s; see $run/$1.log"
}

echo "cluster.sh: starting node1 (migrates the database, seeds the demo)"
start_node node1 "$node1_port" true
wait_ready node1 "$node1_port"
# One certificate for both nodes and the load balancer, so a client trusts one file whichever node answers.
mkdir -p "$run/node2"
cp -r "$run/node1/tls" "$run/node2/tls"
echo "cluster.sh: starting node2"
start_node node2 "$node2_port" false
wait_ready node2 "$node2_port"

# nginx: TLS with the same certificate, round robin to both nodes over verified TLS, a node that fails is skipped. It
# tells the nodes the client's address (X-Forwarded-For) and certificate (X-Client-Certificate); the nodes believe it
# from 127.0.0.1 only (Gateway__TrustedProxies). The configuration is deploy/nginx/load-balancer.conf, filled in here
# exactly as the load-balancer tests fill it in.
mkdir -p "$run/nginx"
chmod 777 "$run/nginx"
python3 - "$repo/deploy/nginx/load-balancer.conf" "$run/nginx/nginx.conf" <<PY
import sys
text = open(sys.argv[1]).read()
for key, value in {
    "@NODES@": "    server 127.0.0.1:$node1_port max_fails=1 fail_timeout=5s;\n    server 127.0.0.1:$node2_port max_fails=1 fail_timeout=5s;",
    "@LISTEN@": "127.0.0.1:$lb_port",
    "@CERTIFICATE@": "$run/node1/tls/gateway-dev.crt",
    "@CERTIFICATE_KEY@": "$run/node1/tls/gateway-dev.key",
    "@NODES_CA@": "$run/node1/tls/gateway-dev.crt",
}.items():
    text = text.replace(key, value)
open(sys.argv[2], "w").write(text)
PY
"$nginx_bin" -t -p "$run/nginx" -c "$run/nginx/nginx.conf" -g 'daemon off;' >"$run/nginx/test.log" 2>&1 || fail "nginx refused its configuration; see $run/nginx/test.log"
"$nginx_bin" -p "$run/nginx" -c "$run/nginx/nginx.conf" -g 'daemon off;' &
pids+=($!)
wait_ready "nginx" "$lb_port"

demo="$run/node1/demo-client.json"
client_id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["client_id"])' "$demo" 2>/dev/null || echo dinkes-aplikasi-demo)
secret=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["client_secret"])' "$demo" 2>/dev/null || echo '<see '"$demo"'>')
cat <<INFO

SPBE Connector cluster on loopback (Ctrl-C stops everything)

  load balancer (nginx)  $lb_url
  node1                  https://127.0.0.1:$node1_port
  node2                  https://127.0.0.1:$node2_port
  PostgreSQL             $registry
  Redis                  127.0.0.1:$redis_port
  certificate            $run/node1/tls/gateway-dev.crt
  first-start token      $admin_token (only creates the first administrator: POST /admin/v1/bootstrap/administrator)
  logs                   $run/node1.log, $run/node2.log, $run/nginx/, $run/pg/server.log

Try it (the token comes from one node, the call may land on the other):

  TOKEN=\$(curl -s --cacert $run/node1/tls/gateway-dev.crt -u '$client_id:$secret' -d grant_type=client_credentials \\
    $lb_url/oauth2/token | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
  curl --cacert $run/node1/tls/gateway-dev.crt -H "Authorization: Bearer \$TOKEN" \\
    $lb_url/disdukcapil/kependudukan/v1/penduduk/3275010101900001
  curl --cacert $run/node1/tls/gateway-dev.crt https://127.0.0.1:$node2_port/readyz

INFO
wait "${pids[0]}"
