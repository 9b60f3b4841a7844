namespace SpbeConnector.Policies.AntiAutomation.Plans;

/// <summary>One slot of a subscription's concurrency limit; disposing gives it back, exactly once.</summary>
public sealed class ConcurrencyLease : IDisposable
{
    private LocalConcurrencyLimiter.Slots? _slots;

    internal ConcurrencyLease(LocalConcurrencyLimiter.Slots slots) => _slots = slots;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _slots, null) is { } slots)
            Interlocked.Decrement(ref slots.Taken);
    }
}
