namespace SpbeConnector.Audit.Tree;

/// <summary>
/// The right edge of an append-only RFC 6962 tree: the perfect subtrees that the binary decomposition of its size
/// splits it into, largest (leftmost) first. Enough to append leaves and compute the root in O(log n) memory, so the
/// gateway never holds the whole tree. Kept with each checkpoint so that a restart resumes from there.
/// </summary>
public sealed class MerkleFrontier
{
    private readonly List<MerkleSubtree> _subtrees;

    public MerkleFrontier() => _subtrees = new List<MerkleSubtree>(64);

    private MerkleFrontier(List<MerkleSubtree> subtrees, long size)
    {
        _subtrees = subtrees;
        Size = size;
    }

    /// <summary>The number of leaves.</summary>
    public long Size { get; private set; }

    public IReadOnlyList<MerkleSubtree> Subtrees => _subtrees;

    /// <summary>
    /// Appends a leaf hash. Every perfect subtree that this completes (of two leaves or more) is reported to
    /// <paramref name="completed"/>, bottom-up, so that a store can keep the interior nodes it wants for proofs.
    /// </summary>
    public void Append(byte[] leafHash, Action<MerkleSubtree>? completed = null)
    {
        if (leafHash.Length != MerkleHash.Size)
            throw new ArgumentException("A leaf hash is 32 bytes.", nameof(leafHash));
        var current = new MerkleSubtree(0, Size, leafHash);
        while (_subtrees.Count > 0 && _subtrees[^1].Level == current.Level)
        {
            var left = _subtrees[^1];
            _subtrees.RemoveAt(_subtrees.Count - 1);
            current = new MerkleSubtree(current.Level + 1, left.Index >> 1, MerkleHash.Node(left.Hash, current.Hash));
            completed?.Invoke(current);
        }
        _subtrees.Add(current);
        Size++;
    }

    /// <summary>The RFC 6962 root: the subtrees folded from the right, H(s1, H(s2, ... H(sk-1, sk))).</summary>
    public byte[] Root()
    {
        if (_subtrees.Count == 0)
            return MerkleHash.EmptyRoot();
        var root = _subtrees[^1].Hash;
        for (var i = _subtrees.Count - 2; i >= 0; i--)
            root = MerkleHash.Node(_subtrees[i].Hash, root);
        return root;
    }

    public MerkleFrontier Clone() => new(new List<MerkleSubtree>(_subtrees), Size);

    /// <summary>Serialises as one byte of level and 32 bytes of hash per subtree, largest first.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[_subtrees.Count * (1 + MerkleHash.Size)];
        for (var i = 0; i < _subtrees.Count; i++)
        {
            var offset = i * (1 + MerkleHash.Size);
            bytes[offset] = (byte)_subtrees[i].Level;
            _subtrees[i].Hash.CopyTo(bytes, offset + 1);
        }
        return bytes;
    }

    /// <summary>
    /// Rebuilds the frontier of a tree of <paramref name="size"/> leaves from <see cref="ToBytes"/>, checking that the
    /// levels are exactly the binary decomposition of the size.
    /// </summary>
    public static MerkleFrontier FromBytes(long size, ReadOnlySpan<byte> bytes)
    {
        const int entry = 1 + MerkleHash.Size;
        if (bytes.Length % entry != 0)
            throw new FormatException("A frontier is a whole number of (level, hash) entries.");
        var subtrees = new List<MerkleSubtree>(64);
        long covered = 0;
        for (var offset = 0; offset < bytes.Length; offset += entry)
        {
            int level = bytes[offset];
            if (level > 62)
                throw new FormatException("A frontier subtree level is out of range.");
            var width = 1L << level;
            if (covered % width != 0 || (subtrees.Count > 0 && subtrees[^1].Level <= level))
                throw new FormatException("Frontier subtrees must shrink from left to right and be aligned.");
            subtrees.Add(new MerkleSubtree(level, covered >> level, bytes.Slice(offset + 1, MerkleHash.Size).ToArray()));
            covered += width;
        }
        if (covered != size)
            throw new FormatException($"The frontier covers {covered} leaves, not {size}.");
        return new MerkleFrontier(subtrees, size);
    }
}
