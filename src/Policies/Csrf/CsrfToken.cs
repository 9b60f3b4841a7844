using System.Buffers.Text;
using System.Security.Cryptography;

namespace SpbeConnector.Policies.Csrf;

/// <summary>Double-submit tokens: 32 bytes from the CSPRNG (Pasal 59 ayat (8) huruf d), base64url; compared in constant time.</summary>
internal static class CsrfToken
{
    public const int Length = 43; // base64url of 32 bytes, unpadded

    public static string Create() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static bool IsWellFormed(ReadOnlySpan<char> token) => token.Length == Length && Base64Url.IsValid(token);

    /// <summary>Both present, well-formed and equal, compared without an early exit.</summary>
    public static bool Match(string? cookie, string? header)
    {
        if (cookie is null || header is null || !IsWellFormed(cookie) || !IsWellFormed(header))
            return false;
        Span<byte> a = stackalloc byte[32], b = stackalloc byte[32];
        return Base64Url.DecodeFromChars(cookie, a) == 32 && Base64Url.DecodeFromChars(header, b) == 32
            && CryptographicOperations.FixedTimeEquals(a, b);
    }
}
