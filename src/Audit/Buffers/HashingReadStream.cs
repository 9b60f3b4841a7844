using System.Security.Cryptography;

namespace SpbeConnector.Audit.Buffers;

/// <summary>
/// Passes a request body through while hashing it, for bodies too large to hold before forwarding: the digest then
/// goes into the exchange's completion record.
/// </summary>
internal sealed class HashingReadStream(Stream inner) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[]? _digest;

    public long BytesRead { get; private set; }

    /// <summary>True once the body was read to its end, so that <see cref="Digest"/> covers all of it.</summary>
    public bool Completed { get; private set; }

    public byte[]? Digest => Completed ? _digest ??= _hash.GetHashAndReset() : null;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Observe(buffer.AsSpan(offset, inner.Read(buffer, offset, count)), count);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken);
        return Observe(buffer.Span[..n], buffer.Length);
    }

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        var n = await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken);
        return Observe(buffer.AsSpan(offset, n), count);
    }

    private int Observe(ReadOnlySpan<byte> data, int requested)
    {
        if (data.IsEmpty && requested > 0)
            Completed = true;
        else
            _hash.AppendData(data);
        BytesRead += data.Length;
        return data.Length;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _hash.Dispose();
        base.Dispose(disposing);
    }
}
