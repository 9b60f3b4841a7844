namespace SpbeConnector.Registry.Domain;

/// <summary>
/// An access token revoked before its expiry (RFC 7009), by its <c>jti</c>. Kept until the token would have expired
/// anyway; the gateway refuses it within seconds on every node sharing the store.
/// </summary>
public sealed class RevokedToken
{
    public string TokenId { get; set; } = "";
    public string ClientId { get; set; } = "";
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset RevokedAt { get; set; }
}
