# Groups a `perf report --no-children --sort dso,sym --stdio -g none` listing of a .NET process into components,
# and converts each share into CPU microseconds per request when CPU_US (the process's CPU per request) is given.
#   awk -v CPU_US=54.9 -f bench/lib/perf-breakdown.awk report.txt
# Managed frames come from the JIT's perf map (DOTNET_PerfMapEnabled=1): "[Assembly] Namespace.Type::Method".
function component(line,    s) {
  if (line ~ /\[kernel/) return "kernel (TCP, epoll, scheduler)"
  if (line ~ /libssl|libcrypto|Cryptography\.Native/) return "OpenSSL (TLS records; signatures, hashes)"
  if (line ~ /e_sqlite3/) return "SQLite (native)"
  if (line ~ /libcoreclr|libclrjit/) return "runtime: coreclr native (GC, type system, stubs)"
  if (line ~ /libc\.so|ld-linux|vdso|libSystem\.Native/) return "libc and System.Native"
  if (line ~ /stub |Stub|Thunk/) return "runtime: dispatch stubs, write barriers"
  if (match(line, /\[[A-Za-z0-9_.]+\] ?[^ (\[]*::/)) {
    s = substr(line, RSTART + 1, RLENGTH); sub(/\].*/, "", s)
    if (s ~ /^Microsoft\.AspNetCore\.Server\.Kestrel/) return "Kestrel (HTTP/1.1, connections)"
    if (s ~ /^System\.Net\.Security|AsyncReadWriteAdapter/) return "TLS: SslStream"
    if (s ~ /^System\.Net\.Http/) return "HttpClient (upstream side)"
    if (s ~ /^Yarp/) return "YARP (forwarder, transforms, routing glue)"
    if (s ~ /^System\.Net\.Sockets|^System\.IO\.Pipelines/) return "sockets and pipelines"
    if (s ~ /^Microsoft\.AspNetCore\.Routing/) return "ASP.NET Core routing"
    if (s ~ /^Microsoft\.AspNetCore\.(Authentication|Authorization)/) return "ASP.NET Core authentication/authorization"
    if (s ~ /^Microsoft\.AspNetCore\.Hosting|^System\.Diagnostics/) return "hosting, Activity, diagnostics"
    if (s ~ /^Serilog|^Microsoft\.Extensions\.Logging/) return "logging (scopes)"
    if (s ~ /^Swashbuckle|^System\.Text\.RegularExpressions/) return "Swagger UI middleware (regex per request)"
    if (s ~ /^SpbeConnector/) {
      # the project and folder: [SpbeConnector.Audit] SpbeConnector.Audit.Receipts.X::M -> "Audit.Receipts"
      if (match(line, /SpbeConnector\.(Policies|Gateway|Registry|Audit|Portal)\.[A-Za-z]+/)) {
        s = substr(line, RSTART, RLENGTH); sub(/^SpbeConnector\./, "", s); return "gateway: " s
      }
      return "gateway code (SpbeConnector.*)"
    }
    if (s ~ /^Microsoft\.IdentityModel|^System\.IdentityModel/) return "JWT validation (Microsoft.IdentityModel)"
    if (s ~ /^System\.Security\.Cryptography/) return "System.Security.Cryptography (managed side)"
    if (s ~ /^Microsoft\.Data\.Sqlite|^SQLitePCLRaw|^Microsoft\.EntityFrameworkCore|^Dapper/) return "SQLite / EF Core (managed side)"
    if (s ~ /^System\.Text\.Json/) return "System.Text.Json"
    if (s ~ /^Microsoft\.AspNetCore/) return "other ASP.NET Core middleware"
    if (s ~ /^System\.Private\.CoreLib|^System\.Runtime|^System\.Threading|^System\.__Canon|^System\.Int32|^System\.Collections|^System\.Private\.Uri|^System\.Text|^System\.Memory|^System\.Buffers/) return "BCL (async machinery, thread pool, strings, collections)"
    return "other managed: " s
  }
  return "other"
}
/%/ {
  pct = $1; sub("%", "", pct)
  sum[component($0)] += pct; total += pct
}
END {
  for (c in sum) {
    if (CPU_US != "") printf "%6.1f%%  %6.1f us/req  %s\n", sum[c], sum[c] / 100 * CPU_US, c
    else printf "%6.1f%%  %s\n", sum[c], c
  }
}
