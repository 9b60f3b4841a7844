using System.Buffers.Text;
using System.Text.Json;

namespace SpbeConnector.Audit.Logging;

/// <summary>
/// The canonical bytes of a record, the leaf data of the tree: the JSON body with <c>"seq":N</c> inserted as its first
/// member. Putting the sequence number inside the hashed bytes is what lets the verifier tell a removed, inserted or
/// reordered record from a modified one.
/// </summary>
public static class AuditRecordBytes
{
    private static readonly byte[] Prefix = "{\"seq\":"u8.ToArray();

    public static byte[] Compose(long seq, byte[] body)
    {
        if (body.Length < 2 || body[0] != (byte)'{')
            throw new ArgumentException("A record body is a JSON object.", nameof(body));
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(seq, digits, out var written);
        var empty = body.Length == 2;
        var bytes = new byte[Prefix.Length + written + (empty ? 0 : 1) + body.Length - 1];
        Prefix.CopyTo(bytes, 0);
        digits[..written].CopyTo(bytes.AsSpan(Prefix.Length));
        var offset = Prefix.Length + written;
        if (!empty)
            bytes[offset++] = (byte)',';
        body.AsSpan(1).CopyTo(bytes.AsSpan(offset));
        return bytes;
    }

    /// <summary>Reads the sequence number a record claims (its first member), or null when the bytes are not a record.</summary>
    public static long? ReadSeq(ReadOnlySpan<byte> record)
    {
        try
        {
            var reader = new Utf8JsonReader(record);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return null;
            if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("seq"u8))
                return null;
            if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var seq))
                return null;
            return seq;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads a record's type (its second member, after <c>seq</c>), or null.</summary>
    public static string? ReadType(ReadOnlySpan<byte> record)
    {
        try
        {
            var reader = new Utf8JsonReader(record);
            if (!reader.Read() || !reader.Read() || !reader.Read()) // {, "seq", N
                return null;
            if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("type"u8))
                return null;
            return reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Whether the bytes are one well-formed JSON object.</summary>
    public static bool IsWellFormed(ReadOnlySpan<byte> record)
    {
        try
        {
            var reader = new Utf8JsonReader(record);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return false;
            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
