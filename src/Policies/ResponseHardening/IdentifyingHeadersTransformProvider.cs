using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace SpbeConnector.Policies.ResponseHardening;

/// <summary>
/// Removes headers by which an upstream announces its software and version, on every route (Pasal 59 ayat (16)
/// huruf c and e: no unneeded information in responses; ayat (15) huruf b: nothing that helps an attacker).
/// </summary>
public sealed class IdentifyingHeadersTransformProvider : ITransformProvider
{
    public static readonly string[] Headers = ["Server", "X-Powered-By", "X-AspNet-Version", "X-AspNetMvc-Version", "X-Generator", "X-Runtime", "Via"];

    public void ValidateRoute(TransformRouteValidationContext context) { }

    public void ValidateCluster(TransformClusterValidationContext context) { }

    public void Apply(TransformBuilderContext context)
    {
        foreach (var header in Headers)
            context.ResponseTransforms.Add(new ResponseHeaderRemoveTransform(header, ResponseCondition.Always));
    }
}
