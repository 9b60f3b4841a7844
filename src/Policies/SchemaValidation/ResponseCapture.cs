using System.Buffers;

namespace SpbeConnector.Policies.SchemaValidation;

/// <summary>
/// Holds back the upstream's response body so that it can be checked before the client sees a byte of it, up to
/// a limit. Past the limit it either keeps discarding (enforce: the response will be refused, so nothing of it may
/// leak) or gives up checking and streams the rest through (report only: the client must not suffer from it).
/// </summary>
internal sealed class ResponseCapture(int limit, Stream? passThroughOnOverflow) : Stream
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(limit, 16 * 1024));
    private int _length;
    private bool _passingThrough;

    /// <summary>The body was larger than the limit, so it was not (entirely) captured.</summary>
    public bool Overflowed { get; private set; }

    public ReadOnlyMemory<byte> Captured => new(_buffer, 0, _length);

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _length;
    public override long Position { get => _length; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> data)
    {
        switch (Capture(data))
        {
            case Action.FlushHeld:
                passThroughOnOverflow!.Write(Captured.Span);
                break;
            case Action.Forward:
                passThroughOnOverflow!.Write(data);
                break;
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) => Capture(data.Span) switch
    {
        Action.FlushHeld => passThroughOnOverflow!.WriteAsync(Captured, cancellationToken),
        Action.Forward => passThroughOnOverflow!.WriteAsync(data, cancellationToken),
        _ => ValueTask.CompletedTask,
    };

    private enum Action
    {
        /// <summary>Kept (or, past the limit when enforcing, dropped): nothing to write now.</summary>
        Hold,
        /// <summary>The limit was just passed when reporting only: write everything held back, this chunk included.</summary>
        FlushHeld,
        /// <summary>Already passing through: write this chunk.</summary>
        Forward,
    }

    private Action Capture(ReadOnlySpan<byte> data)
    {
        if (_passingThrough)
            return Action.Forward;
        if (Overflowed)
            return Action.Hold;
        if (_length + data.Length > limit)
        {
            Overflowed = true;
            if (passThroughOnOverflow is null)
                return Action.Hold;
            _passingThrough = true;
            data.CopyTo(Reserve(data.Length));
            return Action.FlushHeld;
        }
        data.CopyTo(Reserve(data.Length));
        return Action.Hold;
    }

    private Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_length + count, _buffer.Length * 2));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer, clearArray: true);
            _buffer = larger;
        }
        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }

    public override void Flush() { }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _buffer, []) is { Length: > 0 } buffer)
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        base.Dispose(disposing);
    }
}
