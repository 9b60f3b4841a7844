using System.Collections.Frozen;
using SpbeConnector.Policies.Exchange;

namespace SpbeConnector.Policies.Authentication;

/// <summary>What a validated access token says, kept while it is valid so that its signature is verified once.</summary>
public sealed class ValidatedAccessToken(
    string issuer, string clientId, string? tokenId, string[] audiences, FrozenSet<string> scopes, DateTimeOffset expiresAt, string? certificateThumbprint,
    bool forEveryApi = false)
{
    /// <summary>
    /// A token of a trusted external issuer whose audience is the gateway as a whole (checked at validation): the
    /// API's subscription, not the audience, then limits where it may be used.
    /// </summary>
    public bool ForEveryApi { get; } = forEveryApi;

    public string Issuer { get; } = issuer;
    public string ClientId { get; } = clientId;
    public string? TokenId { get; } = tokenId;
    public string[] Audiences { get; } = audiences;
    public FrozenSet<string> Scopes { get; } = scopes;
    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    /// <summary>RFC 8705 <c>cnf.x5t#S256</c>: the token works only with this client certificate.</summary>
    public string? CertificateThumbprint { get; } = certificateThumbprint;

    /// <summary>The caller made of this token, built on first use and shared by every call with it.</summary>
    public GatewayCaller? Caller { get; set; }

    public bool IsFor(string audience)
    {
        if (ForEveryApi)
            return true;
        foreach (var a in Audiences)
        {
            if (string.Equals(a, audience, StringComparison.Ordinal))
                return true;
        }
        return false;
    }
}
