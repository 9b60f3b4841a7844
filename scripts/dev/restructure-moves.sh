#!/usr/bin/env bash
# Issue 15, the moves only: src/Audit (the audit log as a product) out of src/Policies/Audit, and src/Portal (every
# portal page) out of src/Registry/Portal and src/Gateway/Portal, with their tests. Moves are `git mv` of whole folders
# (so files added to those folders on main since are carried along, and git's rename detection carries edits made
# to them), followed by namespace/using rewrites and project-file edits. Nothing else changes inside moved files.
#
# Re-run on a tree where the moves have not been made (for example on a newer main, when merging the restructure
# branch conflicts):  git checkout -b restructure-again main && bash scripts/dev/restructure-moves.sh && dotnet build
# It stops at the first failure. It refuses to run twice (src/Audit already there).
set -euo pipefail
cd "$(dirname "$0")/../.."

[ -d src/Audit ] && { echo "restructure-moves.sh: src/Audit exists already; the moves were made" >&2; exit 1; }
[ -d src/Policies/Audit ] || { echo "restructure-moves.sh: src/Policies/Audit is missing; not the tree this script expects" >&2; exit 1; }

# ---- helpers ----------------------------------------------------------------------------------------------------
# All C# files of the solution (sources, tests, benchmark).
cs_files() { git ls-files -- 'src/*.cs' 'tests/*.cs' 'bench/*.cs'; }
# sed over every C# file that contains the pattern (fixed string $1), with the sed program $2.
rewrite() { local files; files=$(cs_files | xargs grep -lF -- "$1" || true); [ -z "$files" ] || echo "$files" | xargs sed -i -e "$2"; }
# Adds "using $2;" after the last using directive of file $1 unless it has it.
add_using() {
  grep -qxF "using $2;" "$1" && return 0
  local last; last=$(grep -n '^using ' "$1" | tail -1 | cut -d: -f1 || true)
  if [ -n "$last" ]; then sed -i "${last}a using $2;" "$1"; else sed -i "1i using $2;" "$1"; fi
}
# Removes a repeated identical using directive (CS0105) from file $1.
dedupe_usings() { awk '!(/^using [A-Za-z0-9_.= ]+;$/ && seen[$0]++)' "$1" > "$1.tmp" && mv "$1.tmp" "$1"; }
mvdir() { mkdir -p "$(dirname "$2")"; git mv "$1" "$2"; }

