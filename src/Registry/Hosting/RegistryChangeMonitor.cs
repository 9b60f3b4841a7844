using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Registry.Hosting;

/// <summary>
/// Notices changes made to the store by another process (another gateway node, the command line) by polling the
/// configuration version, and raises the change signal. Changes made in this process signal at once without it.
/// </summary>
public sealed partial class RegistryChangeMonitor(
    IPublishedApiSource source,
    IRegistryChangeSignal signal,
    IOptions<RegistryOptions> options,
    ILogger<RegistryChangeMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long? seen = null;
        using var timer = new PeriodicTimer(options.Value.ChangePollInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var version = await source.GetConfigVersionAsync(stoppingToken);
                if (seen is not null && version != seen)
                    signal.NotifyChanged();
                seen = version;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPollFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the registry's configuration version; serving the last known routes")]
    private partial void LogPollFailed(Exception ex);
}
