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
/// process signal at once without it.
/// </summary>
public sealed partial class RegistryChangeMonitor(
    IDbContextFactory<RegistryDbContext> contexts,
    IRegistryChangeSignal signal,
    IAccessChangeSignal accessSignal,
    IOptions<RegistryOptions> options,
    ILogger<RegistryChangeMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        (long Config, long Access)? seen = null;
        using var timer = new PeriodicTimer(options.Value.ChangePollInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(stoppingToken);
                var now = await db.State.AsNoTracking().Select(s => new { s.ConfigVersion, s.AccessVersion }).SingleAsync(stoppingToken);
                if (seen is { } before)
                {
                    if (now.ConfigVersion != before.Config)
                        signal.NotifyChanged();
                    if (now.AccessVersion != before.Access)
                        accessSignal.NotifyChanged();
                }
                seen = (now.ConfigVersion, now.AccessVersion);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPollFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the registry's versions; serving the last known routes and access rules")]
    private partial void LogPollFailed(Exception ex);
}
