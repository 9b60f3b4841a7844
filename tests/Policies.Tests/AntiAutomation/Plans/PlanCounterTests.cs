using Microsoft.Extensions.Logging.Abstractions;
using SpbeConnector.Policies.AntiAutomation;
using SpbeConnector.Policies.AntiAutomation.Plans;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Policies.Tests.AntiAutomation.Plans;

/// <summary>
/// The counting of a plan's rules at their exact boundaries, on a clock the test moves (Pasal 59 ayat (13) huruf c-e):
/// N allowed and N+1 refused, windows that roll over at their boundary, calendar quotas that renew at midnight WIB,
/// and requests refused by one rule counted by none.
/// </summary>
public class PlanCounterTests
{
    private static readonly TimeZoneInfo Jakarta = QuotaTimeZone.Default;

    // 10:00:00 WIB on 22 November 2026.
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

    private static RateLimitRule[] Rules(long? perSecond = null, long? perMinute = null, long? daily = null, long? monthly = null) =>
        new PlanRuleSet(new PlanLimits(Guid.NewGuid(), "uji", perSecond, perMinute, daily, monthly, null), Jakarta).Rules;

    private static int AllowedOf(LocalRateLimitCounter counter, RateLimitRule[] rules, int attempts) =>
        Enumerable.Range(0, attempts).Count(_ => counter.HitAll("client|api", rules, 1).Allowed);

    [Fact]
    public void Per_second_lets_exactly_n_through_and_rolls_over_at_the_next_second_not_earlier()
    {
        var clock = new ManualClock(Start.AddMilliseconds(200));
        var counter = new LocalRateLimitCounter(clock);
        var rules = Rules(perSecond: 5);

        var first = Enumerable.Range(0, 5).Select(_ => counter.HitAll("client|api", rules, 1)).ToArray();
        var sixth = counter.HitAll("client|api", rules, 1);
        clock.Set(Start.AddMilliseconds(999));
        var lastMillisecond = counter.HitAll("client|api", rules, 1);
        clock.Set(Start.AddSeconds(1));
        var nextSecond = AllowedOf(counter, rules, 6);

        Assert.All(first, d => Assert.True(d.Allowed));
        Assert.Equal([4L, 3, 2, 1, 0], first.Select(d => d.Decisions[0].Remaining));
        Assert.False(sixth.Allowed);
        Assert.Equal(0, sixth.RefusedIndex);
        Assert.Equal(TimeSpan.FromMilliseconds(800), sixth.Decisions[0].ResetAfter);
        Assert.False(lastMillisecond.Allowed);
        Assert.Equal(5, nextSecond);
    }

