using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpbeConnector.Audit.Logging;

namespace SpbeConnector.Audit.Archive;

/// <summary>Applies <see cref="RetentionOptions.ArchiveAfter"/>: periodically archives the records older than it.</summary>
public sealed partial class AuditRetentionService(AuditArchiver archiver, AuditLog log, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditRetentionService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retention = options.Value.Retention;
        if (!log.IsEnabled || retention.ArchiveAfter is not { } after)
            return;
        using var timer = new PeriodicTimer(retention.CheckInterval, time);
        do
        {
            try
            {
                await archiver.ArchiveBeforeAsync(time.GetUtcNow() - after, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogArchiveFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not archive old audit records; they stay in the store and archival is tried again at the next interval. Check the archive directory's space and permissions")]
    private partial void LogArchiveFailed(Exception ex);
}
