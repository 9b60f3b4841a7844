using System.Collections.Concurrent;

namespace SpbeConnector.Policies.AntiAutomation.Plans;

/// <summary>
/// Requests of one subscription in flight at the same time, counted in this process (Pasal 59 ayat (13) huruf c:
/// simultaneous access to a function). A slot is taken before the request goes on and given back when its response
/// has completed or the request was aborted.
/// </summary>
public sealed class ConcurrencyLimiter
{
    private readonly ConcurrentDictionary<string, Slots> _subjects = new(StringComparer.Ordinal);

    /// <summary>Takes a slot of <paramref name="subject"/> if fewer than <paramref name="limit"/> are taken; the lease gives it back once.</summary>
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

    /// <summary>The slots of <paramref name="subject"/> in use now.</summary>
    public int InFlight(string subject) => _subjects.TryGetValue(subject, out var slots) ? Volatile.Read(ref slots.Taken) : 0;

    internal sealed class Slots
    {
        public int Taken;
    }
}
