namespace SpbeConnector.Registry.Domain;

/// <summary>
/// A <c>private_key_jwt</c> assertion already used, by its <c>jti</c> (RFC 7523 section 3, item 7: replay
/// protection). Kept until the assertion expires; shared by every node through the store.
/// </summary>
public sealed class UsedClientAssertion
{
    public string ClientId { get; set; } = "";
    public string AssertionId { get; set; } = "";
    public DateTimeOffset ExpiresAt { get; set; }
}
