using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SpbeConnector.Policies.AntiAutomation;

/// <summary>
/// The counter of a gateway without Redis: counts in memory (<see cref="LocalRateLimitCounter"/>, exact for the one
/// node) and saves the windows of plans' limits and quotas (those at least <see cref="SavedWindow"/> long: the minute
/// limits, the daily and monthly quotas) to <see cref="RateLimitCounterStore"/> every <see cref="FlushInterval"/> and at
/// stop, restoring them at start. A restart keeps the day's and the month's counts (Pasal 59 ayat (13) huruf c-e: a
/// quota is not reset by restarting the gateway); a SIGKILL loses at most the last second of counting.
/// </summary>
public sealed partial class DurableRateLimitCounter(
    LocalRateLimitCounter local,
    RateLimitCounterStore store,
    TimeProvider clock,
    ILogger<DurableRateLimitCounter> logger) : IRateLimitCounter, IHostedService, IDisposable
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    /// <summary>Windows shorter than this are not worth saving: they are over by the time the gateway is back.</summary>
    public static readonly TimeSpan SavedWindow = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, byte> _changed = new(StringComparer.Ordinal);
    private readonly object _flushGate = new();
    private CancellationTokenSource? _stopping;
    private Task? _flushing;

    public ValueTask<RateDecision> HitAsync(string key, RateLimitRule rule, CancellationToken cancellationToken) =>
        local.HitAsync(key, rule, cancellationToken);

    public ValueTask<RateBatchDecision> HitAllAsync(string subject, RateLimitRule[] rules, CancellationToken cancellationToken)
    {
        var decision = local.HitAll(subject, rules, 1);
        if (decision.Allowed)
            _changed.TryAdd(subject, 0);
        return ValueTask.FromResult(decision);
    }

    public ValueTask<RateDecision[]> PeekAllAsync(string subject, RateLimitRule[] rules, CancellationToken cancellationToken) =>
        local.PeekAllAsync(subject, rules, cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var windows = store.Load(now);
        foreach (var (subject, rule, start, end, count) in windows)
            local.Restore(subject, rule, start, end, count);
        if (windows.Count > 0)
            LogRestored(windows.Count, store.Path);
        _stopping = new CancellationTokenSource();
        _flushing = FlushPeriodicallyAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is null)
            return;
        await _stopping.CancelAsync();
        try
        {
            await _flushing!;
        }
        catch (OperationCanceledException)
        {
        }
        Flush();
    }

    private async Task FlushPeriodicallyAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(FlushInterval, clock);
        while (await timer.WaitForNextTickAsync(ct))
            Flush();
    }

    /// <summary>Saves the windows of every subject counted since the last flush.</summary>
    public void Flush()
    {
        lock (_flushGate)
        {
            if (_changed.IsEmpty)
                return;
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            var subjects = _changed.Keys.ToList();
            foreach (var subject in subjects)
                _changed.TryRemove(subject, out _);
            var windows = new List<(string, string, long, long, long)>();
            foreach (var subject in subjects)
            {
                foreach (var (rule, start, end, count) in local.WindowsOf(subject))
                {
                    if (end > now && end - start >= (long)SavedWindow.TotalMilliseconds)
                        windows.Add((subject, rule, start, end, count));
                }
            }
            try
            {
                store.Save(windows, now);
            }
            catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException)
            {
                foreach (var subject in subjects)
                    _changed.TryAdd(subject, 0); // saved with the next flush
                LogSaveFailed(ex, store.Path);
            }
        }
    }

    public void Dispose() => _stopping?.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Restored {Count} rate-limit and quota windows from {Store}")]
    private partial void LogRestored(int count, string store);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not save the rate-limit and quota counts to {Store}; a restart would forget the counts since the last save. Check the data directory's disk space and permissions")]
    private partial void LogSaveFailed(Exception ex, string store);
}
