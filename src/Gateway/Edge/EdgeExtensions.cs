using System.Security.Cryptography.X509Certificates;
using SpbeConnector.Gateway.Hosting;

namespace SpbeConnector.Gateway.Edge;

/// <summary>The checks at the gateway's edge: what every request must be before any endpoint or policy sees it.</summary>
public static class EdgeExtensions
{
    /// <param name="managementHostNames">The host names of <c>Gateway:ManagementUrls</c>, served beside the public ones.</param>
    public static IServiceCollection AddGatewayEdge(this IServiceCollection services, GatewayOptions options, X509Certificate2 certificate, ILogger startupLogger,
        IReadOnlyList<string> managementHostNames)
    {
        var hosts = new PublicHostNames(options.PublicHostNames, certificate, managementHostNames);
        // Refusals are logged at Debug only (scanners send any host), so say once which names are served.
        startupLogger.LogInformation("Serving the host names {HostNames}; requests for any other host are answered 421 (Gateway:PublicHostNames)", string.Join(", ", hosts.Names));
        return services.AddSingleton(hosts);
    }

    /// <summary>After the request id and HSTS (every refusal carries them), before routing.</summary>
    public static IApplicationBuilder UseGatewayEdge(this IApplicationBuilder app) =>
        app.UseMiddleware<PublicHostMiddleware>()
            .UseMiddleware<ForwardableHeaderValuesMiddleware>()
            .UseMiddleware<ClientBodyMiddleware>();
}
