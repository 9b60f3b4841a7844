using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SpbeConnector.Audit.Logging;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Audit.Hosting;

/// <summary>
/// How a command-line tool records an event without appending to the audit log itself (only the server that holds the
/// data directory's lock appends, or two writers would break each other's sequence): it drops the event as a file in
/// <c>{data}/audit-outbox</c>, and the server appends it and removes the file, within a second while it runs, or at its
/// next start, before it serves. The file is written under a temporary name and renamed, so the server never reads half
/// of one.
/// </summary>
public sealed partial class AuditOutbox(AuditLog log, string dataDirectory, ILogger<AuditOutbox> logger) : BackgroundService
{
    public const string DirectoryName = "audit-outbox";

    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static string PathOf(string dataDirectory) => Path.Combine(dataDirectory, DirectoryName);

    /// <summary>Leaves an event for the server; returns the file, which disappears once the event is in the log.</summary>
    public static string Drop(string dataDirectory, AuditEvent auditEvent)
    {
        var directory = Directory.CreateDirectory(PathOf(dataDirectory)).FullName;
        var name = $"{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds():D13}-{Guid.NewGuid():N}";
        var temporary = Path.Combine(directory, name + ".tmp");
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(auditEvent));
        var file = Path.Combine(directory, name + ".json");
        File.Move(temporary, file);
        return file;
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Events left while no server ran are in the log before this one serves.
        await DrainAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PollInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
            await DrainAsync(stoppingToken);
    }

    private async Task DrainAsync(CancellationToken ct)
    {
        try
        {
            await DrainOnceAsync(ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Never fatal to the gateway: the files stay and are tried again at the next poll.
            LogDrainFailed(ex, PathOf(dataDirectory));
        }
    }

    private async Task DrainOnceAsync(CancellationToken ct)
    {
        if (!log.IsEnabled || log.HaltReason is not null)
            return;
        var directory = PathOf(dataDirectory);
        if (!Directory.Exists(directory))
            return;
        foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            AuditEvent? auditEvent;
            try
            {
                auditEvent = JsonSerializer.Deserialize<AuditEvent>(await File.ReadAllBytesAsync(file, ct));
            }
            catch (JsonException ex)
            {
                LogUnreadable(ex, file);
                File.Move(file, file + ".unreadable", overwrite: true);
                continue;
            }
            if (auditEvent is null)
                continue;
            try
            {
                await log.AppendAsync(auditEvent, ct);
            }
            catch (AuditUnavailableException)
            {
                return; // left in place: appended once the log can
            }
            File.Delete(file);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not take the audit events left by command-line tools in {Directory}; trying again in a second. Check the directory's permissions (the gateway's user must be able to read and delete them)")]
    private partial void LogDrainFailed(Exception ex, string directory);

    [LoggerMessage(Level = LogLevel.Error, Message = "The audit event left by a command-line tool in {File} cannot be read; it was renamed *.unreadable and not recorded. Look at it and record what it says by hand")]
    private partial void LogUnreadable(Exception ex, string file);
}
