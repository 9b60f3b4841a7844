using Microsoft.Extensions.Primitives;

namespace SpbeConnector.Registry.Contracts;

/// <summary>
/// Tells the data plane that the registry changed. Raised at once by changes made in this process, and by the
/// change monitor when another process sharing the store changed it.
/// </summary>
public interface IRegistryChangeSignal
{
    IChangeToken GetChangeToken();

    void NotifyChanged();
}
