namespace SpbeConnector.Registry.OAuth;

/// <summary>
/// Checks a presented client secret against one stored hash. The one place client authentication spends its slow
/// hashing, so that the work done per request can be observed (and is the same whether the client id exists or not).
/// </summary>
public interface IClientSecretVerifier
{
    /// <summary>Whether <paramref name="secret"/> is the secret of <paramref name="storedHash"/>; costs the hash's own iterations.</summary>
    bool Matches(string secret, string storedHash);
}
