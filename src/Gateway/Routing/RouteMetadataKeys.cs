namespace SpbeConnector.Gateway.Routing;

/// <summary>Keys of the metadata every generated route carries, read by the data-plane policies.</summary>
public static class RouteMetadataKeys
{
    public const string ApiId = "spbe.api-id";
    public const string OpdCode = "spbe.opd";
    public const string Classification = "spbe.classification";
}
