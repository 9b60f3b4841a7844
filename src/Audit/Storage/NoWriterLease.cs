namespace SpbeConnector.Audit.Storage;

/// <summary>The lease of a store whose single writer is already guaranteed by something else (see its store).</summary>
internal sealed class NoWriterLease : IDisposable
{
    public static readonly NoWriterLease Instance = new();

    private NoWriterLease()
    {
    }

    public void Dispose()
    {
    }
}
