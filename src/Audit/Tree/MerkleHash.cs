using System.Security.Cryptography;

namespace SpbeConnector.Audit.Tree;

/// <summary>
/// The hashes of an RFC 6962 Merkle tree (section 2.1): a leaf is SHA-256(0x00 || data), an interior node
/// SHA-256(0x01 || left || right). The distinct prefixes keep a leaf from ever passing for a node (second pre-image).
/// </summary>
public static class MerkleHash
{
    public const int Size = 32;
    private const byte LeafPrefix = 0x00;
    private const byte NodePrefix = 0x01;

    /// <summary>The root of the empty tree: SHA-256 of nothing.</summary>
    public static byte[] EmptyRoot() => SHA256.HashData(ReadOnlySpan<byte>.Empty);

    public static byte[] Leaf(ReadOnlySpan<byte> data)
    {
        // One-shot hashing over a pooled copy: cheaper than an incremental hash object per leaf.
        var input = System.Buffers.ArrayPool<byte>.Shared.Rent(data.Length + 1);
        try
        {
            input[0] = LeafPrefix;
            data.CopyTo(input.AsSpan(1));
            return SHA256.HashData(input.AsSpan(0, data.Length + 1));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(input);
        }
    }

    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> input = stackalloc byte[1 + 2 * Size];
        input[0] = NodePrefix;
        left.CopyTo(input[1..]);
        right.CopyTo(input[(1 + Size)..]);
        return SHA256.HashData(input);
    }

    /// <summary>The largest power of two strictly smaller than <paramref name="n"/> (n &gt; 1): the split point k of RFC 6962.</summary>
    public static long SplitPoint(long n)
    {
        if (n < 2)
            throw new ArgumentOutOfRangeException(nameof(n), "A tree of fewer than two leaves has no split point.");
        return 1L << (63 - (int)long.LeadingZeroCount(n - 1));
    }
}
