using SpbeConnector.Audit.Tree;

namespace SpbeConnector.Audit.Storage;

/// <summary>
/// Which interior nodes of the tree the store keeps for proofs: those at levels 4, 8, 12, ... (one row per 16 leaves
/// in all, about 7% more rows). Any other subtree hash is rebuilt from at most 16 stored hashes below it, so a proof
/// costs O(log n) small reads without keeping every node.
/// </summary>
public static class StoredNodeLevels
{
    public const int Stride = 4;

    public static bool Keeps(MerkleSubtree subtree) => subtree.Level > 0 && subtree.Level % Stride == 0;

    /// <summary>The highest stored level at or below <paramref name="level"/> (0 meaning the leaf hashes).</summary>
    public static int StoredLevelAtOrBelow(int level) => level - level % Stride;
}
