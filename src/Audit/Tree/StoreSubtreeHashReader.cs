using SpbeConnector.Audit.Storage;

namespace SpbeConnector.Audit.Tree;

/// <summary>
/// Reads subtree hashes from the audit store for proofs: a stored node when the level is kept (every 4th level),
/// otherwise rebuilt from at most 16 stored hashes below it. Below an archive boundary, whose records are no longer
/// in the store, the subtrees of the boundary's frontier stand in for them. Caches what it read, so one reader serves
/// a whole export efficiently.
/// </summary>
public sealed class StoreSubtreeHashReader(IAuditStore store, MerkleFrontier? archiveBoundary) : ISubtreeHashReader
{
    private readonly Dictionary<(int Level, long Index), byte[]> _cache = [];

    public static async Task<StoreSubtreeHashReader> CreateAsync(IAuditStore store, CancellationToken ct)
    {
        MerkleFrontier? boundary = null;
        var archives = await store.ListArchivesAsync(ct);
        if (archives.Count > 0)
        {
            var checkpoint = await store.GetCheckpointAsync(archives[^1].CheckpointId, ct)
                             ?? throw new InvalidOperationException("The checkpoint at the archive boundary is missing from the audit store.");
            boundary = MerkleFrontier.FromBytes(checkpoint.TreeSize, checkpoint.Frontier);
        }
        return new StoreSubtreeHashReader(store, boundary);
    }

    public async ValueTask<byte[]> GetSubtreeHashAsync(int level, long index, CancellationToken ct)
    {
        if (_cache.TryGetValue((level, index), out var cached))
            return cached;
        var hash = await ComputeAsync(level, index, ct);
        _cache[(level, index)] = hash;
        return hash;
    }

    private async ValueTask<byte[]> ComputeAsync(int level, long index, CancellationToken ct)
    {
        var first = index << level;
        var width = 1L << level;
        if (archiveBoundary is { } boundary && first < boundary.Size)
        {
            foreach (var subtree in boundary.Subtrees)
            {
                if (subtree.Level == level && subtree.Index == index)
                    return subtree.Hash;
            }
            if (first + width <= boundary.Size || level == 0)
                throw new ArchivedRecordsException($"Leaves {first} to {first + width - 1} are archived; prove them from the archive file.");
            var left = await GetSubtreeHashAsync(level - 1, index * 2, ct);
            var right = await GetSubtreeHashAsync(level - 1, index * 2 + 1, ct);
            return MerkleHash.Node(left, right);
        }

        var storedLevel = StoredNodeLevels.StoredLevelAtOrBelow(level);
        var count = 1 << (level - storedLevel);
        var hashes = storedLevel == 0
            ? await store.ReadLeafHashesAsync(first, count, ct)
            : await store.ReadNodesAsync(storedLevel, index << (level - storedLevel), count, ct);
        if (hashes.Count != count)
            throw new InvalidOperationException($"The audit store lacks the hashes of leaves {first} to {first + width - 1}.");
        var layer = hashes.ToArray();
        while (layer.Length > 1)
        {
            var next = new byte[layer.Length / 2][];
            for (var i = 0; i < next.Length; i++)
                next[i] = MerkleHash.Node(layer[2 * i], layer[2 * i + 1]);
            layer = next;
        }
        return layer[0];
    }
}
