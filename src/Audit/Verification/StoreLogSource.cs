using SpbeConnector.Audit.Storage;

namespace SpbeConnector.Audit.Verification;

/// <summary>A log in its store (SQLite opened read-only, or a PostgreSQL schema): verifying it never changes it.</summary>
public sealed class StoreLogSource(IAuditStore store) : IAuditLogSource
{
    public string Description => store.Location;

    public bool HasIndexedColumns => true;

    public Task<IReadOnlyList<StoredKey>> ReadKeysAsync(CancellationToken ct) => store.ListKeysAsync(ct);

    public Task<IReadOnlyList<StoredCheckpoint>> ReadCheckpointsAsync(CancellationToken ct) => store.ListCheckpointsAsync(long.MinValue, int.MaxValue, ct);

    public Task<IReadOnlyList<StoredTimestamp>> ReadTimestampsAsync(CancellationToken ct) => store.ListTimestampsAsync(long.MinValue, long.MaxValue, ct);

    public async Task<StoredCheckpoint?> ReadStartAsync(CancellationToken ct)
    {
        var archives = await store.ListArchivesAsync(ct);
        return archives.Count == 0 ? null : await store.GetCheckpointAsync(archives[^1].CheckpointId, ct);
    }

    public IAsyncEnumerable<AuditRecordRow> ReadRecordsAsync(CancellationToken ct) => store.ReadRecordsAsync(long.MinValue, null, ct);

    public Task<IReadOnlyList<ConsistencyProof>> ReadConsistencyProofsAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<ConsistencyProof>>([]);
}
