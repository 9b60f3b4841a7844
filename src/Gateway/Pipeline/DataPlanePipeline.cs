using Microsoft.AspNetCore.Diagnostics;
using SpbeConnector.Policies;

namespace SpbeConnector.Gateway.Pipeline;

/// <summary>
/// The path of one proxied request, in order (DESIGN "The path of one request"). Each step is one policy; the
/// order of this list is the order of enforcement.
/// </summary>
public static class DataPlanePipeline
{
    public static void Configure(IReverseProxyApplicationBuilder proxy)
    {
        // Responses of OPD services pass through as they are; only the gateway's own errors become problem details.
        proxy.Use((context, next) =>
        {
            if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
                pages.Enabled = false;
            return next(context);
        });
        proxy.UseUpstreamErrorProblems();

        // 4. Authentication: a valid access token for this API, unless the API is public.
        proxy.UseAccessTokenAuthentication();
        // 5. Authorization: an approved subscription, the required scopes, certificate binding for exempt information.
        proxy.UseSubscriptionAuthorization();

        // 8. Before forwarding: the gateway's own token for upstreams protected by their own OAuth server.
        proxy.UseUpstreamAuthentication();

        // Forwarding (YARP): instance choice, passive health.
        proxy.UseSessionAffinity();
        proxy.UseLoadBalancing();
        proxy.UsePassiveHealthChecks();
    }
}
