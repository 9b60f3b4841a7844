namespace SpbeConnector.Audit.Records;

/// <summary>
/// A record waiting to be written: its JSON body, serialised on the request's thread (everything but the sequence
/// number, which the log inserts as the first member when it assigns it), and the columns the store indexes.
/// </summary>
public sealed class PendingAuditRecord(byte[] body, string type, long timeMs)
{
    /// <summary>A JSON object, starting with <c>{</c>, without <c>seq</c>.</summary>
    public byte[] Body { get; } = body;

    public string Type { get; } = type;
    public long TimeMs { get; } = timeMs;
    public string? RequestId { get; init; }
    public string? ClientId { get; init; }
    public string? ClientOpd { get; init; }
    public string? Api { get; init; }
    public string? ApiOpd { get; init; }
    public int? Status { get; init; }
    public string? RefusedBy { get; init; }

    /// <summary>Set on a receipt record: the batched receipt the writer and the tree-head signer complete for it.</summary>
    public Receipts.PendingReceipt? Receipt { get; init; }

    /// <summary>Assigned by the log when the record is queued.</summary>
    public long Seq { get; internal set; } = -1;
}
