using System.Buffers;
using System.IO.Pipelines;
using System.Security.Cryptography;

namespace SpbeConnector.Audit.Buffers;

/// <summary>
/// Bytes held in segments rented from the shared array pool (never the large-object heap), for bodies the gateway must
/// see whole before it lets them go: request bodies hashed before forwarding, responses held for their receipt.
/// Segments are cleared when returned (Pasal 59 ayat (10) huruf g: clear memory no longer needed).
/// </summary>
public sealed class PooledByteBuffer : IDisposable
{
    private const int SegmentSize = 16 * 1024;
    private readonly List<byte[]> _segments = [];
    private int _lastUsed;

    public long Length { get; private set; }

    public void Write(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            if (_segments.Count == 0 || _lastUsed == _segments[^1].Length)
            {
                _segments.Add(ArrayPool<byte>.Shared.Rent(_segments.Count == 0 ? Math.Min(SegmentSize, Math.Max(data.Length, 1024)) : SegmentSize));
                _lastUsed = 0;
            }
            var target = _segments[^1].AsSpan(_lastUsed);
            var n = Math.Min(target.Length, data.Length);
            data[..n].CopyTo(target);
            _lastUsed += n;
            Length += n;
            data = data[n..];
        }
    }

    public IEnumerable<ReadOnlyMemory<byte>> Segments()
    {
        for (var i = 0; i < _segments.Count; i++)
            yield return _segments[i].AsMemory(0, i == _segments.Count - 1 ? _lastUsed : _segments[i].Length);
    }

    public byte[] Sha256()
    {
        if (_segments.Count <= 1)
            return SHA256.HashData(_segments.Count == 0 ? [] : _segments[0].AsSpan(0, _lastUsed));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var segment in Segments())
            hash.AppendData(segment.Span);
        return hash.GetHashAndReset();
    }

    public byte[] Sha512()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        foreach (var segment in Segments())
            hash.AppendData(segment.Span);
        return hash.GetHashAndReset();
    }

    public async Task CopyToAsync(PipeWriter writer, CancellationToken ct)
    {
        foreach (var segment in Segments())
        {
            var result = await writer.WriteAsync(segment, ct);
            if (result.IsCanceled || result.IsCompleted)
                return;
        }
    }

    public async Task CopyToAsync(Stream stream, CancellationToken ct)
    {
        foreach (var segment in Segments())
            await stream.WriteAsync(segment, ct);
    }

    public Stream OpenRead() => new PooledByteBufferReadStream(this);

    public void Clear()
    {
        foreach (var segment in _segments)
            ArrayPool<byte>.Shared.Return(segment, clearArray: true);
        _segments.Clear();
        _lastUsed = 0;
        Length = 0;
    }

    public void Dispose() => Clear();
}
