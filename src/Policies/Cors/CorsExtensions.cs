using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SpbeConnector.Policies.Cors;

public static class CorsExtensions
{
    public static IServiceCollection AddCorsPolicy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CorsOptions>().Bind(configuration.GetSection(CorsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        return services.MarkAdded<CorsMiddleware>();
    }

    /// <summary>
    /// CORS per API: preflights answered (or refused) here and never forwarded, the gateway's own Access-Control-*
    /// headers on every other answer. Place it before authentication: browsers send no credentials on a preflight.
    /// </summary>
    public static IApplicationBuilder UseCorsPolicy(this IApplicationBuilder app) =>
        app.RequireAdded<CorsMiddleware>(nameof(AddCorsPolicy), nameof(UseCorsPolicy)).UseMiddleware<CorsMiddleware>();
}
