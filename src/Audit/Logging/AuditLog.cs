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
/// Appending assigns the next sequence number under a short lock and queues the record (<see cref="AuditQueue"/>);
/// one writer thread (<see cref="AuditLogWriter"/>) drains the queue a group at a time (group commit) and lets the
/// <see cref="AuditCheckpointer"/> sign a checkpoint every <see cref="AuditOptions.CheckpointInterval"/> or
/// <see cref="AuditOptions.CheckpointEveryRecords"/>. A record's task completes when its group is on disk: strict mode
/// forwards a request only then.
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
    private readonly AuditClock _clock;
    private readonly TreeHeadSigner _heads;
    private readonly AuditQueue _queue;
    private readonly AuditCheckpointer _checkpoints;
    private readonly AuditLogWriter _writer;

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
        _queue = new AuditQueue(_options.MaxPendingRecords);
        _checkpoints = new AuditCheckpointer(_options, keys, timestamper, time, store.Location, logger);
        _writer = new AuditLogWriter(_queue, _checkpoints, heads, store.Location, logger);
        timestamper.Completed = () => _queue.Wake.Set();
    }

    public AuditMode Mode => _options.Mode;

    public bool IsEnabled => _options.Mode != AuditMode.Off;

    public IAuditStore Store => _store;

    /// <summary>How many groups (transactions, flushes) the writer has committed: fewer than records under load.</summary>
    public long GroupsWritten => _writer.GroupsWritten;

    /// <summary>How many records are on disk.</summary>
    public long DurableSize => _writer.DurableSize;

    public StoredCheckpoint? LatestCheckpoint => _checkpoints.Latest;

    /// <summary>
    /// Why the log stopped appending while the gateway runs (its store changed under it), or null while it appends.
    /// Strict-mode requests are then refused at once and the readiness check reports it, until an operator restarts.
    /// </summary>
    public string? HaltReason => _queue.HaltReason;

    /// <summary>Queues a record and assigns its sequence number. Never blocks; wait on the ticket for durability.</summary>
    public AppendTicket Append(PendingAuditRecord record) => _queue.Append(record);

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
        if (!_queue.RequestCheckpoint(done))
            return LatestCheckpoint;
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
        var lease = _store.AcquireWriterLease();
        var writer = _store.OpenWriter();
        var newKeys = new List<SigningKey>();
        foreach (var key in new[] { _keys.CheckpointKey, _keys.ReceiptKey })
        {
            var stored = new StoredKey(key.KeyId, key.Purpose, key.SubjectPublicKeyInfo, key.Certificate.RawData, _time.GetUtcNow().ToUnixTimeMilliseconds());
            if (writer.RegisterKey(stored))
                newKeys.Add(key);
        }

        var recovery = await AuditLogRecovery.RecoverAsync(_store, cancellationToken);
        _checkpoints.Resume(recovery.LastCheckpoint);
        _queue.ContinueAt(recovery.Frontier.Size);
        if (recovery.RecordsAfterCheckpoint > 0)
            LogRecovered(recovery.RecordsAfterCheckpoint, recovery.LastCheckpoint?.Id ?? 0);

        _writer.Start(writer, lease, recovery.Frontier);
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
        LogStarted(_options.Mode, _store.Location, _writer.Size, _keys.CheckpointKey.KeyId);
    }

    /// <summary>How long the stop waits for the queue to be written and the final checkpoint signed, whatever the host's timeout.</summary>
    public static readonly TimeSpan FinalFlushTimeout = TimeSpan.FromSeconds(15);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!IsEnabled || !_writer.Started || _writer.Exited.IsCompleted)
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
        _queue.Stop();
        await _writer.Exited.WaitAsync(flush.Token).ConfigureAwait(false);
        _heads.Stop();
    }

    public void Dispose() => _queue.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit log started in {Mode} mode: {Store}, {Records} records, checkpoint key {KeyId}")]
    private partial void LogStarted(AuditMode mode, string store, long records, string keyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The audit log is switched off (Audit:Mode=Off): exchanges are not recorded and receipts carry no record id. Use Strict in production (Pasal 59 ayat (9) huruf d)")]
    private partial void LogAuditOff();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The previous run of the gateway ended without a clean stop; {Records} records written after checkpoint {CheckpointId} were re-hashed and will be covered by a new checkpoint")]
    private partial void LogRecovered(long records, long checkpointId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The previous run of the gateway did not stop cleanly (no stop record); the start record says so")]
    private partial void LogUncleanShutdown();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit record {Seq} was not durable within {TimeoutMs} ms; the request is refused (strict mode). Check the audit store's disk")]
    private partial void LogDurabilityTimeout(long seq, double timeoutMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write the stop record of the audit log")]
    private partial void LogStopRecordFailed(Exception ex);
}
