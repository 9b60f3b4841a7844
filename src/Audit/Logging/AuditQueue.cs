using SpbeConnector.Audit.Records;
using SpbeConnector.Audit.Storage;

namespace SpbeConnector.Audit.Logging;

/// <summary>
/// What callers hand the audit log's writer: the open group of records (each numbered as it is queued, under a short
/// lock), the requests for a checkpoint covering a given size, the stop and halt flags, and the event that wakes the
/// writer. The writer takes the whole open group at once (group commit, <see cref="AuditLogWriter"/>).
/// </summary>
internal sealed class AuditQueue(int maxPendingRecords) : IDisposable
{
    private readonly object _gate = new();
    private readonly List<(long MinSize, TaskCompletionSource<StoredCheckpoint?> Done)> _checkpointRequests = [];
    private AuditBatch _open = new();
    private long _nextSeq;
    private bool _stopping;
    private bool _closed;
    private string? _haltReason;

    /// <summary>Set whenever there is something for the writer to do.</summary>
    public ManualResetEventSlim Wake { get; } = new(false);

    /// <summary>Why the log stopped appending while the gateway runs, or null while it appends.</summary>
    public string? HaltReason => Volatile.Read(ref _haltReason);

    /// <summary>The next record continues the log at <paramref name="size"/> (before the writer starts).</summary>
    public void ContinueAt(long size) => _nextSeq = size;

    /// <summary>Numbers and queues a record. Never blocks; throws once the log no longer appends.</summary>
    public AppendTicket Append(PendingAuditRecord record)
    {
        AuditBatch batch;
        bool mustWait;
        lock (_gate)
        {
            if (_closed)
                throw new AuditUnavailableException(_haltReason ?? "The audit log has stopped.");
            record.Seq = _nextSeq++;
            batch = _open;
            batch.Records.Add(record);
            mustWait = batch.Records.Count >= maxPendingRecords;
        }
        if (!Wake.IsSet)
            Wake.Set();
        return new AppendTicket(record.Seq, batch.Durable, mustWait);
    }

    /// <summary>Asks for a checkpoint covering every record queued so far; false once the log no longer appends.</summary>
    public bool RequestCheckpoint(TaskCompletionSource<StoredCheckpoint?> done)
    {
        lock (_gate)
        {
            if (_closed)
                return false;
            _checkpointRequests.Add((_nextSeq, done));
        }
        Wake.Set();
        return true;
    }

    public bool HasCheckpointRequests
    {
        get
        {
            lock (_gate)
                return _checkpointRequests.Count > 0;
        }
    }

    /// <summary>After this, the writer writes what is queued, signs a last checkpoint and ends.</summary>
    public void Stop()
    {
        lock (_gate)
            _stopping = true;
        Wake.Set();
    }

    /// <summary>The writer's turn: the open group if it holds records (a new one opens), and whether to stop.</summary>
    public AuditBatch? Take(out bool stopping)
    {
        lock (_gate)
        {
            stopping = _stopping;
            if (_open.Records.Count == 0)
                return null;
            var batch = _open;
            _open = new AuditBatch();
            return batch;
        }
    }

    /// <summary>Completes the checkpoint requests that <paramref name="latest"/> covers.</summary>
    public void CompleteCheckpointRequests(StoredCheckpoint? latest)
    {
        lock (_gate)
        {
            var covered = latest?.TreeSize ?? 0;
            for (var i = _checkpointRequests.Count - 1; i >= 0; i--)
            {
                var (minSize, done) = _checkpointRequests[i];
                if (minSize <= covered)
                {
                    done.TrySetResult(latest);
                    _checkpointRequests.RemoveAt(i);
                }
            }
            if (_checkpointRequests.Count > 0)
                Wake.Set(); // the records they wait for are queued: go round again
        }
    }

    /// <summary>On stop: closes the queue if nothing was queued since the last group (else the writer goes round again).</summary>
    public bool TryClose(StoredCheckpoint? latest)
    {
        lock (_gate)
        {
            if (_open.Records.Count > 0)
                return false;
            CloseLocked(latest);
            return true;
        }
    }

    /// <summary>
    /// Stops appending for good (until a restart), for the reason set before (<see cref="SetHaltReason"/>): later
    /// appends throw it, and the records queued but not taken are handed back to be refused.
    /// </summary>
    public AuditBatch? Halt(StoredCheckpoint? latest)
    {
        lock (_gate)
        {
            var queued = _open.Records.Count > 0 ? _open : null;
            _open = new AuditBatch();
            CloseLocked(latest);
            return queued;
        }
    }

    /// <summary>Records why appending must stop, before the writer halts (<see cref="Halt"/>).</summary>
    public void SetHaltReason(string reason) => Volatile.Write(ref _haltReason, reason);

    private void CloseLocked(StoredCheckpoint? latest)
    {
        _closed = true;
        foreach (var (_, done) in _checkpointRequests)
            done.TrySetResult(latest);
        _checkpointRequests.Clear();
    }

    public void Dispose() => Wake.Dispose();
}
