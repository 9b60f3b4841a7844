using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Transforms.Builder;

namespace SpbeConnector.Policies.TrustedHeaders;

public static class TrustedHeadersExtensions
{
    /// <summary>
    /// Tells upstreams who the authenticated caller is, in headers only the gateway sets; a YARP transform on every
    /// route (after authentication has run), so there is no <c>Use...</c>.
    /// </summary>
    public static IServiceCollection AddTrustedHeaders(this IServiceCollection services) =>
        services.AddSingleton<ITransformProvider, CallerHeadersTransformProvider>();
}
