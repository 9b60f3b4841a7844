namespace SpbeConnector.Registry.OAuth;

/// <summary>
/// A refusal decided by the registry's own rules (client authentication, the grant's narrowing), as the error code
/// and description of RFC 6749 section 5.2. OpenIddict writes it as the endpoint's error response, with the HTTP
/// status its code calls for (<c>invalid_client</c>: 401 with a Basic challenge; others 400).
/// </summary>
public sealed record OAuthError(string Error, string Description)
{
    public static OAuthError InvalidRequest(string description) => new("invalid_request", description);
    public static OAuthError InvalidClient(string description) => new("invalid_client", description);
    public static OAuthError UnauthorizedClient(string description) => new("unauthorized_client", description);
    public static OAuthError InvalidScope(string description) => new("invalid_scope", description);

    /// <summary>RFC 8707 section 2: the resource is unknown, malformed, or not one the client may obtain a token for.</summary>
    public static OAuthError InvalidTarget(string description) => new("invalid_target", description);
}
