using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace SpbeConnector.Registry.OAuth;

/// <summary>
/// Client secrets: generated with a CSPRNG (Pasal 59 ayat (8) huruf d), stored only as a salted PBKDF2-SHA256 hash
/// with a high iteration count (Pasal 59 ayat (4) huruf f), compared in constant time. The hash records its own
/// parameters, so raising the iteration count never breaks secrets already issued.
/// </summary>
public sealed class ClientSecretHasher(IOptions<OAuthServerOptions> options) : IClientSecretVerifier
{
    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>A new secret: 256 random bits, base64url.</summary>
    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    private readonly Lazy<string> _decoyHash = new(() => Hash(NewSecret(), options.Value.SecretHashIterations));

    public string Hash(string secret) => Hash(secret, options.Value.SecretHashIterations);

    /// <summary>
    /// The hash of a random secret nobody knows, with the parameters of new hashes: checking a presented secret
    /// against it costs what checking against a client's real hash costs, so a client id that does not exist (or has
    /// no active secret) is answered after the same work as one that does.
    /// </summary>
    public string DecoyHash => _decoyHash.Value;

    public bool Matches(string secret, string storedHash) => Verify(secret, storedHash);

    /// <summary>The same salted hash with a caller's iteration count (portal passwords use it too).</summary>
    public static string Hash(string secret, int iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return $"{Scheme}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool Verify(string secret, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], out var iterations) || iterations < 1)
            return false;
        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    internal static string Base64Url(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
