using SpbeConnector.Policies.Routing;
using Yarp.ReverseProxy.Transforms.Builder;

namespace SpbeConnector.Policies.TrustedHeaders;

/// <summary>Adds the <see cref="CallerHeadersTransform"/> to every route, deciding once per route whether the token is forwarded.</summary>
public sealed class CallerHeadersTransformProvider : ITransformProvider
{
    public void ValidateRoute(TransformRouteValidationContext context) { }

    public void ValidateCluster(TransformClusterValidationContext context) { }

    public void Apply(TransformBuilderContext context)
    {
        var forward = RoutedApi.Of(context.Route)?.ForwardAccessToken == true;
        context.RequestTransforms.Add(new CallerHeadersTransform(forward));
    }
}
