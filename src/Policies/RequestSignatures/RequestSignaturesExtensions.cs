using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Policies.RequestSignatures;

public static class RequestSignaturesExtensions
{
    /// <summary>
    /// Adds request-signature verification. The key resolver is the configured one unless another (the client
    /// registry's) is registered first.
    /// </summary>
    public static IServiceCollection AddRequestSignatures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RequestSignatureOptions>().Bind(configuration.GetSection(RequestSignatureOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IClientSigningKeyResolver, ConfiguredClientSigningKeyResolver>();
        services.AddSingleton<RequestSignatureVerifier>();
        return services.MarkAdded<RequestSignatureMiddleware>();
    }

    /// <summary>Verifies RFC 9421 request signatures (proof of origin) and requires them where configured.</summary>
    public static IApplicationBuilder UseRequestSignatures(this IApplicationBuilder app) =>
        app.RequireAdded<RequestSignatureMiddleware>(nameof(AddRequestSignatures), nameof(UseRequestSignatures)).UseMiddleware<RequestSignatureMiddleware>();
}
