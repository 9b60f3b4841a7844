using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpbeConnector.Gateway.Upstreams;
using Microsoft.Extensions.Primitives;
using SpbeConnector.Policies.Routing;
using SpbeConnector.Registry.Contracts;
using Yarp.ReverseProxy.Configuration;

namespace SpbeConnector.Gateway.Routing;

/// <summary>
/// Feeds YARP the routes of the registry's published APIs and swaps them whenever the registry signals a change:
/// no restart, and requests in flight finish on the configuration they started with.
/// Reloads are serialised; a burst of changes leads to at most one extra reload.
/// </summary>
/// <remarks>
/// A reload is incremental. A signal whose version the routes in force already cover costs one tiny query. Otherwise
/// the routing columns of the routed APIs are read (never their OpenAPI documents), each API is compared by value with
/// the view the routes were built from (<see cref="PublishedApiComparer"/>), and only the APIs that changed get new
/// route and cluster objects; the others keep theirs, so YARP finds them unchanged and keeps their endpoints, and the
/// policies prepare only the changed APIs (<see cref="RoutedApiChange"/>). A version step that changed no routed
/// API (another node's write that routes nothing) is recorded as in force without handing YARP anything.
/// </remarks>
public sealed partial class RegistryProxyConfigProvider(
    IPublishedApiSource source,
    IRegistryChangeSignal changes,
    IOptions<UpstreamOptions> upstreams,
    RoutedApiChanges apiChanges,
    ILogger<RegistryProxyConfigProvider> logger) : IProxyConfigProvider, IHostedService, IDisposable
{
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private readonly Lock _versionGate = new();
    private volatile Snapshot _current = new([], [], -1);
    private Snapshot? _applied;
    private Dictionary<Guid, RoutedApi> _routed = [];
    private IDisposable? _subscription;
    private int _pending;
    private long _reloads;

    private long _appliedVersion = -1;

    /// <summary>The registry version of the routes YARP has put in force; -1 before the first.</summary>
    public long LoadedVersion => Interlocked.Read(ref _appliedVersion);

    public bool IsLoaded => LoadedVersion >= 0;

    /// <summary>
    /// How many route configurations this node has handed YARP, the first included (metric
    /// <c>spbe_routes_reloads_total</c>): one per change of what is routed, none for a write that routes nothing.
    /// </summary>
    public long Reloads => Interlocked.Read(ref _reloads);

    /// <summary>Called when YARP has applied a configuration (see <see cref="RoutesAppliedListener"/>).</summary>
    internal void MarkApplied(IProxyConfig config)
    {
        if (config is not Snapshot snapshot)
            return;
        lock (_versionGate)
        {
            _applied = snapshot;
            Interlocked.Exchange(ref _appliedVersion, snapshot.Version);
        }
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
            var current = _current;
            if (current.Version >= 0 && await source.GetConfigVersionAsync(cancellationToken) == current.Version)
                return;
            var snapshot = await source.LoadAsync(cancellationToken);
            var next = new Dictionary<Guid, RoutedApi>(snapshot.Apis.Count);
            var changed = new List<PublishedApi>();
            foreach (var api in snapshot.Apis)
            {
                if (_routed.TryGetValue(api.Id, out var known) && PublishedApiComparer.Instance.Equals(known.Api, api))
                {
                    next[api.Id] = known;
                    continue;
                }
                next[api.Id] = new RoutedApi(api, ProxyConfigBuilder.BuildApi(api, upstreams.Value, logger));
                changed.Add(api);
            }
            var removed = _routed.Keys.Where(id => !next.ContainsKey(id)).ToList();
            if (current.Version >= 0 && changed.Count == 0 && removed.Count == 0)
            {
                CoverWithoutChange(current, snapshot.ConfigVersion);
                return;
            }

            var routes = new List<RouteConfig>();
            var clusters = new List<ClusterConfig>(next.Count);
            var apis = new List<PublishedApi>(next.Count);
            foreach (var api in snapshot.Apis)
            {
                var routed = next[api.Id];
                apis.Add(routed.Api);
                if (routed.Built is not { } built)
                    continue;
                routes.AddRange(built.Routes);
                clusters.Add(built.Cluster);
            }
            // The steps that prepare per API (compiled contracts) hear of the change before YARP gets the routes.
            apiChanges.Announce(new RoutedApiChange(changed, removed, Initial: current.Version < 0));
            _routed = next;
            _current = new Snapshot(routes, clusters, snapshot.ConfigVersion);
            Interlocked.Increment(ref _reloads);
            current.SignalChanged();
            LogReloaded(snapshot.ConfigVersion, snapshot.Apis.Count, routes.Count, changed.Count, removed.Count);
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

    /// <summary>
    /// The routes in force stay, and now stand for <paramref name="version"/> too: at once when YARP has applied them,
    /// else when it does (so that <see cref="LoadedVersion"/> never runs ahead of what is routed).
    /// </summary>
    private void CoverWithoutChange(Snapshot current, long version)
    {
        lock (_versionGate)
        {
            current.Version = version;
            if (ReferenceEquals(_applied, current))
                Interlocked.Exchange(ref _appliedVersion, version);
        }
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _reloadGate.Dispose();
    }

    /// <summary>One routed API: the view its routes were built from, and the routes (null when it is not routable).</summary>
    private sealed record RoutedApi(PublishedApi Api, ProxyConfigBuilder.ApiRoutes? Built);

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

        /// <summary>The registry version these routes stand for; moved on (under the provider's lock) by a step that changed no route.</summary>
        public long Version { get; set; }

        /// <summary>Tells YARP that this configuration is superseded, so it asks for the new one.</summary>
        public void SignalChanged() => _cts.Cancel();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Routes reloaded at registry version {Version}: {ApiCount} APIs, {RouteCount} routes ({ChangedCount} APIs new or changed, {RemovedCount} removed)")]
    private partial void LogReloaded(long version, int apiCount, int routeCount, int changedCount, int removedCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reloading routes from the registry failed; the previous routes stay in force")]
    private partial void LogReloadFailed(Exception ex);
}
