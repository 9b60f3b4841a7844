using Microsoft.Extensions.Primitives;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Registry.Catalog;

/// <summary>
/// An in-process change signal: each notification fires the current token and arms a new one. Fired sources are
/// not disposed: a subscriber may still be reading the token of the source just replaced, and a source without a
/// timer holds nothing that needs disposing.
/// </summary>
public class ChangeSignal
{
    private CancellationTokenSource _cts = new();

    public IChangeToken GetChangeToken() => new CancellationChangeToken(Volatile.Read(ref _cts).Token);

    public void NotifyChanged() => Interlocked.Exchange(ref _cts, new CancellationTokenSource()).Cancel();
}

/// <summary>Signals changes of what the gateway routes.</summary>
public sealed class RegistryChangeSignal : ChangeSignal, IRegistryChangeSignal;

/// <summary>Signals changes of who may call what.</summary>
public sealed class AccessChangeSignal : ChangeSignal, IAccessChangeSignal;
