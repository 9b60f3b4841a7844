using System.Collections.Frozen;
using System.Text.Unicode;

namespace SpbeConnector.Policies.FileControls;

/// <summary>
/// What the content of a file of each media type must look like (Pasal 59 ayat (14) huruf b: files are checked
/// against the expected content type): the magic bytes of binary formats, valid UTF-8 text without control
/// characters for text formats. A type that is not listed here cannot be allowed for upload, because its
/// declaration could not be checked.
/// </summary>
public static class FileSignatures
{
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Ole2 = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private static readonly FrozenDictionary<string, Func<ReadOnlyMemory<byte>, bool>> Checks = new Dictionary<string, Func<ReadOnlyMemory<byte>, bool>>
    {
        ["application/pdf"] = c => c.Span.StartsWith(Pdf),
        ["image/png"] = c => c.Span.StartsWith(Png),
        ["image/jpeg"] = c => c.Span.StartsWith(Jpeg),
        ["image/gif"] = c => c.Span.StartsWith("GIF87a"u8) || c.Span.StartsWith("GIF89a"u8),
        ["image/webp"] = c => c.Length >= 12 && c.Span.StartsWith("RIFF"u8) && c.Span[8..12].SequenceEqual("WEBP"u8),
        ["image/tiff"] = c => c.Span.StartsWith("II*\0"u8) || c.Span.StartsWith("MM\0*"u8),
        ["application/zip"] = c => c.Span.StartsWith(Zip),
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"] = c => c.Span.StartsWith(Zip),
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = c => c.Span.StartsWith(Zip),
        ["application/vnd.openxmlformats-officedocument.presentationml.presentation"] = c => c.Span.StartsWith(Zip),
        ["application/vnd.oasis.opendocument.text"] = c => c.Span.StartsWith(Zip),
        ["application/vnd.oasis.opendocument.spreadsheet"] = c => c.Span.StartsWith(Zip),
        ["application/msword"] = c => c.Span.StartsWith(Ole2),
        ["application/vnd.ms-excel"] = c => c.Span.StartsWith(Ole2),
        ["text/plain"] = c => IsText(c.Span),
        ["text/csv"] = c => IsText(c.Span),
        ["application/json"] = c => IsText(c.Span),
        ["application/xml"] = c => IsText(c.Span) && c.Span.TrimStart(" \t\r\n\uFEFF"u8).StartsWith("<"u8),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The media types whose content the gateway can check.</summary>
    public static IEnumerable<string> Known => Checks.Keys;

    public static bool IsKnown(string mediaType) => Checks.ContainsKey(mediaType);

    /// <summary>Whether the content looks like the declared type; false for a type the gateway cannot check.</summary>
    public static bool Matches(string declaredType, ReadOnlyMemory<byte> content) =>
        Checks.TryGetValue(declaredType, out var check) && content.Length > 0 && check(content);

    /// <summary>UTF-8 text (an optional BOM) without NUL or control characters other than tab, line breaks and form feed.</summary>
    private static bool IsText(ReadOnlySpan<byte> content)
    {
        if (!Utf8.IsValid(content))
            return false;
        foreach (var b in content)
        {
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C) || b == 0x7F)
                return false;
        }
        return true;
    }
}
