namespace SpbeConnector.Registry.Domain;

/// <summary>
/// One client secret of a client application, kept only as a salted slow hash (Pasal 59 ayat (4) huruf f: stored
/// credentials are kept confidential through cryptography). A client may hold several during a rotation: the old
/// one keeps working until <see cref="ExpiresAt"/>, so that the application can switch without an outage.
/// </summary>
public sealed class ClientSecret
{
    public Guid Id { get; set; }
    public Guid ClientApplicationId { get; set; }

    /// <summary>The hash in the self-describing form <c>pbkdf2-sha256$iterations$salt$hash</c> (base64).</summary>
    public string Hash { get; set; } = "";

    /// <summary>The last four characters of the secret, so that an operator can tell secrets apart.</summary>
    public string Hint { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the secret stops working; null until a newer secret replaces it.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public bool IsActiveAt(DateTimeOffset now) => ExpiresAt is null || ExpiresAt > now;
}
