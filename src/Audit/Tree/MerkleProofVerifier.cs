namespace SpbeConnector.Audit.Tree;

/// <summary>
/// Verifies RFC 6962 proofs with the iterative algorithms of RFC 9162 section 2.1.3.2 (inclusion) and 2.1.4.2
/// (consistency). Pure functions: used by the gateway's own tests, the offline verifier and anyone holding a checkpoint.
/// </summary>
public static class MerkleProofVerifier
{
    public static bool VerifyInclusion(long leafIndex, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root) =>
        RootFromInclusion(leafIndex, treeSize, leafHash, proof) is { } computed && computed.AsSpan().SequenceEqual(root);

    /// <summary>
    /// The root that an inclusion path leads to from a leaf (RFC 9162 section 2.1.3.2), or null when the path cannot be
    /// one of a tree of <paramref name="treeSize"/> leaves (wrong length, index out of range, hash of the wrong size).
    /// A signature over the root it returns is what proves the leaf (RFC 9942 receipts sign exactly that root).
    /// </summary>
    public static byte[]? RootFromInclusion(long leafIndex, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof)
    {
        if (leafIndex < 0 || leafIndex >= treeSize || leafHash.Length != MerkleHash.Size)
            return null;
        var fn = leafIndex;
        var sn = treeSize - 1;
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (p.Length != MerkleHash.Size || sn == 0)
                return null;
            if ((fn & 1) == 1 || fn == sn)
            {
                r = MerkleHash.Node(p, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                r = MerkleHash.Node(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? r : null;
    }

    public static bool VerifyConsistency(long firstSize, long secondSize, ReadOnlySpan<byte> firstRoot, ReadOnlySpan<byte> secondRoot, IReadOnlyList<byte[]> proof)
    {
        if (firstSize < 0 || firstSize > secondSize)
            return false;
        if (firstSize == secondSize)
            return proof.Count == 0 && firstRoot.SequenceEqual(secondRoot);
        if (firstSize == 0)
            return proof.Count == 0; // the empty tree is a prefix of every tree
        if (proof.Count == 0 || proof.Any(p => p.Length != MerkleHash.Size))
            return false;

        var path = new List<byte[]>(proof.Count + 1);
        if ((firstSize & (firstSize - 1)) == 0)
            path.Add(firstRoot.ToArray());
        path.AddRange(proof);

        var fn = firstSize - 1;
        var sn = secondSize - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }
        var fr = path[0];
        var sr = path[0];
        for (var i = 1; i < path.Count; i++)
        {
            var c = path[i];
            if (sn == 0)
                return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = MerkleHash.Node(c, fr);
                sr = MerkleHash.Node(c, sr);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                sr = MerkleHash.Node(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && fr.AsSpan().SequenceEqual(firstRoot) && sr.AsSpan().SequenceEqual(secondRoot);
    }
}
