using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Policies.Access;

/// <summary>
/// Holds the registry's access snapshot for the data plane and reloads it whenever access changes: at once for
/// changes made on this node, within the change monitor's poll interval for changes made on another. That is how a
/// revoked token, a disabled client or a revoked subscription is refused within seconds everywhere.
/// </summary>
public sealed partial class AccessSnapshotCache(
    IAccessSnapshotSource source,
    IAccessChangeSignal changes,
    ILogger<AccessSnapshotCache> logger) : IHostedService, IDisposable
{
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private volatile AccessSnapshot _current = AccessSnapshot.Empty;
    private IDisposable? _subscription;
    private int _pending;
    private long _reloads;

    public AccessSnapshot Current => _current;

    /// <summary>How many access snapshots this node has loaded, the first included (metric <c>spbe_access_reloads_total</c>).</summary>
    public long Reloads => Interlocked.Read(ref _reloads);

    /// <summary>The access version in force; -1 before the first load.</summary>
    public long LoadedVersion => _current.Version;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await ReloadAsync(cancellationToken);
        _subscription = ChangeToken.OnChange(changes.GetChangeToken, () =>
        {
            if (Interlocked.Exchange(ref _pending, 1) == 0)
                _ = Task.Run(() => ReloadAsync(CancellationToken.None));
        });
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await _reloadGate.WaitAsync(cancellationToken);
        try
        {
            Interlocked.Exchange(ref _pending, 0);
            _current = await source.LoadAsync(cancellationToken);
            Interlocked.Increment(ref _reloads);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && _current.Version >= 0)
        {
            // Keep the last known access rules; the next change or poll retries.
            LogReloadFailed(ex);
        }
        finally
        {
            _reloadGate.Release();
        }
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _reloadGate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Reloading access rules from the registry failed; the previous rules stay in force")]
    private partial void LogReloadFailed(Exception ex);
}
