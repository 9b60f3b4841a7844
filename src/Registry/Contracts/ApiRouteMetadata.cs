namespace SpbeConnector.Registry.Contracts;

/// <summary>
/// Keys of the metadata every route generated from the registry carries, so that data-plane policies can tell which
/// API a request is for without a registry lookup.
/// </summary>
public static class ApiRouteMetadata
{
    public const string ApiId = "spbe.api-id";
    public const string OpdCode = "spbe.opd";
    public const string Classification = "spbe.classification";
    public const string ApiSlug = "spbe.api";
    public const string ApiVersion = "spbe.version";
}
