using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpbeConnector.Audit.Checkpoints;
using SpbeConnector.Audit.Keys;
using SpbeConnector.Audit.Receipts;
using SpbeConnector.Audit.Records;
using SpbeConnector.Audit.Storage;
using SpbeConnector.Audit.Time;
using SpbeConnector.Audit.Tree;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Audit.Logging;

/// <summary>
/// The audit log (Pasal 59 ayat (9) huruf d and e; Pasal 60 ayat (3) huruf j): an append-only sequence of records, the
/// leaves of an RFC 6962 Merkle tree, with signed checkpoints.
///
/// Appending assigns the next sequence number under a short lock and queues the record; one writer thread drains
/// the queue, so every group of records queued while the previous group was flushed shares one transaction and one
/// flush (group commit). A record's task completes when its group is on disk: strict mode forwards a request only
/// then. The writer keeps the tree's right edge (<see cref="MerkleFrontier"/>) in memory, computes the leaf hashes
/// itself (so a record changed in the store after it was written no longer matches the next checkpoint) and signs a
/// checkpoint every <see cref="AuditOptions.CheckpointInterval"/> or <see cref="AuditOptions.CheckpointEveryRecords"/>.
///
/// At start the log resumes from its last signed checkpoint and re-hashes every record written after it: a store
/// changed behind the gateway's back stops the start instead of being signed over.
/// </summary>
public sealed partial class AuditLog : IAuditTrail, IHostedService, IDisposable
{
    private readonly IAuditStore _store;
    private readonly AuditKeys _keys;
    private readonly ControlEventRecord _controlEvents;
    private readonly AuditOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AuditLog> _logger;
    private readonly CheckpointTimestamper _timestamper;
    private readonly AuditClock _clock;
    private readonly TreeHeadSigner _heads;

    private readonly object _gate = new();
    private readonly ManualResetEventSlim _wake = new(false);
    private readonly List<(long MinSize, TaskCompletionSource<StoredCheckpoint?> Done)> _checkpointRequests = [];
    private readonly TaskCompletionSource _writerExited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private AuditBatch _open = new();
    private long _nextSeq;
    private bool _stopping;
    private bool _writerGone;
    private string? _haltReason;

    // Owned by the writer thread once started.
    private IAuditStoreWriter? _writer;
    private IDisposable? _writerLease;
    private MerkleFrontier _frontier = new();
    private StoredCheckpoint? _lastCheckpoint;
    private long _lastCheckpointTimestamp;
    private long _durableSize;
    private long _groupsWritten;
    private Thread? _thread;

    public AuditLog(
        IAuditStore store,
        AuditKeys keys,
        ControlEventRecord controlEvents,
        IOptions<AuditOptions> options,
        TimeProvider time,
        ILogger<AuditLog> logger,
        CheckpointTimestamper timestamper,
        AuditClock clock,
        TreeHeadSigner heads)
    {
        _clock = clock;
        _heads = heads;
        _store = store;
        _keys = keys;
        _controlEvents = controlEvents;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _timestamper = timestamper;
        timestamper.Completed = () => _wake.Set();
    }

    public AuditMode Mode => _options.Mode;

    public bool IsEnabled => _options.Mode != AuditMode.Off;

    public IAuditStore Store => _store;

    /// <summary>How many groups (transactions, flushes) the writer has committed: fewer than records under load.</summary>
    public long GroupsWritten => Volatile.Read(ref _groupsWritten);

    /// <summary>How many records are on disk.</summary>
    public long DurableSize => Volatile.Read(ref _durableSize);

    public StoredCheckpoint? LatestCheckpoint => Volatile.Read(ref _lastCheckpoint);

    /// <summary>
    /// Why the log stopped appending while the gateway runs (its store changed under it), or null while it appends.
    /// Strict-mode requests are then refused at once and the readiness check reports it, until an operator restarts.
    /// </summary>
    public string? HaltReason => Volatile.Read(ref _haltReason);

