namespace SpbeConnector.Gateway.Edge;

/// <summary>
/// The request body as Kestrel gives it, with every failure to read it reported as what it is: the client's
/// malformed request (<see cref="BadHttpRequestException"/>, 400). Kestrel reports most framing errors that way, but
/// not all: a chunk size too large for its counter (<c>fffffffffffffffff1</c>) escapes as an
/// <see cref="IOException"/> wrapping an <see cref="OverflowException"/>, which became a 500 "Internal gateway error".
/// Cancellation (the client went away, a timeout) passes through unchanged.
/// </summary>
internal sealed class ClientBodyStream(Stream inner) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        try
        {
            return inner.Read(buffer, offset, count);
        }
        catch (Exception e) when (IsMalformedBody(e))
        {
            throw Malformed(e);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.ReadAsync(buffer, cancellationToken);
        }
        catch (Exception e) when (IsMalformedBody(e))
        {
            throw Malformed(e);
        }
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private static bool IsMalformedBody(Exception e) => e is not (BadHttpRequestException or OperationCanceledException);

    private static BadHttpRequestException Malformed(Exception e) =>
        new("The request body is malformed.", StatusCodes.Status400BadRequest, e);
}
