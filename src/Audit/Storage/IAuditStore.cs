namespace SpbeConnector.Audit.Storage;

/// <summary>
/// Where the audit log is kept: append-only, with the store itself refusing to change or remove what was written.
/// SQLite (<see cref="SqliteAuditStore"/>) by default. Reads are safe from any thread; writes go through the one
/// <see cref="IAuditStoreWriter"/>.
/// </summary>
public interface IAuditStore
{
    /// <summary>A description of the store for operators' messages (for example its file path).</summary>
    string Location { get; }

    /// <summary>Creates the schema or brings it up to date.</summary>
    Task MigrateAsync(CancellationToken ct);

    IAuditStoreWriter OpenWriter();

    /// <summary>
    /// Makes this process the log's only writer for as long as the lease is held, or throws
    /// <see cref="AuditWriterLeaseTakenException"/> naming the store. Two writers on one log would each find the
    /// other's records under them (the log's sequence and hash tree are one writer's, Pasal 59 ayat (9) huruf e).
    /// </summary>
    IDisposable AcquireWriterLease();

    Task<AuditRecordRow?> GetRecordAsync(long seq, CancellationToken ct);

    /// <summary>Records from <paramref name="fromSeq"/> (inclusive) to <paramref name="toSeq"/> (exclusive, or the end), in stored order.</summary>
    IAsyncEnumerable<AuditRecordRow> ReadRecordsAsync(long fromSeq, long? toSeq, CancellationToken ct);

    IAsyncEnumerable<AuditRecordRow> QueryAsync(AuditQuery query, CancellationToken ct);

    /// <summary>The number of the next record (one past the last), or the archive boundary when the store holds no record.</summary>
    Task<long> GetNextSeqAsync(CancellationToken ct);

    Task<IReadOnlyList<byte[]>> ReadLeafHashesAsync(long fromSeq, int count, CancellationToken ct);

    Task<IReadOnlyList<byte[]>> ReadNodesAsync(int level, long fromIndex, int count, CancellationToken ct);

    Task<IReadOnlyList<StoredCheckpoint>> ListCheckpointsAsync(long afterId, int limit, CancellationToken ct);

    Task<StoredCheckpoint?> GetCheckpointAsync(long id, CancellationToken ct);

    Task<StoredCheckpoint?> GetLatestCheckpointAsync(CancellationToken ct);

    Task<StoredCheckpoint?> FindCheckpointBySizeAsync(long treeSize, CancellationToken ct);

    Task<IReadOnlyList<StoredTimestamp>> ListTimestampsAsync(long fromCheckpointId, long toCheckpointId, CancellationToken ct);

    Task<IReadOnlyList<StoredKey>> ListKeysAsync(CancellationToken ct);

    Task<IReadOnlyList<StoredArchive>> ListArchivesAsync(CancellationToken ct);
}
