using SpbeConnector.Audit.Tree;

namespace SpbeConnector.Audit.Tests.Tree;

/// <summary>
/// The RFC 6962 tree: roots against the published test vectors of the Certificate Transparency reference
/// implementation, audit paths and consistency proofs against the RFC's own example tree computed by hand, and every
/// proof for every small tree verified by the RFC 9162 algorithms.
/// </summary>
public class MerkleTreeTests
{
    // The leaves of the CT reference test data (merkle_tree_test), and the roots it publishes for the first n leaves.
    private static readonly byte[][] Leaves = new[] { "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f" }
        .Select(Convert.FromHexString).ToArray();

    private static readonly string[] Roots =
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    [Fact]
    public void The_root_of_each_prefix_matches_the_published_test_vectors_and_the_empty_tree_is_the_hash_of_nothing()
    {
        var frontier = new MerkleFrontier();
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(frontier.Root()));
        for (var n = 0; n < Leaves.Length; n++)
        {
            frontier.Append(MerkleHash.Leaf(Leaves[n]));
            Assert.Equal(Roots[n], Convert.ToHexStringLower(frontier.Root()));
        }
    }

    [Fact]
    public async Task Audit_paths_and_consistency_proofs_are_those_of_the_rfc_6962_example_tree_computed_by_hand()
    {
        // RFC 6962 section 2.1.3: seven leaves d0..d6; a..f, j leaf hashes; g, h, i, k, l interior nodes.
        var leaf = Leaves.Take(7).Select(d => MerkleHash.Leaf(d)).ToArray();
        var (a, b, c, d, e, f, j) = (leaf[0], leaf[1], leaf[2], leaf[3], leaf[4], leaf[5], leaf[6]);
        var g = MerkleHash.Node(a, b);
        var h = MerkleHash.Node(c, d);
        var i = MerkleHash.Node(e, f);
        var k = MerkleHash.Node(g, h);
        var l = MerkleHash.Node(i, j);
        var root = MerkleHash.Node(k, l);
        Assert.Equal(Roots[6], Convert.ToHexStringLower(root));

        var builder = new MerkleProofBuilder(new InMemorySubtreeReader(leaf));
        AssertProof([b, h, l], await builder.InclusionProofAsync(0, 7));
        AssertProof([c, g, l], await builder.InclusionProofAsync(3, 7));
        AssertProof([f, j, k], await builder.InclusionProofAsync(4, 7));
        AssertProof([i, k], await builder.InclusionProofAsync(6, 7));

        // hash0 (3 leaves) = H(g, c); hash1 (4 leaves) = k; hash2 (6 leaves) = H(k, i).
        AssertProof([c, d, g, l], await builder.ConsistencyProofAsync(3, 7));
        AssertProof([l], await builder.ConsistencyProofAsync(4, 7));
        AssertProof([i, j, k], await builder.ConsistencyProofAsync(6, 7));

        var hash0 = MerkleHash.Node(g, c);
        Assert.True(MerkleProofVerifier.VerifyConsistency(3, 7, hash0, root, [c, d, g, l]));
        Assert.True(MerkleProofVerifier.VerifyConsistency(4, 7, k, root, [l]));
        Assert.True(MerkleProofVerifier.VerifyConsistency(6, 7, MerkleHash.Node(k, i), root, [i, j, k]));
        Assert.True(MerkleProofVerifier.VerifyInclusion(3, 7, d, [c, g, l], root));
    }

    [Fact]
    public async Task Every_proof_of_every_tree_up_to_33_leaves_verifies_and_any_change_makes_it_fail()
    {
        var leaves = Enumerable.Range(0, 33).Select(n => MerkleHash.Leaf(BitConverter.GetBytes(n))).ToArray();
        var builder = new MerkleProofBuilder(new InMemorySubtreeReader(leaves));
        var roots = new byte[leaves.Length + 1][];
        var frontier = new MerkleFrontier();
        roots[0] = frontier.Root();
        for (var n = 1; n <= leaves.Length; n++)
        {
            frontier.Append(leaves[n - 1]);
            roots[n] = frontier.Root();
            Assert.Equal(roots[n], await builder.RangeHashAsync(0, n));
        }

        for (var n = 1; n <= leaves.Length; n++)
        {
            for (var m = 0; m < n; m++)
            {
                var path = await builder.InclusionProofAsync(m, n);
                Assert.True(MerkleProofVerifier.VerifyInclusion(m, n, leaves[m], path, roots[n]), $"inclusion of {m} in {n}");
                var otherLeaf = leaves[m].ToArray();
                otherLeaf[0] ^= 1;
                Assert.False(MerkleProofVerifier.VerifyInclusion(m, n, otherLeaf, path, roots[n]), $"wrong leaf {m} in {n}");
                if (path.Count > 0)
                    Assert.False(MerkleProofVerifier.VerifyInclusion(m, n, leaves[m], Tamper(path), roots[n]), $"tampered inclusion {m} in {n}");
                Assert.False(MerkleProofVerifier.VerifyInclusion(m, n, leaves[m], path, roots[n - 1]) && n > 1, $"wrong root {m} in {n}");
            }
            for (var m = 0; m <= n; m++)
            {
                var proof = await builder.ConsistencyProofAsync(m, n);
                Assert.True(MerkleProofVerifier.VerifyConsistency(m, n, roots[m], roots[n], proof), $"consistency {m} -> {n}");
                if (m > 0 && m < n)
                {
                    Assert.False(MerkleProofVerifier.VerifyConsistency(m, n, roots[m], roots[n], Tamper(proof)), $"tampered consistency {m} -> {n}");
                    Assert.False(MerkleProofVerifier.VerifyConsistency(m, n, roots[m - 1], roots[n], proof), $"wrong old root {m} -> {n}");
                }
            }
        }
    }

    [Fact]
    public void A_frontier_survives_serialisation_and_reports_each_completed_subtree_once()
    {
        var frontier = new MerkleFrontier();
        var completed = new List<MerkleSubtree>();
        for (var n = 0; n < 21; n++)
            frontier.Append(MerkleHash.Leaf([(byte)n]), completed.Add);

        var restored = MerkleFrontier.FromBytes(21, frontier.ToBytes());
        Assert.Equal(frontier.Root(), restored.Root());
        Assert.Equal([4, 2, 0], restored.Subtrees.Select(s => s.Level)); // 21 = 16 + 4 + 1
        Assert.Equal(21 - 3, completed.Count); // every interior node of the complete subtrees: n - popcount(n)
        Assert.Equal(completed.Count, completed.Select(s => (s.Level, s.Index)).Distinct().Count());
        Assert.Throws<FormatException>(() => MerkleFrontier.FromBytes(22, frontier.ToBytes()));
    }

    private static IReadOnlyList<byte[]> Tamper(IReadOnlyList<byte[]> proof)
    {
        var copy = proof.Select(p => p.ToArray()).ToList();
        copy[copy.Count / 2][0] ^= 1;
        return copy;
    }

    private static void AssertProof(byte[][] expected, IReadOnlyList<byte[]> actual) =>
        Assert.Equal(expected.Select(Convert.ToHexString), actual.Select(Convert.ToHexString));

    /// <summary>Subtree hashes computed straight from RFC 6962's definition over a list of leaf hashes.</summary>
    private sealed class InMemorySubtreeReader(IReadOnlyList<byte[]> leaves) : ISubtreeHashReader
    {
        public ValueTask<byte[]> GetSubtreeHashAsync(int level, long index, CancellationToken cancellationToken) =>
            ValueTask.FromResult(Mth((int)(index << level), 1 << level));

        private byte[] Mth(int start, int count) =>
            count == 1 ? leaves[start] : MerkleHash.Node(Mth(start, count / 2), Mth(start + count / 2, count / 2));
    }
}
