namespace SpbeConnector.Registry.Contracts;

/// <summary>
/// Keys of the metadata every generated route carries: the contract between the routing layer, which writes them,
/// and the data-plane policies, which read them from the matched route.
/// </summary>
public static class RouteMetadataKeys
{
    public const string ApiId = "spbe.api-id";
    public const string OpdCode = "spbe.opd";
    public const string Classification = "spbe.classification";

    /// <summary>The API as <c>opd/api/version</c>, as it is named in metrics and logs.</summary>
    public const string ApiPath = "spbe.api-path";
}
