using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using SpbeConnector.Audit.Buffers;

namespace SpbeConnector.Audit.Receipts;

/// <summary>
/// The response body of a proxied exchange as the gateway sends it: hashed as it passes (for the audit record), and
/// held back up to a limit so that its digest and the receipt can go in the headers. Past the limit, or for an event
/// stream, it switches to passing bytes on at once (the switch callback runs first, while the headers can still
/// change). Flushes are ignored while holding back; <see cref="SetLength"/>(0) empties the held body, which is what
/// <c>HttpResponse.Clear()</c> needs when an error replaces a partial upstream response.
/// </summary>
internal sealed class CapturedResponseBody : Stream
{
    private readonly HttpContext _context;
    private readonly Stream _inner;
    private readonly int _limit;
    private readonly Func<Task> _onStreaming;
    // Held bodies are hashed once at the end; the incremental hash exists only once bytes pass through.
    private IncrementalHash? _hash;
    private PooledByteBuffer? _held;
    private bool _checkedKind;
    private byte[]? _digest;
    private long _length;

    /// <param name="limit">How much to hold back; 0 passes everything on at once (hashing only).</param>
    /// <param name="onStreaming">Runs once, before the first byte is passed on unheld.</param>
    public CapturedResponseBody(HttpContext context, Stream inner, int limit, Func<Task> onStreaming)
    {
        _context = context;
        _inner = inner;
        _limit = limit;
        _onStreaming = onStreaming;
        _held = limit > 0 ? new PooledByteBuffer() : null;
    }

    /// <summary>True once bytes are passed on as they come (the headers are then gone).</summary>
    public bool Streaming { get; private set; }

    public long BytesWritten => _length;

    /// <summary>SHA-256 of everything written; call once the body is complete.</summary>
    public byte[] Digest() => _digest ??= _hash?.GetHashAndReset() ?? _held?.Sha256() ?? SHA256.HashData([]);

    /// <summary>Sends what was held back (after the headers were completed).</summary>
    public async Task ReleaseAsync(CancellationToken ct)
    {
        if (_held is null)
            return;
        Digest(); // before the held bytes are returned to the pool
        await _held.CopyToAsync(_inner, ct);
        _held.Dispose();
        _held = null;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct = default)
    {
        if (!Streaming && (!_checkedKind || _held!.Length + data.Length > _limit))
        {
            _checkedKind = true;
            if (_held is null || IsStreamedResponse() || _held.Length + data.Length > _limit)
                await StartStreamingAsync(ct);
        }
        _length += data.Length;
        if (Streaming)
        {
            _hash!.AppendData(data.Span);
            await _inner.WriteAsync(data, ct);
        }
        else
            _held!.Write(data.Span);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();

    // Kestrel forbids synchronous body I/O; so does this stream, rather than blocking a thread on the asynchronous path.
    public override void Write(byte[] buffer, int offset, int count) =>
        throw new InvalidOperationException("Synchronous writes to the response body are not allowed; use WriteAsync.");

    public override async Task FlushAsync(CancellationToken ct)
    {
        if (!Streaming && !_checkedKind && IsStreamedResponse())
        {
            _checkedKind = true;
            await StartStreamingAsync(ct);
        }
        if (Streaming)
            await _inner.FlushAsync(ct);
    }

    public override void Flush()
    {
        if (Streaming)
            _inner.Flush();
    }

    public override void SetLength(long value)
    {
        if (Streaming || value != 0)
            throw new NotSupportedException("Only a held-back response body can be emptied.");
        _held?.Clear();
        _length = 0;
        _digest = null;
    }

    private bool IsStreamedResponse() =>
        (_context.Response.ContentType?.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase) ?? false)
        || _context.Response.ContentLength > _limit;

    private async Task StartStreamingAsync(CancellationToken ct)
    {
        Streaming = true;
        _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await _onStreaming();
        if (_held is not null)
        {
            foreach (var segment in _held.Segments())
                _hash.AppendData(segment.Span);
            await _held.CopyToAsync(_inner, ct);
            _held.Dispose();
            _held = null;
        }
    }

    public override bool CanRead => false;
    public override bool CanSeek => !Streaming; // lets HttpResponse.Clear() empty a held body
    public override bool CanWrite => true;
    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set
        {
            if (value != 0)
                throw new NotSupportedException();
            SetLength(0);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _held?.Dispose();
            _hash?.Dispose();
        }
        base.Dispose(disposing);
    }
}
