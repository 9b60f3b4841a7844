using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpbeConnector.Audit.Hosting;
using SpbeConnector.Audit.Storage;
using SpbeConnector.Audit.Tree;

namespace SpbeConnector.Audit.Archive;

/// <summary>
/// Retention: moves the records older than a cut-off out of the store into a JSON Lines archive file that verifies on
/// its own (<c>audit verify FILE</c>): the keys, the signed checkpoint and tree state where it starts, every record
/// with the checkpoints signed over them (and their time-stamp tokens), and the consistency proofs between those
/// checkpoints. An archive always ends at a signed checkpoint, from whose tree state the store goes on; the store lets
/// records be removed only below the boundary of an archive it recorded first.
/// </summary>
public sealed partial class AuditArchiver(IAuditStore store, AuditPaths paths, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditArchiver> logger)
{
    /// <summary>Archives every record covered by the latest checkpoint signed before <paramref name="cutoff"/>; null if there is none new.</summary>
    public async Task<StoredArchive?> ArchiveBeforeAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        var archives = await store.ListArchivesAsync(ct);
        var start = archives.Count == 0 ? null : await store.GetCheckpointAsync(archives[^1].CheckpointId, ct);
        var from = start?.TreeSize ?? 0;
        var checkpoints = await store.ListCheckpointsAsync(long.MinValue, int.MaxValue, ct);
        var boundary = checkpoints.Where(c => c.TimeMs < cutoff.ToUnixTimeMilliseconds() && c.TreeSize > from).OrderBy(c => c.TreeSize).ThenBy(c => c.Id).LastOrDefault();
        if (boundary is null)
            return null;
        var covered = checkpoints.Where(c => c.TreeSize > from && c.TreeSize <= boundary.TreeSize && c.Id <= boundary.Id).OrderBy(c => c.Id).ToList();
        var timestamps = (await store.ListTimestampsAsync(covered[0].Id, boundary.Id, ct)).ToDictionary(t => t.CheckpointId);

        Directory.CreateDirectory(paths.Archive);
        var fileName = $"audit-{from.ToString("D12", CultureInfo.InvariantCulture)}-{(boundary.TreeSize - 1).ToString("D12", CultureInfo.InvariantCulture)}.jsonl";
        var path = Path.Combine(paths.Archive, fileName);
        var temporary = path + ".tmp";
        await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
        {
            await WriteAsync(file, from, start, covered, timestamps, ct);
            await file.FlushAsync(ct);
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
        byte[] digest;
        await using (var written = File.OpenRead(path))
            digest = await SHA256.HashDataAsync(written, ct);

        var archive = new StoredArchive(archives.Count + 1, from, boundary.TreeSize, fileName, digest, boundary.Id, time.GetUtcNow().ToUnixTimeMilliseconds());
        using (var writer = store.OpenWriter())
            writer.CompleteArchive(archive);
        LogArchived(from, boundary.TreeSize - 1, path);
        return archive;
    }

    private async Task WriteAsync(Stream file, long from, StoredCheckpoint? start, List<StoredCheckpoint> covered,
        Dictionary<long, StoredTimestamp> timestamps, CancellationToken ct)
    {
        var newline = "\n"u8.ToArray();
        async Task Line(Action<Utf8JsonWriter> write)
        {
            await using (var json = new Utf8JsonWriter(file))
            {
                json.WriteStartObject();
                write(json);
                json.WriteEndObject();
            }
            await file.WriteAsync(newline, ct);
        }

        await Line(j =>
        {
            j.WriteString("format", LogFileJson.ArchiveFormat);
            j.WriteString("origin", options.Value.Origin);
            j.WriteNumber("from", from);
            j.WriteNumber("to", covered[^1].TreeSize);
            j.WriteString("created", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        });
        foreach (var key in await store.ListKeysAsync(ct))
            await Line(j => { j.WriteString("type", "key"); j.WritePropertyName("key"); LogFileJson.WriteKey(j, key); });
        if (start is not null)
            await Line(j => { j.WriteString("type", "start"); j.WritePropertyName("checkpoint"); LogFileJson.WriteCheckpoint(j, start); });

        var next = 0;
        await foreach (var row in store.ReadRecordsAsync(from, covered[^1].TreeSize, ct))
        {
            await Line(j => { j.WriteString("type", "record"); LogFileJson.WriteRecordMembers(j, row); });
            while (next < covered.Count && covered[next].TreeSize == row.Seq + 1)
            {
                var checkpoint = covered[next++];
                await Line(j =>
                {
                    j.WriteString("type", "checkpoint");
                    j.WritePropertyName("checkpoint");
                    LogFileJson.WriteCheckpoint(j, checkpoint);
                    if (timestamps.TryGetValue(checkpoint.Id, out var token))
                    {
                        j.WriteStartObject("timestamp");
                        j.WriteBase64String("token", token.Token);
                        j.WriteNumber("timeMs", token.TimeMs);
                        j.WriteString("authority", token.Authority);
                        j.WriteEndObject();
                    }
                });
            }
        }

        var builder = new MerkleProofBuilder(await StoreSubtreeHashReader.CreateAsync(store, ct));
        var previous = start?.TreeSize ?? 0;
        foreach (var checkpoint in covered)
        {
            if (previous > 0 && checkpoint.TreeSize > previous)
            {
                var proof = await builder.ConsistencyProofAsync(previous, checkpoint.TreeSize, ct);
                var (a, b) = (previous, checkpoint.TreeSize);
                await Line(j => { j.WriteString("type", "consistency"); j.WriteNumber("firstSize", a); j.WriteNumber("secondSize", b); LogFileJson.WriteHashes(j, "proof", proof); });
            }
            previous = checkpoint.TreeSize;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Archived audit records {From} to {To} to {Path} and removed them from the store")]
    private partial void LogArchived(long from, long to, string path);
}
