using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using SpbeConnector.Registry.Storage;

namespace SpbeConnector.Registry.Hosting;

/// <summary>
/// Listens to PostgreSQL's change notices (LISTEN/NOTIFY, raised by a trigger on <c>registry_state</c> whoever changes
/// it) and asks the change monitor to poll at once, so that a change made on one node is in force on every other node
/// within milliseconds rather than at the next poll. Reconnects on its own; the monitor's poll covers the gap.
/// </summary>
public sealed partial class PostgresChangeListener(
    PostgresNoticeSettings settings,
    RegistryPollRequests polls,
    ILogger<PostgresChangeListener> logger) : BackgroundService
{
    /// <summary>
    /// Short, so that notices flow again within a fraction of a second of PostgreSQL's return (a change made right
    /// after a restart must still reach every node within 2 s); a refused connection costs next to nothing.
    /// </summary>
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(settings.ConnectionString)
        {
            // A connection of its own that holds LISTEN: never returned to a pool, and probed so a silent network
            // failure ends the wait instead of hiding every later notice.
            Pooling = false,
            KeepAlive = 5,
        }.ToString();
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, _) => polls.Request();
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgresRegistryDbContext.ChangeChannel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                if (failing)
                    LogListening();
                failing = false;
                polls.Request(); // whatever changed while nobody listened
                while (!stoppingToken.IsCancellationRequested)
                    await connection.WaitAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                if (!failing)
                    LogListenFailed(ex.GetBaseException().Message);
                failing = true;
                await Task.Delay(ReconnectDelay, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost PostgreSQL's change notices ({Cause}); changes from other nodes now arrive with the poll only. Check that PostgreSQL is running and reachable at ConnectionStrings:Registry")]
    private partial void LogListenFailed(string cause);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening to PostgreSQL's change notices again")]
    private partial void LogListening();
}
