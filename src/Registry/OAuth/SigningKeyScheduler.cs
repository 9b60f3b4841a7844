using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Registry.OAuth;

/// <summary>
/// Runs the signing-key schedule: before the gateway listens (so the first key exists on first run), then every
/// <see cref="OAuthServerOptions.KeyCheckInterval"/>; and reloads the keys when another node changed them.
/// </summary>
public sealed partial class SigningKeyScheduler(
    SigningKeyRing ring,
    IAccessChangeSignal accessChanges,
    IOptions<OAuthServerOptions> options,
    ILogger<SigningKeyScheduler> logger) : BackgroundService
{
    private IDisposable? _subscription;
    private int _reloadPending;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await ring.ApplyScheduleAsync(cancellationToken);
        _subscription = ChangeToken.OnChange(accessChanges.GetChangeToken, () =>
        {
            if (Interlocked.Exchange(ref _reloadPending, 1) == 0)
                _ = Task.Run(ReloadAsync);
        });
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.KeyCheckInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ring.ApplyScheduleAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogScheduleFailed(ex);
            }
        }
    }

    private async Task ReloadAsync()
    {
        Interlocked.Exchange(ref _reloadPending, 0);
        try
        {
            await ring.ReloadAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogScheduleFailed(ex);
        }
    }

    public override void Dispose()
    {
        _subscription?.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The signing-key schedule could not run; tokens are signed with the current key until it can. Check the store")]
    private partial void LogScheduleFailed(Exception ex);
}
