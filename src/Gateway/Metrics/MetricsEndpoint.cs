namespace SpbeConnector.Gateway.Metrics;

/// <summary>
/// <c>GET /metrics</c> in the Prometheus text format. Open by default on the gateway's listener; restrict it to
/// the monitoring network with <c>Metrics:AllowedNetworks</c>.
/// </summary>
public static class MetricsEndpoint
{
    public static void MapGatewayMetrics(this IEndpointRouteBuilder endpoints)
    {
        // Listen before the first request is measured, then create the gauges read at scrape time.
        endpoints.ServiceProvider.GetRequiredService<PrometheusExporter>();
        endpoints.ServiceProvider.GetRequiredService<GatewayStateGauges>();
        endpoints.MapGet("/metrics", (HttpContext context, PrometheusExporter exporter) =>
        {
            if (!MetricsAccess.Allows(context))
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Metrics are not available from this network");
            return Results.Text(exporter.Render(), "text/plain; version=0.0.4; charset=utf-8");
        }).ExcludeFromDescription();
    }
}
