using System.Runtime.CompilerServices;
using System.Text.Json;
using SpbeConnector.Audit.Storage;
using SpbeConnector.Audit.Verification;

namespace SpbeConnector.Audit.Archive;

/// <summary>
/// An export for the security team (<see cref="LogFileJson.ExportFormat"/>): a selection of records, each with its
/// inclusion proof against the one signed checkpoint in the header. Verifiable offline by anyone holding the log's key.
/// </summary>
public sealed class ExportFileSource(string path) : IAuditLogSource
{
    public string Description => path;

    public Task<IReadOnlyList<StoredKey>> ReadKeysAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<StoredKey>>(Header().GetProperty("keys").EnumerateArray().Select(LogFileJson.ReadKey).ToList());

    public Task<IReadOnlyList<StoredCheckpoint>> ReadCheckpointsAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<StoredCheckpoint>>([LogFileJson.ReadCheckpoint(Header().GetProperty("checkpoint"))]);

    public Task<IReadOnlyList<StoredTimestamp>> ReadTimestampsAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<StoredTimestamp>>([]);

    public Task<StoredCheckpoint?> ReadStartAsync(CancellationToken ct) => Task.FromResult<StoredCheckpoint?>(null);

    public async IAsyncEnumerable<AuditRecordRow> ReadRecordsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var (row, _) in RecordsWithProofs())
        {
            ct.ThrowIfCancellationRequested();
            yield return row;
        }
        await Task.CompletedTask;
    }

    public Task<IReadOnlyList<ConsistencyProof>> ReadConsistencyProofsAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<ConsistencyProof>>([]);

    /// <summary>Each record with its audit path against the header's checkpoint.</summary>
    public IEnumerable<(AuditRecordRow Row, IReadOnlyList<byte[]> Inclusion)> RecordsWithProofs() =>
        LogFiles.Lines(path).Where(e => e.TryGetProperty("type", out var t) && t.GetString() == "record")
            .Select(e => (LogFileJson.ReadRecord(e), LogFileJson.ReadHashes(e.GetProperty("inclusion"))));

    private JsonElement Header() => LogFiles.Lines(path).First();
}
