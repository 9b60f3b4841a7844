using SpbeConnector.Gateway.Routing;
using SpbeConnector.Audit.Logging;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Hosting;

namespace SpbeConnector.Gateway.Health;

/// <summary>
/// <c>/healthz</c>: the process is alive. <c>/readyz</c>: the store answers and the routes are loaded ("ready", 200);
/// the store does not answer but the last known routes and access rules are in force ("degraded", 200, with the cause:
/// the node still serves, Pasal 60 ayat (3) huruf m); no routes loaded yet, or an audit log that stopped appending
/// because its store changed under it ("not-ready", 503: nothing can be recorded, so a load balancer should send the
/// traffic elsewhere).
/// </summary>
public static class HealthEndpoints
{
    public static void MapGatewayHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Ok(new { status = "alive" }))
            .ExcludeFromDescription();

        endpoints.MapGet("/readyz", async (IPublishedApiSource store, RegistryProxyConfigProvider routes, RegistryStoreHealth storeHealth, AuditLog audit, CancellationToken ct) =>
        {
            RegistryStoreHealth.Outage? outage = null;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(2));
                await store.GetConfigVersionAsync(timeout.Token);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                // Recorded for the change monitor too: its next successful poll then reloads everything.
                outage = storeHealth.ReportUnreachable(ex);
            }
            var cause = outage?.Cause;
            var auditHalt = audit.HaltReason;
            var status = cause is null ? (routes.IsLoaded ? "ready" : "not-ready") : (routes.IsLoaded ? "degraded" : "not-ready");
            if (auditHalt is not null)
                status = "not-ready";
            var body = new
            {
                status,
                store = cause is null ? "reachable" : "unreachable",
                cause = cause is null ? null : $"{cause}; serving the routes and access rules of configuration version {routes.LoadedVersion} until the store answers (check that the database is running and reachable)",
                unreachableSince = outage?.Since,
                routesLoaded = routes.IsLoaded,
                configVersion = routes.LoadedVersion,
                audit = auditHalt is null ? "appending" : "stopped",
                auditCause = auditHalt is null ? null : $"{auditHalt} Stop every other gateway process on this data directory or audit store, run 'audit verify', then restart this one.",
            };
            return status == "not-ready" ? Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable) : Results.Ok(body);
        }).ExcludeFromDescription();
    }
}
