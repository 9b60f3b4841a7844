using System.Globalization;
using System.Text;
using SpbeConnector.Audit.Keys;

namespace SpbeConnector.Audit.Checkpoints;

/// <summary>
/// A checkpoint in the transparency-log format of C2SP (tlog-checkpoint, a signed note): origin, tree size and root
/// hash on the first three lines, then this log's extension lines <c>checkpoint N</c> (its number, so that a checkpoint
/// cannot be moved) and <c>time …Z</c> (UTC, milliseconds); a blank line; then the signature line
/// <c>— origin base64(key hint || signature)</c>, the key hint being the first 4 bytes of SHA-256 of the
/// SubjectPublicKeyInfo and the signature ECDSA (DER) or RSA over the note text, as Sigstore does for ECDSA keys.
/// Anyone can keep these notes and later check the log against them.
/// </summary>
public sealed record CheckpointNote(string Origin, long TreeSize, byte[] RootHash, long Number, DateTimeOffset Time)
{
    private const string SignaturePrefix = "\u2014 ";

    public string Text =>
        $"{Origin}\n{TreeSize.ToString(CultureInfo.InvariantCulture)}\n{Convert.ToBase64String(RootHash)}\ncheckpoint {Number.ToString(CultureInfo.InvariantCulture)}\n" +
        $"time {Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)}\n";

    public string Sign(SigningKey key)
    {
        var text = Text;
        var signature = key.SignDer(Encoding.UTF8.GetBytes(text));
        return $"{text}\n{SignaturePrefix}{Origin} {Convert.ToBase64String([.. key.KeyHint, .. signature])}\n";
    }

    /// <summary>
    /// Parses a signed note, checking the signature against <paramref name="subjectPublicKeyInfo"/>. Returns null with
    /// the reason when the note is malformed or not signed by that key.
    /// </summary>
    public static CheckpointNote? ParseAndVerify(string note, byte[] subjectPublicKeyInfo, out string? problem)
    {
        var split = note.IndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            problem = "it is not a signed note (no blank line before the signature)";
            return null;
        }
        var text = note[..(split + 1)];
        var body = Parse(text, out problem);
        if (body is null)
            return null;
        var hint = PublicKeys.NoteKeyHint(subjectPublicKeyInfo);
        foreach (var line in note[(split + 2)..].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!line.StartsWith(SignaturePrefix, StringComparison.Ordinal))
                continue;
            var parts = line[SignaturePrefix.Length..].Split(' ');
            if (parts.Length != 2 || parts[0] != body.Origin)
                continue;
            byte[] signature;
            try
            {
                signature = Convert.FromBase64String(parts[1]);
            }
            catch (FormatException)
            {
                continue;
            }
            if (signature.Length <= 4 || !signature.AsSpan(0, 4).SequenceEqual(hint))
                continue;
            if (PublicKeys.VerifyDer(subjectPublicKeyInfo, Encoding.UTF8.GetBytes(text), signature.AsSpan(4)))
            {
                problem = null;
                return body;
            }
            problem = "its signature does not verify with the audit log's checkpoint key";
            return null;
        }
        problem = "it carries no signature by the audit log's checkpoint key";
        return null;
    }

    /// <summary>Parses the note text (without verifying anything).</summary>
    public static CheckpointNote? Parse(string text, out string? problem)
    {
        problem = "its text is not a checkpoint of this log's format";
        var lines = text.Split('\n');
        if (lines.Length < 6 || lines[^1] != "")
            return null;
        if (!long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            return null;
        byte[] root;
        try
        {
            root = Convert.FromBase64String(lines[2]);
        }
        catch (FormatException)
        {
            return null;
        }
        if (root.Length != 32 || !lines[3].StartsWith("checkpoint ", StringComparison.Ordinal) || !lines[4].StartsWith("time ", StringComparison.Ordinal))
            return null;
        if (!long.TryParse(lines[3]["checkpoint ".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            return null;
        if (!DateTimeOffset.TryParseExact(lines[4]["time ".Length..], "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            return null;
        problem = null;
        return new CheckpointNote(lines[0], size, root, number, time);
    }
}
