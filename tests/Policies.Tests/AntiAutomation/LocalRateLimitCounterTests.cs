using SpbeConnector.Policies.AntiAutomation;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Policies.Tests.AntiAutomation;

public class LocalRateLimitCounterTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Exactly_the_limit_passes_the_next_is_refused_and_refusals_are_not_counted()
    {
        var clock = new ManualClock(Start);
        var counter = new LocalRateLimitCounter(clock);
        var rule = new RateLimitRule("per-minute", 5, TimeSpan.FromMinutes(1));

        var decisions = new List<RateDecision>();
        for (var i = 0; i < 5; i++)
            decisions.Add(await counter.HitAsync("client-a", rule, default));
        var sixth = await counter.HitAsync("client-a", rule, default);
        for (var i = 0; i < 10; i++)
            await counter.HitAsync("client-a", rule, default); // knocking while limited

        Assert.All(decisions, d => Assert.True(d.Allowed));
        Assert.Equal([4L, 3, 2, 1, 0], decisions.Select(d => d.Remaining));
        Assert.False(sixth.Allowed);
        Assert.Equal(TimeSpan.FromMinutes(1), sixth.ResetAfter);
        // The refused requests did not push the reset away: the next window starts with a full budget.
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(4, (await counter.HitAsync("client-a", rule, default)).Remaining);
    }

    [Fact]
    public async Task Windows_roll_over_at_their_boundary_not_one_millisecond_earlier()
    {
        var clock = new ManualClock(Start.AddSeconds(30));
        var counter = new LocalRateLimitCounter(clock);
        var rule = new RateLimitRule("per-minute", 2, TimeSpan.FromMinutes(1));
        await counter.HitAsync("k", rule, default);
        await counter.HitAsync("k", rule, default);

        clock.Set(Start.AddMinutes(1).AddMilliseconds(-1));
        var justBefore = await counter.HitAsync("k", rule, default);
        clock.Set(Start.AddMinutes(1));
        var atBoundary = await counter.HitAsync("k", rule, default);

        Assert.False(justBefore.Allowed);
        Assert.Equal(TimeSpan.FromMilliseconds(1), justBefore.ResetAfter);
        Assert.True(atBoundary.Allowed);
    }

    [Fact]
    public async Task Keys_are_counted_apart_and_concurrent_hits_never_exceed_the_limit()
    {
        var counter = new LocalRateLimitCounter(new ManualClock(Start));
        var rule = new RateLimitRule("burst", 1000, TimeSpan.FromHours(1));

        var results = await Task.WhenAll(Enumerable.Range(0, 4000).Select(i => Task.Run(() => counter.HitAsync(i % 2 == 0 ? "a" : "b", rule, default).AsTask())));

        Assert.Equal(1000, results.Take(4000).Where((r, i) => i % 2 == 0 && r.Allowed).Count());
        Assert.Equal(1000, results.Where((r, i) => i % 2 == 1 && r.Allowed).Count());
    }
}
