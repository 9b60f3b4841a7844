using SpbeConnector.Audit.Tree;

namespace SpbeConnector.Audit.Receipts;

/// <summary>
/// A receipt record waiting for its batched receipt: the log's writer fills in the record's bytes and the frontier
/// before its leaf when it writes it; the <see cref="TreeHeadSigner"/> completes it once a tree head that holds the
/// durable record is signed.
/// </summary>
public sealed class PendingReceipt
{
    // Continuations run on the thread pool, never on the signer's thread.
    private readonly TaskCompletionSource<InclusionReceipt> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The record's leaf index (its sequence number), set by the writer.</summary>
    public long LeafIndex { get; internal set; } = -1;

    /// <summary>The record's canonical bytes (the leaf data), set by the writer.</summary>
    public byte[] Entry { get; internal set; } = [];

    /// <summary>The frontier at the record's leaf index: exactly the left siblings of its inclusion path.</summary>
    internal IReadOnlyList<MerkleSubtree> LeftSiblings { get; set; } = [];

    public Task<InclusionReceipt> Task => _done.Task;

    internal void Complete(InclusionReceipt receipt) => _done.TrySetResult(receipt);

    internal void Fail(Exception reason) => _done.TrySetException(reason);
}
