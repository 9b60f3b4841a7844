using System.Collections.Concurrent;

namespace SpbeConnector.Policies.Sla;

/// <summary>
/// Gathers the outcome of every proxied request into per-API, per-minute counters in memory; <see cref="SlaMonitor"/>
/// moves them to the store. Recording costs two interlocked increments and, once per API and minute, one allocation.
/// </summary>
public sealed class SlaRecorder(TimeProvider clock)
{
    private readonly ConcurrentDictionary<(string Api, long Minute), SlaMinuteCounters> _live = new();

    public void Record(string apiPath, string opdCode, SlaOutcome outcome)
    {
        if (outcome == SlaOutcome.NotCounted)
            return;
        var minute = clock.GetUtcNow().ToUnixTimeSeconds() / 60;
        _live.GetOrAdd((apiPath, minute), static (_, opd) => new SlaMinuteCounters(opd), opdCode).Add(outcome);
    }

    /// <summary>
    /// The counts gathered since the last take. Minutes that ended more than one minute ago are dropped from memory
    /// once taken (no request can still be adding to them); the recent ones stay and are emptied.
    /// </summary>
    public IReadOnlyList<SlaBucket> TakePending()
    {
        var current = clock.GetUtcNow().ToUnixTimeSeconds() / 60;
        var taken = new List<SlaBucket>();
        foreach (var ((api, minute), counters) in _live)
        {
            if (minute < current - 1)
                _live.TryRemove((api, minute), out _);
            var counts = counters.Take();
            if (counts.Total > 0)
                taken.Add(new SlaBucket(api, counters.OpdCode, minute, counts));
        }
        return taken;
    }
}
