namespace SpbeConnector.Audit.Tree;

/// <summary>
/// Builds RFC 6962 proofs (section 2.1.1 audit paths, section 2.1.2 consistency proofs) from the hashes of perfect
/// subtrees, following the RFC's recursive definitions. Every range the recursion asks for is either a perfect,
/// aligned subtree (read from <see cref="ISubtreeHashReader"/>) or is split again at its largest power of two.
/// </summary>
public sealed class MerkleProofBuilder(ISubtreeHashReader reader)
{
    /// <summary>PATH(m, D[n]): the audit path of leaf <paramref name="leafIndex"/> in the tree of the first <paramref name="treeSize"/> leaves.</summary>
    public async ValueTask<IReadOnlyList<byte[]>> InclusionProofAsync(long leafIndex, long treeSize, CancellationToken ct = default)
    {
        if (leafIndex < 0 || leafIndex >= treeSize)
            throw new ArgumentOutOfRangeException(nameof(leafIndex), $"Leaf {leafIndex} is not in a tree of {treeSize} leaves.");
        var path = new List<byte[]>();
        await PathAsync(leafIndex, 0, treeSize, path, ct);
        return path;
    }

    /// <summary>PROOF(m, D[n]): proves that the tree of <paramref name="firstSize"/> leaves is a prefix of the tree of <paramref name="secondSize"/> leaves.</summary>
    public async ValueTask<IReadOnlyList<byte[]>> ConsistencyProofAsync(long firstSize, long secondSize, CancellationToken ct = default)
    {
        if (firstSize < 0 || firstSize > secondSize)
            throw new ArgumentOutOfRangeException(nameof(firstSize), $"A tree of {firstSize} leaves cannot be a prefix of one of {secondSize}.");
        var proof = new List<byte[]>();
        if (firstSize == 0 || firstSize == secondSize)
            return proof;
        await SubProofAsync(firstSize, 0, secondSize, true, proof, ct);
        return proof;
    }

    /// <summary>MTH(D[start:end]) for a range that the RFC's recursion produces (its left parts are always aligned).</summary>
    public async ValueTask<byte[]> RangeHashAsync(long start, long end, CancellationToken ct = default)
    {
        var n = end - start;
        if (n <= 0)
            throw new ArgumentOutOfRangeException(nameof(end), "An empty range has no subtree hash.");
        if ((n & (n - 1)) == 0 && start % n == 0)
        {
            var level = 63 - (int)long.LeadingZeroCount(n);
            return await reader.GetSubtreeHashAsync(level, start >> level, ct);
        }
        var k = MerkleHash.SplitPoint(n);
        var left = await RangeHashAsync(start, start + k, ct);
        var right = await RangeHashAsync(start + k, end, ct);
        return MerkleHash.Node(left, right);
    }

    private async ValueTask PathAsync(long m, long start, long end, List<byte[]> path, CancellationToken ct)
    {
        var n = end - start;
        if (n == 1)
            return;
        var k = MerkleHash.SplitPoint(n);
        if (m < start + k)
        {
            await PathAsync(m, start, start + k, path, ct);
            path.Add(await RangeHashAsync(start + k, end, ct));
        }
        else
        {
            await PathAsync(m, start + k, end, path, ct);
            path.Add(await RangeHashAsync(start, start + k, ct));
        }
    }

    private async ValueTask SubProofAsync(long m, long start, long end, bool completeSubtree, List<byte[]> proof, CancellationToken ct)
    {
        var n = end - start;
        if (m == n)
        {
            if (!completeSubtree)
                proof.Add(await RangeHashAsync(start, end, ct));
            return;
        }
        var k = MerkleHash.SplitPoint(n);
        if (m <= k)
        {
            await SubProofAsync(m, start, start + k, completeSubtree, proof, ct);
            proof.Add(await RangeHashAsync(start + k, end, ct));
        }
        else
        {
            await SubProofAsync(m - k, start + k, end, false, proof, ct);
            proof.Add(await RangeHashAsync(start, start + k, ct));
        }
    }
}
