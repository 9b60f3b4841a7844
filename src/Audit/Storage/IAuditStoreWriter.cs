using SpbeConnector.Audit.Tree;

namespace SpbeConnector.Audit.Storage;

/// <summary>
/// The single writer of the audit store, used only by the log's writer thread. Every method returns once its change is
/// durable (committed and flushed), which is what strict mode waits for.
/// </summary>
public interface IAuditStoreWriter : IDisposable
{
    /// <summary>Appends records and the interior nodes they complete, in one transaction (one flush for the whole group).</summary>
    void AppendRecords(IReadOnlyList<AuditRecordRow> records, IReadOnlyList<MerkleSubtree> nodes);

    void AppendCheckpoint(StoredCheckpoint checkpoint);

    void AppendTimestamp(StoredTimestamp timestamp);

    /// <summary>Registers a public key; returns false when it was already known.</summary>
    bool RegisterKey(StoredKey key);

    /// <summary>Records an archive file and removes the records it holds (the store refuses to remove any other).</summary>
    void CompleteArchive(StoredArchive archive);
}
