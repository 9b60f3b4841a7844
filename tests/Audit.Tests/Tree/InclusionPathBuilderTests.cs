using SpbeConnector.Audit.Tree;

namespace SpbeConnector.Audit.Tests.Tree;

/// <summary>
/// The paths of batched receipts, built from the frontier before each leaf and the leaves after it (no store read):
/// for every tree up to 70 leaves, every window of recent leaves and every leaf in it, the path leads to the tree's
/// root by the RFC 9162 verification, and not to the root of the next tree, nor for another leaf.
/// </summary>
public class InclusionPathBuilderTests
{
    [Fact]
    public void Every_path_built_from_the_frontier_and_the_later_leaves_verifies_against_the_root()
    {
        var leaves = Enumerable.Range(0, 71).Select(i => MerkleHash.Leaf(BitConverter.GetBytes(i * 7919))).ToArray();
        var roots = new List<byte[]>();
        var all = new MerkleFrontier();
        foreach (var leaf in leaves)
        {
            roots.Add(all.Root());
            all.Append(leaf);
        }
        roots.Add(all.Root()); // roots[n]: the root of the first n leaves
        for (var size = 1; size < leaves.Length; size++)
        {
            var frontiers = new List<IReadOnlyList<MerkleSubtree>>();
            var frontier = new MerkleFrontier();
            for (var i = 0; i < size; i++)
            {
                frontiers.Add(frontier.Subtrees.ToArray());
                frontier.Append(leaves[i]);
            }
            var root = frontier.Root();
            foreach (var first in new[] { 0, size / 2, size - 1 }.Distinct())
            {
                var builder = new InclusionPathBuilder(first, leaves[first..size]);
                Assert.Equal(size, builder.TreeSize);
                for (var i = first; i < size; i++)
                {
                    var path = builder.Path(i, frontiers[i]);
                    Assert.True(MerkleProofVerifier.VerifyInclusion(i, size, leaves[i], path, root), $"leaf {i} of {size}, window from {first}");
                    if (size > 1)
                    {
                        Assert.False(MerkleProofVerifier.VerifyInclusion((i + 1) % size, size, leaves[i], path, root));
                        Assert.False(MerkleProofVerifier.VerifyInclusion(i, size, leaves[i], path, roots[size + 1]));
                    }
                }
            }
        }
    }

    [Fact]
    public void A_leaf_before_the_window_is_refused_rather_than_given_a_wrong_path()
    {
        var leaves = Enumerable.Range(0, 8).Select(i => MerkleHash.Leaf([(byte)i])).ToArray();
        var builder = new InclusionPathBuilder(4, leaves[4..]);
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Path(3, []));
        Assert.Throws<InvalidOperationException>(() => builder.Path(5, [])); // no frontier given: its left siblings are unknown
    }
}
