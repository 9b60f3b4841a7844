namespace SpbeConnector.Audit.Buffers;

/// <summary>Reads a <see cref="PooledByteBuffer"/> from the start, for example as the request body forwarded upstream.</summary>
internal sealed class PooledByteBufferReadStream(PooledByteBuffer buffer) : Stream
{
    private readonly ReadOnlyMemory<byte>[] _segments = buffer.Segments().ToArray();
    private int _segment;
    private int _offset;
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => buffer.Length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] bufferArray, int offset, int count) => Read(bufferArray.AsSpan(offset, count));

    public override int Read(Span<byte> destination)
    {
        var total = 0;
        while (!destination.IsEmpty && _segment < _segments.Length)
        {
            var source = _segments[_segment].Span[_offset..];
            var n = Math.Min(source.Length, destination.Length);
            source[..n].CopyTo(destination);
            destination = destination[n..];
            _offset += n;
            total += n;
            if (_offset == _segments[_segment].Length)
            {
                _segment++;
                _offset = 0;
            }
        }
        _position += total;
        return total;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(destination.Span));

    public override Task<int> ReadAsync(byte[] bufferArray, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(bufferArray.AsSpan(offset, count)));

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] bufferArray, int offset, int count) => throw new NotSupportedException();
}
