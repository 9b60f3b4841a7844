namespace SpbeConnector.Registry.Contracts;

/// <summary>
/// The identifier of an API as a resource (RFC 8707) and as the <c>aud</c> of its access tokens (RFC 9068 section
/// 2.2): the issuer's URL followed by the API's public path prefix, for example
/// <c>https://gateway.bekasikota.go.id/disdukcapil/kependudukan/v1</c>.
/// </summary>
public static class ApiIdentifier
{
    public static string For(string issuer, string opdCode, string slug, string version) => $"{issuer}/{opdCode}/{slug}/{version}";

    public static string For(string issuer, PublishedApi api) => issuer + api.PathPrefix;

    /// <summary>Whether a resource indicator names the API: its identifier, or a URL beneath it.</summary>
    public static bool Names(string resource, string identifier) =>
        resource.StartsWith(identifier, StringComparison.Ordinal)
        && (resource.Length == identifier.Length || resource[identifier.Length] == '/');
}