# ---- src/Audit ---------------------------------------------------------------------------------------------------
# Everything of src/Policies/Audit but its Exchange folder (the data-plane step: middlewares and record builders),
# which stays in src/Policies/Audit/Exchange. The redactor is the log's (the audit API and the security view search
# with it), so it goes with the log.
mkdir -p src/Audit
for d in src/Policies/Audit/*/; do
  d=${d%/}; name=$(basename "$d")
  [ "$name" = Exchange ] && continue
  git mv "$d" "src/Audit/$name"
done
for f in src/Policies/Audit/*.cs; do git mv "$f" src/Audit/; done
git mv src/Policies/Audit/Exchange/SensitiveValueRedactor.cs src/Audit/Records/SensitiveValueRedactor.cs

# ---- src/Portal --------------------------------------------------------------------------------------------------
mkdir -p src/Portal
for e in src/Registry/Portal/*; do git mv "$e" "src/Portal/$(basename "$e")"; done
mvdir src/Gateway/Portal/SecurityPages.cs src/Portal/SecurityView/SecurityPages.cs
mvdir src/Gateway/Portal/AuditReview.cs src/Portal/SecurityView/AuditReview.cs
mvdir src/Gateway/Portal/RecordVerification.cs src/Portal/SecurityView/RecordVerification.cs
mvdir src/Gateway/Portal/SlaPages.cs src/Portal/Sla/SlaPages.cs
mvdir src/Gateway/Portal/SlaMonitorServiceLevelSource.cs src/Portal/Sla/SlaMonitorServiceLevelSource.cs
for f in src/Gateway/Portal/*.cs; do [ -e "$f" ] && mvdir "$f" "src/Portal/SecurityView/$(basename "$f")"; done
# The admin API's portal-account endpoints work on the portal's accounts: they are the portal's.
mvdir src/Registry/AdminApi/AdminPortalAccountEndpoints.cs src/Portal/AdminApi/AdminPortalAccountEndpoints.cs
# The SLA report's CSV is written by the admin API (Gateway) and the portal alike: it goes beside the report.
git mv src/Gateway/AdminApi/SlaCsv.cs src/Policies/Sla/SlaCsv.cs

# The audit log's command line (audit verify, verify-receipt) is the log's; the gateway's command line dispatches to it.
mvdir src/Gateway/Hosting/AuditCommandLine.cs src/Audit/CommandLine/AuditCommandLine.cs

# ---- tests that follow their code ---------------------------------------------------------------------------------
mvdir tests/Policies.Tests/Audit/MerkleTreeTests.cs tests/Audit.Tests/Tree/MerkleTreeTests.cs
mvdir tests/Policies.Tests/Audit/AuditLogTests.cs tests/Audit.Tests/Logging/AuditLogTests.cs
mvdir tests/Policies.Tests/Audit/AuditLogHarness.cs tests/Audit.Tests/Logging/AuditLogHarness.cs
mvdir tests/Registry.Tests/Portal/ConformanceCheckerTests.cs tests/Portal.Tests/Onboarding/ConformanceCheckerTests.cs
mvdir tests/Registry.Tests/Portal/PasswordPolicyTests.cs tests/Portal.Tests/Accounts/PasswordPolicyTests.cs
mvdir tests/Registry.Tests/Portal/PortalRenderingTests.cs tests/Portal.Tests/Rendering/PortalRenderingTests.cs

# ---- namespaces and usings -----------------------------------------------------------------------------------------
# SpbeConnector.Policies.Audit.X -> SpbeConnector.Audit.X, except the step that stays (Policies.Audit.Exchange).
rewrite 'SpbeConnector.Policies.Audit' 's/SpbeConnector\.Policies\.Audit\.Exchange/@@EXCHANGE@@/g; s/SpbeConnector\.Policies\.Audit\b/SpbeConnector.Audit/g; s/@@EXCHANGE@@/SpbeConnector.Policies.Audit.Exchange/g'
sed -i 's/^namespace SpbeConnector\.Policies\.Audit\.Exchange;/namespace SpbeConnector.Audit.Records;/' src/Audit/Records/SensitiveValueRedactor.cs
rewrite 'SpbeConnector.Registry.Portal' 's/SpbeConnector\.Registry\.Portal\b/SpbeConnector.Portal/g'
sed -i 's/^namespace SpbeConnector\.Gateway\.Portal;/namespace SpbeConnector.Portal.SecurityView;/' src/Portal/SecurityView/*.cs
sed -i 's/^namespace SpbeConnector\.Gateway\.Portal;/namespace SpbeConnector.Portal.Sla;/' src/Portal/Sla/*.cs
sed -i 's/^namespace SpbeConnector\.Registry\.AdminApi;/namespace SpbeConnector.Portal.AdminApi;/' src/Portal/AdminApi/AdminPortalAccountEndpoints.cs
sed -i 's/^namespace SpbeConnector\.Gateway\.AdminApi;/namespace SpbeConnector.Policies.Sla;/' src/Policies/Sla/SlaCsv.cs
rewrite 'using SpbeConnector.Gateway.Portal;' 's/^using SpbeConnector\.Gateway\.Portal;/using SpbeConnector.Portal.SecurityView;\nusing SpbeConnector.Portal.Sla;/'
rewrite 'SpbeConnector.Gateway.Portal.' 's/SpbeConnector\.Gateway\.Portal\.AuditReview/SpbeConnector.Portal.SecurityView.AuditReview/g'
rewrite 'Portal.SlaMonitorServiceLevelSource' 's/\bPortal\.SlaMonitorServiceLevelSource/SpbeConnector.Portal.Sla.SlaMonitorServiceLevelSource/g'
sed -i 's/^namespace SpbeConnector\.Gateway\.Hosting;/namespace SpbeConnector.Audit.CommandLine;/' src/Audit/CommandLine/AuditCommandLine.cs
for f in $(cs_files | xargs grep -lw 'AuditCommandLine' || true); do
  case "$f" in src/Audit/CommandLine/AuditCommandLine.cs) continue ;; esac
  add_using "$f" SpbeConnector.Audit.CommandLine
done
# Tests moved out of Policies.Tests/Registry.Tests take the namespace of their new folder.
sed -i 's/^namespace SpbeConnector\.Policies\.Tests\.Audit;/namespace SpbeConnector.Audit.Tests.Tree;/' tests/Audit.Tests/Tree/*.cs
sed -i 's/^namespace SpbeConnector\.Policies\.Tests\.Audit;/namespace SpbeConnector.Audit.Tests.Logging;/' tests/Audit.Tests/Logging/*.cs
for d in Onboarding Accounts Rendering; do
  sed -i "s/^namespace SpbeConnector\.Registry\.Tests\.Portal;/namespace SpbeConnector.Portal.Tests.$d;/" tests/Portal.Tests/$d/*.cs
done

# The redactor moved out of the Exchange namespace: its users outside the step read it from the log's Records.
for f in $(cs_files | xargs grep -l 'SensitiveValueRedactor' || true); do
  case "$f" in src/Audit/Records/SensitiveValueRedactor.cs) continue ;; esac
  add_using "$f" SpbeConnector.Audit.Records
done
# Files outside Policies lose the Exchange using when the redactor was all they took from it.
for f in $(cs_files | grep -v '^src/Policies/' | xargs grep -l '^using SpbeConnector.Policies.Audit.Exchange;' || true); do
  sed -i '/^using SpbeConnector\.Policies\.Audit\.Exchange;$/d' "$f"
done
# The step's files lived inside namespace SpbeConnector.Policies.Audit and read its root types (options) unqualified.
for f in src/Policies/Audit/Exchange/*.cs; do add_using "$f" SpbeConnector.Audit; done
# Users of the SLA CSV (the Gateway's admin API, the portal's SLA page) read it from Policies.Sla.
for f in $(cs_files | xargs grep -lw 'SlaCsv' || true); do
  add_using "$f" SpbeConnector.Policies.Sla
done
# The registry's admin API maps the portal accounts' endpoints no more; the composition does (Gateway).
sed -i '/^        admin\.MapPortalAccountAdminApi();$/d' src/Registry/AdminApi/AdminApiEndpoints.cs
for f in $(cs_files); do dedupe_usings "$f"; done
f=src/Portal/AdminApi/AdminPortalAccountEndpoints.cs; add_using "$f" SpbeConnector.Registry.AdminApi
f=src/Gateway/Pipeline/GatewayPipeline.cs
sed -i 's/^        app\.MapRegistryAdminApi();$/        app.MapRegistryAdminApi().MapPortalAccountAdminApi();/' "$f"
add_using "$f" SpbeConnector.Portal.AdminApi

# The step's files named the log's folders relative to SpbeConnector.Policies.Audit (Receipts.ContentDigest): now absolute.
sed -i -E '/^(using|namespace) /! s/(^|[^.A-Za-z0-9_])(Api|Archive|Buffers|Checkpoints|Hosting|Keys|Logging|Receipts|Records|Storage|Time|Tree|Verification)\.([A-Z])/\1SpbeConnector.Audit.\2.\3/g' src/Policies/Audit/Exchange/*.cs

# The portal's files named the registry's folders relative to SpbeConnector.Registry (Catalog.RegistryCatalog).
sed -i -E '/^(using|namespace) /! s/(^|[^.A-Za-z0-9_])(AdminApi|Catalog|Contracts|Domain|Hosting|OAuth|OpenApi|Storage)\.([A-Z])/\1SpbeConnector.Registry.\2.\3/g' $(git ls-files 'src/Portal/*.cs' | grep -v -e '^src/Portal/SecurityView/' -e '^src/Portal/Sla/')
# The SLA page took the CSV from the Gateway's admin API; it is in Policies.Sla now.
sed -i '/^using SpbeConnector\.Gateway\.AdminApi;$/d' src/Portal/Sla/SlaPages.cs

# Relative names of the moved namespaces (Registry.Portal.X, Policies.Audit.X) in files that stayed.
rewrite 'Registry.Portal.' 's/\bRegistry\.Portal\./SpbeConnector.Portal./g; s/SpbeConnector\.SpbeConnector\./SpbeConnector./g'

# The record builders of the step are the step's (Policies): the log's registration no longer adds them.
sed -i '/^        services\.AddSingleton<ExchangeRecords>();$/d' src/Audit/Hosting/AuditServiceCollectionExtensions.cs
sed -i 's/^        services\.AddGatewayAudit(configuration, data\.Path, auditorCredential);$/&\n        services.AddSingleton<SpbeConnector.Policies.Audit.Exchange.ExchangeRecords>();/' src/Gateway/Hosting/GatewayApplication.cs

# ---- projects ------------------------------------------------------------------------------------------------------
cat > src/Audit/Audit.csproj <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <!-- The audit log as a product: records, Merkle tree, checkpoints, keys, receipts, archive, verifier, audit API.
       Depends on the Registry's contracts only (docs/architecture.md, "The dependency rule"). -->
  <PropertyGroup>
    <AssemblyName>SpbeConnector.Audit</AssemblyName>
    <RootNamespace>SpbeConnector.Audit</RootNamespace>
  </PropertyGroup>
  <ItemGroup>
    <FrameworkReference Include="Microsoft.AspNetCore.App" />
    <ProjectReference Include="../Registry/Registry.csproj" />
    <!-- The audit log on PostgreSQL: plain SQL over Npgsql (which comes with the Registry's EF Core provider). -->
    <PackageReference Include="Dapper" />
    <!-- RFC 3161 time-stamping of audit checkpoints (not in the ASP.NET Core reference pack). -->
    <PackageReference Include="System.Security.Cryptography.Pkcs" />
  </ItemGroup>
  <ItemGroup>
    <InternalsVisibleTo Include="SpbeConnector.Audit.Tests" />
    <!-- The audit step (src/Policies/Audit/Exchange) streams request bodies through the log's pooled buffers. -->
    <InternalsVisibleTo Include="SpbeConnector.Policies" />
  </ItemGroup>
</Project>
XML
cat > src/Portal/Portal.csproj <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <!-- Every portal page (catalog, onboarding, review, applications, security view, SLA), its rendering, accounts and
       sessions. Depends on Registry, Audit and Policies (docs/architecture.md, "The dependency rule"). -->
  <PropertyGroup>
    <AssemblyName>SpbeConnector.Portal</AssemblyName>
    <RootNamespace>SpbeConnector.Portal</RootNamespace>
  </PropertyGroup>
  <ItemGroup>
    <!-- The pages moved here from the Gateway (a Web SDK project) use the web SDK's implicit usings. -->
    <Using Include="Microsoft.AspNetCore.Builder" />
    <Using Include="Microsoft.AspNetCore.Http" />
    <Using Include="Microsoft.AspNetCore.Routing" />
  </ItemGroup>
  <ItemGroup>
    <FrameworkReference Include="Microsoft.AspNetCore.App" />
    <ProjectReference Include="../Registry/Registry.csproj" />
    <ProjectReference Include="../Audit/Audit.csproj" />
    <ProjectReference Include="../Policies/Policies.csproj" />
  </ItemGroup>
  <ItemGroup>
    <!-- The portal's texts (Bahasa Indonesia, English) and its own stylesheet: nothing is fetched from a CDN. -->
    <!-- WithCulture=false: "strings.id.json" names a language of the portal, not a satellite-assembly culture. -->
    <EmbeddedResource Include="Resources/**" LogicalName="SpbeConnector.Portal.Resources.%(Filename)%(Extension)" WithCulture="false" />
  </ItemGroup>
  <ItemGroup>
    <InternalsVisibleTo Include="SpbeConnector.Portal.Tests" />
  </ItemGroup>
</Project>
XML
mkdir -p tests/Audit.Tests
cat > tests/Audit.Tests/Audit.Tests.csproj <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <!-- Tests of src/Audit, laid out as it is (tests/Audit.Tests/Y for src/Audit/Y). -->
  <PropertyGroup>
    <AssemblyName>SpbeConnector.Audit.Tests</AssemblyName>
    <RootNamespace>SpbeConnector.Audit.Tests</RootNamespace>
    <IsPackable>false</IsPackable>
    <IsTestProject>true</IsTestProject>
  </PropertyGroup>
  <ItemGroup>
    <FrameworkReference Include="Microsoft.AspNetCore.App" />
    <ProjectReference Include="../../src/Audit/Audit.csproj" />
    <PackageReference Include="Microsoft.NET.Test.Sdk" />
    <PackageReference Include="xunit" />
    <PackageReference Include="xunit.runner.visualstudio" PrivateAssets="all" />
  </ItemGroup>
  <ItemGroup>
    <Using Include="Xunit" />
  </ItemGroup>
</Project>
XML
# Policies: the audit step references the log; the log's packages went with it.
sed -i '/<!-- The audit log on PostgreSQL/d; /<PackageReference Include="Dapper" \/>/d; /<!-- RFC 3161 time-stamping/d; /<PackageReference Include="System.Security.Cryptography.Pkcs" \/>/d' src/Policies/Policies.csproj
sed -i 's#^    <ProjectReference Include="../Registry/Registry.csproj" />#&\n    <ProjectReference Include="../Audit/Audit.csproj" />#' src/Policies/Policies.csproj
# Registry: the portal's resources left with the portal.
sed -i '/The portal.s texts (Bahasa Indonesia, English)/d; /WithCulture=false: "strings.id.json"/d; /<EmbeddedResource Include="Portal\/Resources\/\*\*"/d' src/Registry/Registry.csproj
# The portal's account endpoints (moved out of the registry's admin API) answer with the admin API's problems.
sed -i 's#^    <InternalsVisibleTo Include="SpbeConnector.Registry.Tests" />#&\n    <InternalsVisibleTo Include="SpbeConnector.Portal" />#' src/Registry/Registry.csproj
# Gateway: composes everything.
sed -i 's#^    <ProjectReference Include="../Policies/Policies.csproj" />#&\n    <ProjectReference Include="../Audit/Audit.csproj" />\n    <ProjectReference Include="../Portal/Portal.csproj" />#' src/Gateway/Gateway.csproj
dotnet sln SpbeConnector.sln add --solution-folder src src/Audit/Audit.csproj src/Portal/Portal.csproj >/dev/null
dotnet sln SpbeConnector.sln add --solution-folder tests tests/Audit.Tests/Audit.Tests.csproj >/dev/null
git add -A src tests SpbeConnector.sln
echo "restructure-moves.sh: moves made; build with: dotnet build SpbeConnector.sln -v q --nologo"
# The portal-account operations are now mapped after the registry's own (GatewayPipeline), which moves them in the
# admin API's document; regenerate it (same operations, another order):
echo "then: SPBE_UPDATE_OPENAPI=1 dotnet test tests/Gateway.Tests --no-build --filter FullyQualifiedName~OpenApiDriftTests"
