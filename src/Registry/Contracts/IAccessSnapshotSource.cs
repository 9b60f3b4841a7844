namespace SpbeConnector.Registry.Contracts;

/// <summary>Reads who may call what from the registry's store. Implemented by the store; consumed by the data plane.</summary>
public interface IAccessSnapshotSource
{
    Task<AccessSnapshot> LoadAsync(CancellationToken cancellationToken);

    /// <summary>The current access version, a cheap query.</summary>
    Task<long> GetAccessVersionAsync(CancellationToken cancellationToken);
}
