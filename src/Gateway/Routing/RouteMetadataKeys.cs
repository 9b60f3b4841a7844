using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Gateway.Routing;

/// <summary>Keys of the metadata every generated route carries, read by the data-plane policies (defined once in <see cref="ApiRouteMetadata"/>).</summary>
public static class RouteMetadataKeys
{
    public const string ApiId = ApiRouteMetadata.ApiId;
    public const string OpdCode = ApiRouteMetadata.OpdCode;
    public const string Classification = ApiRouteMetadata.Classification;
    public const string ApiSlug = ApiRouteMetadata.ApiSlug;
    public const string ApiVersion = ApiRouteMetadata.ApiVersion;
}
