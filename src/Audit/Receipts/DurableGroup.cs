namespace SpbeConnector.Audit.Receipts;

/// <summary>
/// A group of records the log's writer has just made durable, as the tree-head signer needs it: the leaf hashes from
/// <see cref="FirstLeaf"/> on, the receipt records among them, and the tree head after them.
/// </summary>
public sealed record DurableGroup(long FirstLeaf, IReadOnlyList<byte[]> Leaves, IReadOnlyList<PendingReceipt> Receipts, long TreeSize, byte[] Root);
