using SpbeConnector.Gateway.Routing;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Gateway.Health;

/// <summary><c>/healthz</c>: the process is alive. <c>/readyz</c>: the store answers and the routes are loaded.</summary>
public static class HealthEndpoints
{
    public static void MapGatewayHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => TypedResults.Ok(new { status = "alive" }))
            .ExcludeFromDescription();

        endpoints.MapGet("/readyz", async (IPublishedApiSource store, RegistryProxyConfigProvider routes, CancellationToken ct) =>
        {
            string storeStatus;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(2));
                await store.GetConfigVersionAsync(timeout.Token);
                storeStatus = "reachable";
            }
            catch (Exception)
            {
                storeStatus = "unreachable";
            }
            var ready = storeStatus == "reachable" && routes.IsLoaded;
            var body = new { status = ready ? "ready" : "not-ready", store = storeStatus, routesLoaded = routes.IsLoaded, configVersion = routes.LoadedVersion };
            return ready ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
        }).ExcludeFromDescription();
    }
}
