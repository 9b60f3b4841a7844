using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SpbeConnector.Policies.AntiAutomation.Alerts;
using SpbeConnector.Policies.Sla;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Policies.Tests.Sla;

/// <summary>
/// The service level (Kota Bekasi Pasal 60 ayat (3) huruf m) computed from known sequences of outcomes, on a clock
/// the test moves: what counts against an API, how the windows roll, and that the floor alerts once each way.
/// </summary>
public sealed class SlaComputationTests : IDisposable
{
    private const string Faskes = "dinkes/faskes/v1";
    private const string Jadwal = "dinkes/jadwal/v1";
    private const string Ktp = "disdukcapil/ktp/v1";
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "spbe-sla-" + Guid.NewGuid().ToString("N"));
    private readonly ManualClock _clock = new(Start);
    private readonly AlertHub _alerts = new(NullLogger<AlertHub>.Instance);
    private readonly SlaOptions _options = new() { Floor = 0.95, LatencyThreshold = TimeSpan.FromSeconds(1), MinimumRequestsForAlert = 10 };

    private string StorePath => Path.Combine(_directory, "sla.db");

    [Theory]
    [InlineData(200, 500, false, false, SlaOutcome.Good)]
    [InlineData(200, 1500, false, false, SlaOutcome.Slow)]
    [InlineData(404, 10, false, false, SlaOutcome.Good)]
    [InlineData(429, 10, false, false, SlaOutcome.Good)]
    [InlineData(500, 10, false, false, SlaOutcome.Failed)]
    [InlineData(502, 10, false, false, SlaOutcome.Failed)]
    [InlineData(503, 10, false, false, SlaOutcome.Failed)]
    [InlineData(504, 30000, false, false, SlaOutcome.Failed)]
    [InlineData(200, 10, false, true, SlaOutcome.Failed)]
    [InlineData(200, 10, true, false, SlaOutcome.NotCounted)]
    [InlineData(502, 10, true, false, SlaOutcome.Failed)]
    public void Server_failures_and_slow_answers_count_against_an_API_and_client_errors_do_not(int status, int milliseconds, bool aborted, bool threw, SlaOutcome expected) =>
        Assert.Equal(expected, SlaOutcomeClassifier.Classify(status, TimeSpan.FromMilliseconds(milliseconds), aborted, threw, TimeSpan.FromSeconds(1)));

    [Fact]
    public async Task Availability_rolls_with_the_windows_and_the_floor_alerts_once_when_breached_and_once_when_recovered()
    {
        var (recorder, monitor) = Create();

        // Day 1, 00:00: 100 requests, 2 failed and 1 slow: 97% — above the floor, no alert.
        Record(recorder, Faskes, "dinkes", good: 97, failed: 2, slow: 1);
        Record(recorder, Ktp, "disdukcapil", good: 40);
        await monitor.EvaluateAsync(CancellationToken.None);
        var day = await monitor.ReportAsync(SlaWindow.Day, CancellationToken.None);
        var faskes = Assert.Single(day.Apis, a => a.Api == Faskes);
        Assert.Equal(new SlaFigures(100, 97, 2, 1, 0.97, BelowFloor: false), faskes.Figures);
        Assert.Empty(SlaAlerts());

        // 01:00: ten upstream failures bring the day to 97 of 110 = 88%: one alert, however often it is judged again.
        _clock.Advance(TimeSpan.FromHours(1));
        Record(recorder, Faskes, "dinkes", failed: 10);
        await monitor.EvaluateAsync(CancellationToken.None);
        Record(recorder, Faskes, "dinkes", failed: 1);
        await monitor.EvaluateAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(5));
        await monitor.EvaluateAsync(CancellationToken.None);
        var breach = Assert.Single(SlaAlerts());
        Assert.Equal(AlertKinds.SlaBelowFloor, breach.Kind);
        Assert.Equal($"api:{Faskes}", breach.Subject);
        Assert.Equal("dinkes", breach.Evidence["opd"]);
        Assert.Equal("110", breach.Evidence["total"]); // the evidence of the moment it fell

        // The OPD report weighs every request of its APIs alike; the other OPD is unaffected.
        day = await monitor.ReportAsync(SlaWindow.Day, CancellationToken.None);
        Record(recorder, Jadwal, "dinkes", good: 89);
        day = await monitor.ReportAsync(SlaWindow.Day, CancellationToken.None);
        var dinkes = Assert.Single(day.Opds, o => o.OpdCode == "dinkes");
        Assert.Equal((2, 200L, 186L), (dinkes.Apis, dinkes.Figures.Total, dinkes.Figures.Good));
        Assert.Equal(0.93, dinkes.Figures.Availability!.Value, 6);
        Assert.True(dinkes.Figures.BelowFloor);
        Assert.False(Assert.Single(day.Opds, o => o.OpdCode == "disdukcapil").Figures.BelowFloor);

        // Day 2, 02:05: the first day has left the 1-day window but not the 30-day one.
        _clock.Advance(TimeSpan.FromHours(25));
        day = await monitor.ReportAsync(SlaWindow.Day, CancellationToken.None);
        Assert.All(day.Apis, a => Assert.Equal(new SlaFigures(0, 0, 0, 0, null, BelowFloor: false), a.Figures)); // routed, not called
        var month = await monitor.ReportAsync(SlaWindow.ThirtyDays, CancellationToken.None);
        Assert.Equal(111, Assert.Single(month.Apis, a => a.Api == Faskes).Figures.Total);

        // No traffic today is no evidence of recovery: no alert yet.
        await monitor.EvaluateAsync(CancellationToken.None);
        Assert.Single(SlaAlerts());

        // Good traffic today: back above the floor on the day window, one recovery alert.
        Record(recorder, Faskes, "dinkes", good: 50);
        await monitor.EvaluateAsync(CancellationToken.None);
        await monitor.EvaluateAsync(CancellationToken.None);
        Assert.Equal([AlertKinds.SlaRecovered, AlertKinds.SlaBelowFloor], SlaAlerts().Select(a => a.Kind));

        // 30 days later the first day has left the 30-day window too; today's minutes are still in it.
        _clock.Advance(TimeSpan.FromDays(29));
        month = await monitor.ReportAsync(SlaWindow.ThirtyDays, CancellationToken.None);
        Assert.Equal(50, Assert.Single(month.Apis, a => a.Api == Faskes).Figures.Total);
        _clock.Advance(TimeSpan.FromDays(1));
        month = await monitor.ReportAsync(SlaWindow.ThirtyDays, CancellationToken.None);
        Assert.Equal(0, Assert.Single(month.Apis, a => a.Api == Faskes).Figures.Total);
    }

    [Fact]
    public async Task Few_requests_are_not_judged_so_one_failure_at_night_raises_no_alert()
    {
        var (recorder, monitor) = Create();
        Record(recorder, Faskes, "dinkes", good: 3, failed: 1);
        await monitor.EvaluateAsync(CancellationToken.None);
        var report = await monitor.ReportAsync(SlaWindow.Day, CancellationToken.None);
        Assert.True(Assert.Single(report.Apis, a => a.Api == Faskes).Figures.BelowFloor); // reported as it is
        Assert.Empty(SlaAlerts()); // but not alerted on
    }

    [Fact]
    public async Task The_window_starts_at_the_minute_boundary_one_window_length_ago()
    {
        var (recorder, monitor) = Create();
        _clock.Set(Start.AddSeconds(59));
        Record(recorder, Faskes, "dinkes", good: 1);
        _clock.Set(Start.AddMinutes(1));
        Record(recorder, Faskes, "dinkes", good: 2);

        _clock.Set(Start.AddDays(1).AddSeconds(-1)); // the first minute is still inside the last 1,440 minutes
        Assert.Equal(3, Assert.Single((await monitor.ReportAsync(SlaWindow.Day, CancellationToken.None)).Apis, a => a.Api == Faskes).Figures.Total);
        _clock.Set(Start.AddDays(1)); // now it is not
        var report = await monitor.ReportAsync(SlaWindow.Day, CancellationToken.None);
        Assert.Equal(2, Assert.Single(report.Apis, a => a.Api == Faskes).Figures.Total);
        Assert.Equal(Start.AddMinutes(1), report.From);
    }

    [Fact]
    public async Task Counts_survive_a_restart_and_minutes_written_twice_add_up()
    {
        var (recorder, monitor) = Create();
        Record(recorder, Faskes, "dinkes", good: 10, failed: 1);
        await monitor.FlushAsync(CancellationToken.None);
        Record(recorder, Faskes, "dinkes", good: 5, slow: 2); // same minute, written later
        await monitor.StopAsync(CancellationToken.None); // a clean stop writes what is in memory

        var (_, restarted) = Create();
        var api = Assert.Single((await restarted.ReportAsync(SlaWindow.ThirtyDays, CancellationToken.None)).Apis, a => a.Api == Faskes).Figures;
        Assert.Equal((18L, 1L, 2L, 15L), (api.Total, api.Failed, api.Slow, api.Good));
    }

    private (SlaRecorder Recorder, SlaMonitor Monitor) Create()
    {
        var recorder = new SlaRecorder(_clock);
        var monitor = new SlaMonitor(recorder, new SqliteSlaStore(StorePath), new SlaFloorWatch(_alerts, _clock),
            Options.Create(_options), _clock, NullLogger<SlaMonitor>.Instance, new FixedPublishedApiSource(Faskes, Jadwal, Ktp));
        return (recorder, monitor);
    }

    private static void Record(SlaRecorder recorder, string api, string opd, int good = 0, int failed = 0, int slow = 0)
    {
        for (var i = 0; i < good; i++)
            recorder.Record(api, opd, SlaOutcome.Good);
        for (var i = 0; i < failed; i++)
            recorder.Record(api, opd, SlaOutcome.Failed);
        for (var i = 0; i < slow; i++)
            recorder.Record(api, opd, SlaOutcome.Slow);
    }

    private IReadOnlyList<SecurityAlert> SlaAlerts() =>
        _alerts.Recent().Where(a => a.Kind is AlertKinds.SlaBelowFloor or AlertKinds.SlaRecovered).ToArray();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
