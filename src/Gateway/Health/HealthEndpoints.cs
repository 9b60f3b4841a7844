using SpbeConnector.Gateway.Routing;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Hosting;

namespace SpbeConnector.Gateway.Health;

/// <summary>
/// <c>/healthz</c>: the process is alive. <c>/readyz</c>: the store answers and the routes are loaded ("ready", 200);
/// the store does not answer but the last known routes and access rules are in force ("degraded", 200, with the cause:
/// the node still serves, Pasal 60 ayat (3) huruf m); no routes loaded yet ("not-ready", 503).
/// </summary>
public static class HealthEndpoints
{
    public static void MapGatewayHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Ok(new { status = "alive" }))
            .ExcludeFromDescription();

        endpoints.MapGet("/readyz", async (IPublishedApiSource store, RegistryProxyConfigProvider routes, RegistryStoreHealth storeHealth, CancellationToken ct) =>
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
            var status = cause is null ? (routes.IsLoaded ? "ready" : "not-ready") : (routes.IsLoaded ? "degraded" : "not-ready");
            var body = new
            {
                status,
                store = cause is null ? "reachable" : "unreachable",
                cause = cause is null ? null : $"{cause}; serving the routes and access rules of configuration version {routes.LoadedVersion} until the store answers (check that the database is running and reachable)",
                unreachableSince = outage?.Since,
                routesLoaded = routes.IsLoaded,
                configVersion = routes.LoadedVersion,
            };
            return status == "not-ready" ? Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable) : Results.Ok(body);
        }).ExcludeFromDescription();
    }
}
