using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using SpbeConnector.Policies.Exchange;
using SpbeConnector.Policies.Routing;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Policies.Metrics;

/// <summary>
/// Counts every proxied exchange by API, status and client, times it, and counts each refusing policy decision
/// (Pasal 59 ayat (13) huruf c: monitoring of unusual activity; Pasal 60 ayat (3) huruf m: the service level).
/// </summary>
public sealed class ExchangeMetricsMiddleware(RequestDelegate next, GatewayMeter meter)
{
    private static readonly string[] StatusText = Enumerable.Range(0, 600).Select(i => i.ToString()).ToArray();

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var api = Api(context);
            var status = context.Response.StatusCode;
            var exchange = context.Features.Get<GatewayExchangeFeature>();
            var client = exchange?.Caller?.ClientId ?? "anonymous";
            meter.Requests.Add(1,
                new KeyValuePair<string, object?>("api", api),
                new KeyValuePair<string, object?>("status", status is >= 0 and < 600 ? StatusText[status] : "other"),
                new KeyValuePair<string, object?>("client", client));
            meter.Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("api", api));
            if (exchange is not null)
            {
                foreach (var decision in exchange.Decisions)
                {
                    if (!decision.Allowed)
                        meter.Decisions.Add(1, new KeyValuePair<string, object?>("policy", decision.Policy), new KeyValuePair<string, object?>("reason", decision.Reason));
                }
            }
        }
    }

    private static string Api(HttpContext context) => RoutedApi.Of(context)?.ApiPath ?? "unrouted";
}
