using SpbeConnector.Audit.Checkpoints;
using SpbeConnector.Audit.Storage;
using SpbeConnector.Audit.Tree;

namespace SpbeConnector.Audit.Logging;

/// <summary>
/// Where the log resumes at start: the frontier of the last signed checkpoint (checked against its signed root), then
/// every record written after it, re-hashed and checked in sequence. Anything that does not match stops the start:
/// the gateway never signs a checkpoint over records changed behind its back.
/// </summary>
internal static class AuditLogRecovery
{
    public sealed record Result(MerkleFrontier Frontier, StoredCheckpoint? LastCheckpoint, long RecordsAfterCheckpoint, string? LastRecordType);

    public static async Task<Result> RecoverAsync(IAuditStore store, CancellationToken ct)
    {
        var last = await store.GetLatestCheckpointAsync(ct);
        var frontier = new MerkleFrontier();
        if (last is not null)
        {
            var key = (await store.ListKeysAsync(ct)).FirstOrDefault(k => k.KeyId == last.KeyId)
                      ?? throw Tampered(store, $"its last checkpoint ({last.Id}) names a signing key the log does not hold");
            var note = CheckpointNote.ParseAndVerify(last.Note, key.SubjectPublicKeyInfo, out var problem)
                       ?? throw Tampered(store, $"its last checkpoint ({last.Id}) is not valid: {problem}");
            if (note.TreeSize != last.TreeSize || !note.RootHash.AsSpan().SequenceEqual(last.RootHash))
                throw Tampered(store, $"the stored size or root of checkpoint {last.Id} differs from what it signs");
            try
            {
                frontier = MerkleFrontier.FromBytes(last.TreeSize, last.Frontier);
            }
            catch (FormatException ex)
            {
                throw Tampered(store, $"the tree state kept with checkpoint {last.Id} is damaged ({ex.Message})");
            }
            if (!frontier.Root().AsSpan().SequenceEqual(note.RootHash))
                throw Tampered(store, $"the tree state kept with checkpoint {last.Id} does not give its signed root");
        }

        var expected = frontier.Size;
        string? lastType = null;
        var stoppedCleanly = last is not null && (await store.GetRecordAsync(last.TreeSize - 1, ct))?.Type == Records.AuditRecordTypes.GatewayStop;
        await foreach (var row in store.ReadRecordsAsync(frontier.Size, null, ct))
        {
            if (row.Seq != expected)
                throw Tampered(store, $"record {expected} is missing (the next stored record is {row.Seq})");
            // After a clean stop (which a checkpoint covers) the next record can only be the next run's start record.
            if (stoppedCleanly && row.Seq == last!.TreeSize && AuditRecordBytes.ReadType(row.Record) != Records.AuditRecordTypes.GatewayStart)
                throw Tampered(store, $"record {row.Seq} was added after the gateway's clean stop, which its last checkpoint covers");
            if (AuditRecordBytes.ReadSeq(row.Record) != row.Seq)
                throw Tampered(store, $"record {row.Seq} does not carry its own sequence number");
            var leaf = MerkleHash.Leaf(row.Record);
            if (!leaf.AsSpan().SequenceEqual(row.LeafHash))
                throw Tampered(store, $"record {row.Seq} no longer matches the hash it was written with");
            frontier.Append(leaf);
            lastType = row.Type;
            expected++;
        }
        if (lastType is null && frontier.Size > 0)
            lastType = (await store.GetRecordAsync(frontier.Size - 1, ct))?.Type ?? "archived";
        return new Result(frontier, last, frontier.Size - (last?.TreeSize ?? 0), lastType);
    }

    private static InvalidOperationException Tampered(IAuditStore store, string what) => new(
        $"The audit log {store.Location} cannot be resumed: {what}. It may have been changed outside the gateway. " +
        "Run 'audit verify' to find the first changed record, keep the file as evidence, and restore the log from a backup " +
        "or archive before serving traffic; the gateway does not sign over a log it cannot verify.");
}
