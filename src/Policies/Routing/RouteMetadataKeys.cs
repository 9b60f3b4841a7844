using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Policies.Routing;

/// <summary>
/// Keys of the metadata every generated route carries: what the data-plane policies need to know about the API
/// behind a route. Written by the gateway's route builder, read by the policies; the route and its rules are
/// swapped together, so a request never sees a route with another API's rules.
/// </summary>
public static class RouteMetadataKeys
{
    public const string ApiId = ApiRouteMetadata.ApiId;
    public const string OpdCode = ApiRouteMetadata.OpdCode;
    public const string Classification = ApiRouteMetadata.Classification;
    public const string ApiSlug = ApiRouteMetadata.ApiSlug;
    public const string ApiVersion = ApiRouteMetadata.ApiVersion;

    /// <summary>The API's public path prefix <c>/{opd}/{api}/{version}</c>, from which its identifier (token audience) follows.</summary>
    public const string PathPrefix = "spbe.path-prefix";

    /// <summary><c>true</c> when the API is called without an access token.</summary>
    public const string Public = "spbe.public";

    /// <summary><c>true</c> when the caller's access token is passed on to the upstream.</summary>
    public const string ForwardAccessToken = "spbe.forward-access-token";

    /// <summary>The API as <c>opd/api/version</c>, as it is named in metrics and logs.</summary>
    public const string ApiPath = "spbe.api-path";

    /// <summary>The scopes every call must carry, space-separated.</summary>
    public const string RequiredScopes = "spbe.required-scopes";

    /// <summary>
    /// Set when the upstream is protected by its own OAuth server and the gateway sends its own token: the version of the
    /// gateway's credentials there. Empty otherwise.
    /// </summary>
    public const string UpstreamOAuth = "spbe.upstream-oauth";
}
