namespace SpbeConnector.Policies.Routing;

/// <summary>
/// Keys of the string metadata of the routes and clusters built from the registry. The steps do not read them: they
/// read the <see cref="RoutedApi"/> the route carries. The strings are for YARP (which compares routes by them), for
/// operators reading YARP's logs, and for the gateway's state gauges, which name a cluster's API.
/// </summary>
public static class RouteMetadataKeys
{
    /// <summary>The API's id (route metadata).</summary>
    public const string ApiId = "spbe.api-id";

    /// <summary>The build of the API's routes (route metadata, <see cref="RoutedApi.Build"/>).</summary>
    public const string Build = "spbe.build";

    /// <summary>The API as <c>opd/api/version</c> (cluster metadata), as it is named in metrics and logs.</summary>
    public const string ApiPath = "spbe.api-path";
}
