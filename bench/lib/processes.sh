# Sourced by bench/startup.sh, bench/scale.sh and bench/audit-modes.sh: the processes a benchmark starts, stopped
# however the script exits, and the upstream they all put behind the gateway.
#
#   bench_stop_on_exit RUN_DIR KEEP      every pid added to STARTED is stopped on exit (TERM, then KILL after 10 s);
#                                        RUN_DIR is removed after a successful run unless KEEP is 1, else kept and named
#   bench_json_upstream RUN_DIR PORT BODY_FILE
#                                        nginx on 127.0.0.1:PORT answering every request (any method) with 200 and the
#                                        JSON of BODY_FILE; its pid goes in STARTED, and it answers before this returns
STARTED=()
BENCH_RUN_DIR=""
BENCH_KEEP_RUN_DIR=0

bench_stop_started() {
  local rc=$? pid
  trap - EXIT INT TERM
  for pid in "${STARTED[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${STARTED[@]}"; do
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  if [[ -n $BENCH_RUN_DIR ]]; then
    if [[ $BENCH_KEEP_RUN_DIR -eq 0 && $rc -eq 0 ]]; then rm -rf "$BENCH_RUN_DIR"
    else echo "run directory kept: $BENCH_RUN_DIR" >&2; fi
  fi
  exit "$rc"
}

bench_stop_on_exit() {
  BENCH_RUN_DIR=$1
  BENCH_KEEP_RUN_DIR=${2:-0}
  trap bench_stop_started EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

bench_json_upstream() {
  local dir=$1 port=$2 body_file=$3 nginx body
  nginx=$(command -v nginx || echo /usr/sbin/nginx)
  # The body is in the configuration (return 200), not a file: nginx's workers (nobody) cannot read a run directory
  # that mktemp made for root. Its temporary paths are in the run directory too, never in nginx's own prefix.
  body=$(tr -d '\n' <"$body_file" | sed "s/'/\\\\'/g")
  mkdir -p "$dir/upstream"
  cat >"$dir/upstream/nginx.conf" <<NGINX
daemon off;
worker_processes 1;
pid $dir/upstream/nginx.pid;
error_log $dir/upstream/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $dir/upstream/body;
  proxy_temp_path $dir/upstream/proxy;
  fastcgi_temp_path $dir/upstream/fastcgi;
  uwsgi_temp_path $dir/upstream/uwsgi;
  scgi_temp_path $dir/upstream/scgi;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$port backlog=4096;
    location / { default_type application/json; return 200 '$body'; }
  }
}
NGINX
  "$nginx" -c "$dir/upstream/nginx.conf" -p "$dir/upstream" >"$dir/upstream/out.log" 2>&1 &
  STARTED+=("$!")
  for _ in $(seq 50); do curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null && return 0; sleep 0.2; done
  echo "the upstream nginx did not start on port $port; see $dir/upstream" >&2
  return 1
}
