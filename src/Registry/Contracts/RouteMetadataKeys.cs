namespace SpbeConnector.Registry.Contracts;

/// <summary>Keys of the metadata every route the gateway generates carries, read by the data-plane policies.</summary>
public static class RouteMetadataKeys
{
    public const string ApiId = "spbe.api-id";
    public const string OpdCode = "spbe.opd";
    public const string Classification = "spbe.classification";
}
