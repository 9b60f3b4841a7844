using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Transforms.Builder;

namespace SpbeConnector.Policies.UpstreamAuthentication;

public static class UpstreamAuthenticationExtensions
{
    /// <summary>Upstreams protected by their own OAuth server get the gateway's own token, obtained and cached here.</summary>
    public static IServiceCollection AddUpstreamAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<UpstreamTokenCache>();
        services.AddSingleton<ITransformProvider, UpstreamTokenTransformProvider>();
        return services.MarkAdded<UpstreamTokenMiddleware>();
    }

    /// <summary>Puts the gateway's token on requests to such upstreams; after the file controls, before YARP's forwarding steps.</summary>
    public static IApplicationBuilder UseUpstreamAuthentication(this IApplicationBuilder app) =>
        app.RequireAdded<UpstreamTokenMiddleware>(nameof(AddUpstreamAuthentication), nameof(UseUpstreamAuthentication)).UseMiddleware<UpstreamTokenMiddleware>();
}
