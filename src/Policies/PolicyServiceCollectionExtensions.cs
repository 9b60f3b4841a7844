using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.Policies.Access;
using SpbeConnector.Policies.Authentication;
using SpbeConnector.Policies.ResponseHardening;
using SpbeConnector.Policies.TrustedHeaders;
using SpbeConnector.Policies.UpstreamAuthentication;
using SpbeConnector.Policies.SchemaValidation;
using Yarp.ReverseProxy.Transforms.Builder;

namespace SpbeConnector.Policies;

/// <summary>Registers the services of the data-plane policies.</summary>
public static class PolicyServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayPolicies(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ITransformProvider, IdentifyingHeadersTransformProvider>();

        // Authentication and authorization of callers (DESIGN steps 4 and 5).
        services.AddOptions<AccessTokenOptions>().Bind(configuration.GetSection(AccessTokenOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AccessSnapshotCache>();
        services.AddHostedService(sp => sp.GetRequiredService<AccessSnapshotCache>());
        services.AddSingleton<AccessTokenValidator>();
        services.AddSingleton<ITransformProvider, CallerHeadersTransformProvider>();

        // Upstreams protected by their own OAuth server get the gateway's own token.
        services.AddSingleton<UpstreamTokenCache>();
        services.AddSingleton<ITransformProvider, UpstreamTokenTransformProvider>();
        services.AddSchemaValidation();
        return services;
    }
}
