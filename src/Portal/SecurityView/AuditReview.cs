using Microsoft.AspNetCore.Http;
using SpbeConnector.Audit.Checkpoints;
using SpbeConnector.Audit.Hosting;
using SpbeConnector.Audit.Logging;
using SpbeConnector.Audit.Records;
using SpbeConnector.Audit.Storage;
using SpbeConnector.Audit.Tree;
using SpbeConnector.Audit.Verification;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Portal.SecurityView;

/// <summary>
/// The security team's reading of the audit log in the portal, with the audit API's own building blocks: queries,
/// inclusion proofs against signed checkpoints, the offline verifier over the whole log. Every read is itself appended
/// to the log before anything is shown (Pasal 59 ayat (9) huruf e), as the audit API does.
/// </summary>
public sealed class AuditReview(AuditLog log, IAuditStore store, AuditPaths paths)
{
    public bool IsEnabled => log.IsEnabled;

    public async Task<IReadOnlyList<AuditRecordRow>> QueryAsync(HttpContext http, AuditQuery query, IReadOnlyDictionary<string, string?> described, CancellationToken ct)
    {
        await RecordReadAsync(http, "PortalQueryRecords", null, described, ct);
        return await store.QueryAsync(query, ct).ToListAsync(ct);
    }

    public async Task<StoredCheckpoint?> LatestCheckpointAsync(CancellationToken ct) => await store.GetLatestCheckpointAsync(ct);

    /// <summary>A record with its proof: leaf hash recomputed, inclusion in a checkpoint signed now if none covers it yet, signature checked.</summary>
    public async Task<RecordVerification?> VerifyRecordAsync(HttpContext http, long seq, CancellationToken ct)
    {
        await RecordReadAsync(http, "PortalGetRecord", seq.ToString(System.Globalization.CultureInfo.InvariantCulture), null, ct);
        var row = await store.GetRecordAsync(seq, ct);
        if (row is null)
            return null;
        var leafMatches = MerkleHash.Leaf(row.Record).AsSpan().SequenceEqual(row.LeafHash);
        var checkpoint = await store.GetLatestCheckpointAsync(ct);
        if (checkpoint is null || checkpoint.TreeSize <= seq)
            checkpoint = await log.CheckpointNowAsync(ct);
        if (checkpoint is null || checkpoint.TreeSize <= seq)
            return new RecordVerification(row, checkpoint, leafMatches, false, false, "no checkpoint covers the record yet");
        try
        {
            var builder = new MerkleProofBuilder(await StoreSubtreeHashReader.CreateAsync(store, ct));
            var proof = await builder.InclusionProofAsync(seq, checkpoint.TreeSize, ct);
            var included = MerkleProofVerifier.VerifyInclusion(seq, checkpoint.TreeSize, row.LeafHash, proof, checkpoint.RootHash);
            var key = (await store.ListKeysAsync(ct)).FirstOrDefault(k => k.KeyId == checkpoint.KeyId);
            string? problem = null;
            var signed = key is not null && CheckpointNote.ParseAndVerify(checkpoint.Note, key.SubjectPublicKeyInfo, out problem) is { } note
                && note.TreeSize == checkpoint.TreeSize && note.RootHash.AsSpan().SequenceEqual(checkpoint.RootHash);
            return new RecordVerification(row, checkpoint, leafMatches, included, signed, key is null ? "checkpoint key not found" : problem);
        }
        catch (ArchivedRecordsException)
        {
            return new RecordVerification(row, checkpoint, leafMatches, false, false, "the record is archived; verify it with the archive file");
        }
    }

    /// <summary>The whole chain verified as <c>audit verify</c> does, on a read-only connection to the live store.</summary>
    public async Task<VerificationReport> VerifyChainAsync(HttpContext http, CancellationToken ct)
    {
        await RecordReadAsync(http, "PortalVerifyChain", null, null, ct);
        var readOnly = new SqliteAuditStore(paths.Store, readOnly: true);
        return await new AuditLogVerifier().VerifyAsync(new StoreLogSource(readOnly), ct);
    }

    public Task RecordExportAsync(HttpContext http, IReadOnlyDictionary<string, string?> described, CancellationToken ct) =>
        RecordReadAsync(http, "PortalExportRecords", null, described, ct);

    public Task<StoredCheckpoint?> CheckpointNowAsync(CancellationToken ct) => log.CheckpointNowAsync(ct);

    private async Task RecordReadAsync(HttpContext http, string action, string? target, IReadOnlyDictionary<string, string?>? details, CancellationToken ct) =>
        await log.AppendAsync(new AuditEvent(AuditRecordTypes.AuditRead, action, "succeeded", Actor: http.User.Identity?.Name, Target: target,
            RequestId: http.TraceIdentifier, SourceIp: http.Connection.RemoteIpAddress?.ToString(), Details: details), ct);
}
