using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.Policies.ResponseHardening;
using SpbeConnector.Policies.SchemaValidation;
using Yarp.ReverseProxy.Transforms.Builder;

namespace SpbeConnector.Policies;

/// <summary>Registers the services of the data-plane policies.</summary>
public static class PolicyServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayPolicies(this IServiceCollection services)
    {
        services.AddSingleton<ITransformProvider, IdentifyingHeadersTransformProvider>();
        services.AddSchemaValidation();
        return services;
    }
}
