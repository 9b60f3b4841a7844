using SpbeConnector.Policies.AntiAutomation.Plans;

namespace SpbeConnector.Policies.Tests.AntiAutomation.Plans;

public class LocalConcurrencyLimiterTests
{
    [Fact]
    public void N_slots_are_given_the_next_is_refused_and_a_returned_slot_is_given_again_once()
    {
        var limiter = new LocalConcurrencyLimiter();

        var leases = Enumerable.Range(0, 3).Select(_ => limiter.TryAcquire("c|a", 3)).ToArray();
        var fourth = limiter.TryAcquire("c|a", 3);
        var otherSubject = limiter.TryAcquire("d|a", 3);
        leases[0]!.Dispose();
        leases[0]!.Dispose(); // twice gives back one slot only
        var afterRelease = limiter.TryAcquire("c|a", 3);
        var full = limiter.TryAcquire("c|a", 3);

        Assert.All(leases, Assert.NotNull);
        Assert.Null(fourth);
        Assert.NotNull(otherSubject);
        Assert.NotNull(afterRelease);
        Assert.Null(full);
        Assert.Equal(3, limiter.InFlight("c|a"));
    }
}
