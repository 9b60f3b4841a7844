#!/usr/bin/env bash
# Runs every test of SPBE Connector on a fresh Debian machine with the .NET SDK.
# Installs the Debian packages the tests need when they are missing (as root), then builds and runs all test
# projects. A test never skips because a tool is missing: the missing tool is installed here, or the run fails.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests use, as "command:package".
needed=(
  "openssl:openssl"            # TLS tests drive OpenSSL's own client against the gateway; audit tests use it as an RFC 3161 TSA
  "redis-server:redis-server"  # cluster-wide rate limits are tested against a real Redis
  "/usr/lib/postgresql/15/bin/pg_ctl:postgresql"  # the cluster tests start their own PostgreSQL (initdb, pg_ctl)
  "/usr/sbin/nginx:nginx"      # the load-balancer tests run the nginx of scripts/cluster.sh in front of two nodes
  "curl:curl"                  # the demo test runs the printed token request and API call as printed
  "node:nodejs"                # openid-client interoperability; receipts verified with Node's own crypto
  "npm:npm"
  "/usr/sbin/clamd:clamav-daemon"  # file-control tests start their own clamd with a test signature database
  "chromium:chromium"          # the portal's browser tests drive Debian's chromium through Playwright
)

missing=()
for entry in "${needed[@]}"; do
  command -v "${entry%%:*}" >/dev/null 2>&1 || missing+=("${entry#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: missing Debian packages: ${missing[*]}; install them (apt-get install ${missing[*]}) or run as root." >&2
    exit 1
  fi
  echo "test.sh: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

command -v dotnet >/dev/null || { echo "test.sh: the .NET SDK (dotnet) is not on PATH" >&2; exit 1; }

# openid-client (and undici, for mutual TLS), the independent OAuth 2.0 client of the interoperability tests, at the
# versions in its lock file: installed again whenever the lock file differs from the one last installed.
interop=tests/Interop/openid-client
if ! cmp -s "$interop/package-lock.json" "$interop/node_modules/.installed-lock.json"; then
  echo "test.sh: installing openid-client into $interop"
  npm ci --prefix "$interop" --no-audit --no-fund >/dev/null || { echo "test.sh: npm ci in $interop failed; the interoperability tests need openid-client and undici from the npm registry" >&2; exit 1; }
  cp "$interop/package-lock.json" "$interop/node_modules/.installed-lock.json"
fi

# axe-core, the accessibility engine the portal's browser tests run on every page they reach (never served by the
# product), at the version in its lock file: installed again whenever the lock file differs from the one last installed.
axe=tests/Portal.Tests/axe
if ! cmp -s "$axe/package-lock.json" "$axe/node_modules/.installed-lock.json"; then
  echo "test.sh: installing axe-core into $axe"
  npm ci --prefix "$axe" --no-audit --no-fund >/dev/null || { echo "test.sh: npm ci in $axe failed; the portal's accessibility tests need axe-core from the npm registry" >&2; exit 1; }
  cp "$axe/package-lock.json" "$axe/node_modules/.installed-lock.json"
fi

# The CycloneDX SBOM of the product (build/sbom/bom.json): the gateway serves it and the compliance report names its
# digest; a test reads it. A failure here stops the run: a build without its SBOM is not one to test.
scripts/sbom.sh || { echo "test.sh: scripts/sbom.sh failed: no SBOM in build/sbom/bom.json (see the message above)" >&2; exit 1; }

# The security analysis of the code and the dependencies (build/analysis/security.json): every rule of the .NET SDK's
# Security category on every shipped project, and the package sources' vulnerability database when they publish one.
# A finding stops the run; the compliance report names the findings, the suppressions and what was not checked.
scripts/analyze.sh || { echo "test.sh: scripts/analyze.sh failed: fix the security findings above (see build/analysis/build.log)" >&2; exit 1; }

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
status=0
# One test project at a time (-m:1): the timing tests (hot reload within a second) must not compete with a
# neighbouring project's load tests for the two cores.
dotnet test SpbeConnector.sln -m:1 --nologo -v minimal --logger "trx" --results-directory "$results" || status=$?

# One closing line for the whole run, summed over the test projects' result files.
python3 - "$results" <<'PY' || true
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns)
    if c is None:
        continue
    passed += int(c.get("passed", 0))
    failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    skipped += int(c.get("notExecuted", 0))
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
