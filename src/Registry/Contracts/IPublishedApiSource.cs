namespace SpbeConnector.Registry.Contracts;

/// <summary>Reads the APIs the gateway routes. Implemented by the registry's store; consumed by the data plane.</summary>
public interface IPublishedApiSource
{
    Task<PublishedApiSnapshot> LoadAsync(CancellationToken cancellationToken);

    /// <summary>The current configuration version, a cheap query used to notice changes made by other processes.</summary>
    Task<long> GetConfigVersionAsync(CancellationToken cancellationToken);
}
