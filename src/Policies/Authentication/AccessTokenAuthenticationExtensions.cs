using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.Policies.Access;

namespace SpbeConnector.Policies.Authentication;

public static class AccessTokenAuthenticationExtensions
{
    /// <summary>Adds access-token validation (architecture.md step 4), and the snapshot of who may call what.</summary>
    public static IServiceCollection AddAccessTokenAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccessTokenOptions>().Bind(configuration.GetSection(AccessTokenOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AccessSnapshotCache>();
        services.AddHostedService(sp => sp.GetRequiredService<AccessSnapshotCache>());
        services.AddSingleton<AccessTokenValidator>();
        return services.MarkAdded<AccessTokenAuthenticationMiddleware>();
    }

    /// <summary>A valid access token for this API, unless the API is public.</summary>
    public static IApplicationBuilder UseAccessTokenAuthentication(this IApplicationBuilder app) =>
        app.RequireAdded<AccessTokenAuthenticationMiddleware>(nameof(AddAccessTokenAuthentication), nameof(UseAccessTokenAuthentication))
            .UseMiddleware<AccessTokenAuthenticationMiddleware>();
}
