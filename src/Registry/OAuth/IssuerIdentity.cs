using Microsoft.Extensions.Options;

namespace SpbeConnector.Registry.OAuth;

/// <summary>
/// The issuer identifier of the authorization server (RFC 8414 section 2): <c>OAuth:Issuer</c> when configured,
/// otherwise the gateway's first listening address, learnt once it listens.
/// </summary>
public sealed class IssuerIdentity(IOptions<OAuthServerOptions> options)
{
    private string? _listening;

    public string Issuer => options.Value.Issuer is { Length: > 0 } configured ? configured
        : Volatile.Read(ref _listening) ?? throw new InvalidOperationException("The issuer is not known before the gateway listens; set OAuth:Issuer.");

    /// <summary>Called by the host once listening, with its first address (for example <c>https://127.0.0.1:8443</c>).</summary>
    public void UseListeningAddress(string baseUrl) => Volatile.Write(ref _listening, baseUrl.TrimEnd('/'));

    public string TokenEndpoint => Issuer + OAuthEndpoints.TokenPath;
    public string JwksUri => Issuer + OAuthEndpoints.JwksPath;
    public string IntrospectionEndpoint => Issuer + OAuthEndpoints.IntrospectionPath;
    public string RevocationEndpoint => Issuer + OAuthEndpoints.RevocationPath;
}