    /// <summary>Queues a record and assigns its sequence number. Never blocks; wait on the ticket for durability.</summary>
    public AppendTicket Append(PendingAuditRecord record)
    {
        AuditBatch batch;
        bool mustWait;
        lock (_gate)
        {
            if (_writerGone)
                throw new AuditUnavailableException(_haltReason ?? "The audit log has stopped.");
            record.Seq = _nextSeq++;
            batch = _open;
            batch.Records.Add(record);
            mustWait = batch.Records.Count >= _options.MaxPendingRecords;
        }
        if (!_wake.IsSet)
            _wake.Set();
        return new AppendTicket(record.Seq, batch.Durable, mustWait);
    }

    /// <summary>Waits until the ticket's record is durable, or throws <see cref="AuditUnavailableException"/> after the durability timeout.</summary>
    public async ValueTask WaitDurableAsync(AppendTicket ticket, CancellationToken ct)
    {
        if (ticket.Durable.IsCompleted)
            return;
        try
        {
            await ticket.Durable.WaitAsync(_options.DurabilityTimeout, _time, ct);
        }
        catch (TimeoutException)
        {
            LogDurabilityTimeout(ticket.Seq, _options.DurabilityTimeout.TotalMilliseconds);
            throw new AuditUnavailableException("The audit log did not make the record durable in time.");
        }
    }

    /// <summary>Whether the caller of <see cref="Append"/> must wait for durability before going on.</summary>
    public bool MustWait(AppendTicket ticket) => _options.Mode == AuditMode.Strict || ticket.MustWait;

