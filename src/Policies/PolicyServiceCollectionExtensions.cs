using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.Policies.ResponseHardening;
using Yarp.ReverseProxy.Transforms.Builder;

namespace SpbeConnector.Policies;

/// <summary>Registers the services of the data-plane policies.</summary>
public static class PolicyServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayPolicies(this IServiceCollection services)
    {
        services.AddSingleton<ITransformProvider, IdentifyingHeadersTransformProvider>();
        return services;
    }
}
