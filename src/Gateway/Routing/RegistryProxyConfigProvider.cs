using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpbeConnector.Gateway.Upstreams;
using Microsoft.Extensions.Primitives;
using SpbeConnector.Policies.ApiDirectory;
using SpbeConnector.Registry.Contracts;
using Yarp.ReverseProxy.Configuration;

namespace SpbeConnector.Gateway.Routing;

/// <summary>
/// Feeds YARP the routes of the registry's published APIs and swaps them whenever the registry signals a change:
/// no restart, and requests in flight finish on the configuration they started with.
/// Reloads are serialised; a burst of changes leads to at most one extra reload.
/// </summary>
public sealed partial class RegistryProxyConfigProvider(
    IPublishedApiSource source,
    IRegistryChangeSignal changes,
    IOptions<UpstreamOptions> upstreams,
    PublishedApiDirectory directory,
    ILogger<RegistryProxyConfigProvider> logger) : IProxyConfigProvider, IHostedService, IDisposable
{
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private volatile Snapshot _current = new([], [], -1);
    private IDisposable? _subscription;
    private int _pending;

    private long _appliedVersion = -1;

    /// <summary>The registry version of the routes YARP has put in force; -1 before the first.</summary>
    public long LoadedVersion => Interlocked.Read(ref _appliedVersion);

    public bool IsLoaded => LoadedVersion >= 0;

    /// <summary>Called when YARP has applied a configuration (see <see cref="RoutesAppliedListener"/>).</summary>
    internal void MarkApplied(IProxyConfig config)
    {
        if (config is Snapshot snapshot)
            Interlocked.Exchange(ref _appliedVersion, snapshot.Version);
    }

    public IProxyConfig GetConfig() => _current;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await ReloadAsync(cancellationToken);
        Subscribe();
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    private void Subscribe() =>
        _subscription = ChangeToken.OnChange(changes.GetChangeToken, () =>
        {
            if (Interlocked.Exchange(ref _pending, 1) == 0)
                _ = Task.Run(() => ReloadAsync(CancellationToken.None));
        });

    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await _reloadGate.WaitAsync(cancellationToken);
        try
        {
            Interlocked.Exchange(ref _pending, 0);
            var snapshot = await source.LoadAsync(cancellationToken);
            var built = ProxyConfigBuilder.Build(snapshot, upstreams.Value, logger);
            // The policies' view of the APIs first, so that any request on the new routes finds its API there.
            directory.Update(snapshot);
            var previous = _current;
            _current = new Snapshot(built.Routes, built.Clusters, snapshot.ConfigVersion);
            previous.SignalChanged();
            LogReloaded(snapshot.ConfigVersion, snapshot.Apis.Count, built.Routes.Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && _current.Version >= 0)
        {
            // Keep serving the last known configuration; the next change or poll retries.
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

    private sealed class Snapshot : IProxyConfig
    {
        private readonly CancellationTokenSource _cts = new();

        public Snapshot(IReadOnlyList<RouteConfig> routes, IReadOnlyList<ClusterConfig> clusters, long version)
        {
            Routes = routes;
            Clusters = clusters;
            Version = version;
            ChangeToken = new CancellationChangeToken(_cts.Token);
        }

        public IReadOnlyList<RouteConfig> Routes { get; }
        public IReadOnlyList<ClusterConfig> Clusters { get; }
        public IChangeToken ChangeToken { get; }
        public long Version { get; }

        /// <summary>Tells YARP that this configuration is superseded, so it asks for the new one.</summary>
        public void SignalChanged() => _cts.Cancel();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Routes reloaded at registry version {Version}: {ApiCount} APIs, {RouteCount} routes")]
    private partial void LogReloaded(long version, int apiCount, int routeCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reloading routes from the registry failed; the previous routes stay in force")]
    private partial void LogReloadFailed(Exception ex);
}