    public async ValueTask<long?> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        if (!IsEnabled)
            return null;
        var ticket = Append(_controlEvents.Create(auditEvent));
        if (MustWait(ticket))
            await WaitDurableAsync(ticket, cancellationToken);
        return ticket.Seq;
    }

    /// <summary>
    /// Signs a checkpoint covering at least every record queued so far (or returns the latest if it already does), for
    /// exports and proofs that must cover recent records.
    /// </summary>
    public async Task<StoredCheckpoint?> CheckpointNowAsync(CancellationToken ct)
    {
        if (!IsEnabled)
            return null;
        var done = new TaskCompletionSource<StoredCheckpoint?>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_writerGone)
                return LatestCheckpoint;
            _checkpointRequests.Add((_nextSeq, done));
        }
        _wake.Set();
        return await done.Task.WaitAsync(_options.DurabilityTimeout + TimeSpan.FromSeconds(5), _time, ct);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _clock.Check(); // warns now if the system clock is not synchronised (Pasal 59 ayat (9) huruf h)
        if (!IsEnabled)
        {
            LogAuditOff();
            return;
        }
        await _store.MigrateAsync(cancellationToken);
        // Before anything is written: the start fails, naming the store, while another process writes this log.
        _writerLease = _store.AcquireWriterLease();
        _writer = _store.OpenWriter();
        var newKeys = new List<SigningKey>();
        foreach (var key in new[] { _keys.CheckpointKey, _keys.ReceiptKey })
        {
            var stored = new StoredKey(key.KeyId, key.Purpose, key.SubjectPublicKeyInfo, key.Certificate.RawData, _time.GetUtcNow().ToUnixTimeMilliseconds());
            if (_writer.RegisterKey(stored))
                newKeys.Add(key);
        }

        var recovery = await AuditLogRecovery.RecoverAsync(_store, cancellationToken);
        _frontier = recovery.Frontier;
        _lastCheckpoint = recovery.LastCheckpoint;
        _lastCheckpointTimestamp = _time.GetTimestamp();
        _nextSeq = recovery.Frontier.Size;
        _durableSize = recovery.Frontier.Size;
        if (recovery.RecordsAfterCheckpoint > 0)
            LogRecovered(recovery.RecordsAfterCheckpoint, recovery.LastCheckpoint?.Id ?? 0);

        _thread = new Thread(WriterLoop) { IsBackground = true, Name = "audit-log-writer" };
        _thread.Start();

        var shutdown = recovery.LastRecordType switch
        {
            null => "first-start",
            AuditRecordTypes.GatewayStop => "clean",
            _ => "unclean",
        };
        if (shutdown == "unclean")
            LogUncleanShutdown();
        await AppendAsync(new AuditEvent(AuditRecordTypes.GatewayStart, "start", "succeeded", Details: new Dictionary<string, string?>
        {
            ["mode"] = _options.Mode.ToString().ToLowerInvariant(),
            ["previousShutdown"] = shutdown,
            ["recoveredRecords"] = recovery.RecordsAfterCheckpoint.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["version"] = typeof(AuditLog).Assembly.GetName().Version?.ToString(),
        }), cancellationToken);
        foreach (var key in newKeys)
        {
            await AppendAsync(new AuditEvent(AuditRecordTypes.Key, "register", "succeeded", Target: key.KeyId, Details: new Dictionary<string, string?>
            {
                ["purpose"] = key.Purpose,
                ["subjectPublicKeyInfo"] = Convert.ToBase64String(key.SubjectPublicKeyInfo),
                ["certificateSubject"] = key.Certificate.Subject,
                ["certificateSha256"] = key.Certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256),
            }), cancellationToken);
        }
        if (recovery.RecordsAfterCheckpoint > 0)
            await CheckpointNowAsync(cancellationToken);
        LogStarted(_options.Mode, _store.Location, _frontier.Size, _keys.CheckpointKey.KeyId);
    }

    /// <summary>How long the stop waits for the queue to be written and the final checkpoint signed, whatever the host's timeout.</summary>
    public static readonly TimeSpan FinalFlushTimeout = TimeSpan.FromSeconds(15);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!IsEnabled || _thread is null || _writerExited.Task.IsCompleted)
            return;
        // The host's token may be spent by the time the log stops: the server drained in-flight requests first, up to
        // the whole shutdown timeout. The records of those requests must still reach the store and a final checkpoint
        // (Pasal 59 ayat (9): the log proves every exchange), so the last flush has a budget of its own.
        using var flush = new CancellationTokenSource(FinalFlushTimeout);
        try
        {
            await AppendAsync(new AuditEvent(AuditRecordTypes.GatewayStop, "stop", "succeeded"), flush.Token);
        }
        catch (Exception ex) when (ex is AuditUnavailableException or OperationCanceledException)
        {
            LogStopRecordFailed(ex);
        }
        lock (_gate)
            _stopping = true;
        _wake.Set();
        await _writerExited.Task.WaitAsync(flush.Token).ConfigureAwait(false);
        _heads.Stop();
    }

    private void WriterLoop()
    {
        var backoff = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            _wake.Wait(UntilCheckpointDue());
            _wake.Reset();

            AuditBatch? batch = null;
            bool stopping;
            lock (_gate)
            {
                if (_open.Records.Count > 0)
                {
                    batch = _open;
                    _open = new AuditBatch();
                }
                stopping = _stopping;
            }

            if (batch is not null)
            {
                bool written;
                while (!(written = TryWrite(batch)) && _haltReason is null)
                {
                    if (stopping && backoff >= TimeSpan.FromSeconds(5))
                    {
                        LogRecordsLost(batch.Records.Count);
                        break;
                    }
                    Thread.Sleep(backoff);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
                }
                backoff = TimeSpan.FromMilliseconds(50);
                if (!written && _haltReason is not null)
                {
                    Halt(batch);
                    break;
                }
            }

            WriteTimestamps();
            bool checkpointRequested;
            lock (_gate)
                checkpointRequested = _checkpointRequests.Count > 0;
            if (checkpointRequested || stopping || CheckpointDue())
                TryCheckpoint();
            CompleteCheckpointRequests();

            if (stopping)
            {
                lock (_gate)
                {
                    if (_open.Records.Count == 0)
                    {
                        _writerGone = true;
                        foreach (var (_, done) in _checkpointRequests)
                            done.TrySetResult(_lastCheckpoint);
                        _checkpointRequests.Clear();
                        break;
                    }
                }
            }
        }
        _writer?.Dispose();
        _writerLease?.Dispose();
        _writerExited.TrySetResult();
    }

    private bool TryWrite(AuditBatch batch)
    {
        try
        {
            var frontier = _frontier.Clone();
            var rows = new List<AuditRecordRow>(batch.Records.Count);
            var nodes = new List<MerkleSubtree>();
            var leaves = _heads.Enabled ? new List<byte[]>(batch.Records.Count) : null;
            var receipts = new List<PendingReceipt>();
            foreach (var record in batch.Records)
            {
                var bytes = AuditRecordBytes.Compose(record.Seq, record.Body);
                var leaf = MerkleHash.Leaf(bytes);
                leaves?.Add(leaf);
                if (record.Receipt is { } receipt)
                {
                    // The frontier before the leaf is exactly the left half of its inclusion path (InclusionPathBuilder).
                    receipt.LeafIndex = record.Seq;
                    receipt.Entry = bytes;
                    receipt.LeftSiblings = frontier.Subtrees.ToArray();
                    receipts.Add(receipt);
                }
                frontier.Append(leaf, node =>
                {
                    if (StoredNodeLevels.Keeps(node))
                        nodes.Add(node);
                });
                rows.Add(new AuditRecordRow(record.Seq, record.TimeMs, record.Type, record.RequestId, record.ClientId, record.ClientOpd,
                    record.Api, record.ApiOpd, record.Status, record.RefusedBy, bytes, leaf));
            }
            _writer!.AppendRecords(rows, nodes);
            _frontier = frontier;
            Volatile.Write(ref _durableSize, frontier.Size);
            Interlocked.Increment(ref _groupsWritten);
            batch.MarkDurable();
            if (leaves is not null)
                _heads.OnDurable(new DurableGroup(batch.Records[0].Seq, leaves, receipts, frontier.Size, frontier.Root()));
            return true;
        }
        catch (AuditStoreChangedException ex)
        {
            Volatile.Write(ref _haltReason, "The audit log stopped appending: another process wrote to its store.");
            LogStoreChanged(_store.Location, ex.Expected, ex.Found);
            return false;
        }
        catch (Exception ex)
        {
            LogWriteFailed(ex, batch.Records.Count, _store.Location);
            return false;
        }
    }

    /// <summary>
    /// Stops appending for good (until a restart): the batch in hand and every record queued after it are refused at
    /// once rather than retried forever, and later appends throw. The writer thread then ends.
    /// </summary>
    private void Halt(AuditBatch failed)
    {
        var reason = new AuditUnavailableException(_haltReason!);
        AuditBatch? queued;
        lock (_gate)
        {
            _writerGone = true;
            queued = _open.Records.Count > 0 ? _open : null;
            _open = new AuditBatch();
            foreach (var (_, done) in _checkpointRequests)
                done.TrySetResult(_lastCheckpoint);
            _checkpointRequests.Clear();
        }
        failed.Fail(reason);
        queued?.Fail(reason);
        LogRecordsLost(failed.Records.Count + (queued?.Records.Count ?? 0));
    }

    private TimeSpan UntilCheckpointDue()
    {
        if (_lastCheckpoint is { } last && last.TreeSize == _frontier.Size)
            return Timeout.InfiniteTimeSpan;
        var due = _options.CheckpointInterval - _time.GetElapsedTime(_lastCheckpointTimestamp);
        return due < TimeSpan.Zero ? TimeSpan.Zero : due;
    }

    private bool CheckpointDue()
    {
        var covered = _lastCheckpoint?.TreeSize ?? 0;
        if (_frontier.Size == covered)
            return false;
        return _frontier.Size - covered >= _options.CheckpointEveryRecords
               || _time.GetElapsedTime(_lastCheckpointTimestamp) >= _options.CheckpointInterval;
    }

    private void TryCheckpoint()
    {
        if (_frontier.Size == 0 || _lastCheckpoint?.TreeSize == _frontier.Size)
            return;
        try
        {
            var now = _time.GetUtcNow();
            var number = (_lastCheckpoint?.Id ?? 0) + 1;
            var root = _frontier.Root();
            var note = new CheckpointNote(_options.Origin, _frontier.Size, root, number, now).Sign(_keys.CheckpointKey);
            var checkpoint = new StoredCheckpoint(number, _frontier.Size, root, now.ToUnixTimeMilliseconds(), _keys.CheckpointKey.KeyId, note, _frontier.ToBytes());
            _writer!.AppendCheckpoint(checkpoint);
            Volatile.Write(ref _lastCheckpoint, checkpoint);
            _lastCheckpointTimestamp = _time.GetTimestamp();
            _timestamper.Offer(checkpoint);
        }
        catch (Exception ex)
        {
            LogCheckpointFailed(ex, _store.Location);
        }
    }

    private void CompleteCheckpointRequests()
    {
        lock (_gate)
        {
            var covered = _lastCheckpoint?.TreeSize ?? 0;
            for (var i = _checkpointRequests.Count - 1; i >= 0; i--)
            {
                var (minSize, done) = _checkpointRequests[i];
                if (minSize <= covered)
                {
                    done.TrySetResult(_lastCheckpoint);
                    _checkpointRequests.RemoveAt(i);
                }
            }
            if (_checkpointRequests.Count > 0)
                _wake.Set(); // the records they wait for are queued: go round again
        }
    }

    private void WriteTimestamps()
    {
        while (_timestamper.TryTakeCompleted(out var timestamp))
        {
            try
            {
                _writer!.AppendTimestamp(timestamp);
            }
            catch (Exception ex)
            {
                LogTimestampWriteFailed(ex, timestamp.CheckpointId);
            }
        }
    }

    public void Dispose() => _wake.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit log started in {Mode} mode: {Store}, {Records} records, checkpoint key {KeyId}")]
    private partial void LogStarted(AuditMode mode, string store, long records, string keyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The audit log is switched off (Audit:Mode=Off): exchanges are not recorded and receipts carry no record id. Use Strict in production (Pasal 59 ayat (9) huruf d)")]
    private partial void LogAuditOff();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The previous run of the gateway ended without a clean stop; {Records} records written after checkpoint {CheckpointId} were re-hashed and will be covered by a new checkpoint")]
    private partial void LogRecovered(long records, long checkpointId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The previous run of the gateway did not stop cleanly (no stop record); the start record says so")]
    private partial void LogUncleanShutdown();

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write {Count} audit records to {Store}; retrying. In strict mode requests are refused with 503 until the store accepts writes again (check disk space and permissions)")]
    private partial void LogWriteFailed(Exception ex, int count, string store);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The audit store {Store} changed under this gateway's writer: its next record should be {Expected} but the store's next is {Found}, so another process appended to it (or removed from it). The audit log has stopped appending and strict-mode requests are refused with 503: appending on top would sign over records this writer never hashed. Stop every other gateway process on this data directory or store (only one may write it), run 'audit verify' on it, then restart this gateway")]
    private partial void LogStoreChanged(string store, long expected, long found);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Count} audit records could not be written before the gateway stopped: they are lost. Check the audit store's disk")]
    private partial void LogRecordsLost(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not sign or store an audit checkpoint in {Store}; will retry at the next interval")]
    private partial void LogCheckpointFailed(Exception ex, string store);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit record {Seq} was not durable within {TimeoutMs} ms; the request is refused (strict mode). Check the audit store's disk")]
    private partial void LogDurabilityTimeout(long seq, double timeoutMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write the stop record of the audit log")]
    private partial void LogStopRecordFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store the time-stamp token of checkpoint {CheckpointId}")]
    private partial void LogTimestampWriteFailed(Exception ex, long checkpointId);
}
