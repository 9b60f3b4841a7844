using Microsoft.AspNetCore.Http;
using SpbeConnector.Policies.Routing;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace SpbeConnector.Policies.UpstreamAuthentication;

/// <summary>
/// On routes to OAuth-protected upstreams: sends the gateway's own token upstream (in place of any Authorization
/// header), and drops it from the cache when the upstream answers 401, so the next call obtains a fresh one.
/// </summary>
public sealed class UpstreamTokenTransformProvider(UpstreamTokenCache tokens) : ITransformProvider
{
    public void ValidateRoute(TransformRouteValidationContext context) { }

    public void ValidateCluster(TransformClusterValidationContext context) { }

    public void Apply(TransformBuilderContext context)
    {
        if (RoutedApi.Of(context.Route) is not { UpstreamOAuthVersion: not null } api)
            return;
        var apiId = api.Id;
        context.AddRequestTransform(transform =>
        {
            if (transform.HttpContext.Features.Get<UpstreamTokenFeature>() is { } upstream)
            {
                RequestTransform.RemoveHeader(transform, "Authorization");
                RequestTransform.AddHeader(transform, "Authorization", "Bearer " + upstream.Token);
            }
            return ValueTask.CompletedTask;
        });
        context.AddResponseTransform(transform =>
        {
            if (transform.ProxyResponse?.StatusCode == System.Net.HttpStatusCode.Unauthorized)
                tokens.Invalidate(apiId);
            return ValueTask.CompletedTask;
        });
    }
}
