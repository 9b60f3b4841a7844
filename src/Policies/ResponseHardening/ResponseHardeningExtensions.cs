using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Transforms.Builder;

namespace SpbeConnector.Policies.ResponseHardening;

public static class ResponseHardeningExtensions
{
    /// <summary>Removes identifying headers from upstream responses; a YARP transform on every route, so there is no <c>Use...</c>.</summary>
    public static IServiceCollection AddResponseHardening(this IServiceCollection services) =>
        services.AddSingleton<ITransformProvider, IdentifyingHeadersTransformProvider>();
}
