using System.Collections.Concurrent;

namespace SpbeConnector.Policies.AntiAutomation.Plans;

/// <summary>Slots for requests in flight counted in this process: exact for one node, and the fallback of the Redis limiter.</summary>
public sealed class LocalConcurrencyLimiter : IConcurrencyLimiter
{
    private readonly ConcurrentDictionary<string, Slots> _subjects = new(StringComparer.Ordinal);

    public ValueTask<IDisposable?> TryAcquireAsync(string subject, int limit, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IDisposable?>(TryAcquire(subject, limit));

    /// <summary>Takes a slot of <paramref name="subject"/> if fewer than <paramref name="limit"/> are taken.</summary>
    public ConcurrencyLease? TryAcquire(string subject, int limit)
    {
        var slots = _subjects.GetOrAdd(subject, static _ => new Slots());
        while (true)
        {
            var taken = Volatile.Read(ref slots.Taken);
            if (taken >= limit)
                return null;
            if (Interlocked.CompareExchange(ref slots.Taken, taken + 1, taken) == taken)
                return new ConcurrencyLease(slots);
        }
    }

    public ValueTask<long> InFlightAsync(string subject, CancellationToken cancellationToken) => ValueTask.FromResult((long)InFlight(subject));

    /// <summary>The slots of <paramref name="subject"/> in use now.</summary>
    public int InFlight(string subject) => _subjects.TryGetValue(subject, out var slots) ? Volatile.Read(ref slots.Taken) : 0;

    internal sealed class Slots
    {
        public int Taken;
    }
}
