using Microsoft.Extensions.Logging;
using SpbeConnector.Audit.Keys;
using SpbeConnector.Audit.Logging;
using SpbeConnector.Audit.Storage;
using SpbeConnector.Audit.Tree;

namespace SpbeConnector.Audit.Checkpoints;

/// <summary>
/// The audit log's signed checkpoints (Pasal 59 ayat (9) huruf e): when one is due (every
/// <see cref="AuditOptions.CheckpointInterval"/> or <see cref="AuditOptions.CheckpointEveryRecords"/>), signing the
/// writer's tree head with the checkpoint key, storing it, offering it to the time-stamping authority, and storing the
/// time-stamp tokens that come back. Used only on the writer thread (<see cref="AuditLogWriter"/>), which owns the
/// store writer; <see cref="Latest"/> may be read from any thread.
/// </summary>
internal sealed partial class AuditCheckpointer(
    AuditOptions options,
    AuditKeys keys,
    CheckpointTimestamper timestamper,
    TimeProvider time,
    string storeLocation,
    ILogger logger)
{
    private readonly ILogger _logger = logger;
    private StoredCheckpoint? _latest;
    private long _latestTimestamp;

    public StoredCheckpoint? Latest => Volatile.Read(ref _latest);

    /// <summary>Continues from the last checkpoint found in the store at start; the interval counts from now.</summary>
    public void Resume(StoredCheckpoint? last)
    {
        _latest = last;
        _latestTimestamp = time.GetTimestamp();
    }

    /// <summary>How long the writer may sleep before a checkpoint is due (infinite while the last one covers the tree).</summary>
    public TimeSpan UntilDue(MerkleFrontier frontier)
    {
        if (_latest is { } last && last.TreeSize == frontier.Size)
            return Timeout.InfiniteTimeSpan;
        var due = options.CheckpointInterval - time.GetElapsedTime(_latestTimestamp);
        return due < TimeSpan.Zero ? TimeSpan.Zero : due;
    }

    public bool IsDue(MerkleFrontier frontier)
    {
        var covered = _latest?.TreeSize ?? 0;
        if (frontier.Size == covered)
            return false;
        return frontier.Size - covered >= options.CheckpointEveryRecords
               || time.GetElapsedTime(_latestTimestamp) >= options.CheckpointInterval;
    }

    /// <summary>Signs and stores a checkpoint of <paramref name="frontier"/> unless the last one covers it; a failure is logged and retried later.</summary>
    public void TryCheckpoint(IAuditStoreWriter writer, MerkleFrontier frontier)
    {
        if (frontier.Size == 0 || _latest?.TreeSize == frontier.Size)
            return;
        try
        {
            var now = time.GetUtcNow();
            var number = (_latest?.Id ?? 0) + 1;
            var root = frontier.Root();
            var note = new CheckpointNote(options.Origin, frontier.Size, root, number, now).Sign(keys.CheckpointKey);
            var checkpoint = new StoredCheckpoint(number, frontier.Size, root, now.ToUnixTimeMilliseconds(), keys.CheckpointKey.KeyId, note, frontier.ToBytes());
            writer.AppendCheckpoint(checkpoint);
            Volatile.Write(ref _latest, checkpoint);
            _latestTimestamp = time.GetTimestamp();
            timestamper.Offer(checkpoint);
        }
        catch (Exception ex)
        {
            LogCheckpointFailed(ex, storeLocation);
        }
    }

    /// <summary>Stores the time-stamp tokens the authority has returned since the last call.</summary>
    public void WriteTimestamps(IAuditStoreWriter writer)
    {
        while (timestamper.TryTakeCompleted(out var timestamp))
        {
            try
            {
                writer.AppendTimestamp(timestamp);
            }
            catch (Exception ex)
            {
                LogTimestampWriteFailed(ex, timestamp.CheckpointId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not sign or store an audit checkpoint in {Store}; will retry at the next interval")]
    private partial void LogCheckpointFailed(Exception ex, string store);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store the time-stamp token of checkpoint {CheckpointId}")]
    private partial void LogTimestampWriteFailed(Exception ex, long checkpointId);
}
