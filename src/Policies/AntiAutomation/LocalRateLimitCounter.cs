using System.Collections.Concurrent;

namespace SpbeConnector.Policies.AntiAutomation;

/// <summary>
/// Fixed-window counters in this process's memory: exact for one node, one small lock per key. Expired windows are
/// swept periodically so that counters for many source addresses do not accumulate.
/// </summary>
public sealed class LocalRateLimitCounter(TimeProvider clock) : IRateLimitCounter
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private long _nextSweepMs;

    public ValueTask<RateDecision> HitAsync(string key, RateLimitRule rule, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Hit(key, rule, rule.Limit));

    /// <summary>Counts against <paramref name="limit"/> rather than the rule's own (used for a node's share).</summary>
    public RateDecision Hit(string key, RateLimitRule rule, long limit)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        Sweep(now);
        var start = rule.WindowStart(now);
        var resetAfter = TimeSpan.FromMilliseconds(start + rule.WindowMilliseconds - now);
        var window = _windows.GetOrAdd(key, static _ => new Window());
        var (allowed, count) = window.Hit(start, limit);
        return new RateDecision(allowed, limit, allowed ? limit - count : 0, resetAfter);
    }

    private void Sweep(long now)
    {
        var next = Interlocked.Read(ref _nextSweepMs);
        if (now < next || Interlocked.CompareExchange(ref _nextSweepMs, now + 60_000, next) != next)
            return;
        foreach (var (key, window) in _windows)
        {
            // A window untouched for a day belongs to a client that went away.
            if (window.Start < now - 86_400_000)
                _windows.TryRemove(key, out _);
        }
    }

    private sealed class Window
    {
        private long _start = long.MinValue;
        private long _count;

        public long Start => Volatile.Read(ref _start);

        public (bool Allowed, long Count) Hit(long start, long limit)
        {
            lock (this)
            {
                if (_start != start)
                {
                    _start = start;
                    _count = 0;
                }
                if (_count >= limit)
                    return (false, _count);
                _count++;
                return (true, _count);
            }
        }
    }
}
