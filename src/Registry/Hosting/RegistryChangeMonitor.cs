using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Storage;

namespace SpbeConnector.Registry.Hosting;

/// <summary>
/// Notices changes made to the store by another process (another gateway node, the command line) by polling the
/// configuration and access versions (one tiny query), and raises the matching change signal. Changes made in this
/// process signal at once without it; a PostgreSQL change notice (<see cref="PostgresChangeListener"/>) makes it poll
/// at once. A version step made only of this process's own writes (<see cref="LocalVersionBumps"/>) is not signalled:
/// the write signalled this node already, and a second signal would cost a second reload. While the store is
/// unreachable the node keeps its last known routes and access rules and reports the outage
/// (<see cref="RegistryStoreHealth"/>); when the store answers again both signals fire, so that anything missed
/// meanwhile (including a reload that failed) is reconciled.
/// </summary>
public sealed partial class RegistryChangeMonitor(
    IDbContextFactory<RegistryDbContext> contexts,
    IRegistryChangeSignal signal,
    IAccessChangeSignal accessSignal,
    RegistryPollRequests polls,
    LocalVersionBumps ownVersions,
    RegistryStoreHealth health,
    IOptions<RegistryOptions> options,
    ILogger<RegistryChangeMonitor> logger) : BackgroundService
{
    private long _routeSignals;
    private long _accessSignals;

    /// <summary>How many times this monitor signalled a route change (metric <c>spbe_registry_change_signals_total</c>).</summary>
    public long RouteSignals => Interlocked.Read(ref _routeSignals);

    /// <summary>How many times this monitor signalled an access change.</summary>
    public long AccessSignals => Interlocked.Read(ref _accessSignals);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        (long Config, long Access)? seen = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            await polls.WaitAsync(options.Value.ChangePollInterval, stoppingToken);
            try
            {
                await using var db = await contexts.CreateDbContextAsync(stoppingToken);
                var now = await db.State.AsNoTracking().Select(s => new { s.ConfigVersion, s.AccessVersion }).SingleAsync(stoppingToken);
                var recovered = health.ReportReachable();
                if (recovered)
                    LogStoreBack();
                // The first poll signals both unconditionally: a change another node stored between this node's
                // first load and this poll is in no baseline, so comparing with the poll's own result would miss it
                // until the next change. A reload that finds nothing new leaves the routes in force untouched.
                var first = seen is null;
                var (lastConfig, lastAccess) = seen ?? (-1, -1);
                if (NewFromElsewhere(lastConfig, now.ConfigVersion, ownVersions.ConfigStepIsOwn) || first || recovered)
                {
                    Interlocked.Increment(ref _routeSignals);
                    signal.NotifyChanged();
                }
                if (NewFromElsewhere(lastAccess, now.AccessVersion, ownVersions.AccessStepIsOwn) || first || recovered)
                {
                    Interlocked.Increment(ref _accessSignals);
                    accessSignal.NotifyChanged();
                }
                seen = (now.ConfigVersion, now.AccessVersion);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                if (health.Current is null)
                    LogPollFailed(ex);
                health.ReportUnreachable(ex);
            }
        }
    }

    /// <summary>
    /// Whether the version moved with a write of another process in the step. Always asks <paramref name="ownStep"/>,
    /// which forgets the own versions the poll has now seen.
    /// </summary>
    private static bool NewFromElsewhere(long seen, long now, Func<long, long, bool> ownStep) =>
        !ownStep(seen, now) && now != seen;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the registry's versions; serving the last known routes and access rules until the store answers (check that it is running and reachable)")]
    private partial void LogPollFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Information, Message = "The registry's store answers again; reloading routes and access rules")]
    private partial void LogStoreBack();
}