    [Fact]
    public void Per_minute_lets_exactly_n_through_and_rolls_over_at_the_minute()
    {
        var clock = new ManualClock(Start.AddSeconds(30));
        var counter = new LocalRateLimitCounter(clock);
        var rules = Rules(perMinute: 1000);

        var allowed = AllowedOf(counter, rules, 1001);
        clock.Set(Start.AddMinutes(1).AddMilliseconds(-1));
        var justBefore = counter.HitAll("client|api", rules, 1);
        clock.Set(Start.AddMinutes(1));
        var atBoundary = counter.HitAll("client|api", rules, 1);

        Assert.Equal(1000, allowed);
        Assert.False(justBefore.Allowed);
        Assert.True(atBoundary.Allowed);
        Assert.Equal(999, atBoundary.Decisions[0].Remaining);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Requests_refused_by_the_minute_limit_do_not_use_the_daily_quota_and_those_refused_by_the_quota_do_not_use_the_minute(bool redis)
    {
        var clock = new ManualClock(Start);
        await using var counter = await CounterAsync(clock, redis);
        var rules = Rules(perMinute: 3, daily: 5);
        async Task<int> AllowedOfAsync(int attempts)
        {
            var allowed = 0;
            for (var i = 0; i < attempts; i++)
                allowed += (await counter.Counter.HitAllAsync("client|api", rules, default)).Allowed ? 1 : 0;
            return allowed;
        }

        var firstMinute = await AllowedOfAsync(3 + 20); // 20 knocks refused by the minute limit
        clock.Advance(TimeSpan.FromMinutes(1));
        var secondMinute = await AllowedOfAsync(3);     // only 2 left of the day: the knocks did not count
        var quotaRefusal = await counter.Counter.HitAllAsync("client|api", rules, default);
        await AllowedOfAsync(20);                       // knocking on the exhausted quota
        clock.Set(Start.Date.AddHours(17));             // 00:00 WIB on the next day: the quota renews
        var nextDay = await counter.Counter.HitAllAsync("client|api", rules, default);

        Assert.Equal(3, firstMinute);
        Assert.Equal(2, secondMinute);
        Assert.False(quotaRefusal.Allowed);
        Assert.Equal(PlanRuleSet.Daily, rules[quotaRefusal.RefusedIndex].Name);
        Assert.True(nextDay.Allowed);
        // The minute's count did not include the quota refusals: two left in this minute after one request.
        Assert.Equal(2, nextDay.Decisions[0].Remaining);
        Assert.Equal(4, nextDay.Decisions[1].Remaining);
        Assert.False(nextDay.Decisions[0].Degraded);
    }

    /// <summary>The counter under test: in this process, or in a real redis-server (the same script every node runs).</summary>
    private static async Task<CounterUnderTest> CounterAsync(ManualClock clock, bool redis)
    {
        var local = new LocalRateLimitCounter(clock);
        if (!redis)
            return new CounterUnderTest(local, null);
        var server = await RedisServer.StartAsync();
        var options = Microsoft.Extensions.Options.Options.Create(new AntiAutomationOptions { Redis = server.ConnectionString });
        var alerts = new SpbeConnector.Policies.AntiAutomation.Alerts.AlertHub(NullLogger<SpbeConnector.Policies.AntiAutomation.Alerts.AlertHub>.Instance);
        return new CounterUnderTest(new RedisRateLimitCounter(options, local, alerts, clock, NullLogger<RedisRateLimitCounter>.Instance), server);
    }

    private sealed record CounterUnderTest(IRateLimitCounter Counter, RedisServer? Server) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            (Counter as IDisposable)?.Dispose();
            if (Server is not null)
                await Server.DisposeAsync();
        }
    }

    [Fact]
    public void The_daily_quota_renews_at_midnight_in_jakarta_not_at_midnight_utc()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 22, 16, 0, 0, TimeSpan.Zero)); // 23:00 WIB
        var counter = new LocalRateLimitCounter(clock);
        var rules = Rules(daily: 2);

        var allowed = AllowedOf(counter, rules, 3);
        clock.Set(new DateTimeOffset(2026, 11, 22, 16, 59, 59, 999, TimeSpan.Zero)); // 23:59:59.999 WIB
        var lastMillisecond = counter.HitAll("client|api", rules, 1);
        clock.Set(new DateTimeOffset(2026, 11, 22, 17, 0, 0, TimeSpan.Zero)); // 00:00 WIB, 23 November
        var afterMidnight = counter.HitAll("client|api", rules, 1);

        Assert.Equal(2, allowed);
        Assert.False(lastMillisecond.Allowed);
        Assert.Equal(TimeSpan.FromMilliseconds(1), lastMillisecond.Decisions[0].ResetAfter);
        Assert.True(afterMidnight.Allowed);
        Assert.Equal(TimeSpan.FromDays(1), afterMidnight.Decisions[0].ResetAfter);
    }

    [Fact]
    public void The_monthly_quota_lasts_the_calendar_month_across_days_and_renews_on_the_first_in_jakarta()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)); // 07:00 WIB, 1 November
        var counter = new LocalRateLimitCounter(clock);
        var rules = Rules(daily: 10, monthly: 12);

        var firstDay = AllowedOf(counter, rules, 10);
        clock.Set(new DateTimeOffset(2026, 11, 15, 0, 0, 0, TimeSpan.Zero));
        var midMonth = AllowedOf(counter, rules, 10); // 2 left of the month, although the day has 10
        clock.Set(new DateTimeOffset(2026, 11, 30, 16, 59, 59, 999, TimeSpan.Zero)); // 23:59:59.999 WIB, 30 November
        var lastMillisecond = counter.HitAll("client|api", rules, 1);
        clock.Set(new DateTimeOffset(2026, 11, 30, 17, 0, 0, TimeSpan.Zero)); // 00:00 WIB, 1 December
        var december = AllowedOf(counter, rules, 10);

        Assert.Equal(10, firstDay);
        Assert.Equal(2, midMonth);
        Assert.False(lastMillisecond.Allowed);
        Assert.Equal(PlanRuleSet.Monthly, rules[lastMillisecond.RefusedIndex].Name);
        Assert.Equal(10, december);
    }

    [Fact]
    public void A_nodes_share_is_the_limit_divided_by_the_nodes_rounded_up()
    {
        var counter = new LocalRateLimitCounter(new ManualClock(Start));
        var rules = Rules(perMinute: 5);

        Assert.Equal(3, Enumerable.Range(0, 10).Count(_ => counter.HitAll("s", rules, 2).Allowed));
        Assert.Equal(3, LocalRateLimitCounter.Share(5, 2));
        Assert.Equal(1, LocalRateLimitCounter.Share(1, 4));
    }
}
