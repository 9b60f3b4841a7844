using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Policies.Sla;

/// <summary>
/// Moves the recorded counts to the store every <see cref="SlaOptions.EvaluationInterval"/>, checks each API against the
/// floor (Pasal 60 ayat (3) huruf m), forgets minutes past the longest window, and answers reports. On stop it writes
/// what is still in memory, so that a clean restart loses nothing.
/// </summary>
public sealed partial class SlaMonitor(
    SlaRecorder recorder,
    ISlaStore store,
    SlaFloorWatch floorWatch,
    IOptions<SlaOptions> options,
    TimeProvider clock,
    ILogger<SlaMonitor> logger,
    IPublishedApiSource? routedApis = null) : BackgroundService
{
    private static readonly TimeSpan Kept = TimeSpan.FromDays(31);
    private readonly SemaphoreSlim _flushGate = new(1, 1);
    private DateTimeOffset _lastPrune = DateTimeOffset.MinValue;
    private SlaReport? _lastJudged;

    /// <summary>The report over the alert window as last judged against the floor, for the metrics; null before the first round.</summary>
    public SlaReport? LastJudged => Volatile.Read(ref _lastJudged);

    /// <summary>Writes the counts gathered in memory to the store.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        await _flushGate.WaitAsync(ct);
        try
        {
            await store.AddAsync(recorder.TakePending(), ct);
        }
        finally
        {
            _flushGate.Release();
        }
    }

    /// <summary>The report over <paramref name="window"/>, ending now, including requests not yet written.</summary>
    public async Task<SlaReport> ReportAsync(SlaWindow window, CancellationToken ct)
    {
        await FlushAsync(ct);
        var now = clock.GetUtcNow();
        var totals = await store.SumSinceAsync(SlaReportBuilder.FirstMinute(window, now), ct);
        if (routedApis is not null)
        {
            // Routed APIs nobody called in the window are reported too, without availability: an OPD's report names
            // every API it serves.
            var counted = totals.Select(t => t.ApiPath).ToHashSet(StringComparer.Ordinal);
            totals = totals.Concat((await routedApis.LoadAsync(ct)).Apis
                    .Select(a => new SlaApiTotal($"{a.OpdCode}/{a.Slug}/{a.Version}", a.OpdCode, default))
                    .Where(t => !counted.Contains(t.ApiPath)))
                .ToArray();
        }
        return SlaReportBuilder.Build(window, now, totals, options.Value);
    }

    /// <summary>One API's figures over <paramref name="window"/>, ending now, including requests not yet written; the same figures the report gives it.</summary>
    public async Task<SlaFigures> ApiFiguresAsync(string apiPath, SlaWindow window, CancellationToken ct)
    {
        await FlushAsync(ct);
        var counts = await store.SumApiSinceAsync(apiPath, SlaReportBuilder.FirstMinute(window, clock.GetUtcNow()), ct);
        return SlaFigures.From(counts, options.Value.Floor);
    }

    /// <summary>One round: write, judge against the floor (alerting on changes), prune hourly.</summary>
    public async Task EvaluateAsync(CancellationToken ct)
    {
        var window = SlaWindow.Parse(options.Value.AlertWindow) ?? SlaWindow.Day;
        var report = await ReportAsync(window, ct);
        floorWatch.Judge(report, options.Value.MinimumRequestsForAlert);
        Volatile.Write(ref _lastJudged, report);
        var now = clock.GetUtcNow();
        if (now - _lastPrune >= TimeSpan.FromHours(1))
        {
            await store.PruneAsync((now - Kept).ToUnixTimeSeconds() / 60, ct);
            _lastPrune = now;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.EvaluationInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await EvaluateAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Counts stay in memory and are written next round; the store being briefly busy loses nothing.
                    LogEvaluationFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            // Not the host's token: by now the drain may have used it up, and these counts are part of the 30-day window.
            await FlushAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex)
        {
            LogFinalFlushFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SLA: writing or judging the per-minute counts failed; they are kept in memory and retried at the next interval. Check that the SLA store (Sla:StorePath) is writable.")]
    private partial void LogEvaluationFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Error, Message = "SLA: the last counts could not be written at stop; the requests of the last interval are missing from the SLA report. Check that the SLA store (Sla:StorePath) is writable.")]
    private partial void LogFinalFlushFailed(Exception ex);
}
