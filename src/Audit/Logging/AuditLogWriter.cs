using Microsoft.Extensions.Logging;
using SpbeConnector.Audit.Checkpoints;
using SpbeConnector.Audit.Receipts;
using SpbeConnector.Audit.Storage;
using SpbeConnector.Audit.Tree;

namespace SpbeConnector.Audit.Logging;

/// <summary>
/// The audit log's one writer thread. It drains the queue a group at a time: every record queued while the previous
/// group was flushed shares one transaction and one flush (group commit), and the group's task completes when it is
/// on disk (strict mode forwards a request only then). It keeps the tree's right edge (<see cref="MerkleFrontier"/>)
/// in memory and computes the leaf hashes itself, so a record changed in the store after it was written no longer
/// matches the next checkpoint; it hands each durable group to the tree-head signer (batched receipts) and lets the
/// <see cref="AuditCheckpointer"/> sign a checkpoint when one is due. A write that fails is retried with back-off; a
/// store another process appended to halts the log.
/// </summary>
internal sealed partial class AuditLogWriter(
    AuditQueue queue,
    AuditCheckpointer checkpoints,
    TreeHeadSigner heads,
    string storeLocation,
    ILogger logger)
{
    private readonly ILogger _logger = logger;
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IAuditStoreWriter? _writer;
    private IDisposable? _lease;
    private MerkleFrontier _frontier = new();
    private long _durableSize;
    private long _groupsWritten;
    private Thread? _thread;

    public bool Started => _thread is not null;

    /// <summary>Completes when the thread has ended (after a stop or a halt) and released the store.</summary>
    public Task Exited => _exited.Task;

    public long GroupsWritten => Volatile.Read(ref _groupsWritten);

    public long DurableSize => Volatile.Read(ref _durableSize);

    /// <summary>The number of records in the tree (on the writer thread once started).</summary>
    public long Size => _frontier.Size;

    /// <summary>Starts the thread at the recovered tree; the writer and the lease are released when it ends.</summary>
    public void Start(IAuditStoreWriter writer, IDisposable lease, MerkleFrontier frontier)
    {
        _writer = writer;
        _lease = lease;
        _frontier = frontier;
        _durableSize = frontier.Size;
        _thread = new Thread(Loop) { IsBackground = true, Name = "audit-log-writer" };
        _thread.Start();
    }

    private void Loop()
    {
        var backoff = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            queue.Wake.Wait(checkpoints.UntilDue(_frontier));
            queue.Wake.Reset();

            var batch = queue.Take(out var stopping);
            if (batch is not null)
            {
                bool written;
                while (!(written = TryWrite(batch)) && queue.HaltReason is null)
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
                if (!written && queue.HaltReason is not null)
                {
                    Halt(batch);
                    break;
                }
            }

            checkpoints.WriteTimestamps(_writer!);
            if (queue.HasCheckpointRequests || stopping || checkpoints.IsDue(_frontier))
                checkpoints.TryCheckpoint(_writer!, _frontier);
            queue.CompleteCheckpointRequests(checkpoints.Latest);

            if (stopping && queue.TryClose(checkpoints.Latest))
                break;
        }
        _writer?.Dispose();
        _lease?.Dispose();
        _exited.TrySetResult();
    }

    private bool TryWrite(AuditBatch batch)
    {
        try
        {
            var frontier = _frontier.Clone();
            var rows = new List<AuditRecordRow>(batch.Records.Count);
            var nodes = new List<MerkleSubtree>();
            var leaves = heads.Enabled ? new List<byte[]>(batch.Records.Count) : null;
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
                heads.OnDurable(new DurableGroup(batch.Records[0].Seq, leaves, receipts, frontier.Size, frontier.Root()));
            return true;
        }
        catch (AuditStoreChangedException ex)
        {
            queue.SetHaltReason("The audit log stopped appending: another process wrote to its store.");
            LogStoreChanged(storeLocation, ex.Expected, ex.Found);
            return false;
        }
        catch (Exception ex)
        {
            LogWriteFailed(ex, batch.Records.Count, storeLocation);
            return false;
        }
    }

    /// <summary>
    /// Stops appending for good (until a restart): the batch in hand and every record queued after it are refused at
    /// once rather than retried forever, and later appends throw. The writer thread then ends.
    /// </summary>
    private void Halt(AuditBatch failed)
    {
        var reason = new AuditUnavailableException(queue.HaltReason!);
        var queued = queue.Halt(checkpoints.Latest);
        failed.Fail(reason);
        queued?.Fail(reason);
        LogRecordsLost(failed.Records.Count + (queued?.Records.Count ?? 0));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write {Count} audit records to {Store}; retrying. In strict mode requests are refused with 503 until the store accepts writes again (check disk space and permissions)")]
    private partial void LogWriteFailed(Exception ex, int count, string store);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The audit store {Store} changed under this gateway's writer: its next record should be {Expected} but the store's next is {Found}, so another process appended to it (or removed from it). The audit log has stopped appending and strict-mode requests are refused with 503: appending on top would sign over records this writer never hashed. Stop every other gateway process on this data directory or store (only one may write it), run 'audit verify' on it, then restart this gateway")]
    private partial void LogStoreChanged(string store, long expected, long found);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Count} audit records could not be written before the gateway stopped: they are lost. Check the audit store's disk")]
    private partial void LogRecordsLost(int count);
}
