using SpbeConnector.Audit.Storage;

namespace SpbeConnector.Audit.Verification;

/// <summary>
/// A log to verify, as stored: a store file or an archive. The verifier trusts nothing it reads from it; the keys it
/// holds are checked against pinned keys when the investigator gives some.
/// </summary>
public interface IAuditLogSource
{
    string Description { get; }

    /// <summary>Whether its records come with the store's indexed columns (a store does; archives and exports keep the record only).</summary>
    bool HasIndexedColumns => false;

    Task<IReadOnlyList<StoredKey>> ReadKeysAsync(CancellationToken ct);

    /// <summary>Every checkpoint, in stored order.</summary>
    Task<IReadOnlyList<StoredCheckpoint>> ReadCheckpointsAsync(CancellationToken ct);

    Task<IReadOnlyList<StoredTimestamp>> ReadTimestampsAsync(CancellationToken ct);

    /// <summary>Where the records begin when earlier ones were archived: the signed checkpoint at that size, or null from the first record.</summary>
    Task<StoredCheckpoint?> ReadStartAsync(CancellationToken ct);

    /// <summary>The records in stored order.</summary>
    IAsyncEnumerable<AuditRecordRow> ReadRecordsAsync(CancellationToken ct);

    /// <summary>Consistency proofs the source carries (archives do), verified with the RFC 9162 algorithm.</summary>
    Task<IReadOnlyList<ConsistencyProof>> ReadConsistencyProofsAsync(CancellationToken ct);
}
