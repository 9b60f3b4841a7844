namespace SpbeConnector.Registry.Storage;

/// <summary>
/// A single row holding the registry's configuration version. Every change to what the data plane routes bumps it
/// in the same transaction, so any process sharing the store can notice a change with one cheap query.
/// </summary>
public sealed class RegistryState
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public long ConfigVersion { get; set; }

    /// <summary>
    /// Bumped by every change to who may call what (clients, secrets, subscriptions, revoked tokens, signing keys),
    /// separately from <see cref="ConfigVersion"/> so that such changes do not rebuild the routes.
    /// </summary>
    public long AccessVersion { get; set; }
}
