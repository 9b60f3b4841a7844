namespace SpbeConnector.Audit.Storage;

/// <summary>
/// The store's next sequence number is not the one the writer holds: something else appended to (or removed from) the
/// log since this writer started, typically a second gateway process on the same store. Retrying cannot succeed and
/// appending on top would sign over records this writer never hashed, so the log stops appending.
/// </summary>
public sealed class AuditStoreChangedException(string store, long expected, long found)
    : Exception($"The audit store {store} changed under its writer: the next record should be {expected}, the store's next is {found}.")
{
    public long Expected { get; } = expected;
    public long Found { get; } = found;
}
