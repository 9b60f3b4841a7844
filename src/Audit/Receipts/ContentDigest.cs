using System.Security.Cryptography;

namespace SpbeConnector.Audit.Receipts;

/// <summary>The <c>Content-Digest</c> field of RFC 9530 with the <c>sha-256</c> algorithm: <c>sha-256=:base64:</c>.</summary>
public static class ContentDigest
{
    public const string HeaderName = "Content-Digest";

    public static string Format(ReadOnlySpan<byte> sha256) => $"sha-256=:{Convert.ToBase64String(sha256)}:";

    public static string Of(ReadOnlySpan<byte> content) => Format(SHA256.HashData(content));

    /// <summary>Reads the sha-256 member of a Content-Digest value (a structured-field dictionary), or null.</summary>
    public static byte[]? ParseSha256(string? value)
    {
        if (value is null)
            return null;
        foreach (var member in value.Split(','))
        {
            var trimmed = member.Trim();
            if (!trimmed.StartsWith("sha-256=:", StringComparison.Ordinal) || !trimmed.EndsWith(':'))
                continue;
            try
            {
                var bytes = Convert.FromBase64String(trimmed["sha-256=:".Length..^1]);
                return bytes.Length == 32 ? bytes : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }
        return null;
    }
}
