using System.Buffers;
using System.Security.Cryptography;

namespace SpbeConnector.Policies.Exchange;

/// <summary>
/// The request body, read once into a pooled buffer by the validation policy; the same bytes are checked and then
/// forwarded, and any later policy (audit, signatures) reads them here instead of reading the body again. The
/// buffer is cleared when the exchange ends (Pasal 59 ayat (10) huruf g: memory released when no longer needed).
/// </summary>
public sealed class BufferedRequestBody : IDisposable
{
    private byte[]? _buffer;
    private byte[]? _sha256;

    internal BufferedRequestBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    /// <summary>The body exactly as the client sent it (and as the upstream receives it).</summary>
    public ReadOnlyMemory<byte> Content => new(_buffer ?? throw new ObjectDisposedException(nameof(BufferedRequestBody)), 0, Length);

    /// <summary>The SHA-256 of the body, computed on first use.</summary>
    public ReadOnlySpan<byte> Sha256 => _sha256 ??= SHA256.HashData(Content.Span);

    /// <summary>A stream over the body for the forwarder; a new one on each call, each reading from the start.</summary>
    public Stream OpenRead() => new MemoryStream(_buffer ?? throw new ObjectDisposedException(nameof(BufferedRequestBody)), 0, Length, writable: false);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
    }
}
