using Microsoft.Extensions.Primitives;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Registry.Catalog;

/// <summary>An in-process change signal: each notification fires the current token and arms a new one.</summary>
public sealed class RegistryChangeSignal : IRegistryChangeSignal
{
    private CancellationTokenSource _cts = new();

    public IChangeToken GetChangeToken() => new CancellationChangeToken(Volatile.Read(ref _cts).Token);

    public void NotifyChanged()
    {
        var previous = Interlocked.Exchange(ref _cts, new CancellationTokenSource());
        previous.Cancel();
        previous.Dispose();
    }
}
