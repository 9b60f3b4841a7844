namespace SpbeConnector.Audit.Tree;

/// <summary>
/// Builds RFC 6962 / RFC 9162 inclusion paths for recent leaves without reading the store. The left siblings of leaf
/// <c>i</c> in any tree that contains it are exactly the perfect subtrees of the tree's frontier at size <c>i</c> (one per
/// set bit of <c>i</c>), which the log's writer hands over when it appends the leaf; the right siblings are made of leaves
/// after <c>i</c>, which this builder holds (the leaves written since the oldest leaf waiting for a receipt). Right
/// subtrees are hashed once and shared by every path that needs them, so a batch of n receipts costs about n hashes
/// beyond the paths themselves.
/// </summary>
public sealed class InclusionPathBuilder
{
    private readonly long _firstLeaf;
    private readonly IReadOnlyList<byte[]> _leaves;
    private readonly Dictionary<(long, long), byte[]> _subtrees = [];

    /// <param name="firstLeaf">The index of <paramref name="leaves"/>[0]; the tree is every leaf up to the last of them.</param>
    public InclusionPathBuilder(long firstLeaf, IReadOnlyList<byte[]> leaves)
    {
        _firstLeaf = firstLeaf;
        _leaves = leaves;
    }

    public long TreeSize => _firstLeaf + _leaves.Count;

    /// <summary>
    /// The inclusion path of leaf <paramref name="index"/> in the tree of <see cref="TreeSize"/> leaves, from the leaf's
    /// sibling up to the root's child (RFC 9162 section 2.1.3.1), given the frontier at size <paramref name="index"/>.
    /// </summary>
    public List<byte[]> Path(long index, IReadOnlyList<MerkleSubtree> leftOfLeaf)
    {
        if (index < _firstLeaf || index >= TreeSize)
            throw new ArgumentOutOfRangeException(nameof(index), $"Leaf {index} is not among the leaves {_firstLeaf} to {TreeSize - 1} held here.");
        var path = new List<byte[]>(64);
        long low = 0, high = TreeSize;
        while (high - low > 1)
        {
            var split = low + MerkleHash.SplitPoint(high - low);
            if (index < split)
            {
                path.Add(RightSubtree(split, high));
                high = split;
            }
            else
            {
                path.Add(LeftSubtree(low, split, leftOfLeaf));
                low = split;
            }
        }
        path.Reverse();
        return path;
    }

    private byte[] RightSubtree(long from, long to)
    {
        if (to - from == 1)
            return _leaves[(int)(from - _firstLeaf)];
        if (_subtrees.TryGetValue((from, to), out var hash))
            return hash;
        var split = from + MerkleHash.SplitPoint(to - from);
        hash = MerkleHash.Node(RightSubtree(from, split), RightSubtree(split, to));
        _subtrees[(from, to)] = hash;
        return hash;
    }

    private static byte[] LeftSubtree(long from, long to, IReadOnlyList<MerkleSubtree> leftOfLeaf)
    {
        foreach (var subtree in leftOfLeaf)
        {
            if (subtree.FirstLeaf == from && subtree.LeafCount == to - from)
                return subtree.Hash;
        }
        throw new InvalidOperationException($"The frontier given holds no subtree of leaves {from} to {to - 1}.");
    }
}
