using System.Runtime.CompilerServices;
using SpbeConnector.Audit.Storage;
using SpbeConnector.Audit.Verification;

namespace SpbeConnector.Audit.Archive;

/// <summary>
/// An archive file (<see cref="LogFileJson.ArchiveFormat"/>) as a log to verify: its keys, the signed checkpoint and
/// frontier where it starts, its records with their checkpoints, and the consistency proofs between them.
/// </summary>
public sealed class ArchiveLogSource(string path) : IAuditLogSource
{
    public string Description => path;

    public Task<IReadOnlyList<StoredKey>> ReadKeysAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<StoredKey>>(Of("key").Select(e => LogFileJson.ReadKey(e.GetProperty("key"))).ToList());

    public Task<IReadOnlyList<StoredCheckpoint>> ReadCheckpointsAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<StoredCheckpoint>>(Of("start").Concat(Of("checkpoint"))
            .Select(e => LogFileJson.ReadCheckpoint(e.GetProperty("checkpoint"))).OrderBy(c => c.Id).ToList());

    public Task<IReadOnlyList<StoredTimestamp>> ReadTimestampsAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<StoredTimestamp>>(Of("checkpoint").Where(e => e.TryGetProperty("timestamp", out _)).Select(e =>
        {
            var t = e.GetProperty("timestamp");
            return new StoredTimestamp(e.GetProperty("checkpoint").GetProperty("id").GetInt64(), t.GetProperty("token").GetBytesFromBase64(),
                t.GetProperty("timeMs").GetInt64(), t.GetProperty("authority").GetString()!);
        }).ToList());

    public Task<StoredCheckpoint?> ReadStartAsync(CancellationToken ct) =>
        Task.FromResult(Of("start").Select(e => LogFileJson.ReadCheckpoint(e.GetProperty("checkpoint"))).FirstOrDefault());

    public async IAsyncEnumerable<AuditRecordRow> ReadRecordsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var e in Of("record"))
        {
            ct.ThrowIfCancellationRequested();
            yield return LogFileJson.ReadRecord(e);
        }
        await Task.CompletedTask;
    }

    public Task<IReadOnlyList<ConsistencyProof>> ReadConsistencyProofsAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ConsistencyProof>>(Of("consistency").Select(e => new ConsistencyProof(
            e.GetProperty("firstSize").GetInt64(), e.GetProperty("secondSize").GetInt64(), LogFileJson.ReadHashes(e.GetProperty("proof")))).ToList());

    private IEnumerable<System.Text.Json.JsonElement> Of(string type) =>
        LogFiles.Lines(path).Where(e => e.TryGetProperty("type", out var t) && t.GetString() == type);
}
