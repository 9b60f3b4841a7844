namespace SpbeConnector.Registry.Domain;

/// <summary>
/// A key of the authorization server for signing access tokens. The private key is stored only encrypted with
/// ASP.NET Core Data Protection (Pasal 59 ayat (8) huruf b, c: authenticated encryption and key management).
/// A key is published in the JWKS from <see cref="CreatedAt"/>, signs from <see cref="ActivatesAt"/> until
/// <see cref="RetiresAt"/>, and stays published until <see cref="ExpiresAt"/>, when every token it signed has expired.
/// </summary>
public sealed class SigningKey
{
    /// <summary>The key identifier (<c>kid</c>) in token headers and the JWKS.</summary>
    public string KeyId { get; set; } = "";

    /// <summary>The JWS algorithm: ES256, RS256 or PS256.</summary>
    public string Algorithm { get; set; } = "";

    /// <summary>The private key (PKCS#8), protected by Data Protection.</summary>
    public string ProtectedPrivateKey { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ActivatesAt { get; set; }
    public DateTimeOffset? RetiresAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
}
