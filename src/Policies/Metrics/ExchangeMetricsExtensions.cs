using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SpbeConnector.Policies.Metrics;

public static class ExchangeMetricsExtensions
{
    /// <summary>Adds the gateway's meter, which the exchange metrics step counts into.</summary>
    public static IServiceCollection AddExchangeMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<GatewayMeter>();
        return services.MarkAdded<ExchangeMetricsMiddleware>();
    }

    /// <summary>Counts every proxied exchange by API, status and duration.</summary>
    public static IApplicationBuilder UseExchangeMetrics(this IApplicationBuilder app) =>
        app.RequireAdded<ExchangeMetricsMiddleware>(nameof(AddExchangeMetrics), nameof(UseExchangeMetrics)).UseMiddleware<ExchangeMetricsMiddleware>();
}
