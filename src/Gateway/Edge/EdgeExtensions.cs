using System.Security.Cryptography.X509Certificates;
using SpbeConnector.Gateway.Hosting;

namespace SpbeConnector.Gateway.Edge;

/// <summary>The checks at the gateway's edge: what every request must be before any endpoint or policy sees it.</summary>
public static class EdgeExtensions
{
    public static IServiceCollection AddGatewayEdge(this IServiceCollection services, GatewayOptions options, X509Certificate2 certificate) =>
        services.AddSingleton(new PublicHostNames(options.PublicHostNames, certificate));

    /// <summary>After the request id and HSTS (every refusal carries them), before routing.</summary>
    public static IApplicationBuilder UseGatewayEdge(this IApplicationBuilder app) =>
        app.UseMiddleware<PublicHostMiddleware>()
            .UseMiddleware<ForwardableHeaderValuesMiddleware>()
            .UseMiddleware<ClientBodyMiddleware>();
}
