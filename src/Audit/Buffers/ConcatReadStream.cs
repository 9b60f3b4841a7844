namespace SpbeConnector.Audit.Buffers;

/// <summary>Reads one stream, then another: a body partly read into memory, then the rest of it from the connection.</summary>
internal sealed class ConcatReadStream(Stream first, Stream second) : Stream
{
    private bool _firstDone;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!_firstDone && buffer.Length > 0)
        {
            var n = await first.ReadAsync(buffer, cancellationToken);
            if (n > 0)
                return n;
            _firstDone = true;
        }
        return await second.ReadAsync(buffer, cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (!_firstDone && count > 0)
        {
            var n = first.Read(buffer, offset, count);
            if (n > 0)
                return n;
            _firstDone = true;
        }
        return second.Read(buffer, offset, count);
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
