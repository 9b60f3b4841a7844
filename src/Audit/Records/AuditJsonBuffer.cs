using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SpbeConnector.Audit.Records;

/// <summary>
/// A JSON writer and its buffer, cached per thread, so that serialising a record on the request path allocates only
/// the resulting byte array. Rent, write synchronously, then <see cref="ToArrayAndReturn"/> on the same thread.
/// </summary>
internal sealed class AuditJsonBuffer
{
    [ThreadStatic]
    private static AuditJsonBuffer? t_cached;

    private readonly ArrayBufferWriter<byte> _buffer = new(2048);

    // Relaxed escaping keeps names and non-ASCII text readable; quotes, backslashes and control characters (CR, LF: log
    // injection, Pasal 59 ayat (9) huruf f) are still escaped. Records are data, never embedded in HTML unescaped.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private AuditJsonBuffer() => Writer = new Utf8JsonWriter(_buffer, Options);

    public Utf8JsonWriter Writer { get; }

    public static AuditJsonBuffer Rent()
    {
        var buffer = t_cached ?? new AuditJsonBuffer();
        t_cached = null;
        buffer._buffer.ResetWrittenCount();
        buffer.Writer.Reset(buffer._buffer);
        return buffer;
    }

    public byte[] ToArrayAndReturn()
    {
        Writer.Flush();
        var bytes = _buffer.WrittenSpan.ToArray();
        if (_buffer.Capacity <= 64 * 1024)
            t_cached = this;
        return bytes;
    }
}
