using System.Text.Json.Serialization;

namespace SpbeConnector.Registry.OAuth;

/// <summary>
/// An error response of the token, introspection or revocation endpoint, exactly as RFC 6749 section 5.2 defines
/// it: a JSON object with <c>error</c> and <c>error_description</c>. <c>invalid_client</c> is answered with 401 and a
/// <c>WWW-Authenticate</c> challenge for HTTP Basic, the scheme the server supports.
/// </summary>
public sealed record OAuthError(
    [property: JsonIgnore] int Status,
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string Description)
{
    public static OAuthError InvalidRequest(string description) => new(400, "invalid_request", description);
    public static OAuthError InvalidClient(string description) => new(401, "invalid_client", description);
    public static OAuthError InvalidGrant(string description) => new(400, "invalid_grant", description);
    public static OAuthError UnauthorizedClient(string description) => new(400, "unauthorized_client", description);
    public static OAuthError UnsupportedGrantType(string description) => new(400, "unsupported_grant_type", description);
    public static OAuthError InvalidScope(string description) => new(400, "invalid_scope", description);

    /// <summary>RFC 8707 section 2: the resource is unknown, malformed, or not one the client may obtain a token for.</summary>
    public static OAuthError InvalidTarget(string description) => new(400, "invalid_target", description);

    /// <summary>Too many failed client authentications from this client or address (brute-force protection).</summary>
    public static OAuthError TooManyAttempts(string description) => new(429, "invalid_client", description);
}
