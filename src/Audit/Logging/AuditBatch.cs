using SpbeConnector.Audit.Records;

namespace SpbeConnector.Audit.Logging;

/// <summary>
/// The records queued while the writer flushed the previous group: written together in one transaction, completed
/// together. One task per group rather than per record keeps the request path free of allocations for durability.
/// </summary>
internal sealed class AuditBatch
{
    // Continuations run on the thread pool, never on the writer thread.
    private readonly TaskCompletionSource _durable = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<PendingAuditRecord> Records { get; } = new(256);

    public Task Durable => _durable.Task;

    public void MarkDurable() => _durable.TrySetResult();

    /// <summary>The group will never be written: whoever waits on it, or on a receipt of one of its records, is told so at once.</summary>
    public void Fail(Exception reason)
    {
        _durable.TrySetException(reason);
        foreach (var record in Records)
            record.Receipt?.Fail(reason);
    }
}
