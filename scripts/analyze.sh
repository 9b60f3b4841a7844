#!/usr/bin/env bash
# Security analysis of the product's code and dependencies, run by the test command (scripts/test.sh) before the tests
# (Pasal 59 ayat (2) huruf b and e, ayat (12) huruf a). Writes build/analysis/security.json, which the compliance report
# reads, and fails when a rule finds something.
#
# 1. Code: builds src/Gateway and every project it references with SpbeSecurityAnalysis=true (Directory.Build.props):
#    every rule of the .NET SDK's Security category (AnalysisModeSecurity=All), warnings as errors. The compiler's
#    SARIF logs (build/analysis/*.sarif) give the findings and the suppressions made in the source, with their place.
# 2. Dependencies: `dotnet list package --vulnerable` asks the package sources' vulnerability database. A source that
#    publishes none (no VulnerabilityInfo resource in its service index) makes that command answer "no vulnerable
#    packages" without having checked anything, so the script asks the sources first and records "not checked" with
#    the reason rather than a clean result it does not have.
set -euo pipefail
cd "$(dirname "$0")/.."

out=build/analysis
rm -rf "$out"
mkdir -p "$out"

# --no-incremental: an up-to-date project would not be compiled again, and would then write no SARIF log.
status=0
dotnet build src/Gateway/Gateway.csproj --no-incremental --nologo -v q -p:SpbeSecurityAnalysis=true >"$out/build.log" 2>&1 || status=$?

# The package sources of this repository, and whether each publishes a vulnerability database.
sources=$(dotnet nuget list source --format Short 2>/dev/null | awk '$1 ~ /^E/ {print $2}')
vulnerable_json="$out/vulnerable.json"
has_database=""
for source in $sources; do
  case "$source" in
    http*) if curl -fsS --max-time 30 "$source" 2>/dev/null | grep -q '"VulnerabilityInfo'; then has_database="$has_database $source"; fi ;;
  esac
done
if [ -n "$has_database" ]; then
  dotnet list src/Gateway/Gateway.csproj package --vulnerable --include-transitive --format json >"$vulnerable_json" 2>>"$out/build.log" || true
fi

python3 - "$out" "$status" "$sources" "$has_database" <<'PY'
import glob, json, os, subprocess, sys, datetime
out, build_status, sources, databases = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(), sys.argv[4].split()
root = os.getcwd()

def rel(uri):
    path = uri.replace("file://", "")
    return os.path.relpath(path, root) if path.startswith(root) else path

findings, suppressed, projects = [], [], []
for log in sorted(glob.glob(os.path.join(out, "*.sarif"))):
    projects.append(os.path.basename(log)[:-len(".sarif")])
    for run in json.load(open(log, encoding="utf-8-sig")).get("runs", []):
        for result in run.get("results", []):
            rule = result.get("ruleId", "")
            if not (rule.startswith("CA") or rule.startswith("SYSLIB")):
                continue
            where = (result.get("locations") or [{}])[0].get("physicalLocation", {})
            entry = {
                "rule": rule,
                "file": rel(where.get("artifactLocation", {}).get("uri", "")),
                "line": where.get("region", {}).get("startLine", 0),
                "message": result.get("message", {}).get("text", ""),
            }
            if result.get("suppressions"):
                entry["justification"] = "; ".join(s.get("justification", "") for s in result["suppressions"] if s.get("justification"))
                suppressed.append(entry)
            elif result.get("level", "warning") in ("error", "warning"):
                findings.append(entry)

if build_status != 0 and not findings:
    sys.exit(f"analyze.sh: the analysis build failed without a security finding; see {out}/build.log")
if not projects:
    sys.exit(f"analyze.sh: the build wrote no SARIF log to {out}; see {out}/build.log")

if databases:
    vulnerable = []
    report = json.load(open(os.path.join(out, "vulnerable.json")))
    for project in report.get("projects", []):
        for framework in project.get("frameworks", []):
            for package in framework.get("topLevelPackages", []) + framework.get("transitivePackages", []):
                for v in package.get("vulnerabilities", []):
                    vulnerable.append({"package": package["id"], "version": package.get("resolvedVersion", ""),
                                       "severity": v.get("severity", ""), "advisory": v.get("advisoryurl", "")})
    dependencies = {"checked": True, "sources": databases, "vulnerable": vulnerable,
                    "reason": f"dotnet list package --vulnerable against {', '.join(databases)}"}
else:
    dependencies = {"checked": False, "sources": sources, "vulnerable": [],
                    "reason": "no package source (" + (", ".join(sources) or "none configured") + ") publishes a vulnerability database (VulnerabilityInfo resource), so no dependency was checked for known vulnerabilities"}

commit = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip() or "unknown"
summary = {
    "tool": ".NET SDK analyzers, every rule of the Security category (AnalysisModeSecurity=All), warnings as errors",
    "commit": commit,
    "generatedAt": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    "projects": projects,
    "findings": findings,
    "suppressed": suppressed,
    "dependencies": dependencies,
}
json.dump(summary, open(os.path.join(out, "security.json"), "w"), indent=2)
print(f"analyze.sh: {len(projects)} projects, {len(findings)} findings, {len(suppressed)} suppressed in the source; "
      f"dependencies {'checked: ' + str(len(dependencies['vulnerable'])) + ' vulnerable' if dependencies['checked'] else 'not checked (no vulnerability database)'}")
for f in findings:
    print(f"  {f['rule']} {f['file']}:{f['line']}: {f['message']}", file=sys.stderr)
if findings or dependencies["vulnerable"]:
    sys.exit("analyze.sh: fix the findings above (or suppress one in the source with the reason, #pragma warning disable RULE and a comment)")
PY
