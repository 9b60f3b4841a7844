namespace SpbeConnector.Audit.Tree;

/// <summary>
/// A complete (perfect) subtree of the log's tree: the 2^<see cref="Level"/> leaves starting at
/// <see cref="Index"/> × 2^<see cref="Level"/>, and its hash.
/// </summary>
public readonly record struct MerkleSubtree(int Level, long Index, byte[] Hash)
{
    public long FirstLeaf => Index << Level;
    public long LeafCount => 1L << Level;
}
