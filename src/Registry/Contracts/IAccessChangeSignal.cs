using Microsoft.Extensions.Primitives;

namespace SpbeConnector.Registry.Contracts;

/// <summary>
/// Tells the data plane that access changed: a client, secret, subscription, revoked token or signing key. Raised at
/// once by changes made in this process, and by the change monitor when another process changed the store.
/// </summary>
public interface IAccessChangeSignal
{
    IChangeToken GetChangeToken();

    void NotifyChanged();
}
