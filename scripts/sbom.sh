#!/usr/bin/env bash
# Writes the CycloneDX SBOM of what is shipped (the gateway and every project it references, test projects not
# included) to build/sbom/bom.json (Pasal 59 ayat (2) huruf e and ayat (12) huruf b: evidence of the components
# of the build). Uses the CycloneDX dotnet tool pinned in .config/dotnet-tools.json; reaches only NuGet (for the
# restore), never GitHub: license lookups through GitHub stay off. The gateway serves the file at
# GET /admin/v1/sbom and the compliance report names its SHA-256 digest.
set -euo pipefail
cd "$(dirname "$0")/.."

out=build/sbom
mkdir -p "$out"
dotnet tool restore >/dev/null || { echo "sbom.sh: dotnet tool restore failed; the CycloneDX tool 6.3.1 comes from NuGet (.config/dotnet-tools.json)" >&2; exit 1; }

# --recursive: the gateway's project references (Registry, Policies, Audit, Portal...) and their packages are in the
# product too. --include-project-references lists those projects as components. No serial number: two runs on the
# same tree give the same BOM apart from its timestamp.
dotnet tool run dotnet-CycloneDX -- src/Gateway/Gateway.csproj \
  --recursive --include-project-references --exclude-test-projects \
  --output "$out" --filename bom.json --output-format Json \
  --set-name spbe-connector --set-version "$(git rev-parse --short HEAD 2>/dev/null || echo 0.0.0)" \
  --no-serial-number >/dev/null \
  || { echo "sbom.sh: CycloneDX failed to write $out/bom.json" >&2; exit 1; }

python3 - "$out/bom.json" <<'PY'
import json, sys
bom = json.load(open(sys.argv[1]))
if bom.get("bomFormat") != "CycloneDX" or not bom.get("components"):
    sys.exit(f"sbom.sh: {sys.argv[1]} is not a CycloneDX BOM with components")
print(f"sbom.sh: {sys.argv[1]}: CycloneDX {bom['specVersion']}, {len(bom['components'])} components")
PY
