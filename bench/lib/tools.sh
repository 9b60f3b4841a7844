# Sourced by bench/*.sh and scripts/cluster.sh: the commands a script needs, installed from Debian's packages when one
# is missing and the script runs as root (as bench/run.sh always did), else named with the command that installs them.
#
#   ensure_commands SCRIPT-NAME command:package ...      e.g. ensure_commands scale.sh wrk:wrk python3:python3 ss:iproute2
ensure_commands() {
  local who=$1 pair missing=()
  shift
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 && continue
    [[ ${pair%%:*} == nginx && -x /usr/sbin/nginx ]] && continue
    missing+=("${pair#*:}")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  if [[ $EUID -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    echo "$who: missing ${missing[*]}; install them first (Debian: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
  echo "$who: installing ${missing[*]} from Debian's packages" >&2
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get update >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null \
      || { echo "$who: apt-get install ${missing[*]} failed" >&2; exit 1; }
  fi
}
