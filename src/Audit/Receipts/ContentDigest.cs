using System.Security.Cryptography;

namespace SpbeConnector.Audit.Receipts;

/// <summary>
/// The <c>Content-Digest</c> field of RFC 9530: the gateway writes <c>sha-256=:base64:</c>, and checks a client's
/// field against the body it received (<see cref="Check"/>).
/// </summary>
public static class ContentDigest
{
    public const string HeaderName = "Content-Digest";

    /// <summary>
    /// RFC 9530 section 4: the algorithms the gateway checks, in the order it prefers them, sent with a refusal so
    /// that the client knows what to send.
    /// </summary>
    public const string WantHeaderName = "Want-Content-Digest";
    public const string Wanted = "sha-256=10, sha-512=5";

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

    /// <summary>
    /// Checks a client's Content-Digest against the content received. Every member with an algorithm the gateway
    /// knows (<c>sha-256</c>, <c>sha-512</c>) must match; members of other algorithms are not evidence of anything and
    /// count only when they are all there is (<see cref="ContentDigestCheck.Unsupported"/>). A value that is not a
    /// dictionary of byte sequences (RFC 8941) is <see cref="ContentDigestCheck.Malformed"/>. The SHA-512 of the
    /// content is computed only when the client sent one.
    /// </summary>
    public static ContentDigestCheck Check(string? value, ReadOnlySpan<byte> sha256, Func<byte[]> sha512)
    {
        var form = Parse(value, out var members);
        if (form != ContentDigestCheck.Unchecked)
            return form;
        foreach (var (algorithm, claimed) in members)
        {
            if (!claimed.AsSpan().SequenceEqual(algorithm == "sha-256" ? sha256 : sha512()))
                return ContentDigestCheck.Mismatch;
        }
        return ContentDigestCheck.Matches;
    }

    /// <summary>The field's form alone, for content the gateway cannot see whole before it is forwarded.</summary>
    public static ContentDigestCheck CheckForm(string? value) => Parse(value, out _);

    private static ContentDigestCheck Parse(string? value, out List<(string Algorithm, byte[] Claimed)> members)
    {
        members = [];
        if (string.IsNullOrWhiteSpace(value))
            return ContentDigestCheck.Absent;
        foreach (var member in value.Split(','))
        {
            var trimmed = member.Trim();
            var equals = trimmed.IndexOf('=');
            if (equals <= 0 || !IsKey(trimmed.AsSpan(0, equals)) || trimmed.Length < equals + 3
                || trimmed[equals + 1] != ':' || trimmed[^1] != ':')
                return ContentDigestCheck.Malformed;
            var bytes = new byte[(trimmed.Length - equals - 3) * 3 / 4 + 3];
            if (!Convert.TryFromBase64Chars(trimmed.AsSpan(equals + 2, trimmed.Length - equals - 3), bytes, out var length))
                return ContentDigestCheck.Malformed;
            var algorithm = trimmed[..equals];
            if (algorithm is "sha-256" or "sha-512")
                members.Add((algorithm, bytes[..length]));
        }
        return members.Count > 0 ? ContentDigestCheck.Unchecked : ContentDigestCheck.Unsupported;
    }

    /// <summary>A structured-field key (RFC 8941 section 3.2): lowercase letter or "*", then lowercase letters, digits, "_-.*".</summary>
    private static bool IsKey(ReadOnlySpan<char> key)
    {
        if (!(char.IsAsciiLetterLower(key[0]) || key[0] == '*'))
            return false;
        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-' or '.' or '*'))
                return false;
        }
        return true;
    }
}
